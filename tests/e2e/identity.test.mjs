// `precinct id`: BAC keys and dump verification through the real binary.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, copyFileSync, writeFileSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

import { runCli, tempDir } from './harness.mjs';

const VECTORS = join(dirname(fileURLToPath(import.meta.url)), '../../../shared/data/icao9303-vectors');
const haveVectors = existsSync(VECTORS);

test('id bac-keys prints the keys of the synthetic Vietnamese card', () => {
  const r = runCli(['id', 'bac-keys', '--doc', '205123456', '--dob', '050315', '--expiry', '300315']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^K_seed 845C8154D341B5223EDD3FA6BAC2FF43$/m);
  assert.match(r.stdout, /^K_enc {2}947AB95D9EFBDA925E98FEF2FBC102E9$/m);
  assert.match(r.stdout, /^K_mac {2}371FC40EA44973D9100DA22FF2073285$/m);
  const bad = runCli(['id', 'bac-keys', '--doc', '205123456', '--dob', '0503', '--expiry', '300315']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /date of birth: YYMMDD/);
});

test('id verify: the ETSI specimen is authentic but untrusted, and altered files are caught', { skip: !haveVectors && 'test vectors not found' }, () => {
  const ok = runCli(['id', 'verify', '--dump', join(VECTORS, 'etsi-tr103200')]);
  assert.equal(ok.status, 1, 'exit 0 is only for a genuine card');
  const report = JSON.parse(ok.stdout);
  assert.equal(report.verdict, 'untrusted');
  const check = (id) => report.checks.find((c) => c.id === id);
  assert.equal(check('pa.signature').passed, true);
  assert.equal(check('pa.hash.dg1').passed, true);
  assert.equal(check('pa.chain').passed, false);
  assert.match(report.reasoning[0], /Passive authentication alone cannot tell a clone/);
  assert.equal(report.holder.mrz_lines.length, 2);

  const dir = tempDir();
  const dump = join(dir, 'altered');
  mkdirSync(dump);
  for (const f of ['EF_SOD.bin', 'Datagroup14.bin', 'Datagroup15.bin']) {
    copyFileSync(join(VECTORS, 'etsi-tr103200', f), join(dump, f));
  }
  copyFileSync(join(VECTORS, 'negative', 'dg1-etsi-issuer-altered-D-to-SU.bin'), join(dump, 'DG1.bin'));
  const altered = runCli(['id', 'verify', '--dump', dump]);
  assert.equal(altered.status, 1);
  const a = JSON.parse(altered.stdout);
  assert.equal(a.verdict, 'altered');
  assert.equal(a.checks.find((c) => c.id === 'pa.hash.dg1').passed, false);

  // A trust file that is not a certificate is refused with a clear message, exit 2.
  const junk = join(dir, 'junk.cer');
  writeFileSync(junk, 'not a certificate');
  const refused = runCli(['id', 'verify', '--dump', join(VECTORS, 'etsi-tr103200'), '--trust', junk]);
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /--trust/);
  assert.ok(readFileSync(join(dump, 'DG1.bin')).length > 0);
});

test('id verify refuses a folder that is not a dump', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'photo.jpg'), 'x');
  writeFileSync(join(dir, 'EF_SOD.bin'), 'x');
  const r = runCli(['id', 'verify', '--dump', dir]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /photo\.jpg is not an elementary file name/);
});
