/**
 * The cells of a batch of NPS aggregates in one growing typed array, a row per cell (its key, then
 * its measures), each found by its key in an open-addressing hash table (linear probing, kept at
 * most half full): a batch of a hundred thousand facts adds to millions of cells, and a Map or an
 * array per cell would keep the garbage collector busy. A cell's key and measures share a row, so
 * finding and adding to it touches two places in memory, not four. A key is two integers below
 * 2^22 (high) and 2^30 (low), which V8 keeps unboxed.
 */
export class CellStore {
  private count = 0;
  /** a row per cell, in the order added: high, low, then the measures */
  private rows: Int32Array;
  private readonly stride: number;
  /** hash table: cell index + 1, or 0 for a free place */
  private table = new Int32Array(2048);
  private mask = 2047;

  constructor(private readonly width: number) {
    this.stride = width + 2;
    this.rows = new Int32Array(this.stride * 1024);
  }

  get size(): number {
    return this.count;
  }

  /** Adds (measure index, amount) pairs to a cell. */
  add(high: number, low: number, changes: readonly number[]): void {
    const measures = this.rowOf(high, low) + 2;
    for (let i = 0; i < changes.length; i += 2) this.rows[measures + changes[i]!]! += changes[i + 1]!;
  }

  /** Every cell in key order: its key and its measures (a view, valid until the store changes). */
  forEachSorted(visit: (high: number, low: number, measures: Int32Array) => void): void {
    // Keys below 2^22 (high) and 2^30 (low) make one exact double, ordered as (high, low).
    const keys = new Float64Array(this.count);
    for (let i = 0; i < this.count; i++) keys[i] = this.rows[i * this.stride]! * 2 ** 30 + this.rows[i * this.stride + 1]!;
    keys.sort();
    for (const key of keys) {
      const high = Math.floor(key / 2 ** 30);
      const low = key - high * 2 ** 30;
      const row = this.rowOf(high, low);
      visit(high, low, this.rows.subarray(row + 2, row + 2 + this.width));
    }
  }

  clear(): void {
    this.rows.fill(0, 0, this.count * this.stride);
    this.table.fill(0);
    this.count = 0;
  }

  /** The offset of a cell's row, added if new. */
  private rowOf(high: number, low: number): number {
    const rows = this.rows;
    let place = hashOf(high, low) & this.mask;
    for (;;) {
      const entry = this.table[place]!;
      if (entry === 0) break;
      const row = (entry - 1) * this.stride;
      if (rows[row] === high && rows[row + 1] === low) return row;
      place = (place + 1) & this.mask;
    }
    const index = this.count++;
    if ((index + 1) * this.stride > this.rows.length) {
      const grown = new Int32Array(this.rows.length * 2);
      grown.set(this.rows);
      this.rows = grown;
    }
    const row = index * this.stride;
    this.rows[row] = high;
    this.rows[row + 1] = low;
    this.table[place] = index + 1;
    if (this.count * 2 > this.table.length) this.growTable();
    return row;
  }

  private growTable(): void {
    this.table = new Int32Array(this.table.length * 2);
    this.mask = this.table.length - 1;
    for (let index = 0; index < this.count; index++) {
      let place = hashOf(this.rows[index * this.stride]!, this.rows[index * this.stride + 1]!) & this.mask;
      while (this.table[place] !== 0) place = (place + 1) & this.mask;
      this.table[place] = index + 1;
    }
  }
}

/** Mixes a cell key into 32 bits (multiplicative hashing, then the high bits folded down). */
function hashOf(high: number, low: number): number {
  const h = Math.imul(high, 0x9e3779b1) ^ Math.imul(low, 0x85ebca77);
  return h ^ (h >>> 15);
}
