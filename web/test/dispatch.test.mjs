// Unit tests of the dispatch pages' pure rules (no browser needed).
// Run with `npm test`: tsc compiles src/console/pages/dispatch/logic.ts into .test-build/ first.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ageSeconds,
  amlPreview,
  canTrain,
  clampScore,
  classifyLocationText,
  decimal,
  defaultView,
  dispatchHash,
  dispatchTopics,
  formatClock,
  formatDistance,
  formatDuration,
  formatPercent,
  fromLocalInput,
  intakeFieldFor,
  isUnacknowledgedP1,
  looksLikeAml,
  modeOfField,
  nextStatuses,
  normalizeCaller,
  normalizeTaxonomy,
  parseAml,
  parseCoordinatePair,
  parseDispatchEvent,
  parseDispatchRoute,
  phoneDisplay,
  scoreBand,
  sortQueue,
  toLocalInput,
  trainingFieldFor,
  trainingValueText,
  viewAllowed,
  viewsFor,
} from '../.test-build/console/pages/dispatch/logic.js';

const AML = 'A"ML=1;lt=+21.02851;lg=+105.80481;rd=15;top=20261123101530;lc=68;pm=G;si=452040123456789;ei=356938035643809;mcc=452;mnc=04;ml=124';

test('topics per role follow the module README: escalations only for dispatchers and supervisors', () => {
  assert.deepEqual(dispatchTopics('call_taker'), ['dispatch', 'dispatch.positions']);
  assert.deepEqual(dispatchTopics('dispatcher'), ['dispatch', 'dispatch.positions', 'dispatch.escalations']);
  assert.deepEqual(dispatchTopics('supervisor'), ['dispatch', 'dispatch.positions', 'dispatch.escalations']);
  for (const role of ['admin', 'auditor', 'clerk', 'investigator', '']) assert.deepEqual(dispatchTopics(role), []);
});

test('views per role: intake and training for call-takers and supervisors, stats for supervisors only', () => {
  assert.deepEqual(viewsFor('call_taker'), ['intake', 'board', 'units', 'training']);
  assert.deepEqual(viewsFor('dispatcher'), ['board', 'units']);
  assert.deepEqual(viewsFor('supervisor'), ['intake', 'board', 'units', 'stats', 'training']);
  assert.deepEqual(viewsFor('admin'), []);
  assert.equal(defaultView('call_taker'), 'intake');
  assert.equal(defaultView('dispatcher'), 'board');
  assert.equal(viewAllowed('dispatcher', 'intake'), false);
  assert.equal(viewAllowed('dispatcher', 'incident'), true);
  assert.equal(viewAllowed('call_taker', 'stats'), false);
  assert.equal(viewAllowed('auditor', 'incident'), false);
  assert.equal(viewAllowed('call_taker', 'training'), true);
  assert.equal(viewAllowed('supervisor', 'training'), true);
  assert.equal(viewAllowed('dispatcher', 'training'), false);
  assert.deepEqual(['call_taker', 'supervisor', 'dispatcher', 'admin', ''].map(canTrain), [true, true, false, false, false]);
});

test('hash routes parse with or without the leading slash and round-trip', () => {
  assert.deepEqual(parseDispatchRoute('#dispatch/intake'), { view: 'intake', id: null });
  assert.deepEqual(parseDispatchRoute('#/dispatch/board'), { view: 'board', id: null });
  assert.deepEqual(parseDispatchRoute('#dispatch/incident/17'), { view: 'incident', id: 17 });
  assert.deepEqual(parseDispatchRoute('#/dispatch/incident/17/'), { view: 'incident', id: 17 });
  assert.deepEqual(parseDispatchRoute('#/dispatch'), { view: null, id: null });
  assert.deepEqual(parseDispatchRoute('#/dispatch/incident/x'), { view: null, id: null });
  assert.deepEqual(parseDispatchRoute('#/dispatch/nope'), { view: null, id: null });
  assert.deepEqual(parseDispatchRoute('#/overview'), { view: null, id: null });
  assert.deepEqual(parseDispatchRoute(''), { view: null, id: null });
  assert.equal(dispatchHash('incident', 17), '#/dispatch/incident/17');
  assert.equal(dispatchHash('units'), '#/dispatch/units');
  assert.deepEqual(parseDispatchRoute('#/dispatch/training'), { view: 'training', id: null });
  assert.deepEqual(parseDispatchRoute('#dispatch/training/'), { view: 'training', id: null });
  assert.equal(dispatchHash('training'), '#/dispatch/training');
  assert.deepEqual(parseDispatchRoute(dispatchHash('incident', 5)), { view: 'incident', id: 5 });
});

