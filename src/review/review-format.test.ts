import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reviewFormat, winAnsi } from './review-format.js';

/** Intl writes French thousands and the space before % as narrow or plain no-break spaces: compare as spaces. */
const spaces = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('the review’s figures as a reader of the language writes them', () => {
  const cases = {
    fr: { count: '1 234 567', decimal: '1 234,5', points: ['+32,2', '-3,3', '0,0'], percent: '92,1 %', interval: '[29,1 ; 35,3]', p: ['p = 0,216', 'p < 0,001'], euros: '18 642,50', date: '01/12/2026', month: 'novembre 2026', short: 'nov. 25' },
    de: { count: '1.234.567', decimal: '1.234,5', points: ['+32,2', '-3,3', '0,0'], percent: '92,1 %', interval: '[29,1; 35,3]', p: ['p = 0,216', 'p < 0,001'], euros: '18.642,50', date: '01.12.2026', month: 'November 2026', short: 'Nov 25' },
    en: { count: '1,234,567', decimal: '1,234.5', points: ['+32.2', '-3.3', '0.0'], percent: '92.1%', interval: '[29.1, 35.3]', p: ['p = 0.216', 'p < 0.001'], euros: '18,642.50', date: '01/12/2026', month: 'November 2026', short: 'Nov 25' },
  } as const;
  for (const [language, want] of Object.entries(cases)) {
    it(`in ${language}`, () => {
      const f = reviewFormat(language as keyof typeof cases);
      assert.equal(spaces(f.count(1_234_567)), want.count);
      assert.equal(spaces(f.number(1234.5, 1)), want.decimal);
      // 32.236 rounds to 32.2; -3.25, exact in binary, rounds half away from zero; -0.04 is no change at one decimal, unsigned
      assert.deepEqual([f.points(32.23604977920514), f.points(-3.25), f.points(-0.04)], want.points);
      assert.equal(spaces(f.percent(1021 / 1108)), want.percent);
      assert.equal(f.interval(f.number(29.121355319790652, 1), f.number(35.27319159279958, 1)), want.interval);
      assert.deepEqual([f.pValue(0.2161099037215175), f.pValue(0.00011)], want.p);
      assert.equal(spaces(f.euros(1_864_250)), want.euros);
      // 23:30 UTC on 30 November is already 1 December in Luxembourg
      assert.equal(f.date('2026-11-30T23:30:00Z'), want.date);
      assert.equal(f.monthLong('2026-11'), want.month);
      assert.equal(f.monthShort('2025-11'), want.short);
      assert.equal(f.points(null), '–');
    });
  }
});

describe('texts drawn with the standard Helvetica (WinAnsi)', () => {
  it('keep Latin-1, the euro and typographic quotes as they are', () => {
    const text = 'Réclamation « Überfällig » – 12,5 € ‘ok’ “ok” … Œuvre ß';
    assert.equal(winAnsi(text), text);
  });

  it('map what WinAnsi lacks to an equivalent a reader takes the same way', () => {
    assert.equal(winAnsi('p ≤ 0,05 ≥ 1 − 2 → x'), 'p <= 0,05 >= 1 - 2 -> x');
    assert.equal(winAnsi('1\u202f234,5\u202f%'), '1\u00a0234,5\u00a0%');
    // ř loses its caron, á and ó are Latin-1, Ł has no decomposition
    assert.equal(winAnsi('Dvořák Łódź'), 'Dvorák ?ódz');
    assert.equal(winAnsi('e\u0301'), 'é');
    assert.equal(winAnsi('日本 🙂'), '?? ?');
  });

  it('leave no character outside WinAnsi', () => {
    const extra = new Set([0x152, 0x153, 0x160, 0x161, 0x178, 0x17d, 0x17e, 0x192, 0x2c6, 0x2dc, 0x2013, 0x2014, 0x2018, 0x2019, 0x201a, 0x201c, 0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122]);
    const all = Array.from({ length: 0x2fff }, (_, i) => String.fromCodePoint(i + 0x20)).join('');
    for (const char of winAnsi(all)) {
      const code = char.codePointAt(0)!;
      assert.ok((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || extra.has(code), `U+${code.toString(16)}`);
    }
  });
});
