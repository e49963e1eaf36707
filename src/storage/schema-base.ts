/**
 * The storage conventions every row type follows (docs/ARCHITECTURE.md): ids are UUID v7 text,
 * times are UTC epoch milliseconds, flags are 0/1 integers (the same on SQLite and PostgreSQL),
 * phone numbers are E.164.
 */
import type { Channel, Direction } from '../shared/channels.js';
import type { Language } from '../shared/languages.js';
import type { Role } from '../shared/roles.js';

export type Flag = 0 | 1;
export type { Language };
export type { Channel, Direction, Role };

/** Who did something: a person, a system with a token, Ecoute itself, or a customer in the customer app (their party id). */
export type ActorKind = 'user' | 'token' | 'system' | 'customer';
