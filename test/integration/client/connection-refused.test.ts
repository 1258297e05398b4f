// A real refused connection through the runtime's own fetch (no msw here): the error the client
// classifies as "provably not sent" must be what Node's fetch really produces.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, it } from 'vitest';
import { createClient } from '../../../src/client/create-client.js';
import { NetworkError } from '../../../src/errors.js';
import { text } from '../../../src/messages/text.js';
import { errorOf, settle } from './line-api-fake.js';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

it('a refused connection is a NetworkError that send retries (ECONNREFUSED)', async () => {
  const port = await closedPort();
  const delays: number[] = [];
  const client = createClient({
    channelToken: 'SECRET-TOKEN-123',
    baseUrl: `http://127.0.0.1:${port}`,
    retry: { maxAttempts: 3, sleep: (ms) => (delays.push(ms), Promise.resolve()) },
  });
  const result = await settle(client.send('u1', text('x')));
  const error = errorOf(result) as NetworkError;
  expect(error).toBeInstanceOf(NetworkError);
  expect(error.message).toContain('ECONNREFUSED');
  expect(error.message).not.toContain('SECRET-TOKEN-123');
  expect(delays).toHaveLength(2); // 3 attempts
});
