// The `ecoute` command of this process (bin/ecoute.js runs its build; development runs it with tsx).
import { runCli } from './run-cli.js';

// Output piped into a command that stops reading (`| head`) ends the command quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
