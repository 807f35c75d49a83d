import type { CompiledRules, EntityInfo, Lexicon, MentionKind, PhraseSet } from './lexicon';
import type { Sentence, Tokens } from './tokenize';
import type { EntityType } from './types';

/** How a mention was found; weighs into claim confidence. */
export type MentionSource = MentionKind | 'discovered' | 'body';

export interface Mention {
  entityId: string;
  type: EntityType;
  source: MentionSource;
  /** Token span [tokenStart, tokenEnd) in the article's tokens. */
  tokenStart: number;
  tokenEnd: number;
  /** UTF-16 offsets into the article, without a leading conjunction or preposition clitic. */
  start: number;
  end: number;
  /** Arabic proclitics stripped from the first token (و، ب، ل، ال ...). */
  proclitic: string;
  sentence: number;
  /** Set when the mention only qualifies something else (a title's country, an event's organization): not an argument. */
  qualifies?: 'affiliation' | 'event' | 'location' | 'attribution';
}

/** One article under extraction: its tokens (the arrays of `Tokens`), sentences, mentions and the entities found so far. */
export interface Doc extends Tokens {
  text: string;
  language: string;
  publishedAt?: Date;
  sentences: Sentence[];
  /** Per sentence: the scanned phrase sets (`CompiledRules.startMask` bits) that can start in it. */
  sentenceStarts: Int32Array;
  /** Sentences that are boilerplate (related-article lists, tag lines): no mentions, no claims. */
  skipped: Set<number>;
  mentions: Mention[];
  /** Entities known to the gazetteer or discovered in this article. */
  entities: Map<string, EntityInfo>;
  lexicon: Lexicon;
  rules?: CompiledRules;
  /** The actor the last sentence with a claim was about: Arabic carries it on in subjectless sentences. */
  lastSubject?: Mention;
  /** Tokens of title phrases ("الرئيس الروسي", "Foreign Minister"): arguments and coordination reach past them. */
  titleTokens: Set<number>;
}

const bySentence = new WeakMap<Doc, { count: number; map: Map<number, Mention[]> }>();
const NO_MENTIONS: readonly Mention[] = [];

/** The mentions of one sentence in text order (indexed once per change in the article's mentions). */
export function sentenceMentions(doc: Doc, sentence: number): readonly Mention[] {
  let index = bySentence.get(doc);
  if (!index || index.count !== doc.mentions.length) {
    const map = new Map<number, Mention[]>();
    for (const m of doc.mentions) {
      const list = map.get(m.sentence);
      if (list) list.push(m);
      else map.set(m.sentence, [m]);
    }
    // Most lists are in order already: a sort would still copy each one, on every reindex.
    for (const list of map.values()) if (!inTextOrder(list)) list.sort((a, b) => a.tokenStart - b.tokenStart);
    bySentence.set(doc, (index = { count: doc.mentions.length, map }));
  }
  return index.map.get(sentence) ?? NO_MENTIONS;
}

function inTextOrder(list: Mention[]): boolean {
  for (let k = 1; k < list.length; k++) if (list[k - 1].tokenStart > list[k].tokenStart) return false;
  return true;
}

/** Whether a phrase set can start anywhere in a sentence; a set no scan looks for always can. */
export function mayStartIn(doc: Doc, sentence: number, set: PhraseSet<unknown>): boolean {
  const bit = doc.rules?.scanBit(set) ?? 0;
  return bit === 0 || (doc.sentenceStarts[sentence] & bit) !== 0;
}

export function entityOf(doc: Doc, id: string): EntityInfo {
  const info = doc.entities.get(id) ?? doc.lexicon.gazetteer.entities.get(id);
  if (!info) throw new Error(`unknown entity ${id}`);
  return info;
}
