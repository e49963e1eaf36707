// One demo site for a browser suite: a fresh SQLite database in a temporary folder, migrated and filled
// by the suite, Ecoute's real server on it with the demo logins, and Debian's Chromium. Each suite keeps
// what is its own (the data it loads, a setting, an SMS simulator) and shares the rest.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { DEMO_TELEPHONY_SECRET, loadConfig } from '../../src/config.js';
import { DEMO_LOGINS } from '../../src/demo/index.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { openSqlite, type Storage } from '../../src/storage/database.js';
import { migrateToLatest } from '../../src/storage/migrator.js';
import { CHROMIUM, CHROMIUM_ARGS, ensureConsoleBuilt } from './browser.js';

export interface DemoSite {
  /** the temporary folder of the database (and of any file the suite keeps there) */
  dir: string;
  storage: Storage;
  server: RunningServer;
  browser: Browser;
  /** closes the browser, the server and the database, and removes the folder */
  close(): Promise<void>;
}

type ConfigOverrides = Parameters<typeof loadConfig>[0];
type Config = ReturnType<typeof loadConfig>;
type ServerOptions = Omit<Parameters<typeof startServer>[0], 'storage' | 'config' | 'port' | 'demoLogins'>;
/** What runs beside the server (an SMS runtime, a blob store): what the server is given, and how it stops after the server. */
interface Beside {
  server?: ServerOptions;
  stop?: () => Promise<unknown>;
}

/**
 * Starts a demo site named `name` (the folder's prefix): `load` fills the database (demo data, the
 * suite's own records) before the server starts; `config` adds to the demo settings (demo mode, the
 * demo telephony secret); `beside` starts what the suite runs beside the server (SMS runtime, live hub,
 * blob store) and says what the server is given of it and how it stops.
 */
export async function startDemoSite(
  name: string,
  options: {
    load?: (storage: Storage, dir: string) => Promise<unknown>;
    config?: (dir: string) => ConfigOverrides;
    beside?: (storage: Storage, config: Config, dir: string) => Promise<Beside> | Beside;
    chromiumArgs?: readonly string[];
  } = {},
): Promise<DemoSite> {
  ensureConsoleBuilt();
  const dir = mkdtempSync(join(tmpdir(), `ecoute-e2e-${name}-`));
  const sqlitePath = join(dir, 'e2e.sqlite');
  const storage = openSqlite(sqlitePath);
  let server: RunningServer | undefined;
  let beside: Beside = {};
  try {
    await migrateToLatest(storage);
    await options.load?.(storage, dir);
    const config = loadConfig({ demoMode: true, sqlitePath, databaseUrl: undefined, telephonySecret: DEMO_TELEPHONY_SECRET, ...options.config?.(dir) });
    beside = (await options.beside?.(storage, config, dir)) ?? {};
    server = await startServer({ storage, config, port: 0, demoLogins: DEMO_LOGINS, ...beside.server });
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...(options.chromiumArgs ?? [])], headless: true });
    const started = server;
    return {
      dir, storage, server: started, browser,
      async close() {
        await browser.close();
        await started.close();
        await beside.stop?.();
        await storage.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await server?.close();
    await beside.stop?.();
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
