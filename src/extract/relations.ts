import type { ArgumentSource, Claim } from './claims';
import type { Doc, Mention } from './document';
import { entityOf, mayStartIn, sentenceMentions } from './document';
import type { CompiledRules, PhraseMatch, PhraseSet, TriggerData } from './lexicon';
import { afterLocative } from './mentions';
import { isArabicScript, normalizeToken } from './normalize';
import { findDates, findQuantities, type DateMention } from './temporal';
import { WordTable, wordId, wordOf } from './vocabulary';
import type { Modality, Polarity, RelationType } from './types';
import { TokenKind } from './tokenize';

const ACTORS = new Set(['COUNTRY', 'ORGANIZATION', 'PERSON']);
/** Relations whose object may sit past "that": concern over reports that X ..., condemned reports that X ... */
const CROSS_THAT: ReadonlySet<RelationType> = new Set(['EXPRESSED_CONCERN_ABOUT', 'CONDEMNED', 'ACCUSED']);
/** Relations whose object may be a place, standing for the country it lies in ("struck Kharkiv", "aid to Gaza"). */
const PLACE_OBJECTS: ReadonlySet<RelationType> = new Set(['ATTACKED', 'SENT_TROOPS_TO', 'AT_WAR_WITH', 'EXPRESSED_CONCERN_ABOUT', 'PROVIDED_AID_TO', 'SUPPLIED_WEAPONS_TO']);
/** Transfers share a recipient when coordinated: "sent troops to Russia, along with shipping munitions". */
const TRANSFERS: ReadonlySet<RelationType> = new Set(['SENT_TROOPS_TO', 'SUPPLIED_WEAPONS_TO', 'PROVIDED_AID_TO', 'SUPPORTS']);
const QUANTITY_CLASS: Partial<Record<RelationType, string>> = { SENT_TROOPS_TO: 'troops', SUPPLIED_WEAPONS_TO: 'weapons', PROVIDED_AID_TO: 'aid' };
const ENGLISH_DETERMINERS = /^(the|a|an|this|that|these|those)$/;
const ENGLISH_RELATIVES = /^(which|who)$/;

interface Trigger {
  data: TriggerData;
  start: number;
  end: number;
  future: boolean;
}

interface Attribution {
  /** `marker`: "according to X" credits the whole sentence; `speech`: "X said that ..." credits its complement. */
  kind: 'marker' | 'speech';
  source: Mention;
  /** Where the source's coordinated list ends ("US and South Korean officials"). */
  sourceEnd: number;
  /** Tokens [from, to) whose claims the source is credited with. */
  from: number;
  to: number;
  text: string;
}

interface SentenceView {
  doc: Doc;
  index: number;
  start: number;
  end: number;
  /** The article's tokens (reads and matches stop at `end`, the sentence's). */
  norms: string[];
  ids: Int32Array;
  mentions: readonly Mention[];
  attributions: Attribution[];
  /** Tokens [from, to) credited to a source the text names but the gazetteer does not: "according to government sources", "..., state television reported". */
  unnamedSources: { from: number; to: number }[];
  claims: Claim[];
  /** Subjects found for triggers so far, with or without an object: a coordinated verb goes on with them. */
  subjects: { at: number; subject: Mention }[];
  /** Per token of the sentence: whether a relation trigger or a speech verb starts there (made when first asked). */
  triggerStarts?: Map<number, boolean>;
  /** Dates of the sentence, found once for each reading (asserted, planned) when first asked. */
  datesAsserted?: DateMention[];
  datesPlanned?: DateMention[];
}

type Found = { subject: Mention; subjectSource: ArgumentSource; object: Mention; objectSource?: ArgumentSource };

/** Claims of one sentence from the relation triggers of its language. */
export function findTriggerClaims(doc: Doc, sentence: number, roleClaims: Claim[]): Claim[] {
  const s = doc.sentences[sentence];
  const mentions = sentenceMentions(doc, sentence);
  // Every claim has an argument in its sentence: with no mention there is nothing to find, and no actor to carry on.
  if (mentions.length === 0) return [];
  const view: SentenceView = {
    doc,
    index: sentence,
    start: s.tokenStart,
    end: s.tokenEnd,
    norms: doc.norms,
    ids: doc.ids,
    mentions,
    attributions: [],
    unnamedSources: [],
    claims: [],
    subjects: [],
    triggerStarts: undefined,
    datesAsserted: undefined,
    datesPlanned: undefined,
  };
  markNationalities(view);
  view.attributions = findAttributions(view);
  for (const trigger of findTriggers(view)) view.claims.push(...claimsFor(view, trigger));
  view.claims.push(...patternClaims(view));
  const denials: Claim[] = [];
  const found = view.claims.length;
  for (let k = 0; k < found; k++) qualifyAndDeny(view, view.claims[k], denials);
  for (const claim of roleClaims) if (claim.sentence === sentence) qualifyAndDeny(view, claim, denials);
  view.claims.push(...denials);
  const lastActor = view.claims.findLast((c) => c.type !== 'LOCATED_IN')?.subject ?? view.subjects[view.subjects.length - 1]?.subject ?? view.attributions[view.attributions.length - 1]?.source;
  if (lastActor) doc.lastSubject = lastActor;
  return view.claims;
}

/** Qualifies a claim, and adds its subject's later denial to `denials`. */
function qualifyAndDeny(view: SentenceView, claim: Claim, denials: Claim[]): void {
  qualify(view, claim);
  const denied = laterDenial(view, claim);
  if (denied) denials.push(denied);
}

/** A gentilic right after an organization (Arabic) or before it (English) gives its nationality: "الفيلق الأفريقي الروسي". */
function markNationalities(view: SentenceView): void {
  const english = view.doc.language === 'en';
  for (const m of view.mentions) {
    if (m.source !== 'gentilic' || m.qualifies) continue;
    const org = view.mentions.find((o) => o.type === 'ORGANIZATION' && (english ? o.tokenStart === m.tokenEnd : o.tokenEnd === m.tokenStart));
    if (org) m.qualifies = 'affiliation';
  }
}

// ---------------------------------------------------------------------------------------------
// Triggers

function findTriggers(view: SentenceView): Trigger[] {
  const { doc } = view;
  const rules = doc.rules!;
  const out: Trigger[] = [];
  if (!mayStartIn(doc, view.index, rules.triggers)) return out;
  for (let i = view.start; i < view.end; i++) {
    if (doc.kinds[i] !== TokenKind.word) continue;
    const all = rules.triggers.matchAt(view, i, true);
    if (all.length && !insideMention(view, i)) addTriggersAt(view, i, all, out);
  }
  return out;
}

/** The triggers matched at token i, one per type and requirement. Its own function: no closure captures the scan's index. */
function addTriggersAt(view: SentenceView, i: number, all: PhraseMatch<TriggerData>[], out: Trigger[]): void {
  const first = out.length;
  for (const m of all) {
    if (spansMention(view, i, m.end) || sameKindAdded(out, first, m.value) || !requirementMet(view, m, i)) continue;
    out.push({ data: m.value, start: i, end: m.end, future: m.proclitic.endsWith('س') || !!m.value.planned });
  }
}

/** Whether a trigger of this type and requirement is among out[first..]: the longest match of each is kept. */
function sameKindAdded(out: Trigger[], first: number, data: TriggerData): boolean {
  for (let k = first; k < out.length; k++) if (out[k].data.type === data.type && (out[k].data.requires ?? '') === (data.requires ?? '')) return true;
  return false;
}

// The token-level helpers below loop rather than pass a closure: they run for most tokens, and a closure
// capturing the token allocates on each call.
function insideMention(view: SentenceView, i: number): boolean {
  for (const m of view.mentions) if (i >= m.tokenStart && i < m.tokenEnd) return true;
  return false;
}

