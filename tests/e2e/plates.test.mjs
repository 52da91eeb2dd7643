// Licence plates through the real binary: `precinct plates` on images and videos, and a video file as a camera:
// a watchlisted plate in it raises an alert on an SSE client and an incident in dispatch for the nearest units;
// reads are searchable with wildcards and look-alikes, crops served, cameras configured and their health shown.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

import { api, assertProblem, readEvents, runCli, signIn, startServer, tempDir } from './harness.mjs';

const PLATES = join(dirname(fileURLToPath(import.meta.url)), '../../../shared/data/vn-plates');
const havePlates = existsSync(join(PLATES, 'labels.csv'));
const MODELS = join(dirname(fileURLToPath(import.meta.url)), '../../models/ppocr/rec_48x320.onnx');
const haveModels = existsSync(MODELS);
const PURPOSE = { 'x-purpose': 'tracing a stolen vehicle' };  // header values are ASCII

function makeVideo(dir, name, plates, extra = []) {
  const out = join(dir, name);
  const args = ['plates', 'make-video', '--out', out, ...extra];
  for (const p of plates) args.push('--plate', p);
  const r = runCli(args);
  assert.equal(r.status, 0, r.stderr);
  return out;
}

test('plates: images and a video from the command line, one read per vehicle', { skip: !haveModels && 'plate models not prepared (scripts/setup)' }, () => {
  const dir = tempDir();
  const video = makeVideo(dir, 'street.avi', ['51F-678.90', '29-B1/234.56'], ['--seconds-each', '2', '--gap', '2']);
  const r = runCli(['plates', '--json', video]);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  const v = out.files[0];
  assert.equal(v.kind, 'video');
  assert.deepEqual(v.plates.map((p) => p.text), ['51F67890', '29B123456']);
  assert.equal(v.plates[0].display, '51F-678.90');
  assert.equal(v.plates[0].rows, 1);
  assert.equal(v.plates[1].rows, 2);
  assert.equal(v.plates[1].vehicle_kind, 'motorbike');
  assert.ok(v.plates[0].frames >= 3);
  assert.ok(v.frames_analysed < v.frames_sampled, 'the still street is skipped by motion gating');

  const text = runCli(['plates', video]);
  assert.equal(text.status, 0);
  assert.match(text.stdout, /51F-678\.90/);
  assert.match(text.stdout, /29B1-234\.56/);

  const missing = runCli(['plates', join(dir, 'none.jpg')]);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /no such file/);
  const junk = join(dir, 'junk.jpg');
  writeFileSync(junk, 'not an image');
  const bad = runCli(['plates', junk]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /not an image/);
  const notPlate = runCli(['plates', 'make-video', '--out', join(dir, 'x.avi'), '--plate', 'HELLO']);
  assert.equal(notPlate.status, 2);
});

test('plates: a real crop read by the command', { skip: (!haveModels || !havePlates) && 'models or labelled crops absent' }, () => {
  const r = runCli(['plates', '--json', join(PLATES, 'images/10xemay1329.jpg')]);
  assert.equal(r.status, 0, r.stderr);
  const p = JSON.parse(r.stdout).files[0].plates;
  assert.equal(p.length, 1);
  assert.equal(p[0].text, '54V81990');
  assert.equal(p[0].rows, 2);
});

