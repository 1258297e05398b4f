import { formatLoadReport } from './load/load-report.js';
import { messageKinds, parseMessageMix } from './load/message-mix.js';
import { runLoad, type LoadIo, type LoadOptions } from './load/run-load.js';
import { integerFlag, nonEmptyFlag, parseCommandFlags } from './command-flags.js';
import { UsageError } from './usage-error.js';

/** Bounds of `line-bc load`: a load test is a test, not a way to flood a server for hours. */
export const loadLimits = {
  ratePerSecond: 100_000,
  durationSeconds: 3_600,
  count: 10_000_000,
  users: 10_000,
  deliveriesInFlight: 1_000,
  timeoutMs: 600_000,
} as const;

/** Defaults of `line-bc load`. */
export const loadDefaults = { ratePerSecond: 100, durationSeconds: 10, users: 100, batch: 100, deliveriesInFlight: 8, timeoutMs: 10_000, replyWaitMs: 1_000 } as const;

/** `line-bc load --help` text. */
export const LOAD_HELP = `Usage: line-bc load <event-endpoint-url> --channel-secret <s> [options]

Loads a bot the way LINE would: virtual users of the emulator send events at a target rate, and
the emulator delivers them to the URL as signed {"result":[…]} batches. Only that URL is contacted.
At the end it prints the throughput achieved against the target, the delivery latency (p50, p95,
p99, max), the HTTP statuses, timeouts, connection errors and the batches the bot refused. It also
serves the emulator's REST API: point the bot's client at the printed REST base URL (with the
printed channel token) and its replies are counted and timed from the user's event.

Options:
  --channel-secret <s>    the bot's channel secret: signs the deliveries (required)
  --rate <n>              target events per second, up to ${loadLimits.ratePerSecond} (default ${loadDefaults.ratePerSecond})
  --duration <s>          run this many seconds, up to ${loadLimits.durationSeconds} (default ${loadDefaults.durationSeconds})
  --count <n>             or send this many events, up to ${loadLimits.count} (not with --duration)
  --users <n>             virtual users sending in turn, up to ${loadLimits.users} (default ${loadDefaults.users})
  --batch <n>             most events per delivery, 1 to 100, LINE's limit (default ${loadDefaults.batch})
  --mix <kinds>           message kinds sent in turn, each with an optional weight, from
                          ${messageKinds.join(', ')}; e.g. text,image or text:8,sticker:1 (default text)
  --deliveries-in-flight <n>  deliveries to the bot at once, up to ${loadLimits.deliveriesInFlight} (default ${loadDefaults.deliveriesInFlight})
  --timeout-ms <n>        the time the bot has to answer a delivery (default ${loadDefaults.timeoutMs})
  --channel-token <t>     the token the REST API accepts from the bot (default the emulator's)
  --channel-id <digits>   toChannel of the events, if the bot checks it (default the emulator's)
  --port <n>              port of the emulator's REST API, 0 = any free port (default 0)
  --host <addr>           interface of the emulator's REST API (default 127.0.0.1)
  --reply-wait-ms <n>     after the last delivery, wait this long for each next reply (default ${loadDefaults.replyWaitMs})
  --json                  print one JSON object instead of text
  --quiet                 no banner or progress on stderr
  -h, --help              show this help

The banner and the progress go to stderr, the report to stdout.
Exit code: 0 when the bot accepted every batch, 1 when it failed any (non-2xx, timeout, no
connection), 2 on bad usage.`;

/** Parsed `line-bc load` arguments. */
export type LoadCommandArgs = ({ help: false; json: boolean; quiet: boolean } & LoadOptions) | { help: true };

function positive(name: string, text: string | undefined, max: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/.test(text) || !(Number(text) > 0) || Number(text) > max) {
    throw new UsageError(`--${name} must be a number above 0 and at most ${max}, got "${text}".`);
  }
  return Number(text);
}

