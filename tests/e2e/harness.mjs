// Starts the real precinct binary on a free loopback port in a fresh data directory, for black-box tests.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const BIN = process.env.PRECINCT_BIN;
if (!BIN) throw new Error('PRECINCT_BIN must name the precinct binary');

const created = [];
process.on('exit', () => {
  for (const dir of created) fs.rmSync(dir, { recursive: true, force: true });
});

// A fresh directory, removed when the test process exits.
export function tempDir(prefix = 'precinct-e2e-') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

// Starts `precinct serve`; resolves once it prints its listening line. Returns {url, proc, stop(), kill9()}.
export async function startServer({ dataDir = tempDir(), demo = true, config = null, extraArgs = [] } = {}) {
  const args = ['serve', '--data-dir', dataDir, '--listen', '127.0.0.1:0'];
  if (demo) args.push('--demo');
  // The demo camera reads plates on a core all the time: off unless a test configures the vision module itself.
  if (demo && !(config ?? '').includes('[modules.vision]')) {
    config = `${config ?? ''}\n[modules.vision]\ndemo_camera = false\n`;
  }
  if (config !== null) {
    const file = path.join(dataDir, 'precinct.toml');
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, config);
    args.push('--config', file);
  }
  args.push(...extraArgs);
  const proc = spawn(BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stderr.on('data', (d) => (err += d));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${err}`)), 20_000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on 127\.0\.0\.1:(\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}`);
      }
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${err}`));
    });
  });
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    url,
    proc,
    dataDir,
    stderr: () => err,
    exited,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      return exited;
    },
    async kill9() {
      proc.kill('SIGKILL');
      return exited;
    },
  };
}

export function runCli(args, input = '') {
  return spawnSync(BIN, args, { input, encoding: 'utf8', timeout: 60_000 });
}

export async function api(base, method, pathname, { token, body, headers = {}, raw } = {}) {
  const h = { ...headers };
  if (token) h.authorization = `Bearer ${token}`;
  let payload = raw;
  if (body !== undefined) {
    h['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const res = await fetch(base + pathname, { method, headers: h, body: payload });
  const text = await res.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, text, json };
}

export async function signIn(base, username, password = 'precinct-demo') {
  const r = await api(base, 'POST', '/api/v1/auth/token', { body: { username, password } });
  if (r.status !== 201) throw new Error(`sign-in of ${username} failed: ${r.status} ${r.text}`);
  return r.json.token;
}

// Checks an RFC 9457 problem answer: status, type, the request id, and the field named.
export function assertProblem(r, status, type, field) {
  assert.equal(r.status, status, r.text);
  assert.match(r.headers.get('content-type') ?? '', /application\/problem\+json/);
  assert.equal(r.json.status, status);
  assert.equal(r.json.type, `/problems/${type}`);
  assert.ok(r.json.title.length > 0);
  assert.ok(r.json.request_id.length > 0);
  assert.equal(r.headers.get('x-request-id'), r.json.request_id);
  if (field) assert.equal(r.json.field, field);
}

// Reads server-sent events until `until(event)` is true or the time runs out.
export async function readEvents(url, token, topics, until, ms = 5000) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  const events = [];
  try {
    const res = await fetch(`${url}/api/v1/events?topics=${topics}`, {
      headers: { authorization: `Bearer ${token}` }, signal: controller.signal,
    });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^text\/event-stream/);
    const decoder = new TextDecoder();
    let buf = '';
    for await (const chunk of res.body) {
      buf += decoder.decode(chunk, { stream: true });
      let end;
      while ((end = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, end);
        buf = buf.slice(end + 2);
        const ev = { event: 'message', data: '' };
        for (const line of block.split('\n')) {
          if (line.startsWith('event: ')) ev.event = line.slice(7);
          else if (line.startsWith('data: ')) ev.data += line.slice(6);
          else if (line.startsWith('id: ')) ev.id = line.slice(4);
        }
        if (block.startsWith(':')) continue;
        ev.json = JSON.parse(ev.data);
        events.push(ev);
        if (until(ev, events)) return events;
      }
    }
  } catch (e) {
    if (e.name !== 'AbortError') throw e;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return events;
}

