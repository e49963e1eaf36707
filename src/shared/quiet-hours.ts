import { localInstants, offsetAt } from './local-time.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * When no automatic SMS is sent: from `quietStart` to `quietEnd` (local times HH:MM of
 * Europe/Luxembourg; a window across midnight when start > end, none when they are equal), and all
 * of Sunday when `quietSundays`. The survey rules and the message classes of the notifications
 * both have one.
 */
export interface QuietHours {
  quietStart: string;
  quietEnd: string;
  quietSundays: boolean;
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Whether a text is a local time HH:MM (00:00 to 23:59). */
export const isLocalTime = (text: string): boolean => HHMM.test(text);

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
};

/** Whether an instant falls in the quiet hours (Europe/Luxembourg wall clock). */
export function isQuiet(at: number, quiet: QuietHours): boolean {
  const wall = at + offsetAt(at);
  if (quiet.quietSundays && new Date(wall).getUTCDay() === 0) return true;
  const minute = Math.floor((((wall % DAY) + DAY) % DAY) / MINUTE);
  const start = minutesOf(quiet.quietStart);
  const end = minutesOf(quiet.quietEnd);
  if (start === end) return false;
  return start > end ? minute >= start || minute < end : minute >= start && minute < end;
}

/** The first instant at or after `at` outside the quiet hours: a message is postponed, never dropped. */
export function nextSendTime(at: number, quiet: QuietHours): number {
  let t = at;
  for (let guard = 0; guard < 10 && isQuiet(t, quiet); guard++) {
    const wall = t + offsetAt(t);
    const midnight = wall - (((wall % DAY) + DAY) % DAY);
    const end = minutesOf(quiet.quietEnd) * MINUTE;
    // The end of the quiet period today if it is still ahead, otherwise tomorrow's.
    const candidateWall = wall - midnight < end ? midnight + end : midnight + DAY + end;
    const instants = localInstants(candidateWall);
    t = instants[0] ?? candidateWall - offsetAt(candidateWall) + 3_600_000;
  }
  return t;
}
