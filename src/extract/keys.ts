import { isArabicScript, normalizePhrase, arabicKey } from './normalize';
import type { EntityType } from './types';

/** Deterministic id for an entity the gazetteer does not know: type plus normalized name. */
export function entityKey(type: EntityType, name: string): string {
  const norm = normalizePhrase(name.replace(/[«»"“”]/g, ' '));
  const words = norm.split(' ').map((w) => (isArabicScript(w) ? arabicKey(w) : w));
  const slug = words
    .join('-')
    .replace(/[^\p{L}\p{N}-]+/gu, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  return `${type.toLowerCase()}:${slug}`;
}
