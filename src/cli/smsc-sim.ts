import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { isE164, maskNumber, type SmsLogger } from '../sms/gateway.js';
import { startSmscSimulator } from '../sms/simulator/smsc-simulator.js';
import { println, UsageError, type CliIo } from './context.js';

interface Options {
  port: string;
  host: string;
  systemId: string;
  password: string;
  receiptDelay: string;
  quiet?: boolean;
}

/** Adds the command to `program`; it writes to `io`. */
export function register(program: Command, io: CliIo): void {
  program
    .command('smsc-sim')
    .description('run an SMSC simulator (SMPP 3.4 server) for development and tests')
    .option('--port <port>', 'port to listen on (0: any free port)', '2775')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--system-id <id>', 'system_id the ESME must bind with', 'ecoute')
    .option('--password <password>', 'password the ESME must bind with', 'secret')
    .option('--receipt-delay <ms>', 'delay before each delivery receipt', '0')
    .option('--quiet', 'log binds and faults only, not every message')
    .action(async (options: Options) => {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new UsageError(`--port must be a port number (0-65535), got "${options.port}"`);
      }
      const receiptDelayMs = Number(options.receiptDelay);
      if (!Number.isInteger(receiptDelayMs) || receiptDelayMs < 0) {
        throw new UsageError(`--receipt-delay must be a whole number of milliseconds, got "${options.receiptDelay}"`);
      }
      if (options.systemId === '' || options.systemId.length > 15) {
        throw new UsageError('--system-id must have 1 to 15 characters');
      }
      // Numbers are masked by the simulator; message texts are never logged.
      const stamp = () => new Date().toISOString();
      const logger: SmsLogger = {
        info: (message) => {
          if (!options.quiet || !/^(message|reply) /.test(message)) println(io.stdout, `${stamp()} ${message}`);
        },
        warn: (message) => println(io.stdout, `${stamp()} ${message}`),
      };
      const simulator = await startSmscSimulator({
        host: options.host,
        port,
        systemId: options.systemId,
        password: options.password,
        receiptDelayMs,
        logger,
      });
      const where = `${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${simulator.listeningPort}`;
      println(io.stdout, `SMSC simulator listening on ${where} (system_id ${options.systemId})`);
      println(io.stdout, `  ECOUTE_SMSC_URL=${simulator.url.replace(/:[^:@/]*@/, ':***@')}`);
      if (process.stdin.isTTY) {
        println(io.stdout, '  play a customer: reply <+E.164 number> <text>');
        const lines = createInterface({ input: process.stdin });
        lines.on('line', (line) => {
          const match = /^\s*reply\s+(\S+)\s+(.+)$/.exec(line);
          if (!match || !isE164(match[1]!)) {
            println(io.stdout, 'usage: reply +352621123456 9, très bien');
            return;
          }
          simulator.reply(match[1]!, match[2]!).then(
            () => logger.info(`reply from ${maskNumber(match[1]!)} acknowledged by the ESME`),
            (error: Error) => logger.warn(`reply failed: ${error.message}`),
          );
        });
      }
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await simulator.close();
      process.exit(0);
    });
}
