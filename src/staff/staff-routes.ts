import { z } from '@hono/zod-openapi';
import { PERSON_ROLES, SITE_KINDS, staffSite, staffTeam, staffUser, staffUserPage, staffUserWithPassword } from '../contract/staff.js';
import { role } from '../contract/common.js';
import type { AppDeps } from '../http/context.js';
import { actorOf, json, newRouter, problemResponses, route } from '../http/context.js';
import { createSite, createTeam, listSites, listTeams, updateSite, updateTeam } from './staff-orgs.js';
import { presentSite, presentStaffUser, presentTeam } from './staff-presenters.js';
import {
  createStaffUser, endStaffSessions, getStaffUser, listStaffUsers, resetStaffPassword, setStaffUserActive, updateStaffUser,
} from './staff-users.js';

const id = z.object({ id: z.string().max(64) });
const ref = z.string().max(64).nullable().optional();
const notFound = { 404: { description: 'No such account, team or site' } };
const refused = { 409: { description: 'Refused: an e-mail or a name already in use, the last active admin, an admin deactivating themselves' } };
// Fields are checked by the service, all at once (each refused field named in the problem), so the schemas only bound them.
const roleField = z.string().max(40).openapi({ description: `one of ${PERSON_ROLES.join(', ')}` });

/** The administration of people's accounts, teams and sites (admins: `user.manage`, `org.manage`). */
export function staffRoutes(deps: AppDeps) {
  const router = newRouter();
  const { db } = deps.storage;

  router.openapi(
    route('user.manage', {
      method: 'get', path: '/users', tags: ['administration'], summary: "People's accounts by name, a page at a time, with how many match the filters",
      request: {
        query: z.object({
          role: role.optional(),
          team: z.string().max(64).optional().openapi({ description: "a team's id" }),
          site: z.string().max(64).optional().openapi({ description: "a site's id" }),
          active: z.enum(['true', 'false']).optional(),
          text: z.string().max(100).optional().openapi({ description: 'part of the name or the e-mail' }),
          page: z.coerce.number().int().min(1).max(100_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(25),
        }),
      },
      responses: { 200: json(staffUserPage, 'Accounts'), ...problemResponses },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const filters = { role: q.role, teamId: q.team, siteId: q.site, active: q.active === undefined ? undefined : q.active === 'true', text: q.text, page: q.page, pageSize: q.pageSize };
      const { items, total } = await listStaffUsers(db, filters);
      return c.json({ items: items.map(presentStaffUser), total, page: q.page, pageSize: q.pageSize }, 200);
    },
  );

  router.openapi(
    route('user.manage', {
      method: 'post', path: '/users', tags: ['administration'],
      summary: 'Create an account; without a password the server chooses a temporary one, in this answer only',
      request: {
        body: {
          content: {
            'application/json': {
              schema: z
                .object({
                  email: z.string().max(300), displayName: z.string().max(300), role: roleField, teamId: ref, siteId: ref,
                  language: z.string().max(10).optional(), password: z.string().max(300).optional(),
                })
                .strict(),
            },
          },
        },
      },
      responses: { 201: json(staffUserWithPassword, 'Created'), ...problemResponses, ...refused },
    }),
    async (c) => {
      const created = await createStaffUser(db, actorOf(c), c.req.valid('json'));
      return c.json({ user: presentStaffUser(created.user), password: created.password }, 201);
    },
  );

  router.openapi(
    route('user.manage', {
      method: 'get', path: '/users/{id}', tags: ['administration'], summary: 'One account',
      request: { params: id },
      responses: { 200: json(staffUser, 'The account'), ...problemResponses, ...notFound },
    }),
    async (c) => c.json(presentStaffUser(await getStaffUser(db, c.req.valid('param').id)), 200),
  );

  router.openapi(
    route('user.manage', {
      method: 'patch', path: '/users/{id}', tags: ['administration'], summary: "Change an account's name, role, team or site (null: none)",
      request: {
        params: id,
        body: { content: { 'application/json': { schema: z.object({ displayName: z.string().max(300).optional(), role: roleField.optional(), teamId: ref, siteId: ref }).strict() } } },
      },
      responses: { 200: json(staffUser, 'Changed'), ...problemResponses, ...notFound, ...refused },
    }),
    async (c) => c.json(presentStaffUser(await updateStaffUser(db, actorOf(c), c.req.valid('param').id, c.req.valid('json'))), 200),
  );

  for (const [path, active, summary] of [
    ['/users/{id}/deactivate', false, 'Deactivate an account: it can no longer log in and its sessions end now'],
    ['/users/{id}/reactivate', true, 'Reactivate an account'],
  ] as const) {
    router.openapi(
      route('user.manage', {
        method: 'post', path, tags: ['administration'], summary, request: { params: id },
        responses: { 200: json(staffUser, 'Done'), ...problemResponses, ...notFound, ...refused },
      }),
      async (c) => c.json(presentStaffUser(await setStaffUserActive(db, actorOf(c), c.req.valid('param').id, active)), 200),
    );
  }

  router.openapi(
    route('user.manage', {
      method: 'post', path: '/users/{id}/password-reset', tags: ['administration'],
      summary: 'Give an account a new temporary password, in this answer only; its sessions end',
      request: { params: id },
      responses: { 200: json(z.object({ user: staffUser, password: z.string() }), 'Reset'), ...problemResponses, ...notFound },
    }),
    async (c) => {
      const reset = await resetStaffPassword(db, actorOf(c), c.req.valid('param').id);
      return c.json({ user: presentStaffUser(reset.user), password: reset.password }, 200);
    },
  );

  router.openapi(
    route('user.manage', {
      method: 'delete', path: '/users/{id}/sessions', tags: ['administration'], summary: "End every session of an account: it logs in again on every browser",
      request: { params: id },
      responses: { 200: json(z.object({ user: staffUser, ended: z.number().int() }), 'Ended'), ...problemResponses, ...notFound },
    }),
    async (c) => {
      const done = await endStaffSessions(db, actorOf(c), c.req.valid('param').id);
      return c.json({ user: presentStaffUser(done.user), ended: done.ended }, 200);
    },
  );

  router.openapi(
    route('org.manage', {
      method: 'get', path: '/teams', tags: ['administration'], summary: 'Every team, with its site and its active members',
      responses: { 200: json(z.object({ items: z.array(staffTeam) }), 'Teams'), ...problemResponses },
    }),
    async (c) => c.json({ items: (await listTeams(db)).map(presentTeam) }, 200),
  );

  router.openapi(
    route('org.manage', {
      method: 'post', path: '/teams', tags: ['administration'], summary: 'Create a team, on a site or none',
      request: { body: { content: { 'application/json': { schema: z.object({ name: z.string().max(300), siteId: ref }).strict() } } } },
      responses: { 201: json(staffTeam, 'Created'), ...problemResponses, ...refused },
    }),
    async (c) => c.json(presentTeam(await createTeam(db, actorOf(c), c.req.valid('json'))), 201),
  );

  router.openapi(
    route('org.manage', {
      method: 'patch', path: '/teams/{id}', tags: ['administration'], summary: 'Rename a team, or attach it to a site (null: none)',
      request: { params: id, body: { content: { 'application/json': { schema: z.object({ name: z.string().max(300).optional(), siteId: ref }).strict() } } } },
      responses: { 200: json(staffTeam, 'Changed'), ...problemResponses, ...notFound, ...refused },
    }),
    async (c) => c.json(presentTeam(await updateTeam(db, actorOf(c), c.req.valid('param').id, c.req.valid('json'))), 200),
  );

  router.openapi(
    route('org.manage', {
      method: 'get', path: '/sites', tags: ['administration'], summary: 'Every site (call centres and shops), with how many teams it has',
      responses: { 200: json(z.object({ items: z.array(staffSite) }), 'Sites'), ...problemResponses },
    }),
    async (c) => c.json({ items: (await listSites(db)).map(presentSite) }, 200),
  );

  const kindField = z.string().max(40).openapi({ description: `one of ${SITE_KINDS.join(', ')}` });
  router.openapi(
    route('org.manage', {
      method: 'post', path: '/sites', tags: ['administration'], summary: 'Create a site: a call centre or a shop, in a city; its code is chosen from its kind and name',
      request: { body: { content: { 'application/json': { schema: z.object({ name: z.string().max(300), kind: kindField, city: z.string().max(300) }).strict() } } } },
      responses: { 201: json(staffSite, 'Created'), ...problemResponses, ...refused },
    }),
    async (c) => c.json(presentSite(await createSite(db, actorOf(c), c.req.valid('json'))), 201),
  );

  router.openapi(
    route('org.manage', {
      method: 'patch', path: '/sites/{id}', tags: ['administration'], summary: 'Rename a site, or change its kind or city',
      request: {
        params: id,
        body: { content: { 'application/json': { schema: z.object({ name: z.string().max(300).optional(), kind: kindField.optional(), city: z.string().max(300).optional() }).strict() } } },
      },
      responses: { 200: json(staffSite, 'Changed'), ...problemResponses, ...notFound, ...refused },
    }),
    async (c) => c.json(presentSite(await updateSite(db, actorOf(c), c.req.valid('param').id, c.req.valid('json'))), 200),
  );

  return router;
}
