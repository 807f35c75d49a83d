import { ensureVocabularyRoom, textId, wordOf } from './vocabulary';

export interface Token {
  /** Text as written. */
  text: string;
  /** Normalized for matching. */
  norm: string;
  /** The normalized word's id in the vocabulary. */
  id: number;
  start: number;
  end: number;
  kind: 'word' | 'number' | 'punct';
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
export function tokenize(text: string): Token[] {
  ensureVocabularyRoom();
  const tokens: Token[] = [];
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
    let kind: Token['kind'] = 'word';
    if (c >= 0x41 && c <= 0x5a) end = acronymEnd(text, p);
    if (end < 0 && (c === 0x27 || c === 0x2019) && isPossessive(text, p)) end = p + 2;
    if (end < 0 && cls === NUMBER) {
      kind = 'number';
      end = numberEnd(text, p);
    }
    if (end < 0 && cls === LETTER) end = wordEnd(text, p);
    if (end < 0) {
      kind = 'punct';
      end = p + unitsAt(text, p);
    }
    const raw = text.slice(p, end);
    const id = textId(raw, kind === 'punct');
    tokens.push({ text: raw, norm: wordOf(id), id, start: p, end, kind });
    p = end;
  }
  return tokens;
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
export function splitSentences(text: string, tokens: Token[]): Sentence[] {
  const sentences: Sentence[] = [];
  let paragraph = 0;
  let first = 0;
  const close = (lastExclusive: number) => {
    if (lastExclusive <= first) return;
    const start = tokens[first].start;
    const end = tokens[lastExclusive - 1].end;
    sentences.push({ start, end, text: text.slice(start, end), tokenStart: first, tokenEnd: lastExclusive, paragraph, section: 'body' });
    first = lastExclusive;
  };
  // The next line break at or after the previous token's end.
  let newline = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    if (i > 0 && newline < tokens[i - 1].end) {
      newline = text.indexOf('\n', tokens[i - 1].end);
      if (newline < 0) newline = text.length;
    }
    if (i > first && newline < t.start) {
      close(i);
      paragraph++;
    }
    if (t.kind === 'punct' && SENTENCE_END.has(t.text)) {
      const prev = tokens[i - 1];
      const abbreviation = t.text === '.' && prev && prev.end === t.start && (ABBREVIATIONS.has(prev.norm) || INITIAL.test(prev.text));
      const repeated = next && next.kind === 'punct' && (SENTENCE_END.has(next.text) || /[«»"”)\]]/.test(next.text)) && next.start === t.end;
      if (!abbreviation && !repeated) close(i + 1);
    }
  }
  close(tokens.length);
  markHeadlines(sentences, tokens);
  return sentences;
}

/** A one-sentence paragraph of few words with no closing full stop reads as a headline. */
function markHeadlines(sentences: Sentence[], tokens: Token[]): void {
  const byParagraph = new Map<number, Sentence[]>();
  for (const s of sentences) {
    const group = byParagraph.get(s.paragraph);
    if (group) group.push(s);
    else byParagraph.set(s.paragraph, [s]);
  }
  for (const group of byParagraph.values()) {
    let words = 0;
    for (const s of group) for (let k = s.tokenStart; k < s.tokenEnd; k++) if (tokens[k].kind !== 'punct') words++;
    const last = tokens[group[group.length - 1].tokenEnd - 1];
    if (words <= 16 && !(last.kind === 'punct' && last.text === '.')) for (const s of group) s.section = 'headline';
  }
}
