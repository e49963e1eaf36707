/** French texts of the console header's menus: the reference for the other languages. */
export const headerFr = {
  more: 'Plus',
  moreLabel: 'Autres pages',
  account: 'Votre compte',
  role: 'Rôle : {{role}}',
};

export type HeaderMessages = typeof headerFr;
