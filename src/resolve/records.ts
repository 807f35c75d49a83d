import { createHash } from 'node:crypto';
import type { Lexicon } from '../extract/lexicon';
import { searchKeys } from '../extract/normalize';
import type { ExtractionResult } from '../extract/types';
import { relationKey, type EntityType, type RelationType } from '../graph/ontology';

/** What the writer stores: entities with every name known for them, claims with their evidence. */

export interface ArticleRecord {
  id: string;
  url: string | null;
  title: string | null;
  source: string | null;
  publishedAt: string | null;
  language: string;
  contentHash: string;
  /** The extractor that read it (`rules@…`): an article an older one read is read again when ingested again. */
  extractor: string;
}

export interface EntityRecord {
  id: string;
  type: EntityType;
  name: string;
  wikidataId: string | null;
  /** "lang:name" per known name, so names accumulate per language in one list property. */
  names: string[];
  aliases: string[];
  searchKeys: string[];
}

export interface MentionRecord {
  entityId: string;
  count: number;
}

export interface ClaimRecord {
  id: string;
  type: RelationType;
  subjectId: string;
  objectId: string;
  relationKey: string;
  polarity: string;
  modality: string;
  attributedToId: string | null;
  attributionText: string | null;
  locationId: string | null;
  eventDate: string | null;
  quantityValue: number | null;
  quantityUnit: string | null;
  quantityText: string | null;
  role: string | null;
  confidence: number;
  extractor: string;
  sentence: string;
  start: number;
  end: number;
}

export interface ResolvedArticle {
  article: ArticleRecord;
  entities: EntityRecord[];
  mentions: MentionRecord[];
  claims: ClaimRecord[];
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Resolves one article's extraction into records: gazetteer entities carry all their names in every language,
 * discovered ones the names the article used; claim ids are a hash of their content, so writing twice is a no-op.
 */
export function resolveArticle(article: ArticleRecord, result: ExtractionResult, lexicon: Lexicon): ResolvedArticle {
  const entities = new Map<string, EntityRecord>();
  for (const e of result.entities) {
    const known = lexicon.gazetteer.entities.get(e.id);
    const names = new Set<string>();
    const aliases = new Set<string>([e.name]);
    if (known) {
      for (const [lang, list] of Object.entries(known.names)) for (const n of list) (names.add(`${lang}:${n}`), aliases.add(n));
    }
    for (const m of e.mentions) {
      aliases.add(m.text);
      if (!known) names.add(`${article.language}:${m.text}`);
    }
    entities.set(e.id, {
      id: e.id,
      type: e.type,
      name: e.name,
      wikidataId: e.wikidataId ?? null,
      names: [...names].sort(),
      aliases: [...aliases].sort(),
      searchKeys: searchKeys([...aliases]).sort(),
    });
  }
  const mentions = result.entities.map((e) => ({ entityId: e.id, count: e.mentions.length }));
  const claims = result.relations.map((r): ClaimRecord => {
    const fields = {
      type: r.type,
      subjectId: r.subject.id,
      objectId: r.object.id,
      relationKey: relationKey(r.type, r.subject.id, r.object.id),
      polarity: r.polarity,
      modality: r.modality,
      attributedToId: r.attributedTo?.id ?? null,
      attributionText: r.attributedTo?.text ?? null,
      locationId: r.location?.id ?? null,
      eventDate: r.eventDate ?? article.publishedAt?.slice(0, 10) ?? null,
      quantityValue: r.quantity?.value ?? null,
      quantityUnit: r.quantity?.unit ?? null,
      quantityText: r.quantity?.text ?? null,
      role: r.role ?? null,
      confidence: r.confidence,
      extractor: r.extractor,
      sentence: r.evidence.sentence,
      start: r.evidence.start,
      end: r.evidence.end,
    };
    return { id: sha256(`${article.id}|${JSON.stringify(fields)}`).slice(0, 32), ...fields };
  });
  // Places named only as a claim's location still need a node.
  for (const c of claims) {
    for (const id of [c.locationId, c.attributedToId]) {
      if (!id || entities.has(id)) continue;
      const known = lexicon.gazetteer.entities.get(id);
      if (!known) continue;
      const names = Object.values(known.names).flat();
      entities.set(id, { id, type: known.type, name: known.name, wikidataId: known.wikidataId ?? null, names: Object.entries(known.names).flatMap(([l, list]) => list.map((n) => `${l}:${n}`)).sort(), aliases: [...new Set([known.name, ...names])].sort(), searchKeys: searchKeys([known.name, ...names]).sort() });
    }
  }
  return { article, entities: [...entities.values()], mentions, claims };
}
