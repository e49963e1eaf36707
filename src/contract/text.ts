// The topics a comment can be about, for the console's filters.
export { TOPICS, type Topic } from '../text/types.js';
