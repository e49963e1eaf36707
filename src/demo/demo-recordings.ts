import { execFileSync } from 'node:child_process';
import type { Kysely } from 'kysely';
import type { BlobStore } from '../blobs/blob-store.js';
import { storeRecording } from '../quality/recording-service.js';
import { syntheticCall } from '../quality/synthetic-audio.js';
import type { Database } from '../storage/schema.js';

/** The demo advisor whose recent calls get recordings (src/demo/logins.ts). */
const DEMO_ADVISOR = 'advisor@demo.ecoute.lu';
const RECORDINGS = 8;

/** What the demo's voices say, when espeak-ng is installed (one line per call, by turns). */
const LINES = [
  'Bonjour, Ecoute Télécom, Anne à votre écoute. Ma facture de novembre est plus élevée que prévu. Je regarde cela tout de suite.',
  'Guten Tag, ich habe seit gestern kein mobiles Internet mehr. Ich prüfe Ihre Leitung und setze die Einstellungen zurück.',
  'Hello, I would like to change my plan to one with more data. Of course, let me show you the options available.',
  'Bonjour, je déménage le mois prochain et je voudrais transférer ma box. Très bien, donnez-moi la nouvelle adresse.',
];

/** A call read out by espeak-ng (WAV), or undefined when it is not installed or fails. */
function spoken(text: string, voice: string): Uint8Array | undefined {
  try {
    const wav = execFileSync('espeak-ng', ['-v', voice, '-s', '150', '--stdout', text], { timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 20_000_000 });
    return wav.length > 44 ? new Uint8Array(wav) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Gives a handful of the demo advisor's recent phone contacts a short recording (10 to 30 s), so the
 * player works on first start (docs/quality.md, "Recordings"): spoken by espeak-ng where it is
 * installed, otherwise speech-like bursts generated here (8 kHz mono 16-bit WAV, deterministic).
 * Does nothing when the advisor has recordings already (a restart) or does not exist (no demo data).
 */
export async function loadDemoRecordings(db: Kysely<Database>, blobs: BlobStore): Promise<number> {
  const advisor = await db.selectFrom('users').select('id').where('email', '=', DEMO_ADVISOR).executeTakeFirst();
  if (!advisor) return 0;
  const existing = await db
    .selectFrom('recordings')
    .innerJoin('interactions', 'interactions.id', 'recordings.interaction_id')
    .select('recordings.id')
    .where('interactions.advisor_id', '=', advisor.id)
    .limit(1)
    .execute();
  if (existing.length > 0) return 0;
  const contacts = await db
    .selectFrom('interactions')
    .innerJoin('parties', 'parties.id', 'interactions.party_id')
    .select('interactions.id')
    .where('interactions.advisor_id', '=', advisor.id)
    .where('interactions.channel', '=', 'phone')
    .where('interactions.ended_at', 'is not', null)
    .where('parties.erased_at', 'is', null)
    .where('interactions.started_at', '<=', Date.now())
    .orderBy('interactions.started_at', 'desc')
    .limit(RECORDINGS)
    .execute();
  const settings = { maxBytes: 50 * 1024 * 1024, playMinutes: 120 };
  let stored = 0;
  for (const [i, contact] of contacts.entries()) {
    const audio = spoken(LINES[i % LINES.length]!, ['fr', 'de', 'en', 'fr'][i % 4]!) ?? syntheticCall(10 + ((i * 7) % 21), i + 1);
    await storeRecording({ db, blobs, settings }, contact.id, audio);
    stored++;
  }
  return stored;
}