test('a video camera raises an alert and a dispatch incident for a watchlisted plate; search, crops, cameras', { skip: !haveModels && 'plate models not prepared' }, async () => {
  const dir = tempDir();
  const video = makeVideo(dir, 'gate.avi', ['51F-678.90', '30K-555.66'], ['--seconds-each', '2', '--gap', '2']);
  const config = [
    '[modules.dispatch]', 'demo_calls_per_minute = 0',
    '[modules.vision]', 'demo_camera = false', 'allow_file_sources = false',
    '[[modules.vision.cameras]]', 'id = "gate-1"', 'name = "Cổng Hồ Gươm"', `url = "${video}"`, 'sample_fps = 3',
    'latitude = 21.0285', 'longitude = 105.8542', '',
  ].join('\n');
  const s = await startServer({ config });
  try {
    const inv = await signIn(s.url, 'investigator');
    const dispatcher = await signIn(s.url, 'dispatcher');
    const clerk = await signIn(s.url, 'clerk');
    const expires = new Date(Date.now() + 7 * 86400e3).toISOString();
    const entry = { plate: '30K-555.66', reason: 'Xe báo mất / reported stolen', legal_basis: 'Quyết định truy tìm 12/QĐ-CSHS', owner: 'Đội CSHS Hoàn Kiếm', expires_at: expires };

    // Refusals: every field is required; a non-plate; a role that may not; nothing stored by them.
    for (const field of ['reason', 'legal_basis', 'owner', 'expires_at']) {
      const body = { ...entry };
      delete body[field];
      assertProblem(await api(s.url, 'POST', '/api/v1/watchlists/plates', { token: inv, body }), 400, 'invalid-argument', field);
    }
    assertProblem(await api(s.url, 'POST', '/api/v1/watchlists/plates', { token: inv, body: { ...entry, plate: 'HELLO' } }), 400, 'invalid-argument', 'plate');
    assertProblem(await api(s.url, 'POST', '/api/v1/watchlists/plates', { token: inv, body: { ...entry, expires_at: '2020-01-01T00:00:00Z' } }), 400, 'invalid-argument', 'expires_at');
    assertProblem(await api(s.url, 'POST', '/api/v1/watchlists/plates', { token: inv, body: { ...entry, colour: 'red' } }), 400, 'invalid-argument', 'colour');
    assert.equal((await api(s.url, 'POST', '/api/v1/watchlists/plates', { token: clerk, body: entry })).status, 403);
    const empty = await api(s.url, 'GET', '/api/v1/watchlists/plates?all=true', { token: inv, headers: PURPOSE });
    assert.equal(empty.json.entries.length, 0);

    const live = readEvents(s.url, dispatcher, 'plates.alert', (ev) => ev.event === 'plates.alert', 60000);
    const added = await api(s.url, 'POST', '/api/v1/watchlists/plates', { token: inv, body: entry });
    assert.equal(added.status, 201, added.text);
    assert.equal(added.json.plate, '30K55566');
    assert.equal(added.json.display, '30K-555.66');
    assert.equal(added.json.active, true);

    const events = await live;
    const alert = events.find((e) => e.event === 'plates.alert').json;
    assert.equal(alert.plate, '30K55566');
    assert.equal(alert.display, '30K-555.66');
    assert.equal(alert.match, 'exact');
    assert.equal(alert.camera.id, 'gate-1');
    assert.equal(alert.camera.name, 'Cổng Hồ Gươm');
    assert.equal(alert.legal_basis, entry.legal_basis);
    assert.ok(alert.crop_jpeg_base64.length > 100, 'the alert carries the crop');
    assert.ok(Number.isInteger(alert.incident_id), JSON.stringify(alert));
    assert.ok(alert.nearest_units.length > 0, 'the nearest units are named');

    // The incident in dispatch: from the camera channel, at the camera.
    const incident = await api(s.url, 'GET', `/api/v1/incidents/${alert.incident_id}`, { token: dispatcher });
    assert.equal(incident.status, 200, incident.text);
    assert.match(JSON.stringify(incident.json), /30K-555\.66/);
    assert.match(JSON.stringify(incident.json), /camera/);
    const recs = await api(s.url, 'GET', `/api/v1/incidents/${alert.incident_id}/recommendations?limit=3`, { token: dispatcher });
    assert.equal(recs.status, 200);
    assert.ok(recs.text.includes(alert.nearest_units[0].call_sign), 'the alert names the units dispatch recommends');

    const alerts = await api(s.url, 'GET', '/api/v1/plates/alerts', { token: inv, headers: PURPOSE });
    assert.equal(alerts.status, 200);
    assert.equal(alerts.json.alerts[0].incident_id, alert.incident_id);

    // Search: wildcards, camera, a purpose required, look-alike tolerance; the crop is a JPEG.
    assertProblem(await api(s.url, 'GET', '/api/v1/plates/reads?plate=30K*', { token: inv }), 400, 'invalid-argument', 'purpose');
    const found = await api(s.url, 'GET', '/api/v1/plates/reads?plate=30K*&camera=gate-1', { token: inv, headers: PURPOSE });
    assert.equal(found.status, 200, found.text);
    assert.ok(found.json.reads.length >= 1);
    const read = found.json.reads[0];
    assert.equal(read.plate, '30K55566');
    assert.equal(read.match, 'exact');
    const crop = await fetch(s.url + read.crop_url, { headers: { authorization: `Bearer ${inv}`, ...PURPOSE } });
    assert.equal(crop.status, 200);
    assert.equal(crop.headers.get('content-type'), 'image/jpeg');
    const bytes = new Uint8Array(await crop.arrayBuffer());
    assert.deepEqual([bytes[0], bytes[1]], [0xff, 0xd8]);
    const alike = await api(s.url, 'GET', `/api/v1/plates/reads?plate=${encodeURIComponent('30K-SS5.66')}`, { token: inv, headers: PURPOSE });
    assert.ok(alike.json.reads.some((r) => r.plate === '30K55566' && r.match === 'look-alike'), alike.text);
    const strict = await api(s.url, 'GET', `/api/v1/plates/reads?plate=${encodeURIComponent('30K-SS5.66')}&look_alike=false`, { token: inv, headers: PURPOSE });
    assert.equal(strict.json.reads.length, 0);
    assertProblem(await api(s.url, 'GET', '/api/v1/plates/reads?plate=**', { token: inv, headers: PURPOSE }), 400, 'invalid-argument', 'plate');
    assertProblem(await api(s.url, 'GET', '/api/v1/plates/reads?from=yesterday', { token: inv, headers: PURPOSE }), 400, 'invalid-argument', 'from');
    const other = await api(s.url, 'GET', '/api/v1/plates/reads?plate=51F*', { token: inv, headers: PURPOSE });
    assert.ok(other.json.reads.some((r) => r.plate === '51F67890'));

    // Cameras: health of the configured one; a stream added in the console; files refused here; removal.
    const admin = await signIn(s.url, 'admin');
    const cams = await api(s.url, 'GET', '/api/v1/cameras', { token: dispatcher });
    const gate = cams.json.cameras.find((c) => c.id === 'gate-1');
    assert.equal(gate.source, 'config');
    assert.equal(gate.url, 'file');
    assert.ok(gate.health.frames_decoded > 0);
    assert.ok(gate.health.frames_analysed > 0);
    assertProblem(await api(s.url, 'POST', '/api/v1/cameras', { token: admin, body: { id: 'cam-file', name: 'x', url: video } }), 400, 'invalid-argument', 'url');
    assertProblem(await api(s.url, 'POST', '/api/v1/cameras', { token: admin, body: { id: 'Bad Id', name: 'x', url: 'rtsp://127.0.0.1:1/x' } }), 400, 'invalid-argument', 'id');
    assert.equal((await api(s.url, 'POST', '/api/v1/cameras', { token: dispatcher, body: { id: 'cam-2', name: 'x', url: 'rtsp://127.0.0.1:1/x' } })).status, 403);
    const down = await api(s.url, 'POST', '/api/v1/cameras', { token: admin, body: { id: 'cam-down', name: 'Cầu Giấy', url: 'rtsp://user:secret@127.0.0.1:1/live', sample_fps: 1 } });
    assert.equal(down.status, 201, down.text);
    assert.equal(down.json.url, 'rtsp://127.0.0.1:1', 'credentials are never shown');
    await new Promise((r) => setTimeout(r, 2500));
    const after = await api(s.url, 'GET', '/api/v1/cameras', { token: admin });
    const h = after.json.cameras.find((c) => c.id === 'cam-down').health;
    assert.equal(h.state, 'reconnecting');
    assert.ok(h.reconnects >= 1);
    assert.match(h.last_error, /cannot be opened/);
    assertProblem(await api(s.url, 'POST', '/api/v1/cameras', { token: admin, body: { id: 'cam-down', name: 'again', url: 'rtsp://127.0.0.1:1/x' } }), 409, 'conflict', 'id');
    assertProblem(await api(s.url, 'DELETE', '/api/v1/cameras/gate-1', { token: admin }), 409, 'conflict', 'id');
    assert.equal((await api(s.url, 'DELETE', '/api/v1/cameras/cam-down', { token: admin })).status, 204);

    // Revoked: the plate passes again (the video loops) and raises nothing more.
    const revoked = await api(s.url, 'POST', `/api/v1/watchlists/plates/${added.json.id}/revoke`, { token: inv, body: { reason: 'xe đã tìm thấy / vehicle found' } });
    assert.equal(revoked.status, 200, revoked.text);
    assert.equal(revoked.json.active, false);
    const before = (await api(s.url, 'GET', '/api/v1/plates/alerts', { token: inv, headers: PURPOSE })).json.alerts.length;
    await new Promise((r) => setTimeout(r, 10000));  // longer than one loop of the video (8 s)
    const later = (await api(s.url, 'GET', '/api/v1/plates/alerts', { token: inv, headers: PURPOSE })).json.alerts.length;
    assert.equal(later, before);
    const reads = await api(s.url, 'GET', '/api/v1/plates/reads?plate=30K55566', { token: inv, headers: PURPOSE });
    assert.ok(reads.json.reads.length >= 2, 'it was read again');

    // The watchlist changes are in the audit log with their legal basis.
    const auditor = await signIn(s.url, 'auditor');
    const audit = await api(s.url, 'GET', '/api/v1/audit?order=desc&limit=200', { token: auditor });
    assert.equal(audit.status, 200, audit.text);
    const actions = JSON.stringify(audit.json);
    assert.match(actions, /plates\.watch\.add/);
    assert.match(actions, /plates\.watch\.revoke/);
    assert.match(actions, /Quyết định truy tìm 12\/QĐ-CSHS/);
    assert.match(actions, /cameras\.add/);
  } finally {
    await s.stop();
  }
});

