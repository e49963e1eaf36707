// The contact channels, in the order forms offer them; those of complaints add the letter.
export { CHANNELS, COMPLAINT_CHANNELS } from '../../src/contract/vocabulary.js';
