// `precinct id` and the identity routes through the real binary: BAC keys, dump verification, the printed data, and
// whole reader sessions against the software cards (genuine, cloned, altered, expired) from the CLI and over HTTP.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, copyFileSync, writeFileSync, readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { test } from 'node:test';

import { BIN, api, assertProblem, runCli, signIn, startServer, tempDir } from './harness.mjs';

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

const MRZ = { document_number: '205123456', date_of_birth: '050315', date_of_expiry: '300315' };
const failedChecks = (report) => report.checks.filter((c) => !c.passed && !c.informational).map((c) => c.id).sort();

test('id read: a whole session with each software card gives its verdict and exit code', () => {
  const expected = {
    genuine: { status: 0, verdict: 'genuine', failed: [] },
    cloned: { status: 1, verdict: 'clone_suspected', failed: ['chip.aa', 'chip.ca'] },
    altered: { status: 1, verdict: 'altered', failed: ['data.dg13_matches_mrz', 'pa.hash.dg13'] },
    expired: { status: 1, verdict: 'expired', failed: ['doc.expiry', 'pa.validity'] },
  };
  for (const [variant, want] of Object.entries(expected)) {
    const r = runCli(['id', 'read', '--reader', `software:${variant}`]);
    assert.equal(r.status, want.status, `${variant}: ${r.stderr}`);
    const report = JSON.parse(r.stdout);
    assert.equal(report.verdict, want.verdict, variant);
    assert.deepEqual(failedChecks(report), want.failed, variant);
    assert.equal(report.session.live, true);
    assert.equal(report.session.access_control, 'PACE-ECDH-GM-AES-CBC-CMAC-128');
    assert.equal(report.holder.personal_number, '079205123456');
    assert.ok(report.session.steps.some((s) => /SELECT master file refused \(SW 6D00/.test(s)), 'the MF quirk is handled');
  }
  // The genuine card's report: DG13 in Vietnamese, the province from the number, both chip proofs, the face.
  const faces = tempDir();
  const g = runCli(['id', 'read', '--reader', 'software:genuine', '--mrz', '205123456,050315,300315', '--faces', faces]);
  assert.equal(g.status, 0, g.stderr);
  const report = JSON.parse(g.stdout);
  assert.equal(report.holder.full_name, 'NGUYỄN VĂN AN');
  assert.equal(report.holder.date_of_birth, '15/03/2005');
  assert.equal(report.holder.province, 'TP. Hồ Chí Minh');
  assert.equal(report.holder.old_id_number, '025123456');
  assert.equal(report.session.chip_authentication.passed, true);
  assert.equal(report.session.active_authentication.passed, true);
  assert.equal(report.checks.find((c) => c.id === 'printed.personal_number').passed, true);
  assert.equal(report.faces_withheld, true, 'faces stay out of the JSON unless asked for');
  const png = readFileSync(join(faces, 'face1.png'));
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

  // With the CAN (PACE only) the session opens as well.
  const can = runCli(['id', 'read', '--reader', 'software:genuine', '--can', '123456']);
  assert.equal(can.status, 0, can.stderr);
  // Wrong access data: no report, a clear message.
  const wrong = runCli(['id', 'read', '--reader', 'software:genuine', '--mrz', '205123456,050316,300315']);
  assert.equal(wrong.status, 1);
  assert.equal(wrong.stdout, '');
  assert.match(wrong.stderr, /PACE|BAC/);
  const bad = runCli(['id', 'read', '--reader', 'software:lost']);
  assert.equal(bad.status, 2);
});

test('id demo-dump then id verify: the copied files are authentic but cannot prove the chip', () => {
  const dir = tempDir();
  const made = runCli(['id', 'demo-dump', '--variant', 'genuine', '--out', join(dir, 'card'), '--trust-out', join(dir, 'trust')]);
  assert.equal(made.status, 0, made.stderr);
  assert.ok(readdirSync(join(dir, 'card')).includes('EF_SOD.bin'));
  const r = runCli(['id', 'verify', '--dump', join(dir, 'card'), '--trust', join(dir, 'trust')]);
  assert.equal(r.status, 1);
  const report = JSON.parse(r.stdout);
  assert.equal(report.verdict, 'chip_not_proven');
  assert.equal(report.checks.find((c) => c.id === 'pa.chain').passed, true);
  assert.equal(report.session.chip_authentication.supported, true);
  assert.equal(report.session.chip_authentication.performed, false);
});

test('id printed: MRZ, personal number and QR text', () => {
  const qr = '079205123456|025123456|Nguyễn Văn An|15032005|Nam|123 Lê Lợi, Quận 1, TP. Hồ Chí Minh|20032021';
  const r = runCli(['id', 'printed', '--qr-text', qr]);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.qr.full_name, 'Nguyễn Văn An');
  assert.equal(out.personal_number.province.code, '079');
  assert.equal(out.personal_number.birth_year, 2005);
  // A number whose year digits disagree with the date of birth fails its check: exit 1.
  const wrong = runCli(['id', 'printed', '--number', '079204123456', '--dob', '2005-03-15']);
  assert.equal(wrong.status, 1);
  assert.equal(JSON.parse(wrong.stdout).personal_number.checks.find((c) => c.field === 'birth_year').ok, false);
  const mrz = runCli(['id', 'printed', '--mrz', 'IDVNM2051234564079205123456<<4\\n0503154M3003150VNM<<<<<<<<<<<6\\nNGUYEN<<VAN<AN<<<<<<<<<<<<<<<<']);
  assert.equal(mrz.status, 0, mrz.stderr);
  assert.equal(JSON.parse(mrz.stdout).mrz.personal_number, '079205123456');
  assert.equal(runCli(['id', 'printed', '--qr-text', 'not|a|card']).status, 2);
});

