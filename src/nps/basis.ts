/** The NPS basis of a survey version, written `min-max/promoterMin/detractorMax`: figures on two bases are never added up. */
export interface Basis {
  scaleMin: number;
  scaleMax: number;
  promoterMin: number;
  detractorMax: number;
}

/** A basis as the key of an aggregate cell or a report row. */
export function basisKey(b: Basis): string {
  return `${b.scaleMin}-${b.scaleMax}/${b.promoterMin}/${b.detractorMax}`;
}

/** The basis of a key written by basisKey. */
export function parseBasis(key: string): Basis {
  const m = /^(\d+)-(\d+)\/(\d+)\/(\d+)$/.exec(key);
  if (!m) throw new Error(`not a basis: ${key}`);
  return { scaleMin: Number(m[1]), scaleMax: Number(m[2]), promoterMin: Number(m[3]), detractorMax: Number(m[4]) };
}
