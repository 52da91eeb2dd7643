// Solving the server's proof-of-work challenge in the browser: crypto.subtle.digest in parallel batches where the
// page is a secure context (https, localhost), else the plain TypeScript SHA-256 with a pause between batches so
// the page stays responsive. Works in Node too (test/reports.test.mjs).

import { sha256 } from '../../shared/sha256.ts';
import { solveChallenge, type BatchDigest, type SolveOptions } from './logic.ts';

export type DigestEngine = 'subtle' | 'fallback';

function subtle(): SubtleCrypto | null {
  const c = (globalThis as { crypto?: Crypto }).crypto;
  const secure = (globalThis as { isSecureContext?: boolean }).isSecureContext;
  // Browsers leave crypto.subtle undefined outside secure contexts; Node has no isSecureContext at all.
  if (!c || !c.subtle || typeof c.subtle.digest !== 'function' || secure === false) return null;
  return c.subtle;
}

/** Which SHA-256 this page will use. */
export function digestEngine(): DigestEngine {
  return subtle() ? 'subtle' : 'fallback';
}

const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export function subtleDigest(s: SubtleCrypto): BatchDigest {
  return async (messages) => {
    const out = await Promise.all(messages.map((m) => s.digest('SHA-256', m)));
    return out.map((b) => new Uint8Array(b));
  };
}

export const fallbackDigest: BatchDigest = async (messages) => {
  const out = messages.map((m) => sha256(m));
  await pause();
  return out;
};

/** Finds the nonce; `engine` forces one SHA-256 (for tests), else the best available. */
export function solvePow(token: string, bits: number, opts: SolveOptions = {}, engine?: DigestEngine): Promise<string> {
  const s = subtle();
  const useSubtle = engine === 'fallback' ? false : s !== null;
  if (engine === 'subtle' && !s) return Promise.reject(new Error('crypto.subtle is not available here'));
  const digest = useSubtle && s ? subtleDigest(s) : fallbackDigest;
  // The plain SHA-256 costs no promise per hash: larger batches, fewer pauses.
  const batch = opts.batch ?? (useSubtle ? 256 : 1024);
  return solveChallenge(token, bits, digest, { ...opts, batch });
}
