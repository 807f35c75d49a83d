import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { arabicKey, arabicStems, isArabicScript, normalizeToken, startsUppercase } from './normalize';
import { RELATION_TYPES, type EntityType } from './types';
import { SparseWordTable, WordFlags, WordTable, wordId, wordOf } from './vocabulary';
import { PROJECT_ROOT } from '../paths';

/**
 * Loads the lexicon data files (src/lexicon/*.json, rules/<lang>.json), validates them with zod and
 * compiles them for one-pass matching. Adding a language or an entity is a change to those files only.
 */

export const LEXICON_DIR = path.join(PROJECT_ROOT, 'src', 'lexicon');

const Form = z.object({ text: z.string().min(1), ambiguous: z.boolean().optional(), short: z.boolean().optional(), standalone: z.boolean().optional() });
const Names = z.record(z.string(), z.array(Form));
const Base = z.object({ id: z.string().min(1), name: z.string().min(1), names: Names, wikidataId: z.string().regex(/^Q\d+$/).optional() });
const Country = Base.extend({
  type: z.literal('COUNTRY'),
  iso: z.string().length(2),
  gentilics: z.record(z.string(), z.array(z.string())),
  irregularPlurals: z.record(z.string(), z.array(z.string())),
});
const Organization = Base.extend({ type: z.literal('ORGANIZATION'), kind: z.string(), country: z.string().optional() });
const Metonym = Base.extend({ type: z.literal('LOCATION'), standsFor: z.string().optional() });
const Location = Base.extend({ type: z.literal('LOCATION'), kind: z.string(), within: z.string().optional() });
const Office = z.object({ relation: z.enum(['LEADER_OF', 'OFFICIAL_OF']), title: z.string(), of: z.string(), from: z.number().int(), to: z.number().int().optional() });
const Person = Base.extend({ type: z.literal('PERSON'), offices: z.array(Office) });

const Trigger = z.object({
  type: z.enum(RELATION_TYPES),
  forms: z.array(z.string().min(1)).min(1),
  requires: z.string().optional(),
  object: z.string(),
  directOnly: z.boolean().optional(),
  allowLocative: z.boolean().optional(),
  symmetric: z.boolean().optional(),
  objectTypes: z.array(z.string()).optional(),
  /** How far (tokens after the trigger) the required noun may be; 8 by default. */
  within: z.number().int().min(1).max(30).optional(),
  /** `clause`: the subject is the clause's first actor (for prepositions such as "during", "خلال"). */
  subjectFrom: z.literal('clause').optional(),
  /** Only "between X and Y" gives the arguments ("fighting between the army and the RSF"). */
  betweenOnly: z.boolean().optional(),
  /** The verb's subject is the organization and its object the members: "the alliance, which includes Mali". */
  inverse: z.boolean().optional(),
  /** The trigger itself announces an intention ("pledged", "promised"). */
  planned: z.boolean().optional(),
  strength: z.number().min(0).max(1),
});
/** `rank`: a military rank names no office by itself; it gives a relation only with an affiliation in the text. */
const Title = z.object({ text: z.string(), relation: z.enum(['LEADER_OF', 'OFFICIAL_OF']), title: z.string(), rank: z.boolean().optional() });
const Rules = z.object({
  language: z.string(),
  functionWords: z.array(z.string()),
  /** Words that make what follows them a prepositional phrase (no subject there). */
  prepositions: z.array(z.string()),
  locativePreps: z.array(z.string()),
  destinationPreps: z.array(z.string()),
  clauseBreakers: z.array(z.string()),
  coordinators: z.array(z.string()),
  negation: z.array(z.string()),
  futureWords: z.array(z.string()),
  allegationWords: z.array(z.string()),
  denialWords: z.array(z.string()),
  denialNeedsNegation: z.array(z.string()),
  attributionBefore: z.array(z.string()),
  /** Nouns that name a source without naming who ("officials", "state media", "مصادر"): what they say is reported. */
  sourceNouns: z.array(z.string()),
  speechVerbs: z.array(z.string()),
  complementizers: z.array(z.string()),
  /** "أنها استهدفت": a complementizer carrying the subject pronoun of the verb after it (the speaker). */
  pronounComplementizers: z.array(z.string()),
  titles: z.array(Title),
  formerMarkers: z.array(z.string()),
  governmentBodies: z.array(z.string()),
  orgCues: z.array(z.string()),
  eventCues: z.array(z.object({ text: z.string(), name: z.string() })),
  nounClasses: z.record(z.string(), z.array(z.string())),
  triggers: z.array(Trigger),
  betweenWords: z.array(z.string()),
  passiveBy: z.array(z.string()),
  boilerplate: z.object({ relatedHeaders: z.array(z.string()), dropLines: z.array(z.string()) }),
  months: z.record(z.string(), z.number().int().min(1).max(12)),
  weekdays: z.record(z.string(), z.number().int().min(0).max(6)),
  relativeDays: z.record(z.string(), z.number().int()),
  relativeMonths: z.record(z.string(), z.number().int()),
  relativeYears: z.record(z.string(), z.number().int()),
  numberScales: z.record(z.string(), z.number()),
  numberWords: z.record(z.string(), z.number()),
  approximators: z.array(z.string()),
});
export type RulesData = z.infer<typeof Rules>;
export type TriggerData = z.infer<typeof Trigger>;
export type OfficeData = z.infer<typeof Office>;

