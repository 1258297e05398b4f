// The README's "smallest bot", exactly as written, served by each runtime the README names for it:
// `deno serve`, `bun` and workerd (what `wrangler dev` runs: bundled by esbuild with the Workers
// conditions, settings as text bindings, no nodejs_compat). Each talks to a real emulator started here,
// as "Try it without LINE" says: deliveries come signed from the emulator, replies go to its REST side.
// Only the address differs from the README's commands: 127.0.0.1 and a free port.
// 'line-business-connect' resolves to the BUILT package (dist/): run `npm run build` first.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeBinaries } from '../../scripts/install-runtimes.mjs';
import { startEmulator } from '../../src/emulator/start-emulator.js';
import type { Emulator } from '../../src/emulator/emulator-types.js';
import { freePort, requireRuntimes, root, startProcess, stopAll, waitForPort, type RuntimeProcess } from './processes.js';

const forgedWarning =
  '[line-business-connect] webhook delivery rejected with 401: SignatureError: The X-LINE-ChannelSignature header does not match the body: check the channel secret, and verify the raw body bytes, not re-serialised JSON.';
const testTimeoutMs = 30_000;

/** The first ```js block under "## The smallest bot". */
function readmeBot(): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## The smallest bot'));
  const match = /```js\n([\s\S]*?)```/.exec(section);
  if (!match?.[1]) throw new Error('README.md has no ```js block under "## The smallest bot"');
  return match[1];
}

let signBody: (body: Uint8Array | string, secret: string) => Promise<string>;
let tempDir: string;
/** The README block, written inside the repository so that the package name resolves to dist/. */
const botFile = join(root, '.reports', 'readme', 'bot.mjs');

beforeAll(async () => {
  ({ signBody } = (await import(pathToFileURL(join(root, 'dist', 'index.js')).href).catch(() => {
    throw new Error('dist/index.js is missing: run `npm run build` before the runtime tests.');
  })) as { signBody: typeof signBody });
  requireRuntimes();
  mkdirSync(join(root, '.reports', 'readme'), { recursive: true });
  writeFileSync(botFile, readmeBot());
  tempDir = mkdtempSync(join(tmpdir(), 'lbc-readme-'));
  // Bun applies tsconfig.json `paths` (the package name → src/); an empty one resolves it as a user's install does.
  writeFileSync(join(tempDir, 'tsconfig.json'), '{}\n');
});

afterAll(async () => {
  await stopAll();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
});

interface Settings {
  LINE_CHANNEL_SECRET: string;
  LINE_CHANNEL_TOKEN: string;
  LINE_API_BASE_URL: string;
}

/** The workerd config of the README bot: the bundle, the settings as text bindings, outbound fetch allowed to loopback (the emulator). */
async function workerdConfig(port: number, settings: Settings): Promise<string> {
  const dir = mkdtempSync(join(tempDir, 'workerd-'));
  await build({
    entryPoints: [botFile],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
    tsconfigRaw: {},
    outfile: join(dir, 'worker.mjs'),
    logLevel: 'silent',
  });
  const bindings = Object.entries(settings).map(([name, value]) => `(name = "${name}", text = "${value}")`);
  writeFileSync(
    join(dir, 'config.capnp'),
    `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker), (name = "loopback", network = (allow = ["local"])) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);

const worker :Workerd.Worker = (
  # The README's --compatibility-date, and no compatibility flags.
  compatibilityDate = "2025-09-01",
  modules = [ (name = "worker.mjs", esModule = embed "worker.mjs") ],
  bindings = [ ${bindings.join(', ')} ],
  globalOutbound = "loopback",
);
`,
  );
  return join(dir, 'config.capnp');
}

interface Runtime {
  name: string;
  start(port: number, settings: Settings): Promise<RuntimeProcess>;
}

