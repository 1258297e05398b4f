// Reference signer for cross-checks: the command line the spec (§6) names, run through a shell.
import { spawnSync } from 'node:child_process';

/** `openssl dgst -sha256 -hmac SECRET -binary | base64` over `body`. The secret travels in the environment, not the command line. */
export function opensslSignature(body: string | Uint8Array, secret: string): string {
  const result = spawnSync('sh', ['-c', 'openssl dgst -sha256 -hmac "$HMAC_SECRET" -binary | base64 -w0'], {
    input: typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body),
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HMAC_SECRET: secret },
  });
  if (result.status !== 0) throw new Error(`openssl failed: ${result.stderr.toString()}`);
  return result.stdout.toString().trim();
}
