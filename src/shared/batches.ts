/** Rows per multi-row statement and values per IN list: well under both engines' parameter limits. */
const CHUNK = 500;

/** `items` cut into consecutive slices of at most `size`. */
export function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Runs `query` on each chunk of `keys` (IN lists) and concatenates the rows. */
export async function inChunks<K, R>(keys: K[], query: (chunk: K[]) => Promise<R[]>): Promise<R[]> {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return [];
  const parts = [];
  for (const chunk of chunks(unique)) parts.push(await query(chunk));
  return parts.flat();
}
