import type { ArgumentSource, Claim } from './claims';
import type { Doc, Mention } from './document';
import { entityOf, sentenceMentions } from './document';
import type { PhraseMatch, TriggerData } from './lexicon';
import { afterLocative } from './mentions';
import { isArabicScript, normalizeToken } from './normalize';
import { findDates, findQuantities } from './temporal';
import type { Modality, Polarity, RelationType } from './types';

const ACTORS = new Set(['COUNTRY', 'ORGANIZATION', 'PERSON']);
/** Relations whose object may sit past "that": concern over reports that X ..., condemned reports that X ... */
const CROSS_THAT: ReadonlySet<RelationType> = new Set(['EXPRESSED_CONCERN_ABOUT', 'CONDEMNED', 'ACCUSED']);
const QUANTITY_CLASS: Partial<Record<RelationType, string>> = { SENT_TROOPS_TO: 'troops', SUPPLIED_WEAPONS_TO: 'weapons', PROVIDED_AID_TO: 'aid' };

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
  norms: string[];
  mentions: Mention[];
  attributions: Attribution[];
  claims: Claim[];
}

/** Claims of one sentence from the relation triggers of its language. */
export function findTriggerClaims(doc: Doc, sentence: number, roleClaims: Claim[]): Claim[] {
  const s = doc.sentences[sentence];
  const view: SentenceView = {
    doc,
    index: sentence,
    start: s.tokenStart,
    end: s.tokenEnd,
    norms: doc.norms.slice(0, s.tokenEnd),
    mentions: sentenceMentions(doc, sentence),
    attributions: [],
    claims: [],
  };
  view.attributions = findAttributions(view);
  for (const trigger of findTriggers(view)) {
    for (const claim of claimsFor(view, trigger)) view.claims.push(claim);
  }
  view.claims.push(...patternClaims(view));
  for (const claim of [...view.claims, ...roleClaims.filter((c) => c.sentence === sentence)]) qualify(view, claim);
  const lastActor = [...view.claims].reverse().find((c) => c.type !== 'LOCATED_IN')?.subject ?? view.attributions[view.attributions.length - 1]?.source;
  if (lastActor) doc.lastSubject = lastActor;
  return view.claims;
}

// ---------------------------------------------------------------------------------------------
// Triggers

function findTriggers(view: SentenceView): Trigger[] {
  const { doc } = view;
  const rules = doc.rules!;
  const out: Trigger[] = [];
  for (let i = view.start; i < view.end; i++) {
    if (doc.tokens[i].kind !== 'word' || insideMention(view, i)) continue;
    const matches = rules.triggers.matchAt(view.norms, i, true).filter((m) => !spansMention(view, i, m.end));
    const seen = new Set<string>();
    for (const m of matches) {
      const key = `${m.value.type}:${m.value.requires ?? ''}`;
      if (seen.has(key) || !requirementMet(view, m, i)) continue;
      seen.add(key);
      out.push({ data: m.value, start: i, end: m.end, future: m.proclitic.endsWith('س') });
    }
  }
  return out;
}

function insideMention(view: SentenceView, i: number): boolean {
  return view.mentions.some((m) => i >= m.tokenStart && i < m.tokenEnd);
}

function spansMention(view: SentenceView, from: number, to: number): boolean {
  return view.mentions.some((m) => m.tokenStart < to && m.tokenEnd > from);
}

/** "sent" is SENT_TROOPS_TO only with troops in sight, SUPPLIED_WEAPONS_TO only with weapons. */
function requirementMet(view: SentenceView, m: PhraseMatch<TriggerData>, at: number): boolean {
  const cls = m.value.requires;
  if (!cls) return true;
  return classNounNear(view, cls, at, m.end, m.value.within ?? 8) !== undefined;
}