function spansMention(view: SentenceView, from: number, to: number): boolean {
  for (const m of view.mentions) if (m.tokenStart < to && m.tokenEnd > from) return true;
  return false;
}

function isTriggerAt(view: SentenceView, k: number): boolean {
  if (k < view.start || k >= view.end) return false;
  view.triggerStarts ??= new Map();
  let starts = view.triggerStarts.get(k);
  if (starts === undefined) {
    const rules = view.doc.rules!;
    starts = rules.triggers.matchAt(view, k, true).length > 0 || rules.speech.matchAt(view, k).length > 0;
    view.triggerStarts.set(k, starts);
  }
  return starts;
}

/** "sent" is SENT_TROOPS_TO only with troops in sight, SUPPLIED_WEAPONS_TO only with weapons. */
function requirementMet(view: SentenceView, m: PhraseMatch<TriggerData>, at: number): boolean {
  const cls = m.value.requires;
  if (!cls) return true;
  return classNounNear(view, cls, at, m.end, m.value.within ?? 8) !== undefined;
}

function classNounNear(view: SentenceView, cls: string, triggerStart: number, triggerEnd: number, within: number): number | undefined {
  const set = view.doc.rules!.nounClass(cls);
  // Names and titles between the verb and its noun do not count ("وقع الرئيس الروسي فلاديمير بوتين ... معاهدة").
  let words = 0;
  for (let k = triggerEnd; k < view.end && words <= within; k++) {
    if (set.matchAt(view, k).length) return k;
    if (!isTitleToken(view, k) && !insideMention(view, k)) words++;
  }
  for (let k = triggerStart - 1; k >= Math.max(view.start, triggerStart - 3); k--) if (set.matchAt(view, k).length) return k;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Attribution: "according to X", "بحسب X", "X said (that)", "قال X إن"

function findAttributions(view: SentenceView): Attribution[] {
  const { doc } = view;
  const rules = doc.rules!;
  const out: Attribution[] = [];
  const before = rules.words('attributionBefore');
  if (!mayStartIn(doc, view.index, before) && !mayStartIn(doc, view.index, rules.speech)) return out;
  // The scan only finds markers and speech verbs; what they credit is worked out apart, so no closure captures i.
  for (let i = view.start; i < view.end; i++) {
    const marker = before.matchAt(view, i)[0];
    if (marker) {
      const attribution = markerAttribution(view, i, marker.end);
      if (attribution) out.push(attribution);
      else if (sourceNounIn(view, marker.end, Math.min(view.end, marker.end + 4))) view.unnamedSources.push({ from: view.start, to: view.end });
      i = marker.end - 1;
      continue;
    }
    const speech = rules.speech.matchAt(view, i)[0];
    // "did not confirm that ...", "لم يؤكد ...": a source that does not say it is no source.
    if (!speech || insideMention(view, i) || negatedAt(view, i)) continue;
    const attribution = speechAttribution(view, i, speech.end);
    if (attribution) out.push(attribution);
    else addUnnamedSpeaker(view, i, speech.end);
  }
  return out;
}

/** Whether a source noun ("officials", "report", "مصادر") stands in tokens [from, to), outside any mention. */
function sourceNounIn(view: SentenceView, from: number, to: number): boolean {
  const nouns = view.doc.rules!.words('sourceNouns');
  for (let k = Math.max(from, view.start); k < to; k++) if (nouns.matchAt(view, k).length && !insideMention(view, k)) return true;
  return false;
}

/**
 * A speech verb whose speaker is no known entity but a source noun: "..., state television reported" credits what
 * precedes the comma; "officials said that ...", "قالت مصادر مطلعة إن ..." credit the complement.
 */
function addUnnamedSpeaker(view: SentenceView, at: number, speechEnd: number): void {
  const english = view.doc.language === 'en';
  const closing = closesReport(view, speechEnd);
  if (english && closing) {
    for (let k = at - 1; k >= Math.max(view.start + 1, at - 5); k--) {
      if (view.norms[k] !== ',') continue;
      if (sourceNounIn(view, k + 1, at)) view.unnamedSources.push({ from: view.start, to: k });
      return;
    }
    return;
  }
  const complementizers = view.doc.rules!.words('complementizers');
  const complement = firstIndex(at + 1, Math.min(view.end, speechEnd + 6), (k) => complementizers.has(view.ids[k]));
  if (complement < 0) return;
  if (english ? sourceNounIn(view, at - 3, at) : sourceNounIn(view, speechEnd, complement)) view.unnamedSources.push({ from: complement + 1, to: view.end });
}

const CLOSING_PUNCTUATION = /^[,.;:!?]$/;
const CLOSING_WORDS = /^(on|in|at|last|this|yesterday|today|during|after|before|when|while)$/;

/** Whether a speech verb ending at `speechEnd` closes its report ("..., officials said on Friday."), nothing said after it. */
function closesReport(view: SentenceView, speechEnd: number): boolean {
  return speechEnd >= view.end || CLOSING_PUNCTUATION.test(view.norms[speechEnd]) || CLOSING_WORDS.test(view.norms[speechEnd]);
}

/** "according to X", "بحسب X": X credited with the whole sentence. */
function markerAttribution(view: SentenceView, at: number, markerEnd: number): Attribution | undefined {
  const source = view.mentions.find((m) => m.tokenStart >= markerEnd && m.tokenStart <= markerEnd + 4 && ACTORS.has(m.type));
  if (!source) return undefined;
  markCoordinated(view, source, 'attribution');
  const sourceEnd = lastCoordinated(view, source).tokenEnd;
  return { kind: 'marker', source, sourceEnd, from: view.start, to: view.end, text: spanText(view.doc, at, sourceEnd) };
}

/** "X said (that) ...", "قال X إن ...": the speaker of the verb at `at`, credited with its complement. */
function speechAttribution(view: SentenceView, at: number, speechEnd: number): Attribution | undefined {
  const { doc } = view;
  const english = doc.language === 'en';
  const complementizers = doc.rules!.words('complementizers');
  const firstComplement = firstIndex(at + 1, view.end, (k) => complementizers.has(view.ids[k]));
  // The speaker follows the verb before any "that": in "تفيد بأن كوريا ..." Korea is what is said, not who says it.
  const after = view.mentions.find((m) => m.tokenStart > at && m.tokenStart <= Math.max(at + 6, speechEnd + 3) && (firstComplement < 0 || m.tokenStart < firstComplement) && ACTORS.has(m.type) && !m.qualifies && !isPrepositional(view, m));
  // A speaker before the verb is its subject only in the same clause: in "الرئيس الروسي المعلومات التي أوردتها
  // الاستخبارات" the relative clause's own subject follows its verb.
  const clause = clauseStart(view, at);
  const prior = view.mentions.findLast((m) => m.tokenEnd <= at && m.tokenEnd >= clause && at - m.tokenEnd <= 3 && ACTORS.has(m.type) && !m.qualifies && !isPrepositional(view, m));
  const speaker = english ? prior ?? after : after ?? prior;
  if (!speaker) return undefined;
  const complement = firstComplement >= 0 && firstComplement < view.end ? firstComplement : undefined;
  const closing = closesReport(view, speechEnd);
  if (english && speaker === prior && closing && speaker.tokenStart > view.start + 2) {
    // "North Korea sent troops, US officials said." — the report precedes its source.
    return { kind: 'speech', source: speaker, sourceEnd: lastCoordinated(view, speaker).tokenEnd, from: view.start, to: speaker.tokenStart, text: spanText(doc, speaker.tokenStart, speechEnd) };
  }
  const from = complement !== undefined ? complement + 1 : Math.max(speechEnd, speaker.tokenEnd);
  return { kind: 'speech', source: speaker, sourceEnd: lastCoordinated(view, speaker).tokenEnd, from, to: view.end, text: spanText(doc, Math.min(at, speaker.tokenStart), Math.max(speechEnd, speaker.tokenEnd)) };
}

/** The first k in [from, to) for which `test` holds, or -1. */
function firstIndex(from: number, to: number, test: (k: number) => boolean): number {
  for (let k = from; k < to; k++) if (test(k)) return k;
  return -1;
}

function spanText(doc: Doc, from: number, to: number): string {
  return doc.text.slice(doc.starts[from], doc.ends[to - 1]);
}

// ---------------------------------------------------------------------------------------------
// Arguments

/** The mentions that may be the trigger's arguments: actors, the types its frame names, places; none its source is credited with. */
function argumentCandidates(view: SentenceView, trigger: Trigger): Mention[] {
  const types = trigger.data.objectTypes;
  const places = trigger.data.allowLocative || PLACE_OBJECTS.has(trigger.data.type);
  const out: Mention[] = [];
  for (const m of view.mentions) {
    if (m.qualifies || creditedTo(view, m, trigger)) continue;
    if (ACTORS.has(m.type) || (types?.includes(m.type) ?? false) || (places && m.type === 'LOCATION')) out.push(m);
  }
  return out;
}

function isPrepositional(view: SentenceView, m: Mention): boolean {
  const rules = view.doc.rules!;
  // "بين كوريا الشمالية والدول الغربية", "between X and Y": a conjunct shares its preposition.
  const conjunctOf = conjunctBefore(view, m);
  if (conjunctOf && conjunctOf.tokenStart < m.tokenStart && isPrepositional(view, conjunctOf)) return true;
  if (m.proclitic !== '' && isArabicScript(view.norms[m.tokenStart]) && /[بلك]/.test(m.proclitic.replace(/ال$/, ''))) return true;
  if (m.tokenStart - 1 < view.start) return false;
  return rules.words('prepositions').has(view.ids[m.tokenStart - 1]);
}

/** The first mention `m` is coordinated after: right before it, joined by a conjunction, a comma or a و/ف clitic. */
function conjunctBefore(view: SentenceView, m: Mention): Mention | undefined {
  for (const x of view.mentions) {
    if (x === m || x.tokenEnd > m.tokenStart || m.tokenStart - x.tokenEnd > 1) continue;
    if (m.tokenStart === x.tokenEnd ? CONJUNCTION_CLITIC.test(m.proclitic) : CONJUNCTIONS.test(view.norms[x.tokenEnd])) return x;
  }
  return undefined;
}

const CONJUNCTIONS = /^(and|or|و|,|،)$/;

/** Nearest clause boundary before `at` (a complementizer, relative pronoun, ; or :), or the sentence start. */
function clauseStart(view: SentenceView, at: number): number {
  const breakers = view.doc.rules!.words('clauseBreakers');
  for (let k = at - 1; k > view.start; k--) if (breakers.has(view.ids[k])) return k + 1;
  return view.start;
}

function clauseEnd(view: SentenceView, from: number, crossThat: boolean): number {
  const breakers = view.doc.rules!.words('clauseBreakers');
  for (let k = from; k < view.end; k++) {
    if (view.norms[k] === ';' || view.norms[k] === '؛') return k;
    if (!crossThat && breakers.has(view.ids[k]) && k > from) return k;
  }
  return view.end;
}

/** An attribution's source is no argument of the claims it is credited with (its own later acts it may be). */
function creditedTo(view: SentenceView, m: Mention, trigger: Trigger): boolean {
  if (m.qualifies === 'attribution') return true;
  for (const a of view.attributions) if (trigger.start >= a.from && trigger.start < a.to && m.tokenStart >= a.source.tokenStart && m.tokenEnd <= a.sourceEnd) return true;
  return false;
}

/** Tokens that a title phrase or an affiliation takes up: an argument may stand beyond them. */
function isTitleToken(view: SentenceView, k: number): boolean {
  if (view.doc.titleTokens.has(k)) return true;
  for (const m of view.mentions) if (m.qualifies === 'affiliation' && k >= m.tokenStart && k < m.tokenEnd) return true;
  return false;
}

function distance(view: SentenceView, from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) if (!isTitleToken(view, k)) n++;
  return n;
}

