import { z } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppDeps } from '../http/context.js';
import { DomainError } from '../shared/errors.js';
import { clientAddress, isHttps } from '../http/security-headers.js';
import { actorOf, newRouter, problemResponses, route } from '../http/context.js';
import { login, logout } from '../auth/auth-service.js';
import { LoginThrottle } from '../auth/login-throttle.js';
import { LOGIN_LIMITS } from '../contract/input-limits.js';
import { demoLogin, readerTeam as readerTeamSchema, user, type DemoLogin } from '../contract/sessions.js';
import { readerTeam } from './reader-team.js';
import { presentDemoLogin, presentReaderTeam, presentUser } from './session-presenters.js';

export const SESSION_COOKIE = 'ecoute_session';

/** Demo logins shown on the login page when the server runs in demo mode. */
export type { DemoLogin };

export function sessionRoutes(deps: AppDeps, demoLogins: readonly DemoLogin[]) {
  const router = newRouter();
  // Counters in the database: every process serving this database shares them.
  const throttle = new LoginThrottle(deps.storage.db);

  router.openapi(
    route('public', {
      method: 'post',
      path: '/auth/login',
      tags: ['auth'],
      summary: 'Log in with e-mail and password; sets the httpOnly session cookie',
      request: {
        body: {
          content: {
            'application/json': {
              schema: z.object({ email: z.string().min(3).max(LOGIN_LIMITS.email), password: z.string().min(1).max(LOGIN_LIMITS.password) }),
            },
          },
        },
      },
      responses: {
        200: { description: 'Logged in', content: { 'application/json': { schema: z.object({ user: user }) } } },
        ...problemResponses,
        429: {
          description: 'Too many failed logins for this account or from this address: problem+json; `Retry-After` gives the seconds to wait',
          headers: { 'Retry-After': { description: 'seconds before the next attempt', schema: { type: 'integer' } } },
        },
        413: { description: 'Body over 4 KiB' },
      },
    }),
    async (c) => {
      const { email, password } = c.req.valid('json');
      const { db } = deps.storage;
      const { token, expiresAt, actor } = await login(db, email, password, deps.config.sessionHours, { throttle, address: clientAddress(c, deps.config) });
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'Lax',
        path: '/',
        // Over TLS, or behind a TLS proxy that says so when ECOUTE_TRUST_PROXY=1.
        secure: isHttps(c, deps.config),
        expires: new Date(expiresAt),
      });
      return c.json({ user: presentUser(actor, deps.config) }, 200);
    },
  );

  router.openapi(
    route('public', {
      method: 'post',
      path: '/auth/logout',
      tags: ['auth'],
      summary: 'End the session',
      responses: { 204: { description: 'Logged out' } },
    }),
    async (c) => {
      const token = getCookie(c, SESSION_COOKIE);
      if (token) await logout(deps.storage.db, token);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    },
  );

  router.openapi(
    route('authenticated', {
      method: 'get',
      path: '/auth/me',
      tags: ['auth'],
      summary: 'Who is logged in, and what they may do',
      responses: {
        200: { description: 'The current user', content: { 'application/json': { schema: z.object({ user: user }) } } },
        401: problemResponses[401],
      },
    }),
    async (c) => {
      return c.json({ user: presentUser(actorOf(c), deps.config) }, 200);
    },
  );

  router.openapi(
    route('authenticated', {
      method: 'get',
      path: '/auth/team',
      tags: ['auth'],
      summary: "The reader's team and its active people: whom a team lead assigns cases to, the names a queue shows",
      responses: {
        200: { description: 'The team', content: { 'application/json': { schema: readerTeamSchema } } },
        401: problemResponses[401],
      },
    }),
    async (c) => c.json(presentReaderTeam(await readerTeam(deps.storage.db, actorOf(c))), 200),
  );

  router.openapi(
    route('public', {
      method: 'get',
      path: '/auth/demo-logins',
      tags: ['auth'],
      summary: 'Demo accounts, listed only when the server runs in demo mode',
      responses: {
        200: {
          description: 'Demo logins',
          content: {
            'application/json': {
              schema: z.object({ demo: z.boolean(), logins: z.array(demoLogin) }),
            },
          },
        },
      },
    }),
    (c) => c.json({ demo: deps.config.demoMode, logins: deps.config.demoMode ? demoLogins.map(presentDemoLogin) : [] }, 200),
  );

  return router;
}
