// Unit tests of the citizen chat with the assistant and the assistant's console pages: what may be sent and how,
// which replies make the widget poll, merging polled messages with what is on screen, report stages, call links,
// dates; the console's roles, routes, queue order, waiting times, buttons, live events and unanswered questions
// (no browser needed). Run with `npm test`: tsc compiles the sources into .test-build/ first.
// The browser test against a running server is test/browser/assistant.test.mjs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CONVERSATION_KEY,
  MAX_TEXT,
  POLL_MS,
  afterReply,
  chipTexts,
  counterState,
  enterSends,
  formatChecked,
  formatClock,
  isAssistantRoute,
  isConversationId,
  lookupHash,
  mergeMessages,
  messageBody,
  polls,
  reportStep,
  telHref,
  textLength,
  validateText,
} from '../.test-build/public/assistant/logic.js';
import {
  LONG_WAIT_MS,
  assistantHash,
  assistantTopics,
  assistantViewsFor,
  conversationActions,
  excerpt,
  formatConfidence,
  isAssistantRole,
  isMe,
  matchesState,
  parseAssistantEvent,
  parseAssistantRoute,
  sortHandoffs,
  sortUnanswered,
  unansweredQuery,
  validateReply,
  waitedFor,
  waitsLong,
} from '../.test-build/console/pages/assistant/logic.js';

// ---------------------------------------------------------------- citizen: sending

test('the message box: 1 to 1,000 characters (code points), trimmed; the counter warns near the limit', () => {
  assert.equal(MAX_TEXT, 1000);
  assert.equal(validateText(''), 'empty');
  assert.equal(validateText('   \n\t '), 'empty');
  assert.equal(validateText('phí làm hộ chiếu bao nhiêu?'), null);
  assert.equal(validateText('a'.repeat(1000)), null);
  assert.equal(validateText(`  ${'a'.repeat(1000)}  `), null, 'spaces around do not count');
  assert.equal(validateText('a'.repeat(1001)), 'too_long');
  // Vietnamese letters are one character each (NFC), an emoji is one character though two UTF-16 units.
  assert.equal(textLength('Đăng ký tạm trú'), 15);
  assert.equal(textLength('👮'), 1);
  assert.equal(validateText('👮'.repeat(1000)), null);
  assert.deepEqual(counterState('abc'), { count: 3, over: false, near: false });
  assert.deepEqual(counterState('a'.repeat(950)), { count: 950, over: false, near: true });
  assert.deepEqual(counterState('a'.repeat(1001)), { count: 1001, over: true, near: true });
});

test('Enter sends, Shift+Enter and an input method composing (Telex, VNI) do not', () => {
  assert.equal(enterSends({ key: 'Enter', shiftKey: false }), true);
  assert.equal(enterSends({ key: 'Enter', shiftKey: true }), false);
  assert.equal(enterSends({ key: 'Enter', shiftKey: false, isComposing: true }), false);
  assert.equal(enterSends({ key: 'Enter', shiftKey: false, keyCode: 229 }), false);
  assert.equal(enterSends({ key: 'a', shiftKey: false }), false);
});

test('the request body: the conversation when there is one, the language only when chosen with the switch', () => {
  assert.equal(CONVERSATION_KEY, 'precinct.assistant.conversation');
  const id = '5f0c1a2b3c4d5e6f708192a3b4c5d6e7';
  assert.deepEqual(messageBody('  xin chào  ', null, null), { text: 'xin chào' });
  assert.deepEqual(messageBody('hello', id, null), { text: 'hello', conversation_id: id });
  assert.deepEqual(messageBody('hello', id, 'en'), { text: 'hello', conversation_id: id, lang: 'en' });
  assert.deepEqual(messageBody('xin chào', null, 'vi'), { text: 'xin chào', lang: 'vi' });
  assert.deepEqual(messageBody('x', 'not an id!', null), { text: 'x' }, 'a damaged stored id is not sent');
  assert.equal(isConversationId(id), true);
  assert.equal(isConversationId(''), false);
  assert.equal(isConversationId(null), false);
  assert.equal(isConversationId('<script>'), false);
});

// ---------------------------------------------------------------- citizen: the officer's part

test('polling: while an officer is waited for or answering, every 3 seconds; not before, not after', () => {
  assert.equal(POLL_MS, 3000);
  assert.equal(polls('waiting'), true);
  assert.equal(polls('active'), true);
  assert.equal(polls('closed'), false);
  assert.equal(polls('none'), false);
  assert.equal(polls(undefined), false);
});

const empty = () => ({ cursor: 0, shown: new Set(), pending: [] });

