// The verdicts of `line-bc doctor`: one DoctorCheck per thing LINE needs from an endpoint, and the report.

/**
 * `pass`: fine. `warn`: works today but needs attention (e.g. a certificate expiring within 30 days).
 * `fail`: LINE will not deliver, or the bot is unsafe. `skip`: not run, because an earlier check failed
 * or an option was not given (the reason says which).
 */
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

/** One check of the doctor report (also one item of `--json`'s `checks`). */
export interface DoctorCheck {
  /** Stable machine name: `url`, `dns`, `tls`, `chain`, `hostname`, `expiry`, `signed-batch`, `forged-signature`, `missing-signature`, `media`. */
  id: string;
  /** The URL the check is about (the endpoint, or a media URL). */
  target: string;
  /** The verdict. */
  status: CheckStatus;
  /** One line saying what was found. */
  reason: string;
  /** One line saying what to do; present for `warn` and `fail` (and for a `skip` that an option would run). */
  fix?: string;
  /** Measured facts behind the verdict (protocol, certificate names, days left, HTTP status, ms). */
  details?: Record<string, unknown>;
}

/** What `line-bc doctor` found: every check in the order it ran. */
export interface DoctorReport {
  /** The event endpoint URL (as the URL parser normalised it). */
  url: string;
  /** True when no check failed (warnings allowed): the exit code is then 0. */
  ok: boolean;
  /** How many checks ended with each status. */
  counts: Record<CheckStatus, number>;
  /** Every check, endpoint checks first, then one per `--media` URL. */
  checks: DoctorCheck[];
}

type Details = Record<string, unknown> | undefined;

function make(id: string, target: string, status: CheckStatus, reason: string, fix: string | undefined, details: Details): DoctorCheck {
  const check: DoctorCheck = { id, target, status, reason };
  if (fix !== undefined) check.fix = fix;
  if (details !== undefined) check.details = details;
  return check;
}

/** A passing check. */
export function pass(id: string, target: string, reason: string, details?: Record<string, unknown>): DoctorCheck {
  return make(id, target, 'pass', reason, undefined, details);
}

/** A check that works today but needs attention; `fix` says what to do. */
export function warn(id: string, target: string, reason: string, fix: string, details?: Record<string, unknown>): DoctorCheck {
  return make(id, target, 'warn', reason, fix, details);
}

/** A failed check; `fix` says what to do. */
export function fail(id: string, target: string, reason: string, fix: string, details?: Record<string, unknown>): DoctorCheck {
  return make(id, target, 'fail', reason, fix, details);
}

/** A check that was not run; `fix` when an option would run it. */
export function skip(id: string, target: string, reason: string, fix?: string): DoctorCheck {
  return make(id, target, 'skip', reason, fix, undefined);
}

/** Builds the report of `checks`: `ok` when none failed. */
export function doctorReport(url: string, checks: DoctorCheck[]): DoctorReport {
  const counts: Record<CheckStatus, number> = { pass: 0, warn: 0, fail: 0, skip: 0 };
  for (const check of checks) counts[check.status] += 1;
  return { url, ok: counts.fail === 0, counts, checks };
}
