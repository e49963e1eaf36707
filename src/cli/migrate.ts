import type { Command } from 'commander';
import { withStorage } from './context.js';

export function register(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations (also done at start)')
    .action(async () => {
      await withStorage(async (storage) => {
        // withStorage has already migrated; report the schema state.
        const rows = await storage.db
          .selectFrom('schema_migrations' as any)
          .select(['name' as any])
          .orderBy('name' as any)
          .execute();
        console.log(`Database (${storage.capabilities.engine}) is up to date: ${rows.length} migrations applied.`);
      });
    });
}
