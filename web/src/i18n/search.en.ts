import type { SearchMessages } from './search.fr.js';

/** English texts of the customer search. */
export const searchEn: SearchMessages = {
  label: 'Name, customer number or phone (or e-mail)',
  placeholder: 'e.g. Weber, 621 123 456 or lea@…',
  tooShort: 'Type at least {{min}} letters or digits.',
  more: 'More than {{count}} customers found: refine the search (first name, town…).',
  phone: 'Phone',
  locality: 'Town',
  customerNumber: 'Customer no.',
  noPhone: 'no phone',
};