test('POST /api/v1/identity/verifications: software cards, dumps, roles, purposes and refusals', async () => {
  // A dump made beforehand, with its own throw-away CSCA, which the server is told to trust.
  const dir = tempDir();
  assert.equal(runCli(['id', 'demo-dump', '--out', join(dir, 'card'), '--trust-out', join(dir, 'trust')]).status, 0);
  const s = await startServer({ config: `[modules.identity]\ntrust_dir = "${join(dir, 'trust')}"\nmax_dump_bytes = 131072\n` });
  try {
    const clerk = await signIn(s.url, 'clerk');
    const dispatcher = await signIn(s.url, 'dispatcher');
    const auditor = await signIn(s.url, 'auditor');
    const purpose = { 'x-purpose': 'identity check at the desk' };
    const verify = (token, body, headers = purpose) => api(s.url, 'POST', '/api/v1/identity/verifications', { token, body, headers });

    const readers = await api(s.url, 'GET', '/api/v1/identity/readers', { token: clerk });
    assert.equal(readers.status, 200, readers.text);
    const ids = readers.json.readers.map((r) => r.id);
    for (const v of ['genuine', 'cloned', 'altered', 'expired']) assert.ok(ids.includes(`software:${v}`));
    const expiredCard = readers.json.readers.find((r) => r.id === 'software:expired');
    assert.notEqual(expiredCard.demo_access.date_of_expiry, MRZ.date_of_expiry, 'the expired card prints its own dates');

    const want = { genuine: 'genuine', cloned: 'clone_suspected', altered: 'altered', expired: 'expired' };
    for (const r of readers.json.readers.filter((x) => x.kind === 'software')) {
      const { can, ...mrz } = r.demo_access;
      const res = await verify(clerk, { reader: r.id, mrz });
      assert.equal(res.status, 201, res.text);
      assert.equal(res.json.verdict, want[r.id.slice(9)], r.id);
      assert.ok(res.json.id > 0);
      assert.equal(res.headers.get('cache-control'), 'private, no-store');
    }
    const viaCan = await verify(clerk, { reader: 'software:genuine', can: '123456' });
    assert.equal(viaCan.status, 201, viaCan.text);
    assert.equal(viaCan.json.faces.length, 1, 'a clerk sees the face');
    assert.match(viaCan.json.faces[0].png_base64, /^iVBORw0KGgo/);
    assert.equal(viaCan.json.faces_withheld, undefined);
    const withheld = await verify(dispatcher, { reader: 'software:genuine', mrz: MRZ });
    assert.equal(withheld.status, 201, withheld.text);
    assert.equal(withheld.json.faces_withheld, true);
    assert.deepEqual(withheld.json.faces, [], 'a dispatcher does not get the face');

    // The dump uploaded as base64 files: authentic, its CSCA trusted, but a copy cannot prove the chip.
    const files = {};
    for (const f of readdirSync(join(dir, 'card'))) files[f] = readFileSync(join(dir, 'card', f)).toString('base64');
    const dump = await verify(clerk, { files });
    assert.equal(dump.status, 201, dump.text);
    assert.equal(dump.json.verdict, 'chip_not_proven');

    // Refusals: clear problems, nothing stored.
    assertProblem(await verify(clerk, { reader: 'software:genuine', mrz: MRZ }, {}), 400, 'invalid-argument', 'purpose');
    assertProblem(await verify(auditor, { reader: 'software:genuine', mrz: MRZ }), 403, 'forbidden');
    assertProblem(await verify(clerk, { reader: 'software:genuine', can: '12' }), 400, 'invalid-argument', 'can');
    assertProblem(await verify(clerk, { reader: 'software:genuine', mrz: MRZ, can: '123456' }), 400, 'invalid-argument', 'mrz');
    assertProblem(await verify(clerk, { reader: 'software:genuine', files }), 400, 'invalid-argument', 'reader');
    assertProblem(await verify(clerk, { files: { 'EF_SOD.bin': '***' } }), 400, 'invalid-argument', 'files.EF_SOD.bin');
    assertProblem(await verify(clerk, { reader: 'software:genuine', mrz: MRZ, extra: 1 }), 400, 'invalid-argument', 'extra');
    const wrongKey = await verify(clerk, { reader: 'software:genuine', mrz: { ...MRZ, date_of_birth: '050316' } });
    assertProblem(wrongKey, 400, 'invalid-argument', 'mrz');
    assert.match(wrongKey.json.detail, /MRZ data do not match|PACE/);
    assertProblem(await verify(clerk, { reader: 'software:genuine', can: '654321' }), 400, 'invalid-argument', 'can');
    // No such PC/SC reader: 404 where the PC/SC service runs, 503 where it does not.
    const noReader = await verify(clerk, { reader: 'pcsc:no such reader', mrz: MRZ });
    assert.ok([404, 503].includes(noReader.status), noReader.text);
    assert.match(noReader.headers.get('content-type') ?? '', /application\/problem\+json/);
    const huge = await api(s.url, 'POST', '/api/v1/identity/verifications', {
      token: clerk, headers: purpose, body: { files: { 'DG2.bin': 'A'.repeat(140000) } } });
    assertProblem(huge, 413, 'too-large', 'body');

    // The register: newest first, document numbers masked; each verification audited with its purpose.
    const list = await api(s.url, 'GET', '/api/v1/identity/verifications?limit=50', { token: clerk, headers: purpose });
    assert.equal(list.status, 200, list.text);
    assert.equal(list.json.verifications.length, 7);
    assert.equal(list.json.verifications[0].verdict, 'chip_not_proven');
    for (const v of list.json.verifications) {
      assert.ok(!v.document.includes('205123'), `masked: ${v.document}`);
      assert.equal(v.purpose, 'identity check at the desk');
    }
    const log = await api(s.url, 'GET', '/api/v1/audit?order=desc&limit=100', { token: auditor });
    const audited = log.json.items.filter((e) => e.action === 'POST /api/v1/identity/verifications' && e.purpose === 'identity check at the desk');
    assert.ok(audited.length >= 7, `audited ${audited.length}`);
  } finally {
    await s.stop();
  }
});

