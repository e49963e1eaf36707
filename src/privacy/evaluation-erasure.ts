import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';

/**
 * What becomes of the evaluations of an erased customer's contacts (docs/privacy.md, docs/quality.md):
 * the scores, answers, states and dates stay (they are the advisor's figures, not the customer's
 * data); every text an evaluator, an advisor or a second evaluator wrote about the contact goes
 * (comments, strengths, points to work on, markers, dispute comments and decisions, notes of the
 * steps, a drawn contact's replacement note), as they may tell of the customer. In the erasure's
 * transaction. Calibration scores hold no text.
 */
export async function eraseEvaluationTextsOf(db: Kysely<Database>, partyId: string): Promise<{ evaluations: number }> {
  const contacts = db.selectFrom('interactions').select('id').where('party_id', '=', partyId);
  const evaluations = (await db.selectFrom('evaluations').select('id').where('interaction_id', 'in', contacts).execute()).map((e) => e.id);
  await db.updateTable('quality_sample_items').set({ replace_note: null }).where('contact_id', 'in', contacts).where('replace_note', 'is not', null).execute();
  if (evaluations.length === 0) return { evaluations: 0 };
  for (let i = 0; i < evaluations.length; i += 500) {
    const part = evaluations.slice(i, i + 500);
    await db.updateTable('evaluations').set({ strengths: '', improvements: '', markers: '[]' }).where('id', 'in', part).execute();
    await db.updateTable('evaluation_answers').set({ comment: '' }).where('evaluation_id', 'in', part).execute();
    await db.updateTable('evaluation_disputes').set({ comment: '', decision_comment: null }).where('evaluation_id', 'in', part).execute();
    await db.updateTable('evaluation_events').set({ note: null }).where('evaluation_id', 'in', part).execute();
  }
  return { evaluations: evaluations.length };
}
