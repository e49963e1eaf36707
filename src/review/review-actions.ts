import type { ReviewActions } from './monthly-review.js';

/**
 * The improvement actions a review lists with their measured effect. Improvement actions are not
 * recorded in Ecoute yet (docs/improvement.md): the review lists none until they are.
 */
export const reviewActions: ReviewActions = async () => [];
