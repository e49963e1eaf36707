import { useCallback, useState } from 'react';
import { casesApi } from './api-cases.js';
import type { ComplaintSummary, FollowupSummary, User } from './types.js';
import { useLoad, type Loaded } from './use-load.js';

/** A customer's open complaints and follow-ups, as far as the reader may see them. */
export interface CustomerCasesData {
  complaints: ComplaintSummary[];
  followups: FollowupSummary[];
}

/** Loaded once per card for every panel that shows them; `reload` after a case is recorded. */
export interface CustomerCasesLoad {
  loaded: Loaded<CustomerCasesData>;
  reload: () => void;
}

/** Open cases a card lists (the queues' page size). */
const CARD_CASES = 20;

export function useCustomerCases(customerId: string, user: User): CustomerCasesLoad {
  const [reloads, setReloads] = useState(0);
  const can = (ability: string) => user.abilities.includes(ability);
  const loaded = useLoad(`${customerId}:${reloads}`, async () => {
    const [complaints, followups] = await Promise.all([
      can('complaint.read') ? casesApi.complaints({ customer: customerId, limit: CARD_CASES }).then((p) => p.items) : [],
      can('followup.read') ? casesApi.followups({ customer: customerId, limit: CARD_CASES }).then((p) => p.items) : [],
    ]);
    return { complaints, followups };
  });
  const reload = useCallback(() => setReloads((n) => n + 1), []);
  return { loaded, reload };
}
