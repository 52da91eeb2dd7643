// Black-box tests of the 113/114 dispatch centre over HTTP: a call in, duplicates, recommendation, assignment,
// unit status changes seen live, escalation, positions, statistics, and no acknowledged call lost to kill -9.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { api, assertProblem, readEvents, signIn, startServer, tempDir } from './harness.mjs';

// The demo fleet without the synthetic calls, so that each test sees only its own incidents.
const QUIET = '[modules.dispatch]\ndemo_calls_per_minute = 0\n';

const AML_HANOI =
  'A"ML=1;lt=+21.02851;lg=+105.80481;rd=15;top=20250101013000;lc=68;pm=G;si=452049990000001;ei=356938035643809;mcc=452;mnc=04;ml=129';

function fireCall(extra = {}) {
  return {
    line: '114',
    caller: '+84900001111',
    description: 'Cháy nhà 3 tầng, có người mắc kẹt trên tầng 3',
    category: 'FIRE',
    location: { aml: AML_HANOI },
    ...extra,
  };
}

test('a call becomes a P1 incident; a unit is recommended, assigned and followed live to the scene', async () => {
  const s = await startServer({ config: QUIET });
  try {
    const taker = await signIn(s.url, 'calltaker');
    const dispatcher = await signIn(s.url, 'dispatcher');

    const live = readEvents(s.url, dispatcher, 'dispatch',
      (ev, all) => all.some((e) => e.json.type === 'unit.updated' && e.json.unit.status === 'on_scene'), 15000);
    await new Promise((r) => setTimeout(r, 300));

    const call = await api(s.url, 'POST', '/api/v1/calls', { token: taker, body: fireCall() });
    assert.equal(call.status, 201, call.text);
    assert.equal(call.json.call.state, 'incident_created');
    assert.equal(call.json.call.location.source, 'aml');
    assert.equal(call.json.call.location.aml.method, 'gnss');
    const incident = call.json.incident;
    assert.equal(incident.priority, 'P1');
    assert.equal(incident.priority_rule, 'fire.people_trapped');
    assert.match(incident.priority_reason_vi, /mắc kẹt/);
    assert.equal(incident.location.area, 'ba_dinh');

    // A call-taker may not dispatch (403); the dispatcher gets a ranked list with reasons.
    assertProblem(await api(s.url, 'POST', `/api/v1/incidents/${incident.id}/assignments`,
      { token: taker, body: { unit_id: 1 } }), 403, 'forbidden');
    const recs = await api(s.url, 'GET', `/api/v1/incidents/${incident.id}/recommendations?limit=3`, { token: dispatcher });
    assert.equal(recs.status, 200, recs.text);
    assert.deepEqual(recs.json.required_capabilities, ['fire_suppression']);
    assert.equal(recs.json.recommendations.length, 3);
    const etas = recs.json.recommendations.map((r) => r.eta_s);
    assert.deepEqual([...etas].sort((a, b) => a - b), etas);
    for (const r of recs.json.recommendations) {
      assert.ok(r.unit.capabilities.includes('fire_suppression'));
      assert.equal(r.unit.status, 'available');
      assert.ok(r.reasons_vi.length > 0 && r.reasons_en.length > 0);
    }
    const unit = recs.json.recommendations[0].unit;

    const assigned = await api(s.url, 'POST', `/api/v1/incidents/${incident.id}/assignments`,
      { token: dispatcher, body: { unit_id: unit.id } });
    assert.equal(assigned.status, 201, assigned.text);
    assert.equal(assigned.json.unit.status, 'dispatched');
    assert.equal(assigned.json.incident.status, 'dispatched');
    // The same unit again is a conflict; an unknown unit is named.
    assertProblem(await api(s.url, 'POST', `/api/v1/incidents/${incident.id}/assignments`,
      { token: dispatcher, body: { unit_id: unit.id } }), 409, 'conflict', 'unit_id');
    assertProblem(await api(s.url, 'POST', `/api/v1/incidents/${incident.id}/assignments`,
      { token: dispatcher, body: { unit_id: 99999 } }), 404, 'not-found', 'unit_id');
    // Skipping en_route is refused by the state machine.
    assertProblem(await api(s.url, 'POST', `/api/v1/units/${unit.id}/status`,
      { token: dispatcher, body: { status: 'on_scene' } }), 409, 'conflict', 'status');
    for (const status of ['en_route', 'on_scene']) {
      const r = await api(s.url, 'POST', `/api/v1/units/${unit.id}/status`, { token: dispatcher, body: { status } });
      assert.equal(r.status, 200, r.text);
    }

    const events = await live;
    const types = events.map((e) => e.json?.type).filter(Boolean);
    assert.ok(types.includes('incident.created'), types.join());
    assert.ok(types.includes('assignment.created'), types.join());
    const statuses = events.filter((e) => e.json?.type === 'unit.updated' && e.json.unit.id === unit.id)
      .map((e) => e.json.unit.status);
    assert.deepEqual(statuses, ['dispatched', 'en_route', 'on_scene']);
    // Live events never carry the caller's number.
    assert.ok(!JSON.stringify(events).includes('+84900001111'));

    const detail = await api(s.url, 'GET', `/api/v1/incidents/${incident.id}`, { token: taker });
    assert.equal(detail.json.status, 'on_scene');
    assert.deepEqual(detail.json.events.map((e) => e.kind), ['received', 'created', 'dispatched', 'en_route', 'on_scene']);
  } finally {
    await s.stop();
  }
});

