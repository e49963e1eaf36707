// The lists the console's forms and filters offer: languages and contact channels.
export { LANGUAGES, type Language } from '../shared/languages.js';
export { CHANNELS, type Channel } from '../shared/channels.js';
