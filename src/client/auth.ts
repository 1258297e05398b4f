import { LineError } from '../errors.js';
import { channelTokenHeader, trialChannelIdHeader, trialChannelSecretHeader, trialTrustedUserHeader } from '../protocol/hosts.js';
import type { TokenProvider } from './token-provider.js';
import type { TrialCredentials } from './trial-credentials.js';

/** Authentication of one attempt: the headers to send and the token they hold (BC). */
export interface AuthHeaders {
  headers: Record<string, string>;
  token?: string;
}

/** Internal: produces auth headers and handles a 401 (token rotation). */
export interface Auth {
  readonly mode: 'businessConnect' | 'trial';
  /** Values that must never appear in an error. */
  secrets(): string[];
  headers(): Promise<AuthHeaders>;
  /** After a 401 for `token`: true when a different token is now available and the request should be replayed. */
  replayAfterUnauthorized(token: string | undefined): Promise<boolean>;
}

/** Builds the {@link Auth} of a client from its `channelToken` or `trial` option (exactly one). */
export function createAuth(channelToken: string | TokenProvider | undefined, trial: TrialCredentials | undefined): Auth {
  if (channelToken !== undefined && trial !== undefined) {
    throw new LineError('createClient: pass either channelToken (Business Connect) or trial (BOT API Trial), not both.');
  }
  if (trial !== undefined) return trialAuth(trial);
  if (channelToken === undefined) {
    throw new LineError('createClient: pass channelToken (Business Connect) or trial: { channelId, channelSecret, channelMid } (BOT API Trial).');
  }
  if (typeof channelToken === 'string') {
    if (channelToken.trim() === '') throw new LineError('createClient: channelToken is an empty string; pass the channel access token.');
    checkHeaderValue('channelToken', channelToken);
    return tokenAuth({ getToken: () => Promise.resolve(channelToken) }, [channelToken]);
  }
  if (channelToken === null || typeof channelToken !== 'object' || typeof channelToken.getToken !== 'function') {
    throw new LineError('createClient: channelToken must be a string or a TokenProvider with getToken().');
  }
  return tokenAuth(channelToken, []);
}

function tokenAuth(provider: TokenProvider, fixedSecrets: string[]): Auth {
  // Every token handed out is remembered so that an error can redact it even after a rotation.
  const seen = new Set<string>(fixedSecrets);
  const getToken = async () => {
    const token = await provider.getToken();
    if (typeof token !== 'string' || token === '') {
      throw new LineError('The TokenProvider returned an empty or non-string token.');
    }
    checkHeaderValue('The token from the TokenProvider', token);
    seen.add(token);
    return token;
  };
  return {
    mode: 'businessConnect',
    secrets: () => [...seen],
    async headers() {
      const token = await getToken();
      return { headers: { [channelTokenHeader]: token }, token };
    },
    async replayAfterUnauthorized(token) {
      if (token === undefined || provider.invalidate === undefined) return false;
      provider.invalidate(token);
      // Waits for the rotation (single-flight in the provider); a token rejected after it was
      // already replaced gives the current one back at once (spec §4.3).
      return (await getToken()) !== token;
    },
  };
}

function trialAuth(trial: TrialCredentials): Auth {
  for (const key of ['channelId', 'channelSecret', 'channelMid'] as const) {
    const value: unknown = (trial as unknown as Record<string, unknown>)[key];
    if (typeof value !== 'string' || value.trim() === '') {
      throw new LineError(`createClient: trial.${key} must be a non-empty string.`);
    }
    checkHeaderValue(`trial.${key}`, value);
  }
  const headers = {
    [trialChannelIdHeader]: trial.channelId,
    [trialChannelSecretHeader]: trial.channelSecret,
    [trialTrustedUserHeader]: trial.channelMid,
  };
  return {
    mode: 'trial',
    secrets: () => [trial.channelSecret],
    headers: () => Promise.resolve({ headers: { ...headers } }),
    replayAfterUnauthorized: () => Promise.resolve(false),
  };
}

// Credentials go into HTTP headers: a stray newline or space (a token read from a file) would make
// fetch throw an error that quotes the value. Say what is wrong without repeating the value.
function checkHeaderValue(name: string, value: string): void {
  if (!/^[\x21-\x7e]+$/.test(value)) {
    throw new LineError(`${name} contains spaces, line breaks or non-ASCII characters; it cannot be sent in a header (trim it?).`);
  }
}
