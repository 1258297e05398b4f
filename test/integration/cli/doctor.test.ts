// `line-bc doctor` against real local HTTPS servers whose certificates come from a test CA made with
// openssl at test time (test/helpers/test-ca.ts), trusted through `--ca`. Each scenario runs the BUILT
// CLI (dist/cli.js, `npm test` builds first) as a process and checks its verdicts and exit code.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorCheck, DoctorReport } from '../../../src/cli/doctor/doctor-check.js';
import { formatDoctorReport } from '../../../src/cli/doctor/format-doctor-report.js';
import type { LineEvent } from '../../../src/events/line-event.js';
import { createNodeMiddleware } from '../../../src/node/create-node-middleware.js';
import { cliPath, runCli, runCliJson } from '../../helpers/run-cli.js';
import { close } from '../node/helpers.js';
import { createTestCa, type ServerCredentials, type TestCa } from '../../helpers/test-ca.js';

const channelSecret = 'doctor-test-secret';
const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]);

let ca: TestCa;
const servers: Server[] = [];

beforeAll(() => {
  if (!existsSync(cliPath)) throw new Error('dist/cli.js is missing: run `npm run build` first (npm test does).');
  ca = createTestCa();
});
afterAll(() => ca?.remove());
afterEach(async () => {
  await Promise.all(servers.splice(0).map(close));
});

