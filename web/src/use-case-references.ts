import { useEffect, useState } from 'react';
import { casesApi } from './api-cases.js';
import { useLanguage, type Translate } from './i18n/index.js';
import type { Cause, ComplaintCategory, ReaderTeam } from './types.js';

// What every part of the workbench looks up and seldom changes: read once per page load and shared.
const categoriesByLanguage = new Map<string, Promise<ComplaintCategory[]>>();
const causesByLanguage = new Map<string, Promise<Cause[]>>();
let teamOfReader: { userId: string; team: Promise<ReaderTeam> } | undefined;

function useShared<T>(load: (() => Promise<T>) | null, key: string): T | undefined {
  const [value, setValue] = useState<{ key: string; data: T } | undefined>();
  useEffect(() => {
    if (!load) return;
    let current = true;
    load().then(
      (data) => current && setValue({ key, data }),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [key, load === null]);
  return value?.key === key ? value.data : undefined;
}

/** The complaint categories in the console's language (their labels and deadlines); undefined while loading. */
export function useComplaintCategories(enabled: boolean): ComplaintCategory[] | undefined {
  const language = useLanguage();
  const load = () => {
    let found = categoriesByLanguage.get(language);
    if (!found) {
      found = casesApi.complaintCategories(language).then((answer) => answer.items);
      // A failed read is tried again next time.
      found.catch(() => categoriesByLanguage.delete(language));
      categoriesByLanguage.set(language, found);
    }
    return found;
  };
  return useShared(enabled ? load : null, language);
}

/** The root causes offered for coding, in the console's language, parents before their children; undefined while loading. */
export function useCauses(enabled: boolean): Cause[] | undefined {
  const language = useLanguage();
  const load = () => {
    let found = causesByLanguage.get(language);
    if (!found) {
      found = casesApi.causes(language).then((answer) => answer.items);
      found.catch(() => causesByLanguage.delete(language));
      causesByLanguage.set(language, found);
    }
    return found;
  };
  return useShared(enabled ? load : null, language);
}

/** The label of a cause code with its parents ("Billing › Wrong roaming charges"); the code itself for one no longer listed. */
export function causeLabel(causes: readonly Cause[] | undefined, code: string): string {
  const cause = causes?.find((c) => c.code === code);
  if (!cause) return code;
  return cause.path.map((p) => causes!.find((c) => c.code === p)?.label ?? p).join(' › ');
}

/** A coded root cause in words: its path in the tree, or "unknown" with the reason. */
export function codedCause(cause: { code: string; unknownReason: string | null }, causes: readonly Cause[] | undefined, t: Translate): string {
  return cause.unknownReason !== null ? t('cases.causes.unknown', { reason: cause.unknownReason }) : causeLabel(causes, cause.code);
}

/** The reader's team and its people (whom cases are assigned to, the names queues show); undefined while loading. */
export function useReaderTeam(userId: string, enabled: boolean): ReaderTeam | undefined {
  const load = () => {
    if (teamOfReader?.userId !== userId) {
      const team = casesApi.readerTeam();
      team.catch(() => (teamOfReader = undefined));
      teamOfReader = { userId, team };
    }
    return teamOfReader.team;
  };
  return useShared(enabled ? load : null, userId);
}

/** The label of a category code in the console's language; the code itself for one no longer listed. */
export function categoryLabel(categories: readonly ComplaintCategory[] | undefined, code: string): string {
  return categories?.find((c) => c.code === code)?.label ?? code;
}

/** The name of a person the queues show: "me", a member of the reader's team, or undefined (someone else). */
export function personName(team: ReaderTeam | undefined, id: string): string | undefined {
  return team?.members.find((m) => m.id === id)?.displayName;
}
