import { loadConfig, type Config } from '../config.js';
import { openStorage, type Storage } from '../storage/database.js';
import { rebuildCounts } from '../nps/survey-facts.js';
import { migrateToLatest } from '../storage/migrator.js';

/**
 * Brings the schema up to date. A database that had surveys before the NPS aggregates existed gets
 * them computed once, right after the migration that creates them.
 */
export async function migrate(storage: Storage): Promise<void> {
  const results = await migrateToLatest(storage);
  if (results?.some((r) => r.migrationName === '2026-11-27-nps-counts' && r.status === 'Success')) {
    const { surveys } = await rebuildCounts(storage);
    if (surveys > 0) console.log(`NPS aggregates computed from ${surveys.toLocaleString('en')} surveys.`);
  }
}

/** Opens the configured database, brings its schema up to date, runs `work`, and closes it. */
export async function withStorage<T>(work: (storage: Storage, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const storage = openStorage(config);
  try {
    await migrate(storage);
    return await work(storage, config);
  } finally {
    await storage.close();
  }
}

/** Error for a bad command-line value: printed without a stack trace, exit code 2. */
export class UsageError extends Error {}
