import { EMULATOR_DEFAULTS } from '../emulator/emulator-defaults.js';
import { startEmulator } from '../emulator/start-emulator.js';
import type { Emulator } from '../emulator/emulator-types.js';
import { integerFlag, nonEmptyFlag, parseCommandFlags } from './command-flags.js';
import { UsageError } from './usage-error.js';

/** `line-bc emulator --help` text. */
export const EMULATOR_HELP = `Usage: line-bc emulator [options]

Starts a local LINE Business Connect emulator: the REST API for your bot (POST /v1/events,
profiles, content downloads, token reissue, leave group/room), virtual users who send events to
your bot's endpoint, and an inbox web page at the printed URL. Ctrl-C stops it.

Options:
  --port <n>              port to listen on, 0 = any free port (default 8765)
  --host <addr>           interface to listen on (default 127.0.0.1)
  --webhook <url>         your bot's event endpoint URL, e.g. http://127.0.0.1:3000/callback
  --channel-secret <s>    channel secret used to sign events (default ${EMULATOR_DEFAULTS.channelSecret})
  --channel-token <t>     channel access token the REST API accepts (default ${EMULATOR_DEFAULTS.channelToken})
  --channel-id <digits>   channel id, the toChannel of events (default ${EMULATOR_DEFAULTS.channelId})
  --trial                 BOT API Trial mode: X-Line-ChannelID/-ChannelSecret/-Trusted-User-With-ACL auth
  --batch-window-ms <n>   how long queued events wait to be batched together (default 10)
  --deliveries-in-flight <n>  deliveries to the bot at once, 1 keeps events in order (default 1)
  --history-limit <n>     conversation entries kept over all chats (default 10000)
  --token-lifetime-ms <n> lifetime of an access token; after it the REST API answers 401 (default 86400000)
  --allowed-host <name>   answer only this Host name (repeatable; "*" answers any); default: the
                          address listened on and localhost, which keeps DNS rebinding out
  --quiet                 do not log deliveries and rejected requests
  -h, --help              show this help

Point your bot's client at the printed REST base URL: createClient({ channelToken, baseUrl }).`;

/** Parsed `line-bc emulator` options. */
export interface EmulatorCommandOptions {
  port: number;
  host: string;
  webhookUrl: string | undefined;
  channelSecret: string | undefined;
  channelToken: string | undefined;
  channelId: string | undefined;
  trial: boolean;
  batchWindowMs: number | undefined;
  deliveriesInFlight: number | undefined;
  historyLimit: number | undefined;
  tokenLifetimeMs: number | undefined;
  allowedHosts: string[];
  quiet: boolean;
  help: boolean;
}

/** Parses the arguments after `emulator`; throws a {@link UsageError} for anything wrong. */
export function parseEmulatorArgs(args: readonly string[]): EmulatorCommandOptions {
  const { values } = parseCommandFlags(
    args,
    {
      port: { type: 'string' },
      host: { type: 'string' },
      webhook: { type: 'string' },
      'channel-secret': { type: 'string' },
      'channel-token': { type: 'string' },
      'channel-id': { type: 'string' },
      trial: { type: 'boolean' },
      'batch-window-ms': { type: 'string' },
      'deliveries-in-flight': { type: 'string' },
      'history-limit': { type: 'string' },
      'token-lifetime-ms': { type: 'string' },
      'allowed-host': { type: 'string', multiple: true },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    false,
  );
  const str = (key: string) => values[key] as string | undefined;
  const webhookUrl = nonEmptyFlag('webhook', str('webhook'));
  if (webhookUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(webhookUrl);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new UsageError(`--webhook must be an absolute http: or https: URL, e.g. http://127.0.0.1:3000/callback, got "${webhookUrl}".`);
    }
  }
  const channelId = nonEmptyFlag('channel-id', str('channel-id'));
  if (channelId !== undefined && !/^[0-9]+$/.test(channelId)) throw new UsageError(`--channel-id must be digits, got "${channelId}".`);
  return {
    port: integerFlag('port', str('port'), 0, 65535) ?? 8765,
    host: nonEmptyFlag('host', str('host')) ?? '127.0.0.1',
    webhookUrl,
    channelSecret: nonEmptyFlag('channel-secret', str('channel-secret')),
    channelToken: nonEmptyFlag('channel-token', str('channel-token')),
    channelId,
    trial: values.trial === true,
    batchWindowMs: integerFlag('batch-window-ms', str('batch-window-ms'), 0, 60_000),
    deliveriesInFlight: integerFlag('deliveries-in-flight', str('deliveries-in-flight'), 1, 1000),
    historyLimit: integerFlag('history-limit', str('history-limit'), 1, 10_000_000),
    tokenLifetimeMs: integerFlag('token-lifetime-ms', str('token-lifetime-ms'), 1, Number.MAX_SAFE_INTEGER),
    allowedHosts: ((values['allowed-host'] as string[] | undefined) ?? []).map((host) => nonEmptyFlag('allowed-host', host)!),
    quiet: values.quiet === true,
    help: values.help === true,
  };
}

/**
 * Runs `line-bc emulator`: starts the emulator, prints where it listens and the credentials to
 * give the bot, logs deliveries, and stops on SIGINT/SIGTERM. Resolves with the running emulator.
 */
export async function runEmulatorCommand(
  args: readonly string[],
  io: { out(line: string): void; err(line: string): void } = { out: (l) => console.log(l), err: (l) => console.error(l) },
): Promise<Emulator | undefined> {
  const options = parseEmulatorArgs(args);
  if (options.help) {
    io.out(EMULATOR_HELP);
    return undefined;
  }
  const emulator = await startEmulator({
    port: options.port,
    host: options.host,
    webhookUrl: options.webhookUrl,
    channelSecret: options.channelSecret,
    channelToken: options.channelToken,
    channelId: options.channelId,
    trial: options.trial,
    batchWindowMs: options.batchWindowMs,
    deliveriesInFlight: options.deliveriesInFlight,
    historyLimit: options.historyLimit,
    tokenLifetimeMs: options.tokenLifetimeMs,
    ...(options.allowedHosts.length > 0 ? { allowedHosts: options.allowedHosts } : {}),
    log: options.quiet ? () => {} : (line) => io.out(`[emulator] ${line}`),
  });
  // Listen for Ctrl-C before printing the banner: whoever waits for the banner may stop us at once.
  const stop = () => {
    void emulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const auth = emulator.trial
    ? `Trial headers: X-Line-ChannelID ${emulator.channelId}, X-Line-ChannelSecret ${emulator.channelSecret}, X-Line-Trusted-User-With-ACL ${emulator.channelMid}`
    : `channel token:  ${emulator.channelToken}`;
  io.out(
    [
      `LINE Business Connect emulator${emulator.trial ? ' (BOT API Trial mode)' : ''}`,
      `  inbox:          ${emulator.inboxUrl}`,
      `  REST base URL:  ${emulator.url}`,
      `  ${auth}`,
      `  channel secret: ${emulator.channelSecret}`,
      `  channel id:     ${emulator.channelId}   channel MID: ${emulator.channelMid}`,
      `  webhook:        ${emulator.webhookUrl ?? '(none: pass --webhook or set it in the inbox)'}`,
      `  users:          ${emulator.users.map((u) => `${u.displayName} ${u.mid}`).join(', ')}`,
      'Press Ctrl-C to stop.',
    ].join('\n'),
  );
  return emulator;
}