/** Starts an HTTPS server on 127.0.0.1 with these credentials; resolves to `https://localhost:<port>`. */
async function serve(credentials: ServerCredentials, listener: RequestListener, tls: { minVersion?: 'TLSv1'; maxVersion?: 'TLSv1.1'; ciphers?: string } = {}): Promise<string> {
  const server = createServer({ ...credentials, ...tls }, listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `https://localhost:${(server.address() as AddressInfo).port}`;
}

/** A real bot: the library's Node middleware at /callback, recording what reaches its callbacks. */
function bot(received: LineEvent[]): RequestListener {
  const middleware = createNodeMiddleware({ channelSecret, path: '/callback', onEvents: (events) => void received.push(...events) });
  return (req, res) => void middleware(req, res);
}

/** Answers 200 to everything, signed or not (after reading the body); the first answer after `firstDelayMs`. */
function acceptsAnything(firstDelayMs = 0): RequestListener {
  let delayMs = firstDelayMs;
  return (req: IncomingMessage, res: ServerResponse) => {
    const delay = delayMs;
    delayMs = 0;
    req.resume();
    req.on('end', () => setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'), delay));
  };
}

/** Media: /photo.jpg is a JPEG, /login is an HTML page, anything else 404. */
function media(): RequestListener {
  return (req, res) => {
    if (req.url === '/photo.jpg') res.writeHead(200, { 'content-type': 'image/jpeg' }).end(jpeg);
    else if (req.url === '/login') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Sign in</title>');
    else res.writeHead(404).end();
  };
}

/** Runs `node dist/cli.js doctor …`. */
const doctor = (args: string[]) => runCli(['doctor', ...args]);

/** Runs the doctor with `--json --ca <root>`; returns the exit code and the report. */
const doctorJson = (url: string, ...args: string[]) => runCliJson<DoctorReport>(['doctor', url, '--json', '--ca', ca.rootFile, ...args]);

const statuses = (report: DoctorReport) => report.checks.map((check) => `${check.id}:${check.status}`);
const check = (report: DoctorReport, id: string): DoctorCheck => {
  const found = report.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no ${id} check in ${JSON.stringify(report.checks.map((c) => c.id))}`);
  return found;
};
const endpointOk = ['url:pass', 'dns:warn', 'tls:pass', 'chain:pass', 'hostname:pass', 'expiry:pass'];
const deliveriesSkipped = ['signed-batch:skip', 'forged-signature:skip', 'missing-signature:skip'];

describe('line-bc doctor: a healthy endpoint', () => {
  it('passes every check against a real bot (the loopback address is a warning), sends one harmless event, exits 0', async () => {
    const received: LineEvent[] = [];
    const url = `${await serve(ca.good, bot(received))}/callback`;
    const mediaUrl = `${await serve(ca.good, media())}/photo.jpg`;
    const { code, report, stderr } = await doctorJson(url, '--channel-secret', channelSecret, '--media', mediaUrl, '--channel-id', '1234567890');
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(statuses(report)).toEqual([...endpointOk, 'signed-batch:pass', 'forged-signature:pass', 'missing-signature:pass', 'media:pass']);
    expect(report.ok).toBe(true);
    expect(report.counts).toEqual({ pass: 9, warn: 1, fail: 0, skip: 0 });
    expect(check(report, 'chain').reason).toBe(`the chain verifies against --ca ${ca.rootFile}: "localhost" ← "${ca.intermediateName}" ← "Doctor Test Root CA"`);
    expect(check(report, 'dns')).toMatchObject({
      reason: 'localhost resolves only to private or loopback addresses (127.0.0.1): LINE cannot reach it from the internet',
      fix: 'Fine for a local test; for LINE, give a host name with a public address.',
    });
    expect(check(report, 'tls').reason).toMatch(/^TLSv1\.[23] handshake \(LINE needs TLS 1\.2 or later\)$/);
    expect(check(report, 'hostname').reason).toBe('the certificate covers localhost');
    expect(check(report, 'expiry').details?.daysLeft).toBeGreaterThanOrEqual(398);
    expect(check(report, 'signed-batch').reason).toMatch(/^answered 200 to a signed batch in \d+ ms \(LINE allows 10000 ms\)$/);
    expect(check(report, 'forged-signature').reason).toBe('refused a batch signed with a wrong secret with 401');
    expect(check(report, 'missing-signature').reason).toBe('refused a batch without X-LINE-ChannelSignature with 401');
    expect(check(report, 'media')).toMatchObject({ target: mediaUrl, status: 'pass', details: { status: 200, contentType: 'image/jpeg' } });

    // Only the signed batch reached the bot: one operation with opType 0 and no user, as built by the factories.
    const eventId = check(report, 'signed-batch').details?.eventId as string;
    expect(eventId).toMatch(/^line-bc-doctor-[0-9a-f-]{36}$/);
    expect(received).toEqual([
      { type: 'operation', id: eventId, channelId: '1234567890', createdTime: expect.any(Number), operation: { type: 'unknown', opType: 0, revision: 0, mid: '', params: [null, null, null] } },
    ]);
  });

  it('prints a readable report without --json', async () => {
    const url = `${await serve(ca.good, bot([]))}/callback`;
    const run = await doctor([url, '--ca', ca.rootFile, '--channel-secret', channelSecret]);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`line-bc doctor ${url}`);
    expect(lines.slice(2).map((line) => line.slice(0, 24).trimEnd())).toEqual([
      'PASS  url',
      'WARN  dns',
      '',
      'PASS  tls',
      'PASS  chain',
      'PASS  hostname',
      'PASS  expiry',
      'PASS  signed-batch',
      'PASS  forged-signature',
      'PASS  missing-signature',
      '',
      '0 failures, 1 warning, 8',
    ]);
    expect(lines[4]).toBe('                          fix: Fine for a local test; for LINE, give a host name with a public address.');
    expect(lines.at(-1)).toBe('0 failures, 1 warning, 8 passed, 0 skipped. No failures; read the warnings.');
  });

  it('the sample report of docs/operations.md has the layout the CLI prints', async () => {
    const markdown = await readFile(fileURLToPath(new URL('../../../docs/operations.md', import.meta.url)), 'utf8');
    const sample = /\n```\n(line-bc doctor [^\n]+\n[\s\S]*?)```/.exec(markdown)?.[1]?.trimEnd().split('\n');
    if (!sample) throw new Error('docs/operations.md: no sample report block');
    const ids = ['url', 'dns', 'tls', 'chain', 'hostname', 'expiry', 'signed-batch', 'forged-signature', 'missing-signature', 'media'];
    const counts = { PASS: 0, WARN: 0, FAIL: 0, SKIP: 0 };
    for (const line of sample.slice(2, -2)) {
      const status = /^(PASS|WARN|FAIL|SKIP)  /.exec(line)?.[1] as keyof typeof counts | undefined;
      if (status) {
        counts[status] += 1;
        expect(ids, line).toContain(line.slice(6, 24).trimEnd());
        expect(line[24], line).toBe(' ');
      } else {
        expect(line, 'a fix line').toMatch(/^ {26}fix: \S/);
      }
    }
    // Same order as a real run, and the summary line the formatter writes for these counts.
    expect(sample.slice(2, -2).filter((line) => !line.startsWith(' ')).map((line) => line.slice(6, 24).trimEnd())).toEqual(ids);
    expect(sample.at(-1)).toBe(
      formatDoctorReport({ url: '', ok: counts.FAIL === 0, counts: { pass: counts.PASS, warn: counts.WARN, fail: counts.FAIL, skip: counts.SKIP }, checks: [] }).split('\n').at(-1),
    );
  });

  it('without --channel-secret skips the deliveries and says how to run them; exit 0', async () => {
    const url = `${await serve(ca.good, bot([]))}/callback`;
    const { code, report } = await doctorJson(url);
    expect(code).toBe(0);
    expect(statuses(report)).toEqual([...endpointOk, ...deliveriesSkipped]);
    expect(check(report, 'signed-batch')).toEqual({
      id: 'signed-batch',
      target: url,
      status: 'skip',
      reason: 'not run: no --channel-secret given',
      fix: 'Pass --channel-secret <secret> to check that the bot answers signed batches in time and refuses forged ones.',
    });
  });
});

describe('line-bc doctor: certificates LINE refuses', () => {
  it('a missing intermediate: names it and where to get it; no delivery is sent; exit 1', async () => {
    const received: LineEvent[] = [];
    const url = `${await serve(ca.missingIntermediate, bot(received))}/callback`;
    const { code, report } = await doctorJson(url, '--channel-secret', channelSecret);
    expect(code).toBe(1);
    expect(statuses(report)).toEqual(['url:pass', 'dns:warn', 'tls:pass', 'chain:fail', 'hostname:pass', 'expiry:pass', ...deliveriesSkipped]);
    expect(check(report, 'chain')).toMatchObject({
      reason: `the server does not send the intermediate certificate "${ca.intermediateName}" that issued "localhost", and --ca ${ca.rootFile} does not hold it (UNABLE_TO_VERIFY_LEAF_SIGNATURE)`,
      fix: `Serve the intermediate certificate "${ca.intermediateName}" after your certificate (e.g. fullchain.pem, not cert.pem). It can be downloaded from ${ca.intermediateUrl}. If "${ca.intermediateName}" is a private CA, LINE only delivers to certificates from a public CA: get one from a public CA (e.g. Let's Encrypt) and serve it with its intermediates.`,
      details: { missing: ca.intermediateName, verifyError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' },
    });
    expect(check(report, 'signed-batch').reason).toBe('not run: LINE would not connect to this endpoint (fix the failures above first)');
    expect(received).toEqual([]);
    expect(report).toMatchObject({ ok: false, counts: { pass: 4, warn: 1, fail: 1, skip: 3 } });
  });

  it('a self-signed certificate: exit 1', async () => {
    const url = `${await serve(ca.selfSigned, bot([]))}/callback`;
    const { code, report } = await doctorJson(url, '--channel-secret', channelSecret);
    expect(code).toBe(1);
    expect(check(report, 'chain')).toMatchObject({
      status: 'fail',
      reason: 'the certificate "localhost" is self-signed (DEPTH_ZERO_SELF_SIGNED_CERT)',
      fix: "LINE only delivers to certificates from a public CA: get one from a public CA (e.g. Let's Encrypt) and serve it with its intermediates.",
    });
    expect(statuses(report)).toEqual(['url:pass', 'dns:warn', 'tls:pass', 'chain:fail', 'hostname:pass', 'expiry:pass', ...deliveriesSkipped]);
  });

  it('an expired certificate: the chain and the expiry fail; exit 1', async () => {
    const url = `${await serve(ca.expired, bot([]))}/callback`;
    const { code, report } = await doctorJson(url, '--channel-secret', channelSecret);
    expect(code).toBe(1);
    expect(statuses(report)).toEqual(['url:pass', 'dns:warn', 'tls:pass', 'chain:fail', 'hostname:pass', 'expiry:fail', ...deliveriesSkipped]);
    expect(check(report, 'chain').reason).toBe('"localhost" expired on 2024-02-01 (CERT_HAS_EXPIRED)');
    expect(check(report, 'expiry').reason).toMatch(/^the certificate expired on 2024-02-01 \(\d+ days ago\)$/);
    expect(check(report, 'expiry').details).toMatchObject({ validFrom: '2024-01-01T00:00:00.000Z', validTo: '2024-02-01T00:00:00.000Z' });
  });

  it('a private CA checked against the public CA store (no --ca): the chain fails, named', async () => {
    const url = `${await serve(ca.good, bot([]))}/callback`;
    const run = await doctor([url, '--json']);
    const report = JSON.parse(run.stdout) as DoctorReport;
    expect(run.code).toBe(1);
    expect(check(report, 'chain')).toMatchObject({
      status: 'fail',
      reason: `the chain stops at "${ca.intermediateName}": its issuer "Doctor Test Root CA" is neither sent by the server nor in the public CA store (UNABLE_TO_GET_ISSUER_CERT_LOCALLY)`,
      details: { missing: 'Doctor Test Root CA' },
    });
    // The same chain with the private root sent along.
    const withRoot = `${await serve({ key: ca.good.key, cert: ca.good.cert + ca.root }, bot([]))}/callback`;
    const second = JSON.parse((await doctor([withRoot, '--json'])).stdout) as DoctorReport;
    expect(check(second, 'chain')).toMatchObject({
      status: 'fail',
      reason: 'the chain ends at the self-signed "Doctor Test Root CA", which the public CA store does not trust (SELF_SIGNED_CERT_IN_CHAIN)',
    });
  });

  it('a certificate for another host name: exit 1', async () => {
    const url = `${await serve(ca.wrongHost, bot([]))}/callback`;
    const { code, report } = await doctorJson(url, '--channel-secret', channelSecret);
    expect(code).toBe(1);
    expect(statuses(report)).toEqual(['url:pass', 'dns:warn', 'tls:pass', 'chain:pass', 'hostname:fail', 'expiry:pass', ...deliveriesSkipped]);
    expect(check(report, 'hostname')).toMatchObject({
      reason: 'the certificate is for bot.example.test, not localhost (ERR_TLS_CERT_ALTNAME_INVALID)',
      details: { host: 'localhost', names: ['bot.example.test'] },
    });
  });

  it('a certificate expiring within 30 days: a warning, exit 0', async () => {
    const url = `${await serve(ca.expiringSoon, bot([]))}/callback`;
    const { code, report } = await doctorJson(url);
    expect(code).toBe(0);
    const expiry = check(report, 'expiry');
    expect(expiry.status).toBe('warn');
    expect(expiry.reason).toMatch(/^the certificate expires on \d{4}-\d{2}-\d{2}, in (9|10) days$/);
    expect(expiry.fix).toBe('Renew it now (LINE refuses it the moment it expires) and automate renewal (e.g. certbot renew).');
  });

  it('a server that only speaks TLS 1.1: names the protocol; exit 1', async () => {
    const url = `${await serve(ca.good, bot([]), { minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0' })}/callback`;
    const { code, report } = await doctorJson(url);
    expect(code).toBe(1);
    expect(statuses(report)).toEqual(['url:pass', 'dns:warn', 'tls:fail', 'chain:skip', 'hostname:skip', 'expiry:skip', ...deliveriesSkipped]);
    expect(check(report, 'tls')).toMatchObject({
      reason: 'the server only accepts TLSv1.1, not TLS 1.2 or later',
      fix: 'Enable TLS 1.2 and 1.3 on the server (nginx: ssl_protocols TLSv1.2 TLSv1.3;).',
      details: { legacyProtocol: 'TLSv1.1' },
    });
  });
});

