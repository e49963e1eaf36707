import { useEffect, useState } from 'react';
import { MyApiError } from './my-api.js';
import { useMyLanguage } from './my-i18n.js';
import { wordError } from './sign-in.js';

/**
 * A list of the customer API read a page at a time, newest first (`before`: the previous page's
 * `next`): the rows so far, whether there is more, the refusal worded in the reader's language; a
 * session that ended signs the customer out.
 */
export function usePages<T>(page: (before?: string) => Promise<{ items: T[]; next: string | null }>, onSignedOut: () => void) {
  const { t } = useMyLanguage();
  const [items, setItems] = useState<T[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function load(before?: string) {
    try {
      const answer = await page(before);
      setItems((current) => [...(before ? (current ?? []) : []), ...answer.items]);
      setNext(answer.next);
      setError(null);
    } catch (e) {
      if (e instanceof MyApiError && e.status === 401) return onSignedOut();
      setError(wordError(t, e).text);
    }
  }
  useEffect(() => void load(), []); // eslint-disable-line react-hooks/exhaustive-deps

  return { items, next, error, more: () => (next ? load(next) : Promise.resolve()) };
}
