import type { Command } from 'commander';
import { createApiToken } from '../auth/auth-service.js';
import { ROLES } from '../shared/roles.js';
import type { Role } from '../storage/schema.js';
import { println, UsageError, withStorage, type CliIo } from './context.js';

/** Adds the command to `program`; it writes to `io`. */
export function register(program: Command, io: CliIo): void {
  const token = program.command('token').description('API tokens for other systems');
  token
    .command('create')
    .description('create an API token; its value is printed once')
    .requiredOption('--role <role>', `role of the token (${ROLES.join(', ')})`)
    .option('--name <name>', 'what system holds it', 'integration')
    .action(async (options: { role: string; name: string }) => {
      if (!ROLES.includes(options.role as Role)) {
        throw new UsageError(`--role must be one of ${ROLES.join(', ')} (got "${options.role}")`);
      }
      await withStorage(io, async (storage) => {
        const created = await createApiToken(storage.db, options.name, options.role as Role);
        println(io.stdout, created.token);
        println(io.stderr, `Token ${created.id} (${options.role}) created. Send it as "Authorization: Bearer <token>"; it is not shown again.`);
      });
    });
}
