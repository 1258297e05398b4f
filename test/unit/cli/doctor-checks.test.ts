// The doctor's verdicts on certificate facts that real servers make hard to stage (an expired
// intermediate, a date at the warning boundary, a certificate not valid yet), with certificate objects
// shaped like Node's `getPeerCertificate(true)`. The real-server scenarios are in test/integration/cli/.
import type { DetailedPeerCertificate } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { checkChain } from '../../../src/cli/doctor/check-chain.js';
import { checkExpiry } from '../../../src/cli/doctor/check-expiry.js';
import { doctorReport, fail, pass, skip, warn } from '../../../src/cli/doctor/doctor-check.js';
import { formatDoctorReport } from '../../../src/cli/doctor/format-doctor-report.js';

const day = 24 * 60 * 60 * 1000;
const now = Date.parse('2026-06-01T12:00:00Z');

/** A certificate object as Node builds it; `issuer` links like `issuerCertificate` (a root links to itself). */
function cert(name: string, validFrom: string, validTo: string, issuer?: DetailedPeerCertificate): DetailedPeerCertificate {
  const c = {
    subject: { CN: name },
    issuer: { CN: issuer ? issuer.subject.CN : name },
    valid_from: validFrom,
    valid_to: validTo,
    fingerprint256: `FP:${name}`,
  } as unknown as DetailedPeerCertificate;
  c.issuerCertificate = issuer ?? c;
  return c;
}

describe('checkExpiry', () => {
  const at = (ms: number) => new Date(ms).toUTCString();
  it('passes at 30 days left and warns under 30 (whole days, rounded down)', () => {
    const thirty = checkExpiry('https://bot.example/', cert('bot', at(now - day), at(now + 30 * day)), now);
    expect(thirty).toMatchObject({ status: 'pass', reason: 'the certificate expires on 2026-07-01, in 30 days', details: { daysLeft: 30 } });
    const almost = checkExpiry('https://bot.example/', cert('bot', at(now - day), at(now + 30 * day - 1000)), now);
    expect(almost).toMatchObject({ status: 'warn', reason: 'the certificate expires on 2026-07-01, in 29 days', details: { daysLeft: 29 } });
    const one = checkExpiry('https://bot.example/', cert('bot', at(now - day), at(now + day + 1000)), now);
    expect(one.reason).toBe('the certificate expires on 2026-06-02, in 1 day');
  });

  it('fails when expired (days ago) and when not valid yet', () => {
    expect(checkExpiry('https://bot.example/', cert('bot', at(now - 90 * day), at(now - 3 * day)), now)).toMatchObject({
      status: 'fail',
      reason: 'the certificate expired on 2026-05-29 (3 days ago)',
    });
    expect(checkExpiry('https://bot.example/', cert('bot', at(now + day), at(now + 90 * day)), now)).toMatchObject({
      status: 'fail',
      reason: 'the certificate is not valid before 2026-06-02T12:00:00.000Z',
      fix: "Check the clock of this machine, or wait until the certificate's start date.",
    });
  });
});

describe('checkChain', () => {
  const root = cert('Root', 'Jan 1 00:00:00 2020 GMT', 'Jan 1 00:00:00 2040 GMT');
  const target = 'https://bot.example/';

  it('an expired intermediate: names it and says to serve the current one', () => {
    const intermediate = cert('Old Intermediate', 'Jan 1 00:00:00 2020 GMT', 'Jan 1 00:00:00 2021 GMT', root);
    const leaf = cert('bot.example', 'Jan 1 00:00:00 2020 GMT', 'Jan 1 00:00:00 2039 GMT', intermediate);
    expect(checkChain(target, { chainError: 'CERT_HAS_EXPIRED', certificate: leaf }, 'the public CA store')).toMatchObject({
      status: 'fail',
      reason: '"Old Intermediate" expired on 2021-01-01 (CERT_HAS_EXPIRED)',
      fix: 'Serve the current intermediate certificate of your CA (your bundle holds an expired one).',
    });
  });

  it('an unknown verify code is a failure that names the code', () => {
    const leaf = cert('bot.example', 'Jan 1 00:00:00 2020 GMT', 'Jan 1 00:00:00 2039 GMT', root);
    expect(checkChain(target, { chainError: 'CERT_REVOKED', certificate: leaf }, 'the public CA store')).toMatchObject({
      status: 'fail',
      reason: 'the chain does not verify against the public CA store: CERT_REVOKED',
    });
  });

  it('no certificate at all', () => {
    expect(checkChain(target, { chainError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', certificate: {} as DetailedPeerCertificate }, 'the public CA store')).toMatchObject({
      status: 'fail',
      reason: 'the server presented no certificate',
    });
  });
});

describe('doctorReport and formatDoctorReport', () => {
  it('counts the verdicts, is ok without failures, and prints the fix under every check that is not a pass', () => {
    const report = doctorReport('https://bot.example/callback', [
      pass('url', 'https://bot.example/callback', 'an https: URL'),
      warn('expiry', 'https://bot.example/callback', 'expires soon', 'Renew it.'),
      skip('signed-batch', 'https://bot.example/callback', 'not run: no --channel-secret given', 'Pass --channel-secret.'),
    ]);
    expect(report).toMatchObject({ ok: true, counts: { pass: 1, warn: 1, fail: 0, skip: 1 } });
    expect(formatDoctorReport(report).split('\n')).toEqual([
      'line-bc doctor https://bot.example/callback',
      '',
      'PASS  url                an https: URL',
      'WARN  expiry             expires soon',
      '                          fix: Renew it.',
      'SKIP  signed-batch       not run: no --channel-secret given',
      '                          fix: Pass --channel-secret.',
      '',
      '0 failures, 1 warning, 1 passed, 1 skipped. No failures; read the warnings.',
    ]);
    const failed = doctorReport('https://bot.example/callback', [fail('media', 'https://cdn.example/a.jpg', 'GET answered 404, not 200', 'Serve the file.')]);
    expect(failed.ok).toBe(false);
    expect(formatDoctorReport(failed).split('\n').slice(2)).toEqual([
      'FAIL  media              https://cdn.example/a.jpg: GET answered 404, not 200',
      '                          fix: Serve the file.',
      '',
      '1 failure, 0 warnings, 0 passed, 0 skipped. Fix the failures above before you point LINE at this endpoint.',
    ]);
  });
});
