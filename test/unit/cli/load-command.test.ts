import { describe, expect, it } from 'vitest';
import { LOAD_HELP, parseLoadArgs } from '../../../src/cli/load-command.js';
import { UsageError } from '../../../src/cli/usage-error.js';

const url = 'http://127.0.0.1:3000/callback';
const base = [url, '--channel-secret', 's3cret'];

describe('parseLoadArgs', () => {
  it('fills in the defaults: 100 events/s for 10 s from 100 users, batches of up to 100, 8 in flight, text', () => {
    expect(parseLoadArgs(base)).toEqual({
      help: false,
      json: false,
      quiet: false,
      url,
      channelSecret: 's3cret',
      channelToken: undefined,
      channelId: undefined,
      ratePerSecond: 100,
      durationMs: 10_000,
      count: undefined,
      users: 100,
      batch: 100,
      mix: { text: 1 },
      deliveriesInFlight: 8,
      timeoutMs: 10_000,
      port: 0,
      host: '127.0.0.1',
      replyWaitMs: 1_000,
    });
  });

  it('reads every flag', () => {
    const args = [
      ...base,
      '--rate=2.5',
      '--count',
      '500',
      '--users',
      '7',
      '--batch',
      '1',
      '--mix',
      'text:3,image',
      '--deliveries-in-flight',
      '2',
      '--timeout-ms',
      '1500',
      '--channel-token',
      'tok',
      '--channel-id',
      '123',
      '--port',
      '8765',
      '--host',
      '0.0.0.0',
      '--reply-wait-ms',
      '0',
      '--json',
      '--quiet',
    ];
    expect(parseLoadArgs(args)).toMatchObject({
      json: true,
      quiet: true,
      ratePerSecond: 2.5,
      count: 500,
      durationMs: undefined,
      users: 7,
      batch: 1,
      mix: { text: 3, image: 1 },
      deliveriesInFlight: 2,
      timeoutMs: 1500,
      channelToken: 'tok',
      channelId: '123',
      port: 8765,
      host: '0.0.0.0',
      replyWaitMs: 0,
    });
    expect(parseLoadArgs([...base, '--duration', '0.5'])).toMatchObject({ durationMs: 500, count: undefined });
    expect(parseLoadArgs(['--help'])).toEqual({ help: true });
    expect(parseLoadArgs([...base, '-h'])).toEqual({ help: true });
  });

  it.each([
    [[], 'give the event endpoint URL, e.g. line-bc load http://127.0.0.1:3000/callback --channel-secret "$LINE_CHANNEL_SECRET"'],
    [[url, url, '--channel-secret', 's'], `give one URL, got 2: ${url} ${url}`],
    [['127.0.0.1:3000/callback', '--channel-secret', 's'], '"127.0.0.1:3000/callback" is not an absolute http: or https: URL, e.g. http://127.0.0.1:3000/callback'],
    [['ftp://127.0.0.1/callback', '--channel-secret', 's'], '"ftp://127.0.0.1/callback" is not an absolute http: or https: URL, e.g. http://127.0.0.1:3000/callback'],
    [[url], "give the bot's channel secret with --channel-secret: the deliveries are signed with it."],
    [[url, '--channel-secret', ' '], '--channel-secret must not be empty.'],
    [[...base, '--duration', '5', '--count', '10'], 'give --duration or --count, not both: a run lasts a time or sends a number of events.'],
    [[...base, '--rate', '0'], '--rate must be a number above 0 and at most 100000, got "0".'],
    [[...base, '--rate', '100001'], '--rate must be a number above 0 and at most 100000, got "100001".'],
    [[...base, '--rate', '1e3'], '--rate must be a number above 0 and at most 100000, got "1e3".'],
    [[...base, '--duration', '3601'], '--duration must be a number above 0 and at most 3600, got "3601".'],
    [[...base, '--duration=-1'], '--duration must be a number above 0 and at most 3600, got "-1".'],
    [[...base, '--count', '0'], '--count must be an integer from 1 to 10000000, got "0".'],
    [[...base, '--count', '10000001'], '--count must be an integer from 1 to 10000000, got "10000001".'],
    [[...base, '--count', '1.5'], '--count must be an integer from 1 to 10000000, got "1.5".'],
    [[...base, '--users', '0'], '--users must be an integer from 1 to 10000, got "0".'],
    [[...base, '--users', '10001'], '--users must be an integer from 1 to 10000, got "10001".'],
    [[...base, '--batch', '0'], '--batch must be an integer from 1 to 100, got "0".'],
    [[...base, '--batch', '101'], '--batch must be an integer from 1 to 100, got "101".'],
    [[...base, '--deliveries-in-flight', '1001'], '--deliveries-in-flight must be an integer from 1 to 1000, got "1001".'],
    [[...base, '--timeout-ms', '0'], '--timeout-ms must be an integer from 1 to 600000, got "0".'],
    [[...base, '--port', '65536'], '--port must be an integer from 0 to 65535, got "65536".'],
    [[...base, '--reply-wait-ms', '60001'], '--reply-wait-ms must be an integer from 0 to 60000, got "60001".'],
    [[...base, '--channel-id', 'abc'], '--channel-id must be digits, got "abc".'],
    [[...base, '--host', ''], '--host must not be empty.'],
    [[...base, '--mix', 'text,gif'], '--mix: unknown message kind "gif"; use kinds from text, image, video, audio, location, sticker, contact, each optionally with a weight: e.g. --mix text,image or --mix text:8,image:1.'],
  ])('refuses %j with a UsageError naming the fix', (args, message) => {
    expect(() => parseLoadArgs(args)).toThrow(new UsageError(message));
  });

  it('refuses an unknown flag and a flag without its value', () => {
    expect(() => parseLoadArgs([...base, '--rps', '5'])).toThrow(UsageError);
    expect(() => parseLoadArgs([...base, '--rate'])).toThrow(/Option '--rate <value>' argument missing/);
  });

  it('--help names every flag parseLoadArgs reads', () => {
    for (const flag of ['--channel-secret', '--rate', '--duration', '--count', '--users', '--batch', '--mix', '--deliveries-in-flight', '--timeout-ms', '--channel-token', '--channel-id', '--port', '--host', '--reply-wait-ms', '--json', '--quiet', '--help']) {
      expect(LOAD_HELP).toContain(flag);
    }
  });
});
