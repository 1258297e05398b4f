import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderName } from '../../protocol/hosts.js';
import { Limits } from '../../protocol/limits.js';
import { checkSendRequest, type CheckedSend, type RecipientKind } from './check-send-request.js';
import type { EmulatorState } from './emulator-state.js';
import { randomHex, sameString } from './random-hex.js';
import { badRequest, decodeSegment, header, isJson, LineErrorResponse, readBody, sendJson, sendLineError } from './http-helpers.js';

/** What the REST side needs from the emulator. */
export interface RestContext {
  readonly state: EmulatorState;
  readonly trial: boolean;
  readonly channelId: string;
  readonly channelSecret: string;
  readonly channelMid: string;
  readonly maxTextChars: number | undefined;
  readonly tokenLifetimeMs: number;
  channelToken: string;
  refreshToken: string;
  recipientKind(mid: string): RecipientKind;
  /** Records an accepted send; returns its `messageId`. */
  acceptSend(send: CheckedSend): string;
  /** Makes the bot leave a group or room; false when the bot is not in it. */
  leave(kind: 'group' | 'room', mid: string): boolean;
  log(line: string): void;
}

const notFound = () => new LineErrorResponse(404, '404', 'Not Found: no such API endpoint. See docs/emulator.md for the endpoints the emulator serves.');

/**
 * Serves the Business Connect REST API (spec §3, §4) under `/v1/`. Answers like a strict LINE:
 * `{"statusCode","statusMessage"}` errors, never a crash; every request is recorded for the inbox.
 */
export async function handleRestRequest(ctx: RestContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const method = req.method ?? 'GET';
  const record = (status: number, extra: { statusCode?: string; statusMessage?: string; messageId?: string }) =>
    ctx.state.recordRequest({
      time: Date.now(),
      method,
      path: url.pathname + url.search,
      status,
      statusCode: extra.statusCode,
      statusMessage: extra.statusMessage,
      messageId: extra.messageId,
    });
  try {
    const result = await route(ctx, req, res, url, method);
    record(res.statusCode, { messageId: result });
  } catch (error) {
    const lineError =
      error instanceof LineErrorResponse ? error : new LineErrorResponse(500, '500', 'Unexpected error in the emulator (see its log).');
    if (!(error instanceof LineErrorResponse)) ctx.log(`REST ${method} ${url.pathname}: unexpected error: ${String(error)}`);
    if (!res.headersSent) sendLineError(res, lineError);
    else res.end();
    record(lineError.status, { statusCode: lineError.statusCode, statusMessage: lineError.statusMessage });
    ctx.log(`REST ${method} ${url.pathname} → ${lineError.status} ${lineError.statusCode} ${lineError.statusMessage}`);
  }
}

async function route(ctx: RestContext, req: IncomingMessage, res: ServerResponse, url: URL, method: string): Promise<string | undefined> {
  const path = url.pathname;
  if (path === '/v1/events') {
    allow(method, 'POST');
    authenticate(ctx, req);
    return sendEvents(ctx, req, res);
  }
  if (path === '/v1/oauth/accessToken') {
    if (ctx.trial) throw notFound();
    allow(method, 'POST');
    authenticate(ctx, req);
    await reissueToken(ctx, req, res);
    return undefined;
  }
  if (path === '/v1/profiles') {
    allow(method, 'GET');
    authenticate(ctx, req);
    profiles(ctx, url, res);
    return undefined;
  }
  const content = /^\/v1\/bot\/message\/([^/]+)\/content(\/preview)?$/.exec(path);
  if (content) {
    allow(method, 'GET');
    authenticate(ctx, req);
    const messageId = decodeSegment(content[1]);
    if (messageId === undefined) throw notFound();
    download(ctx, messageId, content[2] !== undefined, res);
    return undefined;
  }
  const leave = /^\/v1\/bot\/(group|room)\/leave\/([^/]+)$/.exec(path);
  if (leave && !ctx.trial) {
    allow(method, 'DELETE');
    authenticate(ctx, req);
    const kind = leave[1] as 'group' | 'room';
    const mid = decodeSegment(leave[2]);
    if (mid === undefined) throw notFound();
    if (!ctx.leave(kind, mid)) throw badRequest(`invalid ${kind}: the bot is not in ${kind} ${mid}.`, '422');
    sendJson(res, 200, {});
    return undefined;
  }
  throw notFound();
}

function allow(method: string, expected: string): void {
  if (method !== expected) throw new LineErrorResponse(405, '405', `Method Not Allowed: use ${expected}.`);
}

