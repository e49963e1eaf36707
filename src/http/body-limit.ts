import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { problem } from './problem.js';

/** The request body caps of the whole API: one by default, and the routes that differ from it, by path. */
export interface BodyLimits {
  /** bytes, for every route not listed */
  default: number;
  /** bytes, by exact request path */
  byPath: Readonly<Record<string, number>>;
}

const size = (bytes: number) => (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : bytes >= 1024 ? `${Math.floor(bytes / 1024)} KiB` : `${bytes} bytes`);

/**
 * Refuses a request body over its route's cap with 413 problem+json, while it streams in: a declared
 * `Content-Length` over the cap is refused before a byte is read, and a body sent without one (chunked)
 * is counted as it arrives and refused as soon as it passes the cap, so no more than the cap is ever
 * held in memory (hono/body-limit).
 */
export function limitBodies(limits: BodyLimits): MiddlewareHandler {
  const byCap = new Map<number, MiddlewareHandler>();
  const limiter = (cap: number) => {
    let handler = byCap.get(cap);
    if (!handler) {
      handler = bodyLimit({
        maxSize: cap,
        onError: (c) => {
          c.header('connection', 'close');
          return problem(c, 413, 'too-large', `The request body is over ${size(cap)}, the most this route accepts. Nothing was stored.`);
        },
      });
      byCap.set(cap, handler);
    }
    return handler;
  };
  return (c, next) => limiter(limits.byPath[c.req.path] ?? limits.default)(c, next);
}