test('queue: open incidents by priority, then oldest first, then id; closed ones dropped', () => {
  const inc = (id, priority, received_at, status = 'new') => ({ id, priority, received_at, status });
  const sorted = sortQueue([
    inc(1, 'P3', '2026-11-23T10:00:00Z'),
    inc(2, 'P1', '2026-11-23T10:05:00Z'),
    inc(3, 'P1', '2026-11-23T10:01:00Z'),
    inc(4, 'P2', '2026-11-23T09:00:00Z', 'closed'),
    inc(5, 'P2', '2026-11-23T09:30:00Z', 'on_scene'),
    inc(6, 'P1', '2026-11-23T10:01:00Z'),
    inc(7, 'weird', '2026-11-23T08:00:00Z'),
  ]);
  assert.deepEqual(sorted.map((i) => i.id), [3, 6, 2, 5, 1, 7]);
});

test('queue: unacknowledged P1 and the ticking age', () => {
  assert.equal(isUnacknowledgedP1({ id: 1, priority: 'P1', status: 'new', acknowledged_at: null }), true);
  assert.equal(isUnacknowledgedP1({ id: 1, priority: 'P1', status: 'new', acknowledged_at: '2026-11-23T10:00:00Z' }), false);
  assert.equal(isUnacknowledgedP1({ id: 1, priority: 'P2', status: 'new', acknowledged_at: null }), false);
  assert.equal(isUnacknowledgedP1({ id: 1, priority: 'P1', status: 'closed', acknowledged_at: null }), false);
  const now = Date.parse('2026-11-23T10:01:05Z');
  assert.equal(ageSeconds({ id: 1, priority: 'P1', status: 'new', received_at: '2026-11-23T10:00:00Z' }, now), 65);
  assert.equal(ageSeconds({ id: 1, priority: 'P1', status: 'new', received_at: '2026-11-23T10:05:00Z' }, now), 0);
  assert.equal(ageSeconds({ id: 1, priority: 'P1', status: 'new', received_at: 'bad', created_at: '2026-11-23T10:01:00Z' }, now), 5);
  assert.equal(formatClock(65), '1:05');
  assert.equal(formatClock(3725), '1:02:05');
  assert.equal(formatClock(0), '0:00');
});

test('allowed next unit statuses match the server state machine', () => {
  const moves = (s) => nextStatuses(s).map((m) => (m.cancel ? `${m.to}(cancel)` : m.to));
  assert.deepEqual(moves('available'), ['out_of_service']);
  assert.deepEqual(moves('dispatched'), ['en_route', 'available(cancel)']);
  assert.deepEqual(moves('en_route'), ['on_scene', 'available(cancel)']);
  assert.deepEqual(moves('on_scene'), ['clearing']);
  assert.deepEqual(moves('clearing'), ['available', 'out_of_service']);
  assert.deepEqual(moves('out_of_service'), ['available']);
  assert.deepEqual(moves('unknown'), []);
  // "dispatched" is only reached through an assignment.
  for (const s of ['available', 'dispatched', 'en_route', 'on_scene', 'clearing', 'out_of_service']) {
    assert.ok(!nextStatuses(s).some((m) => m.to === 'dispatched'), s);
  }
});

