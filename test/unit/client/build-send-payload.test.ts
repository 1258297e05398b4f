import { describe, expect, it } from 'vitest';
import { MessageValidationError } from '../../../src/errors.js';
import { baseBodyBytes, buildEventBody, buildSendPayload } from '../../../src/client/build-send-payload.js';

const user = { toType: 'user' as const, messageNotified: undefined, trial: false };

describe('buildSendPayload + buildEventBody', () => {
  it('builds a single message body in the spec key order with toType after contentType', () => {
    const payload = buildSendPayload({ contentType: 1, text: 'hello' }, user);
    expect(buildEventBody(['u1', 'u2'], payload)).toBe(
      '{"to":["u1","u2"],"toChannel":1383378250,"eventType":"138311608800106203","content":{"contentType":1,"toType":1,"text":"hello"}}',
    );
  });

  it('builds a multiple-messages body with messageNotified and toType in every message', () => {
    const payload = buildSendPayload(
      [
        { contentType: 1, text: 'a' },
        { contentType: 8, contentMetadata: { STKID: '3', STKPKGID: '332' } },
      ],
      { toType: 'group', messageNotified: 1, trial: false },
    );
    expect(buildEventBody(['g1'], payload)).toBe(
      '{"to":["g1"],"toChannel":1383378250,"eventType":"140177271400161403","content":{"messageNotified":1,"messages":[{"contentType":1,"toType":3,"text":"a"},{"contentType":8,"toType":3,"contentMetadata":{"STKID":"3","STKPKGID":"332"}}]}}',
    );
  });

  it('builds a link message body with its own toChannel and eventType', () => {
    const payload = buildSendPayload({ templateId: 'tpl', textParams: { name: 'Ann' } }, user);
    expect(buildEventBody(['u1'], payload)).toBe(
      '{"to":["u1"],"toChannel":1341301715,"eventType":"137299299800026303","content":{"templateId":"tpl","textParams":{"name":"Ann"}}}',
    );
  });

  it('measures the base size as the body with an empty to array', () => {
    const payload = buildSendPayload({ contentType: 1, text: 'こんにちは' }, user);
    expect(baseBodyBytes(payload)).toBe(new TextEncoder().encode(buildEventBody([], payload)).byteLength);
  });

  it('a link message with toType group: the error says why (no toType on the wire, spec §3)', () => {
    expect(() => buildSendPayload({ templateId: 't' }, { ...user, toType: 'group' })).toThrow(
      "Invalid toType: a link message has no toType on the wire (spec §3) and goes to users only; got 'group'. Send it without toType.",
    );
  });

  it.each([
    ['link message in trial mode', () => buildSendPayload({ templateId: 't' }, { ...user, trial: true }), 'templateId'],
    ['room in trial mode', () => buildSendPayload({ contentType: 1, text: 'a' }, { ...user, toType: 'room', trial: true }), 'toType'],
    ['unknown toType', () => buildSendPayload({ contentType: 1, text: 'a' }, { ...user, toType: 'channel' as 'user' }), 'toType'],
    ['an inherited key as toType', () => buildSendPayload({ contentType: 1, text: 'a' }, { ...user, toType: 'toString' as 'user' }), 'toType'],
    ['link message in an array', () => buildSendPayload([{ contentType: 1, text: 'a' }, { templateId: 't' }], user), 'messages[1]'],
    ['link message to a group', () => buildSendPayload({ templateId: 't' }, { ...user, toType: 'group' }), 'toType'],
    ['link message to a room', () => buildSendPayload({ templateId: 't' }, { ...user, toType: 'room' }), 'toType'],
    ['empty array', () => buildSendPayload([], user), 'message'],
    ['messageNotified out of range', () => buildSendPayload([{ contentType: 1, text: 'a' }], { ...user, messageNotified: 1 }), 'messageNotified'],
    ['messageNotified not an integer', () => buildSendPayload([{ contentType: 1, text: 'a' }], { ...user, messageNotified: 0.5 }), 'messageNotified'],
    ['messageNotified on a single message', () => buildSendPayload({ contentType: 1, text: 'a' }, { ...user, messageNotified: 0 }), 'messageNotified'],
  ])('rejects %s with MessageValidationError', (_name, build, field) => {
    expect(build).toThrow(MessageValidationError);
    try {
      build();
    } catch (error) {
      expect((error as MessageValidationError).field).toBe(field);
    }
  });
});