test('a reply moves the cursor while nobody polls and marks its message and the citizen\'s as shown', () => {
  let s = empty();
  s = { ...s, pending: ['phí làm hộ chiếu bao nhiêu?'] };
  s = afterReply(s, { seq: 2, kind: 'answer', reply: 'Lệ phí…' }, 'phí làm hộ chiếu bao nhiêu?', false);
  assert.equal(s.cursor, 2);
  assert.deepEqual([...s.shown].sort(), [1, 2]);
  assert.deepEqual(s.pending, [], 'the citizen\'s message has its number now');
  // The handoff reply: still nobody polled before it, so the cursor follows.
  s = { ...s, pending: ['tôi cần gặp cán bộ'] };
  s = afterReply(s, { seq: 4, kind: 'handoff', reply: 'Cán bộ sẽ trả lời…' }, 'tôi cần gặp cán bộ', false);
  assert.equal(s.cursor, 4);
  // While polling, a reply does not move the cursor: an officer's message before it must still be fetched.
  s = { ...s, pending: ['còn ai không?'] };
  s = afterReply(s, { seq: 7, kind: 'relayed', reply: '' }, 'còn ai không?', true);
  assert.equal(s.cursor, 4);
  assert.ok(s.shown.has(7));
  assert.deepEqual(s.pending, ['còn ai không?'], 'a relayed message without a reply keeps its text to match');
});

test('merging a poll: new officer messages in order; what is shown already, and the citizen\'s own text, once', () => {
  const state = { cursor: 4, shown: new Set([1, 2, 3, 4]), pending: ['còn ai không?'] };
  const { append, state: next } = mergeMessages([
    { seq: 6, author: 'citizen', text: 'còn ai không?', at: '2026-11-23T10:01:00Z', kind: '' },
    { seq: 5, author: 'officer', text: 'Chào anh, tôi là cán bộ tiếp dân.', at: '2026-11-23T10:00:00Z', kind: '' },
    { seq: 4, author: 'assistant', text: 'Cán bộ sẽ trả lời…', at: '2026-11-23T09:59:00Z', kind: 'handoff' },
    { seq: 7, author: 'officer', text: 'Anh cần hỗ trợ gì?\nXin mời nói rõ.', at: '2026-11-23T10:02:00Z', kind: '' },
  ], state);
  assert.deepEqual(append.map((m) => m.seq), [5, 7]);
  assert.equal(next.cursor, 7);
  assert.deepEqual(next.pending, []);
  assert.ok(next.shown.has(6));
  // The same poll answered twice adds nothing.
  assert.deepEqual(mergeMessages([{ seq: 7, author: 'officer', text: 'x' }], next).append, []);
  // A citizen message from another tab (no matching text) is shown.
  assert.deepEqual(mergeMessages([{ seq: 8, author: 'citizen', text: 'từ máy khác' }], next).append.map((m) => m.seq), [8]);
  // Reading back a whole conversation after a reload.
  const all = mergeMessages([
    { seq: 1, author: 'citizen', text: 'a' }, { seq: 2, author: 'assistant', text: 'b' }, { seq: 3, author: 'officer', text: 'c' },
  ], empty());
  assert.deepEqual(all.append.map((m) => m.author), ['citizen', 'assistant', 'officer']);
  assert.equal(all.state.cursor, 3);
  // The input state is not changed.
  assert.equal(state.shown.size, 4);
  assert.deepEqual(state.pending, ['còn ai không?']);
});

// ---------------------------------------------------------------- citizen: replies

test('emergency lines as call links, report stages, the checked date, suggestion chips', () => {
  assert.equal(telHref('113'), 'tel:113');
  assert.equal(telHref(' 114 '), 'tel:114');
  assert.equal(telHref('javascript:alert(1)'), 'tel:1', 'only digits survive');
  assert.equal(telHref(''), null);
  assert.equal(reportStep('what'), 1);
  assert.equal(reportStep('confirm'), 5);
  assert.equal(reportStep('filed'), 0);
  assert.equal(reportStep('cancelled'), 0);
  assert.equal(reportStep(null), 0);
  assert.equal(formatChecked('2026-11-20', 'vi'), '20/11/2026');
  assert.equal(formatChecked('2026-11-20', 'en'), '20 Nov 2026');
  assert.equal(formatChecked('2026-01-05', 'en'), '5 Jan 2026');
  assert.equal(formatChecked('', 'vi'), '');
  assert.equal(formatChecked('soon', 'en'), 'soon');
  assert.deepEqual(chipTexts(['Cần giấy tờ gì?', '', 'Cần giấy tờ gì?', 7, 'Làm online được không?']),
    ['Cần giấy tờ gì?', 'Làm online được không?']);
  assert.deepEqual(chipTexts(null), []);
  assert.deepEqual(chipTexts(['Gọi 113', 'Tôi an toàn rồi'], '113'), ['Tôi an toàn rồi'], 'the call button does that');
  assert.equal(chipTexts(['a', 'b', 'c', 'd', 'e', 'f', 'g']).length, 6);
  assert.deepEqual(chipTexts(['x'.repeat(1001)]), [], 'a chip that could not be sent is left out');
  assert.equal(lookupHash('7K3M-9QXA-2FB'), '#/lookup/7K3M-9QXA-2FB');
  const at = '2026-11-23T03:05:00Z';
  const d = new Date(at);
  assert.equal(formatClock(at), `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`);
  assert.equal(formatClock('nonsense'), '');
  assert.equal(formatClock(undefined), '');
});

