/**
 * Words that tell the language: mostly function words (articles, pronouns, auxiliaries,
 * prepositions), which every comment has whatever its subject. A word common to two languages
 * votes for both, at half weight (`merci` is French and Luxembourgish, `war` German and
 * Luxembourgish). Luxembourgish is told from German by its own function words and spellings.
 * Yes and no, and the words of "9 sur 10", are here for the SMS replies to surveys ("oui", "nee").
 * The words of the topic and sentiment lists vote too, more weakly (see CONTENT_VOTE), and so
 * do the numbers written as words (number-words.ts).
 */
import type { LanguageLists } from '../lexicon.js';

export const LANGUAGE_CUES: LanguageLists = {
  fr: `le, la, les, un:0.5, une, des, du, de:0.5, et:0.5, est, je, j, c, ce, cette, mon, ma, mes, pour, pas, ne,
    n, que, qui, avec, sur, dans, très, merci:0.5, bonjour, ai, été, était, suis, il, elle, on, vous,
    nous, au, aux, plus, mais, toujours, tout, rien, jamais, depuis, chez, ça, qu, y, sont, fait, trop,
    bien, bon, bonne, sans, par, encore, leur, ils, m, l, avez, a:0.5, votre, vos, moi, quand, comme, aucun,
    aucune, me:0.5, chaque, autre, chose, dit, ni, ou, cela, fois, parce, oui, ouais, non, mets, met, donne, donnerais,
    mettrais, personne, reponse, svp, stp, ligne, peu, note, etoiles, minutes:0.5, jours, cordialement, envoye, appele`,
  de: `der:0.75, die, das, den:0.5, dem:0.5, und, am:0.5, nach:0.5, in:0.5, worden, minuten, ist, ich, nicht,
    kein, keine, keinen, sehr, mit, bei:0.5, für, auf, zu:0.5, war:0.5, wurde, wird, haben, habe, hat:0.5,
    bin, sind, ein, eine, einen, einem, einer, es, sie, wir, mein, meine, meinen, mir:0.5, mich:0.5, danke,
    vielen, leider, schon, noch, immer, seit, wieder, gut, nur, auch, aber, oder, wenn, weil, dass, kann:0.5,
    geht, alles:0.5, nichts, jetzt, heute, ganz:0.5, ohne, viel, im, vom, zum, zur, man, keiner, niemand, wie,
    warum, hatte, ihr, ihre, dann:0.5, so:0.3, handy:0.5, telefon:0.5, bitte, siehe, ja, nein, von, nee:0.5, gebe, geben, geloest,
    hallo, bewertung, punkte, punkten, meinem, gesendet, ahnung, stunden, tage, grusse`,
  en: `the, and, is, was, i, my, it, to, of, for, with, not, very, thanks, thank, you, they, this, that, have,
    has, been, on, at, after, still, again, can, would, your, our, me:0.5, we, but, just, really, from, will,
    an, get, got, great, good, please, no:0.5, did, didn, don, doesn, isn, wasn, couldn, t, are, were, what,
    why, nobody, nothing, never, too, way, who, all, guys, any, every, time, there, had, be, its, a:0.5,
    in:0.5, few, hours, since, am:0.5, didnt, doesnt, ever, customer, as, always, keeps, mate, yes, yeah, yep,
    nope, out:0.5, one, give, gave, sent, rate, days, minutes:0.5, regards`,
  lb: `ech, mer, iech, dat, ass, sinn, si:0.5, hunn, hu, huet, hat:0.5, war:0.5, gouf, mat, fir, vun, vu, op,
    an:0.5, am:0.5, um, bei:0.5, zu:0.5, net, keen, kee, keng, awer, mee, och, nach, elo, ëmmer, zanter, wéi,
    wann, well:0.5, ze, gutt, zefridden, zefridde, villmools, vilmols, vill, merci:0.5, moien, eng, engem,
    enger, een, mäin, meng, mengem, menger, dir, är, eis, hei, do:0.5, jo, neen, näischt, dës, dëse, dësen,
    deen, déi, et:0.5, den:0.5, dem:0.5, de:0.5, ginn, gëtt, kritt, gemaach, hätt, kënnt, kann:0.5,
    wier, handy:0.5, telefon:0.5, mir:0.5, mech, mol, ganz:0.5, alles:0.5, dann:0.5, ouni, nëmmen, erëm, haut,
    gëschter, schonn, ugeruff, gewaart, firwat, wat, datt, sech, hien, un:0.5, der:0.5, minutten, grousse, méi,
    stad, nei, neie, nee, wor, bass, gelift, wgl, stonnen, deeg, greiss`,
};

/** Emoji and smileys with a clear valence, space-separated. */
export const EMOJI = {
  positive: '😊 🙂 😀 😃 😄 😁 😍 🥰 👍 👌 👏 🙏 💯 ❤ ♥ ✅ 🤩 😉 ☺ :) :-) :d ;) <3',
  negative: '😡 😠 🤬 👎 😤 😞 😢 😭 🙄 😒 😩 😫 💩 ❌ 😕 ☹ :( :-(',
};
