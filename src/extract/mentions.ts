import type { Doc, Mention } from './document';
import { entityOf, mayStartIn, sentenceMentions } from './document';
import { entityKey } from './keys';
import type { CompiledRules, GazetteerEntry, PhraseMatch, PhraseSet } from './lexicon';
import { isArabicScript, normalizeToken, startsUppercase } from './normalize';
import { TokenKind } from './tokenize';

const KIND_PRIORITY: Record<GazetteerEntry['kind'], number> = { name: 0, metonym: 1, location: 2, gentilic: 3, short: 4 };
const BULLET = /^[•·▪●■◦‣∙*-]$/;

/** Marks boilerplate sentences: a related-articles header and the short list lines after it, tag and source lines. */
export function markBoilerplate(doc: Doc): void {
  const rules = doc.rules;
  if (!rules) return;
  const { related, longestRelated, drop } = boilerplateOf(rules);
  let inList = false;
  let lastParagraph = -1;
  for (const [index, s] of doc.sentences.entries()) {
    // Words and numbers: punctuation does not count.
    let wordCount = 0;
    let colon = false;
    for (let k = s.tokenStart; k < s.tokenEnd; k++) {
      if (isWord(doc, k)) wordCount++;
      else if (doc.raws[k] === ':') colon = true;
    }
    const newParagraph = s.paragraph !== lastParagraph;
    lastParagraph = s.paragraph;
    // Only a line about as short as a header can be one (the words are joined only then).
    const words = wordCount <= longestRelated + 1 || (newParagraph && colon) ? wordsOf(doc, s.tokenStart, s.tokenEnd) : undefined;
    const text = words?.join(' ');
    if (words && related.some((h) => text === h.text || (text!.startsWith(h.text) && words.length <= h.words + 1))) {
      doc.skipped.add(index);
      inList = true;
      continue;
    }
    if (words && newParagraph && colon && drop.some((h) => words.slice(0, 2).join(' ') === h || words[0] === h)) {
      doc.skipped.add(index);
      continue;
    }
    const fewWords = wordCount <= 16;
    const bullet = BULLET.test(doc.raws[s.tokenStart]);
    if (inList && (bullet || fewWords)) {
      doc.skipped.add(index);
      continue;
    }
    if (!fewWords) inList = false;
    if (bullet && fewWords) doc.skipped.add(index);
  }
}

function wordsOf(doc: Doc, from: number, to: number): string[] {
  const words: string[] = [];
  for (let k = from; k < to; k++) if (isWord(doc, k)) words.push(doc.norms[k]);
  return words;
}

/** A word or number that normalization left something of (a lone diacritic is none). */
function isWord(doc: Doc, k: number): boolean {
  return doc.kinds[k] !== TokenKind.punct && doc.norms[k] !== '';
}

const BOILERPLATE = new WeakMap<CompiledRules, { related: { text: string; words: number }[]; longestRelated: number; drop: string[] }>();

/** A language's boilerplate headers, normalized once. */
function boilerplateOf(rules: CompiledRules) {
  let compiled = BOILERPLATE.get(rules);
  if (!compiled) {
    const normalize = (h: string) => h.split(/\s+/).map(normalizeToken).join(' ');
    const related = [...new Set(rules.data.boilerplate.relatedHeaders.map(normalize))].map((text) => ({ text, words: text.split(' ').length }));
    compiled = { related, longestRelated: Math.max(0, ...related.map((h) => h.words)), drop: [...new Set(rules.data.boilerplate.dropLines.map(normalize))] };
    BOILERPLATE.set(rules, compiled);
  }
  return compiled;
}

/**
 * A government body with its country acts as that country: "وزارة الخارجية الروسية", "الخارجية بـ بيونج يانج",
 * "the Russian Foreign Ministry", "Russia's defence ministry", "the Foreign Ministry of Iran".
 */
export function attachGovernmentBodies(doc: Doc): void {
  const rules = doc.rules;
  if (!rules) return;
  const bodies = rules.words('governmentBodies');
  for (const [index, s] of doc.sentences.entries()) {
    if (doc.skipped.has(index) || !mayStartIn(doc, index, bodies)) continue;
    for (let i = s.tokenStart; i < s.tokenEnd; i++) {
      const body = bodies.matchAt(doc, i, false, s.tokenEnd)[0];
      if (body && !covered(doc, index, i) && attachBody(doc, index, i, body)) i = body.end - 1;
    }
  }
}