function claimsFor(view: SentenceView, trigger: Trigger): Claim[] {
  const type = trigger.data.type;
  const candidates = argumentCandidates(view, trigger);
  let subjects: { m: Mention; source: ArgumentSource }[] = [];
  let objects: { m: Mention; source: ArgumentSource }[] = [];
  const between = betweenPair(view, trigger, candidates);
  if (between) {
    subjects = [{ m: between[0], source: between[0].source }];
    objects = [{ m: between[1], source: between[1].source }];
  } else if (trigger.data.betweenOnly) {
    return [];
  } else if (trigger.data.inverse) {
    // "تحالف دول الساحل، الذي يضم مالي والنيجر", "ECOWAS, which includes Nigeria": the body before, its members after.
    const body = candidates.findLast((m) => m.type === 'ORGANIZATION' && m.tokenEnd <= trigger.start && trigger.start - m.tokenEnd <= 3);
    const first = candidates.find((m) => m.tokenStart >= trigger.end && m.tokenStart - trigger.end <= 1 && m.type !== 'ORGANIZATION');
    if (!body || !first) return [];
    return coordinated(view, first, candidates).flatMap((m) => makeClaim(view, trigger, { m, source: m.source }, { m: body, source: body.source }) ?? []);
  } else {
    let found: Found | undefined = subjectAndObject(view, trigger, candidates);
    if (type === 'SENT_TROOPS_TO') {
      const hosted = hostedTroops(view, trigger, candidates);
      if (hosted && (!found || found.subject.entityId === hosted.object.entityId)) found = hosted;
    }
    found ??= sharedRecipient(view, trigger, candidates);
    if (!found) return symmetricGroup(view, trigger, candidates);
    subjects = coordinated(view, found.subject, candidates).map((m) => ({ m, source: m === found!.subject ? found!.subjectSource : m.source }));
    objects = coordinated(view, found.object, candidates).map((m) => ({ m, source: found!.objectSource ?? m.source }));
  }
  const claims: Claim[] = [];
  for (const s of subjects) {
    for (const o of objects) {
      const claim = makeClaim(view, trigger, s, o);
      if (claim) claims.push(claim);
    }
  }
  return claims;
}

function makeClaim(view: SentenceView, trigger: Trigger, s: { m: Mention; source: ArgumentSource }, o: { m: Mention; source: ArgumentSource }): Claim | undefined {
  const type = trigger.data.type;
  const object = asActorOrPlace(view, o.m, type);
  if (!object || object.entityId === s.m.entityId) return undefined;
  if (!typeAllowed(type, s.m, object.mention, trigger)) return undefined;
  return {
    type,
    subject: s.m,
    object: object.mention,
    subjectSource: s.source,
    objectSource: o.source,
    sentence: view.index,
    triggerStart: trigger.start,
    triggerEnd: trigger.end,
    strength: trigger.data.strength,
    polarity: 'POSITIVE',
    modality: trigger.future ? 'PLANNED' : 'ASSERTED',
    location: object.place,
  };
}

