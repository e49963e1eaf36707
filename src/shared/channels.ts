/** The channels a contact happens on, in the order forms offer them. */
export const CHANNELS = ['phone', 'shop', 'email', 'chat', 'app', 'web', 'social'] as const;

export type Channel = (typeof CHANNELS)[number];

/** Which side started a contact. */
export const DIRECTIONS = ['inbound', 'outbound'] as const;

export type Direction = (typeof DIRECTIONS)[number];

/** The channels a complaint arrives on: those of contacts, and a letter. */
export const COMPLAINT_CHANNELS = [...CHANNELS, 'letter'] as const;

export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];
