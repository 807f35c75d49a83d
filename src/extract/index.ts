import type { Claim } from './claims';
import { confidence } from './claims';
import type { Doc } from './document';
import { entityOf } from './document';
import { defaultLexicon, type CompiledRules, type Lexicon } from './lexicon';
import { attachGovernmentBodies, discoverOrganizationsAndEvents, findGazetteerMentions, markBoilerplate } from './mentions';
import { detectLanguage } from './normalize';
import { findTriggerClaims } from './relations';
import { findRoles } from './roles';
import { splitSentences, tokenize, type Sentence } from './tokenize';
import { SYMMETRIC_RELATIONS, type ArticleInput, type ExtractedEntity, type ExtractedRelation, type ExtractionResult } from './types';

export { ExtractionResultSchema } from './types';
export type { ArticleInput, ExtractionResult } from './types';

/** Bumped whenever a change to rules or lexicon changes what is extracted. */
export const RULES_EXTRACTOR = 'rules@0.3.0';

/**
 * Extracts entities and evidenced claims from one article: pure, offline, deterministic.
 * Offsets are UTF-16 indices into `input.text` as given.
 */
export function extract(input: ArticleInput, lexicon: Lexicon = defaultLexicon()): ExtractionResult {
  const text = input.text;
  const language = input.language ?? detectLanguage(text);
  const tokens = tokenize(text);
  const publishedAt = input.publishedAt ? new Date(input.publishedAt.length === 10 ? `${input.publishedAt}T00:00:00Z` : input.publishedAt) : undefined;
  const sentences = splitSentences(text, tokens);
  const rules = lexicon.rules.get(language);
  const doc: Doc = {
    text,
    language,
    publishedAt: publishedAt && !Number.isNaN(publishedAt.getTime()) ? publishedAt : undefined,
    raws: tokens.raws,
    norms: tokens.norms,
    ids: tokens.ids,
    starts: tokens.starts,
    ends: tokens.ends,
    kinds: tokens.kinds,
    sentences,
    sentenceStarts: rules ? sentenceStarts(sentences, tokens.ids, rules) : new Int32Array(sentences.length),
    skipped: new Set(),
    mentions: [],
    entities: new Map(),
    lexicon,
    rules,
    titleTokens: new Set(),
  };
  markBoilerplate(doc);
  findGazetteerMentions(doc);
  attachGovernmentBodies(doc);
  discoverOrganizationsAndEvents(doc);
  const claims: Claim[] = [];
  if (doc.rules) {
    for (const [index] of doc.sentences.entries()) {
      if (doc.skipped.has(index)) continue;
      const roles = findRoles(doc, index);
      claims.push(...roles, ...findTriggerClaims(doc, index, roles));
    }
  }
  return { language, entities: entitiesOf(doc), relations: relationsOf(doc, claims) };
}

function sentenceStarts(sentences: Sentence[], ids: Int32Array, rules: CompiledRules): Int32Array {
  const starts = new Int32Array(sentences.length);
  for (let s = 0; s < sentences.length; s++) {
    let mask = 0;
    for (let k = sentences[s].tokenStart; k < sentences[s].tokenEnd; k++) mask |= rules.startMask(ids[k]);
    starts[s] = mask;
  }
  return starts;
}

function entitiesOf(doc: Doc): ExtractedEntity[] {
  const byId = new Map<string, ExtractedEntity>();
  for (const m of [...doc.mentions].sort((a, b) => a.start - b.start)) {
    let entity = byId.get(m.entityId);
    if (!entity) {
      const info = entityOf(doc, m.entityId);
      entity = info.wikidataId ? { id: info.id, type: info.type, name: info.name, wikidataId: info.wikidataId, mentions: [] } : { id: info.id, type: info.type, name: info.name, mentions: [] };
      byId.set(m.entityId, entity);
    }
    entity.mentions.push({ text: doc.text.slice(m.start, m.end), start: m.start, end: m.end });
  }
  return [...byId.values()];
}

function refOf(doc: Doc, id: string): { id: string; name: string } {
  return { id, name: entityOf(doc, id).name };
}

/** One relation per (type, arguments, polarity, modality, sentence): the most confident claim's. */
function relationsOf(doc: Doc, claims: Claim[]): ExtractedRelation[] {
  const best = new Map<string, { claim: Claim; score: number }>();
  for (const claim of claims) {
    const sentence = doc.sentences[claim.sentence];
    const score = confidence(claim, sentence.section === 'headline');
    const subject = claim.subject.entityId;
    const object = claim.object.entityId;
    const [first, second] = SYMMETRIC_RELATIONS.has(claim.type) && object < subject ? [object, subject] : [subject, object];
    const key = `${claim.type}|${first}|${second}|${claim.polarity}|${claim.modality}|${sentence.start}`;
    const existing = best.get(key);
    if (!existing || existing.score < score) best.set(key, { claim, score });
  }
  const articleDate = doc.publishedAt?.toISOString().slice(0, 10);
  return Array.from(best.values(), ({ claim, score }) => relationOf(doc, claim, score, articleDate));
}

function relationOf(doc: Doc, claim: Claim, score: number, articleDate: string | undefined): ExtractedRelation {
  const sentence = doc.sentences[claim.sentence];
  const eventDate = claim.eventDate ?? articleDate;
  // Optional fields are assigned in the contract's order, not spread in: a spread of a conditional object costs
  // V8 about 0.7 µs per relation.
  const relation: Partial<ExtractedRelation> = { type: claim.type, subject: refOf(doc, claim.subject.entityId), object: refOf(doc, claim.object.entityId), polarity: claim.polarity, modality: claim.modality };
  if (claim.attributedTo) {
    const source = refOf(doc, claim.attributedTo.entityId);
    relation.attributedTo = { id: source.id, name: source.name, text: claim.attributedTo.text };
  }
  if (eventDate) relation.eventDate = eventDate;
  if (claim.quantity) relation.quantity = claim.quantity;
  if (claim.location) relation.location = refOf(doc, claim.location);
  if (claim.role) relation.role = claim.role;
  relation.confidence = score;
  relation.extractor = RULES_EXTRACTOR;
  relation.evidence = { sentence: sentence.text, start: sentence.start, end: sentence.end };
  return relation as ExtractedRelation;
}
