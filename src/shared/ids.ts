import { v7 as uuidv7 } from 'uuid';

/** A new sortable id (UUID v7). */
export function newId(): string {
  return uuidv7();
}
