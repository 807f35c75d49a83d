import { ensureVocabularyRoom, punctuationId, punctuationText, textId, wordOf } from './vocabulary';

/** What a token is, as `Tokens.kinds` holds it. */
export const TokenKind = { word: 0, number: 1, punct: 2 } as const;

/**
 * An article's tokens as parallel arrays, indexed alike. The matcher reads one field of many tokens, never a whole
 * token: the arrays cost no object per token and no pointer chase per read.
 */
export interface Tokens {
  /** Text as written. */
  raws: string[];
  /** Normalized for matching. */
  norms: string[];
  /** The normalized word's id in the vocabulary. */
  ids: Int32Array;
  /** UTF-16 offsets into the text: where each token starts, and one past where it ends. */
  starts: Int32Array;
  ends: Int32Array;
  /** `TokenKind` values. */
  kinds: Uint8Array;
}

export interface Sentence {
  start: number;
  end: number;
  text: string;
  /** Index of its first token and one past its last. */
  tokenStart: number;
  tokenEnd: number;
  paragraph: number;
  section: 'headline' | 'body';
}

/**
 * Tokens: words (letters and combining marks, inner apostrophes and hyphens), acronyms with dots, numbers with
 * separators, single punctuation; whitespace separates. A possessive 's is a token of its own ("China's" →
 * China + 's), so names match and possession shows. As a regular expression (the tests hold the scanner to it):
 *   (?:[A-Z]\.){2,} | ['’]s\b | \p{N}+(?:[.,٫٬،]\p{N}+)* | [\p{L}\p{M}]+(?:(?:['’](?!s\b)|-)[\p{L}\p{M}]+)* | [^\s\p{L}\p{M}\p{N}]
 * The scanner reads each character's class from a table instead: tokenizing is a tenth of extraction.
 */
export function tokenize(text: string): Tokens {
  ensureVocabularyRoom();
  // About one token per four characters of news text: the numeric arrays double when a text has more, the string
  // arrays grow on their own. Sized up front, they are not copied through every growth step as pushing would.
  let capacity = 16 + (text.length >> 2);
  const raws: string[] = new Array<string>(capacity);
  const norms: string[] = new Array<string>(capacity);
  let ids = new Int32Array(capacity);
  let starts = new Int32Array(capacity);
  let ends = new Int32Array(capacity);
  let kinds = new Uint8Array(capacity);
  let count = 0;
  const n = text.length;
  let p = 0;
  while (p < n) {
    const c = text.charCodeAt(p);
    const cls = c < 0xd800 || c > 0xdfff ? BMP_CLASSES[c] : classAt(text, p);
    if (cls === SPACE) {
      p += unitsAt(text, p);
      continue;
    }
    let end = -1;
    let kind: number = TokenKind.word;
    if (c >= 0x41 && c <= 0x5a) end = acronymEnd(text, p);
    if (end < 0 && (c === 0x27 || c === 0x2019) && isPossessive(text, p)) end = p + 2;
    if (end < 0 && cls === NUMBER) {
      kind = TokenKind.number;
      end = numberEnd(text, p);
    }
    if (end < 0 && cls === LETTER) end = wordEnd(text, p);
    if (end < 0) {
      kind = TokenKind.punct;
      end = p + unitsAt(text, p);
    }
    const single = kind === TokenKind.punct && end === p + 1;
    const raw = single ? punctuationText(c) : text.slice(p, end);
    const id = single ? punctuationId(c) : textId(raw, kind === TokenKind.punct);
    if (count === capacity) {
      capacity *= 2;
      ids = grown(ids, new Int32Array(capacity));
      starts = grown(starts, new Int32Array(capacity));
      ends = grown(ends, new Int32Array(capacity));
      kinds = grown(kinds, new Uint8Array(capacity));
    }
    raws[count] = raw;
    norms[count] = wordOf(id);
    ids[count] = id;
    starts[count] = p;
    ends[count] = end;
    kinds[count] = kind;
    count++;
    p = end;
  }
  raws.length = count;
  norms.length = count;
  return { raws, norms, ids: ids.subarray(0, count), starts: starts.subarray(0, count), ends: ends.subarray(0, count), kinds: kinds.subarray(0, count) };
}

function grown<T extends Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

const SPACE = 1;
const LETTER = 2;
const NUMBER = 3;
const OTHER = 4;

const SPACE_CHAR = /\s/u;
const LETTER_CHAR = /[\p{L}\p{M}]/u;
const NUMBER_CHAR = /\p{N}/u;
/** A single uppercase letter: an initial, whose full stop ends no sentence. */
const INITIAL = /^\p{Lu}$/u;

function classOfCodePoint(cp: number): number {
  const ch = String.fromCodePoint(cp);
  if (SPACE_CHAR.test(ch)) return SPACE;
  if (LETTER_CHAR.test(ch)) return LETTER;
  if (NUMBER_CHAR.test(ch)) return NUMBER;
  return OTHER;
}

/** Character classes of the Basic Multilingual Plane, filled once from the Unicode properties (lone surrogates: other). */
const BMP_CLASSES = (() => {
  const table = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) table[c] = classOfCodePoint(c);
  return table;
})();

