import { PayloadTooLargeError } from '../errors.js';
import { readBody } from '../webhook/read-body.js';
import { avatarSvg } from './avatar-svg.js';
import { EmulatorInputError } from './emulator-input-error.js';
import type { FakeLine, InviteOptions, UserMessageInput, VirtualUserInit } from './emulator-types.js';
import { INBOX_HTML } from './inbox-page.js';
import { bytesResponse, decodeSegment, isJson, jsonResponse } from './line-error-response.js';
import { describe, type Platform } from './platform.js';
import type { UserActions } from './user-actions.js';

/** What the JSON API works on. */
export interface JsonApiContext {
  readonly fake: FakeLine;
  readonly platform: Platform;
  readonly actions: UserActions;
  log(line: string): void;
}

const MAX_BODY_BYTES = 256 * 1024;

/**
 * Serves the inbox page (`/`) and the emulator's own JSON API under `/_emulator/` (docs/emulator.md):
 * the state the page polls, virtual user actions, deliveries and user media. Every input is checked
 * (types, lengths) before anything is stored: a bad one is answered 400/404/405/413/415
 * `{"error":"…"}` ({@link EmulatorInputError}); anything else is the emulator's own bug, answered 500
 * and logged. Unknown paths outside `/_emulator/` get a LINE-style 404. Never rejects.
 */
