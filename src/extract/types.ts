import { z } from 'zod';

export const ENTITY_TYPES = ['PERSON', 'COUNTRY', 'ORGANIZATION', 'LOCATION', 'EVENT'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** The ontology's relation types (../shared/DESIGN.md §2); symmetric ones carry no direction. */
export const RELATION_TYPES = [
  'ALLIED_WITH', 'COOPERATES_WITH', 'SUPPORTS', 'SENT_TROOPS_TO', 'SUPPLIED_WEAPONS_TO', 'PROVIDED_AID_TO',
  'CONDEMNED', 'EXPRESSED_CONCERN_ABOUT', 'ACCUSED', 'THREATENED', 'CALLED_ON', 'ATTACKED', 'AT_WAR_WITH',
  'SANCTIONED', 'MET_WITH', 'SIGNED_AGREEMENT_WITH', 'LEADER_OF', 'OFFICIAL_OF', 'MEMBER_OF', 'LOCATED_IN',
  'PARTICIPATED_IN',
] as const;
export type RelationType = (typeof RELATION_TYPES)[number];
export const SYMMETRIC_RELATIONS: ReadonlySet<RelationType> = new Set(['ALLIED_WITH', 'COOPERATES_WITH', 'AT_WAR_WITH', 'MET_WITH', 'SIGNED_AGREEMENT_WITH']);

export const POLARITIES = ['POSITIVE', 'NEGATIVE'] as const;
export const MODALITIES = ['ASSERTED', 'REPORTED', 'ALLEGED', 'PLANNED', 'DENIED'] as const;
export type Polarity = (typeof POLARITIES)[number];
export type Modality = (typeof MODALITIES)[number];

const EntityRef = z.object({ id: z.string(), name: z.string() });

/** The `extract --json` shape (../shared/DESIGN.md §4). */
export const ExtractionResultSchema = z.object({
  language: z.string(),
  entities: z.array(
    z.object({
      id: z.string(),
      type: z.enum(ENTITY_TYPES),
      name: z.string(),
      wikidataId: z.string().optional(),
      mentions: z.array(z.object({ text: z.string(), start: z.number().int(), end: z.number().int() })),
    }),
  ),
  relations: z.array(
    z.object({
      type: z.enum(RELATION_TYPES),
      subject: EntityRef,
      object: EntityRef,
      polarity: z.enum(POLARITIES),
      modality: z.enum(MODALITIES),
      attributedTo: EntityRef.extend({ text: z.string() }).optional(),
      eventDate: z.string().optional(),
      quantity: z.object({ value: z.number(), unit: z.string(), text: z.string() }).optional(),
      location: EntityRef.optional(),
      role: z.string().optional(),
      confidence: z.number().min(0).max(1),
      extractor: z.string(),
      evidence: z.object({ sentence: z.string(), start: z.number().int(), end: z.number().int() }),
    }),
  ),
});

export type ExtractionResult = z.infer<typeof ExtractionResultSchema>;
export type ExtractedEntity = ExtractionResult['entities'][number];
export type ExtractedRelation = ExtractionResult['relations'][number];

export interface ArticleInput {
  text: string;
  /** Forces the language; detected when absent. */
  language?: string;
  /** ISO date (YYYY-MM-DD or full timestamp) the article was published: anchors relative dates and missing years. */
  publishedAt?: string;
}
