import { loadConfig, type Config } from '../config.js';
import { openStorage, type Storage } from '../storage/database.js';
import { rebuildCounts } from '../nps/survey-facts.js';
import { migrateToLatest } from '../storage/migrator.js';

/**
 * Brings the schema up to date. A database that had contacts and surveys before the aggregates
 * existed gets them computed once, right after the migration that creates them.
 */
export async function migrate(storage: Storage): Promise<void> {
  const results = await migrateToLatest(storage);
  const created = ['2026-11-27-nps-counts', '2026-11-28-contact-counts'];
  if (results?.some((r) => created.includes(r.migrationName) && r.status === 'Success')) {
    const { surveys, contacts } = await rebuildCounts(storage);
    if (surveys + contacts > 0) console.log(`Aggregates computed from ${contacts.toLocaleString('en')} contacts and ${surveys.toLocaleString('en')} surveys.`);
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