/** Parses the arguments after `load`; throws a {@link UsageError} that names the fix for anything wrong. */
export function parseLoadArgs(args: readonly string[]): LoadCommandArgs {
  const { values, positionals } = parseCommandFlags(
    args,
    {
      'channel-secret': { type: 'string' },
      rate: { type: 'string' },
      duration: { type: 'string' },
      count: { type: 'string' },
      users: { type: 'string' },
      batch: { type: 'string' },
      mix: { type: 'string' },
      'deliveries-in-flight': { type: 'string' },
      'timeout-ms': { type: 'string' },
      'channel-token': { type: 'string' },
      'channel-id': { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'reply-wait-ms': { type: 'string' },
      json: { type: 'boolean' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    true,
  );
  if (values.help === true) return { help: true };
  const str = (key: string) => values[key] as string | undefined;
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0
        ? 'give the event endpoint URL, e.g. line-bc load http://127.0.0.1:3000/callback --channel-secret "$LINE_CHANNEL_SECRET"'
        : `give one URL, got ${positionals.length}: ${positionals.join(' ')}`,
    );
  }
  const url = positionals[0]!;
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new UsageError(`"${url}" is not an absolute http: or https: URL, e.g. http://127.0.0.1:3000/callback`);
  }
  const channelSecret = nonEmptyFlag('channel-secret', str('channel-secret'));
  if (channelSecret === undefined) throw new UsageError('give the bot\'s channel secret with --channel-secret: the deliveries are signed with it.');
  if (str('duration') !== undefined && str('count') !== undefined) {
    throw new UsageError('give --duration or --count, not both: a run lasts a time or sends a number of events.');
  }
  const channelId = nonEmptyFlag('channel-id', str('channel-id'));
  if (channelId !== undefined && !/^[0-9]{1,15}$/.test(channelId)) throw new UsageError(`--channel-id must be digits, got "${channelId}".`);
  const durationSeconds = positive('duration', str('duration'), loadLimits.durationSeconds);
  const count = integerFlag('count', str('count'), 1, loadLimits.count);
  return {
    help: false,
    json: values.json === true,
    quiet: values.quiet === true,
    url,
    channelSecret,
    channelToken: nonEmptyFlag('channel-token', str('channel-token')),
    channelId,
    ratePerSecond: positive('rate', str('rate'), loadLimits.ratePerSecond) ?? loadDefaults.ratePerSecond,
    count,
    durationMs: count !== undefined ? undefined : Math.round((durationSeconds ?? loadDefaults.durationSeconds) * 1000),
    users: integerFlag('users', str('users'), 1, loadLimits.users) ?? loadDefaults.users,
    batch: integerFlag('batch', str('batch'), 1, 100) ?? loadDefaults.batch,
    mix: parseMessageMix(str('mix') ?? 'text'),
    deliveriesInFlight: integerFlag('deliveries-in-flight', str('deliveries-in-flight'), 1, loadLimits.deliveriesInFlight) ?? loadDefaults.deliveriesInFlight,
    timeoutMs: integerFlag('timeout-ms', str('timeout-ms'), 1, loadLimits.timeoutMs) ?? loadDefaults.timeoutMs,
    port: integerFlag('port', str('port'), 0, 65535) ?? 0,
    host: nonEmptyFlag('host', str('host')) ?? '127.0.0.1',
    replyWaitMs: integerFlag('reply-wait-ms', str('reply-wait-ms'), 0, 60_000) ?? loadDefaults.replyWaitMs,
  };
}

/**
 * Runs `line-bc load`: loads the bot, prints the report as text or JSON on stdout, and resolves with the
 * exit code: 0 when the bot accepted every batch, 1 when it failed any. Bad usage rejects with a
 * {@link UsageError} (exit code 2, printed by the caller with the help).
 */
export async function runLoadCommand(
  args: readonly string[],
  io: { out(text: string): void; err: { isTTY?: boolean; columns?: number; write(text: string): unknown } } = { out: (text) => console.log(text), err: process.stderr },
): Promise<number> {
  const parsed = parseLoadArgs(args);
  if (parsed.help) {
    io.out(LOAD_HELP);
    return 0;
  }
  const { help: _help, json, quiet, ...options } = parsed;
  const loadIo: LoadIo = {
    info: (text) => {
      if (!quiet) io.err.write(`${text}\n`);
    },
    progress: quiet ? undefined : io.err,
    handleSignals: true,
  };
  const report = await runLoad(options, loadIo);
  io.out(json ? JSON.stringify(report, null, 2) : formatLoadReport(report));
  return report.ok ? 0 : 1;
}