// The real PC/SC stack: pcscd with the vsmartcard-vpcd driver, and software cards inserted into its virtual readers
// by `precinct id virtual-card`. Everything a physical reader goes through runs: pcsc-lite, the driver, T=1.
const PCSCD = '/usr/sbin/pcscd';
const VPCD = '/usr/lib/pcsc/drivers/serial/libifdvpcd.so';
const PCSCD_SOCKET = '/run/pcscd/pcscd.comm';
const pcscSkip = !existsSync(PCSCD) ? 'pcscd is not installed (scripts/setup installs it)'
  : !existsSync(VPCD) ? 'vsmartcard-vpcd is not installed (scripts/setup installs it)'
    : !existsSync(PCSCD_SOCKET) && process.getuid?.() !== 0 ? 'pcscd is not running and only root may start it' : false;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Reads until the card is in the reader (pcscd polls the virtual readers), at most 20 s.
async function readWhenPresent(args) {
  const end = Date.now() + 20_000;
  for (;;) {
    const r = runCli(['id', 'read', ...args]);
    if (r.status !== 1 || r.stdout !== '' || Date.now() > end) return r;
    if (!/no card|not connected|no such reader|no PC\/SC service|no card reader/.test(r.stderr)) return r;
    await sleep(300);
  }
}

