import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ConcatReassembler,
  DATA_CODING_GSM,
  DATA_CODING_UCS2,
  decode,
  decodePart,
  encode,
  encodeGsm,
  gsmSeptets,
  nonGsmCharacters,
  type EncodedSms,
} from './encoding.js';

/** Decodes every part of an encoded message and joins them in order, checking the UDH on the way. */
function roundTrip(encoded: EncodedSms): string {
  const reassembler = new ConcatReassembler();
  let whole: string | null = null;
  for (const part of encoded.parts) {
    const decoded = decodePart(part, encoded.dataCoding, encoded.esmClass === 0x40);
    const done = reassembler.add('k', decoded);
    if (done) whole = done.text;
  }
  assert.ok(whole !== null, 'all parts reassembled');
  return whole;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('GSM 03.38 alphabet', () => {
  it('knows which accented letters are in the default alphabet', () => {
    for (const char of ['é', 'à', 'ü', 'ù', 'è', 'ñ', 'Ä', 'Ö', 'Ü', 'ß', 'Ç', 'É', 'ì', 'ò', 'å', 'Ø', '¿', '¡', '£', '§', '@', '\n']) {
      assert.equal(gsmSeptets(char), 1, `${char} is in the default alphabet`);
    }
    for (const char of ['€', '[', ']', '{', '}', '\\', '~', '^', '|']) {
      assert.equal(gsmSeptets(char), 2, `${char} is an extension (escape) character`);
    }
    for (const char of ['ç', 'Ê', 'ê', 'œ', 'â', 'û', 'ô', 'ë', 'ï', '’', '«', '😀', '\x1b', '`']) {
      assert.equal(gsmSeptets(char), null, `${char} is not GSM`);
    }
  });

  it('lists the characters that force UCS-2', () => {
    assert.deepEqual(nonGsmCharacters('Très déçu, Êtes-vous sûr ? ç'), ['ç', 'Ê', 'û']);
    assert.deepEqual(nonGsmCharacters('Merci ! €'), []);
  });
});

describe('encode', () => {
  it('keeps a French survey text with € in GSM 7-bit, € counting two septets', () => {
    const text = 'Merci ! Note de 1 à 10 ? Réponse gratuite. €';
    const encoded = encode(text);
    assert.equal(encoded.encoding, 'gsm7');
    assert.equal(encoded.dataCoding, DATA_CODING_GSM);
    assert.equal(encoded.esmClass, 0);
    assert.equal(encoded.parts.length, 1);
    assert.equal(encoded.units, [...text].length + 1);
    const body = encoded.parts[0]!;
    assert.deepEqual([...body.subarray(-2)], [0x1b, 0x65], '€ is ESC 0x65');
    assert.equal(body[text.indexOf('à')], 0x7f, 'à is 0x7F');
    assert.equal(roundTrip(encoded), text);
  });

  it('sends "Très déçu, Êtes-vous sûr ? 9/10 €" in UCS-2 (ç, Ê) and it round-trips intact', () => {
    const text = 'Très déçu, Êtes-vous sûr ? 9/10 €';
    const encoded = encode(text);
    assert.equal(encoded.encoding, 'ucs2');
    assert.equal(encoded.dataCoding, DATA_CODING_UCS2);
    assert.equal(encoded.parts.length, 1);
    assert.equal(encoded.units, text.length);
    assert.deepEqual([...encoded.parts[0]!.subarray(0, 4)], [0x00, 0x54, 0x00, 0x72], 'UTF-16BE "Tr"');
    assert.equal(roundTrip(encoded), text);
  });

  it('never produces Latin-1: ç alone goes UCS-2, Ç stays GSM', () => {
    assert.equal(encode('ça va').encoding, 'ucs2');
    assert.equal(encode('Ça va').encoding, 'gsm7');
    assert.equal(encode('Ça va').parts[0]![0], 0x09);
    assert.equal(encode('fête').encoding, 'ucs2');
    assert.equal(encode('cœur').encoding, 'ucs2');
  });

  it('normalises decomposed accents (e + U+0301) so they stay GSM', () => {
    const encoded = encode('Re\u0301ponse');
    assert.equal(encoded.encoding, 'gsm7');
    assert.equal(roundTrip(encoded), 'Réponse');
  });

  it('keeps emoji as surrogate pairs in UCS-2', () => {
    const text = 'Merci 😀👍🏽';
    const encoded = encode(text);
    assert.equal(encoded.encoding, 'ucs2');
    assert.equal(encoded.units, text.length);
    assert.deepEqual([...encoded.parts[0]!.subarray(12, 16)], [0xd8, 0x3d, 0xde, 0x00], '😀 as D83D DE00');
    assert.equal(roundTrip(encoded), text);
  });

  it('fits 160 septets in one part and splits 161 into 153 + 8 with UDH', () => {
    assert.equal(encode('a'.repeat(160)).parts.length, 1);
    const text = 'a'.repeat(160) + 'b';
    const encoded = encode(text, { reference: 42 });
    assert.equal(encoded.parts.length, 2);
    assert.equal(encoded.esmClass, 0x40);
    assert.deepEqual(encoded.partUnits, [153, 8]);
    assert.deepEqual([...encoded.parts[0]!.subarray(0, 6)], [0x05, 0x00, 0x03, 42, 2, 1]);
    assert.deepEqual([...encoded.parts[1]!.subarray(0, 6)], [0x05, 0x00, 0x03, 42, 2, 2]);
    assert.equal(encoded.parts[0]!.length, 6 + 153);
    assert.equal(roundTrip(encoded), text);
  });

  it('counts escapes towards the 160 limit', () => {
    assert.equal(encode('a'.repeat(158) + '€').parts.length, 1);
    assert.equal(encode('a'.repeat(159) + '€').parts.length, 2);
  });

  it('never splits an escape pair across parts', () => {
    const text = 'a'.repeat(152) + '€' + 'b'.repeat(10);
    const encoded = encode(text);
    assert.deepEqual(encoded.partUnits, [152, 12]);
    assert.notEqual(encoded.parts[0]!.at(-1), 0x1b, 'part 1 does not end with ESC');
    assert.deepEqual([...encoded.parts[1]!.subarray(6, 8)], [0x1b, 0x65]);
    assert.equal(roundTrip(encoded), text);
    // a run of escapes across several boundaries
    const brackets = '[]{}'.repeat(100);
    const many = encode(brackets);
    for (const part of many.parts) assert.notEqual(part.at(-1), 0x1b);
    assert.ok(many.partUnits.every((n) => n <= 153));
    assert.equal(roundTrip(many), brackets);
  });

  it('splits UCS-2 at 70 / 67 units without cutting a surrogate pair or a grapheme', () => {
    assert.equal(encode('ç'.repeat(70)).parts.length, 1);
    const split = encode('ç'.repeat(71));
    assert.deepEqual(split.partUnits, [67, 4]);

    const text = 'ç'.repeat(66) + '😀' + 'ç'.repeat(10);
    const encoded = encode(text);
    assert.deepEqual(encoded.partUnits, [66, 12], 'the emoji moves to part 2 whole');
    for (const part of encoded.parts) {
      assert.doesNotMatch(decode(part, DATA_CODING_UCS2, true), LONE_SURROGATE);
    }
    assert.equal(roundTrip(encoded), text);

    const family = '👨‍👩‍👧';
    const withCluster = 'ç'.repeat(63) + family + 'ç'.repeat(10);
    const clustered = encode(withCluster);
    assert.equal(clustered.partUnits[0], 63, 'the ZWJ family is not cut');
    assert.ok(decode(clustered.parts[1]!, DATA_CODING_UCS2, true).startsWith(family));
    assert.equal(roundTrip(clustered), withCluster);
  });

  it('round-trips a long mixed text in order', () => {
    const text = Array.from({ length: 40 }, (_, i) => `Question ${i + 1} : êtes-vous satisfait 😀 ? `).join('');
    const encoded = encode(text);
    assert.equal(encoded.encoding, 'ucs2');
    assert.ok(encoded.parts.length > 10);
    assert.equal(roundTrip(encoded), text);
  });

  it('refuses texts that need more than 255 parts', () => {
    assert.throws(() => encode('a'.repeat(153 * 256)), /at most 255/);
  });
});

describe('decode', () => {
  it('reads GSM septets with escapes, and an unknown escape as its basic character', () => {
    assert.equal(decode(Buffer.from([0x48, 0x69, 0x1b, 0x65, 0x1b, 0x3c, 0x7f]), 0, false), 'Hi€[à');
    assert.equal(decode(Buffer.from([0x1b, 0x41]), 0, false), 'A');
    assert.equal(decode(encodeGsm('{x}'), 0xf0, false), '{x}', 'data coding group 0xF0 is GSM');
  });

  it('reads Latin-1 and IA5 MO messages (never sent, but received from some SMSCs)', () => {
    assert.equal(decode(Buffer.from('Très déçu', 'latin1'), 0x03, false), 'Très déçu');
    assert.equal(decode(Buffer.from('hello'), 0x01, false), 'hello');
  });

  it('reads UCS-2 with a 16-bit reference UDH (IEI 0x08)', () => {
    const body = Buffer.from('ça', 'utf16le').swap16();
    const part = decodePart(Buffer.concat([Buffer.from([0x06, 0x08, 0x04, 0x12, 0x34, 3, 2]), body]), 0x08, true);
    assert.deepEqual(part, { text: 'ça', concat: { reference: 0x1234, total: 3, sequence: 2 } });
    assert.equal(decode(body, 0x18, false), 'ça', 'general group with class, UCS-2');
  });

  it('ignores a UDH flag on a buffer whose header does not fit', () => {
    assert.deepEqual(decodePart(Buffer.from([0x30, 0x41]), 0, true), { text: '0A' });
  });
});

describe('ConcatReassembler', () => {
  it('joins parts arriving out of order, ignores duplicates, and keeps them until done()', () => {
    const r = new ConcatReassembler();
    assert.equal(r.add('a', { text: 'B', concat: { reference: 7, total: 3, sequence: 2 } }), null);
    assert.equal(r.add('a', { text: 'C', concat: { reference: 7, total: 3, sequence: 3 } }), null);
    assert.equal(r.add('a', { text: 'C', concat: { reference: 7, total: 3, sequence: 3 } }), null);
    assert.equal(r.add('b', { text: 'x', concat: { reference: 7, total: 3, sequence: 1 } }), null, 'other sender');
    const whole = r.add('a', { text: 'A', concat: { reference: 7, total: 3, sequence: 1 } });
    assert.equal(whole?.text, 'ABC');
    // redelivered last part before done(): completes again
    assert.equal(r.add('a', { text: 'C', concat: { reference: 7, total: 3, sequence: 3 } })?.text, 'ABC');
    whole!.done();
    assert.equal(r.size, 1, 'only the other sender remains');
  });

  it('drops incomplete messages after the TTL', () => {
    const r = new ConcatReassembler(1000);
    r.add('a', { text: 'A', concat: { reference: 1, total: 2, sequence: 1 } }, 0);
    assert.equal(r.add('b', { text: 'single' }, 5000)?.text, 'single');
    assert.equal(r.size, 0);
    assert.equal(r.expired, 1);
  });
});
