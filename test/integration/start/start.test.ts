// Runs the README's main command the way a user does: `node scripts/start.mjs --once` against the built
// dist/ (npm test builds before vitest; --no-build so this test never rewrites dist/ under other tests).
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/start.mjs', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm start', () => {
  it('--once plays the whole conversation and exits 0 when every reply arrived', async () => {
    const { code, stdout, stderr } = await run(['--once', '--no-build']);
    expect(stderr).toBe('');
    const lines = stdout.split('\n').map((line) => line.trim().replace(/\s+/g, ' '));
    const expected = [
      'Moon → bot adds the bot as a friend',
      'bot → Moon text "Hello Moon! Send me anything and I will echo it."',
      'Moon → bot text "Hello, bot!"',
      'bot → Moon text "Hello, bot!"',
      'Moon → bot image',
      'Moon → bot video',
      'Moon → bot audio (2500 ms)',
      'Moon → bot location "Tokyo Tower"',
      'bot → Moon location "You are at Tokyo Tower" (35.65858, 139.745433)',
      'Moon → bot sticker 11537/52002734',
      'bot → Moon sticker 11537/52002734',
      'Moon → bot contact "Brown"',
      `bot → Moon text "Thanks for sharing Brown's contact."`,
      'Moon → bot invites the bot to a group with Brown and Cony',
      'bot → group text "Hello everyone! Thanks for inviting me to this group."',
      'Brown → bot text "Who brings the drinks?" in the group',
      'bot → group text "Who brings the drinks?"',
      'Moon → bot blocks the bot',
      "✔ All 11 expected results arrived: 10 replies (2 in the group), and the bot deleted Moon's data on block.",
    ];
    for (const line of expected) expect(lines).toContain(line);
    // Order of the conversation.
    const positions = expected.map((line) => lines.indexOf(line));
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // The bot looked the profile up, downloaded each media file, and deleted everything on block.
    expect(stdout).toMatch(/\[bot\] +looked up profile of u[0-9a-f]{32}: "Moon"/);
    for (const kind of ['image', 'video', 'audio']) {
      expect(stdout).toMatch(new RegExp(`\\[bot\\] +downloaded ${kind} \\S+: [1-9]\\d* bytes of ${kind === 'image' ? 'image/jpeg' : kind === 'video' ? 'video/mp4' : 'audio/mp4'}`));
      expect(stdout).toMatch(new RegExp(`bot → Moon +text "Got your ${kind}: [1-9]\\d* bytes of `));
    }
    expect(stdout).toMatch(/\[bot\] +deleted all data of u[0-9a-f]{32}: profile yes, 7 messages, 3 media files \([1-9]\d* bytes\)/);
    expect(code).toBe(0);
  }, 60_000);

  it('--once exits 1 and names every missing result when the bot rejects the deliveries (test hook: wrong channel secret)', async () => {
    // scripts/start.mjs documents NPM_START_TEST_BOT_CHANNEL_SECRET: the echo bot checks signatures with
    // another secret, so every delivery is really refused (401) and no reply ever arrives.
    const { code, stdout, stderr } = await run(['--once', '--no-build'], { NPM_START_TEST_BOT_CHANNEL_SECRET: 'not-the-emulator-secret' });
    // The library itself warns about each rejected delivery (the default logger, on stderr): 11 deliveries, 11 lines
    // (the rate limit allows 10 a minute, then one line counts the rest when the next one comes: none here).
    expect(stderr.split('\n').filter((line) => line !== '')).toEqual(
      Array.from({ length: 10 }, () =>
        '[line-business-connect] webhook delivery rejected with 401: SignatureError: The X-LINE-ChannelSignature header does not match the body: check the channel secret, and verify the raw body bytes, not re-serialised JSON.',
      ),
    );
    const lines = stdout.split('\n').map((line) => line.trim().replace(/\s+/g, ' '));
    const summary = lines.indexOf('✘ 11 of 11 expected results missing:');
    expect(summary).toBeGreaterThan(0);
    expect(lines.slice(summary + 1).filter((line) => line !== '')).toEqual([
      '- expected a greeting by display name (after: adds the bot as a friend)',
      '- expected the text echoed (after: text "Hello, bot!")',
      '- expected the image size and type (after: image)',
      '- expected the video size and type (after: video)',
      '- expected the audio size, type and length (after: audio (2500 ms))',
      '- expected a location back (after: location "Tokyo Tower")',
      '- expected the same sticker (after: sticker 11537/52002734)',
      '- expected thanks for the contact (after: contact "Brown")',
      '- expected a greeting in the group (after: invites the bot to a group with Brown and Cony)',
      '- expected the text echoed in the group (after: text "Who brings the drinks?" in the group)',
      '- expected the bot to store data about Moon before the block',
    ]);
    // Each of the 11 deliveries failed, visibly, and the bot never answered.
    expect(lines.filter((line) => line === '(delivery to the bot failed: see the inbox page)')).toHaveLength(11);
    expect(lines.filter((line) => line.startsWith('[bot] error (request): The X-LINE-ChannelSignature header does not match the body'))).toHaveLength(11);
    expect(lines.some((line) => line.startsWith('bot → Moon'))).toBe(false);
    expect(stdout).not.toContain('✔');
    expect(stdout).not.toContain('Inbox page:');
    expect(code).toBe(1);
  }, 60_000);

  it('rejects an unknown flag with a clear message and exit code 2', async () => {
    const { code, stdout, stderr } = await run(['--bogus']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('npm start: Unknown option "--bogus".');
    expect(stderr).toContain('Usage: npm start [-- options]');
  });

  it('without --once keeps serving the inbox page until Ctrl-C (SIGINT), then exits 0', async () => {
    const child = spawn(process.execPath, ['scripts/start.mjs', '--no-build', '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    const ready = new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString('utf8');
        if (stdout.includes('Press Ctrl-C to stop.')) resolve();
      });
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await ready;
    const inbox = /Inbox page: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout)?.[1];
    expect(inbox).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*\/$/);
    const page = await fetch(inbox!);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    await page.body?.cancel();
    // The page opens on the chat with the newest entry (test/integration/emulator/inbox-page.test.ts):
    // after the demo that is Moon's, the scripted conversation.
    const state = (await (await fetch(`${inbox}_emulator/state`)).json()) as { conversations: { title: string; entries: { seq: number }[] }[] };
    const newest = [...state.conversations].sort((a, b) => (b.entries.at(-1)?.seq ?? -1) - (a.entries.at(-1)?.seq ?? -1))[0];
    expect(newest?.title).toBe('Moon');
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stdout).toContain('Stopping…');
  }, 60_000);

  it('exits 1 with a clear message when the requested port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as import('node:net').AddressInfo;
    try {
      const { code, stderr } = await run(['--once', '--no-build', '--port', String(port)]);
      expect(code).toBe(1);
      expect(stderr).toBe(`npm start: port ${port} is already in use: pick another --port (0 = any free port).\n`);
    } finally {
      blocker.close();
    }
  });

  it('rejects a bad --port value with exit code 2', async () => {
    const { code, stderr } = await run(['--port', 'abc']);
    expect(code).toBe(2);
    expect(stderr).toContain('npm start: --port needs a port number from 0 to 65535, got "abc".');
  });
});
