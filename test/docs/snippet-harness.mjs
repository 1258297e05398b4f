// Runs ONE bundled doc snippet on Node, for test/docs/doc-snippets.test.ts:
//   node test/docs/snippet-harness.mjs <bundled-snippet.mjs>
// Env: DOC_RECORDS (file that receives one JSON line per record), DOC_CHANNEL_SECRET, DOC_AS_MAIN.
//
// Before the snippet is imported it installs, in this process only:
// - a fake LINE: every HTTPS connection to *.line.me (global fetch AND undici's own fetch, e.g.
//   createKeepAliveFetch) is re-routed to a local HTTP server that answers with the msw handlers of
//   `line-business-connect/testing` (businessConnectHandlers); a connection to any other host that is not
//   this machine throws, so a snippet can never reach the network;
// - `net.Server#listen` forced to 127.0.0.1 and a free port, so `app.listen(3000)` as written is safe;
// - `Deno.serve`/`Deno.env` and `Bun.serve`/`Bun.env` shims that only capture the fetch handler;
// - `__docLog(id)` and `__docShow(id, fn)`, which the runner substitutes for the `console.log` calls and
//   expression statements that carry an output comment: each prints as usual and records its text.
// After the import it "exercises" every entry point the snippet left behind: a default export with
// `fetch` (Workers, Hono), an exported `POST` (Next.js), captured Deno/Bun handlers, servers still
// listening, and the runner's `__docExport_*` re-exports of top-level `handler`/`app`. Each gets a
// signed delivery (follow, text "hello", block) and a forged one; the statuses are recorded.
// Everything it started is closed before it exits.
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:http';
import net from 'node:net';
import { resolve } from 'node:path';
import tls from 'node:tls';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { getResponse } from 'msw';
import { signBody } from 'line-business-connect';
import { blockedEvent, businessConnectHandlers, addedAsFriendEvent, textEvent } from 'line-business-connect/testing';

const snippetPath = resolve(process.argv[2] ?? '');
const recordsFile = process.env.DOC_RECORDS;
const channelSecret = process.env.DOC_CHANNEL_SECRET ?? 'doc-test-channel-secret';
process.env.LINE_CHANNEL_SECRET = channelSecret;
process.env.LINE_CHANNEL_TOKEN = 'doc-test-channel-token';
delete process.env.PORT;

const record = (entry) => recordsFile && appendFileSync(recordsFile, `${JSON.stringify(entry)}\n`);
const realFetch = globalThis.fetch;
const originalListen = net.Server.prototype.listen;

// --- the fake LINE -----------------------------------------------------------------------------
const line = await businessConnectHandlers();
const fakeLine = createServer(async (req, res) => {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const body = Buffer.concat(chunks);
  const request = new Request(`https://${req.headers.host}${req.url}`, {
    method: req.method,
    headers: Object.entries(req.headers).flatMap(([name, value]) => (Array.isArray(value) ? value.map((v) => [name, v]) : [[name, String(value)]])),
    body: req.method === 'GET' || req.method === 'HEAD' ? null : body,
  });
  const response = (await getResponse(line.handlers, request)) ?? Response.json({ statusCode: '404', statusMessage: 'Not found' }, { status: 404 });
  record({ kind: 'line', method: req.method, url: request.url, status: response.status });
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
});
await new Promise((resolve) => originalListen.call(fakeLine, 0, '127.0.0.1', resolve));
const fakeLinePort = fakeLine.address().port;
const localHosts = new Set(['127.0.0.1', 'localhost', '::1']);
const originalTlsConnect = tls.connect;
tls.connect = function connect(...args) {
  const options = typeof args[0] === 'object' && args[0] !== null ? args[0] : { port: args[0], host: typeof args[1] === 'string' ? args[1] : undefined };
  const host = options.host ?? options.servername ?? 'localhost';
  if (/(^|\.)line\.me$/i.test(host)) {
    // undici waits for 'secureConnect' on https: announce it once the plain local socket is up.
    const socket = net.connect({ port: fakeLinePort, host: '127.0.0.1' });
    socket.once('connect', () => socket.emit('secureConnect'));
    const callback = args.find((arg) => typeof arg === 'function');
    if (callback) socket.once('secureConnect', callback);
    return socket;
  }
  if (!localHosts.has(host)) throw new Error(`doc snippets must not use the network: TLS connection to ${host} refused`);
  return originalTlsConnect.apply(this, args);
};

// Plain TCP (http:, raw sockets) to anything but this machine fails too.
const originalSocketConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connect(...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const host = typeof first === 'object' && first !== null ? (first.path === undefined ? first.host : '127.0.0.1') : typeof args[1] === 'string' ? args[1] : undefined;
  if (host !== undefined && !localHosts.has(host)) throw new Error(`doc snippets must not use the network: connection to ${host} refused`);
  return originalSocketConnect.apply(this, args);
};

// --- servers: 127.0.0.1, free port, remembered -------------------------------------------------
const servers = new Set();
net.Server.prototype.listen = function listen(...args) {
  servers.add(this);
  this.once('close', () => servers.delete(this));
  const callback = typeof args.at(-1) === 'function' ? args.at(-1) : undefined;
  const first = args[0];
  if (typeof first === 'object' && first !== null && !(first instanceof net.Server) && first.path === undefined) {
    return originalListen.call(this, { ...first, port: 0, host: '127.0.0.1' }, ...(callback ? [callback] : []));
  }
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first)) || first === undefined || typeof first === 'function') {
    return originalListen.call(this, 0, '127.0.0.1', ...(callback ? [callback] : []));
  }
  return originalListen.apply(this, args);
};

