import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { UrlSigner } from './context.js';

/**
 * HMAC-SHA256 signed, self-authorising URLs with an expiry. The secret is
 * generated once per data dir and kept in `<dataDir>/signing-secret` (0600),
 * so URLs handed out before a restart stay valid until they expire.
 */
export class HmacUrlSigner implements UrlSigner {
  private readonly secret: Buffer;
  private readonly now: () => number;

  constructor(secret: Buffer, now: () => number = Date.now) {
    this.secret = secret;
    this.now = now;
  }

  /** Loads (or creates) the secret of a data dir. */
  static forDataDir(dataDir: string): HmacUrlSigner {
    const file = join(dataDir, 'signing-secret');
    if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
    return new HmacUrlSigner(Buffer.from(readFileSync(file, 'utf8').trim(), 'hex'));
  }

  private digest(path: string, params: Record<string, string>): string {
    const canonical = Object.keys(params)
      .filter((k) => k !== 'signature')
      .sort()
      .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(params[k]!)}`)
      .join('&');
    return createHmac('sha256', this.secret).update(`${path}?${canonical}`).digest('base64url');
  }

  sign(path: string, params: Record<string, string>, ttlSeconds: number): string {
    if (!path.startsWith('/')) throw new TypeError(`Signed URL paths must start with "/", got "${path}"`);
    const all = { ...params, expires: String(Math.floor(this.now() / 1000) + Math.max(1, Math.floor(ttlSeconds))) };
    const search = new URLSearchParams(all);
    search.set('signature', this.digest(path, all));
    return `${path}?${search.toString()}`;
  }

  verify(url: URL): { ok: true; params: Record<string, string> } | { ok: false; reason: 'missing' | 'bad-signature' | 'expired' } {
    const params: Record<string, string> = {};
    for (const [k, v] of url.searchParams) params[k] = v;
    const signature = params.signature;
    if (!signature || !params.expires) return { ok: false, reason: 'missing' };
    const expected = Buffer.from(this.digest(url.pathname, params));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad-signature' };
    if (Number(params.expires) * 1000 < this.now()) return { ok: false, reason: 'expired' };
    delete params.signature;
    return { ok: true, params };
  }
}
