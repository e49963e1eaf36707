/** Opt-out and opt-in keywords of a reply. */
import { KEYWORD_COMPANIONS, STRONG_OPT_OUT, WEAK_OPT_OUT } from './reply-lexicon.js';
import { NUMBER, WORD, type Token } from './reply-tokens.js';
import type { ReplyParse } from './reply-types.js';

/** STOP / ARRÊT / STOPP / NOSURVEY (opt-out) and START (opt-in). */
export function optKeyword(tokens: Token[]): ReplyParse | null {
  const words: string[] = [];
  let hasNumber = false;
  let lastIsWord = false;
  for (const t of tokens) {
    if (t.type === WORD) {
      const previous = words[words.length - 1];
      if (t.text === 'survey' && previous === 'no') words[words.length - 1] = 'nosurvey';
      else words.push(t.text);
      lastIsWord = true;
    } else if (t.type === NUMBER) {
      hasNumber = true;
      lastIsWord = false;
    }
  }
  if (words.length === 0) return null;
  const first = words[0]!;
  const strong = STRONG_OPT_OUT.get(first);
  if (strong !== undefined) return { kind: 'opt_out', keyword: strong };
  const lastStrong = STRONG_OPT_OUT.get(words[words.length - 1]!);
  if (lastStrong !== undefined && lastIsWord) return { kind: 'opt_out', keyword: lastStrong };
  if (hasNumber) return null;
  let found: string | null = null;
  for (const word of words) {
    const keyword = STRONG_OPT_OUT.get(word) ?? WEAK_OPT_OUT.get(word);
    if (keyword !== undefined) found ??= keyword;
    else if (!KEYWORD_COMPANIONS.has(word)) {
      found = null;
      break;
    }
  }
  if (found !== null) return { kind: 'opt_out', keyword: found };
  if (first !== 'start') return null;
  for (let i = 1; i < words.length; i++) if (!KEYWORD_COMPANIONS.has(words[i]!)) return null;
  return { kind: 'opt_in', keyword: 'START' };
}