test('a repeat call is offered as a duplicate and linked on confirmation; other lines are transferred', async () => {
  const s = await startServer({ config: QUIET });
  try {
    const taker = await signIn(s.url, 'calltaker');
    const first = await api(s.url, 'POST', '/api/v1/calls', { token: taker, body: fireCall() });
    const second = await api(s.url, 'POST', '/api/v1/calls', {
      token: taker,
      body: fireCall({ caller: '+84900002222', description: 'Khói rất lớn ở ngõ bên cạnh', location: { lat: 21.0287, lon: 105.8050, accuracy_m: 30 } }),
    });
    assert.equal(second.status, 201, second.text);
    assert.equal(second.json.call.state, 'pending_link');
    assert.equal(second.json.incident, null);
    assert.equal(second.json.duplicates[0].incident.id, first.json.incident.id);
    assert.ok(second.json.duplicates[0].score > 0.5);
    assert.match(second.json.duplicates[0].reason_en, /m/);

    const linked = await api(s.url, 'POST', `/api/v1/calls/${second.json.call.id}/link`,
      { token: taker, body: { decision: 'confirm', incident_id: first.json.incident.id } });
    assert.equal(linked.status, 200, linked.text);
    assert.equal(linked.json.incident.call_count, 2);
    assertProblem(await api(s.url, 'POST', `/api/v1/calls/${second.json.call.id}/link`,
      { token: taker, body: { decision: 'reject' } }), 409, 'conflict');

    const medical = await api(s.url, 'POST', '/api/v1/calls', {
      token: taker,
      body: { line: '115', caller: '+84900003333', description: 'Ông cụ bất tỉnh', category: 'MEDICAL', location: { address: '12 Phố Huế (demo)' } },
    });
    assert.equal(medical.json.call.state, 'transferred');
    assert.equal(medical.json.call.transferred_to, '115');

    // Reading calls (with caller numbers) needs a purpose.
    assertProblem(await api(s.url, 'GET', '/api/v1/calls', { token: taker }), 400, 'invalid-argument', 'purpose');
    const calls = await api(s.url, 'GET', `/api/v1/calls?state=transferred&purpose=${encodeURIComponent('kiểm tra cuộc gọi')}`, { token: taker });
    assert.equal(calls.status, 200, calls.text);
    assert.equal(calls.json.calls.length, 1);
    assert.equal(calls.json.calls[0].caller, '+84900003333');
  } finally {
    await s.stop();
  }
});

