// Black-box tests of citizen reports over HTTP: filing (JSON and multipart with a photo), proof of work and
// honeypot, lookup with the second factor, rate limits, the officers' queue live, replies, workflow, and Open311
// GeoReport v2 conformance (field names and types).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import http from 'node:http';
import zlib from 'node:zlib';

import { api, assertProblem, readEvents, signIn, startServer } from './harness.mjs';

const API_KEY = 'e2e-open311-key-0123456789abcdef';
const CONFIG = `[modules.dispatch]
demo_calls_per_minute = 0
[modules.reports]
pow_bits = 8
lookups_per_minute = 600
open311_api_keys = ["${API_KEY}"]
`;

function leadingZeroBits(buf) {
  let n = 0;
  for (const byte of buf) {
    if (byte === 0) { n += 8; continue; }
    return n + Math.clz32(byte) - 24;
  }
  return n;
}

async function solvedChallenge(base) {
  const c = await api(base, 'GET', '/api/v1/reports/challenge');
  assert.equal(c.status, 200, c.text);
  for (let n = 0; ; n++) {
    const digest = crypto.createHash('sha256').update(`${c.json.token}:${n}`).digest();
    if (leadingZeroBits(digest) >= c.json.bits) return { pow_token: c.json.token, pow_nonce: String(n) };
  }
}

// A small PNG drawn here (8×8, one colour) with a tEXt chunk that must not survive.
function tinyPng() {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(8, 0);
  ihdr.writeUInt32BE(8, 4);
  ihdr[8] = 8; ihdr[9] = 2; // 8-bit RGB
  const raw = Buffer.alloc(8 * (1 + 8 * 3));
  for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) raw.set([200, 30, 30], y * 25 + 1 + x * 3);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('tEXt', Buffer.from('Comment\0secret metadata')),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function noiseReport(extra = {}) {
  return {
    category: 'noise',
    description: 'Hát karaoke rất to sau 23 giờ, đã nhắc nhưng không dừng (demo)',
    lat: '21.0288',
    lon: '105.8525',
    phone: '0900 001 234',
    ...extra,
  };
}

