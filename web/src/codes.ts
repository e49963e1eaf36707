// The contact channels, in the order forms offer them.
export { CHANNELS } from '../../src/contract/vocabulary.js';
