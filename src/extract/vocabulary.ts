import { normalizeToken } from './normalize';

/**
 * Interned normalized tokens. A token's id indexes the per-word caches of the matcher (stems, "can a pattern
 * start here?", "is this word in the list?"), so the questions asked of every token are array reads rather than
 * string-keyed lookups — the matcher asks about a dozen of them per token.
 *
 * The vocabulary starts afresh when it grows past MAX_WORDS (numbers and names make it open-ended in a
 * long-running process); that happens only between articles, so the ids an article holds stay valid.
 */
const MAX_WORDS = 500_000;

let ids = new Map<string, number>();
let words: string[] = [];
/** Written text to id (normalizing on a miss): tokenization asks once per token. */
let textIds = new Map<string, number>();
let generation = 0;

/** The id of a normalized word, interning it. */
export function wordId(norm: string): number {
  let id = ids.get(norm);
  if (id === undefined) {
    id = words.length;
    words.push(norm);
    ids.set(norm, id);
  }
  return id;
}

/** The id of a token as written (words are normalized first; punctuation stands for itself). */
export function textId(text: string, punctuation: boolean): number {
  let id = textIds.get(text);
  if (id === undefined) {
    id = wordId(punctuation ? text : normalizeToken(text));
    textIds.set(text, id);
  }
  return id;
}

export function wordOf(id: number): string {
  return words[id];
}

/** Called before an article is tokenized: empties the vocabulary (and so every per-word cache) when full. */
export function ensureVocabularyRoom(): void {
  if (words.length < MAX_WORDS && textIds.size < MAX_WORDS) return;
  ids = new Map();
  words = [];
  textIds = new Map();
  generation++;
}

/** A per-word cache of small answers (0 = not yet known), emptied with the vocabulary. */
export class WordFlags {
  private flags = new Uint8Array(4096);
  private generation = generation;

  get(id: number): number {
    if (this.generation !== generation) this.reset();
    return id < this.flags.length ? this.flags[id] : 0;
  }

  set(id: number, value: number): void {
    if (id >= this.flags.length) {
      const grown = new Uint8Array(Math.max(id + 1, this.flags.length * 2));
      grown.set(this.flags);
      this.flags = grown;
    }
    this.flags[id] = value;
  }

  private reset(): void {
    this.flags = new Uint8Array(4096);
    this.generation = generation;
  }
}

/** A per-word cache of values that few words have, emptied with the vocabulary. */
export class SparseWordTable<T> {
  private values = new Map<number, T>();
  private generation = generation;

  get(id: number): T | undefined {
    if (this.generation !== generation) {
      this.values = new Map();
      this.generation = generation;
    }
    return this.values.get(id);
  }

  set(id: number, value: T): void {
    this.values.set(id, value);
  }
}

/** A per-word cache of computed values, emptied with the vocabulary. */
export class WordTable<T> {
  private values: (T | undefined)[] = [];
  private generation = generation;

  get(id: number): T | undefined {
    if (this.generation !== generation) {
      this.values = [];
      this.generation = generation;
    }
    return this.values[id];
  }

  set(id: number, value: T): void {
    // Filled up to the id, so the array stays packed rather than turning into a dictionary.
    while (this.values.length <= id) this.values.push(undefined);
    this.values[id] = value;
  }
}
