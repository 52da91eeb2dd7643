// The console page of the "vision" capability, part 1 (licence plates), at #/plates. Four sections:
//  - alerts: watchlisted plates read by a camera, live on "plates.alert", each with its crop, the match kind, the
//    reason and legal basis, the dispatch incident it raised and the nearest units;
//  - watchlist: the active entries, a form to add one (plate or pattern, reason, legal basis, owner, expiry: all
//    required and audited) and revocation with a reason;
//  - search: reads by plate pattern (* and ?), camera and time, with look-alike tolerance, crops shown;
//  - cameras: health of each camera (state, frames, motion-gated share, reconnects, last error) and, for camera
//    administrators, adding a stream or removing one added here.
// Reads, alerts and the watchlist are personal data: the officer states a purpose once (loadWithPurpose).
// The rules are in plates/logic.ts.

import './plates/plates.css';
import { h, replace } from '../../shared/dom.ts';
import { timeMsg, same } from '../../shared/format.ts';
import { m, t, tx, type Msg } from '../../shared/i18n.ts';
import { problemView } from '../../shared/problem.ts';
import { knownPurpose, loadingView, loadWithPurpose, pageHeading, refreshButton, type Ctx, type Page } from '../page.ts';
import {
  FIELD_MSG,
  buildWatchBody,
  cameraStateLabel,
  cameraTone,
  canManageCameras,
  canSearch,
  canWatch,
  etaText,
  hanoiToday,
  matchLabel,
  mergeAlert,
  motionSkipPercent,
  parseAlert,
  parseAlerts,
  parseCameras,
  parseReads,
  parseWatchlist,
  searchQuery,
  type CameraRow,
  type PlateAlert,
  type PlateRead,
  type WatchEntry,
  type WatchField,
} from './plates/logic.ts';

const PURPOSE_KEY = 'plates';

const T = {
  title: m('Biển số xe — camera AI', 'Licence plates — camera AI'),
  lead: m(
    'Camera đọc biển số; biển số trong danh sách theo dõi tạo cảnh báo và sự vụ cho đơn vị gần nhất. Mọi thao tác được ghi nhật ký.',
    'Cameras read plates; a watchlisted plate raises an alert and an incident for the nearest units. Every action is audited.',
  ),
  alerts: m('Cảnh báo', 'Alerts'),
  noAlerts: m('Chưa có cảnh báo.', 'No alerts yet.'),
  watchlist: m('Danh sách theo dõi', 'Watchlist'),
  noWatch: m('Danh sách trống.', 'The watchlist is empty.'),
  search: m('Tra cứu lượt đọc', 'Search reads'),
  cameras: m('Camera', 'Cameras'),
  noCameras: m('Chưa có camera.', 'No cameras.'),
  plateOrPattern: m('Biển số hoặc mẫu', 'Plate or pattern'),
  reason: m('Lý do', 'Reason'),
  legalBasis: m('Căn cứ pháp lý', 'Legal basis'),
  owner: m('Phụ trách', 'Owner'),
  expires: m('Hết hạn', 'Expires'),
  add: m('Thêm vào danh sách', 'Add to the watchlist'),
  revoke: m('Gỡ', 'Revoke'),
  revokeWhy: m('Lý do gỡ khỏi danh sách?', 'Why is the entry revoked?'),
  pattern: m('Mẫu (vd 29A*, 51F-12?.45)', 'Pattern (e.g. 29A*, 51F-12?.45)'),
  camera: m('Camera', 'Camera'),
  anyCamera: m('Mọi camera', 'Any camera'),
  from: m('Từ', 'From'),
  to: m('Đến', 'To'),
  lookAlike: m('Gồm ký tự dễ nhầm (0/O/D, 8/B, 1/I, 5/S, 2/Z)', 'Include look-alike characters (0/O/D, 8/B, 1/I, 5/S, 2/Z)'),
  find: m('Tìm', 'Search'),
  noReads: m('Không có lượt đọc phù hợp.', 'No matching reads.'),
  incident: m('Sự vụ', 'Incident'),
  noIncident: m('Chưa tạo được sự vụ', 'No incident raised'),
  nearest: m('Đơn vị gần nhất', 'Nearest units'),
  reads: m('lượt đọc', 'reads'),
  frames: m('khung hình', 'frames'),
  skipped: m('bỏ qua do không chuyển động', 'skipped, no motion'),
  reconnects: m('lần kết nối lại', 'reconnects'),
  lastFrame: m('Khung hình cuối', 'Last frame'),
  addCamera: m('Thêm camera', 'Add a camera'),
  cameraId: m('Mã (a-z, 0-9, -)', 'Id (a-z, 0-9, -)'),
  cameraName: m('Tên, vị trí', 'Name, place'),
  cameraUrl: m('Địa chỉ luồng (rtsp://, http://)', 'Stream address (rtsp://, http://)'),
  sampleFps: m('Khung hình/giây phân tích', 'Frames/s analysed'),
  latitude: m('Vĩ độ', 'Latitude'),
  longitude: m('Kinh độ', 'Longitude'),
  remove: m('Xoá', 'Remove'),
  added: m('Đã thêm.', 'Added.'),
};