describe('line-bc doctor: bots LINE cannot trust or wait for', () => {
  it('a bot that accepts forged and unsigned batches fails; exit 1', async () => {
    const url = `${await serve(ca.good, acceptsAnything())}/callback`;
    const { code, report } = await doctorJson(url, '--channel-secret', channelSecret);
    expect(code).toBe(1);
    expect(statuses(report)).toEqual([...endpointOk, 'signed-batch:pass', 'forged-signature:fail', 'missing-signature:fail']);
    expect(check(report, 'forged-signature')).toMatchObject({
      reason: 'accepted a batch signed with a wrong secret (200): anyone can send this bot forged events',
      fix: 'Verify X-LINE-ChannelSignature over the raw body bytes before anything else and answer 401 when it is missing or does not match (createWebhookHandler does).',
    });
    expect(check(report, 'missing-signature').reason).toBe('accepted a batch without X-LINE-ChannelSignature (200): anyone can send this bot forged events');
  });

  it('a bot slower than --timeout-ms fails the signed batch; the rest is skipped; exit 1', async () => {
    const url = `${await serve(ca.good, acceptsAnything(30_000))}/callback`;
    const started = Date.now();
    const { code, report } = await doctorJson(url, '--channel-secret', channelSecret, '--timeout-ms', '700');
    // It gave up long before the bot's answer (30 s), even on a loaded machine.
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(code).toBe(1);
    expect(statuses(report)).toEqual([...endpointOk, 'signed-batch:fail', 'forged-signature:skip', 'missing-signature:skip']);
    expect(check(report, 'signed-batch')).toMatchObject({
      reason: 'no answer to a signed batch within 700 ms, the time LINE allows (--timeout-ms)',
      fix: "Answer 200 as soon as the signature is verified and process afterwards (createWebhookHandler's respond: 'first', waitUntil, or a queue).",
    });
  });

  it('a bot that answers in more than half the time allowed: the signed batch is a warning', async () => {
    const url = `${await serve(ca.good, acceptsAnything(1_600))}/callback`;
    const { code, report } = await doctorJson(url, '--channel-secret', channelSecret, '--timeout-ms', '3000');
    const signed = check(report, 'signed-batch');
    expect({ code, status: signed.status }).toEqual({ code: 1, status: 'warn' }); // the forged batches are accepted: exit 1
    expect(signed.reason).toMatch(/^answered 200 to a signed batch in \d+ ms \(LINE allows 3000 ms\): more than half the time allowed$/);
    expect(signed.details?.ms).toBeGreaterThanOrEqual(1_500);
  });

  it('a bot that refuses a correctly signed batch (wrong secret on its side) fails with the fix; exit 1', async () => {
    const url = `${await serve(ca.good, bot([]))}/callback`;
    const { code, report } = await doctorJson(url, '--channel-secret', 'not-what-the-bot-uses');
    expect(code).toBe(1);
    expect(check(report, 'signed-batch')).toMatchObject({
      status: 'fail',
      reason: 'answered 401 to a correctly signed batch',
      fix: "Check that --channel-secret is the secret the bot verifies with (this channel's secret), and that the bot verifies the raw body bytes, not re-serialised JSON.",
    });
  });

  it('a wrong path: 404', async () => {
    const url = `${await serve(ca.good, bot([]))}/wrong`;
    const { report } = await doctorJson(url, '--channel-secret', channelSecret);
    expect(check(report, 'signed-batch').reason).toBe('answered 404 to a correctly signed batch: nothing takes POST at this path');
  });
});