/** BC: `X-Line-ChannelToken`; Trial: the three Trial headers (spec §3, §7). Messages never echo a credential. */
function authenticate(ctx: RestContext, req: IncomingMessage): void {
  if (ctx.trial) {
    const id = header(req, HeaderName.trialChannelId);
    const secret = header(req, HeaderName.trialChannelSecret);
    const mid = header(req, HeaderName.trialTrustedUser);
    if (id === undefined || secret === undefined || mid === undefined) {
      throw new LineErrorResponse(
        401,
        '401',
        `Authentication failed: the BOT API Trial needs the ${HeaderName.trialChannelId}, ${HeaderName.trialChannelSecret} and ${HeaderName.trialTrustedUser} headers.`,
      );
    }
    if (!sameString(id, ctx.channelId) || !sameString(secret, ctx.channelSecret) || !sameString(mid, ctx.channelMid)) {
      throw new LineErrorResponse(401, '401', 'Authentication failed: the channel id, channel secret or channel MID is wrong.');
    }
    return;
  }
  const token = header(req, HeaderName.channelToken);
  if (token === undefined || token === '') {
    throw new LineErrorResponse(401, '401', `Authentication failed: the ${HeaderName.channelToken} header is missing.`);
  }
  if (!sameString(token, ctx.channelToken)) {
    throw new LineErrorResponse(401, '401', 'Authentication failed: the channel access token is invalid or was replaced by a reissue.');
  }
}

async function sendEvents(ctx: RestContext, req: IncomingMessage, res: ServerResponse): Promise<string> {
  if (!isJson(req)) throw new LineErrorResponse(415, '415', 'Unsupported Media Type: send Content-Type: application/json; charset=UTF-8.');
  const body = await readBody(req, Limits.requestBodyBytes);
  // spec §3: the whole body must be under 8192 bytes.
  if (body.size >= Limits.requestBodyBytes) {
    throw new LineErrorResponse(
      413,
      '413',
      `Request Entity Too Large: the body is ${body.size} bytes; it must be under ${Limits.requestBodyBytes} bytes. Send fewer recipients or a shorter message per request.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body.bytes));
  } catch {
    throw badRequest('The request body is not valid UTF-8 JSON.');
  }
  const send = checkSendRequest(parsed, { trial: ctx.trial, maxTextChars: ctx.maxTextChars, recipientKind: (mid) => ctx.recipientKind(mid) });
  const messageId = ctx.acceptSend(send);
  sendJson(res, 200, { failed: [], messageId, timestamp: Date.now(), version: 1 });
  return messageId;
}

async function reissueToken(ctx: RestContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const type = header(req, 'content-type') ?? '';
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(type.trim())) {
    throw new LineErrorResponse(415, '415', 'Unsupported Media Type: send the form as application/x-www-form-urlencoded.');
  }
  const body = await readBody(req, 8192);
  if (body.tooLarge) throw new LineErrorResponse(413, '413', 'Request Entity Too Large.');
  const form = new URLSearchParams(body.bytes.toString('utf8'));
  const refreshToken = form.get('refreshToken');
  const channelSecret = form.get('channelSecret');
  if (!refreshToken || !channelSecret) throw badRequest('The form needs refreshToken and channelSecret.');
  // spec §3: LINE answers "411" TOKEN_INVALID_TOKEN on a bad reissue.
  if (!sameString(refreshToken, ctx.refreshToken) || !sameString(channelSecret, ctx.channelSecret)) {
    throw new LineErrorResponse(401, '411', 'TOKEN_INVALID_TOKEN: the refresh token or channel secret is wrong.');
  }
  // The old access token stops working at once (spec §4.3).
  ctx.channelToken = randomHex(24);
  ctx.refreshToken = randomHex(16);
  ctx.log('REST token reissued: the previous access token no longer works');
  sendJson(res, 200, { accessToken: ctx.channelToken, refreshToken: ctx.refreshToken, expire: Date.now() + ctx.tokenLifetimeMs });
}

function profiles(ctx: RestContext, url: URL, res: ServerResponse): void {
  const mids = url.searchParams.get('mids');
  if (mids === null || mids.trim() === '') throw badRequest('The mids query parameter is missing: GET /v1/profiles?mids=mid1,mid2.');
  const list = mids.split(',').map((mid) => mid.trim());
  if (list.some((mid) => mid === '')) throw badRequest('mids has an empty MID.');
  const contacts: Record<string, string>[] = [];
  for (const mid of new Set(list)) {
    const user = ctx.state.users.get(mid);
    if (!user) continue;
    const contact: Record<string, string> = { displayName: user.displayName, mid: user.mid, pictureUrl: user.pictureUrl };
    // spec §4.2: statusMessage is omitted when empty.
    if (user.statusMessage) contact.statusMessage = user.statusMessage;
    contacts.push(contact);
  }
  sendJson(res, 200, { contacts, count: contacts.length, display: contacts.length, start: 1, total: contacts.length });
}

function download(ctx: RestContext, messageId: string, preview: boolean, res: ServerResponse): void {
  const media = ctx.state.media.get(messageId);
  const file = media === undefined ? undefined : preview ? media.preview : media.original;
  if (file === undefined) {
    throw new LineErrorResponse(404, '404', `Not Found: no ${preview ? 'preview' : 'content'} for message ${messageId} (only images, videos and audio users sent have content; audio has no preview).`);
  }
  const extension = file.fileName.slice(file.fileName.lastIndexOf('.'));
  res.writeHead(200, {
    'Content-Type': file.contentType,
    'Content-Length': String(file.bytes.byteLength),
    'Content-Disposition': `attachment; filename="${messageId}${preview ? '-preview' : ''}${extension}"`,
    'Cache-Control': 'no-store',
  });
  res.end(file.bytes);
}
