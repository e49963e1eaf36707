import { userInfo } from 'node:os';
import type { CommandLineActor } from '../auth/audit.js';
import { loadConfig, type Config } from '../config.js';
import { openStorage, type Storage } from '../storage/database.js';
import { rebuildCounts } from '../nps/survey-facts.js';
import { migrateToLatest } from '../storage/migrator.js';

/** Where a command writes and the settings it runs with: the process's own, or a caller's (tests run commands in their process). */
export interface CliIo {
  stdout: NodeJS.WritableStream;
  /** progress bars are drawn only when it is a terminal */
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** settings that take precedence over the environment's (loadConfig) */
  config?: Partial<Config>;
}

/** Writes `text` and a line end to `stream`. */
export function println(stream: NodeJS.WritableStream, text: string): void {
  stream.write(`${text}\n`);
}

/**
 * Brings the schema up to date. A database that had contacts and surveys before the aggregates
 * existed gets them computed once, right after the migration that creates them.
 */
export async function migrate(storage: Storage, io: CliIo): Promise<void> {
  const results = await migrateToLatest(storage);
  const created = ['2026-11-27-nps-counts', '2026-11-28-contact-counts'];
  if (results?.some((r) => created.includes(r.migrationName) && r.status === 'Success')) {
    const { surveys, contacts } = await rebuildCounts(storage);
    if (surveys + contacts > 0) println(io.stdout, `Aggregates computed from ${contacts.toLocaleString('en')} contacts and ${surveys.toLocaleString('en')} surveys.`);
  }
}

/** Opens the configured database, brings its schema up to date, runs `work`, and closes it. */
export async function withStorage<T>(io: CliIo, work: (storage: Storage, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig(io.config);
  const storage = openStorage(config);
  try {
    await migrate(storage, io);
    return await work(storage, config);
  } finally {
    await storage.close();
  }
}

/** Error for a bad command-line value: printed without a stack trace, exit code 2. */
/** Who runs the command, for the audit trail and the erasure record: the operating-system account. */
export function commandLineActor(): CommandLineActor {
  try {
    return { cli: userInfo().username || 'unknown' };
  } catch {
    return { cli: 'unknown' }; // no account name (some containers)
  }
}

export class UsageError extends Error {}

/** A command that has already printed why it failed: it ends with `exitCode` and nothing more is printed. */
export class CommandFailed extends Error {
  constructor(readonly exitCode: number) {
    super(`exit code ${exitCode}`);
  }
}