test('a citizen files a report; officers see it live, reply and move it; the citizen looks it up', async () => {
  const s = await startServer({ config: CONFIG });
  try {
    const categories = await api(s.url, 'GET', '/api/v1/reports/categories');
    assert.equal(categories.status, 200);
    assert.ok(categories.json.categories.length >= 10);
    const unconfirmed = categories.json.categories.find((c) => !c.deadline.confirmed);
    assert.match(unconfirmed.deadline.note, /chưa xác minh/);

    const clerk = await signIn(s.url, 'clerk');
    const live = readEvents(s.url, clerk, 'reports', (ev) => ev.json?.type === 'report.created', 10000);
    await new Promise((r) => setTimeout(r, 300));

    const filed = await api(s.url, 'POST', '/api/v1/reports', { body: { ...noiseReport(), ...(await solvedChallenge(s.url)) } });
    assert.equal(filed.status, 201, filed.text);
    assert.match(filed.json.code, /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{3}$/);
    assert.equal(filed.json.lookup, 'phone_last4');
    const code = filed.json.code;

    const events = await live;
    const created = events.find((e) => e.json?.type === 'report.created');
    assert.ok(created, 'no live event');
    assert.equal(created.json.report.code, code);
    assert.ok(!JSON.stringify(created.json).includes('0900 001 234'), 'contact leaked into a live event');
    const id = created.json.report.id;

    // The queue; the detail needs a purpose.
    const queue = await api(s.url, 'GET', '/api/v1/reports?status=open', { token: clerk });
    assert.equal(queue.json.reports[0].code, code);
    assert.ok(queue.json.reports[0].unit_id);
    assertProblem(await api(s.url, 'GET', `/api/v1/reports/${id}`, { token: clerk }), 400, 'invalid-argument', 'purpose');
    const purpose = `purpose=${encodeURIComponent('xử lý phản ánh')}`;
    const detail = await api(s.url, 'GET', `/api/v1/reports/${id}?${purpose}`, { token: clerk });
    assert.equal(detail.status, 200, detail.text);
    assert.equal(detail.json.contact.phone, '0900 001 234');

    // Workflow: a skipped step is a conflict; rejection needs a reason.
    assertProblem(await api(s.url, 'POST', `/api/v1/reports/${id}/status`, { token: clerk, body: { status: 'resolved' } }), 409, 'conflict', 'status');
    assertProblem(await api(s.url, 'POST', `/api/v1/reports/${id}/status`, { token: clerk, body: { status: 'rejected' } }), 400, 'invalid-argument', 'reason');
    for (const status of ['accepted', 'in_progress']) {
      const r = await api(s.url, 'POST', `/api/v1/reports/${id}/status`, { token: clerk, body: { status } });
      assert.equal(r.status, 200, r.text);
    }
    assert.equal((await api(s.url, 'POST', `/api/v1/reports/${id}/replies`, { token: clerk, body: { text: 'Tổ tuần tra đang đến.' } })).status, 201);
    assert.equal((await api(s.url, 'POST', `/api/v1/reports/${id}/notes`, { token: clerk, body: { text: 'ghi chú kín: đã gặp trước' } })).status, 201);

    // The citizen's view: status, reply, no internal note, no contact.
    const view = await api(s.url, 'POST', '/api/v1/reports/lookup', { body: { code: code.toLowerCase().replaceAll('-', ' '), secret: '1234' } });
    assert.equal(view.status, 200, view.text);
    assert.equal(view.json.status, 'in_progress');
    assert.equal(view.json.replies[0].text, 'Tổ tuần tra đang đến.');
    assert.ok(!view.text.includes('ghi chú kín'));
    assert.ok(!view.text.includes('0900'));

    // Misses look alike.
    const typo = code.slice(0, 1) + (code[1] === '7' ? '8' : '7') + code.slice(2);
    const misses = [
      await api(s.url, 'POST', '/api/v1/reports/lookup', { body: { code, secret: '0000' } }),
      await api(s.url, 'POST', '/api/v1/reports/lookup', { body: { code: typo, secret: '1234' } }),
    ];
    for (const m of misses) assertProblem(m, 404, 'not-found', 'code');
    assert.equal(misses[0].json.detail, misses[1].json.detail);

    // Statistics for supervisors only.
    assertProblem(await api(s.url, 'GET', '/api/v1/reports/stats', { token: clerk }), 403, 'forbidden');
    const supervisor = await signIn(s.url, 'supervisor');
    const stats = await api(s.url, 'GET', '/api/v1/reports/stats', { token: supervisor });
    assert.equal(stats.json.total, 1);
  } finally {
    await s.stop();
  }
});

