// The `ecoute` command of this process (bin/ecoute.js runs its build; development runs it with tsx).
import { lowerPriority, runsInBackground } from './background-priority.js';

const args = process.argv.slice(2);
// A bulk import gives way to live work from its first instruction: Ecoute is loaded after this.
if (runsInBackground(args)) lowerPriority();
const { runCli } = await import('./run-cli.js');

// Output piped into a command that stops reading (`| head`) ends the command quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

process.exitCode = await runCli(args, { stdout: process.stdout, stderr: process.stderr });
