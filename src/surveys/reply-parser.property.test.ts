import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseReply, type ParseOptions, type ReplyParse } from './reply-parser.js';

// Properties of the reply parser over generated replies (fast-check shrinks any failure to a
// smallest reply and prints it with the seed that reproduces it).

/** Any scale the CLI accepts: 0 ≤ min < max ≤ 100, with or without the yes/no question. */
const options: fc.Arbitrary<ParseOptions> = fc
  .tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 100 }), fc.boolean(), fc.constantFrom('fr', 'de', 'en', 'lb', undefined))
  .map(([min, span, expectResolved, hint]) => ({
    scale: { min, max: Math.min(100, min + span) },
    expectResolved,
    ...(hint ? { languageHint: hint as 'fr' | 'de' | 'en' | 'lb' } : {}),
  }));

/** Pieces replies are made of: scores, number words, units, yes/no, keywords, signatures, emoji, odd characters. */
const PIECES = ['8', '9', '10', '0', '11', '100', '8,5', '9/10', '5/5', '7-8', '-1', '１０', '9️⃣', '🔟', 'neuf', 'zéng', 'acht', 'ten', 'un',
  'sur', 'dix', 'out of', 'von', 'note', 'je mets', 'ich gebe', 'oui', 'non', 'nein', 'jo', 'yes', 'no', 'stop', 'STOP', 'arrêtez',
  'start', 'plus de', 'SMS', 'keng', 'méi', 'keine', 'mehr', 'ne', "m'envoyez", 'pas', "don't", 'text me', 'opt out', 'aufhören',
  'auf', 'op', 'hält', 'minutes', '€', '%', '14h30', '12/03', '+352 621 123 456', 'n°2', '#3', '5G', 'merci', 'super', '😊', '👍',
  '\n', '\t', '  ', ',', '.', '!', '?', ':', '-', '--', '"', "'", '“', '’', '\u200b', '\u00ad', '\ud800', '\udfff', '\u202e', '\0',
  '\n-- \nMarie', 'Envoyé de mon iPhone', 'Cordialement', 'Mit freundlichen Grüßen'];
const replyLike = fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).chain((pieces) =>
  fc.array(fc.constantFrom('', ' ', '  '), { minLength: pieces.length, maxLength: pieces.length }).map((spaces) => pieces.map((p, i) => p + spaces[i]).join('')),
);
/** Any string: printable, any code point, and lone surrogates. */
const anyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), maxLength: 8 }),
  replyLike,
);

function wellFormed(parse: ReplyParse, { scale }: ParseOptions): void {
  switch (parse.kind) {
    case 'answer':
      if (parse.score !== null) {
        assert.ok(Number.isInteger(parse.score), `score ${parse.score} is whole`);
        assert.ok(parse.score >= scale.min && parse.score <= scale.max, `score ${parse.score} in ${scale.min}-${scale.max}`);
      } else {
        assert.notEqual(parse.resolved, null, 'an answer without a score answers yes/no');
      }
      if (parse.comment !== null) assert.ok(parse.comment.trim() === parse.comment && parse.comment !== '');
      break;
    case 'unclear':
      assert.ok(['out_of_scale', 'several_scores', 'decimal', 'no_score', 'empty'].includes(parse.reason));
      if (parse.comment !== null) assert.ok(parse.comment.trim() === parse.comment && parse.comment !== '');
      break;
    case 'opt_out':
    case 'opt_in':
      assert.match(parse.keyword, /^[A-Z]+$/);
      break;
    default:
      assert.fail(`unknown kind ${JSON.stringify(parse)}`);
  }
}

describe('parseReply properties', () => {
  it('never throws on any string, and every score it returns is a whole number within the scale', () => {
    fc.assert(
      fc.property(anyText, options, (text, opts) => {
        wellFormed(parseReply(text, opts), opts);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads the same reply the same way whatever the case and the spaces around it', () => {
    fc.assert(
      fc.property(replyLike, options, (text, opts) => {
        const parse = parseReply(text, opts);
        const shouted = parseReply(`  ${text.toUpperCase()}\n `, opts);
        assert.equal(shouted.kind, parse.kind);
        if (parse.kind === 'answer' && shouted.kind === 'answer') assert.equal(shouted.score, parse.score);
      }),
      { numRuns: 1000 },
    );
  });

  it('a signature goes even when a line break follows it (found by the property above)', () => {
    assert.deepEqual(parseReply('9\nEnvoyé de mon iPhone\n', { scale: { min: 1, max: 10 } }), { kind: 'answer', score: 9, resolved: null, comment: null, language: null });
  });

  it('any whole number in the scale, alone, is that score', () => {
    fc.assert(
      fc.property(options, fc.nat(), (opts, n) => {
        const score = opts.scale.min + (n % (opts.scale.max - opts.scale.min + 1));
        const parse = parseReply(` ${score} `, opts);
        assert.deepEqual([parse.kind, parse.kind === 'answer' ? parse.score : null], ['answer', score]);
      }),
    );
  });

  const KEYWORDS = ['STOP', 'STOPP', 'ARRÊT', 'ARRET', 'Arrêtez', 'NOSURVEY', 'no survey', 'UNSUBSCRIBE', 'désinscription', 'désabonner',
    'abmelden', 'ofmellen', 'opt out', 'opt-out', 'aufhören', 'ophalen', 'keng SMS méi', 'keen SMS mei', 'keine SMS mehr', 'plus de SMS',
    'no more SMS'];
  const decorated = fc.tuple(fc.constantFrom(...KEYWORDS), fc.constantFrom('', ' ', '\n', '  \t'), fc.constantFrom('', '.', '!', '!!!', ' !', '?', ' 🙏', '…'))
    .chain(([keyword, space, end]) => fc.mixedCase(fc.constant(keyword)).map((k) => `${space}${k}${end}${space}`));

  it('an opt-out keyword alone is always an opt-out, in any case, with any punctuation, on any scale', () => {
    fc.assert(
      fc.property(decorated, options, (text, opts) => {
        assert.equal(parseReply(text, opts).kind, 'opt_out', JSON.stringify(text));
      }),
      { numRuns: 2000 },
    );
  });

  // (a negation right before it, "je ne veux pas\nSTOP", is read as "ne veux pas stop": line breaks are spaces)
  it('STOP as a sentence of its own opts out whatever the answer before it', () => {
    const answer = fc.array(fc.constantFrom('9', '10', '3', 'neuf', 'super', 'conseiller', 'merci', 'oui', 'non', 'très', 'bien', 'gutt', 'attente',
      'trop', 'longue', 'plus', 'start', '8,5', '7-8', '20 minutes', '😊', ',', '-'), { maxLength: 8 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(answer, fc.constantFrom('. STOP', '. Stop', '! STOP', '\nSTOP.', ' – STOP'), options, (text, stop, opts) => {
        assert.equal(parseReply(`${text}${stop}`, opts).kind, 'opt_out', JSON.stringify(`${text}${stop}`));
      }),
      { numRuns: 1000 },
    );
  });
});
