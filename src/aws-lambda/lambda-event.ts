// The Lambda shapes this adapter reads and writes, declared structurally (like the Fastify adapter's
// FastifyRequestLike): the entry needs no AWS package at runtime or for its types. The types of
// @types/aws-lambda (APIGatewayProxyEvent, APIGatewayProxyEventV2, LambdaFunctionURLEvent, their
// results and Context) fit them; test/unit/aws-lambda/lambda-types.test-d.ts proves it.

/**
 * An API Gateway REST API proxy event (payload format 1.0, `APIGatewayProxyEvent`): the fields the
 * handler reads. API Gateway fills both `headers` (last value of each) and `multiValueHeaders` (all values).
 */
export interface LambdaEventV1 {
  /** `POST`, `GET`, … */
  httpMethod: string;
  /** The path without the stage, e.g. `/callback`. */
  path: string;
  /** One value per header (the last one when repeated). */
  headers?: Record<string, string | undefined> | null;
  /** Every value of every header; preferred over `headers`. */
  multiValueHeaders?: Record<string, string[] | undefined> | null;
  /** Decoded query parameters (last value of each). */
  queryStringParameters?: Record<string, string | undefined> | null;
  /** Decoded query parameters, every value; preferred over `queryStringParameters`. */
  multiValueQueryStringParameters?: Record<string, string[] | undefined> | null;
  /** The body: text, or Base64 when `isBase64Encoded`; `null` without one. */
  body?: string | null;
  /** True when API Gateway Base64-encoded the body (binary media types). */
  isBase64Encoded?: boolean;
  /** Where the request came in. */
  requestContext?: {
    /** The API's host name; builds the request URL. */
    domainName?: string;
  } | null;
}

/**
 * An API Gateway HTTP API event (payload format 2.0, `APIGatewayProxyEventV2`) or a Lambda Function
 * URL event (same shape): the fields the handler reads. Repeated headers arrive joined with commas;
 * cookies arrive in `cookies`, not in `headers`.
 */
export interface LambdaEventV2 {
  /** `"2.0"`. */
  version?: string;
  /** The path, e.g. `/callback`. */
  rawPath: string;
  /** The query string without `?`, as received. */
  rawQueryString?: string;
  /** The `Cookie` header, split. */
  cookies?: string[];
  /** Headers (lower-case names; repeated ones joined with commas). */
  headers?: Record<string, string | undefined>;
  /** The body: text, or Base64 when `isBase64Encoded`; absent without one. */
  body?: string;
  /** True when the body is Base64 (HTTP APIs and Function URLs encode every non-text body). */
  isBase64Encoded?: boolean;
  /** Where and how the request came in. */
  requestContext: {
    /** The API's or Function URL's host name; builds the request URL. */
    domainName?: string;
    /** The HTTP request line. */
    http: {
      /** `POST`, `GET`, … */
      method: string;
    };
  };
}

/** Any HTTP event the handler accepts: REST API (v1), HTTP API (v2) or Function URL (v2 shape). */
export type LambdaHttpEvent = LambdaEventV1 | LambdaEventV2;

/** The parts of the Lambda `Context` that reach your callbacks untouched (structural: AWS's `Context` fits). */
export interface LambdaContextLike {
  /** The id of this invocation (log it next to the event ids). */
  awsRequestId?: string;
  /** Milliseconds left before Lambda stops the invocation. */
  getRemainingTimeInMillis?(): number;
}

/**
 * The result for a REST API (v1) event. `multiValueHeaders` when the event had them (every value, every
 * `Set-Cookie`), else `headers` (plus `multiValueHeaders` for `Set-Cookie` only, which API Gateway merges).
 */
export interface LambdaResultV1 {
  /** HTTP status. */
  statusCode: number;
  /** One value per header. */
  headers?: Record<string, string>;
  /** Every value per header. */
  multiValueHeaders?: Record<string, string[]>;
  /** Text, or Base64 when `isBase64Encoded`. */
  body: string;
  /** True when `body` is Base64 (a binary or compressed response). */
  isBase64Encoded: boolean;
}

/** The result for an HTTP API or Function URL (v2) event: `Set-Cookie` values go in `cookies`. */
export interface LambdaResultV2 {
  /** HTTP status. */
  statusCode: number;
  /** One value per header (repeated ones joined with commas, `Set-Cookie` excepted). */
  headers: Record<string, string>;
  /** One entry per `Set-Cookie` header, when there are any. */
  cookies?: string[];
  /** Text, or Base64 when `isBase64Encoded`. */
  body: string;
  /** True when `body` is Base64 (a binary or compressed response). */
  isBase64Encoded: boolean;
}

/** What the handler returns: the result shape of the event's payload format. */
export type LambdaHttpResult = LambdaResultV1 | LambdaResultV2;

/** True for the v2 shape (HTTP API, Function URL): it carries `requestContext.http.method`. */
export function isLambdaEventV2(event: LambdaHttpEvent): event is LambdaEventV2 {
  // A REST API event behind a custom domain may carry rawPath too; only v2 has requestContext.http.
  const http = (event.requestContext as { http?: { method?: unknown } } | null | undefined)?.http;
  return typeof http?.method === 'string';
}

/** True when `value` is an HTTP event this adapter maps (v1 `httpMethod`, or v2 `requestContext.http.method`). */
export function isLambdaHttpEvent(value: unknown): value is LambdaHttpEvent {
  if (typeof value !== 'object' || value === null) return false;
  return typeof (value as { httpMethod?: unknown }).httpMethod === 'string' || isLambdaEventV2(value as LambdaHttpEvent);
}