// --- Deno and Bun shims ------------------------------------------------------------------------
const served = [];
globalThis.Deno ??= {
  env: { get: (name) => process.env[name] },
  serve(...args) {
    const handler = args.find((arg) => typeof arg === 'function') ?? args.find((arg) => typeof arg?.handler === 'function')?.handler;
    served.push({ name: 'Deno.serve handler', fetch: handler });
    return { finished: Promise.resolve(), shutdown: async () => {} };
  },
};
globalThis.Bun ??= {
  env: process.env,
  serve(options) {
    served.push({ name: 'Bun.serve fetch', fetch: options.fetch });
    return { port: options.port, stop() {} };
  },
};

// --- output records ----------------------------------------------------------------------------
globalThis.__docLog = (id) => (...args) => {
  const text = format(...args);
  process.stdout.write(`${text}\n`);
  record({ kind: 'out', id, text });
};
globalThis.__docShow = async (id, compute) => {
  let text;
  try {
    const value = await compute();
    text = value === undefined ? 'undefined' : JSON.stringify(value);
  } catch (error) {
    const field = error && typeof error === 'object' && 'field' in error ? ` (field ${JSON.stringify(error.field)})` : '';
    text = `throws ${error?.name ?? typeof error}${field}: ${JSON.stringify(String(error?.message ?? error))}`;
  }
  process.stdout.write(`${text}\n`);
  record({ kind: 'out', id, text });
};

// --- run the snippet, then exercise what it left behind --------------------------------------------
// DOC_AS_MAIN=1: the module sees itself as the script Node was started with (`node examples/x.mjs`).
if (process.env.DOC_AS_MAIN === '1') process.argv[1] = snippetPath;
const module = await import(pathToFileURL(snippetPath).href);
process.stdout.write('\n--- exercise ---\n');

const body = new TextEncoder().encode(
  JSON.stringify({ result: [addedAsFriendEvent({ mid: 'uDocTester' }), textEvent({ from: 'uDocTester', text: 'hello' }), blockedEvent({ mid: 'uDocTester' })] }),
);
const headersFor = async (secret) => ({
  'content-type': 'application/json; charset=UTF-8',
  'x-line-channelsignature': await signBody(body, secret),
});
const deliveries = async () => [
  ['valid', await headersFor(channelSecret)],
  ['forged', await headersFor('not-the-channel-secret')],
];
const webRequest = (headers) => new Request('http://127.0.0.1/callback', { method: 'POST', headers, body });
/** Runs one delivery; a thrown error counts as a rejection (e.g. handleWebhookBody's SignatureError). */
async function attempt(send) {
  try {
    return { status: await send() };
  } catch (error) {
    return { threw: `${error?.name}: ${error?.message}` };
  }
}
async function exercise(name, send) {
  const result = { kind: 'exercise', name };
  for (const [label, headers] of await deliveries()) result[label] = await attempt(() => send(headers));
  record(result);
}
const viaWebFetch = (fetchLike) => async (headers) => {
  const waiting = [];
  const ctx = { waitUntil: (promise) => void waiting.push(promise), passThroughOnException() {} };
  const env = { LINE_CHANNEL_SECRET: channelSecret, LINE_CHANNEL_TOKEN: 'doc-test-channel-token' };
  const response = await fetchLike(webRequest(headers), env, ctx);
  await Promise.all(waiting);
  await response.text();
  return response.status;
};
const viaHttp = (port) => async (headers) => {
  const response = await realFetch(`http://127.0.0.1:${port}/callback`, { method: 'POST', headers, body });
  await response.text();
  return response.status;
};

const owned = new Set();
if (typeof module.default?.fetch === 'function') await exercise('export default { fetch }', viaWebFetch((...a) => module.default.fetch(...a)));
if (typeof module.POST === 'function') await exercise('export POST', viaWebFetch((request) => module.POST(request)));
for (const { name, fetch } of served) await exercise(name, viaWebFetch((request) => fetch(request)));
for (const [exportName, value] of Object.entries(module)) {
  if (!exportName.startsWith('__docExport_') || value === undefined) continue;
  const name = exportName.slice('__docExport_'.length);
  if (typeof value?.inject === 'function') {
    await exercise(`${name} (Fastify inject)`, async (headers) => (await value.inject({ method: 'POST', url: '/callback', headers, payload: Buffer.from(body) })).statusCode);
  } else if (typeof value?.fetch === 'function') {
    await exercise(`${name}.fetch`, viaWebFetch((...a) => value.fetch(...a)));
  } else if (typeof value === 'function' && typeof value.listen === 'function') {
    const server = createServer(value);
    owned.add(server);
    await new Promise((resolve) => originalListen.call(server, 0, '127.0.0.1', resolve));
    await exercise(`${name} (Express app on a server)`, viaHttp(server.address().port));
  } else if (typeof value === 'function') {
    await exercise(`${name}(request)`, viaWebFetch((request) => value(request)));
  }
}
// `app.listen(3000)` returns before the socket is bound: wait for each server still open.
const listening = (server) =>
  server.listening ? Promise.resolve() : Promise.race([new Promise((resolve) => server.once('listening', resolve)), new Promise((resolve) => setTimeout(resolve, 5_000))]);
await Promise.all([...servers].map(listening));
for (const server of servers) {
  const address = server.listening ? server.address() : null;
  if (address && typeof address === 'object') await exercise(`server listening on :${address.port}`, viaHttp(address.port));
}

for (const server of [...servers, ...owned, fakeLine]) {
  if (!server.listening) continue;
  server.closeAllConnections?.();
  await new Promise((resolve) => server.close(() => resolve()));
}
process.exit(0);
