// The languages customers are served in, for the console's forms and filters.
export { LANGUAGES, type Language } from '../shared/languages.js';