describe('line-bc doctor: media URLs', () => {
  it('an HTML page, a 404 and an http: URL fail; a JPEG passes; exit 1', async () => {
    const base = await serve(ca.good, media());
    const endpoint = `${await serve(ca.good, bot([]))}/callback`;
    const { code, report } = await doctorJson(endpoint, '--media', `${base}/login`, '--media', `${base}/photo.jpg`, '--media', `${base}/gone.jpg`, '--media', 'http://localhost/a.jpg');
    expect(code).toBe(1);
    const mediaChecks = report.checks.filter((c) => c.id === 'media').map(({ target, status, reason }) => ({ target, status, reason }));
    expect(mediaChecks).toEqual([
      { target: `${base}/login`, status: 'fail', reason: 'GET answered 200 with Content-Type text/html; charset=utf-8, not an image, audio or video type' },
      { target: `${base}/photo.jpg`, status: 'pass', reason: expect.stringMatching(/^GET answered 200 image\/jpeg in \d+ ms$/) },
      { target: `${base}/gone.jpg`, status: 'fail', reason: 'GET answered 404, not 200' },
      { target: 'http://localhost/a.jpg', status: 'fail', reason: 'a http: URL' },
    ]);
  });

  it('media on a server without its intermediate fails with the chain reason', async () => {
    const base = await serve(ca.missingIntermediate, media());
    const endpoint = `${await serve(ca.good, bot([]))}/callback`;
    const { report } = await doctorJson(endpoint, '--media', `${base}/photo.jpg`);
    expect(check(report, 'media')).toMatchObject({
      status: 'fail',
      reason: `the server does not send the intermediate certificate "${ca.intermediateName}" that issued "localhost", and --ca ${ca.rootFile} does not hold it (UNABLE_TO_VERIFY_LEAF_SIGNATURE)`,
    });
  });
});

