// A realistic webhook body of N events cycling through every message kind and operation (spec §2).
const channelMid = 'u0cc15697597f61dd8b01cea8b027050e';

const contents = [
  (i) => ({ contentType: 1, text: `Hello bot, this is message number ${i}. How are you today?`, contentMetadata: { AT_RECV_MODE: '2' } }),
  () => ({ contentType: 2 }),
  () => ({ contentType: 3 }),
  () => ({ contentType: 4, contentMetadata: { AUDLEN: '3600' } }),
  () => ({ contentType: 7, text: 'Tokyo Tower', location: { title: 'Tokyo Tower', address: '4 Chome-2-8 Shibakoen', latitude: 35.6586, longitude: 139.7454, phone: null } }),
  () => ({ contentType: 8, contentMetadata: { STKPKGID: '1', STKID: '2', STKVER: '100', STKTXT: '[Sticker]' } }),
  () => ({ contentType: 10, contentMetadata: { mid: 'u0a556cffd4da0dd89c94fb36e36e1cdc', displayName: 'Brown' } }),
];

/** The JSON text of `{"result":[…]}` with `count` events; every eighth one is an operation. */
export function batchBody(count) {
  const result = [];
  for (let i = 0; i < count; i++) {
    const base = { from: 'u206d25c2ea6bd87c17655609a1c37cb8', fromChannel: 1341301815, to: [channelMid], toChannel: 1441301333, id: `WB1519-${3426467455 + i}`, createdTime: 1_700_000_000_000 + i };
    const from = `u${i.toString(16).padStart(32, 'f')}`;
    if (i % 8 === 7) {
      result.push({ ...base, eventType: '138311609100106403', content: { revision: 1000 + i, opType: i % 16 === 7 ? 4 : 8, params: [from, null, null] } });
    } else {
      const content = contents[i % contents.length](i);
      result.push({ ...base, eventType: '138311609000106303', content: { id: String(9_000_000 + i), from, createdTime: 1_700_000_000_000 + i, to: [channelMid], toType: 1, contentMetadata: null, text: null, location: null, ...content } });
    }
  }
  return JSON.stringify({ result });
}
