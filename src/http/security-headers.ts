import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { Config } from '../config.js';

/**
 * Whether the client reached Ecoute over TLS: Ecoute serving TLS itself, or a TLS-terminating reverse
 * proxy that says so in `X-Forwarded-Proto` — believed only when ECOUTE_TRUST_PROXY=1, since any
 * client can send the header.
 */
export function isHttps(c: Context, config: Pick<Config, 'trustProxy'>): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  if (!config.trustProxy) return false;
  // A chain of proxies lists the protocols in order: the first is the client's.
  return c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase() === 'https';
}

/**
 * The client's address: the connection's; behind the reverse proxy Ecoute trusts (ECOUTE_TRUST_PROXY=1),
 * the address that proxy saw, the last of `X-Forwarded-For` (the entries before it were written by
 * the client or by proxies Ecoute does not know, and can say anything). 'unknown' for a request built
 * in memory.
 */
export function clientAddress(c: Context, config: Pick<Config, 'trustProxy'>): string {
  if (config.trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * The one inline style the console allows: the <style> the waveform library (wavesurfer.js 7, of the
 * recording player, web/src/components/recording-player.tsx, height 72) writes into its shadow root.
 * Allowed by its hash, so no other inline style is; a new version of the library that changes it is
 * caught by test/e2e/recordings.test.ts (a CSP violation), which prints the new hash.
 */
const WAVEFORM_STYLE = "'sha256-XGW/cX2BkTPWNNT3NdyASrPEWZfPnKdPJaJ2aN7R+v8='";

/** Two years, as browsers' preload lists ask. */
const HSTS = 'max-age=63072000; includeSubDomains';

/**
 * The security headers of every answer (hono/secure-headers): a Content-Security-Policy that lets the
 * console load only its own scripts, styles, images and API (no inline script, no other origin), and
 * never be framed; nosniff; no Referer sent anywhere; and, over TLS only, Strict-Transport-Security.
 * API answers are never stored by a cache: they carry customers' personal data.
 */
export function securityHeaders(config: Pick<Config, 'trustProxy'>): MiddlewareHandler {
  const headers = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", WAVEFORM_STYLE],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    xContentTypeOptions: true,
    referrerPolicy: 'no-referrer',
    strictTransportSecurity: false,
  });
  return async (c, next) => {
    await headers(c, next);
    if (isHttps(c, config)) c.header('Strict-Transport-Security', HSTS);
    if (c.req.path.startsWith('/api/') && !c.res.headers.has('cache-control')) c.header('Cache-Control', 'no-store');
  };
}
