import { setPriority } from 'node:os';

/** The nice value of background work (`--priority low`): the lowest. */
export const BACKGROUND_NICE = 19;

/**
 * Gives the CPU to anything of normal priority on the machine (an Ecoute server answering advisors):
 * the process's (on Linux, the calling thread's and the threads it starts after) nice value becomes 19.
 */
export function lowerPriority(): void {
  try {
    setPriority(0, BACKGROUND_NICE);
  } catch {
    // not allowed here: the command runs at the priority it was given
  }
}

/**
 * Whether a command line runs background work at low priority: a bulk import (`ecoute import …`,
 * `ecoute studies import …`) without `--priority normal`. Read before anything else of Ecoute is
 * loaded (src/cli/main.ts), so that loading it, a second of CPU, already gives way; the option itself
 * is parsed and checked with the command's others (src/cli/import.ts).
 */
export function runsInBackground(args: readonly string[]): boolean {
  const bulk = args[0] === 'import' || ((args[0] === 'studies' || args[0] === 'usage') && args[1] === 'import');
  if (!bulk) return false;
  const at = args.findIndex((a) => a === '--priority' || a.startsWith('--priority='));
  const level = at === -1 ? 'low' : args[at]!.includes('=') ? args[at]!.slice('--priority='.length) : args[at + 1];
  return level !== 'normal';
}
