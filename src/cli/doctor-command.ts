import { readFile } from 'node:fs/promises';
import { doctorOpType } from './doctor/doctor-batch.js';
import { formatDoctorReport } from './doctor/format-doctor-report.js';
import { runDoctor, type DoctorOptions } from './doctor/run-doctor.js';
import { integerFlag, nonEmptyFlag, parseCommandFlags } from './command-flags.js';
import { UsageError } from './usage-error.js';

/** The default of `--timeout-ms`: the time LINE is taken to allow for an answer (unconfirmed, so it is an option). */
export const defaultDoctorTimeoutMs = 10_000;

/** `line-bc doctor --help` text. */
export const DOCTOR_HELP = `Usage: line-bc doctor <event-endpoint-url> [options]

Checks an event endpoint the way LINE reaches it, and prints PASS, WARN, FAIL or SKIP per check with
the reason and the fix: an https: URL that resolves; TLS 1.2 or later; a certificate chain that
verifies against the public CA store with every intermediate sent, not self-signed, covering the
host name, and its days until expiry (warning under 30). With --channel-secret it also POSTs a
correctly signed harmless batch (one operation event with opType ${doctorOpType}, which bots ignore) that must
get a 2xx in time, then batches with a wrong and with no signature that must be refused.

Options:
  --channel-secret <s>    the bot's channel secret: run the delivery checks
  --channel-id <digits>   toChannel of the test event, if the bot checks it (default a placeholder)
  --media <url>           also check a media URL (GET → 200 image/audio/video over a valid chain); repeatable
  --ca <file>             trust the CAs in this PEM file instead of the public CA store (tests, private setups)
  --timeout-ms <n>        the time LINE allows for an answer, and the limit of each step (default ${defaultDoctorTimeoutMs})
  --json                  print one JSON object with every check instead of text
  -h, --help              show this help

Exit code: 0 when nothing failed (warnings allowed), 1 when a check failed, 2 on bad usage.`;

/** Parsed `line-bc doctor` arguments: the doctor's options, or a request for help. */
export type DoctorCommandArgs = ({ help: false; json: boolean } & DoctorOptions) | { help: true };

/** Parses the arguments after `doctor` (reads the `--ca` file); rejects with a {@link UsageError} for anything wrong. */
export async function parseDoctorArgs(args: readonly string[]): Promise<DoctorCommandArgs> {
  const { values, positionals } = parseCommandFlags(
    args,
    {
      'channel-secret': { type: 'string' },
      'channel-id': { type: 'string' },
      media: { type: 'string', multiple: true },
      ca: { type: 'string' },
      'timeout-ms': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    true,
  );
  if (values.help === true) return { help: true };
  if (positionals.length !== 1) {
    throw new UsageError(positionals.length === 0 ? 'give the event endpoint URL, e.g. line-bc doctor https://bot.example.com/callback' : `give one URL, got ${positionals.length}: ${positionals.join(' ')}`);
  }
  const given = positionals[0]!;
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw new UsageError(`"${given}" is not an absolute URL, e.g. https://bot.example.com/callback`);
  }
  const str = (key: string) => values[key] as string | undefined;
  const channelSecret = nonEmptyFlag('channel-secret', str('channel-secret'));
  const channelId = str('channel-id');
  if (channelId !== undefined && !/^[0-9]{1,15}$/.test(channelId)) throw new UsageError(`--channel-id must be digits, got "${channelId}".`);
  const timeoutMs = integerFlag('timeout-ms', str('timeout-ms'), 1, 600_000);
  const caFile = str('ca');
  let ca: DoctorOptions['ca'];
  if (caFile !== undefined) {
    let pem: string;
    try {
      pem = await readFile(caFile, 'utf8');
    } catch (error) {
      throw new UsageError(`--ca: cannot read ${caFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
    }
    if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new UsageError(`--ca: ${caFile} holds no PEM certificate (-----BEGIN CERTIFICATE-----).`);
    ca = { pem, file: caFile };
  }
  return {
    help: false,
    json: values.json === true,
    url,
    channelSecret,
    channelId,
    media: (values.media as string[] | undefined) ?? [],
    ca,
    timeoutMs: timeoutMs ?? defaultDoctorTimeoutMs,
  };
}

/**
 * Runs `line-bc doctor`: checks the endpoint (and media URLs), prints the report as text or JSON,
 * and resolves with the exit code: 0 when nothing failed, 1 when something failed. Bad usage rejects
 * with a {@link UsageError} (exit code 2, printed by the caller with the help).
 */
export async function runDoctorCommand(args: readonly string[], io: { out(text: string): void } = { out: (text) => console.log(text) }): Promise<number> {
  const parsed = await parseDoctorArgs(args);
  if (parsed.help) {
    io.out(DOCTOR_HELP);
    return 0;
  }
  const { help: _help, json, ...options } = parsed;
  const report = await runDoctor(options);
  io.out(json ? JSON.stringify(report, null, 2) : formatDoctorReport(report));
  return report.ok ? 0 : 1;
}