test('a photo is re-encoded without its metadata; other formats, bots and replays are refused', async () => {
  const s = await startServer({ config: CONFIG });
  try {
    const form = new FormData();
    for (const [k, v] of Object.entries({ ...noiseReport(), ...(await solvedChallenge(s.url)) })) form.append(k, v);
    form.append('photo', new Blob([tinyPng()], { type: 'image/png' }), 'karaoke.png');
    const res = await fetch(`${s.url}/api/v1/reports`, { method: 'POST', body: form });
    const filed = await res.json();
    assert.equal(res.status, 201, JSON.stringify(filed));

    const clerk = await signIn(s.url, 'clerk');
    const queue = await api(s.url, 'GET', '/api/v1/reports', { token: clerk });
    const report = queue.json.reports.find((r) => r.code === filed.code);
    assert.equal(report.has_photos, true);
    const purpose = `purpose=${encodeURIComponent('xem ảnh phản ánh')}`;
    const detail = await api(s.url, 'GET', `/api/v1/reports/${report.id}?${purpose}`, { token: clerk });
    const photo = await fetch(`${s.url}/api/v1/reports/${report.id}/photos/${detail.json.photos[0]}?${purpose}`, {
      headers: { authorization: `Bearer ${clerk}` },
    });
    assert.equal(photo.status, 200);
    assert.equal(photo.headers.get('content-type'), 'image/jpeg');
    const jpeg = Buffer.from(await photo.arrayBuffer());
    assert.deepEqual([...jpeg.subarray(0, 2)], [0xff, 0xd8]);
    assert.ok(!jpeg.includes(Buffer.from('secret metadata')));

    // HEIC is refused, naming what is accepted.
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic'), Buffer.alloc(16)]);
    const bad = new FormData();
    for (const [k, v] of Object.entries({ ...noiseReport(), ...(await solvedChallenge(s.url)) })) bad.append(k, v);
    bad.append('photo', new Blob([heic]), 'IMG_0001.HEIC');
    const refused = await fetch(`${s.url}/api/v1/reports`, { method: 'POST', body: bad });
    const problem = await refused.json();
    assert.equal(refused.status, 400);
    assert.equal(problem.field, 'photo');
    assert.match(problem.detail, /JPEG/);

    // Honeypot, missing or replayed proof of work, unknown fields.
    const pow = await solvedChallenge(s.url);
    assertProblem(await api(s.url, 'POST', '/api/v1/reports', { body: { ...noiseReport(), ...pow, website: 'http://spam' } }), 400, 'invalid-argument', 'website');
    assertProblem(await api(s.url, 'POST', '/api/v1/reports', { body: noiseReport() }), 400, 'invalid-argument', 'pow');
    assert.equal((await api(s.url, 'POST', '/api/v1/reports', { body: { ...noiseReport(), ...pow } })).status, 201);
    assertProblem(await api(s.url, 'POST', '/api/v1/reports', { body: { ...noiseReport(), ...pow } }), 400, 'invalid-argument', 'pow');
    assertProblem(await api(s.url, 'POST', '/api/v1/reports', { body: { ...noiseReport(), ...(await solvedChallenge(s.url)), colour: 'red' } }), 400, 'invalid-argument', 'colour');
    assertProblem(await api(s.url, 'POST', '/api/v1/reports', { body: { ...noiseReport({ lat: '95' }), ...(await solvedChallenge(s.url)) } }), 400, 'invalid-argument', 'lat');
  } finally {
    await s.stop();
  }
});

test('submissions and lookups are rate-limited per client', async () => {
  const s = await startServer({ config: CONFIG.replace('lookups_per_minute = 600', 'lookups_per_minute = 1') });
  try {
    let limited = null;
    for (let i = 0; i < 30 && !limited; i++) {
      const r = await api(s.url, 'POST', '/api/v1/reports/lookup', { body: { code: '0000-0000-000', secret: '1234' } });
      if (r.status === 429) limited = r;
    }
    assert.ok(limited, 'no 429 after 30 lookups');
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
  } finally {
    await s.stop();
  }
});

