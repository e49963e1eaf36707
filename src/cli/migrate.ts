import type { Command } from 'commander';
import { println, withStorage, type CliIo } from './context.js';

/** Adds the command to `program`; it writes to `io`. */
export function register(program: Command, io: CliIo): void {
  program
    .command('migrate')
    .description('apply pending database migrations (also done at start)')
    .action(async () => {
      await withStorage(io, async (storage) => {
        // withStorage has already migrated; report the schema state.
        const rows = await storage.db
          .selectFrom('schema_migrations' as any)
          .select(['name' as any])
          .orderBy('name' as any)
          .execute();
        println(io.stdout, `Database (${storage.capabilities.engine}) is up to date: ${rows.length} migrations applied.`);
      });
    });
}
