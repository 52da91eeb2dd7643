// Black-box tests of the citizens' assistant over HTTP: a multi-turn conversation with follow-ups in Vietnamese
// and English, the law cited, a report filed through the chat that lands in the officers' reports queue, an
// emergency that raises a dispatch incident on channel "chat", the handoff to an officer and back, unanswered
// questions, bad input and the rate limit.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { api, assertProblem, readEvents, runCli, signIn, startServer } from './harness.mjs';

const CONFIG = `[modules.dispatch]
demo_calls_per_minute = 0
[modules.assistant]
messages_per_minute = 600
`;

const say = (base, text, conversation_id, lang) =>
  api(base, 'POST', '/api/v1/assistant/messages', { body: { text, ...(conversation_id ? { conversation_id } : {}), ...(lang ? { lang } : {}) } });

test('a conversation with follow-ups answers from the knowledge base and cites the law', async () => {
  const s = await startServer({ config: CONFIG });
  try {
    const first = await say(s.url, 'Đăng ký tạm trú ở đâu?');
    assert.equal(first.status, 200, first.text);
    const id = first.json.conversation_id;
    assert.match(id, /^[0-9a-f]{32}$/);
    assert.equal(first.json.kind, 'answer');
    assert.equal(first.json.lang, 'vi');
    assert.equal(first.json.procedure.id, 'residence.temporary');
    assert.equal(first.json.procedure.title, 'Đăng ký tạm trú');
    assert.deepEqual(first.json.facets, ['where']);
    assert.ok(first.json.citations.length > 0);
    assert.ok(first.json.citations.some((c) => /Luật Cư trú/.test(c.title)), JSON.stringify(first.json.citations));
    assert.ok(first.json.confidence > 0.5 && first.json.confidence <= 1);
    assert.equal(first.json.handoff, false);
    assert.match(first.json.checked, /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(first.json.suggestions.length > 0);

    // "And the fee?" — the same procedure, the fee first, marked unverified as the spec has it.
    const fee = await say(s.url, 'còn phí thì sao?', id);
    assert.equal(fee.status, 200, fee.text);
    assert.equal(fee.json.procedure.id, 'residence.temporary');
    assert.deepEqual(fee.json.facets, ['fee']);
    assert.match(fee.json.reply.split('\n')[1], /^Lệ phí:/);
    assert.ok(fee.json.unconfirmed.includes('fee'), fee.text);
    assert.match(fee.json.reply, /⚠/);

    const online = await say(s.url, 'làm online được không?', id);
    assert.equal(online.json.procedure.id, 'residence.temporary');
    assert.deepEqual(online.json.facets, ['online']);
    assert.match(online.json.reply, /VNeID/);

    // Without accents and in chat spelling.
    const plain = await say(s.url, 'lam ho chieu mat bao lau');
    assert.equal(plain.json.procedure.id, 'passport.issue');
    assert.deepEqual(plain.json.facets, ['time']);

    // In English, answered in English.
    const en = await say(s.url, 'How much does a judicial record certificate cost?');
    assert.equal(en.json.lang, 'en');
    assert.equal(en.json.procedure.id, 'justice.judicial-record');
    assert.match(en.json.reply, /Fee:/);
    assert.match(en.json.reply, /Legal basis:/);

    // The conversation is kept: the citizen can read it back with its id.
    const history = await api(s.url, 'GET', `/api/v1/assistant/conversations/${id}/messages?after=0`);
    assert.equal(history.status, 200, history.text);
    assert.equal(history.json.messages.length, 6);
    assert.deepEqual(history.json.messages.map((m) => m.author), ['citizen', 'assistant', 'citizen', 'assistant', 'citizen', 'assistant']);
    assert.equal(history.json.handoff_state, 'none');
  } finally {
    await s.stop();
  }
});

test('a report taken in the chat lands in the reports queue; an emergency raises a chat incident', async () => {
  const s = await startServer({ config: CONFIG });
  try {
    let r = await say(s.url, 'Tôi muốn trình báo mất ví ở chợ Đồng Xuân');
    assert.equal(r.json.kind, 'report', r.text);
    assert.equal(r.json.report.stage, 'where');
    assert.equal(r.json.report.category.code, 'lost_property');
    const id = r.json.conversation_id;
    r = await say(s.url, 'chợ Đồng Xuân, phường Hoàn Kiếm, Hà Nội', id);
    assert.equal(r.json.report.stage, 'when');
    r = await say(s.url, 'sáng nay khoảng 9 giờ', id);
    assert.equal(r.json.report.stage, 'contact');
    r = await say(s.url, '0912 345 678', id);
    assert.equal(r.json.report.stage, 'confirm');
    r = await say(s.url, 'có', id);
    assert.equal(r.json.report.stage, 'filed', r.text);
    const code = r.json.report.tracking_code;
    assert.match(code, /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{1,4}$/);
    assert.match(r.json.reply, new RegExp(code));

    const clerk = await signIn(s.url, 'clerk');
    const queue = await api(s.url, 'GET', '/api/v1/reports?channel=assistant', { token: clerk });
    assert.equal(queue.status, 200, queue.text);
    const filed = queue.json.reports.find((x) => x.code === code);
    assert.ok(filed, queue.text);
    assert.equal(filed.category, 'lost_property');
    assert.equal(filed.channel, 'assistant');
    // The citizen looks it up like any other report.
    const lookup = await api(s.url, 'POST', '/api/v1/reports/lookup', { body: { code, secret: '5678' } });
    assert.equal(lookup.status, 200, lookup.text);

    // An emergency now: call 114, and the centre gets an incident from the chat.
    const fire = await say(s.url, 'Cháy nhà ở số 5 Hàng Bông, có người mắc kẹt, cứu với!');
    assert.equal(fire.json.kind, 'emergency', fire.text);
    assert.equal(fire.json.emergency.line, '114');
    assert.equal(fire.json.emergency.incident_raised, true);
    assert.match(fire.json.reply, /114/);
    const where = await say(s.url, 'ngõ 12 Hàng Bông, cạnh hiệu thuốc', fire.json.conversation_id);
    assert.equal(where.json.kind, 'emergency');
    const taker = await signIn(s.url, 'calltaker');
    const calls = await api(s.url, 'GET', `/api/v1/calls?purpose=${encodeURIComponent('kiểm tra tin từ trợ lý')}`, { token: taker });
    assert.equal(calls.status, 200, calls.text);
    const chat = calls.json.calls.find((c) => c.channel === 'chat');
    assert.ok(chat, calls.text);
    assert.equal(chat.line, '114');
    assert.equal(chat.category, 'FIRE');
    const incident = await api(s.url, 'GET', `/api/v1/incidents/${chat.incident_id}`, { token: taker });
    assert.equal(incident.status, 200, incident.text);
    assert.equal(incident.json.priority, 'P1');
    assert.ok(JSON.stringify(incident.json).includes('ngõ 12 Hàng Bông'), 'the location the citizen sent is on the incident');
  } finally {
    await s.stop();
  }
});

test('handoff to an officer, live, and back to the assistant; unanswered questions are listed', async () => {
  const s = await startServer({ config: CONFIG });
  try {
    const clerk = await signIn(s.url, 'clerk');
    const live = readEvents(s.url, clerk, 'assistant', (e) => e.json?.type === 'handoff', 8000);
    await new Promise((r) => setTimeout(r, 300));
    const h = await say(s.url, 'Tôi muốn gặp cán bộ để hỏi về hồ sơ của tôi');
    assert.equal(h.json.kind, 'handoff', h.text);
    assert.equal(h.json.handoff, true);
    assert.equal(h.json.handoff_state, 'waiting');
    const id = h.json.conversation_id;
    const events = await live;
    assert.ok(events.some((e) => e.json?.type === 'handoff' && e.json.conversation_id === id), JSON.stringify(events));

    // Officers only; citizens and other roles are refused.
    assertProblem(await api(s.url, 'GET', '/api/v1/assistant/handoffs'), 401, 'unauthenticated');
    const taker = await signIn(s.url, 'calltaker');
    assertProblem(await api(s.url, 'GET', '/api/v1/assistant/handoffs', { token: taker }), 403, 'forbidden');
    const open = await api(s.url, 'GET', '/api/v1/assistant/handoffs?state=open', { token: clerk });
    assert.equal(open.status, 200, open.text);
    assert.ok(open.json.items.some((c) => c.conversation_id === id && c.handoff_state === 'waiting'));

    assertProblem(await api(s.url, 'POST', `/api/v1/assistant/conversations/${id}/replies`, { token: clerk, body: { text: 'Chào bạn' } }), 409, 'conflict');
    const claimed = await api(s.url, 'POST', `/api/v1/assistant/conversations/${id}/claim`, { token: clerk });
    assert.equal(claimed.status, 200, claimed.text);
    assert.equal(claimed.json.officer, 'clerk');
    const reply = await api(s.url, 'POST', `/api/v1/assistant/conversations/${id}/replies`, { token: clerk, body: { text: 'Chào bạn, tôi là cán bộ tiếp dân.' } });
    assert.equal(reply.status, 201, reply.text);
    const seen = await api(s.url, 'GET', `/api/v1/assistant/conversations/${id}/messages?after=2`);
    assert.equal(seen.json.handoff_state, 'active');
    assert.equal(seen.json.messages[0].author, 'officer');
    const relayed = await say(s.url, 'Cảm ơn anh, hồ sơ mã số 123', id);
    assert.equal(relayed.json.kind, 'relayed');
    assert.equal(relayed.json.reply, '');
    const transcript = await api(s.url, 'GET', `/api/v1/assistant/conversations/${id}`, { token: clerk });
    assert.equal(transcript.status, 200, transcript.text);
    assert.equal(transcript.json.messages.length, 5);
    const closed = await api(s.url, 'POST', `/api/v1/assistant/conversations/${id}/close`, { token: clerk });
    assert.equal(closed.status, 200, closed.text);
    const back = await say(s.url, 'phí làm lý lịch tư pháp', id);
    assert.equal(back.json.kind, 'answer');

    // A question the assistant cannot answer is kept for the knowledge-base editors.
    const unknown = await say(s.url, 'qwerty zxcvb asdfgh');
    assert.equal(unknown.json.kind, 'handoff');
    const list = await api(s.url, 'GET', '/api/v1/assistant/unanswered', { token: clerk });
    assert.equal(list.status, 200, list.text);
    const item = list.json.items.find((u) => u.text === 'qwerty zxcvb asdfgh');
    assert.ok(item, list.text);
    const resolved = await api(s.url, 'POST', `/api/v1/assistant/unanswered/${item.id}/resolve`, { token: clerk });
    assert.equal(resolved.status, 204, resolved.text);

    // Officer actions are in the audit log.
    const auditor = await signIn(s.url, 'auditor');
    const audit = await api(s.url, 'GET', '/api/v1/audit?limit=200', { token: auditor });
    const actions = JSON.stringify(audit.json);
    for (const a of ['assistant.handoff.claim', 'assistant.reply', 'assistant.conversation.read', 'assistant.handoff.close']) {
      assert.ok(actions.includes(a), a);
    }
  } finally {
    await s.stop();
  }
});

test('bad input is refused clearly and the rate limit holds', async () => {
  const s = await startServer({ config: `[modules.assistant]\nmessages_per_minute = 1\n` });
  try {
    assertProblem(await api(s.url, 'POST', '/api/v1/assistant/messages', { body: {} }), 400, 'invalid-argument', 'text');
    assertProblem(await api(s.url, 'POST', '/api/v1/assistant/messages', { body: { text: '   ' } }), 400, 'invalid-argument', 'text');
    assertProblem(await api(s.url, 'POST', '/api/v1/assistant/messages', { body: { text: 'a'.repeat(1001) } }), 400, 'invalid-argument', 'text');
    assertProblem(await api(s.url, 'POST', '/api/v1/assistant/messages', { body: { text: 'xin chào', lang: 'fr' } }), 400, 'invalid-argument', 'lang');
    assertProblem(await api(s.url, 'POST', '/api/v1/assistant/messages', { body: { text: 'xin chào', extra: 1 } }), 400, 'invalid-argument', 'extra');
    assertProblem(await api(s.url, 'POST', '/api/v1/assistant/messages', { body: { text: 'xin chào', conversation_id: 'ffffffffffffffffffffffffffffffff' } }), 404, 'not-found', 'conversation_id');
    assertProblem(await api(s.url, 'POST', '/api/v1/assistant/messages', { raw: 'x'.repeat(9000), headers: { 'content-type': 'application/json' } }), 413, 'too-large');
    assertProblem(await api(s.url, 'GET', '/api/v1/assistant/conversations/nope/messages'), 404, 'not-found');
    // The burst is 20 messages; then 429 with Retry-After.
    let limited = null;
    for (let i = 0; i < 25 && !limited; i++) {
      const r = await say(s.url, 'xin chào');
      if (r.status === 429) limited = r;
    }
    assert.ok(limited, 'no 429 after 25 messages');
    assertProblem(limited, 429, 'rate-limited');
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
  } finally {
    await s.stop();
  }
});

test('the command line checks the knowledge base and evaluates the question set', () => {
  const check = runCli(['assistant', 'check']);
  assert.equal(check.status, 0, check.stderr);
  assert.match(check.stdout, /\d+ procedures, \d+ common questions/);
  const ask = runCli(['assistant', 'ask', '--json', 'phí làm hộ chiếu', 'làm online được không?']);
  assert.equal(ask.status, 0, ask.stderr);
  const replies = ask.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(replies.length, 2);
  assert.equal(replies[1].procedure.id, 'passport.issue');
  const bad = runCli(['assistant', 'check', '--kb', '/nonexistent']);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /cannot read the knowledge base/);
});
