import { setPriority } from 'node:os';

/** The nice value of a report thread: the lowest priority, so that recognition never waits for a report's CPU. */
export const REPORT_THREAD_NICE = 19;

/**
 * Lowers the calling thread's scheduling priority, so that reports give way to the thread that
 * answers recognitions. On Linux a thread has a nice value of its own, and setpriority on "this
 * process" (0) sets the calling thread's only: the serving thread keeps its priority. Elsewhere it
 * would lower the whole process, so nothing is done there.
 */
export function giveWayToServing(): void {
  if (process.platform !== 'linux') return;
  try {
    setPriority(0, REPORT_THREAD_NICE);
  } catch {
    // not allowed here: reports keep the process's priority
  }
}