const runtimes: Runtime[] = [
  {
    name: '`deno serve --allow-env --allow-net bot.mjs`',
    start: async (port, settings) =>
      startProcess(
        runtimeBinaries.deno,
        ['serve', '--no-prompt', '--no-remote', '--no-lock', '--allow-env', '--allow-net', '--host', '127.0.0.1', '--port', String(port), botFile],
        { ...settings },
      ),
  },
  {
    name: '`bun bot.mjs`',
    start: async (port, settings) =>
      startProcess(
        runtimeBinaries.bun,
        ['--no-install', '--tsconfig-override', join(tempDir, 'tsconfig.json'), '--preload', './test/runtimes/bun-listen-loopback.mjs', '--port', String(port), botFile],
        { ...settings },
      ),
  },
  {
    name: 'Cloudflare Workers (workerd, as `wrangler dev bot.mjs --compatibility-date 2025-09-01` runs it)',
    start: async (port, settings) => startProcess(runtimeBinaries.workerd, ['serve', await workerdConfig(port, settings)]),
  },
];

/** The text of each message `waitFor` returns. */
const texts = (entries: readonly { content?: unknown }[]) => entries.map((entry) => (entry.content as { text?: string }).text);

describe.each(runtimes)('README bot under $name', ({ start }) => {
  let emu: Emulator | undefined;
  afterAll(async () => {
    await emu?.close();
  });

  it(
    'answers in 1:1 chats and groups, forgets a user who blocks it, and refuses a forged delivery (logged once)',
    async () => {
      emu = await startEmulator();
      const port = await freePort();
      const bot = await start(port, { LINE_CHANNEL_SECRET: emu.channelSecret, LINE_CHANNEL_TOKEN: emu.channelToken, LINE_API_BASE_URL: emu.url });
      try {
        await waitForPort(bot, port, 15_000);
        emu.setWebhookUrl(`http://127.0.0.1:${port}/`);

        const body = JSON.stringify({ result: [] });
        const forged = await fetch(`http://127.0.0.1:${port}/`, {
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=UTF-8', 'x-line-channelsignature': await signBody(body, 'not-the-secret') },
          body,
        });
        expect(forged.status).toBe(401);

        const results: Record<string, unknown> = {};
        results.first = (await emu.sendAs('Sally', 'hello')).delivered;
        results.firstReply = texts(await emu.waitFor({ chat: 'Sally' }));
        await emu.sendAs('Sally', 'again');
        results.secondReply = texts(await emu.waitFor({ chat: 'Sally' }));

        const group = await emu.inviteToGroup('Brown', { members: ['Cony'] });
        await emu.sendAs('Cony', 'hi all', { chatMid: group.mid });
        const [inGroup] = await emu.waitFor({ chat: group.mid });
        results.groupReply = inGroup?.content;

        results.block = (await emu.block('Sally')).delivered;
        await emu.addAsFriend('Sally');
        await emu.sendAs('Sally', 'back');
        results.afterBlockReply = texts(await emu.waitFor({ chat: 'Sally' }));
        // A request is logged once answered, just after its message is recorded: wait for the last one.
        await expect.poll(() => emu!.requests().length).toBe(4);
        results.requests = emu.requests().map((request) => [request.method, request.path, request.status, request.warnings]);

        expect(results, bot.describe()).toEqual({
          first: true,
          firstReply: ['You said: hello (message 1 from you)'],
          secondReply: ['You said: again (message 2 from you)'],
          groupReply: { contentType: 1, toType: 3, text: 'You said: hi all (message 1 from you)' },
          block: true,
          // The count restarted: the bot deleted what it kept about Sally when she blocked it.
          afterBlockReply: ['You said: back (message 1 from you)'],
          requests: Array.from({ length: 4 }, () => ['POST', '/v1/events', 200, []]),
        });
        // The library's default logger warned about the forged delivery, once (stderr).
        expect(bot.stderrLines().filter((line) => line.includes('[line-business-connect]')), bot.describe()).toEqual([forgedWarning]);
        expect(bot.exit(), 'the server exited while serving').toBeUndefined();
      } finally {
        await bot.stop();
      }
    },
    testTimeoutMs,
  );
});
