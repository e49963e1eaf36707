import type { Command } from 'commander';
import { parseReply } from '../surveys/reply-parser.js';
import { println, UsageError, type CliIo } from './context.js';

/** Largest survey scale accepted (0-100 covers every scale in use). */
const MAX_SCALE = 100;

/** Reads `--scale MIN-MAX` ("1-10", "0-10"); throws UsageError on anything else. */
export function parseScaleOption(value: string): { min: number; max: number } {
  const match = /^\s*(\d{1,6})\s*-\s*(\d{1,6})\s*$/.exec(value);
  if (!match) throw new UsageError(`--scale must be MIN-MAX with whole numbers, e.g. 1-10 or 0-10 (got "${value}")`);
  const min = Number(match[1]);
  const max = Number(match[2]);
  if (min >= max) throw new UsageError(`--scale minimum must be below its maximum, e.g. 1-10 (got "${value}")`);
  if (max > MAX_SCALE) throw new UsageError(`--scale maximum must be at most ${MAX_SCALE} (got "${value}")`);
  return { min, max };
}

/** Adds the command to `program`; it writes to `io`. */
export function register(program: Command, io: CliIo): void {
  program
    .command('parse-reply')
    .description('read a survey reply SMS as the survey would, and print the result as JSON (rules: docs/reply-parsing.md)')
    .argument('<text>', 'the reply, as received')
    .option('--scale <min-max>', 'score scale of the survey', '1-10')
    .option('--resolved', 'the survey also asked "resolved? yes/no"')
    .action((text: string, options: { scale: string; resolved?: boolean }) => {
      const scale = parseScaleOption(options.scale);
      println(io.stdout, JSON.stringify(parseReply(text, { scale, expectResolved: options.resolved === true }), null, 2));
    });
}
