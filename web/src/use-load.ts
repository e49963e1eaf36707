import { useEffect, useState } from 'react';

/** What a load gives: the data once there (the previous data stays while the next load runs), or the error. */
export interface Loaded<T> {
  data: T | undefined;
  loading: boolean;
  error: unknown;
}

/**
 * Loads data and loads it again when `key` changes (the request's parameters, as a string); an
 * answer that arrives after the key changed is dropped. A null key loads nothing.
 */
export function useLoad<T>(key: string | null, load: () => Promise<T>): Loaded<T> {
  const [answer, setAnswer] = useState<{ key: string | null; data?: T; error?: unknown }>({ key: null });
  useEffect(() => {
    if (key === null) return;
    let current = true;
    load().then(
      (data) => current && setAnswer({ key, data }),
      (error: unknown) => current && setAnswer({ key, error }),
    );
    return () => {
      current = false;
    };
  }, [key]);
  // Loading from the render where the key changes: never a moment where old data passes for new.
  return { data: answer.data, loading: key !== null && answer.key !== key, error: answer.key === key ? answer.error : undefined };
}
