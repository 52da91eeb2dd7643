// Unit tests of the SSE stream parser and the live connection (no browser needed).
// Run with `npm test`: tsc compiles src/shared/{sse,api}.ts into .test-build/ first.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { SseParser, LiveConnection } from '../.test-build/shared/sse.js';
import { parseRetryAfter, withPurpose } from '../.test-build/shared/api.js';

function collect() {
  const events = [];
  const comments = [];
  const retries = [];
  const parser = new SseParser({
    onEvent: (e) => events.push({ ...e }),
    onComment: (c) => comments.push(c),
    onRetry: (ms) => retries.push(ms),
  });
  return { parser, events, comments, retries };
}

const SAMPLE =
  'event: hello\ndata: {"topics":["system"]}\n\n' +
  ': ping\n\n' +
  'id: 42\nevent: audit\ndata: {"seq":42,"action":"auth.login"}\n\n';

test('parses hello, comments and an event with id', () => {
  const { parser, events, comments } = collect();
  parser.push(SAMPLE);
  assert.deepEqual(events, [
    { type: 'hello', data: '{"topics":["system"]}', lastEventId: '' },
    { type: 'audit', data: '{"seq":42,"action":"auth.login"}', lastEventId: '42' },
  ]);
  assert.deepEqual(comments, ['ping']);
});

test('gives the same events whatever the chunking, with LF, CRLF or CR line ends', () => {
  for (const eol of ['\n', '\r\n', '\r']) {
    const text = SAMPLE.replaceAll('\n', eol);
    const whole = collect();
    whole.parser.push(text);
    for (let size = 1; size <= 7; size++) {
      const c = collect();
      for (let i = 0; i < text.length; i += size) c.parser.push(text.slice(i, i + size));
      assert.deepEqual(c.events, whole.events, `eol=${JSON.stringify(eol)} chunk=${size}`);
      assert.deepEqual(c.comments, ['ping']);
    }
    assert.equal(whole.events.length, 2);
  }
});

test('CR at the end of a chunk followed by LF is one line end, not two', () => {
  const { parser, events } = collect();
  parser.push('data: a\r');
  parser.push('\ndata: b\r');
  parser.push('\n\r');
  parser.push('\n');
  assert.deepEqual(events, [{ type: 'message', data: 'a\nb', lastEventId: '' }]);
});

test('joins multi-line data, strips one leading space, ignores unknown fields and a leading BOM', () => {
  const { parser, events } = collect();
  parser.push('\uFEFFdata:x\ndata:  two spaces\nfoo: bar\ndata\n\n');
  assert.deepEqual(events, [{ type: 'message', data: 'x\n two spaces\n', lastEventId: '' }]);
});

test('an event with no data is not dispatched; its type does not leak into the next', () => {
  const { parser, events } = collect();
  parser.push('event: audit\n\ndata: 1\n\n');
  assert.deepEqual(events, [{ type: 'message', data: '1', lastEventId: '' }]);
});

test('retry sets the reconnection time only when it is all digits; id with NUL is ignored', () => {
  const { parser, retries, events } = collect();
  parser.push('retry: 2500\nretry: 1s\nid: 7\ndata: a\n\nid: 8\0\ndata: b\n\n');
  assert.deepEqual(retries, [2500]);
  assert.deepEqual(events.map((e) => e.lastEventId), ['7', '7']);
});

test('an unterminated event at end of stream is discarded', () => {
  const { parser, events } = collect();
  parser.push('data: half');
  parser.end();
  parser.push('data: next\n\n');
  assert.deepEqual(events, [{ type: 'message', data: 'next', lastEventId: '' }]);
});

test('Retry-After is read as seconds or as an HTTP date', () => {
  assert.equal(parseRetryAfter('30'), 30);
  assert.equal(parseRetryAfter(null), undefined);
  assert.equal(parseRetryAfter('soon'), undefined);
  const now = Date.parse('2026-11-22T10:00:00Z');
  assert.equal(parseRetryAfter('Sun, 22 Nov 2026 10:00:45 GMT', now), 45);
});

test('purpose goes into the query, percent-encoded', () => {
  assert.equal(withPurpose('/api/v1/users', null), '/api/v1/users');
  assert.equal(withPurpose('/api/v1/users', 'Rà soát'), '/api/v1/users?purpose=R%C3%A0%20so%C3%A1t');
  assert.equal(withPurpose('/a?x=1', 'ab c'), '/a?x=1&purpose=ab%20c');
});

// LiveConnection uses window timers and listeners; Node gives the same functions.
globalThis.window ??= {
  setTimeout: globalThis.setTimeout.bind(globalThis),
  clearTimeout: globalThis.clearTimeout.bind(globalThis),
  addEventListener() {},
  removeEventListener() {},
};

function listen(handler) {
  return new Promise((resolve) => {
    const server = http.createServer(handler);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

test('live connection: sends the token, is connected after hello, reconnects when the stream ends', async () => {
  let connections = 0;
  const auths = [];
  const server = await listen((req, res) => {
    connections++;
    auths.push(req.headers.authorization);
    res.writeHead(200, { 'Content-Type': 'text/event-stream' });
    res.write('event: hello\ndata: {"topics":["system"]}\n\n');
    res.write(`id: ${connections}\nevent: system\ndata: {"n":${connections}}\n\n`);
    if (connections === 1) res.end(); // first stream ends: the client must come back
  });
  const url = `http://127.0.0.1:${server.address().port}/api/v1/events?topics=system`;
  const states = [];
  const events = [];
  let unauthorized = 0;
  const conn = new LiveConnection({
    path: url,
    token: () => 'tok-1',
    onState: (s) => states.push(s),
    onEvent: (e) => events.push(e),
    onUnauthorized: () => unauthorized++,
    minBackoffMs: 20,
  });
  try {
    conn.start();
    const deadline = Date.now() + 5000;
    while (events.filter((e) => e.type === 'system').length < 2 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.equal(events.filter((e) => e.type === 'system').length, 2);
    assert.deepEqual(states.slice(0, 4), ['connecting', 'connected', 'disconnected', 'connecting']);
    assert.equal(states.at(-1), 'connected');
    assert.deepEqual(auths.slice(0, 2), ['Bearer tok-1', 'Bearer tok-1']);
    assert.equal(unauthorized, 0);
  } finally {
    conn.stop();
    server.closeAllConnections();
    server.close();
  }
});

test('live connection: 401 stops it and reports unauthorized; other errors retry', async () => {
  let calls = 0;
  const server = await listen((req, res) => {
    calls++;
    if (calls === 1) {
      res.writeHead(503, { 'Content-Type': 'application/problem+json', 'Retry-After': '1' });
      res.end('{"title":"Unavailable","status":503}');
      return;
    }
    res.writeHead(401, { 'Content-Type': 'application/problem+json' });
    res.end('{"title":"Unauthenticated","status":401}');
  });
  const url = `http://127.0.0.1:${server.address().port}/api/v1/events?topics=system`;
  const states = [];
  let unauthorized = 0;
  const conn = new LiveConnection({
    path: url,
    token: () => 'tok-2',
    onState: (s) => states.push(s),
    onEvent: () => {},
    onUnauthorized: () => unauthorized++,
    minBackoffMs: 20,
  });
  try {
    conn.start();
    const deadline = Date.now() + 5000;
    while (unauthorized === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.equal(unauthorized, 1);
    assert.equal(calls, 2);
    assert.deepEqual(states, ['connecting', 'disconnected', 'connecting']);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(calls, 2, 'no further attempts after 401');
  } finally {
    conn.stop();
    server.close();
  }
});
