import { setPriority } from 'node:os';
import { REPORT_THREAD_NICE } from '../config.js';

/**
 * Lowers the calling thread's scheduling priority, so that reports give way to the thread that
 * answers recognitions. On Linux a thread has a nice value of its own, and setpriority on "this
 * process" (0) sets the calling thread's only: the serving thread keeps its priority. Elsewhere it
 * would lower the whole process, so nothing is done there.
 */
export function giveWayToServing(nice = REPORT_THREAD_NICE): void {
  if (process.platform !== 'linux' || nice === 0) return;
  try {
    setPriority(0, nice);
  } catch {
    // not allowed here: reports keep the process's priority
  }
}
