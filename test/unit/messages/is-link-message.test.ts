import { describe, expect, it } from 'vitest';
import { isLinkMessage } from '../../../src/messages/is-link-message.js';
import { linkMessage } from '../../../src/messages/link-message.js';
import { text } from '../../../src/messages/text.js';

describe('isLinkMessage', () => {
  it('is true for a link message only', () => {
    expect(isLinkMessage(linkMessage({ templateId: 't' }))).toBe(true);
    expect(isLinkMessage(text('hi'))).toBe(false);
  });
});
