import type { Mention, MentionSource } from './document';
import type { Modality, Polarity, RelationType } from './types';

/** How an argument was found, for confidence: a full name is surest, an argument carried over from another clause least. */
export type ArgumentSource = MentionSource | 'inherited';

export const ARGUMENT_FACTOR: Record<ArgumentSource, number> = {
  name: 1,
  short: 0.95,
  metonym: 0.92,
  body: 0.9,
  location: 0.9,
  gentilic: 0.85,
  discovered: 0.85,
  inherited: 0.8,
};

export interface Claim {
  type: RelationType;
  subject: Mention;
  object: Mention;
  subjectSource: ArgumentSource;
  objectSource: ArgumentSource;
  sentence: number;
  /** Token span of the trigger (or title) that the claim rests on. */
  triggerStart: number;
  triggerEnd: number;
  strength: number;
  polarity: Polarity;
  modality: Modality;
  attributedTo?: { entityId: string; text: string };
  eventDate?: string;
  quantity?: { value: number; unit: string; text: string };
  location?: string;
  role?: string;
}

/**
 * Confidence of a claim, deterministic and documented:
 *   strength of the trigger (its lexicon entry, 0–1)
 * × how the subject was found × how the object was found (ARGUMENT_FACTOR)
 * × distance: 1, less 0.03 per token the claim spans beyond 6, floored at 0.6
 * × 0.9 in a headline (telegraphic, no attribution).
 */
export function confidence(claim: Claim, headline: boolean): number {
  const first = Math.min(claim.triggerStart, claim.subject.tokenStart, claim.object.tokenStart);
  const last = Math.max(claim.triggerEnd, claim.subject.tokenEnd, claim.object.tokenEnd);
  const distance = Math.max(0.6, 1 - 0.03 * Math.max(0, last - first - 6));
  const value = claim.strength * ARGUMENT_FACTOR[claim.subjectSource] * ARGUMENT_FACTOR[claim.objectSource] * distance * (headline ? 0.9 : 1);
  return Math.round(Math.min(0.99, Math.max(0.05, value)) * 100) / 100;
}
