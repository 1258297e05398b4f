// A local stand-in for LINE's `POST /v1/events`, for the fan-out benchmarks: keep-alive HTTP/1.1 on
// 127.0.0.1, reads every body to the end, answers LINE's success JSON with a fresh messageId.
// Run as its own process (`node bench/line-server.mjs`) so that its CPU is not counted as the client's:
// it prints `{"port":N}` as its first stdout line and exits when its stdin closes.
// `GET /stats` answers `{"requests":N,"bodyBytes":N}` since the previous `/stats` (not counted itself).
import { createServer } from 'node:http';

let requests = 0;
let bodyBytes = 0;
let messageId = 1_000_000_000_000;

const server = createServer({ keepAlive: true, keepAliveTimeout: 60_000 }, (request, response) => {
  if (request.method === 'GET' && request.url === '/stats') {
    response.end(JSON.stringify({ requests, bodyBytes }));
    requests = 0;
    bodyBytes = 0;
    return;
  }
  request.on('data', (chunk) => {
    bodyBytes += chunk.length;
  });
  request.on('end', () => {
    requests++;
    const body = `{"failed":[],"messageId":"${messageId++}","timestamp":${Date.now()},"version":1}`;
    response.writeHead(200, { 'Content-Type': 'application/json; charset=UTF-8', 'Content-Length': Buffer.byteLength(body) });
    response.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.stdin.resume();
process.stdin.on('end', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});

