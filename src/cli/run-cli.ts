import { format } from 'node:util';
import { Command, CommanderError } from 'commander';
import { DomainError } from '../shared/errors.js';
import { CommandFailed, UsageError, type CliIo } from './context.js';
import { register as registerAudit } from './audit.js';
import { register as registerComplaints } from './complaints.js';
import { register as registerReport } from './report.js';
import { register as registerQuality } from './quality.js';
import { register as registerCustomers } from './customers.js';
import { register as registerDemo } from './demo.js';
import { register as registerImport } from './import.js';
import { register as registerMigrate } from './migrate.js';
import { register as registerNps } from './nps.js';
import { register as registerParseReply } from './parse-reply.js';
import { register as registerServe } from './serve.js';
import { register as registerSmscSim } from './smsc-sim.js';
import { register as registerStudies } from './studies.js';
import { register as registerToken } from './token.js';
import { register as registerUsage } from './usage.js';
import { register as registerBills } from './bills.js';
import { register as registerDevices } from './devices.js';
import { register as registerWorker } from './worker.js';

/** The `ecoute` program and its commands, writing to `io`; one per run, since commander keeps the parsed options. */
function program(io: CliIo): Command {
  const program = new Command()
    .name('ecoute')
    .description('Ecoute: customer relationship for a telecom operator')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) });
  for (const register of [
    registerServe, registerMigrate, registerImport, registerToken, registerWorker, registerDemo, registerSmscSim, registerParseReply, registerStudies, registerNps, registerCustomers, registerAudit, registerComplaints, registerReport, registerQuality, registerUsage, registerBills, registerDevices,
  ]) {
    register(program, io);
  }
  return program;
}

/**
 * Runs `ecoute` with `args` (what follows the command name) and resolves to its exit code: 0, 1
 * when the work failed, 2 for a bad value or a refusal. Errors are printed to `io.stderr` as one
 * line, without a stack trace. A long-running command (serve, worker) resolves once started.
 */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  try {
    await program(io).parseAsync(args, { from: 'user' });
    return 0;
  } catch (error) {
    // commander has printed what is wrong with the command line (an unknown option, a bad or missing value): a usage error.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof CommandFailed) return error.exitCode;
    if (error instanceof UsageError || error instanceof DomainError) {
      io.stderr.write(`error: ${error.message}\n`);
      return 2;
    }
    io.stderr.write(`${error instanceof Error ? `error: ${error.message}` : format(error)}\n`);
    return 1;
  }
}
