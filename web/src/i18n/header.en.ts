import type { HeaderMessages } from './header.fr.js';

/** English texts of the console header's menus. */
export const headerEn: HeaderMessages = {
  more: 'More',
  moreLabel: 'Other pages',
  account: 'Your account',
  role: 'Role: {{role}}',
};
