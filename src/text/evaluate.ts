/**
 * Measures analyseText against labelled comments: per-topic precision, recall and F1 (a
 * comment counts once per topic, however many spans), their micro and macro averages,
 * sentiment accuracy with per-class precision and recall, and language accuracy.
 *
 *   node --import tsx src/text/evaluate.ts [--split test|train]
 *
 * prints the figures of one split (test by default) as markdown, as published in
 * docs/text-analysis.md.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { analyseText } from './analyse.js';
import { loadCorpus, type LabelledComment, type Split } from './corpus.js';
import { TOPICS, type SentimentLabel, type Topic } from './types.js';

export interface Scores {
  precision: number;
  recall: number;
  f1: number;
}

export interface ClassScores extends Scores {
  /** labelled items of the class */
  support: number;
}

export interface Evaluation {
  items: number;
  topics: {
    perTopic: Record<Topic, ClassScores>;
    /** pooled over all (comment, topic) decisions */
    micro: Scores;
    /** mean of the per-topic scores */
    macro: Scores;
  };
  sentiment: { accuracy: number; perClass: Record<SentimentLabel, ClassScores> };
  language: {
    /** correct among the comments given a language */
    accuracy: number;
    /** share of comments given a language (the others are null: too short or unclear) */
    coverage: number;
    /** correct among all comments, a null counting as wrong */
    overall: number;
  };
}

const SENTIMENT_LABELS: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

const emptyCounts = (): Counts => ({ tp: 0, fp: 0, fn: 0 });
const ratio = (num: number, den: number): number => (den === 0 ? 0 : num / den);

function scoresOf({ tp, fp, fn }: Counts): Scores {
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  return { precision, recall, f1: ratio(2 * precision * recall, precision + recall) };
}

export function evaluate(items: readonly LabelledComment[]): Evaluation {
  const topicCounts = new Map(TOPICS.map((topic) => [topic, emptyCounts()]));
  const sentimentCounts = new Map(SENTIMENT_LABELS.map((label) => [label, emptyCounts()]));
  let sentimentCorrect = 0;
  let languageGiven = 0;
  let languageCorrect = 0;

  for (const item of items) {
    const analysis = analyseText(item.text);
    const found = new Set(analysis.topics.map((match) => match.topic));
    for (const topic of TOPICS) {
      const counts = topicCounts.get(topic)!;
      const expected = item.topics.includes(topic);
      if (expected && found.has(topic)) counts.tp++;
      else if (found.has(topic)) counts.fp++;
      else if (expected) counts.fn++;
    }

    const label = analysis.sentiment.label;
    if (label === item.sentiment) {
      sentimentCorrect++;
      sentimentCounts.get(label)!.tp++;
    } else {
      sentimentCounts.get(label)!.fp++;
      sentimentCounts.get(item.sentiment)!.fn++;
    }

    if (analysis.language !== null) {
      languageGiven++;
      if (analysis.language === item.language) languageCorrect++;
    }
  }

  const perTopic = Object.fromEntries(
    TOPICS.map((topic) => {
      const counts = topicCounts.get(topic)!;
      return [topic, { ...scoresOf(counts), support: counts.tp + counts.fn }];
    }),
  ) as Record<Topic, ClassScores>;
  const pooled = [...topicCounts.values()].reduce(
    (sum, c) => ({ tp: sum.tp + c.tp, fp: sum.fp + c.fp, fn: sum.fn + c.fn }),
    emptyCounts(),
  );
  const mean = (key: keyof Scores): number =>
    TOPICS.reduce((sum, topic) => sum + perTopic[topic][key], 0) / TOPICS.length;

  return {
    items: items.length,
    topics: {
      perTopic,
      micro: scoresOf(pooled),
      macro: { precision: mean('precision'), recall: mean('recall'), f1: mean('f1') },
    },
    sentiment: {
      accuracy: ratio(sentimentCorrect, items.length),
      perClass: Object.fromEntries(
        SENTIMENT_LABELS.map((label) => {
          const counts = sentimentCounts.get(label)!;
          return [label, { ...scoresOf(counts), support: counts.tp + counts.fn }];
        }),
      ) as Record<SentimentLabel, ClassScores>,
    },
    language: {
      accuracy: ratio(languageCorrect, languageGiven),
      coverage: ratio(languageGiven, items.length),
      overall: ratio(languageCorrect, items.length),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Report

const fixed = (value: number): string => value.toFixed(2);

/** The evaluation as markdown tables. */
export function formatEvaluation(evaluation: Evaluation, title: string): string {
  const { topics, sentiment, language } = evaluation;
  const row = (name: string, s: Scores, support: number | string): string =>
    `| ${name} | ${fixed(s.precision)} | ${fixed(s.recall)} | ${fixed(s.f1)} | ${support} |`;
  return [
    `### ${title} (${evaluation.items} comments)`,
    '',
    '| topic | precision | recall | F1 | support |',
    '|---|---|---|---|---|',
    ...TOPICS.map((topic) => row(topic, topics.perTopic[topic], topics.perTopic[topic].support)),
    row('**micro average**', topics.micro, ''),
    row('**macro average**', topics.macro, ''),
    '',
    `Sentiment accuracy: **${fixed(sentiment.accuracy)}**`,
    '',
    '| sentiment | precision | recall | F1 | support |',
    '|---|---|---|---|---|',
    ...SENTIMENT_LABELS.map((label) => row(label, sentiment.perClass[label], sentiment.perClass[label].support)),
    '',
    `Language: accuracy **${fixed(language.accuracy)}** on the ${fixed(language.coverage * 100)}% of comments ` +
      `given a language; ${fixed(language.overall)} of all comments (null counted as wrong).`,
    '',
  ].join('\n');
}

function main(): void {
  const { values } = parseArgs({ options: { split: { type: 'string', default: 'test' } } });
  const split = values.split;
  if (split !== 'test' && split !== 'train') {
    console.error('usage: node --import tsx src/text/evaluate.ts [--split test|train]');
    process.exitCode = 2;
    return;
  }
  const items = loadCorpus().filter((item) => item.split === (split satisfies Split));
  process.stdout.write(formatEvaluation(evaluate(items), `${split} split`));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
