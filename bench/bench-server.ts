/**
 * The benchmark's server: `bench/http-server.js` in its own process, running the built code as
 * `ecoute serve` does (the build is brought up to date first), and its own measures of a period.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface ServerReport {
  loopDelayMs: { p50: number; p99: number; max: number };
  gc: { count: number; totalMs: number; maxMs: number };
  cpuSeconds: number;
  /** recognition as the server timed it: from its parsed request to its answer sent */
  recognitionMs: { n: number; p50: number; p99: number; max: number };
}

export interface BenchServer {
  url: string;
  /** Starts a measured period (event-loop delay, GC, CPU, recognition as served). */
  measure(): void;
  /** Ends it and answers its measures. */
  report(): Promise<ServerReport>;
  stop(): Promise<void>;
}

/** The newest modification time of the files under `dir`, leaving out the folders named in `skip`. */
const newest = (dir: string, skip: readonly string[] = []): number =>
  Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true })
      .filter((e) => !skip.includes(e.name))
      .map((e) => (e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs)),
  );

/** Compiles src/ into dist/ when a source file is newer than the compiled code (dist/web, the console's build, is not that). */
export function ensureBuilt(): void {
  let built = 0;
  try {
    built = newest('dist', ['web']);
  } catch {}
  if (newest('src') <= built) return;
  console.log('Building dist/ (tsc -p tsconfig.build.json): the benchmark runs the built code, as `ecoute serve` does');
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}

export async function startBenchServer(path: string, options: { profileDir?: string | undefined } = {}): Promise<BenchServer> {
  ensureBuilt();
  const child: ChildProcess = fork(new URL('./http-server.js', import.meta.url), [], {
    env: { ...process.env, BENCH_DB: path },
    execArgv: options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message) => resolve((message as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`the benchmark server stopped (exit code ${code})`)));
  });
  return {
    url,
    measure: () => child.send('measure'),
    report: () =>
      new Promise<ServerReport>((resolve) => {
        const listen = (message: unknown) => {
          if (message && typeof message === 'object' && 'report' in message) {
            child.off('message', listen);
            resolve((message as { report: ServerReport }).report);
          }
        };
        child.on('message', listen);
        child.send('report');
      }),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send('stop');
      await exited;
    },
  };
}
