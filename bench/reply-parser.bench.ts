/**
 * Throughput of the survey reply parser (src/surveys/reply-parser.ts) on a realistic mix of SMS
 * replies: bare scores (most replies), scores with a comment, yes/no, number words, opt-outs,
 * unclear replies, signatures. Standalone: `node --import tsx bench/reply-parser.bench.ts`.
 * Target: at least 200,000 replies per second. Results are in docs/reply-parsing.md.
 */
import { performance } from 'node:perf_hooks';
import { parseReply, type ParseOptions } from '../src/surveys/reply-parser.js';

/** Weighted corpus: [reply, how many times it appears in the mix]. */
const CORPUS: [string, number][] = [
  ['9', 12],
  ['10', 12],
  ['8', 8],
  ['7', 4],
  ['5', 2],
  ['1', 2],
  ['10/10', 5],
  ['9/10', 4],
  ['10!!!', 2],
  ['8 oui', 4],
  ['Oui, 9', 3],
  ['9 oui merci', 2],
  ['non 3 toujours pas de réseau', 2],
  ['Non. Toujours pas de réseau. 3', 1],
  ['8 - super conseiller', 3],
  ['8, super conseiller', 2],
  ['9 merci beaucoup !', 2],
  ['Très bien, 9', 2],
  ['Je mets 7', 1],
  ['Note : 8', 1],
  ['9 sur 10', 2],
  ['9 von 10', 1],
  ['ja 8', 2],
  ['Ich gebe 9 Punkte', 1],
  ['Sehr freundlicher Berater, 9', 1],
  ['8 sehr freundlich', 1],
  ['jo 9', 2],
  ['Ech ginn eng 9', 1],
  ['9 villmools merci', 1],
  ['Neen, 2 well Netz', 1],
  ['yes 9', 1],
  ['10 out of 10, very helpful', 1],
  ['neuf', 1],
  ['zéng', 1],
  ['zehn', 1],
  ['nine', 1],
  ['9️⃣', 1],
  ['10 top 😊', 1],
  ['9 j\'ai attendu 20 minutes', 1],
  ['20 minutes d\'attente', 1],
  ['7 ou 8', 1],
  ['8,5', 1],
  ['11', 1],
  ['0', 1],
  ['STOP', 2],
  ['Stop svp', 1],
  ['ARRÊT', 1],
  ['START', 1],
  ['Merci', 1],
  ['👍', 1],
  ['Super conseiller!\nMerci\n9\n\nEnvoyé de mon iPhone', 1],
  ['9 rappelez moi au 621 123 456', 1],
  ['Le conseiller était très aimable et a résolu mon problème de facture rapidement, je mets 9 sur 10, merci', 1],
  ['Leider immer noch kein Netz im Keller seit 3 Tagen, 4', 1],
];

const replies: string[] = CORPUS.flatMap(([text, weight]) => new Array<string>(weight).fill(text));
// a fixed shuffle, so runs are comparable
let seed = 42;
for (let i = replies.length - 1; i > 0; i--) {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  const j = seed % (i + 1);
  [replies[i], replies[j]] = [replies[j]!, replies[i]!];
}
const options: ParseOptions = { scale: { min: 1, max: 10 }, expectResolved: true };

function run(count: number): number {
  let answers = 0;
  const n = replies.length;
  for (let i = 0; i < count; i++) if (parseReply(replies[i % n]!, options).kind === 'answer') answers++;
  return answers;
}

const N = 1_000_000;
run(200_000); // warm-up
const rounds: number[] = [];
for (let round = 0; round < 3; round++) {
  const started = performance.now();
  run(N);
  const seconds = (performance.now() - started) / 1000;
  rounds.push(N / seconds);
}
const best = Math.max(...rounds);
const median = [...rounds].sort((a, b) => a - b)[1]!;
const fmt = (value: number): string => Math.round(value).toLocaleString('en-US');
console.log(`corpus: ${CORPUS.length} distinct replies, ${replies.length} in the mix; ${fmt(N)} parses per round`);
console.log(`rounds: ${rounds.map(fmt).join(', ')} replies/s`);
console.log(`median: ${fmt(median)} replies/s (best ${fmt(best)}), node ${process.version}`);
