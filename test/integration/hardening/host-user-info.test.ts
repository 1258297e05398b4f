// Found by the reliability fuzz (test/reliability/node-adapters-fuzz.test.ts): a `Host` header or an
// absolute-form request target with user info (`Host: u@h`, `POST http://a:b@h/callback`) made
// toWebRequest build a URL that `new Request()` refuses ("URL that includes credentials"), so both Node
// adapters answered 500 `internal_error`, unreported, to a header anyone can send. A genuine delivery
// sent that way must be handled like any other: the URL only serves routing and logging.
import Fastify from 'fastify';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createFastifyHandler, createNodeMiddleware, toWebRequest } from '../../../src/node/index.js';
import { batchBytes, channelSecret, close, listen } from '../node/helpers.js';
import { signBody } from '../../../src/index.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map(close));
});

/** Sends a genuine delivery as raw bytes with this request target and Host; resolves with the status line and body. */
async function deliverRaw(port: number, target: string, host: string): Promise<string> {
  const head = [`POST ${target} HTTP/1.1`, `Host: ${host}`, 'Content-Type: application/json; charset=UTF-8', `X-LINE-ChannelSignature: ${await signBody(batchBytes, channelSecret)}`, `Content-Length: ${batchBytes.length}`, 'Connection: close', '', ''];
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('close', () => resolve(`${answer.split('\r\n')[0]} ${answer.slice(answer.indexOf('\r\n\r\n') + 4)}`));
    socket.end(Buffer.concat([Buffer.from(head.join('\r\n'), 'latin1'), batchBytes]));
  });
}

const accepted = 'HTTP/1.1 200 OK ';
const cases: [string, string][] = [
  ['/callback', 'u@bot.example.com'],
  ['/callback', 'user:password@bot.example.com:8080'],
  ['http://a:b@bot.example.com/callback', 'bot.example.com'],
];

describe('a Host or request target with user info (found by the reliability fuzz)', () => {
  it('toWebRequest drops the user info instead of throwing', () => {
    const req = { method: 'POST', url: 'http://a:b@h/callback', rawHeaders: ['Host', 'u@h'], socket: {} } as unknown as IncomingMessage;
    expect(toWebRequest(req).url).toBe('http://h/callback');
    const fromHost = { method: 'POST', url: '/callback', rawHeaders: ['Host', 'user:pw@bot.example.com:8080'], socket: {} } as unknown as IncomingMessage;
    expect(toWebRequest(fromHost).url).toBe('http://bot.example.com:8080/callback');
  });

  it.each(cases)('createNodeMiddleware: POST %s with Host %s is delivered (200), not a 500', async (target, host) => {
    const events: string[] = [];
    const middleware = createNodeMiddleware({ channelSecret, onEvents: (batch) => void events.push(...batch.map((event) => event.type)) });
    const server = createServer((req: IncomingMessage, res: ServerResponse) => void middleware(req, res));
    servers.push(server);
    const port = Number(new URL(await listen(server)).port);
    expect(await deliverRaw(port, target, host)).toBe(accepted);
    expect(events).toEqual(['message', 'operation']);
  });

  it.each(cases.filter(([target]) => target === '/callback'))('createFastifyHandler: POST %s with Host %s is delivered (200), not a 500', async (target, host) => {
    const events: string[] = [];
    const app = Fastify();
    await app.register(async (scope) => {
      scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
      scope.post('/callback', createFastifyHandler({ channelSecret, onEvents: (batch) => void events.push(...batch.map((event) => event.type)) }));
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      expect(await deliverRaw((app.server.address() as AddressInfo).port, target, host)).toBe(accepted);
      expect(events).toEqual(['message', 'operation']);
    } finally {
      await app.close();
    }
  });
});