function readJson<T>(file: string, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid lexicon file ${file} at ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

// ---------------------------------------------------------------------------------------------
// Token matching shared by the gazetteer and the phrase sets.

/** The keys a text token can match under: itself, and for Arabic its proclitic-stripped stems. */
export interface TokenKey {
  key: string;
  proclitic: string;
}

const KEY_CACHE = [new WordTable<TokenKey[]>(), new WordTable<TokenKey[]>()];

/** The keys of a word (by id), cached: an article repeats its words, and stemming is the matcher's hottest step. */
export function tokenKeys(id: number, withFuture = false): TokenKey[] {
  const cache = KEY_CACHE[withFuture ? 1 : 0];
  let keys = cache.get(id);
  if (!keys) cache.set(id, (keys = computeTokenKeys(wordOf(id), withFuture)));
  return keys;
}

/** Tokens as the matcher reads them: normalized text and vocabulary ids, indexed alike; matches end by `end`. */
export interface TokenSeq {
  readonly norms: readonly string[];
  readonly ids: ArrayLike<number>;
  readonly end?: number;
}

function computeTokenKeys(norm: string, withFuture: boolean): TokenKey[] {
  if (!isArabicScript(norm)) return [{ key: norm, proclitic: '' }];
  const stems = arabicStems(norm).map(({ stem, proclitic }) => ({ key: stem, proclitic }));
  if (withFuture) {
    // Future prefix س on an imperfect verb (سترسل، وسيرسل): the trigger is the verb, the س marks PLANNED.
    for (const { key, proclitic } of [...stems]) {
      if (/^س[يتنا]/.test(key) && key.length > 3) stems.push({ key: key.slice(1), proclitic: `${proclitic}س` });
    }
  }
  return stems;
}

/** A phrase pattern element: exact, prefix (`word*`) or a gap of up to four tokens (`...`). */
type Element = { kind: 'exact' | 'prefix'; value: string } | { kind: 'gap' };

export interface PhrasePattern<T> {
  elements: Element[];
  value: T;
}

function compileElement(raw: string): Element {
  if (raw === '...') return { kind: 'gap' };
  const prefix = raw.endsWith('*');
  const value = normalizeToken(prefix ? raw.slice(0, -1) : raw);
  return { kind: prefix ? 'prefix' : 'exact', value };
}

export interface PhraseMatch<T> {
  value: T;
  /** Token index one past the match. */
  end: number;
  /** Proclitics stripped from the first token (Arabic), including a future س. */
  proclitic: string;
}

/** A set of multi-token patterns matched at a position, longest first. */
export class PhraseSet<T> {
  private readonly byFirst = new Map<string, PhrasePattern<T>[]>();
  /** Prefix patterns indexed by their first two characters. */
  private readonly prefixes = new Map<string, PhrasePattern<T>[]>();
  /** Per word: whether the word alone is in the set. */
  private readonly single = new WordFlags();
  /** Per word: whether any pattern can start at it, without and with a future prefix. */
  private readonly startable = [new WordFlags(), new WordFlags()];
  /** Per word that can start one: the patterns whose first element it matches, and under which stem. */
  private readonly starts = [new SparseWordTable<PatternStart<T>[]>(), new SparseWordTable<PatternStart<T>[]>()];

  constructor(entries: Iterable<[string, T]>) {
    for (const [text, value] of entries) {
      const elements = text.split(/\s+/).filter(Boolean).map(compileElement);
      const first = elements[0];
      if (first.kind === 'gap') throw new Error(`pattern cannot start with a gap: ${text}`);
      const pattern = { elements, value };
      const index = first.kind === 'prefix' ? this.prefixes : this.byFirst;
      const key = first.kind === 'prefix' ? first.value.slice(0, 2) : first.value;
      index.set(key, [...(index.get(key) ?? []), pattern]);
    }
  }

  /** All matches starting at `index` and ending by `limit` (default: the sequence's end), longest first. */
  matchAt(seq: TokenSeq, index: number, withFuture = false, limit = seq.end ?? seq.norms.length): PhraseMatch<T>[] {
    if (index >= limit || index < 0) return NO_MATCHES;
    const starts = this.startsAt(seq.ids[index], withFuture);
    if (starts === NO_STARTS) return NO_MATCHES;
    let results: PhraseMatch<T>[] | undefined;
    for (const { pattern, proclitic } of starts) {
      const end = pattern.elements.length === 1 ? index + 1 : matchRest(pattern.elements, seq, index + 1, 1, limit);
      if (end !== undefined) (results ??= []).push({ value: pattern.value, end, proclitic });
    }
    if (!results) return NO_MATCHES;
    return results.length > 1 ? results.sort((a, b) => b.end - a.end || a.proclitic.length - b.proclitic.length) : results;
  }

  /** The patterns a word can start: most words start none, and one array read answers them. */
  private startsAt(id: number, withFuture: boolean): PatternStart<T>[] {
    const which = withFuture ? 1 : 0;
    const known = this.startable[which].get(id);
    if (known === NO) return NO_STARTS;
    if (known === YES) return this.starts[which].get(id)!;
    const starts: PatternStart<T>[] = [];
    for (const { key, proclitic } of tokenKeys(id, withFuture)) {
      for (const list of [this.byFirst.get(key), key.length >= 2 ? this.prefixes.get(key.substring(0, 2)) : undefined]) {
        for (const pattern of list ?? []) if (elementMatches(pattern.elements[0], key)) starts.push({ pattern, proclitic });
      }
    }
    this.startable[which].set(id, starts.length ? YES : NO);
    if (!starts.length) return NO_STARTS;
    this.starts[which].set(id, starts);
    return starts;
  }

  /** Whether any pattern can start at a word, with or without a future prefix. */
  canStartAt(id: number): boolean {
    return this.startsAt(id, true) !== NO_STARTS;
  }

  /** Whether one word (by id) on its own is in the set. */
  has(id: number): boolean {
    let found = this.single.get(id);
    if (found === UNKNOWN) {
      const alone = this.startsAt(id, false).some(({ pattern }) => pattern.elements.length === 1);
      this.single.set(id, (found = alone ? YES : NO));
    }
    return found === YES;
  }

  /** `has` for a word given as normalized text (one derived from a token: a stripped clitic, say). */
  hasWord(norm: string | undefined): boolean {
    return norm !== undefined && this.has(wordId(norm));
  }
}

interface PatternStart<T> {
  pattern: PhrasePattern<T>;
  /** Proclitics stripped from the word for its stem to match the pattern's first element. */
  proclitic: string;
}

const NO_STARTS: never[] = [];
const UNKNOWN = 0;
const NO = 1;
const YES = 2;
const NO_MATCHES: never[] = [];

function elementMatches(element: Element, key: string): boolean {
  if (element.kind === 'gap') return true;
  return element.kind === 'exact' ? key === element.value : key.startsWith(element.value);
}

function matchRest(elements: Element[], seq: TokenSeq, index: number, at: number, limit: number): number | undefined {
  if (at === elements.length) return index;
  const element = elements[at];
  if (element.kind === 'gap') {
    for (let skip = 0; skip <= 4 && index + skip <= limit; skip++) {
      const end = matchRest(elements, seq, index + skip, at + 1, limit);
      if (end !== undefined) return end;
    }
    return undefined;
  }
  if (index >= limit) return undefined;
  const ok = tokenKeys(seq.ids[index]).some(({ key }) => elementMatches(element, key));
  return ok ? matchRest(elements, seq, index + 1, at + 1, limit) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Gazetteer

export type MentionKind = 'name' | 'short' | 'metonym' | 'gentilic' | 'location';

export interface EntityInfo {
  id: string;
  type: EntityType;
  name: string;
  wikidataId?: string;
  /** Surface forms per language, as written in the data. */
  names: Record<string, string[]>;
  /** For a capital or seat of government: the country or body it stands for as an actor. */
  standsFor?: string;
  /** For a place: the country or place it lies in. */
  within?: string;
  /** For a national body (a news agency, the IRGC): its country. */
  country?: string;
  offices?: OfficeData[];
}

export interface GazetteerEntry {
  entityId: string;
  kind: MentionKind;
  ambiguous: boolean;
  standalone: boolean;
  /** Per token: whether the text must be capitalized or all upper case (English proper names, acronyms). */
  shape: ('any' | 'cap' | 'upper')[];
}

interface TrieNode {
  children: Map<string, TrieNode>;
  entries: GazetteerEntry[];
}

/** Comparison key of a normalized token: Arabic without its article. */
function matchKey(norm: string): string {
  return isArabicScript(norm) ? arabicKey(norm) : norm;
}

const ANY_LETTER = /\p{L}/u;
const NON_LETTERS = /[^\p{L}]/gu;
/** The first letter, past any other characters, is uppercase. */
const FIRST_LETTER_UPPERCASE = /^[^\p{L}]*\p{Lu}/u;

function shapeOf(token: string): 'any' | 'cap' | 'upper' {
  if (isArabicScript(token) || !ANY_LETTER.test(token)) return 'any';
  const letters = token.replace(NON_LETTERS, '');
  if (letters.length >= 2 && letters === letters.toUpperCase()) return 'upper';
  if (startsUppercase(letters)) return 'cap';
  return 'any';
}

function arabicInflections(gentilic: string): string[] {
  const words = gentilic.split(/\s+/);
  return ['', 'ة', 'ين', 'ون', 'ان', 'تين', 'تان'].map((suffix) => words.map((w) => w + suffix).join(' '));
}

function englishInflections(gentilic: string): string[] {
  return /(s|sh|ch|ese)$/i.test(gentilic) ? [gentilic] : [gentilic, `${gentilic}s`];
}

export class Gazetteer {
  readonly entities = new Map<string, EntityInfo>();
  private readonly root: TrieNode = { children: new Map(), entries: [] };
  /** Keys claimed by more than one entity: unresolvable, so dropped. */
  private readonly conflicts = new Set<string>();
  private readonly owners = new Map<string, string>();
  private readonly firstNodesById = new WordTable<{ node: TrieNode; proclitic: string }[]>();

  add(info: EntityInfo, forms: { text: string; kind: MentionKind; ambiguous?: boolean; standalone?: boolean }[]): void {
    this.entities.set(info.id, info);
    for (const form of forms) {
      const raw = form.text.split(/\s+/).filter(Boolean);
      const keys = raw.map((t) => matchKey(normalizeToken(t)));
      const joined = keys.join(' ');
      const owner = this.owners.get(joined);
      if (owner && owner !== info.id) this.conflicts.add(joined);
      this.owners.set(joined, info.id);
      let node = this.root;
      for (const key of keys) {
        let next = node.children.get(key);
        if (!next) node.children.set(key, (next = { children: new Map(), entries: [] }));
        node = next;
      }
      if (!node.entries.some((e) => e.entityId === info.id && e.kind === form.kind)) {
        node.entries.push({ entityId: info.id, kind: form.kind, ambiguous: !!form.ambiguous, standalone: form.standalone ?? form.kind !== 'short', shape: raw.map(shapeOf) });
      }
    }
  }

  /** Drops the entries of keys two entities share ("Congo"): a wrong entity costs more than none. */
  finish(): void {
    for (const joined of this.conflicts) {
      let node: TrieNode | undefined = this.root;
      for (const key of joined.split(' ')) node = node?.children.get(key);
      if (node) node.entries = [];
    }
  }

  /** Longest gazetteer match starting at `index`. */
  longestAt(seq: TokenSeq & { raws: readonly string[] }, index: number, limit = seq.end ?? seq.norms.length): { entries: readonly GazetteerEntry[]; end: number; proclitic: string } | undefined {
    let best: { entries: readonly GazetteerEntry[]; end: number; proclitic: string } | undefined;
    const firsts = this.firstNodes(seq.ids[index]);
    for (let f = 0; f < firsts.length; f++) {
      const proclitic = firsts[f].proclitic;
      let node: TrieNode | undefined = firsts[f].node;
      let i = index + 1;
      while (node) {
        if (node.entries.length && (!best || i > best.end || (i === best.end && proclitic.length < best.proclitic.length))) {
          const fitting = fittingEntries(node.entries, seq.raws, index, proclitic);
          if (fitting.length) best = { entries: fitting, end: i, proclitic };
        }
        if (i >= limit) break;
        node = node.children.get(matchKeyOf(seq.ids[i]));
        i++;
      }
    }
    return best;
  }

  /** The trie nodes a word's stems lead to from the root, cached per word: asked for every token. */
  private firstNodes(id: number): { node: TrieNode; proclitic: string }[] {
    let nodes = this.firstNodesById.get(id);
    if (!nodes) {
      nodes = [];
      for (const { key, proclitic } of tokenKeys(id)) {
        const node = this.root.children.get(matchKey(key));
        if (node) nodes.push({ node, proclitic });
      }
      this.firstNodesById.set(id, nodes);
    }
    return nodes;
  }
}

const MATCH_KEYS = new WordTable<string>();

function matchKeyOf(id: number): string {
  let key = MATCH_KEYS.get(id);
  if (key === undefined) MATCH_KEYS.set(id, (key = matchKey(wordOf(id))));
  return key;
}

/**
 * The entries whose letter case the tokens at `index` fit. A loop, not a filter: a closure over longestAt's
 * arguments would make V8 allocate their context on every call, and longestAt is asked for every token.
 */
function fittingEntries(entries: GazetteerEntry[], raws: readonly string[], index: number, proclitic: string): readonly GazetteerEntry[] {
  let fitting: GazetteerEntry[] | undefined;
  for (let k = 0; k < entries.length; k++) {
    const fits = shapeFits(entries[k].shape, raws, index, proclitic);
    // Usually all fit, and the node's own list is the answer: a copy is made only once one does not.
    if (!fits && !fitting) fitting = entries.slice(0, k);
    else if (fits && fitting) fitting.push(entries[k]);
  }
  return fitting ?? entries;
}

function shapeFits(shape: GazetteerEntry['shape'], raws: readonly string[], index: number, proclitic: string): boolean {
  for (let k = 0; k < shape.length; k++) {
    if (shape[k] === 'any') continue;
    const raw = raws[index + k];
    if (raw === undefined) return false;
    const text = k === 0 && proclitic ? raw.slice(proclitic.length) : raw;
    if (shape[k] === 'cap') {
      if (!FIRST_LETTER_UPPERCASE.test(text)) return false;
    } else {
      const letters = text.replace(NON_LETTERS, '');
      if (letters !== letters.toUpperCase()) return false;
    }
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Compiled rules per language

export interface TitleInfo {
  relation: 'LEADER_OF' | 'OFFICIAL_OF';
  title: string;
  rank?: boolean;
}

export interface CompiledRules {
  data: RulesData;
  words: (list: keyof RulesData | string) => PhraseSet<true>;
  titles: PhraseSet<TitleInfo>;
  triggers: PhraseSet<TriggerData>;
  speech: PhraseSet<true>;
  nounClass: (name: string) => PhraseSet<true>;
  months: PhraseSet<number>;
  weekdays: PhraseSet<number>;
  relativeDays: PhraseSet<number>;
  relativeMonths: PhraseSet<number>;
  relativeYears: PhraseSet<number>;
  numberScales: PhraseSet<number>;
  numberWords: PhraseSet<number>;
  eventCues: PhraseSet<string>;
  /** Per word: a bit for each phrase set a sentence is scanned for (titles, triggers, cues ...) that can start at it. */
  startMask(id: number): number;
  /** A scanned set's bit in `startMask`; 0 for a set no scan looks for. */
  scanBit(set: PhraseSet<unknown>): number;
}

function compileRules(data: RulesData): CompiledRules {
  const cache = new Map<string, PhraseSet<true>>();
  const set = (items: string[]) => new PhraseSet<true>(items.map((t) => [t, true]));
  const words = (list: string) => {
    let s = cache.get(list);
    if (!s) {
      const value = (data as Record<string, unknown>)[list];
      if (!Array.isArray(value)) throw new Error(`rules.${list} is not a word list`);
      cache.set(list, (s = set(value as string[])));
    }
    return s;
  };
  const classes = new Map(Object.entries(data.nounClasses).map(([k, v]) => [k, set(v)]));
  const record = <T>(r: Record<string, T>) => new PhraseSet<T>(Object.entries(r));
  const titles = new PhraseSet(data.titles.map((t): [string, TitleInfo] => [t.text, { relation: t.relation, title: t.title, rank: t.rank }]));
  const triggers = new PhraseSet(data.triggers.flatMap((t) => t.forms.map((f): [string, TriggerData] => [f, t])));
  const speech = set(data.speechVerbs);
  const eventCues = new PhraseSet(data.eventCues.map((c): [string, string] => [c.text, c.name]));
  const months = record(data.months);
  const weekdays = record(data.weekdays);
  const relativeDays = record(data.relativeDays);
  const relativeMonths = record(data.relativeMonths);
  // The sets the per-token scans look for: a sentence (or a token) where none can start skips that scan.
  const scanned: PhraseSet<unknown>[] = [
    titles,
    triggers,
    speech,
    eventCues,
    ...['attributionBefore', 'governmentBodies', 'orgCues', 'denialWords', 'futureWords', 'allegationWords'].map(words),
    months,
    weekdays,
    relativeDays,
    relativeMonths,
    ...(classes.has('troops') ? [classes.get('troops')!] : []),
  ];
  const bits = new Map(scanned.map((s, i) => [s, 1 << i]));
  const masks = new WordTable<number>();
  return {
    data,
    words,
    titles,
    triggers,
    speech,
    nounClass: (name) => {
      const s = classes.get(name);
      if (!s) throw new Error(`unknown noun class ${name}`);
      return s;
    },
    months,
    weekdays,
    relativeDays,
    relativeMonths,
    relativeYears: record(data.relativeYears),
    numberScales: record(data.numberScales),
    numberWords: record(data.numberWords),
    eventCues,
    startMask: (id) => {
      let mask = masks.get(id);
      if (mask === undefined) {
        mask = 0;
        for (const [s, bit] of bits) if (s.canStartAt(id)) mask |= bit;
        masks.set(id, mask);
      }
      return mask;
    },
    scanBit: (s) => bits.get(s) ?? 0,
  };
}

export interface Lexicon {
  gazetteer: Gazetteer;
  rules: Map<string, CompiledRules>;
}

function namesOf(names: z.infer<typeof Names>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(names).map(([lang, forms]) => [lang, forms.map((f) => f.text)]));
}

function formsOf(names: z.infer<typeof Names>, kind: MentionKind) {
  return Object.values(names).flatMap((forms) => forms.map((f) => ({ text: f.text, kind: f.short ? ('short' as const) : kind, ambiguous: f.ambiguous, standalone: f.standalone })));
}

export function loadLexicon(dir = LEXICON_DIR): Lexicon {
  const gazetteer = new Gazetteer();
  for (const c of readJson(path.join(dir, 'countries.json'), z.array(Country))) {
    const gentilics = [
      ...(c.gentilics.en ?? []).flatMap(englishInflections),
      ...(c.gentilics.ar ?? []).flatMap(arabicInflections),
      ...Object.values(c.irregularPlurals).flat(),
    ];
    gazetteer.add(
      { id: c.id, type: 'COUNTRY', name: c.name, wikidataId: c.wikidataId, names: namesOf(c.names) },
      [...formsOf(c.names, 'name'), ...gentilics.map((text) => ({ text, kind: 'gentilic' as const }))],
    );
  }
  for (const o of readJson(path.join(dir, 'organizations.json'), z.array(Organization))) {
    gazetteer.add({ id: o.id, type: 'ORGANIZATION', name: o.name, wikidataId: o.wikidataId, names: namesOf(o.names), country: o.country }, formsOf(o.names, 'name'));
  }
  for (const m of readJson(path.join(dir, 'metonyms.json'), z.array(Metonym))) {
    gazetteer.add({ id: m.id, type: 'LOCATION', name: m.name, wikidataId: m.wikidataId, names: namesOf(m.names), standsFor: m.standsFor, within: m.standsFor }, formsOf(m.names, 'metonym'));
  }
  for (const l of readJson(path.join(dir, 'locations.json'), z.array(Location))) {
    gazetteer.add({ id: l.id, type: 'LOCATION', name: l.name, wikidataId: l.wikidataId, names: namesOf(l.names), within: l.within }, formsOf(l.names, 'location'));
  }
  for (const p of readJson(path.join(dir, 'people.json'), z.array(Person))) {
    gazetteer.add({ id: p.id, type: 'PERSON', name: p.name, wikidataId: p.wikidataId, names: namesOf(p.names), offices: p.offices }, formsOf(p.names, 'name'));
  }
  gazetteer.finish();
  const rules = new Map<string, CompiledRules>();
  const rulesDir = path.join(dir, 'rules');
  for (const file of readdirSync(rulesDir).filter((f) => f.endsWith('.json'))) {
    const data = readJson(path.join(rulesDir, file), Rules);
    rules.set(data.language, compileRules(data));
  }
  return { gazetteer, rules };
}

let shared: Lexicon | undefined;
/** The lexicon, loaded once per process. */
export function defaultLexicon(): Lexicon {
  return (shared ??= loadLexicon());
}

