import type { User } from './types.js';
import type { Route } from './use-route.js';

/** What a quality section page is given: the reader, the record open (`id`), its view (`query`) and the way to move. */
export interface QualitySectionProps {
  user: User;
  id: string | undefined;
  query: string;
  navigate: (route: Route, options?: { replace?: boolean }) => void;
}