function classNounNear(view: SentenceView, cls: string, triggerStart: number, triggerEnd: number, within: number): number | undefined {
  const set = view.doc.rules!.nounClass(cls);
  for (let k = triggerEnd; k < Math.min(view.end, triggerEnd + within + 1); k++) if (set.matchAt(view.norms, k).length) return k;
  for (let k = triggerStart - 1; k >= Math.max(view.start, triggerStart - 3); k--) if (set.matchAt(view.norms, k).length) return k;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Attribution: "according to X", "بحسب X", "X said (that)", "قال X إن"

function findAttributions(view: SentenceView): Attribution[] {
  const { doc } = view;
  const rules = doc.rules!;
  const out: Attribution[] = [];
  const before = rules.words('attributionBefore');
  const complementizers = rules.words('complementizers');
  for (let i = view.start; i < view.end; i++) {
    const marker = before.matchAt(view.norms, i)[0];
    if (marker) {
      const source = view.mentions.find((m) => m.tokenStart >= marker.end && m.tokenStart <= marker.end + 4 && ACTORS.has(m.type));
      if (source) {
        markCoordinated(view, source, 'attribution');
        out.push({ kind: 'marker', source, from: view.start, to: view.end, text: spanText(doc, i, lastCoordinated(view, source).tokenEnd) });
      }
      i = marker.end - 1;
      continue;
    }
    const speech = rules.speech.matchAt(view.norms, i)[0];
    if (!speech || insideMention(view, i)) continue;
    // The speaker follows the verb before any "that": in "تفيد بأن كوريا ..." Korea is what is said, not who says it.
    const firstComplement = view.norms.findIndex((n, k) => k > i && complementizers.has(n));
    const after = view.mentions.find((m) => m.tokenStart > i && m.tokenStart <= Math.max(i + 6, speech.end + 3) && (firstComplement < 0 || m.tokenStart < firstComplement) && ACTORS.has(m.type) && !m.qualifies && !isPrepositional(view, m));
    const prior = [...view.mentions].reverse().find((m) => m.tokenEnd <= i && i - m.tokenEnd <= 3 && ACTORS.has(m.type) && !m.qualifies && !isPrepositional(view, m));
    const english = doc.language === 'en';
    const speaker = english ? prior ?? after : after ?? prior;
    if (!speaker) continue;
    const complement = [...Array(Math.max(0, view.end - speech.end)).keys()].map((k) => speech.end + k).find((k) => complementizers.has(view.norms[k]));
    if (english && speaker === prior && (complement === undefined || complement > speech.end + 1) && i > speaker.tokenEnd - 1 && speaker.tokenStart > view.start + 2) {
      // "North Korea sent troops, US officials said." — the report precedes its source.
      out.push({ kind: 'speech', source: speaker, from: view.start, to: speaker.tokenStart, text: spanText(doc, speaker.tokenStart, speech.end) });
    } else {
      const from = complement !== undefined ? complement + 1 : Math.max(speech.end, speaker.tokenEnd);
      out.push({ kind: 'speech', source: speaker, from, to: view.end, text: spanText(doc, Math.min(i, speaker.tokenStart), Math.max(speech.end, speaker.tokenEnd)) });
    }
  }
  return out;
}

function spanText(doc: Doc, from: number, to: number): string {
  return doc.text.slice(doc.tokens[from].start, doc.tokens[to - 1].end);
}

// ---------------------------------------------------------------------------------------------
// Arguments

function actorCandidates(view: SentenceView, trigger: Trigger): Mention[] {
  const types = trigger.data.objectTypes;
  return view.mentions.filter((m) => !m.qualifies && (ACTORS.has(m.type) || (types?.includes(m.type) ?? false) || (trigger.data.allowLocative && m.type === 'LOCATION')));
}

function isPrepositional(view: SentenceView, m: Mention): boolean {
  const rules = view.doc.rules!;
  if (isArabicScript(view.norms[m.tokenStart]) && /[بلك]/.test(m.proclitic.replace(/ال$/, ''))) return true;
  const prev = view.norms[m.tokenStart - 1];
  if (prev === undefined || m.tokenStart - 1 < view.start) return false;
  return rules.words('functionWords').has(prev) && !rules.words('coordinators').has(prev) && !/^(the|a|an|its|their|his|her|that|قد|لقد|ان|أن|إن)$/.test(prev);
}

/** Nearest clause boundary before `at` (a complementizer, relative pronoun, ; or :), or the sentence start. */
function clauseStart(view: SentenceView, at: number): number {
  const breakers = view.doc.rules!.words('clauseBreakers');
  for (let k = at - 1; k > view.start; k--) if (breakers.has(view.norms[k])) return k + 1;
  return view.start;
}

function clauseEnd(view: SentenceView, from: number, crossThat: boolean): number {
  const breakers = view.doc.rules!.words('clauseBreakers');
  for (let k = from; k < view.end; k++) {
    if (view.norms[k] === ';' || view.norms[k] === '؛') return k;
    if (!crossThat && breakers.has(view.norms[k]) && k > from) return k;
  }
  return view.end;
}

function inAttribution(view: SentenceView, m: Mention): boolean {
  return m.qualifies === 'attribution' || view.attributions.some((a) => a.source.entityId === m.entityId && m.tokenStart >= a.source.tokenStart && m.tokenEnd <= lastCoordinated(view, a.source).tokenEnd);
}

function claimsFor(view: SentenceView, trigger: Trigger): Claim[] {
  const { doc } = view;
  const type = trigger.data.type;
  const candidates = actorCandidates(view, trigger).filter((m) => !inAttribution(view, m));
  const between = betweenPair(view, trigger, candidates);
  let subjects: { m: Mention; source: ArgumentSource }[] = [];
  let objects: { m: Mention; source: ArgumentSource }[] = [];
  if (between) {
    subjects = [{ m: between[0], source: between[0].source }];
    objects = [{ m: between[1], source: between[1].source }];
  } else {
    let found: ReturnType<typeof carriedOver> = subjectAndObject(view, trigger, candidates);
    if (trigger.data.type === 'SENT_TROOPS_TO') {
      const hosted = carriedOver(view, trigger, candidates);
      if (hosted && hosted.subject.source === 'gentilic' && (!found || found.subject.entityId === hosted.object.entityId)) found = hosted;
    }
    found ??= carriedOver(view, trigger, candidates);
    if (!found) return [];
    subjects = coordinated(view, found.subject, candidates).map((m) => ({ m, source: m === found.subject ? found.subjectSource : m.source }));
    const objectSource = 'objectSource' in found ? found.objectSource : undefined;
    objects = coordinated(view, found.object, candidates).map((m) => ({ m, source: objectSource ?? m.source }));
  }
  const claims: Claim[] = [];
  for (const s of subjects) {
    for (const o of objects) {
      const object = asActorOrPlace(view, o.m, type);
      if (!object || object.entityId === s.m.entityId) continue;
      if (!typeAllowed(type, s.m, object.mention, trigger)) continue;
      claims.push({
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
      });
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

/** A place as object stands for its country ("struck Kharkiv" → Ukraine, at Kharkiv). */
function asActorOrPlace(view: SentenceView, m: Mention, type: RelationType): { mention: Mention; entityId: string; place?: string } | undefined {
  if (m.type !== 'LOCATION') return { mention: m, entityId: m.entityId };
  if (type !== 'ATTACKED' && type !== 'SENT_TROOPS_TO' && type !== 'AT_WAR_WITH' && type !== 'EXPRESSED_CONCERN_ABOUT') return undefined;
  const within = entityOf(view.doc, m.entityId).within;
  if (!within) return undefined;
  const country = entityOf(view.doc, within);
  if (country.type !== 'COUNTRY') return undefined;
  return { mention: { ...m, entityId: country.id, type: 'COUNTRY', source: 'location' }, entityId: country.id, place: m.entityId };
}

/** "between X and Y" / "بين X و Y" right after a symmetric trigger. */
function betweenPair(view: SentenceView, trigger: Trigger, candidates: Mention[]): [Mention, Mention] | undefined {
  if (!trigger.data.symmetric) return undefined;
  const between = view.doc.rules!.words('betweenWords');
  for (let k = trigger.end; k < Math.min(view.end, trigger.end + 4); k++) {
    const keyed = between.has(view.norms[k]) || between.has(view.norms[k].replace(/^[وف]/, ''));
    if (!keyed) continue;
    const first = candidates.find((m) => m.tokenStart > k && m.tokenStart <= k + 2);
    if (!first) return undefined;
    const second = candidates.find((m) => m.tokenStart >= first.tokenEnd && m.tokenStart <= first.tokenEnd + 2 && onlyConnectors(view, first.tokenEnd, m.tokenStart, m));
    return second ? [first, second] : undefined;
  }
  return undefined;
}

function onlyConnectors(view: SentenceView, from: number, to: number, next: Mention): boolean {
  const coordinators = view.doc.rules!.words('coordinators');
  const between = view.norms.slice(from, to);
  if (between.length === 0) return /^[وف]/.test(next.proclitic) || false;
  return between.every((n) => coordinators.has(n) || n === 'both' || n === 'كل' || n === 'من');
}

/** Mentions coordinated with `m` ("Lithuania and Latvia", "روسيا وكوريا الشمالية"), in order. */
function coordinated(view: SentenceView, m: Mention, candidates: Mention[]): Mention[] {
  const out = [m];
  let last = m;
  for (;;) {
    const next = candidates.find((c) => c.tokenStart >= last.tokenEnd && c.tokenStart <= last.tokenEnd + 2 && c !== last && (onlyConnectors(view, last.tokenEnd, c.tokenStart, c) && (c.tokenStart > last.tokenEnd || /^[وف]/.test(c.proclitic))));
    if (!next || !sameKind(m, next)) break;
    out.push(next);
    last = next;
  }
  let first = m;
  for (;;) {
    const prev = [...candidates].reverse().find((c) => c.tokenEnd <= first.tokenStart && first.tokenStart - c.tokenEnd <= 2 && c !== first && (onlyConnectors(view, c.tokenEnd, first.tokenStart, first) && (first.tokenStart > c.tokenEnd || /^[وف]/.test(first.proclitic))));
    if (!prev || !sameKind(m, prev)) break;
    out.unshift(prev);
    first = prev;
  }
  return out;
}

function sameKind(a: Mention, b: Mention): boolean {
  return (a.type === 'PERSON') === (b.type === 'PERSON');
}

function lastCoordinated(view: SentenceView, m: Mention): Mention {
  const all = coordinated(view, m, view.mentions.filter((x) => ACTORS.has(x.type)));
  return all[all.length - 1];
}

function markCoordinated(view: SentenceView, m: Mention, as: Mention['qualifies']): void {
  for (const x of coordinated(view, m, view.mentions.filter((y) => ACTORS.has(y.type)))) if (!x.qualifies) x.qualifies = as;
}

const TRANSFERS: ReadonlySet<RelationType> = new Set(['SENT_TROOPS_TO', 'SUPPLIED_WEAPONS_TO', 'PROVIDED_AID_TO', 'SUPPORTS']);

/**
 * Arguments the trigger's own clause does not give. Foreign troops deployed by a host ("Russia will deploy North
 * Korean troops") were sent by their country to the host; a coordinated transfer ("sent troops to Russia, along
 * with shipping munitions") keeps the previous transfer's recipient.
 */
function carriedOver(view: SentenceView, trigger: Trigger, candidates: Mention[]): { subject: Mention; subjectSource: ArgumentSource; object: Mention; objectSource?: ArgumentSource } | undefined {
  const type = trigger.data.type;
  if (type === 'SENT_TROOPS_TO') {
    const origin = troopOrigin(view, trigger.end, view.doc.rules!.nounClass('troops'));
    const host = candidates.filter((m) => m.tokenEnd <= trigger.start && trigger.start - m.tokenEnd <= 3 && !isPrepositional(view, m) && (m.type === 'COUNTRY' || m.type === 'ORGANIZATION')).pop();
    if (origin && host && host.entityId !== origin.entityId) {
      origin.qualifies = 'affiliation';
      return { subject: origin, subjectSource: 'gentilic', object: host };
    }
  }
  if (!TRANSFERS.has(type)) return undefined;
  const previous = [...view.claims].reverse().find((c) => c.triggerStart < trigger.start && TRANSFERS.has(c.type));
  if (!previous) return undefined;
  const own = candidates.some((m) => m.tokenStart >= trigger.end && m.tokenStart < trigger.end + 8);
  return own ? undefined : { subject: previous.subject, subjectSource: 'inherited', object: previous.object, objectSource: 'inherited' };
}

/** The subject: passive "by X", possessive "X's", Arabic VSO after the verb, SVO before it, else the clause's earlier subject. */
function subjectAndObject(view: SentenceView, trigger: Trigger, candidates: Mention[]): { subject: Mention; subjectSource: ArgumentSource; object: Mention } | undefined {
  const { doc } = view;
  const english = doc.language === 'en';
  const start = clauseStart(view, trigger.start);
  const crossThat = CROSS_THAT.has(trigger.data.type);
  const end = clauseEnd(view, trigger.end, crossThat);
  const window = trigger.data.directOnly ? 4 : crossThat ? 16 : 12;
  const after = candidates.filter((m) => m.tokenStart >= trigger.end && m.tokenStart < Math.min(end, trigger.end + window));
  const before = candidates.filter((m) => m.tokenEnd <= trigger.start && m.tokenStart >= start && !isPrepositional(view, m) && m.type !== 'LOCATION' && m.type !== 'EVENT');
  const inherited = inheritedSubject(view, trigger);

  if (trigger.data.subjectFrom === 'clause') {
    const first = candidates.find((m) => m.tokenStart >= start && m.tokenEnd <= trigger.start && !isPrepositional(view, m) && ACTORS.has(m.type));
    const object = first && pickObject(view, trigger, after, first);
    return first && object ? { subject: first, subjectSource: first.source, object } : undefined;
  }

  if (english) {
    const passive = /^(was|were|been|being|is|are|be)$/.test(view.norms[trigger.start - 1] ?? '');
    const by = after.find((m) => view.norms[m.tokenStart - 1] === 'by' && m.tokenStart - trigger.end <= 3);
    if (passive && by) {
      const patient = before[before.length - 1];
      return patient ? { subject: by, subjectSource: by.source, object: patient } : undefined;
    }
    const subject = before[before.length - 1];
    const pick = subject ? { m: subject, source: subject.source as ArgumentSource } : inherited;
    if (!pick) return undefined;
    const object = pickObject(view, trigger, after.filter((m) => m !== pick.m), pick.m);
    return object ? { subject: pick.m, subjectSource: pick.source, object } : undefined;
  }

  // Arabic: an actor right before the verb in its clause is an SVO subject; else VSO/genitive right after it.
  const svo = before.filter((m) => trigger.start - m.tokenEnd <= 3).pop();
  if (svo) {
    const object = pickObject(view, trigger, after, svo);
    return object ? { subject: svo, subjectSource: svo.source, object } : undefined;
  }
  const bare = after.find((m) => !isPrepositional(view, m) && m.type !== 'LOCATION' && m.type !== 'EVENT' && m.tokenStart - trigger.end <= 3);
  if (bare) {
    const rest = after.filter((m) => m.tokenStart >= bare.tokenEnd && !coordinated(view, bare, candidates).includes(m));
    const object = pickObject(view, trigger, rest, bare);
    if (object) return { subject: bare, subjectSource: bare.source, object };
    // One actor after the verb and a subject carried over from the clause before: the actor is the object.
    if (inherited && inherited.m.entityId !== bare.entityId) {
      const direct = pickObject(view, trigger, after, inherited.m);
      if (direct) return { subject: inherited.m, subjectSource: inherited.source, object: direct };
    }
    return undefined;
  }
  if (!inherited) return undefined;
  const object = pickObject(view, trigger, after, inherited.m);
  return object ? { subject: inherited.m, subjectSource: inherited.source, object } : undefined;
}

/** The subject of the sentence's previous claim, or the speaker whose complement holds the trigger. */
function inheritedSubject(view: SentenceView, trigger: Trigger): { m: Mention; source: ArgumentSource } | undefined {
  const previous = [...view.claims].reverse().find((c) => c.triggerStart < trigger.start);
  if (previous) {
    // "Zelensky said Russia will deploy troops, and urged his allies ...": after a comma the speaker goes on.
    const speech = view.attributions.find((a) => a.kind === 'speech' && a.source.tokenEnd <= a.from && a.from <= previous.triggerStart && previous.triggerStart < a.to);
    const comma = view.norms.slice(previous.triggerEnd, trigger.start).some((n) => n === '،' || n === ',');
    return { m: speech && comma ? speech.source : previous.subject, source: 'inherited' };
  }
  const speech = view.attributions.filter((a) => a.from <= trigger.start && trigger.start < a.to && a.source.tokenEnd <= trigger.start).pop();
  if (speech) return { m: speech.source, source: 'inherited' };
  // Arabic drops a subject it carries on from the sentence before: "وألقت باللوم على الغرب ..." (she = North Korea).
  if (view.doc.language === 'ar' && trigger.start - view.start <= 1 && view.doc.lastSubject) return { m: view.doc.lastSubject, source: 'inherited' };
  return undefined;
}

/** The object the trigger's frame admits: direct, destination, or one of its prepositions. */
function pickObject(view: SentenceView, trigger: Trigger, after: Mention[], subject: Mention): Mention | undefined {
  const { doc } = view;
  const rules = doc.rules!;
  const spec = new Set(trigger.data.object.split('+').map((x) => (x === 'direct' || x === 'destination' ? x : normalizeToken(x))));
  const destination = rules.words('destinationPreps');
  const locative = rules.words('locativePreps');
  const border = rules.nounClass('border');
  const anchor = subject.tokenStart >= trigger.end ? subject.tokenEnd : trigger.end;
  for (const m of after) {
    if (m.tokenStart < anchor || m.entityId === subject.entityId) continue;
    const gap = view.norms.slice(anchor, m.tokenStart);
    if (trigger.data.type === 'SENT_TROOPS_TO' && gap.some((_, k) => border.matchAt(view.norms, anchor + k).length)) return undefined;
    const intro = introducer(view, m, anchor);
    const isLocative = intro !== undefined && (locative.has(intro) || (intro === 'ب' && isArabicScript(view.norms[m.tokenStart]) && !spec.has('ب'))) || (intro === undefined && afterLocative(doc, m));
    if (isLocative) {
      if (trigger.data.allowLocative) return m;
      continue;
    }
    if (intro === undefined) {
      const directGap = gap.filter((n) => !/^(the|a|an|its|their)$/.test(n)).length;
      if (spec.has('direct') && directGap <= (trigger.data.directOnly ? 1 : 3)) return m;
      if (trigger.data.directOnly) return undefined;
      continue;
    }
    if (spec.has(intro) || (spec.has('destination') && destination.has(intro))) return m;
    if (trigger.data.directOnly) return undefined;
  }
  // "concern over reports that X ...": the object is the first actor of what the concern is about.
  if (CROSS_THAT.has(trigger.data.type)) {
    const prep = view.norms.slice(anchor).findIndex((n) => spec.has(n) && n !== 'direct');
    if (prep >= 0) return after.find((m) => m.tokenStart > anchor + prep && m.entityId !== subject.entityId && m.type !== 'LOCATION');
  }
  return undefined;
}

/** The preposition that introduces a mention: its own clitic (بروسيا، لروسيا) or a word within three tokens before it. */
function introducer(view: SentenceView, m: Mention, from: number): string | undefined {
  const rules = view.doc.rules!;
  const clitic = m.proclitic.replace(/^[وف]/, '').replace(/ال$/, '');
  if (clitic && isArabicScript(view.norms[m.tokenStart])) return clitic[0];
  const preps = [rules.words('destinationPreps'), rules.words('locativePreps'), rules.words('functionWords')];
  const breakers = rules.words('clauseBreakers');
  for (let k = m.tokenStart - 1; k >= Math.max(from, m.tokenStart - 3); k--) {
    const n = view.norms[k];
    const stripped = isArabicScript(n) && n.length > 3 && /^[وف]/.test(n) ? n.slice(1) : n;
    for (const candidate of [n, stripped]) {
      if (breakers.has(candidate) || rules.words('coordinators').has(candidate) || /^(the|a|an|its|their|his|her)$/.test(candidate)) continue;
      if (preps.some((p) => p.has(candidate))) return candidate;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Pattern claims: relations carried by a phrase's shape rather than a verb.

function patternClaims(view: SentenceView): Claim[] {
  const { doc } = view;
  const out: Claim[] = [];
  const rules = doc.rules!;
  const troops = rules.nounClass('troops');
  for (const m of view.mentions) {
    if (m.type !== 'LOCATION' || m.qualifies) continue;
    const info = entityOf(doc, m.entityId);
    // "منطقة كورسك الروسية", "Russia's Kursk region", "the Russian region of Kursk": the text places it.
    const next = view.mentions.find((x) => x.tokenStart === m.tokenEnd && x.type === 'COUNTRY');
    const prev = view.mentions.find((x) => x.type === 'COUNTRY' && (x.tokenEnd === m.tokenStart || (x.tokenEnd === m.tokenStart - 1 && /^('s|’s|s)$/.test(doc.raws[m.tokenStart - 1]))));
    const country = doc.language === 'en' ? prev : next;
    if (country && (!info.within || info.within === country.entityId)) {
      country.qualifies = 'location';
      out.push(base(view, 'LOCATED_IN', m, country, m.tokenStart, m.tokenEnd, 0.9));
    }
  }
  for (let i = view.start; i < view.end; i++) {
    if (view.claims.some((c) => c.type === 'SENT_TROOPS_TO' && i >= c.triggerStart && i < c.triggerEnd + 6)) continue;
    if (!troops.matchAt(view.norms, i).length) continue;
    const origin = troopOrigin(view, i, troops);
    if (!origin) continue;
    // Deployment nouns only: "the deployment of North Korean troops in Russia" — a bare "North Korean troops in Kursk" too.
    const dest = view.mentions.find((x) => x.tokenStart > origin.tokenEnd && x.tokenStart <= origin.tokenEnd + 3 && x.entityId !== origin.entityId && (x.type === 'COUNTRY' || x.type === 'LOCATION') && introducer(view, x, origin.tokenEnd) !== undefined);
    const deploy = [...Array(4).keys()].some((k) => rules.triggers.matchAt(view.norms, Math.max(view.start, i - 1 - k)).some((t) => t.value.type === 'SENT_TROOPS_TO'));
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
function troopOrigin(view: SentenceView, from: number, troops: ReturnType<NonNullable<Doc['rules']>['nounClass']>): Mention | undefined {
  for (let k = from; k < Math.min(view.end, from + 6); k++) {
    if (!troops.matchAt(view.norms, k).length) continue;
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
    // A title states an office; the sentence's hedges are about something else.
    claim.eventDate = findDates(doc, view.start, view.end, false)[0]?.value;
    return;
  }
  const lookback = Math.max(view.start, claim.triggerStart - 12);
  const norms = view.norms;
  const has = (list: string, from: number, to: number) => {
    const set = rules.words(list);
    for (let k = from; k < to; k++) if (set.matchAt(norms, k).length) return k;
    return -1;
  };
  const negation = rules.words('negation');
  const negatedAt = (k: number) => [1, 2].some((d) => k - d >= view.start && negation.has(norms[k - d]));

  let modality: Modality = claim.modality;
  let polarity: Polarity = claim.polarity;
  const denial = has('denialWords', lookback, claim.triggerStart);
  if (denial >= 0) {
    const needsNegation = rules.words('denialNeedsNegation').matchAt(norms, denial).length > 0;
    const negated = negatedAt(denial);
    if (needsNegation ? negated : !negated) {
      modality = 'DENIED';
      polarity = 'NEGATIVE';
    } else if (!needsNegation && negated) {
      modality = 'ALLEGED'; // "did not deny" / "لم ينفِ": neither confirmed nor denied
    }
  }
  if (modality !== 'DENIED') {
    if (negatedAt(claim.triggerStart)) polarity = 'NEGATIVE';
    const clause = clauseStart(view, claim.triggerStart);
    if (modality !== 'PLANNED' && has('futureWords', Math.max(clause, claim.triggerStart - 4), claim.triggerStart) >= 0) modality = 'PLANNED';
    if (modality !== 'PLANNED' && modality !== 'ALLEGED') {
      const alleged = has('allegationWords', lookback, claim.triggerStart) >= 0 || has('allegationWords', claim.triggerEnd, Math.min(view.end, claim.triggerEnd + 2)) >= 0;
      if (alleged) modality = 'ALLEGED';
    }
  }
  const attribution = view.attributions.filter((a) => claim.triggerStart >= a.from && claim.triggerStart < a.to && a.source.entityId !== claim.object.entityId).pop();
  // The speaker's own next act ("..., and urged its allies") is not something the speaker reports.
  const ownAct = attribution && claim.subjectSource === 'inherited' && attribution.source.entityId === claim.subject.entityId;
  if (attribution && !ownAct) {
    claim.attributedTo = { entityId: attribution.source.entityId, text: attribution.text };
    if (modality === 'ASSERTED') modality = 'REPORTED';
  }
  claim.modality = modality;
  claim.polarity = polarity;

  const dates = findDates(doc, view.start, view.end, modality === 'PLANNED');
  const nearest = dates.sort((a, b) => Math.abs(a.tokenStart - claim.triggerStart) - Math.abs(b.tokenStart - claim.triggerStart))[0];
  if (nearest) claim.eventDate = nearest.value;

  const cls = QUANTITY_CLASS[claim.type];
  if (cls) {
    const set = rules.nounClass(cls);
    const quantity = findQuantities(doc, Math.max(view.start, claim.triggerStart - 4), Math.min(view.end, claim.triggerEnd + 10)).find((q) => set.matchAt(view.norms, q.tokenEnd - 1).length > 0);
    if (quantity) claim.quantity = { value: quantity.value, unit: quantity.unit, text: quantity.text };
  }
  if (!claim.location && claim.type !== 'LOCATED_IN') claim.location = placeOf(view, claim);
}

/** The first place after the trigger that a locative preposition introduces, if it is a place rather than a country. */
function placeOf(view: SentenceView, claim: Claim): string | undefined {
  const locative = view.doc.rules!.words('locativePreps');
  const limit = clauseEnd(view, claim.triggerEnd, false);
  for (const m of view.mentions) {
    if (m.tokenStart < claim.triggerEnd || m.tokenStart >= Math.min(limit, claim.triggerEnd + 12) || m.qualifies === 'event') continue;
    const intro = introducer(view, m, claim.triggerEnd);
    const placed = m.source === 'location' || afterLocative(view.doc, m) || (intro !== undefined && locative.has(intro));
    if (!placed) continue;
    return m.type === 'LOCATION' ? m.entityId : undefined;
  }
  return undefined;
}