test('Open311 GeoReport v2: services, filing and reading requests with the standard field names', async () => {
  const s = await startServer({ config: CONFIG });
  try {
    const denied = await api(s.url, 'GET', '/open311/v2/services.json');
    assert.equal(denied.status, 403);
    assert.ok(Array.isArray(denied.json) && typeof denied.json[0].code === 'number' && typeof denied.json[0].description === 'string');

    const services = await api(s.url, 'GET', `/open311/v2/services.json?api_key=${API_KEY}&jurisdiction_id=hanoi`);
    assert.equal(services.status, 200);
    for (const svc of services.json) {
      assert.equal(typeof svc.service_code, 'string');
      assert.equal(typeof svc.service_name, 'string');
      assert.equal(typeof svc.description, 'string');
      assert.equal(svc.metadata, false);
      assert.ok(['realtime', 'batch', 'blackbox'].includes(svc.type));
      assert.equal(typeof svc.keywords, 'string');
      assert.equal(typeof svc.group, 'string');
    }

    const form = new URLSearchParams({
      api_key: API_KEY, service_code: 'illegal_parking', lat: '21.0245', long: '105.8412',
      description: 'Ô tô đỗ chắn lối thoát hiểm trước chung cư (demo)', first_name: 'An', last_name: 'Nguyễn',
      phone: '0900001235', 'attribute[plate]': '30A-000.00',
    });
    const posted = await fetch(`${s.url}/open311/v2/requests.json`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form,
    });
    const created = await posted.json();
    assert.equal(posted.status, 201, JSON.stringify(created));
    assert.equal(created.length, 1);
    assert.equal(typeof created[0].service_request_id, 'string');
    assert.ok('service_notice' in created[0] && 'account_id' in created[0]);
    const rid = created[0].service_request_id;

    const missing = await fetch(`${s.url}/open311/v2/requests.json`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ api_key: API_KEY, service_code: 'illegal_parking', description: 'không có vị trí nào (demo)' }),
    });
    assert.equal(missing.status, 400);
    assert.ok(Array.isArray(await missing.json()));

    const one = await api(s.url, 'GET', `/open311/v2/requests/${rid}.json?api_key=${API_KEY}`);
    assert.equal(one.status, 200, one.text);
    const req = one.json[0];
    const expected = ['service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description',
      'agency_responsible', 'service_notice', 'requested_datetime', 'updated_datetime', 'expected_datetime', 'address',
      'address_id', 'zipcode', 'lat', 'long', 'media_url'];
    for (const k of expected) assert.ok(k in req, `missing ${k}`);
    assert.equal(req.service_request_id, rid);
    assert.equal(req.status, 'open');
    assert.equal(typeof req.lat, 'number');
    assert.equal(typeof req.long, 'number');
    assert.match(req.requested_datetime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
    assert.ok(!one.text.includes('0900001235'), 'contact leaked through Open311');

    const list = await api(s.url, 'GET', `/open311/v2/requests.json?api_key=${API_KEY}&service_code=illegal_parking&status=open`);
    assert.equal(list.status, 200);
    assert.ok(list.json.some((r) => r.service_request_id === rid));
    const byId = await api(s.url, 'GET', `/open311/v2/requests.json?api_key=${API_KEY}&service_request_id=${rid}`);
    assert.equal(byId.json.length, 1);

    // Closing it shows as closed with notes.
    const clerk = await signIn(s.url, 'clerk');
    const queue = await api(s.url, 'GET', '/api/v1/reports', { token: clerk });
    const id = queue.json.reports.find((r) => r.code === rid).id;
    await api(s.url, 'POST', `/api/v1/reports/${id}/status`, { token: clerk, body: { status: 'rejected', reason: 'Không thuộc thẩm quyền (demo)' } });
    const after = await api(s.url, 'GET', `/open311/v2/requests/${rid}.json?api_key=${API_KEY}`);
    assert.equal(after.json[0].status, 'closed');
    assert.match(after.json[0].status_notes, /thẩm quyền/);
    assert.equal((await api(s.url, 'GET', `/open311/v2/requests/XXXX-XXXX-XXX.json?api_key=${API_KEY}`)).status, 404);
  } finally {
    await s.stop();
  }
});

test('status changes reach the citizen through the webhook notifier; a failed delivery does not block the next', async () => {
  const received = [];
  let failNext = 1;
  const gateway = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      if (failNext > 0) {
        failNext--;
        res.writeHead(503).end();
        return;
      }
      received.push(JSON.parse(body));
      res.writeHead(204).end();
    });
  });
  await new Promise((r) => gateway.listen(0, '127.0.0.1', r));
  const port = gateway.address().port;
  const s = await startServer({ config: `${CONFIG}notifier = "webhook"\nwebhook_url = "http://127.0.0.1:${port}/notify"\n` });
  try {
    const filed = await api(s.url, 'POST', '/api/v1/reports', { body: { ...noiseReport(), ...(await solvedChallenge(s.url)) } });
    assert.equal(filed.status, 201, filed.text);
    const clerk = await signIn(s.url, 'clerk');
    const id = (await api(s.url, 'GET', '/api/v1/reports', { token: clerk })).json.reports[0].id;
    await api(s.url, 'POST', `/api/v1/reports/${id}/status`, { token: clerk, body: { status: 'accepted' } });
    // The first delivery fails (503) and waits a minute for its retry; the next one goes through within seconds.
    const deadline = Date.now() + 10000;
    while (received.length < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    assert.equal(received.length, 1, 'no notification reached the gateway');
    assert.equal(received[0].code, filed.json.code);
    assert.equal(received[0].phone, '0900 001 234');
    assert.match(received[0].text_vi, /Phản ánh|phản ánh/);
    assert.ok(['received', 'accepted'].includes(received[0].status));
  } finally {
    await s.stop();
    gateway.close();
  }
});