test('AML detection and preview', () => {
  assert.equal(looksLikeAml(AML), true);
  assert.equal(looksLikeAml('  AML=1;lt=+21.0;lg=+105.8'), true);
  assert.equal(looksLikeAml('12 Phố Huế'), false);
  assert.equal(parseAml(AML).lt, '+21.02851');
  assert.equal(parseAml(AML).mcc, '452');
  assert.equal(parseAml('nope'), null);
  assert.deepEqual(amlPreview(AML), { lat: 21.02851, lon: 105.80481, radius_m: 15 });
  assert.equal(amlPreview('A"ML=1;lt=+91.0;lg=+105.8'), null);
  assert.equal(amlPreview('A"ML=1;lt=abc;lg=+105.8'), null);
  assert.deepEqual(amlPreview('A"ML=1;lt=-1.5;lg=+005.25'), { lat: -1.5, lon: 5.25, radius_m: null });
});

test('pasted location text: AML, a coordinate pair or an address', () => {
  assert.equal(classifyLocationText(AML), 'aml');
  assert.equal(classifyLocationText('21.0285, 105.8542'), 'coords');
  assert.equal(classifyLocationText('21,0285; 105,8542'), 'coords');
  assert.equal(classifyLocationText('21.0285 105.8542'), 'coords');
  assert.equal(classifyLocationText('12 Phố Huế, Hai Bà Trưng'), 'address');
  assert.deepEqual(parseCoordinatePair(' 21.0285, 105.8542 '), { lat: 21.0285, lon: 105.8542 });
  assert.deepEqual(parseCoordinatePair('21,0285; 105,8542'), { lat: 21.0285, lon: 105.8542 });
  assert.equal(parseCoordinatePair('95, 105'), null);
  assert.equal(decimal('21,5'), 21.5);
  assert.equal(decimal('+105.8'), 105.8);
  assert.equal(decimal('1e3'), null);
  assert.equal(decimal(''), null);
  assert.equal(decimal('abc'), null);
});

test('caller numbers are made E.164', () => {
  assert.equal(normalizeCaller('0912 345 678'), '+84912345678');
  assert.equal(normalizeCaller('091.234.5678'), '+84912345678');
  assert.equal(normalizeCaller('+84 912-345-678'), '+84912345678');
  assert.equal(normalizeCaller('0084912345678'), '+84912345678');
  assert.equal(normalizeCaller('113'), '113');
  assert.equal(normalizeCaller(''), '');
});

test('a refused field names the intake control and location mode', () => {
  assert.equal(intakeFieldFor('location.aml.lt'), 'aml');
  assert.equal(intakeFieldFor('location.aml'), 'aml');
  assert.equal(intakeFieldFor('caller'), 'caller');
  assert.equal(intakeFieldFor('location.lat'), 'lat');
  assert.equal(intakeFieldFor('location.accuracy_m'), 'accuracy');
  assert.equal(intakeFieldFor('location.address'), 'address');
  assert.equal(intakeFieldFor('location'), 'location');
  assert.equal(intakeFieldFor('client_ref'), null);
  assert.equal(intakeFieldFor(undefined), null);
  assert.equal(modeOfField('aml'), 'aml');
  assert.equal(modeOfField('lon'), 'coords');
  assert.equal(modeOfField('address'), 'address');
  assert.equal(modeOfField('caller'), null);
});

test('durations, distances and scores in both languages', () => {
  assert.equal(formatDuration(312, 'vi'), '5 phút 12 giây');
  assert.equal(formatDuration(312, 'en'), '5 min 12 s');
  assert.equal(formatDuration(45, 'vi'), '45 giây');
  assert.equal(formatDuration(120, 'en'), '2 min');
  assert.equal(formatDuration(3900, 'vi'), '1 giờ 5 phút');
  assert.equal(formatDuration(null, 'en'), '—');
  assert.equal(formatDistance(120, 'vi'), '120 m');
  assert.equal(formatDistance(2100, 'vi'), '2,1 km');
  assert.equal(formatDistance(2100, 'en'), '2.1 km');
  assert.equal(formatDistance(15400, 'en'), '15 km');
  assert.equal(formatPercent(0.824), '82%');
  assert.equal(formatPercent(null), '—');
});