test('the route "#/assistant" (the leading slash optional)', () => {
  assert.equal(isAssistantRoute('#/assistant'), true);
  assert.equal(isAssistantRoute('#assistant'), true);
  assert.equal(isAssistantRoute('#/assistant/'), true);
  assert.equal(isAssistantRoute('#/report'), false);
  assert.equal(isAssistantRoute(''), false);
});

// ---------------------------------------------------------------- console

test('assistant console: roles, topics, views and routes follow the README', () => {
  for (const r of ['clerk', 'investigator', 'supervisor']) {
    assert.equal(isAssistantRole(r), true, r);
    assert.deepEqual(assistantTopics(r), ['assistant']);
    assert.deepEqual(assistantViewsFor(r), ['queue', 'unanswered']);
  }
  for (const r of ['call_taker', 'dispatcher', 'admin', 'auditor', '']) {
    assert.equal(isAssistantRole(r), false, r);
    assert.deepEqual(assistantTopics(r), []);
    assert.deepEqual(assistantViewsFor(r), []);
  }
  const id = '5f0c1a2b3c4d5e6f708192a3b4c5d6e7';
  assert.deepEqual(parseAssistantRoute('#/assistant'), { view: null, id: null });
  assert.deepEqual(parseAssistantRoute('#/assistant/queue'), { view: 'queue', id: null });
  assert.deepEqual(parseAssistantRoute('#assistant/unanswered'), { view: 'unanswered', id: null });
  assert.deepEqual(parseAssistantRoute(`#/assistant/conversation/${id}`), { view: 'conversation', id });
  assert.deepEqual(parseAssistantRoute('#/assistant/conversation/'), { view: null, id: null });
  assert.deepEqual(parseAssistantRoute('#/assistant/conversation/a%3Cb'), { view: null, id: null });
  assert.deepEqual(parseAssistantRoute('#/reports/queue'), { view: null, id: null });
  assert.equal(assistantHash('conversation', id), `#/assistant/conversation/${id}`);
  assert.equal(assistantHash('queue'), '#/assistant/queue');
  assert.equal(assistantHash('unanswered'), '#/assistant/unanswered');
});

const NOW = Date.parse('2026-11-23T12:00:00Z');
const ho = (id, state, waiting, updated = waiting) => ({
  conversation_id: id, handoff_state: state, waiting_since: waiting, updated_at: updated, lang: 'vi', officer: null,
  last_text: 'x', reason: 'asked',
});

test('handoff queue: waiting first (longest wait on top), then active, then closed (latest first); the filter', () => {
  const list = [
    ho('c1', 'closed', '2026-11-23T08:00:00Z', '2026-11-23T09:00:00Z'),
    ho('a1', 'active', '2026-11-23T11:00:00Z'),
    ho('w1', 'waiting', '2026-11-23T11:50:00Z'),
    ho('c2', 'closed', '2026-11-23T07:00:00Z', '2026-11-23T10:00:00Z'),
    ho('w2', 'waiting', '2026-11-23T11:10:00Z'),
    ho('a0', 'active', '2026-11-23T10:30:00Z'),
    ho('w3', 'waiting', null),
  ];
  assert.deepEqual(sortHandoffs(list).map((x) => x.conversation_id), ['w2', 'w1', 'w3', 'a0', 'a1', 'c2', 'c1']);
  assert.equal(matchesState(ho('x', 'waiting', null), 'open'), true);
  assert.equal(matchesState(ho('x', 'active', null), 'open'), true);
  assert.equal(matchesState(ho('x', 'closed', null), 'open'), false);
  assert.equal(matchesState(ho('x', 'closed', null), 'closed'), true);
  assert.equal(matchesState(ho('x', 'active', null), 'waiting'), false);
});

