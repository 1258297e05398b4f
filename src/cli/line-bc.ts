#!/usr/bin/env node
// The `line-bc` command (Node only): `line-bc emulator [options]`, `line-bc doctor <url> [options]`,
// `line-bc load <url> [options]`. Bad flags exit with code 2.
import { DOCTOR_HELP, runDoctorCommand } from './doctor-command.js';
import { EMULATOR_HELP, runEmulatorCommand } from './emulator-command.js';
import { LOAD_HELP, runLoadCommand } from './load-command.js';
import { UsageError } from './usage-error.js';

const HELP = `Usage: line-bc <command> [options]

Commands:
  emulator    run a local LINE Business Connect emulator (REST API, virtual users, inbox page)
  doctor      check an event endpoint the way LINE reaches it (HTTPS, certificate chain, signatures)
  load        load a bot's endpoint with signed batches from virtual users at a target rate

Run "line-bc <command> --help" for the options of a command.`;

/** Runs the CLI with `argv` (without `node` and the script); resolves with the exit code, or undefined to keep running. */
export async function main(argv: readonly string[]): Promise<number | undefined> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      if (command === undefined) {
        console.error(`line-bc: no command given.\n\n${HELP}`);
        return 2;
      }
      console.log(HELP);
      return 0;
    }
    if (command === 'emulator') {
      const emulator = await runEmulatorCommand(rest);
      return emulator === undefined ? 0 : undefined;
    }
    if (command === 'doctor') return await runDoctorCommand(rest);
    if (command === 'load') return await runLoadCommand(rest);
    throw new UsageError(`unknown command "${command}".`);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`line-bc: ${error.message}\n`);
      console.error(command === 'emulator' ? EMULATOR_HELP : command === 'doctor' ? DOCTOR_HELP : command === 'load' ? LOAD_HELP : HELP);
      return 2;
    }
    const code = (error as { code?: unknown }).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      console.error(`line-bc: cannot listen: ${(error as Error).message}. Pick another --port or --host.`);
      return 1;
    }
    console.error(`line-bc: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

void main(process.argv.slice(2)).then((code) => {
  if (code !== undefined) process.exitCode = code;
});
