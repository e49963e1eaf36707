/**
 * Throughput of the comment analyser (src/text/) on the test split of the labelled corpus
 * (src/text/corpus/verbatims.jsonl: fr, de, en, lb; from "ok" to long rants), repeated: all of
 * it, then only the comments of 20 to 120 characters (the typical survey comment, without the
 * "ok" and "merci" that make the mix look faster), then longer ones. Standalone:
 * `node --import tsx bench/text.bench.ts`. Target: at least 150,000 comments per second on one
 * thread. Results are in docs/text-analysis.md.
 */
import { performance } from 'node:perf_hooks';
import { loadCorpus } from '../src/text/corpus.js';
import { analyseText } from '../src/text/index.js';

const ANALYSES = 1_000_000;

function run(comments: readonly string[], count: number): number {
  let topics = 0;
  for (let i = 0; i < count; i++) topics += analyseText(comments[i % comments.length]!).topics.length;
  return topics;
}

const fmt = (value: number): string => Math.round(value).toLocaleString('en-US');

function measure(name: string, comments: readonly string[]): void {
  run(comments, 100_000); // warm-up
  const rounds: number[] = [];
  for (let round = 0; round < 3; round++) {
    const started = performance.now();
    run(comments, ANALYSES);
    rounds.push(ANALYSES / ((performance.now() - started) / 1000));
  }
  const median = [...rounds].sort((a, b) => a - b)[1]!;
  const meanLength = comments.reduce((sum, text) => sum + text.length, 0) / comments.length;
  console.log(`${name}: ${comments.length} comments, ${meanLength.toFixed(0)} characters on average`);
  console.log(`  rounds: ${rounds.map(fmt).join(', ')} comments/s; median ${fmt(median)} comments/s`);
}

const test = loadCorpus()
  .filter((item) => item.split === 'test')
  .map((item) => item.text);
console.log(`node ${process.version}, ${fmt(ANALYSES)} analyses per round`);
measure('test split', test);
measure('test split, 20-120 characters', test.filter((text) => text.length >= 20 && text.length <= 120));
// the long end: the test split has too few, so these come from both splits
const all = loadCorpus().map((item) => item.text);
measure('whole corpus, 60-120 characters', all.filter((text) => text.length >= 60 && text.length <= 120));
measure('whole corpus, over 120 characters', all.filter((text) => text.length > 120));
