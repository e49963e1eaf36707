// How a survey's first SMS is put together (no schema here: the console imports it).

/**
 * The first SMS of a survey from its parts (the question, then the resolved question and the comment
 * invitation when asked), each a sentence of its own: a part that ends without a full stop, a question
 * or an exclamation mark gets a full stop ("… STOP: plus de sondage. Un mot ?"). The server sends it;
 * the console counts its length as the version is written.
 */
export function joinSurveyParts(parts: readonly string[]): string {
  const kept = parts.map((p) => p.trim()).filter((p) => p !== '');
  return kept.map((part, i) => (i < kept.length - 1 && !/[.!?…]$/.test(part) ? `${part}.` : part)).join(' ');
}
