import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ConversationEntry, UserMessageInput } from './emulator-types.js';
import { decodeSegment, isJson, readBody, sendJson } from './http-helpers.js';
import { INBOX_HTML } from './inbox-page.js';
import { avatarSvg } from './avatar-svg.js';
import type { LocalEmulator } from './start-emulator.js';

class ApiProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const body = await readBody(req, 256 * 1024);
  if (body.tooLarge) throw new ApiProblem(413, 'The body is larger than 256 KiB.');
  if (body.size === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(body.bytes.toString('utf8'));
  } catch {
    throw new ApiProblem(400, 'The body is not valid JSON.');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ApiProblem(400, 'The body must be a JSON object.');
  return value as Record<string, unknown>;
}

function settle(done: Promise<void>): void {
  // The HTTP answer does not wait for the webhook delivery; the delivery log shows the outcome.
  done.catch(() => {});
}

/**
 * Serves the inbox page (`/`) and the emulator's own JSON API under `/_emulator/` (docs/emulator.md):
 * the state the page polls, virtual user actions, deliveries and user media. Errors are
 * `{"error":"…"}` with 400/404/405; unknown paths outside `/_emulator/` get a LINE-style 404.
 */
export async function handleEmulatorApi(emu: LocalEmulator, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const method = req.method ?? 'GET';
  const path = url.pathname;
  try {
    if (path === '/' || path === '/index.html') {
      expect(method, 'GET');
      res.writeHead(200, { 'Content-Type': 'text/html; charset=UTF-8', 'Cache-Control': 'no-store', 'Content-Length': String(Buffer.byteLength(INBOX_HTML)) });
      res.end(INBOX_HTML);
      return;
    }
    if (path === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (!path.startsWith('/_emulator/')) {
      sendJson(res, 404, { statusCode: '404', statusMessage: 'Not Found: no such API endpoint. See docs/emulator.md for the endpoints the emulator serves.' });
      return;
    }
    // Changes need a JSON content type: a cross-site form cannot send one, and a cross-site fetch
    // with one needs a CORS preflight this server never grants (a web page cannot drive your users).
    if (method !== 'GET' && method !== 'HEAD' && !isJson(req)) {
      throw new ApiProblem(415, 'Send the body as Content-Type: application/json.');
    }
    await route(emu, req, res, url, method, path.slice('/_emulator'.length));
  } catch (error) {
    if (error instanceof ApiProblem) sendJson(res, error.status, { error: error.message });
    else if (error instanceof TypeError) sendJson(res, 400, { error: error.message });
    else throw error;
  }
}

function expect(method: string, expected: string): void {
  if (method !== expected) throw new ApiProblem(405, `Use ${expected}.`);
}

function segment(text: string | undefined): string {
  const decoded = decodeSegment(text);
  if (decoded === undefined) throw new ApiProblem(400, 'The path has a malformed %-escape.');
  return decoded;
}

async function route(emu: LocalEmulator, req: IncomingMessage, res: ServerResponse, url: URL, method: string, path: string): Promise<void> {
  const state = emu.state;
  if (path === '/state') {
    expect(method, 'GET');
    const since = Number(url.searchParams.get('since') ?? NaN);
    if (since === state.version) {
      res.writeHead(204, { 'Cache-Control': 'no-store' }).end();
      return;
    }
    sendJson(res, 200, {
      version: state.version,
      channel: { url: emu.url, channelId: emu.channelId, channelMid: emu.channelMid, trial: emu.trial, webhookUrl: emu.webhookUrl ?? null },
      users: emu.users,
      conversations: emu.conversations(),
      deliveries: emu.deliveries(),
      requests: emu.requests(),
    });
    return;
  }
  if (path === '/reset') {
    expect(method, 'POST');
    await emu.reset();
    sendJson(res, 200, { version: state.version });
    return;
  }
  if (path === '/users') {
    if (method === 'POST') {
      const body = await readJson(req);
      sendJson(res, 201, emu.addUser(body as never));
      return;
    }
    expect(method, 'GET');
    sendJson(res, 200, emu.users);
    return;
  }
  if (path === '/conversations') {
    expect(method, 'GET');
    sendJson(res, 200, emu.conversations());
    return;
  }
  if (path === '/deliveries') {
    expect(method, 'GET');
    sendJson(res, 200, emu.deliveries());
    return;
  }
  if (path === '/requests') {
    expect(method, 'GET');
    sendJson(res, 200, emu.requests());
    return;
  }
  if (path === '/webhook') {
    expect(method, 'PUT');
    const body = await readJson(req);
    const value = body.url;
    if (value !== null && typeof value !== 'string') throw new ApiProblem(400, 'url must be a string, or null to clear it.');
    emu.setWebhookUrl(value === null || value === '' ? undefined : value);
    sendJson(res, 200, { webhookUrl: emu.webhookUrl ?? null });
    return;
  }
  const conversation = /^\/conversations\/([^/]+)$/.exec(path);
  if (conversation) {
    expect(method, 'GET');
    const found = emu.conversation(segment(conversation[1]));
    if (!found) throw new ApiProblem(404, 'No such conversation.');
    sendJson(res, 200, found);
    return;
  }
  const redeliver = /^\/deliveries\/([^/]+)\/redeliver$/.exec(path);
  if (redeliver) {
    expect(method, 'POST');
    sendJson(res, 200, await emu.redeliver(segment(redeliver[1])));
    return;
  }
  const media = /^\/media\/([^/]+?)(\/preview)?$/.exec(path);
  if (media) {
    expect(method, 'GET');
    const stored = state.media.get(segment(media[1]));
    const file = media[2] ? stored?.preview : stored?.original;
    if (!file) throw new ApiProblem(404, 'No such media.');
    res.writeHead(200, { 'Content-Type': file.contentType, 'Content-Length': String(file.bytes.byteLength), 'Cache-Control': 'no-store' });
    res.end(file.bytes);
    return;
  }
  const userAction = /^\/users\/([^/]+)\/(picture|messages|add-friend|block|invite-group|invite-room)$/.exec(path);
  if (userAction) {
    const mid = segment(userAction[1]);
    const action = userAction[2];
    if (action === 'picture') {
      expect(method, 'GET');
      const user = state.findUser(mid);
      const svg = avatarSvg(user.displayName, user.mid);
      res.writeHead(200, { 'Content-Type': 'image/svg+xml', 'Content-Length': String(Buffer.byteLength(svg)), 'Cache-Control': 'max-age=3600' });
      res.end(svg);
      return;
    }
    expect(method, 'POST');
    const body = await readJson(req);
    let queued: { entry: ConversationEntry; done: Promise<void> } | undefined;
    if (action === 'messages') {
      const { chatMid, ...message } = body;
      if (chatMid !== undefined && typeof chatMid !== 'string') throw new ApiProblem(400, 'chatMid must be a string.');
      queued = emu.queueMessage(mid, message as unknown as UserMessageInput, chatMid === undefined ? {} : { chatMid });
    } else if (action === 'add-friend') {
      queued = emu.queueAddFriend(mid);
    } else if (action === 'block') {
      queued = emu.queueBlock(mid);
    } else {
      const kind = action === 'invite-group' ? 'group' : 'room';
      const { chat, done } = emu.queueInvite(mid, kind, typeof body.name === 'string' ? body.name : undefined);
      settle(done);
      sendJson(res, 202, state.chatView(chat));
      return;
    }
    settle(queued.done);
    sendJson(res, 202, queued.entry);
    return;
  }
  throw new ApiProblem(404, `No emulator API at ${path}. See docs/emulator.md.`);
}