test('malformed calls are refused with the field named', async () => {
  const s = await startServer({ config: QUIET });
  try {
    const taker = await signIn(s.url, 'calltaker');
    const cases = [
      [fireCall({ location: { aml: AML_HANOI.replace('lt=+21.02851', 'lt=+95.5') } }), 'location.aml.lt'],
      [fireCall({ location: { aml: 'A"ML=1;lt=+21.0;lg' } }), null],
      [fireCall({ caller: '0912345678' }), 'caller'],
      [fireCall({ category: 'ALIENS' }), 'category'],
      [fireCall({ location: { lat: 21.0 } }), 'location.lon'],
      [fireCall({ location: {} }), 'location'],
      [fireCall({ extra: 1 }), 'extra'],
    ];
    for (const [body, field] of cases) {
      const r = await api(s.url, 'POST', '/api/v1/calls', { token: taker, body });
      assertProblem(r, 400, 'invalid-argument', field ?? undefined);
      if (!field) assert.match(r.json.field, /^location\.aml\./);
    }
    assertProblem(await api(s.url, 'POST', '/api/v1/calls', { token: taker, raw: '{"line":', headers: { 'content-type': 'application/json' } }),
      400, 'invalid-argument', 'body');
  } finally {
    await s.stop();
  }
});

test('an unacknowledged P1 incident is escalated to supervisors', async () => {
  const s = await startServer({ config: `${QUIET}escalate_after_s = 5\n` });
  try {
    const taker = await signIn(s.url, 'calltaker');
    const supervisor = await signIn(s.url, 'supervisor');
    // Call-takers do not hear escalations.
    assertProblem(await api(s.url, 'GET', '/api/v1/events?topics=dispatch.escalations', { token: taker }), 403, 'forbidden', 'topics');
    const pending = readEvents(s.url, supervisor, 'dispatch.escalations', (ev) => ev.event === 'dispatch.escalations', 15000);
    await new Promise((r) => setTimeout(r, 300));
    const call = await api(s.url, 'POST', '/api/v1/calls', { token: taker, body: fireCall() });
    const events = await pending;
    const esc = events.find((e) => e.event === 'dispatch.escalations');
    assert.ok(esc, 'no escalation within 15 s');
    assert.equal(esc.json.type, 'incident.escalated');
    assert.equal(esc.json.incident.id, call.json.incident.id);
    assert.ok(esc.json.incident.escalated_at);
  } finally {
    await s.stop();
  }
});

test('GPS fixes: repeats and older fixes are not stored twice; bad fixes are refused', async () => {
  const s = await startServer({ config: QUIET });
  try {
    const dispatcher = await signIn(s.url, 'dispatcher');
    // Demo units carry a fix from start-up; this one is newer.
    const at = new Date(Date.now() + 500).toISOString();
    const fix = { lat: 21.03, lon: 105.85, accuracy_m: 5, fixed_at: at };
    assert.deepEqual((await api(s.url, 'POST', '/api/v1/units/1/position', { token: dispatcher, body: fix })).json, { accepted: true });
    assert.deepEqual((await api(s.url, 'POST', '/api/v1/units/1/position', { token: dispatcher, body: fix })).json,
      { accepted: false, reason: 'duplicate' });
    const older = { ...fix, fixed_at: new Date(Date.now() - 5000).toISOString() };
    assert.deepEqual((await api(s.url, 'POST', '/api/v1/units/1/position', { token: dispatcher, body: older })).json,
      { accepted: false, reason: 'older' });
    assertProblem(await api(s.url, 'POST', '/api/v1/units/1/position', { token: dispatcher, body: { ...fix, lat: 123 } }),
      400, 'invalid-argument', 'lat');
    const batch = await api(s.url, 'POST', '/api/v1/units/positions', {
      token: dispatcher,
      body: { fixes: [{ unit_id: 2, ...fix }, { unit_id: 2, ...fix }, { unit_id: 3, ...fix }] },
    });
    assert.equal(batch.status, 202, batch.text);
    assert.equal(batch.json.accepted, 2);
    assert.equal(batch.json.duplicate, 1);
    assertProblem(await api(s.url, 'POST', '/api/v1/units/positions', { token: dispatcher, body: { fixes: [{ unit_id: 2, lat: 21 }] } }),
      400, 'invalid-argument', 'fixes[0].lon');
    const units = await api(s.url, 'GET', '/api/v1/units', { token: dispatcher });
    const one = units.json.units.find((u) => u.id === 1);
    assert.equal(one.position.lat, 21.03);
  } finally {
    await s.stop();
  }
});

