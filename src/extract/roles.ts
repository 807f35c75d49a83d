import type { Claim } from './claims';
import type { Doc, Mention } from './document';
import { entityOf, mayStartIn, sentenceMentions } from './document';
import type { OfficeData, TitleInfo } from './lexicon';
import { addDiscovered } from './mentions';
import { isArabicScript, startsLowercase, startsUppercase } from './normalize';
import { TokenKind } from './tokenize';

const ACTOR_TYPES = new Set(['COUNTRY', 'ORGANIZATION']);

/**
 * LEADER_OF and OFFICIAL_OF from a title next to a person: "الرئيس الروسي فلاديمير بوتين", "Foreign Minister X",
 * "X, the EU's foreign policy chief". The affiliation comes from the text (a country, gentilic or organization
 * in the title phrase), else from the person's office in the gazetteer valid at the article's date. A former
 * office ("former prime minister", "السابق") gives no relation. People the gazetteer lacks are discovered here.
 */
export function findRoles(doc: Doc, sentence: number): Claim[] {
  const rules = doc.rules!;
  const s = doc.sentences[sentence];
  const claims: Claim[] = [];
  if (!mayStartIn(doc, sentence, rules.titles)) return claims;
  const former = rules.words('formerMarkers');
  for (let i = s.tokenStart; i < s.tokenEnd; i++) {
    const title = rules.titles.matchAt(doc, i, false, s.tokenEnd)[0];
    if (!title || sentenceMentions(doc, sentence).some((m) => i >= m.tokenStart && i < m.tokenEnd)) continue;
    // "Vice President" beats "President" by length; a title word inside a longer one was consumed.
    const mentions = sentenceMentions(doc, sentence);
    const person = personAfter(doc, sentence, title.end) ?? personBefore(doc, mentions, i);
    if (!person) {
      i = title.end - 1;
      continue;
    }
    const lo = Math.min(i, person.tokenStart);
    const hi = Math.max(title.end, person.tokenEnd);
    const isFormer = [...range(Math.max(s.tokenStart, lo - 3), Math.min(s.tokenEnd, hi + 2))].some((k) => former.has(doc.ids[k]) || former.hasWord(doc.norms[k].replace(/^ال/, '')));
    const affiliation = affiliationOf(doc, mentions, i, title.end, person);
    if (affiliation) affiliation.qualifies = 'affiliation';
    // The title phrase up to the name (or after it, in apposition) is one unit for argument distance.
    const phraseEnd = person.tokenStart >= title.end ? person.tokenStart : Math.max(title.end, affiliation?.tokenEnd ?? 0);
    for (let k = person.tokenStart >= title.end ? i : Math.min(i, person.tokenEnd); k < phraseEnd; k++) doc.titleTokens.add(k);
    // "وزيرا خارجية البلدين هاكان فيدان وأسعد الشيباني": coordinated names share the title.
    const holders = [person, ...coordinatedPeople(doc, mentions, person)];
    for (const holder of holders) {
      if (isFormer) break;
      const own = holder === person ? affiliation : undefined;
      if (!own && title.value.rank) continue;
      const target = own?.entityId ?? officeAt(doc, holder.entityId, title.value)?.of;
      if (!target || target === holder.entityId) continue;
      const object: Mention = own ?? { ...holder, entityId: target, type: entityOf(doc, target).type, source: 'name' };
      claims.push({
        type: title.value.relation,
        subject: holder,
        object,
        subjectSource: holder.source,
        objectSource: own ? own.source : 'inherited',
        sentence,
        triggerStart: i,
        triggerEnd: title.end,
        strength: 0.95,
        polarity: 'POSITIVE',
        modality: 'ASSERTED',
        role: title.value.title,
      });
    }
    i = title.end - 1;
  }
  return claims;
}

function* range(from: number, to: number) {
  for (let k = from; k < to; k++) yield k;
}

/** The Arabic article, after an optional conjunction or preposition clitic. */
const ARTICLE = /^([وف]?(ال|بال|لل|كال))/;

/** The person a title introduces: the first PERSON within ten tokens (past the affiliation), or a discovered name. */
function personAfter(doc: Doc, sentence: number, from: number): Mention | undefined {
  const s = doc.sentences[sentence];
  const rules = doc.rules!;
  const limit = Math.min(s.tokenEnd, from + 10);
  const mentions = sentenceMentions(doc, sentence);
  let k = from;
  while (k < limit) {
    const m = mentions.find((x) => x.tokenStart === k);
    if (m?.type === 'PERSON') return m;
    if (m) {
      k = m.tokenEnd;
      continue;
    }
    if (rules.words('clauseBreakers').has(doc.ids[k]) || rules.triggers.matchAt(doc, k, false, s.tokenEnd).length || rules.speech.matchAt(doc, k, false, s.tokenEnd).length) break;
    const name = nameAt(doc, k, s.tokenEnd);
    if (name) return addDiscovered(doc, 'PERSON', doc.text.slice(doc.starts[k], doc.ends[name - 1]), sentence, k, name);
    // Only the title's own qualifiers may stand between it and the name.
    if (!isQualifier(doc, k)) break;
    k++;
  }
  return undefined;
}

