import { describe, expect, it } from 'vitest';
import { linkMessage } from '../../../src/messages/link-message.js';
import type { LinkMessageContent } from '../../../src/messages/outgoing-message.js';
import { fieldOf } from './field-of.js';

describe('linkMessage', () => {
  it('serialises only templateId when nothing else is given', () => {
    expect(JSON.stringify(linkMessage({ templateId: 'tmpl_1' }))).toBe('{"templateId":"tmpl_1"}');
  });

  it('serialises every field in wire order whatever the input order', () => {
    const message = linkMessage({
      linkUriParams: { id: '9' },
      iLinkUriParams: { id: '8' },
      aLinkUriParams: { id: '7' },
      linkTextParams: { label: 'Open' },
      altTextParams: { name: 'alt' },
      subTextParams: { sub: 's' },
      textParams: { name: 'Taro' },
      previewUrl: 'https://example.com/p.jpg',
      templateId: 'tmpl_1',
    });
    expect(JSON.stringify(message)).toBe(
      '{"templateId":"tmpl_1","previewUrl":"https://example.com/p.jpg","textParams":{"name":"Taro"},"subTextParams":{"sub":"s"},' +
        '"altTextParams":{"name":"alt"},"linkTextParams":{"label":"Open"},"aLinkUriParams":{"id":"7"},"iLinkUriParams":{"id":"8"},"linkUriParams":{"id":"9"}}',
    );
  });

  it('has no contentType (the client sends it as a link message event)', () => {
    expect('contentType' in linkMessage({ templateId: 't' })).toBe(false);
  });

  it.each(['', undefined, 5])('rejects templateId %j', (templateId) => {
    expect(fieldOf(() => linkMessage({ templateId: templateId as string }))).toBe('templateId');
  });

  it.each(['http://example.com/p.jpg', 'p.jpg', ''])('rejects previewUrl %j', (previewUrl) => {
    expect(fieldOf(() => linkMessage({ templateId: 't', previewUrl }))).toBe('previewUrl');
  });

  it('rejects a parameter value that is not a string, naming the key', () => {
    expect(fieldOf(() => linkMessage({ templateId: 't', textParams: { name: 3 } } as unknown as LinkMessageContent))).toBe('textParams.name');
    expect(fieldOf(() => linkMessage({ templateId: 't', iLinkUriParams: { a: 'x', b: null } } as unknown as LinkMessageContent))).toBe('iLinkUriParams.b');
  });

  it.each([['a string'], [['x']], [null]])('rejects a parameter map that is %j', (params) => {
    expect(fieldOf(() => linkMessage({ templateId: 't', linkUriParams: params } as unknown as LinkMessageContent))).toBe('linkUriParams');
  });

  it('copies the parameter maps', () => {
    const textParams = { name: 'Taro' };
    const message = linkMessage({ templateId: 't', textParams });
    textParams.name = 'changed';
    expect(message.textParams).toEqual({ name: 'Taro' });
  });
});

describe('linkMessage parameter keys', () => {
  it('keeps a "__proto__" key from parsed JSON as a plain parameter', () => {
    const input = JSON.parse('{"templateId":"t","textParams":{"__proto__":"x","a":"b"}}') as LinkMessageContent;
    expect(JSON.stringify(linkMessage(input))).toBe('{"templateId":"t","textParams":{"__proto__":"x","a":"b"}}');
  });
});