/** Widens the mention of the country or organization a body at token i belongs to; whether there was one. */
function attachBody(doc: Doc, sentence: number, i: number, body: PhraseMatch<true>): boolean {
  const s = doc.sentences[sentence];
  const english = doc.language === 'en';
  // "Niger's military ruler", "army chief": the body word opens a title, not an actor.
  if (doc.rules!.titles.matchAt(doc, i, false, s.tokenEnd).some((t) => t.end > body.end)) return false;
  const mentions = doc.mentions.filter((m) => m.sentence === sentence && (m.type === 'COUNTRY' || m.type === 'ORGANIZATION'));
  const after = mentions.find((m) => m.tokenStart === body.end || (m.tokenStart === body.end + 1 && /^(ب|في|of|in)$/.test(doc.norms[body.end])));
  const before = english ? mentions.find((m) => m.tokenEnd === i || (m.tokenEnd === i - 1 && /^('s|’s)$/.test(doc.raws[i - 1]))) : undefined;
  const country = english ? before ?? (doc.norms[body.end] === 'of' ? after : undefined) : after;
  if (!country) return false;
  if (country.tokenStart > i) {
    const skip = body.proclitic.replace(/ال$/, '').length;
    country.start = doc.starts[i] + Math.min(skip, doc.raws[i].length - 1);
    country.tokenStart = i;
    country.proclitic = body.proclitic;
  } else {
    country.tokenEnd = body.end;
    country.end = doc.ends[body.end - 1];
  }
  country.source = 'body';
  return true;
}

/** Matches the gazetteer over every sentence in one pass, longest match first. */
export function findGazetteerMentions(doc: Doc): void {
  const { gazetteer } = doc.lexicon;
  const candidates: { mention: Mention; entry: GazetteerEntry }[] = [];
  const pending: { mention: Mention; entry: GazetteerEntry }[] = [];
  for (const [index, s] of doc.sentences.entries()) {
    if (doc.skipped.has(index)) continue;
    for (let i = s.tokenStart; i < s.tokenEnd; ) {
      if (doc.kinds[i] === TokenKind.punct) {
        i++;
        continue;
      }
      const match = gazetteer.longestAt(doc, i, s.tokenEnd);
      if (!match) {
        i++;
        continue;
      }
      // "the West Bank", "the White House Press Secretary": a "the ..." name running into a capitalized word is a longer name.
      if (doc.language === 'en' && doc.norms[i] === 'the' && startsUppercase(doc.raws[match.end] ?? '')) {
        i++;
        continue;
      }
      const entry = firstByKind(match.entries);
      if (entry.ambiguous && !licensed(doc, i, s.tokenStart)) {
        pending.push({ mention: makeMention(doc, entry.entityId, entry.kind, i, match.end, match.proclitic, index), entry });
        i++;
        continue;
      }
      candidates.push({ mention: makeMention(doc, entry.entityId, entry.kind, i, match.end, match.proclitic, index), entry });
      i = match.end;
    }
  }
  // An ambiguous name ("مالي", "Jordan") listed with countries ("مالي والنيجر") is a country after all.
  for (const p of pending) {
    const type = entityOf(doc, p.entry.entityId).type;
    const listed = candidates.some((c) => c.mention.sentence === p.mention.sentence && c.mention.type === type && ((c.mention.tokenStart === p.mention.tokenEnd && /^[وف]/.test(c.mention.proclitic)) || (c.mention.tokenStart === p.mention.tokenEnd + 1 && /^(and|,|،)$/.test(doc.norms[p.mention.tokenEnd]))));
    if (listed) candidates.push(p);
  }
  candidates.sort((a, b) => a.mention.tokenStart - b.mention.tokenStart);
  // A surname alone names a person only once the full name appeared, unless the data says it is unambiguous.
  const named = new Set<string>();
  for (const c of candidates) if (c.entry.kind !== 'short') named.add(c.entry.entityId);
  for (const { mention, entry } of candidates) {
    if (entry.kind === 'short' && !entry.standalone && !named.has(entry.entityId)) continue;
    if (entry.kind === 'short' && doc.language === 'en' && startsUppercase(doc.raws[mention.tokenEnd] ?? '')) continue;
    doc.mentions.push(resolveMetonym(doc, mention));
  }
}

/** The entry of the highest-priority kind (a name before a metonym ...); of two alike, the first. */
function firstByKind(entries: readonly GazetteerEntry[]): GazetteerEntry {
  let first = entries[0];
  for (const e of entries) if (KIND_PRIORITY[e.kind] < KIND_PRIORITY[first.kind]) first = e;
  return first;
}

function licensed(doc: Doc, index: number, sentenceStart: number): boolean {
  if (index === sentenceStart) return true;
  if (doc.kinds[index - 1] === TokenKind.punct) return true;
  const rules = doc.rules;
  if (!rules) return false;
  const prev = doc.ids[index - 1];
  return rules.words('functionWords').has(prev) || rules.words('orgCues').has(prev) || rules.words('locativePreps').has(prev);
}

export function makeMention(doc: Doc, entityId: string, source: Mention['source'], tokenStart: number, tokenEnd: number, proclitic: string, sentence: number): Mention {
  const info = entityOf(doc, entityId);
  // Offsets skip a conjunction or preposition clitic (وروسيا → روسيا) but keep the article (الكرملين).
  const skip = proclitic ? proclitic.replace(/ال$/, '').replace(/س$/, '').length : 0;
  return {
    entityId,
    type: info.type,
    source,
    tokenStart,
    tokenEnd,
    start: doc.starts[tokenStart] + rawLength(doc.raws[tokenStart], skip),
    end: doc.ends[tokenEnd - 1],
    proclitic,
    sentence,
  };
}

/** Length in the raw token of its first `normalizedChars` letters (diacritics ride along with their letter). */
function rawLength(raw: string, normalizedChars: number): number {
  if (normalizedChars === 0) return 0;
  let seen = 0;
  for (let i = 0; i < raw.length; i++) {
    if (normalizeToken(raw[i]) !== '') seen++;
    if (seen === normalizedChars) {
      let j = i + 1;
      while (j < raw.length && normalizeToken(raw[j]) === '') j++;
      return j;
    }
  }
  return raw.length;
}

/** A capital used as an actor is its country; after a locative preposition it is the place itself. */
function resolveMetonym(doc: Doc, mention: Mention): Mention {
  const info = entityOf(doc, mention.entityId);
  if (mention.source !== 'metonym' || !info.standsFor) return mention;
  const isCity = /^Q\d+$/.test(info.id);
  if (isCity && afterLocative(doc, mention)) return { ...mention, source: 'location' };
  const country = entityOf(doc, info.standsFor);
  return { ...mention, entityId: country.id, type: country.type };
}

export function afterLocative(doc: Doc, mention: Mention): boolean {
  const rules = doc.rules;
  if (!rules) return false;
  return mention.tokenStart > 0 && rules.words('locativePreps').has(doc.ids[mention.tokenStart - 1]);
}

// ---------------------------------------------------------------------------------------------
// Discovery: what the gazetteer lacks, found by cue words.

const QUOTE_OPEN = new Set(['«', '"', '“']);
const QUOTE_CLOSE = new Set(['»', '"', '”']);

/** Organizations and events named by a cue word and a quoted or capitalized name; events around a known body ("BRICS summit"). */
export function discoverOrganizationsAndEvents(doc: Doc): void {
  const rules = doc.rules;
  if (!rules) return;
  const orgCues = rules.words('orgCues');
  for (const index of doc.sentences.keys()) {
    if (doc.skipped.has(index)) continue;
    if (mayStartIn(doc, index, rules.eventCues) || mayStartIn(doc, index, orgCues)) discoverCued(doc, index);
    if (doc.language === 'en') discoverCapitalizedOrganizations(doc, index);
  }
}

/** In one sentence: events at an event cue, organizations at a cue word followed by a quoted name. */
function discoverCued(doc: Doc, sentence: number): void {
  const rules = doc.rules!;
  const orgCues = rules.words('orgCues');
  const s = doc.sentences[sentence];
  for (let i = s.tokenStart; i < s.tokenEnd; i++) {
    const event = rules.eventCues.matchAt(doc, i, false, s.tokenEnd)[0];
    if (event) {
      if (!covered(doc, sentence, i)) discoverEvent(doc, sentence, i, event.end, event.value);
      continue;
    }
    if (!orgCues.has(doc.ids[i]) || covered(doc, sentence, i)) continue;
    const quoted = quotedName(doc, i + 1, s.tokenEnd);
    if (quoted && !doc.mentions.some((m) => m.tokenStart >= quoted.from && m.tokenEnd <= quoted.to)) {
      const name = doc.text.slice(doc.starts[quoted.from], doc.ends[quoted.to - 1]);
      addDiscovered(doc, 'ORGANIZATION', name, sentence, quoted.from, quoted.to);
    }
  }
}

function covered(doc: Doc, sentence: number, i: number): boolean {
  for (const m of sentenceMentions(doc, sentence)) if (i >= m.tokenStart && i < m.tokenEnd) return true;
  return false;
}

function quotedName(doc: Doc, from: number, limit: number): { from: number; to: number } | undefined {
  let i = from;
  if (i < limit && doc.norms[i] === 'ب') i++;
  if (i >= limit || !QUOTE_OPEN.has(doc.raws[i])) return undefined;
  for (let j = i + 1; j < Math.min(limit, i + 8); j++) {
    if (QUOTE_CLOSE.has(doc.raws[j])) return j > i + 1 ? { from: i + 1, to: j } : undefined;
  }
  return undefined;
}

function discoverEvent(doc: Doc, sentence: number, cueStart: number, cueEnd: number, kind: string): void {
  const s = doc.sentences[sentence];
  const english = doc.language === 'en';
  // Arabic: قمة «بريكس» / قمة مجموعة العشرين (name after the cue); English: the BRICS summit (name before it).
  let body: Mention | undefined;
  let spanStart = cueStart;
  let spanEnd = cueEnd;
  if (english) {
    body = doc.mentions.find((m) => m.sentence === sentence && m.tokenEnd === cueStart && m.type !== 'PERSON');
    if (body) spanStart = body.tokenStart;
  } else {
    let j = cueEnd;
    if (QUOTE_OPEN.has(doc.raws[j])) j++;
    body = doc.mentions.find((m) => m.sentence === sentence && m.tokenStart === j && m.type !== 'PERSON');
    if (body) spanEnd = QUOTE_CLOSE.has(doc.raws[body.tokenEnd] ?? '') ? body.tokenEnd + 1 : body.tokenEnd;
  }
  if (!body || spanEnd > s.tokenEnd) return;
  const info = entityOf(doc, body.entityId);
  const year = doc.publishedAt ? ` ${doc.publishedAt.getUTCFullYear()}` : '';
  const name = `${info.name} ${kind}${year}`;
  body.qualifies = 'event';
  addDiscovered(doc, 'EVENT', name, sentence, spanStart, spanEnd);
}

/** Whether a word of the set stands among ids [from, to). */
function anyIn(ids: Int32Array, from: number, to: number, set: PhraseSet<true>): boolean {
  for (let k = from; k < to; k++) if (set.has(ids[k])) return true;
  return false;
}

const CONNECTORS = new Set(['of', 'for', 'the', 'and', 'on', 'in']);

function discoverCapitalizedOrganizations(doc: Doc, sentence: number): void {
  const s = doc.sentences[sentence];
  const cues = doc.rules!.words('orgCues');
  let i = s.tokenStart;
  while (i < s.tokenEnd) {
    if (!startsUppercase(doc.raws[i]) || covered(doc, sentence, i) || doc.kinds[i] !== TokenKind.word) {
      i++;
      continue;
    }
    let j = i;
    let last = i;
    while (j < s.tokenEnd && !covered(doc, sentence, j) && (startsUppercase(doc.raws[j]) || (CONNECTORS.has(doc.raws[j]) && startsUppercase(doc.raws[j + 1] ?? '')))) {
      if (startsUppercase(doc.raws[j])) last = j;
      j++;
    }
    const start = i === s.tokenStart && doc.rules!.words('functionWords').has(doc.ids[i]) ? i + 1 : i;
    if (last > start && anyIn(doc.ids, i, last + 1, cues) && !isGenericName(doc, start, last + 1, s.tokenEnd)) {
      addDiscovered(doc, 'ORGANIZATION', doc.text.slice(doc.starts[start], doc.ends[last]), sentence, start, last + 1);
    }
    i = Math.max(j, i + 1);
  }
}

/**
 * A named body has a name besides its cue words: "Institute for the Study of War", not "Foreign Ministry" or a title.
 * Its own function: a closure over the scan's loop variables would allocate their context for every token.
 */
function isGenericName(doc: Doc, start: number, end: number, sentenceEnd: number): boolean {
  const rules = doc.rules!;
  for (const body of rules.words('governmentBodies').matchAt(doc, start, false, end)) if (body.end === end) return true;
  return rules.titles.matchAt(doc, start, false, sentenceEnd).length > 0;
}

export function addDiscovered(doc: Doc, type: Mention['type'], name: string, sentence: number, tokenStart: number, tokenEnd: number): Mention {
  const id = entityKey(type, name);
  if (!doc.entities.has(id)) {
    const lang = isArabicScript(name) ? 'ar' : doc.language;
    doc.entities.set(id, { id, type, name, names: { [lang]: [name] } });
  }
  const mention = makeMention(doc, id, 'discovered', tokenStart, tokenEnd, '', sentence);
  doc.mentions.push(mention);
  return mention;
}
