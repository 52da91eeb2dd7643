// Officer console: sign-in, then a shell (header, navigation, live indicator) around hash-routed pages
// (#/overview, #/users, #/audit, and capability pages such as #/dispatch/...). Any 401 from the server, or the
// token's expiry, returns to sign-in.

import '../shared/base.css';
import './console.css';
import { ApiError, request } from '../shared/api.ts';
import { h, replace } from '../shared/dom.ts';
import { applyDocumentLang, m, onLangChange, t, tattr, tx, type Msg } from '../shared/i18n.ts';
import { langSwitch } from '../shared/langswitch.ts';
import { Live, type StateInfo } from './live.ts';
import { M } from './messages.ts';
import type { Capability, Ctx, Page, SystemInfo } from './page.ts';
import { assistantPage } from './pages/assistant/index.ts';
import { assistantTopics, isAssistantRole } from './pages/assistant/logic.ts';
import { auditPage } from './pages/audit.ts';
import { escalationBanner } from './pages/dispatch/escalations.ts';
import { dispatchPage } from './pages/dispatch/index.ts';
import { dispatchTopics, hearsEscalations, isDispatchRole } from './pages/dispatch/logic.ts';
import { documentsPage } from './pages/documents.ts';
import { documentsTopics, isDocumentsRole } from './pages/documents/logic.ts';
import { identityPage } from './pages/identity.ts';
import { identityTopics, isIdentityRole } from './pages/identity/logic.ts';
import { overviewPage } from './pages/overview.ts';
import { platesPage } from './pages/plates.ts';
import { isPlatesRole, platesTopics } from './pages/plates/logic.ts';
import { deadlineBanner } from './pages/reports/deadlines.ts';
import { reportsPage } from './pages/reports/index.ts';
import { hearsDeadlines, isReportsRole, reportsTopics } from './pages/reports/logic.ts';
import { signInView } from './pages/signin.ts';
import { usersPage } from './pages/users.ts';
import { canManageUsers, canReadAudit, roleMsg } from './roles.ts';
import { Api, Session, signIn, type User } from './session.ts';

interface Route {
  path: string;
  title: Msg;
  testid: string;
  allowed(role: string): boolean;
  make(ctx: Ctx): Page;
}

const ROUTES: Route[] = [
  { path: 'overview', title: M.navOverview, testid: 'nav-overview', allowed: () => true, make: overviewPage },
  { path: 'audit', title: M.navAudit, testid: 'nav-audit', allowed: canReadAudit, make: auditPage },
  { path: 'users', title: M.navUsers, testid: 'nav-users', allowed: canManageUsers, make: usersPage },
];

interface CapabilityPage {
  /** The page's hash route when it is not the capability's id (#/documents for "digitize"). */
  path?: string;
  allowed(role: string): boolean;
  make(ctx: Ctx): Page;
  /** Live topics the page needs for this role, subscribed while the server reports the capability available. */
  topics(role: string): string[];
}

/**
 * Console pages for capabilities, by capability id. A capability the server reports as available but that
 * has no page here yet (or none for the officer's role) is listed, but not as a link.
 */
const CAPABILITY_PAGES: Record<string, CapabilityPage> = {
  dispatch: { allowed: isDispatchRole, make: dispatchPage, topics: dispatchTopics },
  reports: { allowed: isReportsRole, make: reportsPage, topics: reportsTopics },
  assistant: { allowed: isAssistantRole, make: assistantPage, topics: assistantTopics },
  digitize: { path: 'documents', allowed: isDocumentsRole, make: documentsPage, topics: documentsTopics },
  identity: { path: 'identity', allowed: isIdentityRole, make: identityPage, topics: identityTopics },
  vision: { path: 'plates', allowed: isPlatesRole, make: platesPage, topics: platesTopics },
};

/** The capability page at a hash route, and whether the route was its capability's id rather than its path. */
function capabilityAt(path: string): { page: CapabilityPage; path: string; alias: boolean } | null {
  for (const [id, page] of Object.entries(CAPABILITY_PAGES)) {
    const p = page.path ?? id;
    if (p === path) return { page, path: p, alias: false };
    if (id === path) return { page, path: p, alias: true };
  }
  return null;
}

