// `ecoute` for tests: in the test's process (runCli), or the real command in a child process.
import { spawn } from 'node:child_process';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { databaseEnv } from '../../test/engines.js';
import type { Config } from '../config.js';
import type { Storage } from '../storage/database.js';
import { runCli } from './run-cli.js';

/** What a run of `ecoute` gave: its exit code and everything it wrote. */
export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

/** A stream that keeps what is written to it. */
function collector(): { stream: Writable; text(): string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

/** The test database `storage` as `ecoute` settings: that database and no other. */
function databaseConfig(storage: Storage): Partial<Config> {
  const env = databaseEnv(storage);
  return { databaseUrl: env.DATABASE_URL || undefined, ...(env.ECOUTE_SQLITE_PATH ? { sqlitePath: env.ECOUTE_SQLITE_PATH } : {}) };
}

/** Runs `ecoute ...args` in this process, on the test database `storage` when given. */
export async function runEcoute(args: string[], storage?: Storage): Promise<CliRun> {
  const stdout = collector();
  const stderr = collector();
  const status = await runCli(args, { stdout: stdout.stream, stderr: stderr.stream, ...(storage ? { config: databaseConfig(storage) } : {}) });
  return { status, stdout: stdout.text(), stderr: stderr.text() };
}

/**
 * Runs the real `ecoute ...args` (its entry point, through tsx) in a child process, on the test
 * database `storage` when given. Asynchronous, so a server in the test's process keeps answering.
 */
export function spawnEcoute(args: string[], storage?: Storage): Promise<CliRun> {
  const database = storage ? { DATABASE_URL: '', ECOUTE_SQLITE_PATH: '', ...databaseEnv(storage) } : {};
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { env: { ...process.env, ...database }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    // -1: ended by a signal, without an exit code.
    child.on('close', (code) => resolve({ status: code ?? -1, stdout, stderr }));
  });
}
