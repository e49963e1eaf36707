import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { LABEL_LANGUAGES, type LabelLanguage } from '../shared/languages.js';
import { DomainError } from '../shared/errors.js';
import { checkMonth, monthlyReview } from '../review/monthly-review.js';
import { reviewActions } from '../review/review-actions.js';
import { reviewCsv } from '../review/review-csv.js';
import { renderReviewPdf } from '../review/review-pdf.js';
import { println, UsageError, withStorage, type CliIo } from './context.js';

interface MonthlyFlags {
  month?: string;
  out?: string;
  csv?: string;
  lang: string;
}

/** Adds `ecoute report` to `program`; it writes to `io`. */
export function register(program: Command, io: CliIo): void {
  const report = program.command('report').description('reports for the management (docs/improvement.md)');
  report
    .command('monthly')
    .description("the management committee's monthly review as a PDF (and CSV): the same figures as GET /api/v1/review/monthly")
    .option('--month <month>', 'the month reviewed, YYYY-MM (e.g. 2026-11)')
    .option('--out <file>', 'the PDF to write')
    .option('--csv <file>', 'also the same figures as CSV')
    .option('--lang <language>', 'language of the review (fr, de, en)', 'fr')
    .action(async (flags: MonthlyFlags) => {
      if (!flags.out && !flags.csv) throw new UsageError('--out FILE.pdf (or --csv FILE.csv) is required: where to write the review');
      if (!(LABEL_LANGUAGES as readonly string[]).includes(flags.lang)) throw new UsageError(`--lang must be fr, de or en (got "${flags.lang}")`);
      const now = Date.now();
      const month = (() => {
        try {
          return checkMonth(flags.month, now);
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          throw new UsageError(`--month ${error.fields[0]?.reason ?? error.message}${flags.month ? ` (got "${flags.month}")` : ''}`);
        }
      })();
      await withStorage(io, async (storage, config) => {
        const started = Date.now();
        const review = await monthlyReview(storage.db, { month, language: flags.lang as LabelLanguage, now, minResponses: config.npsMinResponses }, reviewActions);
        if (flags.out) {
          const { pdf, pages } = await renderReviewPdf(review);
          await writeFile(flags.out, pdf);
          println(io.stdout, `${flags.out}: the review of ${month}, ${pages} pages (${Date.now() - started} ms)`);
        }
        if (flags.csv) {
          await writeFile(flags.csv, reviewCsv(review));
          println(io.stdout, `${flags.csv}: the same figures as CSV`);
        }
      });
    });
}
