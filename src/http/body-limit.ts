import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { DomainError } from '../shared/errors.js';
import { problem } from './problem.js';

/** The request body caps of the whole API: one by default, and the routes that differ from it, by path. */
export interface BodyLimits {
  /** bytes, for every route not listed */
  default: number;
  /** bytes, by exact request path */
  byPath: Readonly<Record<string, number>>;
  /** bytes, for the paths a pattern matches (a route with a parameter), with the problem answered past them */
  byPattern?: readonly PatternLimit[];
}

/** The cap of the paths that match a pattern. */
export interface PatternLimit {
  pattern: RegExp;
  bytes: number;
  /** the problem answered for a body over the cap (default: 413 `too-large`), so that it reads as the route's own */
  tooLarge?: DomainError;
}

const size = (bytes: number) => (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : bytes >= 1024 ? `${Math.floor(bytes / 1024)} KiB` : `${bytes} bytes`);

/**
 * Refuses a request body over its route's cap with 413 problem+json, while it streams in: a declared
 * `Content-Length` over the cap is refused before a byte is read, and a body sent without one (chunked)
 * is counted as it arrives and refused as soon as it passes the cap, so no more than the cap is ever
 * held in memory (hono/body-limit).
 */
export function limitBodies(limits: BodyLimits): MiddlewareHandler {
  const byCap = new Map<string, MiddlewareHandler>();
  const limiter = (cap: number, tooLarge: DomainError | undefined) => {
    const id = `${cap}:${tooLarge?.code ?? ''}`;
    let handler = byCap.get(id);
    if (!handler) {
      handler = bodyLimit({
        maxSize: cap,
        onError: (c) => {
          c.header('connection', 'close');
          if (tooLarge) return problem(c, 413, tooLarge.code, tooLarge.message, tooLarge.fields, tooLarge.params);
          return problem(c, 413, 'too-large', `The request body is over ${size(cap)}, the most this route accepts. Nothing was stored.`);
        },
      });
      byCap.set(id, handler);
    }
    return handler;
  };
  return (c, next) => {
    const path = c.req.path;
    const exact = limits.byPath[path];
    const matched = exact === undefined ? limits.byPattern?.find((p) => p.pattern.test(path)) : undefined;
    return limiter(exact ?? matched?.bytes ?? limits.default, matched?.tooLarge)(c, next);
  };
}
