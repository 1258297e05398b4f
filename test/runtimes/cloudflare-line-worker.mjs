// LINE for the Cloudflare tests (cloudflare-queues.test.ts): the fake LINE of line-business-connect/emulator
// (the BUILT dist/emulator.js) as a Worker, the bot worker's globalOutbound. Around its fetch handler:
// - every recipient LINE delivered a bot message to is counted (onEntry), so exactly-once can be checked;
// - failures are injected with the fake's own failNext, at random (seeded) per POST /v1/events;
// - the access token can be made to expire after the n-th accepted send (the fake's clock jumps past the
//   token's lifetime, so LINE answers 401 until the bot reissues), and accepted reissues are counted.
// Control: POST http://control/setup {users, channelSecret, failures, expireAfterSends, seed}, GET http://control/stats.
import { createFakeLine } from '../../dist/emulator.js';
import { midOf } from './cloudflare-mids.mjs';

const TOKEN_LIFETIME_MS = 86_400_000;

let state;

function setup(config) {
  const counts = new Map();
  let offset = 0;
  let seed = config.seed ?? 1;
  const users = Array.from({ length: config.users }, (_, index) => ({ displayName: `User ${index}`, mid: midOf(index) }));
  const fake = createFakeLine({
    url: 'https://api.line.me',
    users,
    channelSecret: config.channelSecret,
    channelToken: 'token-0',
    refreshToken: 'refresh-0',
    tokenLifetimeMs: TOKEN_LIFETIME_MS,
    historyLimit: 1_000,
    now: () => Date.now() + offset,
    onEntry: (entry) => {
      if (entry.from === 'bot') counts.set(entry.userMid, (counts.get(entry.userMid) ?? 0) + 1);
    },
  });
  state = {
    fake,
    counts,
    // Mulberry32: the same failures for the same seed.
    random() {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
    failures: config.failures ?? [],
    expireAfterSends: config.expireAfterSends ?? [],
    expire: () => (offset += TOKEN_LIFETIME_MS + 1),
    sends: { accepted: 0, refused: {} },
    reissues: 0,
  };
}

export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.hostname === 'control') {
      if (url.pathname === '/setup') {
        setup(await request.json());
        return Response.json({ ok: true });
      }
      return Response.json({
        counts: Object.fromEntries(state.counts),
        sends: state.sends,
        reissues: state.reissues,
        channelToken: state.fake.channelToken,
      });
    }
    if (url.pathname === '/v1/events') {
      // Each failure kind is injected with its probability, through the fake's failNext.
      let roll = state.random();
      for (const { probability, ...failure } of state.failures) {
        if (roll < probability) {
          state.fake.failNext(failure);
          break;
        }
        roll -= probability;
      }
    }
    const response = await state.fake.fetch(request);
    if (url.pathname === '/v1/oauth/accessToken' && response.ok) state.reissues++;
    if (url.pathname === '/v1/events') {
      if (response.ok) {
        state.sends.accepted++;
        if (state.expireAfterSends.includes(state.sends.accepted)) state.expire();
      } else {
        state.sends.refused[response.status] = (state.sends.refused[response.status] ?? 0) + 1;
      }
    }
    return response;
  },
};