test('PC/SC end to end: software cards in pcscd\'s virtual readers, from the CLI and over HTTP', { skip: pcscSkip }, async (t) => {
  const daemon = existsSync(PCSCD_SOCKET) ? null : spawn(PCSCD, ['--foreground'], { stdio: 'ignore' });
  const dir = tempDir();
  const cards = [
    spawn(BIN, ['id', 'virtual-card', '--variant', 'genuine', '--trust-out', join(dir, 'trust-genuine')], { stdio: 'ignore' }),
    spawn(BIN, ['id', 'virtual-card', '--variant', 'cloned', '--port', '35964', '--trust-out', join(dir, 'trust-cloned')], { stdio: 'ignore' }),
  ];
  try {
    for (const f of ['trust-genuine', 'trust-cloned']) {
      const end = Date.now() + 20_000;
      while (!existsSync(join(dir, f, 'test-csca.pem')) && Date.now() < end) await sleep(100);
    }
    const genuine = await readWhenPresent(['--reader', 'Virtual PCD 00 00', '--mrz', '205123456,050315,300315', '--trust', join(dir, 'trust-genuine')]);
    if (daemon === null && /no such reader|not connected/.test(genuine.stderr)) {
      t.skip('the running pcscd has no virtual readers (it was started before vsmartcard-vpcd was installed)');
      return;
    }
    assert.equal(genuine.status, 0, genuine.stderr);
    const g = JSON.parse(genuine.stdout);
    assert.equal(g.verdict, 'genuine');
    assert.equal(g.session.reader, 'Virtual PCD 00 00');
    assert.equal(g.session.access_control, 'PACE-ECDH-GM-AES-CBC-CMAC-128');
    assert.equal(g.holder.full_name, 'NGUYỄN VĂN AN');

    const cloned = await readWhenPresent(['--reader', 'pcsc:Virtual PCD 00 01', '--can', '123456', '--trust', join(dir, 'trust-cloned')]);
    assert.equal(cloned.status, 1, cloned.stderr);
    assert.equal(JSON.parse(cloned.stdout).verdict, 'clone_suspected');
    const wrong = runCli(['id', 'read', '--reader', 'Virtual PCD 00 00', '--mrz', '205123456,050315,300316']);
    assert.equal(wrong.status, 1);
    assert.match(wrong.stderr, /MRZ data do not match this card/);

    // The server, with the software cards on (demo) and the genuine card's CSCA trusted.
    const config = `[modules.identity]\ntrust_dir = "${join(dir, 'trust-genuine')}"\n`;
    const s = await startServer({ config });
    try {
      const clerk = await signIn(s.url, 'clerk');
      const readers = await api(s.url, 'GET', '/api/v1/identity/readers', { token: clerk });
      assert.ok(readers.json.readers.some((r) => r.id === 'pcsc:Virtual PCD 00 00' && r.kind === 'pcsc'), readers.text);
      const res = await api(s.url, 'POST', '/api/v1/identity/verifications', {
        token: clerk, headers: { 'x-purpose': 'PC/SC check' }, body: { reader: 'pcsc:Virtual PCD 00 00', mrz: MRZ } });
      assert.equal(res.status, 201, res.text);
      assert.equal(res.json.verdict, 'genuine');
      assert.equal(res.json.session.reader, 'Virtual PCD 00 00');
    } finally {
      await s.stop();
    }
    // Without the software cards (production), the virtual readers are neither listed nor used.
    const p = await startServer({ config: config + 'software_cards = false\n' });
    try {
      const clerk = await signIn(p.url, 'clerk');
      const readers = await api(p.url, 'GET', '/api/v1/identity/readers', { token: clerk });
      assert.deepEqual(readers.json.readers, []);
      assertProblem(await api(p.url, 'POST', '/api/v1/identity/verifications', {
        token: clerk, headers: { 'x-purpose': 'PC/SC check' }, body: { reader: 'pcsc:Virtual PCD 00 00', mrz: MRZ } }), 403, 'forbidden', 'reader');
    } finally {
      await p.stop();
    }
  } finally {
    for (const c of cards) c.kill('SIGTERM');
    if (daemon) {
      daemon.kill('SIGTERM');
      await new Promise((r) => daemon.once('exit', r));
    }
  }
});
