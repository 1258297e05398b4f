#!/usr/bin/env node
// `npm start`: builds the package when needed, starts the local Business Connect emulator and the
// echo bot (examples/echo-bot, public API only), points the emulator's webhook at the bot, plays a short
// scripted conversation from a virtual user, prints the transcript, then keeps serving the inbox page
// until Ctrl-C. `npm start -- --once` exits after the conversation: 0 when every expected reply
// arrived, 1 otherwise (saying what was missing). Bad flags exit 2.
//
// Test-only hook (test/integration/start/start.test.ts): when the environment variable
// NPM_START_TEST_BOT_CHANNEL_SECRET is set, the echo bot is started with that channel secret instead of
// the emulator's, so it rejects every delivery (401): the real failure path of --once (nothing is faked,
// every reply is really missing). Not for normal use.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_PORT = 8765;

const USAGE = `Usage: npm start [-- options]

Starts the local LINE Business Connect emulator and the echo bot (examples/echo-bot),
plays a short conversation from a virtual user and prints the transcript.

Options:
  --once         exit after the conversation: 0 if every expected reply arrived, else 1
  --port <n>     port of the emulator and its inbox page (default ${DEFAULT_PORT}, or a free one if taken)
  --no-build     use dist/ as it is (default: run "npm run build" when dist/ is missing or older than src/)
  -h, --help     show this help`;

/** @returns {{ once: boolean, port: number | undefined, build: boolean, help: boolean }} */
function parseFlags(argv) {
  const flags = { once: false, port: undefined, build: true, help: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (name === '--once' && inline === undefined) flags.once = true;
    else if (name === '--no-build' && inline === undefined) flags.build = false;
    else if ((name === '--help' || name === '-h') && inline === undefined) flags.help = true;
    else if (name === '--port') {
      const value = inline ?? argv[++i];
      if (value === undefined || !/^\d+$/.test(value) || Number(value) > 65535) {
        throw new UsageError(`--port needs a port number from 0 to 65535, got ${value === undefined ? 'nothing' : JSON.stringify(value)}.`);
      }
      flags.port = Number(value);
    } else throw new UsageError(`Unknown option ${JSON.stringify(arg)}.`);
  }
  return flags;
}

class UsageError extends Error {}

/** Newest modification time (ms) of the files under `dir`. */
function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function ensureBuilt(build) {
  const outputs = ['index.js', 'node.js', 'testing.js'].map((file) => join(root, 'dist', file));
  const missing = outputs.some((file) => !existsSync(file));
  if (!build) {
    if (missing) fail(`dist/ is incomplete: run "npm run build" first (or drop --no-build).`);
    return;
  }
  const inputs = Math.max(newestMtime(join(root, 'src')), statSync(join(root, 'package.json')).mtimeMs, statSync(join(root, 'tsup.config.ts')).mtimeMs);
  if (!missing && Math.min(...outputs.map((file) => statSync(file).mtimeMs)) >= inputs) return;
  console.log(missing ? 'Building the package (dist/ is missing): npm run build …' : 'Building the package (src/ changed): npm run build …');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', 'build'], { cwd: root, encoding: 'utf8', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    fail(`"npm run build" failed (exit ${result.status ?? result.signal}).`);
  }
}

function fail(message, code = 1) {
  console.error(`npm start: ${message}`);
  process.exit(code);
}

/** One line describing a message content as sent on the wire. */
function describeContent(content) {
  if (!content) return '(nothing)';
  switch (content.contentType) {
    case 1:
      return `text ${JSON.stringify(content.text)}`;
    case 2:
      return 'image';
    case 3:
      return 'video';
    case 4:
      return `audio (${content.contentMetadata?.AUDLEN ?? '?'} ms)`;
    case 7:
      return `location ${JSON.stringify(content.location?.title ?? content.text)} (${content.location?.latitude}, ${content.location?.longitude})`;
    case 8:
      return `sticker ${content.contentMetadata?.STKPKGID}/${content.contentMetadata?.STKID}`;
    case 10:
      return `contact ${JSON.stringify(content.contentMetadata?.displayName)}`;
    default:
      return `contentType ${content.contentType}`;
  }
}

const pad = (text, width) => (text.length >= width ? `${text} ` : text + ' '.repeat(width - text.length));

