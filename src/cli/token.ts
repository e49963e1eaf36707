import type { Command } from 'commander';
import { createApiToken, listApiTokens, revokeApiToken, type ApiTokenInfo } from '../auth/api-tokens.js';
import { scopesForRole } from '../auth/policies.js';
import { ROLES, TOKEN_SCOPES } from '../shared/roles.js';
import type { Role } from '../storage/schema.js';
import { commandLineActor, println, UsageError, withStorage, type CliIo } from './context.js';

/** `--expires`: a number of days (`90d`) or hours (`12h`) from now, or a date or time (ISO 8601). */
export function parseExpiry(value: string, now = Date.now()): number {
  const relative = /^(\d{1,5})([dh])$/.exec(value.trim());
  if (relative) return now + Number(relative[1]) * (relative[2] === 'd' ? 86_400_000 : 3_600_000);
  const at = /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(at)) throw new UsageError(`--expires takes a duration such as 90d or 12h, or a date such as 2027-06-30 (got "${value}")`);
  return at;
}

const iso = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString().slice(0, 16).replace('T', ' '));

function state(token: ApiTokenInfo, now: number): string {
  if (token.revokedAt !== null) return 'revoked';
  if (token.expiresAt !== null && token.expiresAt <= now) return 'expired';
  return 'live';
}

/** Adds the command to `program`; it writes to `io`. */
export function register(program: Command, io: CliIo): void {
  const token = program.command('token').description('API tokens for other systems: scoped, listed, revoked');
  token
    .command('create')
    .description('create an API token; its value is printed once')
    .option('--role <role>', `role of the token (${ROLES.join(', ')})`, 'integration')
    .requiredOption(
      '--scope <scopes...>',
      `what the token may be used for, one or more of ${TOKEN_SCOPES.join(', ')} (space- or comma-separated; docs/security.md)`,
    )
    .option('--name <name>', 'what system holds it', 'integration')
    .option('--expires <when>', 'when it stops working: 90d, 12h, or a date (default: never)')
    .action(async (options: { role: string; scope: string[]; name: string; expires?: string }) => {
      if (!ROLES.includes(options.role as Role)) {
        throw new UsageError(`--role must be one of ${ROLES.join(', ')} (got "${options.role}")`);
      }
      const scopes = options.scope.flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
      const fitting = scopesForRole(options.role as Role);
      const unfit = scopes.filter((s) => !(fitting as string[]).includes(s));
      if (unfit.length > 0) {
        throw new UsageError(`--scope ${unfit.join(', ')} gives a ${options.role} token nothing; it may have ${fitting.join(', ') || 'no scope'}`);
      }
      const expiresAt = options.expires === undefined ? null : parseExpiry(options.expires);
      await withStorage(io, async (storage) => {
        const created = await createApiToken(storage.db, options.name, options.role as Role, scopes, { expiresAt, by: commandLineActor(), via: 'cli' });
        println(io.stdout, created.token);
        println(
          io.stderr,
          `Token ${created.id} (${options.role}; ${scopes.join(', ')}${expiresAt === null ? '' : `; until ${iso(expiresAt)} UTC`}) created. ` +
            'Send it as "Authorization: Bearer <token>"; it is not shown again.',
        );
      });
    });

  token
    .command('list')
    .description('every token: role, scopes, created, expires, last used (to the minute), live / expired / revoked')
    .option('--format <format>', 'table or json', 'table')
    .action(async (options: { format: string }) => {
      if (options.format !== 'table' && options.format !== 'json') throw new UsageError(`--format must be table or json (got "${options.format}")`);
      const tokens = await withStorage(io, (storage) => listApiTokens(storage.db));
      if (options.format === 'json') return println(io.stdout, JSON.stringify(tokens, null, 2));
      const now = Date.now();
      const rows = [
        ['id', 'name', 'role', 'scopes', 'state', 'created', 'expires', 'last used'],
        ...tokens.map((t) => [t.id, t.name, t.role, t.scopes.join(','), state(t, now), iso(t.createdAt), iso(t.expiresAt), iso(t.lastUsedAt)]),
      ];
      const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
      for (const row of rows) println(io.stdout, row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
    });

  token
    .command('revoke')
    .argument('<id>', 'the id of the token (ecoute token list)')
    .description('revoke a token: its next request is refused (401)')
    .action(async (id: string) => {
      const revoked = await withStorage(io, (storage) => revokeApiToken(storage.db, id, { by: commandLineActor(), via: 'cli' }));
      println(io.stdout, `revoked: ${revoked.id} (${revoked.name}, ${revoked.role}) at ${iso(revoked.revokedAt)} UTC`);
    });
}
