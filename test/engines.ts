import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openPostgres, openSqlite, type Storage } from '../src/storage/database.js';
import { migrateToLatest } from '../src/storage/migrator.js';

/** PostgreSQL server the storage tests create their throw-away databases on. */
export const TEST_POSTGRES_URL = process.env.ECOUTE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestEngine {
  name: 'sqlite' | 'postgres';
  /** Why this engine is skipped here, or undefined when it runs. */
  skip: string | undefined;
  /** A fresh, migrated, empty database; dropped by close(). */
  open(): Promise<Storage>;
}

const locations = new WeakMap<Storage, Record<string, string>>();

/**
 * The environment that points an Ecoute child process (`ecoute worker`, `ecoute serve`) at a test
 * database opened by an engine here: `ECOUTE_SQLITE_PATH` or `DATABASE_URL`.
 */
export function databaseEnv(storage: Storage): Record<string, string> {
  const env = locations.get(storage);
  if (!env) throw new Error('not a database opened by testEngines()');
  return env;
}

let postgresReachable: Promise<string | undefined> | undefined;

function checkPostgres(): Promise<string | undefined> {
  postgresReachable ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.end();
      return undefined;
    } catch (error) {
      const reason = `PostgreSQL not reachable at ${TEST_POSTGRES_URL} (${(error as Error).message}); set ECOUTE_TEST_POSTGRES_URL`;
      // CI must prove both engines: an unreachable server there is a failure, not a skip.
      if (process.env.CI) throw new Error(reason);
      return reason;
    }
  })();
  return postgresReachable;
}

async function openFreshPostgres(): Promise<Storage> {
  const name = `ecoute_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  const storage = openPostgres(url.toString());
  await migrateToLatest(storage);
  const close = storage.close;
  const fresh: Storage = {
    ...storage,
    close: async () => {
      await close();
      const dropper = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
  locations.set(fresh, { DATABASE_URL: url.toString() });
  return fresh;
}

async function openFreshSqlite(): Promise<Storage> {
  const dir = mkdtempSync(join(tmpdir(), 'ecoute-test-'));
  const storage = openSqlite(join(dir, 'test.sqlite'));
  await migrateToLatest(storage);
  locations.set(storage, { ECOUTE_SQLITE_PATH: join(dir, 'test.sqlite') });
  return storage;
}

/** Both engines; every storage test runs once per engine. */
export async function testEngines(): Promise<TestEngine[]> {
  return [
    { name: 'sqlite', skip: undefined, open: openFreshSqlite },
    { name: 'postgres', skip: await checkPostgres(), open: openFreshPostgres },
  ];
}
