/**
 * Reads the SMS a customer sends back to a satisfaction survey ("On a scale of 1 to 10, how
 * satisfied…", optionally "…was your request resolved? yes/no"). Pure function, no I/O.
 *
 * It never guesses: when the reply does not name exactly one score in the scale it returns
 * `unclear` with the reason, and the caller asks once more. The rules, with examples, are in
 * docs/reply-parsing.md.
 */
import { detectTextLanguage } from '../text/index.js';
import { optIn, optOut } from './reply-keywords.js';
import { normalizeText } from './reply-normalize.js';
import { ReplyReader } from './reply-reader.js';
import { classifyNumbers, tokenize } from './reply-tokens.js';
import { unclear, type ParseOptions, type ReplyParse } from './reply-types.js';

export type { ParseOptions, ReplyParse, UnclearReason } from './reply-types.js';

export function parseReply(text: string, options: ParseOptions): ReplyParse {
  const { min, max } = options.scale;
  const s = normalizeText(text);
  if (s === '') return unclear('empty', 'the reply is empty', null);
  const tokens = tokenize(s, max);
  classifyNumbers(tokens, s, max);

  const start = optIn(tokens);
  if (start !== null) return start;

  const parser = new ReplyReader(s, tokens, min, max, detectTextLanguage(s, options.languageHint));
  const parse = parser.read(options.expectResolved === true);
  // Opt-out requests are read knowing whether the reply also gives a score: "7 arrêtez de me
  // rappeler si tard" is an answer with a comment, "arrêtez de m'appeler" alone is an opt-out.
  const scored = parse.kind === 'answer' ? parse.score !== null : parse.kind === 'unclear' && parse.reason !== 'no_score' && parse.reason !== 'empty';
  return optOut(tokens, scored) ?? parse;
}
