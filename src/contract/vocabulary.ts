// The lists the console's forms and filters offer: languages, contact channels, the channels of complaints.
export { LANGUAGES, type Language } from '../shared/languages.js';
export { CHANNELS, COMPLAINT_CHANNELS, type Channel, type ComplaintChannel } from '../shared/channels.js';
