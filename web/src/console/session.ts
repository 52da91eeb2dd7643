// The signed-in officer: token in sessionStorage (gone when the tab closes), calls that carry it, and one
// place that reacts to 401 (the token expired or was revoked) by going back to the sign-in form.

import { ApiError, request, requestJson, type RequestOptions } from '../shared/api.ts';

export interface User {
  id: string | number;
  username: string;
  display_name: string;
  role: string;
}

export interface TokenResponse {
  token: string;
  token_type: string;
  expires_at: string;
  user: User;
}

interface Stored {
  token: string;
  expires_at: string;
  user: User;
}

const KEY = 'precinct.session';

export class Session {
  private constructor(
    readonly token: string,
    readonly expiresAt: string,
    public user: User,
  ) {}

  static fromResponse(r: TokenResponse): Session {
    return new Session(r.token, r.expires_at, r.user);
  }

  static load(): Session | null {
    try {
      const raw = sessionStorage.getItem(KEY);
      if (!raw) return null;
      const s = JSON.parse(raw) as Partial<Stored>;
      if (typeof s.token !== 'string' || !s.user || typeof s.user.role !== 'string') return null;
      return new Session(s.token, s.expires_at ?? '', s.user);
    } catch {
      return null;
    }
  }

  save(): void {
    const s: Stored = { token: this.token, expires_at: this.expiresAt, user: this.user };
    try {
      sessionStorage.setItem(KEY, JSON.stringify(s));
    } catch {
      // Without storage the session lives until the page reloads.
    }
  }

  static forget(): void {
    try {
      sessionStorage.removeItem(KEY);
    } catch {
      // Nothing stored.
    }
  }

  /** Milliseconds until the token expires (Infinity when unknown). */
  msLeft(now = Date.now()): number {
    const at = Date.parse(this.expiresAt);
    return Number.isNaN(at) ? Infinity : at - now;
  }
}

export type SignIn = (username: string, password: string) => Promise<Session>;

export async function signIn(username: string, password: string): Promise<Session> {
  const r = await requestJson<TokenResponse>('/api/v1/auth/token', {
    method: 'POST',
    body: { username, password },
  });
  return Session.fromResponse(r);
}

/** Calls made on behalf of the signed-in officer. */
export class Api {
  constructor(
    private readonly session: Session,
    private readonly onUnauthorized: () => void,
  ) {}

  get token(): string {
    return this.session.token;
  }

  /** A call made without this class (an upload with XMLHttpRequest) was answered 401. */
  unauthorized(): void {
    this.onUnauthorized();
  }

  private guard(e: unknown): never {
    if (e instanceof ApiError && e.status === 401) this.onUnauthorized();
    throw e;
  }

  async json<T>(path: string, opts: Omit<RequestOptions, 'token'> = {}): Promise<T> {
    try {
      return await requestJson<T>(path, { ...opts, token: this.session.token });
    } catch (e) {
      return this.guard(e);
    }
  }

  async raw(path: string, opts: Omit<RequestOptions, 'token'> = {}): Promise<Response> {
    try {
      return await request(path, { ...opts, token: this.session.token });
    } catch (e) {
      return this.guard(e);
    }
  }
}

/** The server asks for a purpose (400 naming the field "purpose") before it shows personal data. */
export function needsPurpose(e: unknown): boolean {
  return e instanceof ApiError && e.status === 400 && (e.problem.field ?? '').toLowerCase().includes('purpose');
}