/** The live topics for a role: the platform's, plus those of each available capability page. */
function topicsFor(role: string, caps: Capability[] | null): string[] {
  const topics = canReadAudit(role) ? ['system', 'audit'] : ['system'];
  for (const c of caps ?? []) {
    const page = CAPABILITY_PAGES[c.id];
    if (c.available && page?.allowed(role)) topics.push(...page.topics(role).filter((x) => !topics.includes(x)));
  }
  return topics;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

class ConsoleApp {
  private session: Session | null = null;
  private live: Live | null = null;
  private page: Page | null = null;
  private ctx: Ctx | null = null;
  private expiryTimer = 0;
  private signInCleanup: (() => void) | null = null;
  private bannerCleanups: (() => void)[] = [];
  private readonly onHash = (): void => this.route(true);

  constructor(private readonly root: HTMLElement) {}

  start(): void {
    applyDocumentLang();
    onLangChange(() => this.updateTitle());
    const stored = Session.load();
    if (!stored) {
      this.showSignIn();
      return;
    }
    replace(this.root, h('p', { class: 'muted boot', role: 'status' }, tx(M.loading)));
    // Check the stored token and refresh the user's name and role.
    request('/api/v1/auth/me', { token: stored.token })
      .then((res) => res.json() as Promise<User>)
      .then((user) => {
        stored.user = user;
        stored.save();
        this.enter(stored);
      })
      .catch((e: unknown) => {
        if ((e as { status?: number }).status === 401) {
          Session.forget();
          this.showSignIn(M.sessionExpired);
        } else {
          // Server unreachable or failing: keep the session; the pages and the indicator will say so.
          this.enter(stored);
        }
      });
  }

  // --- Sign-in / sign-out -------------------------------------------------------------------------

  private showSignIn(notice?: Msg): void {
    this.teardown();
    const view = signInView({
      notice,
      signIn,
      onSignedIn: (s) => {
        s.save();
        this.enter(s);
      },
    });
    this.signInCleanup = view.destroy;
    replace(this.root, view.el);
    this.updateTitle();
    view.focus();
  }

  /** The token is no longer valid (401 anywhere, or its expiry time passed). */
  private readonly expire = (): void => {
    if (!this.session) return;
    Session.forget();
    this.showSignIn(M.sessionExpired);
  };

  private async signOut(): Promise<void> {
    const s = this.session;
    if (!s) return;
    try {
      await request('/api/v1/auth/token', { method: 'DELETE', token: s.token });
    } catch {
      // Revocation failed (network or already invalid); the token is forgotten here all the same.
    }
    Session.forget();
    this.showSignIn(M.signedOut);
  }

  private teardown(): void {
    this.page?.destroy();
    this.page = null;
    this.live?.stop();
    this.live = null;
    this.ctx = null;
    this.session = null;
    this.signInCleanup?.();
    this.signInCleanup = null;
    for (const fn of this.bannerCleanups) fn();
    this.bannerCleanups = [];
    window.clearTimeout(this.expiryTimer);
    window.removeEventListener('hashchange', this.onHash);
  }

  // --- Signed-in shell ----------------------------------------------------------------------------

  private enter(session: Session): void {
    this.teardown();
    this.session = session;
    const left = session.msLeft();
    if (left <= 0) {
      this.expire();
      return;
    }
    if (left < MAX_TIMER_MS) this.expiryTimer = window.setTimeout(this.expire, left);

    // A late 401 from a call of an earlier session must not sign out this one.
    const unauthorized = (): void => {
      if (this.session === session) this.expire();
    };
    const api = new Api(session, unauthorized);
    const role = session.user.role;
    const live = new Live(topicsFor(role, null), () => session.token, unauthorized);
    this.live = live;
    // Capability topics are added once the server says the capability is there: a topic of a module that
    // is not running makes the server refuse the whole stream. If it refuses them all the same, fall back.
    let liveStarted = false;
    const startLive = (caps: Capability[] | null): void => {
      if (this.session !== session) return;
      live.setTopics(topicsFor(role, caps));
      if (!liveStarted) {
        liveStarted = true;
        live.start();
      }
    };
    live.onState((s) => {
      const refused = s.error instanceof ApiError && (s.error.status === 400 || s.error.status === 403) &&
        s.error.problem.field === 'topics';
      if (refused && live.topics.length > topicsFor(role, null).length) live.setTopics(topicsFor(role, null));
    });

    let systemPromise: Promise<SystemInfo> | null = null;
    const system = (refresh = false): Promise<SystemInfo> => {
      if (!systemPromise || refresh) {
        const p = api.json<SystemInfo>('/api/v1/system/info');
        systemPromise = p;
        p.then(
          (info) => {
            if (this.session !== session) return;
            this.renderCapabilities(info.capabilities);
            startLive(Array.isArray(info.capabilities) ? info.capabilities : null);
          },
          () => {
            startLive(null);
            if (systemPromise !== p || this.session !== session) return;
            systemPromise = null; // try again next time
            if (this.capList) replace(this.capList, h('li', { class: 'nav-note muted' }, tx(M.capabilitiesFailed)));
          },
        );
      }
      return systemPromise;
    };
    this.ctx = { api, user: session.user, live, system };

    replace(this.root, this.shell(session.user, live));
    window.addEventListener('hashchange', this.onHash);
    this.route(false);
    void system().catch(() => undefined);
  }

  private navList: HTMLUListElement | null = null;
  private capList: HTMLUListElement | null = null;
  private main: HTMLElement | null = null;

  private shell(user: User, live: Live): HTMLElement {
    const indicatorText = h('span', { class: 'live-text' });
    const indicator = h(
      'span',
      { class: 'live', 'data-testid': 'live-indicator', 'data-state': 'connecting', role: 'status' },
      h('span', { class: 'live-dot', 'aria-hidden': 'true' }),
      indicatorText,
    );
    tattr(indicator, 'aria-label', M.liveLabel);
    let tip: Msg = M.liveConnecting;
    tattr(indicator, 'title', () => tip);
    live.onState((s) => {
      tip = paintIndicator(indicator, indicatorText, s);
      indicator.title = t(tip);
    });

    const signOut = h('button', { type: 'button', class: 'secondary small-btn', 'data-testid': 'sign-out' }, tx(M.signOut));
    signOut.addEventListener('click', () => {
      signOut.disabled = true;
      void this.signOut();
    });

    const skip = h('a', { href: '#main', class: 'skip-link' }, tx(M.skip));
    skip.addEventListener('click', (ev) => {
      ev.preventDefault();
      this.main?.focus();
    });

    this.navList = h('ul', { class: 'nav-list' });
    this.capList = h('ul', { class: 'nav-list', 'data-testid': 'capabilities-nav' },
      h('li', { class: 'nav-note muted' }, tx(M.loading)));
    const admin = ROUTES.filter((r) => r.path !== 'overview' && r.allowed(user.role));

    const overview = ROUTES[0]!;
    this.navList.append(navLink(overview));
    const nav = h('nav', { class: 'sidenav' },
      this.navList,
      h('h2', { class: 'nav-group' }, tx(M.navCapabilities)),
      this.capList,
      admin.length ? h('h2', { class: 'nav-group' }, tx(M.navAdmin)) : null,
      admin.length ? h('ul', { class: 'nav-list' }, admin.map(navLink)) : null,
    );
    tattr(nav, 'aria-label', M.mainNav);

    this.main = h('main', { id: 'main', class: 'content', tabindex: '-1' });
    // Banners on every page: unacknowledged P1 incidents (dispatchers, supervisors), report deadlines (supervisors).
    const banners: HTMLElement[] = [];
    for (const make of [hearsEscalations(user.role) ? escalationBanner : null, hearsDeadlines(user.role) ? deadlineBanner : null]) {
      if (!make) continue;
      const b = make(live);
      this.bannerCleanups.push(b.destroy);
      banners.push(b.el);
    }

    return h('div', { class: 'app' },
      skip,
      h('header', { class: 'topbar' },
        h('a', { class: 'brand', href: '#/overview' }, h('strong', {}, 'Precinct'), ' ',
          h('span', { class: 'brand-sub' }, tx(m('Bảng điều khiển cán bộ', 'Officer console')))),
        h('div', { class: 'topbar-right' },
          indicator,
          h('div', { class: 'who' },
            h('span', { class: 'visually-hidden' }, tx(M.signedInAs)),
            h('span', { class: 'who-name', 'data-testid': 'user-name' }, user.display_name || user.username),
            h('span', { class: 'who-role', 'data-testid': 'user-role', 'data-role': user.role }, tx(roleMsg(user.role))),
          ),
          langSwitch(),
          signOut,
        ),
      ),
      banners,
      h('div', { class: 'layout' }, nav, this.main),
    );
  }

  private renderCapabilities(caps: Capability[] | undefined): void {
    if (!this.capList) return;
    const list = Array.isArray(caps) ? caps : [];
    const role = this.ctx?.user.role ?? '';
    replace(this.capList, list.map((c) => {
      const name = tx(m(c.name_vi, c.name_en || c.name_vi));
      const page = CAPABILITY_PAGES[c.id];
      if (c.available && page && page.allowed(role)) {
        const path = page.path ?? c.id;
        return h('li', {}, h('a', { href: `#/${path}`, class: 'nav-item', 'data-testid': `nav-${c.id}`, 'data-route': path }, name));
      }
      const note = !c.available ? M.notYetAvailable : page ? M.notForRole : M.noConsolePage;
      return h('li', {},
        h('span', { class: 'nav-item disabled', 'aria-disabled': 'true', 'data-testid': `nav-${c.id}`, 'data-available': String(c.available) },
          name,
          h('span', { class: 'nav-sub' }, tx(note)),
        ),
      );
    }));
    this.markCurrent();
  }

  private currentPath(): string {
    return location.hash.replace(/^#\/?/, '').split(/[?/]/)[0] || 'overview';
  }

  private route(focus: boolean): void {
    if (!this.ctx || !this.main) return;
    const path = this.currentPath();
    const role = this.ctx.user.role;
    let make: ((ctx: Ctx) => Page) | undefined;
    const r = ROUTES.find((x) => x.path === path);
    const cap = r ? null : capabilityAt(path);
    if (r && r.allowed(role)) make = r.make;
    else if (cap && cap.page.allowed(role)) {
      // #/digitize opens #/documents.
      if (cap.alias) history.replaceState(null, '', `#/${cap.path}`);
      make = cap.page.make;
    }
    if (!make) {
      if (path !== 'overview') {
        history.replaceState(null, '', '#/overview');
      }
      make = overviewPage;
    }
    this.page?.destroy();
    this.page = make(this.ctx);
    replace(this.main, this.page.el);
    this.markCurrent();
    this.updateTitle();
    if (focus) this.main.focus();
  }

  private markCurrent(): void {
    const path = this.page ? this.currentPath() : '';
    for (const a of this.root.querySelectorAll<HTMLElement>('a.nav-item')) {
      if (a.dataset['route'] === path) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
  }

  private updateTitle(): void {
    const app = t(M.appName);
    document.title = this.page && this.session ? `${t(this.page.title)} · ${app}` : `${t(M.signInTitle)} · ${app}`;
  }
}

function navLink(r: Route): HTMLElement {
  return h('li', {}, h('a', { href: `#/${r.path}`, class: 'nav-item', 'data-testid': r.testid, 'data-route': r.path }, tx(r.title)));
}

/** Sets the indicator's state and text; returns the tooltip for it. */
function paintIndicator(el: HTMLElement, text: HTMLElement, s: StateInfo): Msg {
  el.dataset['state'] = s.state;
  const msg = s.state === 'connected' ? M.liveConnected : s.state === 'connecting' ? M.liveConnecting : M.liveDisconnected;
  replace(text, tx(msg));
  if (s.state !== 'disconnected') return msg;
  const secs = Math.ceil((s.retryInMs ?? 0) / 1000);
  const why = s.error?.message ? ` (${s.error.message})` : '';
  return m(`Mất kết nối; thử lại sau ${secs} giây${why}`, `Disconnected; retrying in ${secs} s${why}`);
}

const root = document.getElementById('app');
if (root) new ConsoleApp(root).start();
