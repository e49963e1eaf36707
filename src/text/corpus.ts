/**
 * The labelled comments (corpus/verbatims.jsonl) the analyser is measured on. Each comment is
 * in the train split (the lexicons were written looking at it) or the test split (held out, for
 * the published figures). The split follows from the id alone, so that it never changes when
 * comments are added or relabelled.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { LANGUAGES, TOPICS, type SentimentLabel, type TextLanguage, type Topic } from './types.js';

export type Split = 'train' | 'test';

export interface LabelledComment {
  id: string;
  text: string;
  language: TextLanguage;
  topics: Topic[];
  sentiment: SentimentLabel;
  split: Split;
}

export const CORPUS_PATH = fileURLToPath(new URL('./corpus/verbatims.jsonl', import.meta.url));

const commentSchema = z
  .object({
    id: z.string().regex(new RegExp(`^(${LANGUAGES.join('|')})-\\d{4}$`)),
    text: z.string().min(1),
    language: z.enum(LANGUAGES),
    topics: z.array(z.enum(TOPICS as [Topic, ...Topic[]])),
    sentiment: z.enum(['negative', 'neutral', 'positive']),
    split: z.enum(['train', 'test']),
  })
  .strict();

/** Reads and checks the corpus; an invalid line throws with its line number. */
export function loadCorpus(path: string = CORPUS_PATH): LabelledComment[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .flatMap((line, index) => {
      if (line.trim() === '') return [];
      const parsed = commentSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${path}:${index + 1}: ${parsed.error.message}`);
      return [parsed.data];
    });
}

/** 3 ids in 10 go to the test split, by a hash of the id (FNV-1a, 32 bits). */
export function splitOf(id: string): Split {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % 10 < 3 ? 'test' : 'train';
}
