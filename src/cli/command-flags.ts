import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage-error.js';

/** The flags and positionals of a command line, read strictly by `node:util` `parseArgs`. */
export interface CommandFlags {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** Reads a command line strictly (unknown flags, missing values); what `parseArgs` refuses becomes a {@link UsageError}. */
export function parseCommandFlags(args: readonly string[], options: NonNullable<ParseArgsConfig['options']>, allowPositionals: boolean): CommandFlags {
  try {
    const { values, positionals } = parseArgs({ args: [...args], strict: true, allowPositionals, options });
    return { values: values as CommandFlags['values'], positionals };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** The value of `--name` as an integer from `min` to `max`, or `undefined` when the flag was not given. */
export function integerFlag(name: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^[0-9]+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got "${text}".`);
  }
  return Number(text);
}

/** The value of `--name`, refused when blank. */
export function nonEmptyFlag(name: string, text: string | undefined): string | undefined {
  if (text !== undefined && text.trim() === '') throw new UsageError(`--${name} must not be empty.`);
  return text;
}
