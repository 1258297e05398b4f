// msw is an OPTIONAL peer dependency (architecture: the testing entry runs on any runtime, "msw parts need
// Node"). The BUILT dist/testing.js and dist/testing.cjs are installed into a temp folder whose
// node_modules holds only this package and valibot: importing the entry, signedRequest, the factories
// and startEmulator (from line-business-connect/emulator) must work there, and businessConnectHandlers
// must reject saying to install msw.
// Needs `npm run build` first; npm test does it.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const secret = 'no-msw-secret';
const body = '{"result":[]}';
let dir: string;

const script = (load: string) => `
${load}
const { signedRequest, textEvent, resetEventFactories, businessConnectHandlers } = testing;
const { startEmulator } = emulator;
const out = {};
try { await import('msw'); out.msw = 'resolvable'; } catch { out.msw = 'missing'; }
const request = await signedRequest(${JSON.stringify(body)}, { channelSecret: ${JSON.stringify(secret)} });
out.signature = request.headers.get('x-line-channelsignature');
out.method = request.method;
out.body = await request.text();
resetEventFactories();
out.eventId = textEvent({ text: 'hi' }).id;
const emu = await startEmulator();
out.emulator = (await fetch(emu.url + '/_emulator/state')).status;
await emu.close();
try {
  await businessConnectHandlers();
  out.handlers = 'resolved';
} catch (error) {
  out.handlers = { name: error.name, message: error.message };
}
console.log(JSON.stringify(out));
`;

/** A temp base folder from which msw cannot be resolved (an ancestor node_modules, e.g. a /tmp/node_modules link, would find it). */
function baseWithoutMsw(): string {
  for (const base of [tmpdir(), '/var/tmp', '/dev/shm']) {
    try {
      createRequire(join(base, 'probe.cjs')).resolve('msw');
    } catch {
      return base;
    }
  }
  throw new Error('every temp folder can resolve msw through an ancestor node_modules: cannot test the testing entry without msw here');
}

beforeAll(() => {
  dir = realpathSync(mkdtempSync(join(baseWithoutMsw(), 'bc-no-msw-')));
  const pkg = join(dir, 'node_modules', 'line-business-connect');
  mkdirSync(pkg, { recursive: true });
  cpSync(join(root, 'package.json'), join(pkg, 'package.json'));
  cpSync(join(root, 'dist'), join(pkg, 'dist'), { recursive: true });
  symlinkSync(realpathSync(join(root, 'node_modules', 'valibot')), join(dir, 'node_modules', 'valibot'), 'dir');
  writeFileSync(join(dir, 'package.json'), '{"type":"module","private":true}');
  writeFileSync(
    join(dir, 'esm.mjs'),
    script("import * as testing from 'line-business-connect/testing';\nimport * as emulator from 'line-business-connect/emulator';"),
  );
  // CommonJS: require() the .cjs build, inside an async wrapper for the awaits.
  writeFileSync(
    join(dir, 'cjs.cjs'),
    `const testing = require('line-business-connect/testing');\nconst emulator = require('line-business-connect/emulator');\n(async () => {${script('')}})().catch((error) => { console.error(error); process.exit(1); });\n`,
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(['esm.mjs', 'cjs.cjs'])('line-business-connect/testing without msw (%s)', (file) => {
  it('loads, signs, builds events and starts the emulator; businessConnectHandlers rejects naming msw', async () => {
    const { createHmac } = await import('node:crypto');
    const result = spawnSync(process.execPath, [file], { cwd: dir, encoding: 'utf8', timeout: 15_000 });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out).toEqual({
      msw: 'missing',
      signature: createHmac('sha256', secret).update(body).digest('base64'),
      method: 'POST',
      body,
      eventId: 'WB1519-0000000001',
      emulator: 200,
      handlers: {
        name: 'LineError',
        message:
          'businessConnectHandlers needs msw 2, an optional peer dependency of line-business-connect that could not be loaded: install it with `npm install -D msw@2`.',
      },
    });
  });
});
