import { isArabicScript, normalizePhrase, arabicKey } from './normalize';
import type { EntityType } from './types';

/** Runs of what a slug may not hold. */
const NOT_SLUG = /[^\p{L}\p{N}-]+/gu;

/** Deterministic id for an entity the gazetteer does not know: type plus normalized name. */
export function entityKey(type: EntityType, name: string): string {
  const norm = normalizePhrase(name.replace(/[«»"“”]/g, ' '));
  const words = norm.split(' ').map((w) => (isArabicScript(w) ? arabicKey(w) : w));
  const slug = words
    .join('-')
    .replace(NOT_SLUG, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  return `${type.toLowerCase()}:${slug}`;
}