export function platesPage(ctx: Ctx): Page {
  let alive = true;
  const role = ctx.user.role;
  let alerts: PlateAlert[] = [];

  const alertsBody = h('div', { 'data-testid': 'plates-alerts' }, loadingView());
  const watchBody = h('div', { 'data-testid': 'plates-watchlist' });
  const searchOut = h('div', { 'data-testid': 'plates-results', 'aria-live': 'polite' });
  const camerasBody = h('div', { 'data-testid': 'plates-cameras' }, loadingView());
  const purposeSlot = h('div', {});

  /** A crop behind the API (it needs the token and the purpose), shown as a data: URL. */
  const cropImage = (src: string | null, alt: string): HTMLElement => {
    const img = h('img', { class: 'plate-crop', alt, 'data-testid': 'plate-crop' });
    if (!src) return h('span', { class: 'muted' }, '—');
    if (src.startsWith('data:')) {
      img.src = src;
      return img;
    }
    // The console's content policy allows images from itself and data: URLs only (no blob:).
    void ctx.api.raw(src, { purpose: knownPurpose(PURPOSE_KEY), accept: 'image/jpeg' })
      .then((res) => res.blob())
      .then((blob) => new Promise<string>((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(String(reader.result));
        reader.onerror = () => reject(reader.error);
        reader.readAsDataURL(blob);
      }))
      .then((url) => {
        if (alive) img.src = url;
      })
      .catch(() => undefined);
    return img;
  };

  // ---- alerts ----
  const renderAlerts = (): void => {
    if (!alerts.length) {
      replace(alertsBody, h('p', { class: 'muted' }, tx(T.noAlerts)));
      return;
    }
    replace(alertsBody, h('ul', { class: 'plate-alerts' }, alerts.map(alertItem)));
  };
  const alertItem = (a: PlateAlert): HTMLElement =>
    h('li', { class: `plate-alert ${a.match === 'look-alike' ? 'tone-warn' : 'tone-bad'}`, 'data-testid': 'plate-alert' },
      cropImage(a.crop, a.display),
      h('div', { class: 'plate-alert-text' },
        h('div', {}, h('strong', { class: 'plate-text', 'data-testid': 'plate-alert-plate' }, a.display), ' · ', tx(matchLabel(a.match))),
        h('div', { class: 'small' }, tx(timeMsg(a.at)), ' · ', a.camera),
        h('div', { class: 'small' }, tx(T.reason), ': ', a.reason, ' · ', tx(T.legalBasis), ': ', a.legal_basis, ' · ', tx(T.owner), ': ', a.owner),
        h('div', { class: 'small' },
          a.incident_id !== null
            ? h('a', { href: `#/dispatch`, 'data-testid': 'plate-alert-incident' }, tx(T.incident), ` #${a.incident_id}`)
            : h('span', { class: 'warn' }, tx(T.noIncident), a.dispatch_error ? ` (${a.dispatch_error})` : ''),
          a.nearest.length ? [' · ', tx(T.nearest), ': ', a.nearest.map((u) => `${u.call_sign} ${etaText(u.eta_s)}`).join(', ')] : [],
        ),
      ),
    );
  const offLive = ctx.live.onEvent((item) => {
    if (item.topic !== 'plates.alert') return;
    const a = parseAlert(item.data);
    if (!a) return;
    alerts = mergeAlert(alerts, a);
    renderAlerts();
  });

  // ---- watchlist ----
  const renderWatch = (entries: WatchEntry[]): void => {
    const rows = entries.map((e) =>
      h('tr', { 'data-testid': 'watch-row' },
        h('td', {}, h('span', { class: 'plate-text' }, e.display), e.kind === 'pattern' ? h('span', { class: 'small muted' }, ' (mẫu / pattern)') : null),
        h('td', {}, e.reason),
        h('td', {}, e.legal_basis),
        h('td', {}, e.owner),
        h('td', {}, tx(timeMsg(e.expires_at))),
        h('td', {}, canWatch(role)
          ? h('button', { type: 'button', class: 'secondary small', onclick: () => void revoke(e) }, tx(T.revoke))
          : null),
      ));
    replace(watchBody,
      rows.length
        ? h('div', { class: 'table-wrap' }, h('table', {},
            h('thead', {}, h('tr', {}, [T.plateOrPattern, T.reason, T.legalBasis, T.owner, T.expires].map((x) => h('th', { scope: 'col' }, tx(x))), h('th', {}))),
            h('tbody', {}, rows)))
        : h('p', { class: 'muted' }, tx(T.noWatch)));
  };
  const loadWatch = async (): Promise<void> => {
    const res = await loadWithPurpose(purposeSlot, PURPOSE_KEY, (purpose) => ctx.api.json<unknown>('/api/v1/watchlists/plates', { purpose }));
    if (alive) renderWatch(parseWatchlist(res));
  };
  const revoke = async (e: WatchEntry): Promise<void> => {
    const why = window.prompt(t(T.revokeWhy));
    if (!why || !why.trim()) return;
    try {
      await ctx.api.json(`/api/v1/watchlists/plates/${e.id}/revoke`, { method: 'POST', body: { reason: why.trim() } });
      await loadWatch();
    } catch (err) {
      replace(watchOut, problemView(err));
    }
  };

  const field = (id: string, label: Msg, input: HTMLElement, err?: HTMLElement): HTMLElement =>
    h('div', { class: 'field' }, h('label', { for: id }, tx(label)), input, err ?? null);
  const errSlots = new Map<WatchField, HTMLElement>();
  const err = (f: WatchField): HTMLElement => {
    const e = h('div', { class: 'field-err', id: `watch-err-${f}`, 'aria-live': 'polite' });
    errSlots.set(f, e);
    return e;
  };
  const wValue = h('input', { id: 'watch-value', type: 'text', maxlength: 40, autocomplete: 'off', 'data-testid': 'watch-value' });
  const wReason = h('input', { id: 'watch-reason', type: 'text', maxlength: 500, 'data-testid': 'watch-reason' });
  const wBasis = h('input', { id: 'watch-basis', type: 'text', maxlength: 500, 'data-testid': 'watch-basis' });
  const wOwner = h('input', { id: 'watch-owner', type: 'text', maxlength: 200, 'data-testid': 'watch-owner' });
  const today = hanoiToday(new Date());
  const wExpires = h('input', { id: 'watch-expires', type: 'date', min: today, 'data-testid': 'watch-expires' });
  const watchOut = h('div', { 'aria-live': 'polite' });
  const watchForm = h('form', { class: 'form plate-form', 'data-testid': 'watch-form' },
    field('watch-value', T.plateOrPattern, wValue, err('value')),
    field('watch-reason', T.reason, wReason, err('reason')),
    field('watch-basis', T.legalBasis, wBasis, err('legal_basis')),
    field('watch-owner', T.owner, wOwner, err('owner')),
    field('watch-expires', T.expires, wExpires, err('expires_at')),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', 'data-testid': 'watch-submit' }, tx(T.add))),
    watchOut);
  watchForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    for (const s of errSlots.values()) replace(s);
    const built = buildWatchBody(
      { value: wValue.value, reason: wReason.value, legal_basis: wBasis.value, owner: wOwner.value, expires: wExpires.value },
      hanoiToday(new Date()),
    );
    if ('errors' in built) {
      for (const f of built.errors) replace(errSlots.get(f)!, tx(FIELD_MSG[f]));
      return;
    }
    void (async () => {
      try {
        await ctx.api.json('/api/v1/watchlists/plates', { method: 'POST', body: built.body });
        wValue.value = '';
        replace(watchOut, h('p', { class: 'ok' }, tx(T.added)));
        await loadWatch();
      } catch (e) {
        replace(watchOut, problemView(e));
      }
    })();
  });

  // ---- search ----
  const sPattern = h('input', { id: 'search-pattern', type: 'text', maxlength: 40, autocomplete: 'off', 'data-testid': 'search-pattern' });
  const sCamera = h('select', { id: 'search-camera', 'data-testid': 'search-camera' }, h('option', { value: '' }, tx(T.anyCamera)));
  const sFrom = h('input', { id: 'search-from', type: 'datetime-local' });
  const sTo = h('input', { id: 'search-to', type: 'datetime-local' });
  const sAlike = h('input', { id: 'search-alike', type: 'checkbox', checked: true });
  const renderReads = (reads: PlateRead[]): void => {
    if (!reads.length) {
      replace(searchOut, h('p', { class: 'muted' }, tx(T.noReads)));
      return;
    }
    replace(searchOut, h('div', { class: 'table-wrap' }, h('table', {},
      h('tbody', {}, reads.map((r) => h('tr', { 'data-testid': 'read-row' },
        h('td', {}, cropImage(r.crop_url, r.display)),
        h('td', {}, h('strong', { class: 'plate-text' }, r.display), r.match === 'look-alike' ? h('div', { class: 'small warn' }, tx(matchLabel('look-alike'))) : null),
        h('td', {}, tx(timeMsg(r.seen_at))),
        h('td', {}, r.camera_id),
        h('td', { class: 'small' }, `${r.vehicle_kind} · ${r.colour} · ${Math.round(r.confidence * 100)}% · ${r.frames} `, tx(T.frames)),
      ))))));
  };
  const searchForm = h('form', { class: 'form plate-form', 'data-testid': 'search-form' },
    field('search-pattern', T.pattern, sPattern),
    field('search-camera', T.camera, sCamera),
    field('search-from', T.from, sFrom),
    field('search-to', T.to, sTo),
    h('div', { class: 'field checkbox' }, sAlike, h('label', { for: 'search-alike' }, tx(T.lookAlike))),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', 'data-testid': 'search-submit' }, tx(T.find))));
  searchForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = searchQuery({ pattern: sPattern.value, camera: sCamera.value, from: sFrom.value, to: sTo.value, lookAlike: sAlike.checked });
    replace(searchOut, loadingView());
    void loadWithPurpose(searchOut, PURPOSE_KEY, (purpose) => ctx.api.json<unknown>(`/api/v1/plates/reads?${q}`, { purpose }))
      .then((res) => alive && renderReads(parseReads(res)))
      .catch((e) => alive && replace(searchOut, problemView(e)));
  });

  // ---- cameras ----
  const renderCameras = (cams: CameraRow[]): void => {
    replace(sCamera, h('option', { value: '' }, tx(T.anyCamera)), cams.map((c) => h('option', { value: c.id }, `${c.name} (${c.id})`)));
    if (!cams.length) {
      replace(camerasBody, h('p', { class: 'muted' }, tx(T.noCameras)));
      return;
    }
    const now = new Date();
    replace(camerasBody, h('ul', { class: 'camera-list' }, cams.map((c) =>
      h('li', { class: `camera tone-${cameraTone(c, now)}`, 'data-testid': 'camera-row' },
        h('div', {}, h('strong', {}, c.name), h('span', { class: 'small muted' }, ` ${c.id} · ${c.url} · ${c.source}`)),
        h('div', { class: 'small', 'data-testid': 'camera-state' }, tx(cameraStateLabel(c.state))),
        h('div', { class: 'small' },
          `${c.reads} `, tx(T.reads), ` · ${c.frames_analysed} `, tx(T.frames),
          ` · ${motionSkipPercent(c)}% `, tx(T.skipped), ` · ${c.reconnects} `, tx(T.reconnects)),
        c.last_frame_at ? h('div', { class: 'small' }, tx(T.lastFrame), ': ', tx(timeMsg(c.last_frame_at))) : null,
        c.last_error ? h('div', { class: 'small warn' }, tx(same(c.last_error))) : null,
        canManageCameras(role) && c.source === 'console'
          ? h('button', { type: 'button', class: 'secondary small', onclick: () => void removeCamera(c.id) }, tx(T.remove))
          : null,
      ))));
  };
  const loadCameras = async (): Promise<void> => {
    try {
      const res = await ctx.api.json<unknown>('/api/v1/cameras');
      if (alive) renderCameras(parseCameras(res));
    } catch (e) {
      if (alive) replace(camerasBody, problemView(e));
    }
  };
  const removeCamera = async (id: string): Promise<void> => {
    try {
      await ctx.api.raw(`/api/v1/cameras/${encodeURIComponent(id)}`, { method: 'DELETE' });
    } catch (e) {
      replace(cameraOut, problemView(e));
    }
    await loadCameras();
  };
  const cId = h('input', { id: 'cam-id', type: 'text', maxlength: 40, pattern: '[a-z0-9_-]+' });
  const cName = h('input', { id: 'cam-name', type: 'text', maxlength: 200 });
  const cUrl = h('input', { id: 'cam-url', type: 'text', maxlength: 2000, placeholder: 'rtsp://…' });
  const cFps = h('input', { id: 'cam-fps', type: 'number', min: 0.1, max: 30, step: 0.1, value: '1' });
  const cLat = h('input', { id: 'cam-lat', type: 'number', min: -90, max: 90, step: 'any' });
  const cLon = h('input', { id: 'cam-lon', type: 'number', min: -180, max: 180, step: 'any' });
  const cameraOut = h('div', { 'aria-live': 'polite' });
  const cameraForm = h('form', { class: 'form plate-form', 'data-testid': 'camera-form' },
    field('cam-id', T.cameraId, cId), field('cam-name', T.cameraName, cName), field('cam-url', T.cameraUrl, cUrl),
    field('cam-fps', T.sampleFps, cFps), field('cam-lat', T.latitude, cLat), field('cam-lon', T.longitude, cLon),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit' }, tx(T.addCamera))), cameraOut);
  cameraForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const body: Record<string, unknown> = { id: cId.value.trim(), name: cName.value.trim(), url: cUrl.value.trim(), sample_fps: Number(cFps.value || 1) };
    if (cLat.value && cLon.value) {
      body.latitude = Number(cLat.value);
      body.longitude = Number(cLon.value);
    }
    void ctx.api.json('/api/v1/cameras', { method: 'POST', body })
      .then(() => {
        replace(cameraOut, h('p', { class: 'ok' }, tx(T.added)));
        return loadCameras();
      })
      .catch((e) => replace(cameraOut, problemView(e)));
  });

  // ---- load ----
  const loadAll = async (): Promise<void> => {
    await loadCameras();
    if (!canSearch(role)) return;
    try {
      const res = await loadWithPurpose(purposeSlot, PURPOSE_KEY, (purpose) => ctx.api.json<unknown>('/api/v1/plates/alerts?limit=20', { purpose }));
      if (!alive) return;
      replace(purposeSlot);
      for (const a of parseAlerts(res).reverse()) alerts = mergeAlert(alerts, a);
      renderAlerts();
      await loadWatch();
    } catch (e) {
      if (alive) replace(alertsBody, problemView(e));
    }
  };
  void loadAll();
  const timer = window.setInterval(() => void loadCameras(), 10000);

  const sections: HTMLElement[] = [];
  if (canSearch(role)) {
    sections.push(
      h('section', { class: 'card', 'aria-labelledby': 'plates-alerts-h' }, h('h2', { id: 'plates-alerts-h' }, tx(T.alerts)), alertsBody),
      h('section', { class: 'card', 'aria-labelledby': 'plates-watch-h' }, h('h2', { id: 'plates-watch-h' }, tx(T.watchlist)), watchBody, canWatch(role) ? watchForm : null),
      h('section', { class: 'card', 'aria-labelledby': 'plates-search-h' }, h('h2', { id: 'plates-search-h' }, tx(T.search)), searchForm, searchOut),
    );
  }
  sections.push(h('section', { class: 'card', 'aria-labelledby': 'plates-cams-h' }, h('h2', { id: 'plates-cams-h' }, tx(T.cameras)), camerasBody,
    canManageCameras(role) ? cameraForm : null));

  const el = h('div', { class: 'page plates', 'data-testid': 'page-plates' },
    pageHeading(T.title, refreshButton(() => void loadAll())),
    h('p', { class: 'muted' }, tx(T.lead)),
    purposeSlot,
    sections);
  return {
    el,
    title: T.title,
    destroy: () => {
      alive = false;
      offLive();
      window.clearInterval(timer);
    },
  };
}
