// Lambda HTTP events as AWS delivers them (the samples of the API Gateway and Lambda docs), typed with
// @types/aws-lambda so that a missing or misspelt field fails the type check.
import type { APIGatewayProxyEvent, APIGatewayProxyEventV2, Context, LambdaFunctionURLEvent } from 'aws-lambda';

/** What varies from one test event to the next. */
export interface EventInput {
  /** The body as the client sent it (bytes or text). Default none. */
  body?: Uint8Array | string;
  /** Send the body Base64-encoded with `isBase64Encoded: true` (binary media types; Function URLs for non-text). Default false. */
  base64?: boolean;
  /** Request headers, in the case the client sent them. Default none. */
  headers?: Record<string, string>;
  /** Default `POST`. */
  method?: string;
}

function bodyField(input: EventInput): { body: string | null; isBase64Encoded: boolean } {
  if (input.body === undefined) return { body: null, isBase64Encoded: false };
  const bytes = typeof input.body === 'string' ? new TextEncoder().encode(input.body) : input.body;
  if (input.base64) return { body: Buffer.from(bytes).toString('base64'), isBase64Encoded: true };
  return { body: typeof input.body === 'string' ? input.body : new TextDecoder().decode(bytes), isBase64Encoded: false };
}

/** An API Gateway REST API proxy event (payload 1.0) for `POST /callback` on stage `prod`. */
export function restApiEvent(input: EventInput = {}, extra: { multiValueHeaders?: Record<string, string[]>; query?: Record<string, string[]> } = {}): APIGatewayProxyEvent {
  const method = input.method ?? 'POST';
  const headers: Record<string, string> = {
    Host: 'abcdef1234.execute-api.ap-northeast-1.amazonaws.com',
    'User-Agent': 'LINE-BotSDK',
    'X-Amzn-Trace-Id': 'Root=1-65f0a1b2-0123456789abcdef01234567',
    'X-Forwarded-For': '203.104.146.152',
    'X-Forwarded-Port': '443',
    'X-Forwarded-Proto': 'https',
    ...input.headers,
  };
  const multiValueHeaders = extra.multiValueHeaders ?? Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]]));
  const query = extra.query ?? null;
  return {
    resource: '/callback',
    path: '/callback',
    httpMethod: method,
    headers,
    multiValueHeaders,
    queryStringParameters: query && Object.fromEntries(Object.entries(query).map(([name, values]) => [name, values.at(-1)])),
    multiValueQueryStringParameters: query,
    pathParameters: null,
    stageVariables: null,
    requestContext: {
      resourceId: 'x1y2z3',
      resourcePath: '/callback',
      httpMethod: method,
      extendedRequestId: 'UxVgVEXAMPLE=',
      requestTime: '10/Mar/2026:14:21:05 +0000',
      path: '/prod/callback',
      accountId: '123456789012',
      protocol: 'HTTP/1.1',
      stage: 'prod',
      domainPrefix: 'abcdef1234',
      requestTimeEpoch: 1773152465000,
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      identity: {
        cognitoIdentityPoolId: null,
        accountId: null,
        cognitoIdentityId: null,
        caller: null,
        sourceIp: '203.104.146.152',
        principalOrgId: null,
        accessKey: null,
        cognitoAuthenticationType: null,
        cognitoAuthenticationProvider: null,
        userArn: null,
        userAgent: 'LINE-BotSDK',
        user: null,
        apiKey: null,
        apiKeyId: null,
        clientCert: null,
      },
      domainName: 'abcdef1234.execute-api.ap-northeast-1.amazonaws.com',
      apiId: 'abcdef1234',
      authorizer: null,
    },
    ...bodyField(input),
  };
}

/** An API Gateway HTTP API event (payload 2.0) for `POST /callback` on the `$default` stage. */
export function httpApiEvent(input: EventInput = {}, extra: { cookies?: string[]; rawQueryString?: string } = {}): APIGatewayProxyEventV2 {
  const method = input.method ?? 'POST';
  const { body, isBase64Encoded } = bodyField(input);
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: `${method} /callback`,
    rawPath: '/callback',
    rawQueryString: extra.rawQueryString ?? '',
    headers: {
      host: 'r3pmxmplak.execute-api.ap-northeast-1.amazonaws.com',
      'user-agent': 'LINE-BotSDK',
      'x-amzn-trace-id': 'Root=1-65f0a1b2-0123456789abcdef01234567',
      'x-forwarded-for': '203.104.146.152',
      'x-forwarded-port': '443',
      'x-forwarded-proto': 'https',
      ...Object.fromEntries(Object.entries(input.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value])),
    },
    requestContext: {
      accountId: '123456789012',
      apiId: 'r3pmxmplak',
      domainName: 'r3pmxmplak.execute-api.ap-northeast-1.amazonaws.com',
      domainPrefix: 'r3pmxmplak',
      http: { method, path: '/callback', protocol: 'HTTP/1.1', sourceIp: '203.104.146.152', userAgent: 'LINE-BotSDK' },
      requestId: 'JKJaXmPLvHcESHA=',
      routeKey: `${method} /callback`,
      stage: '$default',
      time: '10/Mar/2026:14:21:05 +0000',
      timeEpoch: 1773152465000,
    },
    isBase64Encoded,
  };
  if (extra.cookies) event.cookies = extra.cookies;
  if (body !== null) event.body = body;
  return event;
}

/** A Lambda Function URL event (payload 2.0 shape, route `$default`). */
export function functionUrlEvent(input: EventInput = {}): LambdaFunctionURLEvent {
  const event = httpApiEvent(input);
  const domainName = 'g3rszkvpqe4o5xlhi3t5dm6umu0xsdps.lambda-url.ap-northeast-1.on.aws';
  return {
    ...event,
    routeKey: '$default',
    headers: { ...event.headers, host: domainName },
    requestContext: { ...event.requestContext, apiId: 'g3rszkvpqe4o5xlhi3t5dm6umu0xsdps', domainName, domainPrefix: 'g3rszkvpqe4o5xlhi3t5dm6umu0xsdps', routeKey: '$default', stage: '$default' },
  };
}

/** A Lambda `Context` as the Node runtime passes it. */
export function lambdaContext(): Context {
  const fail = () => {
    throw new Error('deprecated Context method called');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'line-webhook',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:ap-northeast-1:123456789012:function:line-webhook',
    memoryLimitInMB: '256',
    awsRequestId: '3f7a1c2e-5b8d-4e9f-a0b1-c2d3e4f5a6b7',
    logGroupName: '/aws/lambda/line-webhook',
    logStreamName: '2026/03/10/[$LATEST]0123456789abcdef',
    getRemainingTimeInMillis: () => 2_500,
    done: fail,
    fail,
    succeed: fail,
  };
}