test('waiting times: minutes, hours, days; a long wait is marked', () => {
  assert.equal(waitedFor('2026-11-23T11:59:30Z', NOW, 'vi'), 'vừa xong');
  assert.equal(waitedFor('2026-11-23T11:59:30Z', NOW, 'en'), 'just now');
  assert.equal(waitedFor('2026-11-23T11:48:00Z', NOW, 'vi'), '12 phút');
  assert.equal(waitedFor('2026-11-23T10:55:00Z', NOW, 'vi'), '1 giờ 5 phút');
  assert.equal(waitedFor('2026-11-23T10:00:00Z', NOW, 'en'), '2 h');
  assert.equal(waitedFor('2026-11-21T09:00:00Z', NOW, 'en'), '2 d 3 h');
  assert.equal(waitedFor(null, NOW, 'vi'), '—');
  assert.equal(waitedFor('2026-11-23T12:05:00Z', NOW, 'vi'), 'vừa xong', 'a clock a little ahead');
  assert.equal(LONG_WAIT_MS, 5 * 60_000);
  assert.equal(waitsLong(ho('x', 'waiting', '2026-11-23T11:50:00Z'), NOW), true);
  assert.equal(waitsLong(ho('x', 'waiting', '2026-11-23T11:58:00Z'), NOW), false);
  assert.equal(waitsLong(ho('x', 'active', '2026-11-23T11:00:00Z'), NOW), false);
  assert.equal(excerpt('  tôi   cần\n\ngặp cán bộ  '), 'tôi cần gặp cán bộ');
  assert.equal(excerpt('a'.repeat(200), 10), `${'a'.repeat(9)}…`);
  assert.equal(excerpt(null), '');
});

test('a conversation\'s buttons: claim while waiting, close while waiting or active, reply once it is yours', () => {
  const me = { id: 4, username: 'clerk', display_name: 'Nguyễn Thị Văn Thư' };
  assert.deepEqual(conversationActions('waiting', null, me), { claim: true, close: true, reply: false });
  assert.deepEqual(conversationActions('active', 'clerk', me), { claim: false, close: true, reply: true });
  assert.deepEqual(conversationActions('active', 'Nguyễn Thị Văn Thư', me), { claim: false, close: true, reply: true });
  assert.deepEqual(conversationActions('active', 'investigator', me), { claim: false, close: true, reply: false });
  assert.deepEqual(conversationActions('active', 'someone', me, true), { claim: false, close: true, reply: true },
    'claimed from this page (however the server names the officer)');
  assert.deepEqual(conversationActions('closed', 'clerk', me, true), { claim: false, close: false, reply: false });
  assert.deepEqual(conversationActions('none', null, me), { claim: false, close: false, reply: false });
  assert.equal(isMe('4', me), true);
  assert.equal(isMe('', me), false);
  assert.equal(isMe(null, me), false);
  assert.equal(validateReply(''), 'empty');
  assert.equal(validateReply('  '), 'empty');
  assert.equal(validateReply('Chào anh'), null);
  assert.equal(validateReply('a'.repeat(2000)), null);
  assert.equal(validateReply('a'.repeat(2001)), 'too_long');
});

test('live events of the topic "assistant"', () => {
  const id = '5f0c1a2b3c4d5e6f708192a3b4c5d6e7';
  for (const type of ['handoff', 'message', 'claimed', 'closed']) {
    assert.deepEqual(parseAssistantEvent('assistant', { type, conversation_id: id, seq: 3 }),
      { type, conversation_id: id, data: { type, conversation_id: id, seq: 3 } });
  }
  assert.equal(parseAssistantEvent('assistant', { type: 'reply', conversation_id: id })?.type, 'reply',
    'an officer\'s reply (sent by the server, not named in the README) is taken too');
  assert.equal(parseAssistantEvent('reports', { type: 'message', conversation_id: id }), null);
  assert.equal(parseAssistantEvent('assistant', { type: '', conversation_id: id }), null);
  assert.equal(parseAssistantEvent('assistant', { type: 3, conversation_id: id }), null);
  assert.equal(parseAssistantEvent('assistant', { type: 'message' }), null);
  assert.equal(parseAssistantEvent('assistant', 'text'), null);
  assert.equal(parseAssistantEvent('assistant', null), null);
});

test('unanswered questions: the query, open ones first by count then recency, confidence as a share', () => {
  assert.equal(unansweredQuery(200, false), 'limit=200');
  assert.equal(unansweredQuery(50, true), 'limit=50&include_resolved=true');
  const q = (id, count, last, resolved = false) => ({ id, text: `q${id}`, count, last_at: last, resolved });
  const list = [
    q(1, 3, '2026-11-20T00:00:00Z'),
    q(2, 9, '2026-11-19T00:00:00Z', true),
    q(3, 3, '2026-11-22T00:00:00Z'),
    q(4, 5, '2026-11-18T00:00:00Z'),
  ];
  assert.deepEqual(sortUnanswered(list).map((x) => x.id), [4, 3, 1, 2]);
  assert.equal(formatConfidence(0.93), '93%');
  assert.equal(formatConfidence(0.426), '43%');
  assert.equal(formatConfidence(0), '0%');
  assert.equal(formatConfidence(null), '—');
  assert.equal(formatConfidence(1.7), '100%');
});