/** "X and Y held talks", "بوتين وكيم يوقعان معاهدة": a symmetric act of a coordinated group holds between each pair. */
function symmetricGroup(view: SentenceView, trigger: Trigger, candidates: Mention[]): Claim[] {
  if (!trigger.data.symmetric) return [];
  const subject = subjectOnly(view, trigger, candidates);
  if (!subject) {
    // "signed a mutual defence treaty", "وقعا معاهدة الشراكة الاستراتيجية": the treaty binds the signers.
    const signed = view.claims.filter((c) => c.type === 'SIGNED_AGREEMENT_WITH' && c.triggerEnd <= trigger.start && distance(view, c.triggerEnd, trigger.start) <= 10);
    return signed.flatMap((c) => makeClaim(view, trigger, { m: c.subject, source: c.subjectSource }, { m: c.object, source: c.objectSource }) ?? []);
  }
  const group = coordinated(view, subject, candidates);
  const claims: Claim[] = [];
  for (let a = 0; a < group.length; a++) {
    for (let b = a + 1; b < group.length; b++) {
      const claim = makeClaim(view, trigger, { m: group[a], source: group[a].source }, { m: group[b], source: group[b].source });
      if (claim) claims.push(claim);
    }
  }
  return claims;
}

function typeAllowed(type: RelationType, subject: Mention, object: Mention, trigger: Trigger): boolean {
  if (trigger.data.objectTypes && !trigger.data.objectTypes.includes(object.type)) return false;
  if (!ACTORS.has(subject.type)) return false;
  if (type === 'MEMBER_OF') return object.type === 'ORGANIZATION' && subject.type !== 'PERSON';
  return true;
}

/** A place as object stands for its country ("struck Kharkiv" → Ukraine, at Kharkiv); a place in no country stays itself. */
function asActorOrPlace(view: SentenceView, m: Mention, type: RelationType): { mention: Mention; entityId: string; place?: string } | undefined {
  if (m.type !== 'LOCATION') return { mention: m, entityId: m.entityId };
  if (!PLACE_OBJECTS.has(type)) return undefined;
  const within = entityOf(view.doc, m.entityId).within;
  const country = within ? entityOf(view.doc, within) : undefined;
  if (!country || country.type !== 'COUNTRY') return type === 'EXPRESSED_CONCERN_ABOUT' ? { mention: m, entityId: m.entityId } : undefined;
  return { mention: { ...m, entityId: country.id, type: 'COUNTRY', source: 'location' }, entityId: country.id, place: m.entityId };
}

/** "between X and Y" / "بين X و Y" right after a symmetric trigger. */
function betweenPair(view: SentenceView, trigger: Trigger, candidates: Mention[]): [Mention, Mention] | undefined {
  if (!trigger.data.symmetric) return undefined;
  const between = view.doc.rules!.words('betweenWords');
  for (let k = trigger.end; k < Math.min(view.end, trigger.end + 4); k++) {
    const keyed = between.has(view.ids[k]) || (CONJUNCTION_CLITIC.test(view.norms[k]) && between.hasWord(view.norms[k].slice(1)));
    if (!keyed) continue;
    const first = candidates.find((m) => m.tokenStart > k && m.tokenStart <= k + 2);
    if (!first) return undefined;
    const second = candidates.find((m) => m.tokenStart >= first.tokenEnd && m.tokenStart <= first.tokenEnd + 2 && onlyConnectors(view, first.tokenEnd, m.tokenStart, m));
    return second ? [first, second] : undefined;
  }
  return undefined;
}

/** Only a conjunction, comma or a title phrase between two mentions (or an Arabic و clitic on the second). */
function onlyConnectors(view: SentenceView, from: number, to: number, next: Mention): boolean {
  const coordinators = view.doc.rules!.words('coordinators');
  let between = 0;
  for (let k = from; k < to; k++) {
    if (isTitleToken(view, k)) continue;
    between++;
    if (!coordinators.has(view.ids[k]) && !LIST_WORDS.test(view.norms[k])) return false;
  }
  if (between > 0) return true;
  const clitic = CONJUNCTION_CLITIC.test(next.proclitic) || (view.doc.titleTokens.has(from) && CONJUNCTION_CLITIC.test(view.norms[from]));
  return clitic || to > from;
}

const LIST_WORDS = /^(both|كل|من)$/;
const CONJUNCTION_CLITIC = /^[وف]/;

/** Mentions coordinated with `m` ("Lithuania and Latvia", "روسيا وكوريا الشمالية"), in order. */
function coordinated(view: SentenceView, m: Mention, candidates: Mention[]): Mention[] {
  const out = [m];
  let last = m;
  for (;;) {
    const next = conjunctAfter(view, last, candidates);
    if (!next || !sameKind(m, next) || out.includes(next)) break;
    out.push(next);
    last = next;
  }
  let first = m;
  for (;;) {
    const prev = conjunctPreceding(view, first, candidates);
    if (!prev || !sameKind(m, prev) || out.includes(prev)) break;
    out.unshift(prev);
    first = prev;
  }
  return out;
}

/** The first candidate coordinated right after `m`. (Loops, not closures over the walk's variables.) */
function conjunctAfter(view: SentenceView, m: Mention, candidates: Mention[]): Mention | undefined {
  for (const c of candidates) if (c !== m && near(view, m, c) && onlyConnectors(view, m.tokenEnd, c.tokenStart, c)) return c;
  return undefined;
}

/** The last candidate coordinated right before `m`. */
function conjunctPreceding(view: SentenceView, m: Mention, candidates: Mention[]): Mention | undefined {
  for (let k = candidates.length - 1; k >= 0; k--) {
    const c = candidates[k];
    if (c !== m && near(view, c, m) && onlyConnectors(view, c.tokenEnd, m.tokenStart, m)) return c;
  }
  return undefined;
}

/** `b` follows `a` closely enough to be coordinated with it. */
function near(view: SentenceView, a: Mention, b: Mention): boolean {
  return b.tokenStart >= a.tokenEnd && distance(view, a.tokenEnd, b.tokenStart) <= 2 && b.tokenStart - a.tokenEnd <= 8;
}

function sameKind(a: Mention, b: Mention): boolean {
  return (a.type === 'PERSON') === (b.type === 'PERSON') && a.type !== 'LOCATION' && b.type !== 'LOCATION';
}

function lastCoordinated(view: SentenceView, m: Mention): Mention {
  const all = coordinated(view, m, view.mentions.filter((x) => ACTORS.has(x.type)));
  return all[all.length - 1];
}

function markCoordinated(view: SentenceView, m: Mention, as: Mention['qualifies']): void {
  for (const x of coordinated(view, m, view.mentions.filter((y) => ACTORS.has(y.type)))) if (!x.qualifies) x.qualifies = as;
}

/** Mentions already taken as another claim's object: the verb before them was theirs, so they open no new clause. */
function isEarlierObject(view: SentenceView, m: Mention, clause: number): boolean {
  for (const c of view.claims) if (c.object.tokenStart === m.tokenStart && c.triggerStart >= clause) return true;
  return false;
}

/** Actors before the trigger in its clause (from `clause`) that may be its subject, in text order. */
function subjectsBefore(view: SentenceView, trigger: Trigger, candidates: Mention[], clause: number): Mention[] {
  const out: Mention[] = [];
  for (const m of candidates) if (m.tokenEnd <= trigger.start && m.tokenStart >= clause && ACTORS.has(m.type) && !isPrepositional(view, m) && !isEarlierObject(view, m, clause)) out.push(m);
  return out;
}

/** Mentions after the trigger, before `end` and within `window` words of it, in text order. */
function objectsAfter(view: SentenceView, trigger: Trigger, candidates: Mention[], end: number, window: number): Mention[] {
  const out: Mention[] = [];
  for (const m of candidates) if (m.tokenStart >= trigger.end && m.tokenStart < end && distance(view, trigger.end, m.tokenStart) < window) out.push(m);
  return out;
}