describe('line-bc doctor: URLs and hosts', () => {
  it('an http: URL fails at once and nothing else runs', async () => {
    const { code, report } = await doctorJson('http://localhost:1/callback', '--channel-secret', channelSecret);
    expect(code).toBe(1);
    expect(statuses(report)).toEqual(['url:fail', 'dns:skip', 'tls:skip', 'chain:skip', 'hostname:skip', 'expiry:skip', ...deliveriesSkipped]);
    expect(check(report, 'url')).toMatchObject({
      reason: 'a http: URL: LINE only delivers events to https: URLs',
      fix: 'Serve the endpoint over HTTPS and register https://localhost:1/callback.',
    });
  });

  it('a closed port: connection refused', async () => {
    const { code, report } = await doctorJson('https://127.0.0.1:1/callback');
    expect(code).toBe(1);
    expect(check(report, 'tls')).toMatchObject({ status: 'fail', reason: 'connection refused on port 1' });
  });

  it('a host name that does not resolve', async () => {
    const { code, report } = await doctorJson('https://doctor-test.invalid/callback', '--timeout-ms', '3000');
    expect(code).toBe(1);
    expect(check(report, 'dns')).toMatchObject({ status: 'fail', reason: expect.stringMatching(/^doctor-test\.invalid does not resolve \((ENOTFOUND|EAI_AGAIN|ETIMEDOUT)\)$/) });
    expect(statuses(report).slice(2)).toEqual(['tls:skip', 'chain:skip', 'hostname:skip', 'expiry:skip', ...deliveriesSkipped]);
  });
});

