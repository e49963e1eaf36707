// How a character travels in an SMS, for the console's length counter: the server's GSM 03.38 alphabet.
export { gsmSeptets } from '../sms/encoding.js';
