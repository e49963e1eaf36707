import { createRoute, OpenAPIHono, z, type RouteConfig } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import type { Actor, Action } from '../auth/policies.js';
import type { CustomerActor } from '../auth/customer-sessions.js';
import type { RouteAccess } from '../auth/route-policies.js';
import { can } from '../auth/policies.js';
import type { BlobStore } from '../blobs/blob-store.js';
import type { Config } from '../config.js';
import type { LiveHub } from './live-hub.js';
import type { MailCatcher } from '../mail/mail-catcher.js';
import { DomainError } from '../shared/errors.js';
import type { SmsGateway } from '../sms/gateway.js';
import type { HttpGateway } from '../sms/http/http-gateway.js';
import type { SmscSimulator } from '../sms/simulator/smsc-simulator.js';
import type { Storage } from '../storage/database.js';
import { problemSchema, validationProblem } from './problem.js';

/** What every route can reach. */
export interface AppDeps {
  storage: Storage;
  config: Config;
  live: LiveHub;
  /** the in-process SMSC simulator (no real SMSC configured): the phone simulator page plays customers through it */
  simulator?: SmscSimulator | undefined;
  /** the HTTP SMS provider's gateway, when that is the transport */
  httpGateway?: HttpGateway | undefined;
  /** the SMS transport of this process's worker, for its status */
  smsGateway?: SmsGateway | undefined;
  /** the local mail catcher the e-mails go to in demo mode (no SMTP server configured) */
  mailCatcher?: MailCatcher | undefined;
  /** where files are kept (complaint attachments); default the store of the settings (`config.blobs`) */
  blobs?: BlobStore | undefined;
  /** what the routes start that must end with the server (report threads); run by the server's close() */
  closers?: Closers | undefined;
}

/** Work the routes start that ends when the server closes: the routes add, the server runs them once. */
export class Closers {
  private readonly pending: (() => Promise<void>)[] = [];

  add(close: () => Promise<void>): void {
    this.pending.push(close);
  }

  async run(): Promise<void> {
    await Promise.all(this.pending.splice(0).map((close) => close()));
  }
}

export interface AppEnv {
  /** `actor`: a member of staff or a system; `customer`: a customer signed in to the customer app (never both kinds in one) */
  Variables: { actor: Actor | undefined; customer: CustomerActor | undefined };
}

/** A router whose request validation failures become problem+json naming each field. */
export function newRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) return validationProblem(c, result.error, result.target);
      return undefined;
    },
  });
}

/** The authorization gate every route passes: authenticated, and allowed to do this action. */
export function authorize(c: Context<AppEnv>, action: Action): Actor {
  const actor = actorOf(c);
  if (!can(actor, action)) {
    throw new DomainError(403, 'forbidden', `Your role (${actor.role}) does not allow ${action}`);
  }
  return actor;
}

/**
 * Who may call a route, declared with the route: an action of `src/auth/policies.ts` (authenticated
 * and allowed it), `authenticated` (anyone logged in or holding a token), `public` (anyone: login,
 * logout, the demo logins), `signature` (the caller proves itself with a signature over the body,
 * checked by the route before it parses anything: the telephony webhook) or `customer` (a customer
 * signed in to the customer app; no member of staff nor token).
 */
export type Access = RouteAccess;

/** The gate of an access: authenticated (401), then allowed (403). */
function gate(access: Access): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (access === 'authenticated') actorOf(c);
    else if (access === 'customer') customerOf(c);
    else if (access !== 'public' && access !== 'signature') authorize(c, access);
    await next();
  };
}

/**
 * A route with who may call it. The gate is the route's first middleware, so it runs before the
 * validation of its parameters and body: a caller who may not use a route gets 401 or 403 and learns
 * nothing of its input (401, then 403, then 400, on every route). The access is written in the
 * OpenAPI description as `x-access`; a test walks every operation of the description for it.
 */
export function route<R extends RouteConfig>(access: Access, config: R) {
  const own = config.middleware === undefined ? [] : Array.isArray(config.middleware) ? config.middleware : [config.middleware];
  const declared = { ...config, 'x-access': access, middleware: [gate(access), ...own] as MiddlewareHandler<AppEnv>[] };
  // The route's types stay those it declared; only whether its body is required may change.
  if (config.request) (declared as { request?: RouteConfig['request'] }).request = bodyRequired(config.request);
  return createRoute(declared);
}

/**
 * A JSON body that an empty object does not satisfy (it has a required field) is required: a request
 * without one (or not sent as JSON) is a 400 naming what is missing, never a handler reading nothing.
 * Left as declared when the route says `required` itself.
 */
function bodyRequired(request: NonNullable<RouteConfig['request']>): RouteConfig['request'] {
  const body = request.body;
  if (!body || body.required !== undefined) return request;
  const media = body.content['application/json'];
  const schema = media && 'schema' in media ? media.schema : undefined;
  const needsFields = schema instanceof z.ZodType && !schema.safeParse({}).success;
  return needsFields ? { ...request, body: { ...body, required: true } } : request;
}

/** The caller of a route whose gate let it through (401 when nobody is authenticated). */
export function actorOf(c: Context<AppEnv>): Actor {
  const actor = c.get('actor');
  if (!actor) throw new DomainError(401, 'not-authenticated', 'Log in first (or send an API token as Authorization: Bearer …)');
  return actor;
}

/** The customer of a route declared `customer` (401 when no customer is signed in). */
export function customerOf(c: Context<AppEnv>): CustomerActor {
  const customer = c.get('customer');
  if (!customer) throw new DomainError(401, 'not-signed-in', 'Sign in to your customer account first');
  return customer;
}

/** The `before` query parameter of a list paged newest first: a `next` cursor or a time (src/shared/cursor.ts). */
export const beforeParam = z.string().max(200).optional();
/** The `next` of such a page. */
export const nextCursor = z.string().nullable().openapi({ description: 'the position of the last row (`<ms>:<key>`): give it as `before` for the next page; null on the last page' });

/** A JSON response of a route, for its OpenAPI description. */
export const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });

/** Standard error responses, declared on every route of the OpenAPI description. */
const problemContent = { 'application/problem+json': { schema: problemSchema } };
export const problemResponses = {
  400: { description: 'Invalid input: problem+json naming every refused field, with its code and params', content: problemContent },
  401: { description: 'Not authenticated', content: problemContent },
  403: { description: 'Role not allowed', content: problemContent },
} as const;