/** UTF-16 units of the code point at p: 2 for a surrogate pair. */
function unitsAt(text: string, p: number): number {
  const c = text.charCodeAt(p);
  return c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(p + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
}

function classAt(text: string, p: number): number {
  if (p >= text.length) return 0;
  return unitsAt(text, p) === 2 ? classOfCodePoint(text.codePointAt(p)!) : BMP_CLASSES[text.charCodeAt(p)];
}

/** ASCII word characters, as \b sees them. */
function isAsciiWordChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

/** Two or more "X." pairs of capital letters (U.S., U.K.); -1 when fewer. */
function acronymEnd(text: string, p: number): number {
  let j = p;
  let pairs = 0;
  while (text.charCodeAt(j) >= 0x41 && text.charCodeAt(j) <= 0x5a && text.charCodeAt(j + 1) === 0x2e) {
    j += 2;
    pairs++;
  }
  return pairs >= 2 ? j : -1;
}

/** 's (or ’s) followed by a word boundary, at an apostrophe. */
function isPossessive(text: string, p: number): boolean {
  return text.charCodeAt(p + 1) === 0x73 && (p + 2 >= text.length || !isAsciiWordChar(text.charCodeAt(p + 2)));
}

function runEnd(text: string, p: number, cls: number): number {
  const n = text.length;
  while (p < n) {
    const c = text.charCodeAt(p);
    // Outside the surrogates a unit is its own code point: one table read (the common case, kept tight).
    if (c < 0xd800 || c > 0xdfff) {
      if (BMP_CLASSES[c] !== cls) break;
      p++;
    } else {
      if (classAt(text, p) !== cls) break;
      p += unitsAt(text, p);
    }
  }
  return p;
}

const NUMBER_SEPARATORS = new Set([0x2e, 0x2c, 0x066b, 0x066c, 0x060c]);

function numberEnd(text: string, p: number): number {
  let j = runEnd(text, p, NUMBER);
  while (NUMBER_SEPARATORS.has(text.charCodeAt(j)) && classAt(text, j + 1) === NUMBER) j = runEnd(text, j + 1, NUMBER);
  return j;
}

function wordEnd(text: string, p: number): number {
  let j = runEnd(text, p, LETTER);
  for (;;) {
    const c = text.charCodeAt(j);
    const joiner = c === 0x2d || ((c === 0x27 || c === 0x2019) && !isPossessive(text, j));
    if (!joiner || classAt(text, j + 1) !== LETTER) return j;
    j = runEnd(text, j + 1, LETTER);
  }
}

const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'gen', 'col', 'lt', 'maj', 'sgt', 'st', 'no', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'vs', 'jr', 'sr', 'prof', 'gov', 'sen', 'rep', 'adm', 'capt', 'cmdr']);
const SENTENCE_END = new Set(['.', '!', '?', '؟', '…']);

/**
 * Splits into sentences with offsets. A paragraph (blank-line or single-line break) always ends a sentence;
 * inside one, . ! ? ؟ end a sentence unless they close an abbreviation or an initial.
 */
export function splitSentences(text: string, tokens: Tokens): Sentence[] {
  const { raws, norms, starts, ends, kinds } = tokens;
  const sentences: Sentence[] = [];
  let paragraph = 0;
  let first = 0;
  const close = (lastExclusive: number) => {
    if (lastExclusive <= first) return;
    const start = starts[first];
    const end = ends[lastExclusive - 1];
    sentences.push({ start, end, text: text.slice(start, end), tokenStart: first, tokenEnd: lastExclusive, paragraph, section: 'body' });
    first = lastExclusive;
  };
  // The next line break at or after the previous token's end.
  let newline = -1;
  const count = raws.length;
  for (let i = 0; i < count; i++) {
    if (i > 0 && newline < ends[i - 1]) {
      newline = text.indexOf('\n', ends[i - 1]);
      if (newline < 0) newline = text.length;
    }
    if (i > first && newline < starts[i]) {
      close(i);
      paragraph++;
    }
    if (kinds[i] === TokenKind.punct && SENTENCE_END.has(raws[i])) {
      const abbreviation = raws[i] === '.' && i > 0 && ends[i - 1] === starts[i] && (ABBREVIATIONS.has(norms[i - 1]) || INITIAL.test(raws[i - 1]));
      const next = i + 1;
      const repeated = next < count && kinds[next] === TokenKind.punct && (SENTENCE_END.has(raws[next]) || /[«»"”)\]]/.test(raws[next])) && starts[next] === ends[i];
      if (!abbreviation && !repeated) close(i + 1);
    }
  }
  close(count);
  markHeadlines(sentences, tokens);
  return sentences;
}

/** A one-sentence paragraph of few words with no closing full stop reads as a headline. */
function markHeadlines(sentences: Sentence[], { raws, kinds }: Tokens): void {
  const byParagraph = new Map<number, Sentence[]>();
  for (const s of sentences) {
    const group = byParagraph.get(s.paragraph);
    if (group) group.push(s);
    else byParagraph.set(s.paragraph, [s]);
  }
  for (const group of byParagraph.values()) {
    let words = 0;
    for (const s of group) for (let k = s.tokenStart; k < s.tokenEnd; k++) if (kinds[k] !== TokenKind.punct) words++;
    const last = group[group.length - 1].tokenEnd - 1;
    if (words <= 16 && !(kinds[last] === TokenKind.punct && raws[last] === '.')) for (const s of group) s.section = 'headline';
  }
}
