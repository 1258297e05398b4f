// The secrets every reliability test uses, and the scanner that looks for them in everything the suite
// produces: log lines, errors handed to callbacks, rejected promises, and each error's String(), JSON,
// stack, inspected form and causes. The forms are written out here, not taken from the library's
// redaction (the thing under test).
import { inspect } from 'node:util';
import type { Logger } from '../../src/index.js';

/** Secrets with the characters that encodings change: `+ / = & %`, both quotes and a backslash. */
export const secrets = {
  channelToken: `tok+en/Aa==&%41"q'\\x9`,
  refreshToken: `ref/re+sh==&%2F"r'\\z8`,
  channelSecret: `sec+ret/Cc==&%25"s'\\y7`,
  /** A second webhook secret (rotation): deliveries signed with either are genuine. */
  previousChannelSecret: `old+sec/Ee==&%3D"o'\\v6`,
  trialChannelSecret: `tri+al/Dd==&%26"t'\\w5`,
} as const;

/** Every form in which a secret could come back: as is, URL- or form-encoded (either hex case), JSON-escaped. */
export function secretForms(secret: string): string[] {
  const urlEncoded = encodeURIComponent(secret);
  const formEncoded = new URLSearchParams([['', secret]]).toString().slice(1);
  const jsonEscaped = JSON.stringify(secret).slice(1, -1);
  const lowerHex = (text: string) => text.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
  const forms = [secret, urlEncoded, lowerHex(urlEncoded), formEncoded, lowerHex(formEncoded), jsonEscaped, jsonEscaped.replaceAll('/', '\\/')];
  return [...new Set(forms)];
}

/** A secret found where it must not be. */
export interface Leak {
  /** Which secret (a key of {@link secrets}). */
  secret: string;
  /** Which form of it (plain, URL-encoded…), as it appeared. */
  form: string;
  /** Where: the label given to `collect`, and which view of the value (`String`, `JSON`, `stack`…). */
  where: string;
}

/** Collects what a test produces and scans it for {@link secrets}. */
export interface LeakScanner {
  /** Keeps a value (an error, a log line, a rejection reason) to scan, under a label for the report. */
  collect(value: unknown, where: string): void;
  /** A {@link Logger} that keeps every line (debug included) and its details. */
  logger(where: string): Logger & { lines: string[] };
  /** How many values were collected (errors and log lines). */
  readonly collected: number;
  /** Scans everything collected so far, for the secrets and `more` (e.g. tokens issued during the test); the leaks found. */
  scan(more?: Record<string, string>): Leak[];
}

/** Creates a {@link LeakScanner} for the {@link secrets} (or the values given). */
export function createLeakScanner(values: Record<string, string> = secrets): LeakScanner {
  const kept: { value: unknown; where: string }[] = [];
  const formsOf = (named: Record<string, string>) => Object.entries(named).flatMap(([name, secret]) => secretForms(secret).map((form) => ({ name, form })));
  return {
    collect(value, where) {
      kept.push({ value, where });
    },
    logger(where) {
      const lines: string[] = [];
      const line =
        (level: string) =>
        (message: string, ...details: unknown[]) => {
          lines.push(`${level}: ${message}`);
          kept.push({ value: message, where: `${where} logger.${level}` });
          details.forEach((detail, index) => kept.push({ value: detail, where: `${where} logger.${level} detail ${index}` }));
        };
      return { lines, debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') };
    },
    get collected() {
      return kept.length;
    },
    scan(more = {}) {
      const forms = formsOf({ ...values, ...more });
      const leaks: Leak[] = [];
      for (const { value, where } of kept) {
        for (const [view, text] of views(value, where)) {
          for (const { name, form } of forms) if (text.includes(form)) leaks.push({ secret: name, form, where: view });
        }
      }
      return leaks;
    },
  };
}

/** Every text a value shows to a log or a caller: for errors, their causes and the report of a SendError too. */
function views(value: unknown, where: string, depth = 0, seen = new Set<unknown>()): [string, string][] {
  if (depth > 8 || seen.has(value)) return [];
  seen.add(value);
  if (typeof value === 'string') return [[where, value]];
  const out: [string, string][] = [[`${where} inspect`, inspect(value, { depth: 12, showHidden: false })]];
  try {
    out.push([`${where} JSON`, JSON.stringify(value) ?? '']);
  } catch {
    // A circular value: inspect above covers it.
  }
  if (value instanceof Error) {
    out.push([`${where} String`, String(value)], [`${where} message`, value.message], [`${where} stack`, value.stack ?? '']);
    const { cause, errors, result } = value as Error & { cause?: unknown; errors?: unknown; result?: { failures?: { error: unknown }[] } };
    if (cause !== undefined) out.push(...views(cause, `${where} cause`, depth + 1, seen));
    if (Array.isArray(errors)) errors.forEach((inner, i) => out.push(...views(inner, `${where} errors[${i}]`, depth + 1, seen)));
    result?.failures?.forEach((failure, i) => out.push(...views(failure.error, `${where} failures[${i}]`, depth + 1, seen)));
  }
  return out;
}
