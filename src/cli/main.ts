import { Command, CommanderError } from 'commander';
import { DomainError } from '../shared/errors.js';
import { UsageError } from './context.js';
import { register as registerDemo } from './demo.js';
import { register as registerImport } from './import.js';
import { register as registerMigrate } from './migrate.js';
import { register as registerNps } from './nps.js';
import { register as registerParseReply } from './parse-reply.js';
import { register as registerServe } from './serve.js';
import { register as registerSmscSim } from './smsc-sim.js';
import { register as registerStudies } from './studies.js';
import { register as registerToken } from './token.js';
import { register as registerWorker } from './worker.js';

const program = new Command()
  .name('ecoute')
  .description('Ecoute: customer relationship for a telecom operator')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

registerServe(program);
registerMigrate(program);
registerImport(program);
registerToken(program);
registerWorker(program);
registerDemo(program);
registerSmscSim(program);
registerParseReply(program);
registerStudies(program);
registerNps(program);

// Output piped into a command that stops reading (`| head`) ends the command quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
  } else if (error instanceof UsageError || error instanceof DomainError) {
    console.error(`error: ${error.message}`);
    process.exitCode = 2;
  } else {
    console.error(error instanceof Error ? `error: ${error.message}` : error);
    process.exitCode = 1;
  }
}