describe('line-bc doctor: --json and usage', () => {
  it('--json prints one object: url, ok, counts, checks (id, target, status, reason, fix?, details?)', async () => {
    const url = `${await serve(ca.missingIntermediate, bot([]))}/callback`;
    const run = await doctor([url, '--json', '--ca', ca.rootFile]);
    const report = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(['url', 'ok', 'counts', 'checks']);
    expect(report.url).toBe(url);
    const checks = report.checks as Record<string, unknown>[];
    expect(checks).toHaveLength(9);
    for (const c of checks) {
      expect(Object.keys(c).filter((key) => !['fix', 'details'].includes(key))).toEqual(['id', 'target', 'status', 'reason']);
      expect(['pass', 'warn', 'fail', 'skip']).toContain(c.status);
      if (c.status === 'warn' || c.status === 'fail') expect(typeof c.fix).toBe('string');
    }
    const counts = report.counts as Record<string, number>;
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(checks.length);
    // The channel secret never appears in the output.
    const withSecret = await doctor([url, '--json', '--ca', ca.rootFile, '--channel-secret', 'very-secret-value-123']);
    expect(withSecret.stdout).not.toContain('very-secret-value-123');
  });

  const notPem = fileURLToPath(new URL('../../../package.json', import.meta.url));
  const usage: [string[], string][] = [
    [[], 'line-bc: give the event endpoint URL, e.g. line-bc doctor https://bot.example.com/callback'],
    [['not a url'], 'line-bc: "not a url" is not an absolute URL, e.g. https://bot.example.com/callback'],
    [['https://a.example/', 'https://b.example/'], 'line-bc: give one URL, got 2: https://a.example/ https://b.example/'],
    [['https://a.example/', '--timeout-ms', '0'], 'line-bc: --timeout-ms must be an integer from 1 to 600000, got "0".'],
    [['https://a.example/', '--timeout-ms', 'soon'], 'line-bc: --timeout-ms must be an integer from 1 to 600000, got "soon".'],
    [['https://a.example/', '--channel-secret', ''], 'line-bc: --channel-secret must not be empty.'],
    [['https://a.example/', '--channel-secret', '  '], 'line-bc: --channel-secret must not be empty.'],
    [['https://a.example/', '--channel-id', '12ab'], 'line-bc: --channel-id must be digits, got "12ab".'],
    [['https://a.example/', '--ca', '/nonexistent/ca.pem'], 'line-bc: --ca: cannot read /nonexistent/ca.pem: ENOENT.'],
    [['https://a.example/', '--ca', notPem], `line-bc: --ca: ${notPem} holds no PEM certificate (-----BEGIN CERTIFICATE-----).`],
    [['https://a.example/', '--bogus'], "line-bc: Unknown option '--bogus'"],
  ];
  for (const [args, message] of usage) {
    it(`bad usage exits 2: doctor ${args.join(' ') || '(no URL)'}`, async () => {
      const run = await doctor(args);
      expect(run.code).toBe(2);
      expect(run.stderr.slice(0, message.length)).toBe(message);
      expect(run.stderr).toContain('Usage: line-bc doctor <event-endpoint-url> [options]');
      expect(run.stdout).toBe('');
    });
  }

  it('--help prints the usage and exits 0; the top-level help lists doctor', async () => {
    const help = await doctor(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: line-bc doctor <event-endpoint-url> \[options\]/);
    for (const flag of ['--channel-secret', '--channel-id', '--media', '--ca', '--timeout-ms', '--json']) expect(help.stdout).toContain(flag);
  });
});