/** Words that may continue a title before the name: "للشؤون الخارجية", "of", commas. */
function isQualifier(doc: Doc, k: number): boolean {
  if (doc.kinds[k] === TokenKind.punct) return doc.raws[k] === ',' || doc.raws[k] === '،';
  if (doc.language === 'en') return startsLowercase(doc.raws[k]) || doc.rules!.words('functionWords').has(doc.ids[k]);
  return true;
}

/** A name the gazetteer lacks: capitalized words (English) or two or three plain words before a boundary (Arabic). */
function nameAt(doc: Doc, k: number, end: number): number | undefined {
  const rules = doc.rules!;
  if (doc.language === 'en') {
    let j = k;
    while (j < end && j < k + 4 && doc.kinds[j] === TokenKind.word && startsUppercase(doc.raws[j]) && !rules.words('functionWords').has(doc.ids[j])) j++;
    return j - k >= 2 ? j : undefined;
  }
  if (!isArabicScript(doc.norms[k])) return undefined;
  let j = k;
  while (j < end && j < k + 3) {
    const n = doc.norms[j];
    if (doc.kinds[j] !== TokenKind.word || rules.words('functionWords').has(doc.ids[j]) || rules.triggers.matchAt(doc, j, false, end).length || rules.speech.matchAt(doc, j, false, end).length || rules.titles.matchAt(doc, j, false, end).length) break;
    // A name's words carry no article, but its last may (بشار الأسد); a name never opens with one.
    if (ARTICLE.test(n) && (j === k || !n.startsWith('ال'))) break;
    j++;
    if (ARTICLE.test(n)) break;
  }
  const boundary = j >= end || doc.kinds[j] === TokenKind.punct || rules.words('functionWords').has(doc.ids[j]) || rules.triggers.matchAt(doc, j, false, end).length > 0 || rules.speech.matchAt(doc, j, false, end).length > 0;
  return j - k >= 2 && boundary ? j : undefined;
}

/** "X, the title of Y", "X, Mali's transitional president", "X، الممثل الأعلى ...": the person before the title, past a comma. */
function personBefore(doc: Doc, mentions: readonly Mention[], titleStart: number): Mention | undefined {
  for (let k = titleStart - 1; k >= Math.max(0, titleStart - 6); k--) {
    if (doc.raws[k] === ',' || doc.raws[k] === '،') return mentions.find((m) => m.type === 'PERSON' && m.tokenEnd === k);
    const inMention = mentions.some((m) => k >= m.tokenStart && k < m.tokenEnd && m.type !== 'PERSON');
    if (!inMention && !/^(the|a|'s|’s)$/.test(doc.norms[k]) && !(doc.language === 'en' && startsLowercase(doc.raws[k]))) return undefined;
  }
  return undefined;
}

function coordinatedPeople(doc: Doc, mentions: readonly Mention[], person: Mention): Mention[] {
  const out: Mention[] = [];
  let last = person;
  for (;;) {
    const next = mentions.find((m) => m.type === 'PERSON' && m.tokenStart >= last.tokenEnd && m.tokenStart <= last.tokenEnd + 1 && (m.tokenStart === last.tokenEnd ? /^[وف]/.test(m.proclitic) || /^[وف]/.test(doc.norms[m.tokenStart]) : /^(and|و|,|،)$/.test(doc.norms[last.tokenEnd])));
    if (!next) return out;
    out.push(next);
    last = next;
  }
}

/** The country or organization the title phrase names: inside the phrase, before the title (English), or "of X" after it. */
function affiliationOf(doc: Doc, mentions: readonly Mention[], titleStart: number, titleEnd: number, person: Mention): Mention | undefined {
  const candidates = mentions.filter((m) => ACTOR_TYPES.has(m.type) && m.qualifies !== 'event');
  if (person.tokenStart >= titleEnd) {
    const inside = candidates.find((m) => m.tokenStart >= titleStart && m.tokenEnd <= person.tokenStart);
    if (inside) return inside;
  }
  // "Russian Foreign Minister", "Russia's foreign minister", "EU foreign policy chief", "X, Mali's transitional president".
  if (doc.language === 'en') {
    const before = candidates.findLast((m) => m.tokenEnd <= titleStart && titleStart - m.tokenEnd <= 2);
    if (before && doc.raws.slice(before.tokenEnd, titleStart).every((raw) => /^('s|’s|the)$/i.test(raw))) return before;
  }
  if (person.tokenStart < titleEnd) {
    // Apposition: "X, the president of Y", "X، الممثل الأعلى للاتحاد الأوروبي".
    return candidates.find((m) => m.tokenStart >= titleEnd && m.tokenStart <= titleEnd + 2 && (/^(of|for)$/.test(doc.norms[m.tokenStart - 1]) || /^[وف]?ل/.test(m.proclitic) || m.source === 'gentilic' || m.tokenStart === titleEnd));
  }
  return undefined;
}

function officeAt(doc: Doc, personId: string, title: TitleInfo): OfficeData | undefined {
  const offices = entityOf(doc, personId).offices ?? [];
  const year = doc.publishedAt?.getUTCFullYear();
  const current = offices.filter((o) => o.relation === title.relation && (year === undefined ? o.to === undefined : o.from <= year && (o.to === undefined || year <= o.to)));
  return current.find((o) => o.title === title.title) ?? (current.length === 1 ? current[0] : undefined);
}
