// The entry declares its own structural Lambda types (no AWS package needed); AWS's own types from
// @types/aws-lambda must fit them both ways a user writes a handler.
import type {
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  APIGatewayProxyHandler,
  APIGatewayProxyHandlerV2,
  APIGatewayProxyResult,
  APIGatewayProxyStructuredResultV2,
  Context,
  LambdaFunctionURLEvent,
  LambdaFunctionURLHandler,
} from 'aws-lambda';
import { describe, expectTypeOf, it } from 'vitest';
import {
  createLambdaHandler,
  toLambdaResult,
  toWebRequest,
  type LambdaContextLike,
  type LambdaHandler,
  type LambdaHttpEvent,
  type LambdaHttpResult,
} from '../../../src/aws-lambda/index.js';

describe('line-business-connect/aws-lambda types', () => {
  it('the handler can be typed as an API Gateway v1, v2 or Function URL handler', () => {
    const handler = createLambdaHandler({ channelSecret: 's' });
    expectTypeOf(handler).toEqualTypeOf<LambdaHandler>();
    const rest: APIGatewayProxyHandler = handler;
    const http: APIGatewayProxyHandlerV2 = handler;
    const url: LambdaFunctionURLHandler = handler;
    void [rest, http, url];
  });

  it("AWS's events and Context fit the structural types; the results fit AWS's result types", () => {
    expectTypeOf<APIGatewayProxyEvent>().toMatchTypeOf<LambdaHttpEvent>();
    expectTypeOf<APIGatewayProxyEventV2>().toMatchTypeOf<LambdaHttpEvent>();
    expectTypeOf<LambdaFunctionURLEvent>().toMatchTypeOf<LambdaHttpEvent>();
    expectTypeOf<Context>().toMatchTypeOf<LambdaContextLike>();
    expectTypeOf<LambdaHttpResult>().toMatchTypeOf<APIGatewayProxyResult>();
    expectTypeOf<LambdaHttpResult>().toMatchTypeOf<APIGatewayProxyStructuredResultV2>();
  });

  it('callbacks get the Lambda event and context; the mappings are typed', () => {
    createLambdaHandler({
      channelSecret: 's',
      onMessage: (_event, { context }) => {
        expectTypeOf(context?.event).toEqualTypeOf<LambdaHttpEvent | undefined>();
        expectTypeOf(context?.lambdaContext?.awsRequestId).toEqualTypeOf<string | undefined>();
      },
    });
    // @ts-expect-error Lambda cannot answer first: no waitUntil
    createLambdaHandler({ channelSecret: 's', respond: 'first' });
    expectTypeOf(toWebRequest).parameter(0).toEqualTypeOf<LambdaHttpEvent>();
    expectTypeOf(toLambdaResult).returns.toEqualTypeOf<Promise<LambdaHttpResult>>();
  });
});
