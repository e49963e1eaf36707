import { loadConfig, type Config } from '../config.js';
import { openStorage, type Storage } from '../storage/database.js';
import { migrateToLatest } from '../storage/migrator.js';

/** Opens the configured database, brings its schema up to date, runs `work`, and closes it. */
export async function withStorage<T>(work: (storage: Storage, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const storage = openStorage(config);
  try {
    await migrateToLatest(storage);
    return await work(storage, config);
  } finally {
    await storage.close();
  }
}

/** Error for a bad command-line value: printed without a stack trace, exit code 2. */
export class UsageError extends Error {}
