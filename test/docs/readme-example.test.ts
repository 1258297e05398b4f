// Runs the README's example exactly as written, against the built package: the code block is copied
// to a module inside the repo (so `line-business-connect` resolves to this package), imported by a
// Node process whose global fetch records what the example sends to LINE.
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const dir = join(root, '.reports', 'readme');

/** The first ```js block after the "## Example" heading. */
function exampleBlock(readme: string): string {
  const section = readme.slice(readme.indexOf('## Example'));
  const match = /```js\n([\s\S]*?)```/.exec(section);
  if (!match?.[1]) throw new Error('README has no ```js block under "## Example"');
  return match[1];
}

const runner = `
import { signBody } from 'line-business-connect';
const sent = [];
globalThis.fetch = async (input, init) => {
  const request = new Request(input, init);
  sent.push({ method: request.method, url: request.url, token: request.headers.get('x-line-channeltoken'),
    contentType: request.headers.get('content-type'), body: await request.text() });
  return Response.json({ failed: [], messageId: '1347940533207', timestamp: 1347940533207, version: 1 });
};
const { default: worker } = await import('./example.mjs');
const deleted = [];
const env = { LINE_CHANNEL_TOKEN: 'readme-token', LINE_CHANNEL_SECRET: 'readme-secret', USERS: { delete: async (key) => { deleted.push(key); } } };
const body = JSON.stringify({ result: [
  { from: 'u206d25c2ea6bd87c17655609a1c37cb8', fromChannel: 1341301815, to: ['u0cc15697597f61dd8b01cea8b027050e'], toChannel: 1441301333,
    eventType: '138311609000106303', id: 'WB1-1', content: { id: '325708', createdTime: 1332394961610, from: 'uff2aec188e58752ee1fb0f9507c6529a',
    to: ['u0cc15697597f61dd8b01cea8b027050e'], toType: 1, contentType: 1, text: 'hello' } },
  { from: 'u206d25c2ea6bd87c17655609a1c37cb8', fromChannel: 1341301815, to: ['u0cc15697597f61dd8b01cea8b027050e'], toChannel: 1441301333,
    eventType: '138311609100106403', id: 'WB1-2', content: { revision: 2470, opType: 8, params: ['uff2aec188e58752ee1fb0f9507c6529a', null, null] } },
] });
const waiting = [];
const ctx = { waitUntil: (promise) => waiting.push(promise) };
const signed = (signature) => new Request('https://bot.example/callback', { method: 'POST', headers: { 'X-LINE-ChannelSignature': signature }, body });
const response = await worker.fetch(signed(await signBody(body, env.LINE_CHANNEL_SECRET)), env, ctx);
const sentBeforeWaitUntil = sent.length;
await Promise.all(waiting);
const forged = await worker.fetch(signed(await signBody(body, 'another-secret')), env, ctx);
console.log(JSON.stringify({ status: response.status, waitUntilCalls: waiting.length, sentBeforeWaitUntil, sent, deleted, forgedStatus: forged.status }));
`;

describe('README example', () => {
  it('answers 200 first, replies to the text under waitUntil, deletes the blocking user, and rejects a forged request', async () => {
    const readme = await readFile(join(root, 'README.md'), 'utf8');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'example.mjs'), exampleBlock(readme));
    await writeFile(join(dir, 'run.mjs'), runner);
    const { stdout } = await promisify(execFile)(process.execPath, [join(dir, 'run.mjs')], { cwd: root });
    const result = JSON.parse(stdout.trim().split('\n').pop() ?? '');
    expect(result).toEqual({
      status: 200,
      waitUntilCalls: 1,
      sentBeforeWaitUntil: 0,
      sent: [
        {
          method: 'POST',
          url: 'https://api.line.me/v1/events',
          token: 'readme-token',
          contentType: 'application/json; charset=UTF-8',
          body: '{"to":["uff2aec188e58752ee1fb0f9507c6529a"],"toChannel":1383378250,"eventType":"138311608800106203","content":{"contentType":1,"toType":1,"text":"You said: hello"}}',
        },
      ],
      deleted: ['uff2aec188e58752ee1fb0f9507c6529a'],
      forgedStatus: 401,
    });
  });
});