test('statistics count incidents with time to dispatch and to arrive', async () => {
  const s = await startServer({ config: QUIET });
  try {
    const taker = await signIn(s.url, 'calltaker');
    const dispatcher = await signIn(s.url, 'dispatcher');
    const supervisor = await signIn(s.url, 'supervisor');
    const call = await api(s.url, 'POST', '/api/v1/calls', { token: taker, body: fireCall() });
    const id = call.json.incident.id;
    const rec = await api(s.url, 'GET', `/api/v1/incidents/${id}/recommendations?limit=1`, { token: dispatcher });
    const unit = rec.json.recommendations[0].unit.id;
    await api(s.url, 'POST', `/api/v1/incidents/${id}/assignments`, { token: dispatcher, body: { unit_id: unit } });
    for (const status of ['en_route', 'on_scene']) {
      await api(s.url, 'POST', `/api/v1/units/${unit}/status`, { token: dispatcher, body: { status } });
    }
    assertProblem(await api(s.url, 'GET', '/api/v1/dispatch/stats', { token: dispatcher }), 403, 'forbidden');
    assertProblem(await api(s.url, 'GET', '/api/v1/dispatch/stats?group_by=planet', { token: supervisor }), 400, 'invalid-argument', 'group_by');
    for (const group of ['line', 'category', 'area', 'hour']) {
      const st = await api(s.url, 'GET', `/api/v1/dispatch/stats?group_by=${group}`, { token: supervisor });
      assert.equal(st.status, 200, st.text);
      assert.equal(st.json.total.incidents, 1);
      assert.equal(st.json.total.dispatched, 1);
      assert.equal(st.json.total.arrived, 1);
      assert.ok(st.json.total.time_to_arrive_s.median >= st.json.total.time_to_dispatch_s.median);
    }
  } finally {
    await s.stop();
  }
});

test('kill -9 during a burst of calls loses no call that was acknowledged', async () => {
  const dataDir = tempDir();
  let s = await startServer({ dataDir, config: QUIET });
  const taker = await signIn(s.url, 'calltaker');
  const acknowledged = [];
  let stop = false;
  // Eight connections post calls as fast as they can; the server is killed in the middle of it.
  const workers = Array.from({ length: 8 }, async (_, w) => {
    for (let i = 0; !stop; i++) {
      const ref = `burst-${w}-${i}`;
      try {
        const r = await api(s.url, 'POST', '/api/v1/calls', {
          token: taker,
          body: fireCall({ client_ref: ref, caller: `+849000${String(w).padStart(2, '0')}${String(i % 1000).padStart(3, '0')}`,
            location: { lat: 20.98 + w * 0.01, lon: 105.78 + (i % 50) * 0.002, accuracy_m: 10 } }),
        });
        if (r.status === 201) acknowledged.push({ ref, id: r.json.call.id });
      } catch {
        return;   // the connection died with the server
      }
    }
  });
  await new Promise((r) => setTimeout(r, 1500));
  await s.kill9();
  stop = true;
  await Promise.all(workers);
  assert.ok(acknowledged.length > 20, `only ${acknowledged.length} calls before the kill`);

  s = await startServer({ dataDir, config: QUIET });
  try {
    const again = await signIn(s.url, 'calltaker');
    const purpose = `purpose=${encodeURIComponent('kiểm tra sau sự cố')}`;
    const listed = await api(s.url, 'GET', `/api/v1/calls?limit=500&${purpose}`, { token: again });
    const ids = new Set(listed.json.calls.map((c) => c.id));
    // The list holds the newest 500; every acknowledged call must be there or be readable by id.
    for (const { ref, id } of acknowledged) {
      if (ids.has(id)) continue;
      const one = await api(s.url, 'GET', `/api/v1/calls/${id}?${purpose}`, { token: again });
      assert.equal(one.status, 200, `call ${ref} (${id}) was acknowledged but lost`);
    }
    const auditor = await signIn(s.url, 'auditor');
    const verify = await api(s.url, 'GET', '/api/v1/audit/verify', { token: auditor });
    assert.equal(verify.json.ok, true, verify.text);
  } finally {
    await s.stop();
  }
});
