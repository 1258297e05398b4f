// Whatever a bot sends, the emulator answers with a LINE-style JSON error or a success, never crashes,
// and never records a message it rejected.
import fc from 'fast-check';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../../src/emulator/start-emulator.js';
import type { Emulator } from '../../../src/emulator/emulator-types.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu.close();
});

async function post(body: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${emu.url}/v1/events`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Line-ChannelToken': emu.channelToken },
    body,
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('bad input on POST /v1/events', () => {
  it('answers arbitrary JSON values with a LINE error body and records nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), async (value) => {
        const { status, json } = await post(JSON.stringify(value) ?? 'null');
        expect([400, 413]).toContain(status);
        expect(Object.keys(json)).toEqual(['statusCode', 'statusMessage']);
        expect(typeof json.statusMessage).toBe('string');
      }),
      { numRuns: 60 },
    );
    expect(emu.conversations().flatMap((c) => c.entries)).toEqual([]);
  });

  it('answers mutated valid envelopes with a success or a LINE error, never a 5xx', async () => {
    const sally = emu.user('Sally').mid;
    const base = { to: [sally], toChannel: 1383378250, eventType: '138311608800106203', content: { contentType: 1, toType: 1, text: 'x' } };
    const anything = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.boolean(), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('to', 'toChannel', 'eventType', 'content', 'content.contentType', 'content.toType', 'content.text', 'extra'), anything, async (path, value) => {
        const envelope = structuredClone(base) as Record<string, unknown>;
        if (path.startsWith('content.')) (envelope.content as Record<string, unknown>)[path.slice(8)] = value;
        else envelope[path] = value;
        const { status, json } = await post(JSON.stringify(envelope));
        expect([200, 400]).toContain(status);
        if (status === 400) expect(Object.keys(json)).toEqual(['statusCode', 'statusMessage']);
      }),
      { numRuns: 80 },
    );
  });

  it('survives a client that hangs up in the middle of a body, and bodies that are not UTF-8', async () => {
    const { port } = new URL(emu.url);
    await new Promise<void>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(`POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Line-ChannelToken: ${emu.channelToken}\r\nContent-Length: 5000\r\n\r\n{"to":[`);
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 50);
      });
    });
    const response = await fetch(`${emu.url}/v1/events`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Line-ChannelToken': emu.channelToken },
      body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ statusCode: '400', statusMessage: 'The request body is not valid UTF-8 JSON.' });
  });

  it('answers a malformed request target and odd methods without crashing', async () => {
    const raw = (request: string) =>
      new Promise<string>((resolve) => {
        const { port } = new URL(emu.url);
        const socket = connect(Number(port), '127.0.0.1', () => socket.write(request));
        let data = '';
        socket.on('data', (chunk) => (data += chunk.toString()));
        socket.on('close', () => resolve(data));
        // Connection: close makes the server end the socket; the timer only bounds a hang (a loaded box may need > 300 ms).
        setTimeout(() => socket.destroy(), 5_000);
      });
    expect(await raw('GET http://[bad HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    const patch = await fetch(`${emu.url}/v1/events`, { method: 'PATCH', headers: { 'X-Line-ChannelToken': emu.channelToken } });
    expect(patch.status).toBe(405);
    expect((await fetch(`${emu.url}/v1/profiles?mids=`, { headers: { 'X-Line-ChannelToken': emu.channelToken } })).status).toBe(400);
    const badEscape = await fetch(`${emu.url}/v1/bot/message/%E0%A4%A/content`, { headers: { 'X-Line-ChannelToken': emu.channelToken } });
    expect(badEscape.status).toBe(404);
    expect(await badEscape.json()).toMatchObject({ statusCode: '404' });
    const badApi = await fetch(`${emu.url}/_emulator/conversations/%E0%A4%A`);
    expect(badApi.status).toBe(400);
    expect(await badApi.json()).toEqual({ error: 'The path has a malformed %-escape.' });
  });
});
