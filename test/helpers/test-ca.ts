// A throwaway PKI made with `openssl` at test time: root CA → intermediate CA → server certificates,
// plus the broken ones LINE refuses (self-signed, expired, wrong host name). Deno and Node both accept
// the leaves when the root is trusted (basicConstraints CA:FALSE, serverAuth, SANs), see toolchain.md.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A key and the certificate chain a server sends (PEM). */
export interface ServerCredentials {
  key: string;
  cert: string;
}

/** Everything a test needs. */
export interface TestCa {
  /** Folder holding the files; removed by {@link TestCa.remove}. */
  dir: string;
  /** Path of the root CA certificate (what `--ca` gets). */
  rootFile: string;
  /** The root CA certificate (PEM). */
  root: string;
  /** Name of the intermediate CA (the one a server may fail to send). */
  intermediateName: string;
  /** Where the leaves say the intermediate can be downloaded (their AIA "CA Issuers" URL). */
  intermediateUrl: string;
  /** localhost + 127.0.0.1, valid 400 days, sent with the intermediate. */
  good: ServerCredentials;
  /** The same leaf without the intermediate. */
  missingIntermediate: ServerCredentials;
  /** localhost, valid 10 days, with the intermediate. */
  expiringSoon: ServerCredentials;
  /** localhost, valid in January 2024 only, with the intermediate. */
  expired: ServerCredentials;
  /** A self-signed certificate for localhost. */
  selfSigned: ServerCredentials;
  /** bot.example.test only, with the intermediate. */
  wrongHost: ServerCredentials;
  /** Deletes the folder. */
  remove(): void;
}

const intermediateName = 'Doctor Test Intermediate CA';
const intermediateUrl = 'http://ca.example.test/doctor-intermediate.crt';

/** Creates the PKI in a new temporary folder (about a second: EC P-256 keys). */
export function createTestCa(): TestCa {
  const dir = mkdtempSync(join(tmpdir(), 'line-bc-test-ca-'));
  const file = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const read = (name: string) => readFileSync(file(name), 'utf8');
  const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  const leafExt = (names: string) =>
    `basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=${names}\nauthorityInfoAccess=caIssuers;URI:${intermediateUrl}\n`;

  openssl('req', '-x509', ...newKey, '-keyout', 'root.key', '-out', 'root.pem', '-days', '3650', '-subj', '/CN=Doctor Test Root CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  openssl('req', '-new', ...newKey, '-keyout', 'int.key', '-out', 'int.csr', '-subj', `/CN=${intermediateName}`);
  writeFileSync(file('int.ext'), 'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n');
  openssl('x509', '-req', '-in', 'int.csr', '-CA', 'root.pem', '-CAkey', 'root.key', '-CAcreateserial', '-out', 'int.pem', '-days', '3650', '-extfile', 'int.ext');

  openssl('req', '-new', ...newKey, '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', '/CN=localhost');
  writeFileSync(file('localhost.ext'), leafExt('DNS:localhost,IP:127.0.0.1'));
  writeFileSync(file('wrong-host.ext'), leafExt('DNS:bot.example.test'));
  const sign = (out: string, ext: string, days: string) =>
    openssl('x509', '-req', '-in', 'leaf.csr', '-CA', 'int.pem', '-CAkey', 'int.key', '-CAcreateserial', '-out', out, '-days', days, '-extfile', ext);
  sign('good.pem', 'localhost.ext', '400');
  sign('soon.pem', 'localhost.ext', '10');
  sign('wrong-host.pem', 'wrong-host.ext', '400');

  // `openssl x509` cannot back-date; `openssl ca` takes explicit dates.
  mkdirSync(file('db'));
  writeFileSync(file('db/index.txt'), '');
  writeFileSync(file('db/serial'), '1000\n');
  writeFileSync(
    file('ca.cnf'),
    '[ca]\ndefault_ca = test\n[test]\ndatabase = db/index.txt\nnew_certs_dir = db\nserial = db/serial\ndefault_md = sha256\npolicy = any\nunique_subject = no\n[any]\ncommonName = supplied\n',
  );
  openssl('ca', '-batch', '-config', 'ca.cnf', '-cert', 'int.pem', '-keyfile', 'int.key', '-in', 'leaf.csr', '-out', 'expired.pem',
    '-startdate', '20240101000000Z', '-enddate', '20240201000000Z', '-extfile', 'localhost.ext', '-notext');

  openssl('req', '-x509', ...newKey, '-keyout', 'self.key', '-out', 'self.pem', '-days', '400', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1');

  const leafKey = read('leaf.key');
  const intermediate = read('int.pem');
  return {
    dir,
    rootFile: file('root.pem'),
    root: read('root.pem'),
    intermediateName,
    intermediateUrl,
    good: { key: leafKey, cert: read('good.pem') + intermediate },
    missingIntermediate: { key: leafKey, cert: read('good.pem') },
    expiringSoon: { key: leafKey, cert: read('soon.pem') + intermediate },
    expired: { key: leafKey, cert: read('expired.pem') + intermediate },
    selfSigned: { key: read('self.key'), cert: read('self.pem') },
    wrongHost: { key: leafKey, cert: read('wrong-host.pem') + intermediate },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
