// Public API of line-business-connect/node: Node-only adapters, the undici transport and keep-alive fetch.
// Explicit named re-exports only. This is the one entry point that imports node:* and undici.

// receiving: Node http, Express, Fastify
export { createNodeMiddleware } from './create-node-middleware.js';
export type { NodeMiddleware, NodeMiddlewareOptions } from './create-node-middleware.js';
export { createFastifyHandler } from './create-fastify-handler.js';
export type { FastifyReplyLike, FastifyRequestLike } from './create-fastify-handler.js';
export { readNodeBody } from './read-node-body.js';
export type { ReadNodeBodyOptions } from './read-node-body.js';
export { toWebRequest } from './to-web-request.js';
export { writeNodeResponse } from './write-node-response.js';

// sending
export { createUndiciTransport } from './create-undici-transport.js';
export type { UndiciTransport, UndiciTransportOptions } from './create-undici-transport.js';
export { createKeepAliveFetch } from './create-keep-alive-fetch.js';
export type { KeepAliveFetch, KeepAliveFetchOptions } from './create-keep-alive-fetch.js';
export type { UndiciAgentOptions } from './undici-agent.js';
