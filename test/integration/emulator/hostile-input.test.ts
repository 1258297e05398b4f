// No input may end the emulator or poison its state: the built `line-bc emulator` runs as its own process
// (an unhandled rejection there would end it), gets hostile requests, answers each with a 4xx, and keeps
// serving its state, its users and its REST side afterwards. Needs `npm run build` first (npm test does it).
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const cli = new URL('../../../dist/cli.js', import.meta.url).pathname;
let child: ChildProcess;
let url: string;
let stderr = '';
const exits: (number | null)[] = [];

beforeAll(async () => {
  child = spawn(process.execPath, [cli, 'emulator', '--port', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.on('exit', (code) => exits.push(code));
  url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /REST base URL:\s+(\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', () => reject(new Error(`the emulator exited before listening: ${stderr}`)));
  });
});
afterAll(() => {
  child.kill('SIGTERM');
});

const token = 'emulator-channel-token';
const deep = (depth: number, leaf: unknown = 'x'): unknown => {
  let value: unknown = leaf;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
};
// Arrays nest in 2 bytes a level: 60,000 levels stay under the JSON API's 256 KiB body limit.
const deepText = (depth: number) => `${'['.repeat(depth)}"x"${']'.repeat(depth)}`;

async function api(path: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}) {
  const response = await fetch(`${url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { 'Content-Type': 'application/json', ...init.headers },
    body: init.body,
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>) };
}

/** Writes `request` on a new connection and resolves with what came back when the server closed it (or after `waitMs`). */
function raw(request: string, waitMs = 5_000): Promise<string> {
  return new Promise((resolve) => {
    const { port } = new URL(url);
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(request));
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.on('close', () => resolve(data));
    socket.on('error', () => resolve(data));
    setTimeout(() => socket.destroy(), waitMs);
  });
}

describe('hostile input to the emulator process', () => {
  let mid = '';
  beforeAll(async () => {
    const users = (await api('/_emulator/users')).body as unknown as { displayName: string; mid: string }[];
    mid = users.find((user) => user.displayName === 'Sally')!.mid;
  });

  const messages: [string, unknown, string][] = [
    ['a location title nested 60,000 deep', { type: 'location', title: 'T', latitude: 1, longitude: 2 }, 'title'],
    ['a sticker version nested 60,000 deep', { type: 'sticker', packageId: '1', stickerId: '2' }, 'version'],
    ['a sticker text nested 60,000 deep', { type: 'sticker', packageId: '1', stickerId: '2' }, 'text'],
    ['a contact name nested 60,000 deep', { type: 'contact', mid: 'u1' }, 'displayName'],
  ];
  it.each(messages)('answers 400 to %s, delivers nothing and stays up', async (_, message, field) => {
    const body = JSON.stringify(message).replace(/}$/, `,"${field}":${deepText(60_000)}}`);
    const answer = await api(`/_emulator/users/${mid}/messages`, { body });
    expect(answer.status).toBe(400);
    expect(String(answer.body?.error)).toMatch(new RegExp(`^sendAs: (a sticker's )?${field} must be a .*string.*, got an array\\.$`));
  });

  it.each<[string, unknown, string]>([
    ['a statusMessage nested 60,000 deep', { displayName: 'Deep' }, 'statusMessage'],
    ['friend: "no"', { displayName: 'NoFriend', friend: 'no' }, 'friend'],
    ['a displayName that is an object', { displayName: { a: 1 } }, 'displayName'],
    ['a MID that is a number', { displayName: 'Num', mid: 5 }, 'mid'],
  ])('refuses a user with %s (400) and stores nothing', async (_, user, field) => {
    const body = field === 'statusMessage' ? JSON.stringify(user).replace(/}$/, `,"statusMessage":${deepText(60_000)}}`) : JSON.stringify(user);
    const answer = await api('/_emulator/users', { body });
    expect(answer.status).toBe(400);
    expect(String(answer.body?.error)).toContain(`addUser: ${field} must be`);
  });

  it('refuses unknown fields, wrong types and bad JSON in every action with 4xx, never 500', async () => {
    const cases: [string, string | undefined, number][] = [
      [`/_emulator/users/${mid}/messages`, '{"type":"text","text":"hi","extra":1}', 400],
      [`/_emulator/users/${mid}/messages`, '{"type":"text","text":{"a":1}}', 400],
      [`/_emulator/users/${mid}/messages`, '{"type":"location","latitude":"1","longitude":2}', 400],
      [`/_emulator/users/${mid}/messages`, '{"type":"image","data":"AAAA"}', 400],
      [`/_emulator/users/${mid}/messages`, '{"type":"text","text":"hi","chatMid":{"a":1}}', 400],
      [`/_emulator/users/${mid}/messages`, '{"type":"text","text":"hi","chatMid":"cNope"}', 400],
      [`/_emulator/users/${mid}/messages`, '[1,2]', 400],
      [`/_emulator/users/${mid}/messages`, '{"type":', 400],
      [`/_emulator/users/${mid}/invite-group`, '{"name":{"a":1}}', 400],
      [`/_emulator/users/${mid}/block`, '{"now":true}', 400],
      ['/_emulator/users/nobody/messages', '{"type":"text","text":"hi"}', 400],
      ['/_emulator/webhook', '{"url":{"a":1}}', 400],
      ['/_emulator/webhook', '{"url":"ftp://x"}', 400],
      ['/_emulator/webhook', '{"url":"not a url"}', 400],
      ['/_emulator/deliveries/d999/redeliver', '{}', 400],
      ['/_emulator/reset', '{"everything":1}', 400],
      ['/_emulator/nothing-here', undefined, 404],
      ['/_emulator/users/%E0%A4%A/messages', '{}', 400],
    ];
    for (const [path, body, status] of cases) {
      const answer = await api(path, body === undefined ? {} : { body, method: path.endsWith('webhook') ? 'PUT' : 'POST' });
      expect([path, body, answer.status]).toEqual([path, body, status]);
      expect(typeof answer.body?.error).toBe('string');
    }
    const huge = await api(`/_emulator/users/${mid}/messages`, { body: JSON.stringify({ type: 'text', text: 'x'.repeat(300_000) }) });
    expect(huge.status).toBe(413);
  });

  it('answers TRACE, CONNECT-style targets, bad Host headers and half-sent bodies without dying', async () => {
    expect(await raw('TRACE / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n')).toMatch(/^HTTP\/1\.1 405/);
    expect(await raw('GET http://[bad HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    expect(await raw('GET /_emulator/state HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    await raw(`POST /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-Line-ChannelToken: ${token}\r\nContent-Length: 5000\r\n\r\n{"to":[`, 200);
    await raw(`POST /_emulator/users HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"displayName":`, 200);
  });

  it('refuses requests for another host name (DNS rebinding) with 403, and answers its own names', async () => {
    const rebound = await raw('GET /_emulator/state HTTP/1.1\r\nHost: attacker.example:8765\r\nConnection: close\r\n\r\n');
    expect(rebound).toMatch(/^HTTP\/1\.1 403/);
    expect(rebound).toContain('Forbidden: the emulator does not answer the host name \\"attacker.example\\".');
    const { port } = new URL(url);
    const webhook = await raw(`PUT /_emulator/webhook HTTP/1.1\r\nHost: evil.test\r\nContent-Type: application/json\r\nContent-Length: 34\r\nConnection: close\r\n\r\n{"url":"http://evil.test/collect"}`);
    expect(webhook).toMatch(/^HTTP\/1\.1 403/);
    expect(await raw(`GET /_emulator/users HTTP/1.1\r\nHost: localhost:${port}\r\nConnection: close\r\n\r\n`)).toMatch(/^HTTP\/1\.1 200/);
    expect(await raw(`GET /_emulator/users HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`)).toMatch(/^HTTP\/1\.1 200/);
    expect((await api('/_emulator/state')).body?.channel).toMatchObject({ webhookUrl: null });
  });

  it('is still alive and serves every view afterwards, with nothing odd stored', async () => {
    expect(exits).toEqual([]);
    const state = await api('/_emulator/state');
    expect(state.status).toBe(200);
    const users = await api('/_emulator/users');
    expect(users.status).toBe(200);
    expect((users.body as unknown as { displayName: string }[]).map((user) => user.displayName)).toEqual(['Sally', 'Brown', 'Cony']);
    const profiles = await api(`/v1/profiles?mids=${mid}`, { headers: { 'X-Line-ChannelToken': token } });
    expect(profiles.status).toBe(200);
    expect((state.body?.conversations as { entries: unknown[] }[]).flatMap((chat) => chat.entries)).toEqual([]);
    expect(stderr).toBe('');
  });
});

// Keeps the `deep` helper honest: the nested values above really are 60,000 levels deep.
it('builds 60,000-deep values that JSON.stringify cannot write', () => {
  expect(() => JSON.stringify(deep(60_000))).toThrow(RangeError);
});
