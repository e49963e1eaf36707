import type { HeaderMessages } from './header.fr.js';

/** German texts of the console header's menus. */
export const headerDe: HeaderMessages = {
  more: 'Mehr',
  moreLabel: 'Weitere Seiten',
  account: 'Ihr Konto',
  role: 'Rolle: {{role}}',
};
