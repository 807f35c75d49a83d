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
  /** Index within the article's token array. */
  index: number;
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

// Words (letters and combining marks, inner apostrophes and hyphens), acronyms with dots, numbers with separators, single punctuation.
// A possessive 's is a token of its own ("China's" → China + 's), so names match and possession shows.
// Groups 1 and 2 tell numbers and punctuation from words.
const TOKEN = /(?:[A-Z]\.){2,}|['’]s\b|(\p{N}+(?:[.,\u066B\u066C\u060C]\p{N}+)*)|[\p{L}\p{M}]+(?:(?:['’](?!s\b)|-)[\p{L}\p{M}]+)*|([^\s\p{L}\p{M}\p{N}])/gu;

export function tokenize(text: string): Token[] {
  ensureVocabularyRoom();
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const raw = m[0];
    const start = m.index!;
    const kind = m[1] !== undefined ? 'number' : m[2] !== undefined ? 'punct' : 'word';
    const id = textId(raw, kind === 'punct');
    tokens.push({ text: raw, norm: wordOf(id), id, start, end: start + raw.length, kind, index: tokens.length });
  }
  return tokens;
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
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    if (i > first && /\n/.test(text.slice(tokens[i - 1].end, t.start))) {
      close(i);
      paragraph++;
    }
    if (t.kind === 'punct' && SENTENCE_END.has(t.text)) {
      const prev = tokens[i - 1];
      const abbreviation = t.text === '.' && prev && prev.end === t.start && (ABBREVIATIONS.has(prev.norm) || /^\p{Lu}$/u.test(prev.text));
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
  for (const s of sentences) byParagraph.set(s.paragraph, [...(byParagraph.get(s.paragraph) ?? []), s]);
  for (const group of byParagraph.values()) {
    const words = group.reduce((n, s) => n + tokensOf(s, tokens).filter((t) => t.kind !== 'punct').length, 0);
    const last = tokens[group[group.length - 1].tokenEnd - 1];
    if (words <= 16 && !(last.kind === 'punct' && last.text === '.')) for (const s of group) s.section = 'headline';
  }
}

export function tokensOf(sentence: Sentence, tokens: Token[]): Token[] {
  return tokens.slice(sentence.tokenStart, sentence.tokenEnd);
}