/** The subject alone (for symmetric groups). */
function subjectOnly(view: SentenceView, trigger: Trigger, candidates: Mention[]): Mention | undefined {
  const start = clauseStart(view, trigger.start);
  const before = subjectsBefore(view, trigger, candidates, start);
  if (view.doc.language === 'en') return before[before.length - 1];
  return before.findLast((m) => distance(view, m.tokenEnd, trigger.start) <= 3) ?? candidates.find((m) => m.tokenStart >= trigger.end && distance(view, trigger.end, m.tokenStart) <= 3 && !isPrepositional(view, m) && ACTORS.has(m.type));
}

/** The subject: passive "by X", possessive "X's", Arabic VSO after the verb, SVO before it, else the clause's earlier subject. */
function subjectAndObject(view: SentenceView, trigger: Trigger, candidates: Mention[]): Found | undefined {
  const { doc } = view;
  const english = doc.language === 'en';
  const start = clauseStart(view, trigger.start);
  const crossThat = CROSS_THAT.has(trigger.data.type);
  const end = clauseEnd(view, trigger.end, crossThat);
  const window = trigger.data.directOnly ? 6 : crossThat ? 16 : 12;
  const after = objectsAfter(view, trigger, candidates, end, window);
  const before = subjectsBefore(view, trigger, candidates, start);
  const inherited = inheritedSubject(view, trigger);
  // A definite verbal noun ("الحرب الأوكرانية") names no actor a later verb could go on with.
  // (The raw text keeps the hamza that tells the article ال from a verb such as ألقت.)
  const definite = /^[وف]?(ال|بال|لل)/.test(view.doc.raws[trigger.start]);

  // "accused Iran of supplying ...", "اتهم ... الإمارات بإمداد ...": the accused is who is said to act.
  const accused = accusedActor(view, trigger);
  if (accused) return withObject(view, trigger, definite, accused, 'inherited', after.filter((m) => m !== accused));

  if (trigger.data.subjectFrom === 'clause') {
    const first = before[0];
    return first ? withObject(view, trigger, definite, first, first.source, after) : undefined;
  }

  if (english) {
    const passive = /^(was|were|been|being|is|are|be)$/.test(view.norms[trigger.start - 1] ?? '');
    const by = after.find((m) => view.norms[m.tokenStart - 1] === 'by' && m.tokenStart - trigger.end <= 3);
    if (passive && by) {
      const patient = before[before.length - 1];
      return patient ? { subject: by, subjectSource: by.source, object: patient } : undefined;
    }
    const subject = englishSubject(view, trigger, before, candidates);
    if (subject === null) return undefined;
    const pick = subject ? { m: subject, source: subject.source as ArgumentSource } : inherited;
    if (!pick) return undefined;
    return withObject(view, trigger, definite, pick.m, pick.source, after.filter((m) => m !== pick.m));
  }

  // "أعلنت جماعة الحوثي أنها استهدفت ...": the pronoun in "أنها" is the speaker.
  if (start > view.start && doc.rules!.words('pronounComplementizers').has(view.ids[start - 1]) && inherited && distance(view, start, trigger.start) <= 1) {
    return withObject(view, trigger, definite, inherited.m, inherited.source, after);
  }
  // Arabic: an actor right before the verb in its clause is an SVO subject; else VSO/genitive right after it.
  const svo = before.findLast((m) => distance(view, m.tokenEnd, trigger.start) <= 3);
  const bare = after.find((m) => !isPrepositional(view, m) && m.type !== 'LOCATION' && m.type !== 'EVENT' && distance(view, trigger.end, m.tokenStart) <= 3);
  // A verbal noun's genitive is its agent ("رحبت موسكو بإرسال كوريا الشمالية جنودا إلى روسيا"), whoever governs the noun.
  if (svo && bare && isVerbalNoun(view.doc.raws[trigger.start]) && bare.tokenStart === trigger.end) {
    const genitive = withObject(view, trigger, definite, bare, bare.source, after.filter((m) => m.tokenStart >= bare.tokenEnd && !coordinated(view, bare, candidates).includes(m)));
    if (genitive) return genitive;
    if (!definite) view.subjects.pop();
  }
  if (svo) return withObject(view, trigger, definite, svo, svo.source, after);
  if (bare) {
    const group = coordinated(view, bare, candidates);
    const rest = after.filter((m) => m.tokenStart >= bare.tokenEnd && !group.includes(m));
    const asSubject = withObject(view, trigger, definite, bare, bare.source, rest);
    if (asSubject) return asSubject;
    if (!definite) view.subjects.pop();
    // One actor after the verb and a subject carried over from this sentence: the actor is the object.
    if (inherited && !inherited.crossSentence && inherited.m.entityId !== bare.entityId) return withObject(view, trigger, definite, inherited.m, inherited.source, after);
    if (!definite) view.subjects.push({ at: trigger.start, subject: bare });
    return undefined;
  }
  return inherited ? withObject(view, trigger, definite, inherited.m, inherited.source, after) : undefined;
}

/** The subject with the object the trigger's frame admits from `pool`; the subject goes on for later verbs unless `definite`. */
function withObject(view: SentenceView, trigger: Trigger, definite: boolean, subject: Mention, subjectSource: ArgumentSource, pool: Mention[]): Found | undefined {
  if (!definite) view.subjects.push({ at: trigger.start, subject });
  const object = pickObject(view, trigger, pool, subject);
  return object ? { subject, subjectSource, object } : undefined;
}

/**
 * The English subject: a possessive or gentilic right before a noun trigger ("Russia's invasion", "the Russian
 * invasion"); none for a noun after a determiner ("the invasion of Ukraine" names no invader); an actor before a
 * ", which/who ..." clause; else the nearest actor before the trigger in its clause. `null` means "there is none".
 */
