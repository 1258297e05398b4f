// Deno and Bun entry of the default-fetch test: `<runtime> default-fetch-entry.mjs <baseUrl>` sends one
// message with the runtime's real global fetch to the test's local HTTP server at <baseUrl> and prints
// `DEFAULT_FETCH_RESULT <json>` (the SendResult, see default-fetch.mjs).
import * as lib from '../../dist/index.js';
import { sendWithDefaultFetch } from './default-fetch.mjs';

const baseUrl = globalThis.Deno ? globalThis.Deno.args[0] : globalThis.process.argv[2];
const result = await sendWithDefaultFetch(lib, baseUrl);
console.log(`DEFAULT_FETCH_RESULT ${JSON.stringify(result)}`);