test('datetime-local values round-trip through RFC 3339', () => {
  const d = new Date(2026, 10, 23, 10, 15);
  assert.equal(toLocalInput(d), '2026-11-23T10:15');
  assert.equal(fromLocalInput('2026-11-23T10:15'), d.toISOString());
  assert.equal(fromLocalInput(''), null);
  assert.equal(fromLocalInput('yesterday'), null);
});

test('taxonomy is read leniently', () => {
  const t = normalizeTaxonomy({
    lines: ['113', { code: '114', label_vi: 'Cứu hỏa', label_en: 'Fire' }],
    categories: [
      { code: 'FIRE', label_vi: 'Cháy, nổ', label_en: 'Fire and explosion', default_priority: 'P2' },
      { code: 'INFO', label_vi: 'Thông tin', priority: 'P4' },
      { label_vi: 'no code' },
    ],
    closure_codes: [{ code: 'resolved', label_vi: 'Đã giải quyết', label_en: 'Resolved' }, 'false_alarm'],
    unit_kinds: { patrol_car: { label_vi: 'Xe tuần tra', label_en: 'Patrol car' } },
    unit_statuses: [{ code: 'available', label_vi: 'Sẵn sàng', label_en: 'Available' }],
    areas: [{ id: 'hoan_kiem', name_vi: 'Hoàn Kiếm', name_en: 'Hoan Kiem' }],
  });
  assert.deepEqual(t.lines.map((l) => l.code), ['113', '114']);
  assert.deepEqual(t.categories, [
    { code: 'FIRE', label_vi: 'Cháy, nổ', label_en: 'Fire and explosion', priority: 'P2' },
    { code: 'INFO', label_vi: 'Thông tin', label_en: 'Thông tin', priority: 'P4' },
  ]);
  assert.deepEqual(t.closureCodes.map((c) => c.code), ['resolved', 'false_alarm']);
  assert.deepEqual(t.unitKinds, [{ code: 'patrol_car', label_vi: 'Xe tuần tra', label_en: 'Patrol car' }]);
  assert.equal(t.unitStatuses[0].label_en, 'Available');
  assert.deepEqual(t.areas, [{ code: 'hoan_kiem', label_vi: 'Hoàn Kiếm', label_en: 'Hoan Kiem' }]);
  const empty = normalizeTaxonomy(null);
  assert.deepEqual(empty.categories, []);
  assert.deepEqual(empty.closureCodes, []);
});

test('live events of the dispatch topics', () => {
  const inc = { id: 17, status: 'dispatched' };
  assert.deepEqual(parseDispatchEvent('dispatch', { type: 'assignment.created', incident: inc, unit: { id: 4 }, assignment: {} }), {
    kind: 'objects', type: 'assignment.created', incident: inc, unit: { id: 4 }, call: null,
  });
  assert.deepEqual(parseDispatchEvent('dispatch.positions', {
    type: 'positions',
    units: [{ id: 4, lat: 21.03, lon: 105.85, fixed_at: '2026-11-23T10:00:00Z' }, { id: 'x', lat: 1, lon: 2 }, { id: 5, lat: 'n' }],
  }), { kind: 'positions', fixes: [{ id: 4, lat: 21.03, lon: 105.85, fixed_at: '2026-11-23T10:00:00Z' }] });
  assert.deepEqual(parseDispatchEvent('dispatch.escalations', { type: 'incident.escalated', incident: inc }), { kind: 'escalated', incident: inc });
  assert.equal(parseDispatchEvent('dispatch.escalations', { type: 'incident.escalated' }), null);
  assert.equal(parseDispatchEvent('audit', { seq: 1 }), null);
  assert.equal(parseDispatchEvent('dispatch', 'text'), null);
});

