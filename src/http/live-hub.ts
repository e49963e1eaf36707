/**
 * An event pushed to one person's console: a call (incoming, answered, ended), a hot follow-up
 * that is theirs (`followup.hot`), a follow-up whose missed deadline was escalated to them
 * (`followup.escalated`).
 */
export interface ConsoleEvent {
  event: 'incoming-call' | 'call-answered' | 'call-ended' | 'followup.hot' | 'followup.escalated';
  data: unknown;
}

type Listener = (event: ConsoleEvent) => void;

/**
 * Delivers live events to the consoles of a given user. Process-local: with several
 * `ecoute serve` processes the telephony webhook must reach the process holding the
 * advisor's stream (sticky routing), which is what this interface is there to replace.
 */
export class LiveHub {
  private readonly listeners = new Map<string, Set<Listener>>();

  subscribe(userId: string, listener: Listener): () => void {
    let set = this.listeners.get(userId);
    if (!set) {
      set = new Set();
      this.listeners.set(userId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(userId);
    };
  }

  /** Sends to every open console of the user; returns how many received it. */
  publish(userId: string, event: ConsoleEvent): number {
    const set = this.listeners.get(userId);
    if (!set) return 0;
    for (const listener of set) listener(event);
    return set.size;
  }

  connections(userId: string): number {
    return this.listeners.get(userId)?.size ?? 0;
  }
}
