import type { Command } from 'commander';
import { toCsv } from '../shared/csv-export.js';
import { DomainError } from '../shared/errors.js';
import { randomItems, type DrawReason, type SampleItemKind } from '../quality/sample-draw.js';
import { teamMargin } from '../quality/sample-margin.js';
import { drawPeriodSample, getSample, planDraw } from '../quality/sample-service.js';
import { commandLineActor, println, UsageError, withStorage, type CliIo } from './context.js';

interface SampleFlags {
  period?: string;
  seed?: string;
  perAdvisor: string;
  oversample: string;
  team?: string;
  dryRun?: boolean;
  format: string;
}

interface PrintedItem {
  advisorId: string;
  contactId: string;
  kind: SampleItemKind;
  stratum: string;
  why: DrawReason;
  replaced: string;
}

const COLUMNS = ['advisor_id', 'contact_id', 'kind', 'stratum', 'stratum_size', 'advisor_population', 'share', 'allocated', 'rank', 'replaced'] as const;

const row = (i: PrintedItem) => ({
  advisor_id: i.advisorId, contact_id: i.contactId, kind: i.kind, stratum: i.stratum, stratum_size: i.why.stratumSize,
  advisor_population: i.why.advisorPopulation, share: i.why.share.toFixed(3), allocated: i.why.allocated, rank: i.why.rank, replaced: i.replaced,
});

function whole(flag: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max} (got "${value}")`);
  return n;
}

function print(io: CliIo, format: string, head: Record<string, unknown>, items: PrintedItem[], population: number): void {
  const rows = items.map(row);
  const margin = teamMargin(randomItems(items.filter((i) => i.replaced === '')).length, population);
  if (format === 'json') return println(io.stdout, JSON.stringify({ ...head, margin, items: rows }, null, 2));
  if (format === 'csv') return void io.stdout.write(toCsv(rows, [...COLUMNS]));
  println(io.stdout, Object.entries(head).map(([k, v]) => `${k}: ${String(v)}`).join('  '));
  const cells = [[...COLUMNS], ...rows.map((r) => COLUMNS.map((c) => String(r[c])))];
  const widths = COLUMNS.map((_, i) => Math.max(...cells.map((line) => line[i]!.length)));
  for (const line of cells) println(io.stdout, line.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd());
  const points = margin.margin === null ? '–' : `±${(margin.margin * 100).toFixed(1)} points`;
  println(io.stdout, `team quality score on ${margin.n} random contacts of ${population}: ${points} at 95% (the detractor oversample is not counted)`);
}

/** Adds `ecoute quality …` to `program`; it writes to `io`. */
export function register(program: Command, io: CliIo): void {
  const quality = program.command('quality').description('quality and coaching (docs/quality.md)');
  quality
    .command('sample')
    .description("draw and record the period's sample of contacts to listen to, per advisor (docs/quality.md, \"Sampling\"); --dry-run prints it without recording")
    .option('--period <month>', 'the month, YYYY-MM (Europe/Luxembourg)')
    .option('--seed <seed>', 'the seed (default: random); the same seed and contacts give the same sample')
    .option('--per-advisor <n>', 'random contacts per advisor', '4')
    .option('--oversample <n>', 'detractor-rated contacts per advisor on top, never in the random estimate', '1')
    .option('--team <id>', 'one team (default every team)')
    .option('--dry-run', 'print the draw without recording it')
    .option('--format <format>', 'table, csv or json', 'table')
    .action(async (flags: SampleFlags) => {
      if (flags.period === undefined) throw new UsageError('--period is required (YYYY-MM)');
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(flags.period)) throw new UsageError(`--period must be a month, YYYY-MM (got "${flags.period}")`);
      if (!['table', 'csv', 'json'].includes(flags.format)) throw new UsageError(`--format must be table, csv or json (got "${flags.format}")`);
      if (flags.seed !== undefined && (flags.seed.length === 0 || flags.seed.length > 100)) throw new UsageError('--seed must be 1 to 100 characters');
      const request = {
        period: flags.period, teamId: flags.team ?? null, seed: flags.seed,
        perAdvisor: whole('--per-advisor', flags.perAdvisor, 1, 200), oversample: whole('--oversample', flags.oversample, 0, 50),
      };
      await withStorage(io, async (storage) => {
        try {
          if (flags.dryRun) {
            const planned = await planDraw(storage.db, request);
            const items = planned.draw.advisors.flatMap((a) => a.items).map((i) => ({ ...i, replaced: '' }));
            const head = { period: planned.period, seed: planned.draw.seed, population: planned.populationSize, 'population-hash': planned.draw.populationHash, recorded: 'no (dry run)' };
            return print(io, flags.format, head, items, planned.populationSize);
          }
          const actor = commandLineActor();
          const id = await drawPeriodSample(storage.db, request, actor);
          const view = await getSample(storage.db, id, actor);
          const items = view.items.map((i) => ({ ...i, replaced: i.replaced?.reason ?? '' }));
          const head = { sample: id, period: view.sample.period, seed: view.sample.seed, population: view.sample.population_size, 'population-hash': view.sample.population_hash };
          return print(io, flags.format, head, items, view.sample.population_size);
        } catch (error) {
          // a refusal (a period already drawn, no contact, an unknown team) is worded as the API words it
          if (error instanceof DomainError) throw new UsageError(error.message);
          throw error;
        }
      });
    });
}