test('an HTTP camera stream that drops is reopened with back-off and its plates still read', { skip: !haveModels && 'plate models not prepared' }, async () => {
  const dir = tempDir();
  const video = readFileSync(makeVideo(dir, 'http.avi', ['43A-257.89'], ['--seconds-each', '2', '--gap', '1']));
  // The first two answers break off half-way (a dropped stream); later ones send the whole video.
  let requests = 0;
  const http = createServer((req, res) => {
    requests += 1;
    res.writeHead(200, { 'content-type': 'video/x-msvideo', 'content-length': String(video.length) });
    if (requests <= 2) {
      res.write(video.subarray(0, Math.floor(video.length / 2)), () => res.destroy());
    } else {
      res.end(video);
    }
  });
  await new Promise((r) => http.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${http.address().port}/cam.avi`;
  const s = await startServer({ config: '[modules.dispatch]\ndemo_calls_per_minute = 0\n[modules.vision]\ndemo_camera = false\n' });
  try {
    const admin = await signIn(s.url, 'admin');
    const inv = await signIn(s.url, 'investigator');
    const added = await api(s.url, 'POST', '/api/v1/cameras', { token: admin, body: { id: 'http-1', name: 'Luồng HTTP', url, sample_fps: 5 } });
    assert.equal(added.status, 201, added.text);
    let reads = [];
    let health = null;
    for (let i = 0; i < 60 && !(reads.length && health?.reconnects >= 2); i++) {
      await new Promise((r) => setTimeout(r, 500));
      health = (await api(s.url, 'GET', '/api/v1/cameras', { token: admin })).json.cameras.find((c) => c.id === 'http-1').health;
      reads = (await api(s.url, 'GET', '/api/v1/plates/reads?camera=http-1', { token: inv, headers: PURPOSE })).json.reads;
    }
    assert.ok(requests >= 3, `the stream was opened again after dropping (${requests} requests)`);
    assert.ok(health.reconnects >= 2, JSON.stringify(health));
    assert.ok(health.frames_decoded > 0);
    assert.ok(reads.some((r) => r.plate === '43A25789'), JSON.stringify(reads));
  } finally {
    await s.stop();
    http.close();
  }
});
