// Public API of line-business-connect/aws-lambda: the LINE webhook on AWS Lambda (API Gateway REST and
// HTTP APIs, Function URLs). Explicit named re-exports only. Web APIs only (no node:*, no AWS package),
// so it also runs on Lambda runtimes other than Node.
export { createLambdaHandler } from './create-lambda-handler.js';
export type { LambdaHandler, LambdaHandlerOptions, LambdaWebhookContext } from './create-lambda-handler.js';
export { toWebRequest } from './to-web-request.js';
export { toLambdaResult } from './to-lambda-result.js';
export { isLambdaEventV2, isLambdaHttpEvent } from './lambda-event.js';
export type { LambdaEventV1, LambdaEventV2, LambdaHttpEvent, LambdaContextLike, LambdaResultV1, LambdaResultV2, LambdaHttpResult } from './lambda-event.js';
// The logger option's type (the same interface the client and the webhook handlers use).
export type { Logger } from '../logger.js';
