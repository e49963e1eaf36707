/**
 * Writes items that arrive one by one (SMSC acknowledgements, delivery receipts) in groups: while
 * one group is being written, the next accumulates, so a busy stream costs one transaction per
 * group instead of one per item, and a quiet one waits for nobody. `add()` resolves once its item
 * is written. A group that fails is written again item by item, so that an error is reported to
 * the item that caused it only.
 */
export class Coalescer<T> {
  private pending: { item: T; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private flushing = false;

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly maxGroup = 500,
  ) {}

  add(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      await Promise.resolve(); // items added in the same tick join the first group
      while (this.pending.length > 0) {
        const group = this.pending.splice(0, this.maxGroup);
        try {
          await this.write(group.map((entry) => entry.item));
          for (const entry of group) entry.resolve();
        } catch (error) {
          if (group.length === 1) {
            group[0]!.reject(error);
            continue;
          }
          for (const entry of group) {
            await this.write([entry.item]).then(entry.resolve, entry.reject);
          }
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}