export async function handleJsonApi(ctx: JsonApiContext, request: Request, url: URL): Promise<Response> {
  const method = request.method;
  const path = url.pathname;
  try {
    if (path === '/' || path === '/index.html') {
      expect(method, 'GET');
      return new Response(INBOX_HTML, { headers: { 'Content-Type': 'text/html; charset=UTF-8', 'Cache-Control': 'no-store' } });
    }
    if (path === '/favicon.ico') return new Response(null, { status: 204 });
    if (!path.startsWith('/_emulator/')) {
      return jsonResponse(404, { statusCode: '404', statusMessage: 'Not Found: no such API endpoint. See node_modules/line-business-connect/docs/emulator.md for the endpoints the emulator serves.' });
    }
    // Changes need a JSON content type: a cross-site form cannot send one, and a cross-site fetch
    // with one needs a CORS preflight this server never grants (a web page cannot drive your users).
    if (method !== 'GET' && method !== 'HEAD' && !isJson(request)) throw new EmulatorInputError('Send the body as Content-Type: application/json.', 415);
    return await route(ctx, request, url, method, path.slice('/_emulator'.length));
  } catch (error) {
    if (error instanceof EmulatorInputError) return jsonResponse(error.status, { error: error.message });
    ctx.log(`unexpected error for ${method} ${path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return jsonResponse(500, { error: 'Unexpected error in the emulator (see its log).' });
  }
}

function expect(method: string, expected: string): void {
  if (method !== expected) throw new EmulatorInputError(`Use ${expected}.`, 405);
}

function segment(text: string | undefined): string {
  const decoded = decodeSegment(text);
  if (decoded === undefined) throw new EmulatorInputError('The path has a malformed %-escape.');
  return decoded;
}

async function readJson(request: Request): Promise<Record<string, unknown>> {
  let bytes: Uint8Array;
  try {
    bytes = await readBody(request, MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof PayloadTooLargeError) throw new EmulatorInputError(`The body is larger than ${MAX_BODY_BYTES / 1024} KiB.`, 413);
    throw new EmulatorInputError('The body could not be read.');
  }
  if (bytes.byteLength === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new EmulatorInputError('The body is not valid UTF-8 JSON.');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new EmulatorInputError('The body must be a JSON object.');
  return value as Record<string, unknown>;
}

/** Keeps only `keys` of a body, refusing any other: a typo in a field name must not go unnoticed. */
function only(body: Record<string, unknown>, keys: readonly string[], what: string): Record<string, unknown> {
  for (const key of Object.keys(body)) {
    if (!keys.includes(key)) throw new EmulatorInputError(`${what} has no field "${key}"${keys.length > 0 ? ` (its fields: ${keys.join(', ')})` : ''}.`);
  }
  return body;
}

async function route(ctx: JsonApiContext, request: Request, url: URL, method: string, path: string): Promise<Response> {
  const { fake, platform, actions } = ctx;
  switch (path) {
    case '/state': {
      expect(method, 'GET');
      const since = Number(url.searchParams.get('since') ?? NaN);
      if (since === platform.version) return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
      return jsonResponse(200, {
        version: platform.version,
        channel: { url: fake.url, channelId: fake.channelId, channelMid: fake.channelMid, trial: fake.trial, webhookUrl: fake.webhookUrl ?? null },
        users: fake.users,
        conversations: fake.conversations(),
        deliveries: fake.deliveries(),
        requests: fake.requests(),
      });
    }
    case '/reset':
      expect(method, 'POST');
      only(await readJson(request), [], 'A reset');
      await fake.reset();
      return jsonResponse(200, { version: platform.version });
    case '/users':
      if (method === 'POST') {
        const body = only(await readJson(request), ['displayName', 'mid', 'statusMessage', 'friend'], 'A user');
        return jsonResponse(201, fake.addUser(body as unknown as VirtualUserInit));
      }
      expect(method, 'GET');
      return jsonResponse(200, fake.users);
    case '/conversations':
      expect(method, 'GET');
      return jsonResponse(200, fake.conversations());
    case '/deliveries':
      expect(method, 'GET');
      return jsonResponse(200, fake.deliveries());
    case '/requests':
      expect(method, 'GET');
      return jsonResponse(200, fake.requests());
    case '/webhook': {
      expect(method, 'PUT');
      const value = only(await readJson(request), ['url'], 'The webhook setting').url;
      if (value !== null && typeof value !== 'string') throw new EmulatorInputError('url must be a string, or null to clear it.');
      fake.setWebhookUrl(value === null || value === '' ? undefined : value);
      return jsonResponse(200, { webhookUrl: fake.webhookUrl ?? null });
    }
  }
  const conversation = /^\/conversations\/([^/]+)$/.exec(path);
  if (conversation) {
    expect(method, 'GET');
    const found = fake.conversation(segment(conversation[1]));
    if (!found) throw new EmulatorInputError('No such conversation.', 404);
    return jsonResponse(200, found);
  }
  const redeliver = /^\/deliveries\/([^/]+)\/redeliver$/.exec(path);
  if (redeliver) {
    expect(method, 'POST');
    return jsonResponse(200, await fake.redeliver(segment(redeliver[1])));
  }
  const media = /^\/media\/([^/]+?)(\/preview)?$/.exec(path);
  if (media) {
    expect(method, 'GET');
    const stored = platform.media.get(segment(media[1]));
    const file = media[2] ? stored?.preview : stored?.original;
    if (!file) throw new EmulatorInputError('No such media.', 404);
    return bytesResponse(file.bytes, file.contentType, { 'Cache-Control': 'no-store' });
  }
  const userAction = /^\/users\/([^/]+)\/(picture|messages|add-as-friend|block|invite-group|add-to-room)$/.exec(path);
  if (!userAction) throw new EmulatorInputError(`No emulator API at ${describe(path)}. See node_modules/line-business-connect/docs/emulator.md.`, 404);
  const mid = segment(userAction[1]);
  const action = userAction[2];
  if (action === 'picture') {
    expect(method, 'GET');
    const user = platform.findUser(mid);
    return new Response(avatarSvg(user.displayName, user.mid), { headers: { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'max-age=3600' } });
  }
  expect(method, 'POST');
  const body = await readJson(request);
  // The HTTP answer does not wait for the webhook delivery (202); the delivery log shows the outcome.
  switch (action) {
    case 'messages': {
      const { chatMid, ...message } = body;
      if (chatMid !== undefined && typeof chatMid !== 'string') throw new EmulatorInputError(`chatMid must be a string, got ${describe(chatMid)}.`);
      return jsonResponse(202, actions.message(mid, message as unknown as UserMessageInput, chatMid === undefined ? {} : { chatMid }).entry);
    }
    case 'add-as-friend':
      only(body, [], 'Adding a friend');
      return jsonResponse(202, actions.addAsFriend(mid).entry);
    case 'block':
      only(body, [], 'A block');
      return jsonResponse(202, actions.block(mid).entry);
    default: {
      const invite = only(body, ['name', 'members', 'chatMid'], 'An invite');
      const { chat } = actions.invite(mid, action === 'invite-group' ? 'group' : 'room', invite as InviteOptions);
      return jsonResponse(202, platform.chatView(chat));
    }
  }
}
