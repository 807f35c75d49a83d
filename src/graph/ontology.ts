import { ENTITY_TYPES, RELATION_TYPES, SYMMETRIC_RELATIONS, type EntityType, type RelationType } from '../extract/types';

/**
 * The allow-list that labels and relationship types come from: Cypher never takes them from user text,
 * only from these constants.
 */
export const ENTITY_LABELS: Record<EntityType, string> = {
  PERSON: 'Person',
  COUNTRY: 'Country',
  ORGANIZATION: 'Organization',
  LOCATION: 'Location',
  EVENT: 'Event',
};

export { ENTITY_TYPES, RELATION_TYPES, SYMMETRIC_RELATIONS };
export type { EntityType, RelationType };

export function isRelationType(value: string): value is RelationType {
  return (RELATION_TYPES as readonly string[]).includes(value);
}

/** The projected relationship's direction: symmetric relations are stored once, lower id first. */
export function projectedPair(type: RelationType, subject: string, object: string): [string, string] {
  return SYMMETRIC_RELATIONS.has(type) && object < subject ? [object, subject] : [subject, object];
}

export function relationKey(type: RelationType, subject: string, object: string): string {
  const [s, o] = projectedPair(type, subject, object);
  return `${type}|${s}|${o}`;
}
