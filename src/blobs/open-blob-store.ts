import type { BlobSettings } from '../config.js';
import type { BlobStore } from './blob-store.js';
import { DiskBlobStore } from './disk-blob-store.js';

/** The blob store the settings name (ECOUTE_BLOB_STORE, ECOUTE_BLOB_DIR). */
export function openBlobStore(settings: BlobSettings): BlobStore {
  switch (settings.store) {
    case 'disk':
      return new DiskBlobStore(settings.dir);
  }
}
