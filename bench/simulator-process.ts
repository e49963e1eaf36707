// The SMSC simulator the SMS and survey benchmarks submit to: in this process, or as
// `ecoute smsc-sim` in its own process (the default), so the benchmarked code does not share its event loop.
import { spawn, type ChildProcess } from 'node:child_process';
import { startSmscSimulator } from '../src/sms/simulator/smsc-simulator.js';

export async function startSimulator(inProcess: boolean): Promise<{ url: string; stop: () => Promise<void>; where: string }> {
  if (inProcess) {
    const simulator = await startSmscSimulator({ systemId: 'bench', password: 'bench' });
    return { url: simulator.url, stop: () => simulator.close(), where: 'in process' };
  }
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'smsc-sim', '--port', '0', '--system-id', 'bench', '--password', 'bench', '--quiet'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on 127\.0\.0\.1:(\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', () => reject(new Error(`simulator exited: ${output}`)));
  });
  child.stdout!.resume();
  return {
    url: `smpp://bench:bench@127.0.0.1:${port}`,
    where: 'own process (ecoute smsc-sim)',
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