test('training: a refused field of the nested call names the same intake control', () => {
  assert.equal(trainingFieldFor('call.caller'), 'caller');
  assert.equal(trainingFieldFor('call.line'), 'line');
  assert.equal(trainingFieldFor('call.category'), 'category');
  assert.equal(trainingFieldFor('call.description'), 'description');
  assert.equal(trainingFieldFor('call.location.aml.lt'), 'aml');
  assert.equal(trainingFieldFor('call.location.aml'), 'aml');
  assert.equal(trainingFieldFor('call.location.lat'), 'lat');
  assert.equal(trainingFieldFor('call.location.accuracy_m'), 'accuracy');
  assert.equal(trainingFieldFor('call.location.address'), 'address');
  assert.equal(trainingFieldFor('call.location'), 'location');
  assert.equal(trainingFieldFor('call.received_at'), 'received_at');
  // Not a control of the form: the scenario, the call as a whole, unknown or unprefixed fields.
  assert.equal(trainingFieldFor('scenario_id'), null);
  assert.equal(trainingFieldFor('call'), null);
  assert.equal(trainingFieldFor('call.client_ref'), null);
  assert.equal(trainingFieldFor('caller'), null, 'the check route always prefixes the call fields');
  assert.equal(trainingFieldFor(''), null);
  assert.equal(trainingFieldFor(undefined), null);
  assert.equal(trainingFieldFor(null), null);
});

test('training: score bands and scores kept in range', () => {
  assert.equal(scoreBand(100), 'excellent');
  assert.equal(scoreBand(90), 'excellent');
  assert.equal(scoreBand(89), 'good');
  assert.equal(scoreBand(70), 'good');
  assert.equal(scoreBand(69), 'fair');
  assert.equal(scoreBand(50), 'fair');
  assert.equal(scoreBand(49), 'poor');
  assert.equal(scoreBand(0), 'poor');
  assert.equal(scoreBand(null), 'poor');
  assert.equal(scoreBand(Number.NaN), 'poor');
  assert.equal(clampScore(72), 72);
  assert.equal(clampScore(72.6), 73);
  assert.equal(clampScore('80'), 80);
  assert.equal(clampScore(140), 100);
  assert.equal(clampScore(-5), 0);
  assert.equal(clampScore(undefined), 0);
  assert.equal(clampScore('x'), 0);
});

test('training: the caller number as a phone shows it, and back to E.164 when typed', () => {
  assert.equal(phoneDisplay('+84900001234'), '0900 001 234');
  assert.equal(phoneDisplay('+84912345678'), '0912 345 678');
  assert.equal(phoneDisplay('+842438264121'), '024 3826 4121');
  assert.equal(phoneDisplay('+842838221234'), '028 3822 1234');
  // Anything else as it came.
  assert.equal(phoneDisplay('+4930123456'), '+4930123456');
  assert.equal(phoneDisplay('+8412'), '+8412');
  assert.equal(phoneDisplay('113'), '113');
  assert.equal(phoneDisplay(''), '');
  assert.equal(phoneDisplay(null), '');
  for (const n of ['+84900001234', '+84912345678', '+842438264121', '+4930123456']) {
    assert.equal(normalizeCaller(phoneDisplay(n)), n, `${n} survives being shown and typed again`);
  }
});

test('training: check values as text', () => {
  assert.equal(trainingValueText('114'), '114');
  assert.equal(trainingValueText('P1'), 'P1');
  assert.equal(trainingValueText(3), '3');
  assert.equal(trainingValueText({ lat: 21.0285, lon: 105.8542 }), '21.0285, 105.8542');
  assert.equal(trainingValueText({ lat: 20.97341791355488, lon: 105.86018973845476 }), '20.97342, 105.86019');
  assert.equal(trainingValueText({ lat: -0.5, lon: 0 }), '-0.5, 0');
  assert.equal(trainingValueText({ address: '12 Phố Huế' }), '12 Phố Huế');
  assert.equal(trainingValueText({ lat: 21.03, lon: 105.85, address: '12 Phố Huế' }), '12 Phố Huế · 21.03, 105.85');
  assert.equal(trainingValueText(null), '');
  assert.equal(trainingValueText(undefined), '');
  assert.equal(trainingValueText({}), '');
  assert.equal(trainingValueText([1, 2]), '');
});
