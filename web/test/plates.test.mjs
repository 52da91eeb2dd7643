// Unit tests of the licence-plate page (capability "vision"): roles and topics, normalization, the watchlist form's
// body and checks, search parameters in Hà Nội time, answers read defensively, live alerts merged newest first,
// camera health colours and words. Run with `npm test` (tsc compiles src/console/pages/plates/logic.ts first).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addDays,
  buildWatchBody,
  cameraStateLabel,
  cameraTone,
  canManageCameras,
  canSearch,
  canWatch,
  hanoiToday,
  isPlatesRole,
  localToUtc,
  matchLabel,
  mergeAlert,
  motionSkipPercent,
  normalizePattern,
  normalizePlate,
  parseAlert,
  parseAlerts,
  parseCameras,
  parseReads,
  parseWatchlist,
  platesTopics,
  searchQuery,
} from '../.test-build/console/pages/plates/logic.js';

test('roles: who searches, who keeps the watchlist, who runs cameras; alerts live for searchers', () => {
  assert.equal(canSearch('dispatcher'), true);
  assert.equal(canSearch('clerk'), false);
  assert.equal(canWatch('investigator'), true);
  assert.equal(canWatch('dispatcher'), false);
  assert.equal(canManageCameras('admin'), true);
  assert.equal(isPlatesRole('admin'), true);
  assert.equal(isPlatesRole('call_taker'), false);
  assert.deepEqual(platesTopics('supervisor'), ['plates.alert']);
  assert.deepEqual(platesTopics('admin'), []);
});

test('plates and patterns normalize like the server', () => {
  assert.equal(normalizePlate('29-MĐ1 013.53'), '29MD101353');
  assert.equal(normalizePlate('51f-123.45'), '51F12345');
  assert.equal(normalizePattern('29a-***12?'), '29A*12?');
});

test('watchlist form: a plate or a pattern, every field required, expiry within a year, end of day in Hà Nội', () => {
  const form = { value: '30K-555.66', reason: 'Xe báo mất', legal_basis: 'QĐ 12/QĐ', owner: 'Đội CSHS', expires: '2026-12-31' };
  const ok = buildWatchBody(form, '2026-12-04');
  assert.deepEqual(ok, { body: { plate: '30K-555.66', reason: 'Xe báo mất', legal_basis: 'QĐ 12/QĐ', owner: 'Đội CSHS', expires_at: '2026-12-31T23:59:59+07:00' } });
  const pattern = buildWatchBody({ ...form, value: '29A-12*' }, '2026-12-04');
  assert.equal(pattern.body.pattern, '29A-12*');
  assert.equal(pattern.body.plate, undefined);
  assert.deepEqual(buildWatchBody({ value: '**', reason: ' ', legal_basis: '', owner: '', expires: '' }, '2026-12-04').errors,
    ['value', 'reason', 'legal_basis', 'owner', 'expires_at']);
  assert.deepEqual(buildWatchBody({ ...form, expires: '2026-12-03' }, '2026-12-04').errors, ['expires_at']);
  assert.deepEqual(buildWatchBody({ ...form, expires: '2028-01-01' }, '2026-12-04').errors, ['expires_at']);
  assert.equal(addDays('2026-12-31', 1), '2027-01-01');
  assert.equal(hanoiToday(new Date('2026-12-04T18:00:00Z')), '2026-12-05');
});

test('search parameters: pattern, camera, Hà Nội times as UTC, look-alike off only when unticked', () => {
  const q = new URLSearchParams(searchQuery({ pattern: '29A*', camera: 'gate-1', from: '2026-12-04T08:00', to: '', lookAlike: true }));
  assert.equal(q.get('plate'), '29A*');
  assert.equal(q.get('camera'), 'gate-1');
  assert.equal(q.get('from'), '2026-12-04T01:00:00Z');
  assert.equal(q.get('to'), null);
  assert.equal(q.get('look_alike'), null);
  assert.equal(new URLSearchParams(searchQuery({ pattern: '', camera: '', from: '', to: '', lookAlike: false })).get('look_alike'), 'false');
  assert.equal(localToUtc('2026-01-01T00:00'), '2025-12-31T17:00:00Z');
});

test('answers are read defensively', () => {
  const reads = parseReads({ reads: [{ id: 1, plate: '30K55566', display: '30K-555.66', rows: 1, crop_url: '/api/v1/plates/reads/1/crop', match: 'look-alike' }, { id: 'x' }, null] });
  assert.equal(reads.length, 1);
  assert.equal(reads[0].match, 'look-alike');
  assert.deepEqual(parseReads({}), []);
  const w = parseWatchlist({ entries: [{ id: 3, kind: 'pattern', pattern: '29A*', active: true }, { id: 4, plate: '30K55566', display: '30K-555.66' }] });
  assert.equal(w[1].display, '30K-555.66');
  assert.equal(w[0].display, '29A*');
  assert.equal(w[0].kind, 'pattern');
  assert.equal(w[0].value, '29A*');
  assert.equal(w[1].kind, 'plate');
  assert.equal(w[1].active, false);
  const cams = parseCameras({ cameras: [{ id: 'c1', name: 'Cổng', health: { state: 'streaming', frames_analysed: 30, frames_skipped_motion: 70 } }, {}] });
  assert.equal(cams.length, 1);
  assert.equal(motionSkipPercent(cams[0]), 70);
});

test('alerts: the live one has its crop inline; merged newest first without repeats', () => {
  const live = parseAlert({ id: 9, plate: '30K55566', display: '30K-555.66', match: 'exact', camera: { id: 'gate-1', name: 'Cổng' },
    incident_id: 41, nearest_units: [{ call_sign: 'CSGT-07', eta_s: 240 }], crop_jpeg_base64: 'AAAA' });
  assert.equal(live.crop, 'data:image/jpeg;base64,AAAA');
  assert.equal(live.camera, 'Cổng');
  assert.equal(live.nearest[0].call_sign, 'CSGT-07');
  const listed = parseAlerts({ alerts: [{ id: 8, plate: '51F67890', crop_url: '/api/v1/plates/reads/2/crop', incident_id: null }] });
  assert.equal(listed[0].crop, '/api/v1/plates/reads/2/crop');
  assert.equal(listed[0].incident_id, null);
  assert.equal(parseAlert({ plate: 'x' }), null);
  let all = mergeAlert(listed, live);
  all = mergeAlert(all, live);
  assert.deepEqual(all.map((a) => a.id), [9, 8]);
  assert.equal(mergeAlert(all, { ...live, id: 10 }, 2).length, 2);
  assert.match(matchLabel('look-alike').vi, /gần đúng/);
});

test('camera health: streaming and fresh is fine, stale or reconnecting warns, stopped is bad', () => {
  const now = new Date('2026-12-04T10:00:00Z');
  const cam = { state: 'streaming', last_frame_at: '2026-12-04T09:59:50Z' };
  assert.equal(cameraTone(cam, now), 'ok');
  assert.equal(cameraTone({ ...cam, last_frame_at: '2026-12-04T09:58:00Z' }, now), 'warn');
  assert.equal(cameraTone({ state: 'reconnecting', last_frame_at: null }, now), 'warn');
  assert.equal(cameraTone({ state: 'stopped', last_frame_at: null }, now), 'bad');
  assert.equal(cameraStateLabel('reconnecting').en, 'Signal lost, reconnecting');
});