function englishSubject(view: SentenceView, trigger: Trigger, before: Mention[], candidates: Mention[]): Mention | undefined | null {
  const k = trigger.start;
  const possessive = candidates.find((m) => (m.tokenEnd === k - 1 && /^['’]s$/.test(view.doc.raws[k - 1])) || (m.tokenEnd === k && m.source === 'gentilic'));
  if (possessive) return possessive;
  const prev = view.norms[k - 1] ?? '';
  const prev2 = view.norms[k - 2] ?? '';
  // "the invasion", "a new offensive", "its war": a noun whose owner the phrase does not name.
  const nounUse = ENGLISH_DETERMINERS.test(prev) || /^(its|their|his|her)$/.test(prev) || (/^(the|a|an)$/.test(prev2) && !isTriggerAt(view, k - 1) && /^[a-z-]+$/.test(prev) && !/ed$/.test(prev));
  if (nounUse) return null;
  const start = clauseStart(view, k);
  if (start > view.start && ENGLISH_RELATIVES.test(view.norms[start - 1]) && /^[,]$/.test(view.norms[start - 2] ?? '')) {
    const antecedent = candidates.find((m) => m.tokenEnd === start - 2);
    if (antecedent && before.length === 0) return antecedent;
  }
  // "Germany summoned the Russian envoy, accusing Moscow of ...": a participle after a comma goes on with its
  // clause's subject, the first actor of the clause, not the nearest one.
  if (prev === ',' && PARTICIPLE.test(view.norms[k])) return before[0];
  return before[before.length - 1];
}

const PARTICIPLE = /^[a-z]+ing$/;

/**
 * An Arabic verbal noun rather than a finite verb: with a preposition or the article (بإرسال، الإرسال), or in a
 * masdar pattern of the derived stems: إفعال (إرسال), تفعيل (تزويد), افتعال/انفعال/استفعال (انتشار، استهداف).
 */
function isVerbalNoun(raw: string): boolean {
  const word = raw.replace(/[\u064B-\u0652\u0640]/g, '');
  if (/^[وف]?(ب|ل|ال|بال|لل)/.test(word) && !/^[وف]?ل[مناي]/.test(word)) return true;
  const stem = word.replace(/^[وف]/, '');
  return /^إ.{2,3}ا.$/.test(stem) || /^ت..ي.$/.test(stem) || /^ا.{3,4}ا.$/.test(stem);
}

/** "accused X of <trigger>" / "اتهم X ب<trigger>": the accused, when the trigger is the accusation's "of" phrase. */
function accusedActor(view: SentenceView, trigger: Trigger): Mention | undefined {
  const first = view.norms[trigger.start];
  const introduced = /^(of|for)$/.test(view.norms[trigger.start - 1] ?? '') || view.norms[trigger.start - 1] === 'ب' || (isArabicScript(first) && first.startsWith('ب'));
  if (!introduced) return undefined;
  const accusation = view.claims.findLast((c) => c.type === 'ACCUSED' && c.object.tokenEnd <= trigger.start && distance(view, c.object.tokenEnd, trigger.start) <= 4);
  return accusation?.object;
}

/** The subject carried on: from this sentence's previous act or speaker, or (Arabic) the previous sentence's actor. */
function inheritedSubject(view: SentenceView, trigger: Trigger): { m: Mention; source: ArgumentSource; crossSentence: boolean } | undefined {
  const previous = view.subjects.findLast((s) => s.at < trigger.start);
  if (previous) {
    // "Zelensky said Russia will deploy troops, and urged his allies ...": after a comma the speaker goes on.
    const speech = view.attributions.find((a) => a.kind === 'speech' && a.source.tokenEnd <= a.from && a.from <= previous.at && previous.at < a.to);
    const comma = commaIn(view, previous.at, trigger.start);
    return { m: speech && comma ? speech.source : previous.subject, source: 'inherited', crossSentence: false };
  }
  const speech = view.attributions.findLast((a) => a.from <= trigger.start && trigger.start < a.to && a.source.tokenEnd <= trigger.start);
  if (speech) return { m: speech.source, source: 'inherited', crossSentence: false };
  // Arabic drops a subject it carries on from the sentence before: "وألقت باللوم على الغرب ..." (she = North Korea).
  if (view.doc.language === 'ar' && trigger.start - view.start <= 1 && view.doc.lastSubject) return { m: view.doc.lastSubject, source: 'inherited', crossSentence: true };
  return undefined;
}

function commaIn(view: SentenceView, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (view.norms[k] === ',' || view.norms[k] === '،') return true;
  return false;
}

/** Foreign troops deployed by a host ("Russia will deploy North Korean troops") were sent by their country to the host. */
function hostedTroops(view: SentenceView, trigger: Trigger, candidates: Mention[]): Found | undefined {
  const origin = troopOrigin(view, trigger.end, view.doc.rules!.nounClass('troops'));
  // The host is the verb's subject, so in its clause: not the head a relative clause hangs on ("الأنباء التي نقلتها ...").
  const clause = clauseStart(view, trigger.start);
  const host = candidates.findLast((m) => m.tokenEnd <= trigger.start && m.tokenEnd >= clause && distance(view, m.tokenEnd, trigger.start) <= 3 && !isPrepositional(view, m) && (m.type === 'COUNTRY' || m.type === 'ORGANIZATION'));
  if (!origin || !host || host.entityId === origin.entityId) return undefined;
  origin.qualifies = 'affiliation';
  return { subject: origin, subjectSource: 'gentilic', object: host };
}

/** A coordinated transfer with no arguments of its own keeps the previous transfer's: "..., along with shipping munitions". */
function sharedRecipient(view: SentenceView, trigger: Trigger, candidates: Mention[]): Found | undefined {
  if (!TRANSFERS.has(trigger.data.type)) return undefined;
  const previous = view.claims.findLast((c) => c.triggerStart < trigger.start && TRANSFERS.has(c.type));
  if (!previous) return undefined;
  const own = candidates.some((m) => m.tokenStart >= trigger.end && m.tokenStart < trigger.end + 8);
  return own ? undefined : { subject: previous.subject, subjectSource: 'inherited', object: previous.object, objectSource: 'inherited' };
}

/** The object the trigger's frame admits: direct, destination, or one of its prepositions — within its phrase. */
function pickObject(view: SentenceView, trigger: Trigger, after: Mention[], subject: Mention): Mention | undefined {
  const { doc } = view;
  const rules = doc.rules!;
  const spec = objectSpec(trigger.data);
  const destination = rules.words('destinationPreps');
  const locative = rules.words('locativePreps');
  const breakers = rules.words('clauseBreakers');
  const border = rules.nounClass('border');
  const anchor = subject.tokenStart >= trigger.end ? subject.tokenEnd : trigger.end;
  for (const m of after) {
    if (m.tokenStart < anchor || m.entityId === subject.entityId) continue;
    // The gap is tokens [anchor, m.tokenStart). An object sits in the trigger's phrase: no comma or new verb in the gap.
    if (clauseCommaIn(view, anchor, m.tokenStart)) break;
    if (trigger.data.type === 'SENT_TROOPS_TO' && phraseIn(view, border, anchor, m.tokenStart)) return undefined;
    const intro = introducers(view, m, anchor);
    const nearest = intro[0];
    const isLocative = (nearest !== undefined && (locative.hasWord(nearest) || (nearest === 'ب' && isArabicScript(view.norms[m.tokenStart]) && !spec.has('ب')))) || (nearest === undefined && m.tokenStart > anchor && afterLocative(doc, m));
    // A preposition the frame names admits the object even if it can also be locative ("sanctions on Belarus").
    if (nearest !== undefined && spec.has(nearest)) return m;
    const admitted = intro.some((p) => spec.has(p) || (spec.has('destination') && destination.hasWord(p)));
    if (admitted && (!isLocative || intro.length > 1)) return m;
    if (isLocative) {
      if (trigger.data.allowLocative) return m;
      continue;
    }
    if (nearest === undefined) {
      const words = gapWords(view, anchor, m.tokenStart);
      const clean = !breakerOrTriggerIn(view, breakers, trigger.end, anchor, m.tokenStart);
      if (spec.has('direct') && clean && words <= (trigger.data.directOnly ? 1 : 3)) return m;
      if (trigger.data.directOnly) return undefined;
      continue;
    }
    if (trigger.data.directOnly) return undefined;
  }
  // "concern over reports that X ...": the object is the first actor of what the concern is about.
  if (CROSS_THAT.has(trigger.data.type)) {
    const prep = firstIndex(anchor, view.end, (k) => spec.has(view.norms[k]) && view.norms[k] !== 'direct');
    if (prep >= 0) return after.find((m) => m.tokenStart > prep && m.entityId !== subject.entityId && m.type !== 'LOCATION');
  }
  return undefined;
}

// The gap helpers loop over tokens [from, to) rather than build an array of them: pickObject asks per candidate.
function clauseCommaIn(view: SentenceView, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (isClauseComma(view, k)) return true;
  return false;
}

function phraseIn(view: SentenceView, set: PhraseSet<true>, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (set.matchAt(view, k).length) return true;
  return false;
}

/** Words of the gap besides determiners and title tokens. */
function gapWords(view: SentenceView, from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) if (!ENGLISH_DETERMINERS.test(view.norms[k]) && !isTitleToken(view, k)) n++;
  return n;
}

/** A clause breaker in the gap, or another trigger past the trigger's end. */
function breakerOrTriggerIn(view: SentenceView, breakers: PhraseSet<true>, triggerEnd: number, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (breakers.has(view.ids[k]) || (k > triggerEnd && isTriggerAt(view, k))) return true;
  return false;
}

const OBJECT_SPECS = new WeakMap<TriggerData, Set<string>>();

/** What a trigger's `object` admits ("direct", "destination" or prepositions), normalized once per trigger. */
function objectSpec(data: TriggerData): Set<string> {
  let spec = OBJECT_SPECS.get(data);
  if (!spec) OBJECT_SPECS.set(data, (spec = new Set(data.object.split('+').map((x) => (x === 'direct' || x === 'destination' ? x : normalizeToken(x))))));
  return spec;
}

/** A comma that opens a new clause: always in English; in Arabic before و/ف, a verb, or a relative or complementizer. */
function isClauseComma(view: SentenceView, k: number): boolean {
  if (!(view.norms[k] === ',' || view.norms[k] === '،') || isTitleToken(view, k)) return false;
  if (view.doc.language !== 'ar') return true;
  if (k + 1 >= view.end) return true;
  const next = view.norms[k + 1];
  return next === 'و' || next === 'ثم' || isTriggerAt(view, k + 1) || view.doc.rules!.words('clauseBreakers').has(view.ids[k + 1]);
}

/**
 * The prepositions introducing a mention, nearest first: its own clitic (بروسيا، لروسيا) or words within three
 * tokens before it ("on leaders of X" gives of, then on).
 */
function introducers(view: SentenceView, m: Mention, from: number): string[] {
  const out: string[] = [];
  const clitic = prepositionClitic(view, m);
  if (clitic) out.push(clitic);
  for (let k = m.tokenStart - 1; k >= Math.max(from, m.tokenStart - 3); k--) {
    const preposition = prepositionAt(view.doc.rules!, view.ids[k]);
    if (preposition !== undefined) out.push(preposition);
  }
  return out;
}

/** The nearest of `introducers`, found without listing the others. */
function introducer(view: SentenceView, m: Mention, from: number): string | undefined {
  const clitic = prepositionClitic(view, m);
  if (clitic) return clitic;
  for (let k = m.tokenStart - 1; k >= Math.max(from, m.tokenStart - 3); k--) {
    const preposition = prepositionAt(view.doc.rules!, view.ids[k]);
    if (preposition !== undefined) return preposition;
  }
  return undefined;
}

/** An Arabic mention's own preposition clitic (ب of بروسيا), past a conjunction and before the article. */
function prepositionClitic(view: SentenceView, m: Mention): string | undefined {
  if (m.proclitic === '') return undefined;
  const clitic = m.proclitic.replace(/^[وف]/, '').replace(/ال$/, '');
  return clitic && isArabicScript(view.norms[m.tokenStart]) ? clitic[0] : undefined;
}

const PREPOSITIONS = new WeakMap<CompiledRules, WordTable<string>>();

/**
 * The preposition a token is: the word itself, or (Arabic) the word without a conjunction clitic (وفي → في).
 * A word's answer never changes, so it is kept per word id ('' for none): introducers ask it of most mentions.
 */
function prepositionAt(rules: CompiledRules, id: number): string | undefined {
  let table = PREPOSITIONS.get(rules);
  if (!table) PREPOSITIONS.set(rules, (table = new WordTable<string>()));
  let preposition = table.get(id);
  if (preposition === undefined) {
    const n = wordOf(id);
    preposition = prepositionOf(rules, id) ?? (isArabicScript(n) && n.length > 3 && CONJUNCTION_CLITIC.test(n) ? prepositionOf(rules, wordId(n.slice(1))) : undefined) ?? '';
    table.set(id, preposition);
  }
  return preposition === '' ? undefined : preposition;
}

const INTRODUCER_FILLERS = /^(the|a|an|its|their|his|her|'s)$/;

/** The word, if it is a preposition (of destination, place or any other) rather than a breaker, coordinator or filler. */
function prepositionOf(rules: CompiledRules, id: number): string | undefined {
  const word = wordOf(id);
  if (rules.words('clauseBreakers').has(id) || rules.words('coordinators').has(id) || INTRODUCER_FILLERS.test(word)) return undefined;
  const preposition = rules.words('destinationPreps').has(id) || rules.words('locativePreps').has(id) || rules.words('prepositions').has(id);
  return preposition ? word : undefined;
}

// ---------------------------------------------------------------------------------------------
// Pattern claims: relations carried by a phrase's shape rather than a verb.

function patternClaims(view: SentenceView): Claim[] {
  const { doc } = view;
  const out: Claim[] = [];
  const rules = doc.rules!;
  const troops = rules.nounClass('troops');
  const english = doc.language === 'en';
  for (const m of view.mentions) {
    if (m.type !== 'LOCATION' || m.qualifies) continue;
    const info = entityOf(doc, m.entityId);
    // "منطقة كورسك الروسية", "Russia's Kursk region", "the Russian region of Kursk": the text places it.
    const country = english
      ? view.mentions.find((x) => x.type === 'COUNTRY' && ((x.tokenEnd === m.tokenStart && x.source === 'gentilic') || (x.tokenEnd === m.tokenStart - 1 && /^['’]s$/.test(doc.raws[m.tokenStart - 1]))))
      : view.mentions.find((x) => x.tokenStart === m.tokenEnd && x.type === 'COUNTRY' && x.source === 'gentilic');
    if (country && (!info.within || info.within === country.entityId)) {
      country.qualifies = 'location';
      out.push(base(view, 'LOCATED_IN', m, country, m.tokenStart, m.tokenEnd, 0.9));
    }
  }
  if (!mayStartIn(doc, view.index, troops)) return out;
  for (let i = view.start; i < view.end; i++) {
    if (!troops.matchAt(view, i).length) continue;
    if (view.claims.some((c) => c.type === 'SENT_TROOPS_TO' && i >= c.triggerStart && i < c.triggerEnd + 6)) continue;
    const origin = troopOrigin(view, i, troops);
    if (!origin) continue;
    // "the deployment of North Korean troops in Russia", "انتشار قوات كورية شمالية في روسيا"
    const dest = view.mentions.find((x) => x.tokenStart > origin.tokenEnd && x.tokenStart <= origin.tokenEnd + 3 && x.entityId !== origin.entityId && (x.type === 'COUNTRY' || x.type === 'LOCATION') && introducer(view, x, origin.tokenEnd) !== undefined);
    const deploy = [...Array(4).keys()].some((k) => rules.triggers.matchAt(view, Math.max(view.start, i - 1 - k)).some((t) => t.value.type === 'SENT_TROOPS_TO'));
    if (!dest || !deploy) continue;
    const target = asActorOrPlace(view, dest, 'SENT_TROOPS_TO');
    if (!target || target.entityId === origin.entityId) continue;
    const claim = base(view, 'SENT_TROOPS_TO', origin, target.mention, i, i + 1, 0.8);
    claim.subjectSource = 'gentilic';
    claim.location = target.place;
    origin.qualifies = 'affiliation';
    out.push(claim);
  }
  return out;
}

/** The country a troop noun near `from` is attributed to by a gentilic next to it. */
function troopOrigin(view: SentenceView, from: number, troops: PhraseSet<true>): Mention | undefined {
  for (let k = from; k < Math.min(view.end, from + 6); k++) {
    if (!troops.matchAt(view, k).length) continue;
    const english = view.doc.language === 'en';
    return view.mentions.find((m) => m.source === 'gentilic' && (english ? m.tokenEnd === k : m.tokenStart === k + 1));
  }
  return undefined;
}

function base(view: SentenceView, type: RelationType, subject: Mention, object: Mention, start: number, end: number, strength: number): Claim {
  return { type, subject, object, subjectSource: subject.source, objectSource: object.source, sentence: view.index, triggerStart: start, triggerEnd: end, strength, polarity: 'POSITIVE', modality: 'ASSERTED' };
}

// ---------------------------------------------------------------------------------------------
// Modality, polarity, attribution, date, quantity, location

function qualify(view: SentenceView, claim: Claim): void {
  const { doc } = view;
  const rules = doc.rules!;
  if (claim.role !== undefined || claim.type === 'LOCATED_IN') {
    // A title or a place's country is stated as fact; the sentence's hedges are about something else.
    claim.eventDate = datesOf(view, false)[0]?.value;
    return;
  }
  const lookback = Math.max(view.start, claim.triggerStart - 12);

  let modality: Modality = claim.modality;
  let polarity: Polarity = claim.polarity;
  const denial = firstPhrase(view, 'denialWords', lookback, claim.triggerStart);
  if (denial >= 0) {
    const needsNegation = rules.words('denialNeedsNegation').matchAt(view, denial).length > 0;
    const negated = negatedAt(view, denial);
    if (needsNegation ? negated : !negated) {
      modality = 'DENIED';
      polarity = 'NEGATIVE';
    } else if (!needsNegation && negated) {
      modality = 'ALLEGED'; // "did not deny" / "لم ينفِ": neither confirmed nor denied
    }
  }
  if (modality !== 'DENIED') {
    if (negatedAt(view, claim.triggerStart)) polarity = 'NEGATIVE';
    const clause = clauseStart(view, claim.triggerStart);
    if (modality !== 'PLANNED' && firstPhrase(view, 'futureWords', Math.max(clause, claim.triggerStart - 4), claim.triggerStart) >= 0) modality = 'PLANNED';
    if (modality !== 'PLANNED' && modality !== 'ALLEGED') {
      const alleged = firstPhrase(view, 'allegationWords', lookback, claim.triggerStart) >= 0 || firstPhrase(view, 'allegationWords', claim.triggerEnd, Math.min(view.end, claim.triggerEnd + 2)) >= 0;
      if (alleged) modality = 'ALLEGED';
    }
  }
  const accusation = view.claims.find((c) => c.type === 'ACCUSED' && c !== claim && c.object === claim.subject && c.triggerStart < claim.triggerStart);
  if (accusation) {
    modality = modality === 'DENIED' ? modality : 'ALLEGED';
    claim.attributedTo = { entityId: accusation.subject.entityId, text: spanText(doc, accusation.subject.tokenStart, accusation.subject.tokenEnd) };
  }
  const attribution = accusation ? undefined : view.attributions.findLast((a) => claim.triggerStart >= a.from && claim.triggerStart < a.to);
  // The speaker's own next act ("..., and urged its allies") is not something the speaker reports.
  const ownAct = attribution && claim.subjectSource === 'inherited' && attribution.source.entityId === claim.subject.entityId;
  if (attribution && !ownAct) {
    claim.attributedTo = { entityId: attribution.source.entityId, text: attribution.text };
    if (modality === 'ASSERTED') modality = 'REPORTED';
  } else if (!attribution && !accusation && modality === 'ASSERTED' && view.unnamedSources.some((u) => claim.triggerStart >= u.from && claim.triggerStart < u.to)) {
    modality = 'REPORTED';
  }
  claim.modality = modality;
  claim.polarity = polarity;

  const nearest = nearestDate(datesOf(view, modality === 'PLANNED'), claim.triggerStart);
  if (nearest) claim.eventDate = nearest.value;

  const cls = QUANTITY_CLASS[claim.type];
  if (cls) {
    const set = rules.nounClass(cls);
    const quantity = findQuantities(doc, Math.max(view.start, claim.triggerStart - 4), Math.min(view.end, claim.triggerEnd + 10)).find((q) => set.matchAt(view, q.tokenEnd - 1).length > 0);
    if (quantity) claim.quantity = { value: quantity.value, unit: quantity.unit, text: quantity.text };
  }
  claim.location ??= placeOf(view, claim);
}

/** The sentence's dates, read as planned or not: found once per reading. */
function datesOf(view: SentenceView, planned: boolean): DateMention[] {
  if (planned) return (view.datesPlanned ??= findDates(view.doc, view.start, view.end, true));
  return (view.datesAsserted ??= findDates(view.doc, view.start, view.end, false));
}

/** The date nearest a token; of two as near, the earlier in the sentence. */
function nearestDate(dates: DateMention[], at: number): DateMention | undefined {
  let nearest: DateMention | undefined;
  for (const d of dates) if (!nearest || Math.abs(d.tokenStart - at) < Math.abs(nearest.tokenStart - at)) nearest = d;
  return nearest;
}

/** Where a phrase of the word list first starts in [from, to), or -1. */
function firstPhrase(view: SentenceView, list: string, from: number, to: number): number {
  const set = view.doc.rules!.words(list);
  if (!mayStartIn(view.doc, view.index, set)) return -1;
  for (let k = from; k < to; k++) if (set.matchAt(view, k).length) return k;
  return -1;
}

/** A negation one or two words before `k`. */
function negatedAt(view: SentenceView, k: number): boolean {
  const negation = view.doc.rules!.words('negation');
  return (k - 1 >= view.start && negation.has(view.ids[k - 1])) || (k - 2 >= view.start && negation.has(view.ids[k - 2]));
}

/**
 * "..., which Tehran denied" / "فيما نفت طهران هذه الاتهامات": a denial after the claim by its own subject
 * adds the subject's denial as a claim of its own.
 */
function laterDenial(view: SentenceView, claim: Claim): Claim | undefined {
  if (claim.role !== undefined || claim.type === 'LOCATED_IN' || claim.modality === 'DENIED') return undefined;
  const rules = view.doc.rules!;
  const denials = rules.words('denialWords');
  if (!mayStartIn(view.doc, view.index, denials)) return undefined;
  const needsNegation = rules.words('denialNeedsNegation');
  for (let k = claim.triggerEnd; k < view.end; k++) {
    if (!denials.matchAt(view, k).length || needsNegation.matchAt(view, k).length) continue;
    if ([1, 2].some((d) => rules.words('negation').has(view.ids[k - d]))) continue;
    const denier = view.mentions.find((m) => (m.tokenStart > k && m.tokenStart <= k + 2) || (m.tokenEnd <= k && k - m.tokenEnd <= 2 && m.tokenStart > claim.triggerEnd));
    if (!denier || denier.entityId !== claim.subject.entityId) continue;
    return { ...claim, polarity: 'NEGATIVE', modality: 'DENIED', attributedTo: { entityId: denier.entityId, text: spanText(view.doc, Math.min(k, denier.tokenStart), Math.max(k + 1, denier.tokenEnd)) } };
  }
  return undefined;
}

/** The first place after the trigger that a locative preposition introduces, if it is a place rather than a country. */
function placeOf(view: SentenceView, claim: Claim): string | undefined {
  const locative = view.doc.rules!.words('locativePreps');
  const limit = clauseEnd(view, claim.triggerEnd, false);
  for (const m of view.mentions) {
    if (m.tokenStart < claim.triggerEnd || m.tokenStart >= Math.min(limit, claim.triggerEnd + 12) || m.qualifies === 'event') continue;
    const intro = introducer(view, m, claim.triggerEnd);
    const placed = m.source === 'location' || afterLocative(view.doc, m) || locative.hasWord(intro);
    if (!placed) continue;
    return m.type === 'LOCATION' ? m.entityId : undefined;
  }
  return undefined;
}
