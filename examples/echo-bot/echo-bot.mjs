// @ts-check
/**
 * An echo bot written with the public API of line-business-connect only.
 *
 * - text → echoes the text; image/video/audio → downloads the content and says its size and type;
 *   location → sends a location back; sticker → sends the same sticker; contact → thanks by name.
 *   Every answer goes to the chat the message came from (`client.reply`): 1:1, a room or a group.
 * - add as friend → looks up the profile and greets by display name.
 * - invited to a group or added to a room → greets everyone there.
 * - block → deletes everything it stored about the user (LINE's FAQ requires it).
 *
 * Run it against the local emulator (`npx line-bc emulator`) or LINE itself:
 *   LINE_CHANNEL_SECRET=… LINE_CHANNEL_TOKEN=… LINE_API_BASE_URL=http://127.0.0.1:8765 node examples/echo-bot/echo-bot.mjs
 * or start it from code with `startEchoBot({ … })` (that is what `npm start` does).
 */
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { createClient, location, sticker, text } from 'line-business-connect';
import { createNodeMiddleware } from 'line-business-connect/node';
import { UserStore } from './user-store.mjs';

/**
 * @typedef {object} EchoBotOptions
 * @property {string} channelSecret   checks the signature of deliveries
 * @property {string} channelToken    the channel access token for the REST API
 * @property {string} [apiBaseUrl]    REST API origin; default https://api.line.me (the emulator prints its own)
 * @property {number} [port]          port to listen on; default 0 (any free port)
 * @property {string} [host]          default 127.0.0.1
 * @property {string} [path]          webhook path; default /callback
 * @property {(line: string) => void} [log]  default console.log
 */

/**
 * Starts the echo bot's HTTP server.
 * @param {EchoBotOptions} options
 * @returns {Promise<{ webhookUrl: string, store: UserStore, close(): Promise<void> }>}
 */
export async function startEchoBot(options) {
  const log = options.log ?? ((line) => console.log(line));
  const path = options.path ?? '/callback';
  const client = createClient({ channelToken: options.channelToken, baseUrl: options.apiBaseUrl });
  const store = new UserStore();

  /** Says hello in the group or room the bot just joined. @param {import('line-business-connect').Operation} operation */
  async function greet(operation) {
    if (!operation.chat) return;
    log(`joined ${operation.chat.type} ${operation.chat.mid}${operation.inviter ? ` (invited by ${operation.inviter})` : ''}`);
    await client.send(operation.chat.mid, text(`Hello everyone! Thanks for inviting me to this ${operation.chat.type}.`), { toType: operation.chat.type });
  }

  // Node has no waitUntil, so the default `respond: 'auto'` runs these callbacks before answering the
  // delivery: one user's events are handled in order, and a failed reply shows up as a failed delivery.
  const middleware = createNodeMiddleware({
    channelSecret: options.channelSecret,
    path,
    async onMessage({ message }) {
      // Rejects with a SendError when LINE did not take the answer: the delivery then fails and is logged.
      /** @param {Parameters<typeof client.send>[1]} answer */
      const reply = (answer) => client.reply(message, answer);
      // Who sent it (in a group LINE may leave the sender out: then nothing is stored about anyone).
      const user = message.from;
      switch (message.type) {
        case 'text':
          if (user) store.rememberMessage(user, { messageId: message.id, type: 'text', summary: message.text });
          await reply(text(message.text));
          break;
        case 'image':
        case 'video':
        case 'audio': {
          // Media are not in the event: download them with the message id (spec §4.1).
          const content = await client.getMessageContent(message.id);
          const bytes = new Uint8Array(await new Response(content.body).arrayBuffer());
          const contentType = content.contentType ?? 'application/octet-stream';
          if (user) {
            store.rememberMedia(user, { messageId: message.id, contentType, bytes });
            store.rememberMessage(user, { messageId: message.id, type: message.type, summary: `${bytes.byteLength} bytes` });
          }
          log(`downloaded ${message.type} ${message.id}: ${bytes.byteLength} bytes of ${contentType}`);
          const duration = message.type === 'audio' && message.durationMs !== undefined ? `, ${message.durationMs} ms` : '';
          await reply(text(`Got your ${message.type}: ${bytes.byteLength} bytes of ${contentType}${duration}.`));
          break;
        }
        case 'location':
          if (user) store.rememberMessage(user, { messageId: message.id, type: 'location', summary: `${message.latitude},${message.longitude}` });
          await reply(
            location({
              title: `You are at ${message.title ?? 'this spot'}`,
              ...(message.address ? { address: message.address } : {}),
              latitude: message.latitude,
              longitude: message.longitude,
            }),
          );
          break;
        case 'sticker':
          if (user) store.rememberMessage(user, { messageId: message.id, type: 'sticker', summary: `${message.packageId}/${message.stickerId}` });
          await reply(sticker({ packageId: message.packageId, stickerId: message.stickerId, ...(message.version ? { version: message.version } : {}) }));
          break;
        case 'contact':
          if (user) store.rememberMessage(user, { messageId: message.id, type: 'contact', summary: message.displayName });
          await reply(text(`Thanks for sharing ${message.displayName}'s contact.`));
          break;
        default:
          await reply(text(`Sorry, I cannot read messages of contentType ${message.contentType} yet.`));
      }
    },
    async onAddedAsFriend({ operation }) {
      // Look the new friend up so we can greet them by name (spec §4.2).
      const [profile] = await client.getProfiles([operation.mid]);
      if (profile) store.rememberProfile(profile);
      log(`looked up profile of ${operation.mid}: ${profile ? `"${profile.displayName}"` : 'none'}`);
      await client.send(operation.mid, text(`Hello ${profile?.displayName ?? 'there'}! Send me anything and I will echo it.`));
    },
    // Invited to a group (opType 5) or added to a room (7): say hello there. LINE's params layout is
    // unconfirmed, so operation.chat is absent when they name no group or room.
    onInvitedToGroup: ({ operation }) => greet(operation),
    onAddedToRoom: ({ operation }) => greet(operation),
    onBlocked({ operation }) {
      // LINE's FAQ: delete everything obtained about the user and every message they sent.
      const deleted = store.forget(operation.mid);
      log(
        `deleted all data of ${operation.mid}: profile ${deleted.profile ? 'yes' : 'no'}, ${deleted.messages} messages, ` +
          `${deleted.mediaFiles} media files (${deleted.mediaBytes} bytes)`,
      );
    },
    onError(error, context) {
      log(`error (${context.phase}): ${error instanceof Error ? error.message : String(error)}`);
    },
  });

  const server = createServer(middleware);
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve(undefined));
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    webhookUrl: `http://${host}:${address.port}${path}`,
    store,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

// Run directly: settings from the environment.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { LINE_CHANNEL_SECRET, LINE_CHANNEL_TOKEN, LINE_API_BASE_URL, PORT } = process.env;
  if (!LINE_CHANNEL_SECRET || !LINE_CHANNEL_TOKEN) {
    console.error('Set LINE_CHANNEL_SECRET and LINE_CHANNEL_TOKEN (and LINE_API_BASE_URL to use the emulator).');
    process.exit(2);
  }
  const bot = await startEchoBot({
    channelSecret: LINE_CHANNEL_SECRET,
    channelToken: LINE_CHANNEL_TOKEN,
    apiBaseUrl: LINE_API_BASE_URL,
    port: PORT ? Number(PORT) : 3000,
  });
  console.log(`Echo bot listening: event endpoint URL ${bot.webhookUrl}`);
}