async function main() {
  let flags;
  try {
    flags = parseFlags(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`npm start: ${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (flags.help) {
    console.log(USAGE);
    return;
  }
  ensureBuilt(flags.build);

  // Imported by package name (self-reference), exactly as a user of the published package would.
  const { startEmulator } = await import('line-business-connect/emulator');
  const { startEchoBot } = await import('../examples/echo-bot/echo-bot.mjs');

  // During the script, bot log lines are printed under the step that caused them; afterwards (live),
  // what happens from the inbox page is printed as it happens.
  let live = false;
  const botLog = [];
  const say = (who, what) => console.log(`  ${pad(who, 14)}${what}`);
  const emu = await startWithPort(startEmulator, flags, (line) => live && say('[emulator]', line));
  const bot = await startEchoBot({
    channelSecret: process.env.NPM_START_TEST_BOT_CHANNEL_SECRET || emu.channelSecret,
    channelToken: emu.channelToken,
    apiBaseUrl: emu.url,
    log: (line) => (live ? say('[bot]', line) : botLog.push(line)),
  });
  emu.setWebhookUrl(bot.webhookUrl);

  const shutdown = async () => {
    await Promise.allSettled([bot.close(), emu.close()]);
  };

  console.log('LINE Business Connect demo: the local emulator plays LINE, the echo bot answers.\n');
  console.log(`  Emulator (REST API)  ${emu.url}`);
  console.log(`  Echo bot webhook     ${bot.webhookUrl}\n`);

  const user = emu.addUser({ displayName: 'Moon', statusMessage: 'Just joined', friend: false });
  console.log('Transcript: Moon, a new virtual user, adds the bot, sends every kind of message, invites it to a group\nwith Brown and Cony, where Brown writes, then blocks it.\n');
  const name = pad(user.displayName, 6);
  const flushBotLog = () => {
    for (const line of botLog.splice(0)) say('[bot]', line);
  };

  /** @type {string[]} */
  const missing = [];
  const steps = [
    { does: 'adds the bot as a friend', act: () => emu.addAsFriend(user), expect: 'a greeting by display name', ok: (c) => c.contentType === 1 && c.text.startsWith('Hello Moon!') },
    { does: 'text "Hello, bot!"', act: () => emu.sendAs(user, 'Hello, bot!'), expect: 'the text echoed', ok: (c) => c.contentType === 1 && c.text === 'Hello, bot!' },
    { does: 'image', act: () => emu.sendAs(user, { type: 'image' }), expect: 'the image size and type', ok: (c) => c.contentType === 1 && /^Got your image: \d+ bytes of image\//.test(c.text) },
    { does: 'video', act: () => emu.sendAs(user, { type: 'video' }), expect: 'the video size and type', ok: (c) => c.contentType === 1 && /^Got your video: \d+ bytes of video\//.test(c.text) },
    { does: 'audio (2500 ms)', act: () => emu.sendAs(user, { type: 'audio', durationMs: 2500 }), expect: 'the audio size, type and length', ok: (c) => c.contentType === 1 && /^Got your audio: \d+ bytes of audio\/.*, 2500 ms\.$/.test(c.text) },
    {
      does: 'location "Tokyo Tower"',
      act: () => emu.sendAs(user, { type: 'location', title: 'Tokyo Tower', address: '4 Chome-2-8 Shibakoen, Minato City, Tokyo', latitude: 35.65858, longitude: 139.745433 }),
      expect: 'a location back',
      ok: (c) => c.contentType === 7 && c.location?.latitude === 35.65858 && c.location?.longitude === 139.745433,
    },
    { does: 'sticker 11537/52002734', act: () => emu.sendAs(user, { type: 'sticker', packageId: '11537', stickerId: '52002734', version: '1' }), expect: 'the same sticker', ok: (c) => c.contentType === 8 && c.contentMetadata?.STKPKGID === '11537' && c.contentMetadata?.STKID === '52002734' },
    { does: 'contact "Brown"', act: () => emu.sendAs(user, { type: 'contact', mid: emu.user('Brown').mid, displayName: 'Brown' }), expect: 'thanks for the contact', ok: (c) => c.contentType === 1 && c.text === "Thanks for sharing Brown's contact." },
  ];

  /**
   * Runs one step: what a user does, then the bot's answers in the chat `where` names once the step ran
   * (default: Moon's 1:1 chat).
   */
  async function play(step, { who = name, where = () => user.mid, chatName = user.displayName } = {}) {
    const entry = await step.act();
    say(`${who} → bot`, step.does);
    // A failed delivery means the bot answered already: a reply it sent is recorded by now, so do not wait long.
    const timeoutMs = entry.delivered === false ? 300 : 5000;
    const replies = await emu.waitFor({ chat: where(), from: 'bot', after: entry.seq, timeoutMs }).catch(() => []);
    flushBotLog();
    if (entry.delivered === false) say('', `(delivery to the bot failed: see the inbox page)`);
    for (const reply of replies) say(`bot → ${chatName}`, describeContent(reply.content));
    if (!replies.some((reply) => reply.content && step.ok(reply.content))) missing.push(`${step.expect} (after: ${step.does})`);
  }

  try {
    for (const step of steps) await play(step);

    // A group: Moon invites the bot with Brown and Cony; the bot greets the group and answers there.
    let group;
    await play(
      {
        does: 'invites the bot to a group with Brown and Cony',
        act: async () => {
          group = await emu.inviteToGroup(user, { name: "Moon's picnic", members: ['Brown', 'Cony'] });
          return group.entries[0];
        },
        expect: 'a greeting in the group',
        ok: (c) => c.contentType === 1 && c.toType === 3 && c.text.startsWith('Hello everyone!'),
      },
      { where: () => group?.mid, chatName: 'group' },
    );
    if (group) {
      await play(
        { does: 'text "Who brings the drinks?" in the group', act: () => emu.sendAs('Brown', 'Who brings the drinks?', { chatMid: group.mid }), expect: 'the text echoed in the group', ok: (c) => c.contentType === 1 && c.toType === 3 && c.text === 'Who brings the drinks?' },
        { who: pad('Brown', 6), where: () => group.mid, chatName: 'group' },
      );
    }

    // Block: the bot must delete what it stored about the user (spec §2.3, LINE's FAQ).
    const knewBefore = bot.store.has(user.mid);
    const blockEntry = await emu.block(user);
    say(`${name} → bot`, 'blocks the bot');
    // The bot handles the block before answering the delivery; give a slow machine a moment anyway.
    for (let i = 0; i < 50 && bot.store.has(user.mid); i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    flushBotLog();
    if (blockEntry.delivered === false) say('', '(delivery to the bot failed: see the inbox page)');
    if (!knewBefore) missing.push('the bot to store data about Moon before the block');
    if (bot.store.has(user.mid)) missing.push("the bot to delete Moon's data after the block");
  } catch (error) {
    missing.push(`the conversation to finish, but it failed: ${error instanceof Error ? error.message : String(error)}`);
  }

  const expected = steps.length + 3;
  console.log('');
  if (missing.length === 0) {
    console.log(`✔ All ${expected} expected results arrived: ${steps.length + 2} replies (2 in the group), and the bot deleted Moon's data on block.`);
  } else {
    console.log(`✘ ${missing.length} of ${expected} expected results missing:`);
    for (const item of missing) console.log(`  - expected ${item}`);
  }

  if (flags.once) {
    await shutdown();
    process.exit(missing.length === 0 ? 0 : 1);
  }

  console.log(`\nInbox page: ${emu.inboxUrl}  (open it in a browser: it shows this conversation; send as Sally, Brown or Cony`);
  console.log('and the echo bot answers; Moon must add the bot again first)');
  console.log('Press Ctrl-C to stop.\n');
  live = true;
  const stop = async () => {
    console.log('\nStopping…');
    // Do not let a lingering keep-alive connection delay Ctrl-C by more than a moment.
    await Promise.race([shutdown(), new Promise((resolve) => setTimeout(resolve, 500).unref())]);
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** Starts the emulator on the requested port, or on the default one, falling back to a free port when it is taken. */
async function startWithPort(startEmulator, flags, log) {
  if (flags.port !== undefined || flags.once) {
    try {
      return await startEmulator({ port: flags.port ?? 0, log });
    } catch (error) {
      if (error?.code === 'EADDRINUSE') fail(`port ${flags.port} is already in use: pick another --port (0 = any free port).`);
      throw error;
    }
  }
  try {
    return await startEmulator({ port: DEFAULT_PORT, log });
  } catch (error) {
    if (error?.code !== 'EADDRINUSE') throw error;
    return startEmulator({ port: 0, log });
  }
}

try {
  await main();
} catch (error) {
  // Anything unexpected (the emulator or the bot could not start…): say so and exit, never hang.
  fail(error instanceof Error ? error.message : String(error));
}
