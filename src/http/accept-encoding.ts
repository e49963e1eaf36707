/**
 * Whether a client takes a gzip-compressed answer, by its `Accept-Encoding` (RFC 9110 §12.5.3):
 * `gzip` (or `x-gzip`, or `*`) listed with a quality above 0.
 */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let gzip: number | undefined;
  let any: number | undefined;
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(p)).find(Boolean);
    const quality = q ? Number(q[1]) : 1;
    if (name === 'gzip' || name === 'x-gzip') gzip = quality;
    else if (name === '*') any = quality;
  }
  return (gzip ?? any ?? 0) > 0;
}
