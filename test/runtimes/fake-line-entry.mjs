// Node and Deno entry of the fake LINE runtime test: prints `FAKE_LINE_RESULT <json>` (see fake-line-smoke.mjs).
import * as emulator from '../../dist/emulator.js';
import * as lib from '../../dist/index.js';
import { runFakeLineSmoke } from './fake-line-smoke.mjs';

console.log(`FAKE_LINE_RESULT ${JSON.stringify(await runFakeLineSmoke(lib, emulator))}`);
