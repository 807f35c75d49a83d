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

/** Ids of one-unit punctuation by UTF-16 code (−1: not yet asked), and its strings: a comma needs no slice and no hash. */
let punctuationIds = new Int32Array(0x10000).fill(-1);
const PUNCTUATION_TEXTS: string[] = [];

/** The text and id of a punctuation token of one UTF-16 unit. */
export function punctuationText(code: number): string {
  return (PUNCTUATION_TEXTS[code] ??= String.fromCharCode(code));
}

export function punctuationId(code: number): number {
  let id = punctuationIds[code];
  if (id < 0) punctuationIds[code] = id = wordId(punctuationText(code));
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
  punctuationIds = new Int32Array(0x10000).fill(-1);
  generation++;
}

/** A cache keyed by word id: emptied whenever the vocabulary starts afresh, since its ids then mean other words. */
abstract class PerWordCache {
  private generation = generation;

  /** Called before each read. */
  protected sync(): void {
    if (this.generation === generation) return;
    this.clear();
    this.generation = generation;
  }

  protected abstract clear(): void;
}

/** Small answers per word (0 = not yet known). */
export class WordFlags extends PerWordCache {
  private flags = new Uint8Array(4096);

  get(id: number): number {
    this.sync();
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

  protected clear(): void {
    this.flags = new Uint8Array(4096);
  }
}

/** Values that few words have. */
export class SparseWordTable<T> extends PerWordCache {
  private values = new Map<number, T>();

  get(id: number): T | undefined {
    this.sync();
    return this.values.get(id);
  }

  set(id: number, value: T): void {
    this.values.set(id, value);
  }

  protected clear(): void {
    this.values = new Map();
  }
}

/** Values most words have. */
export class WordTable<T> extends PerWordCache {
  private values: (T | undefined)[] = [];

  get(id: number): T | undefined {
    this.sync();
    return this.values[id];
  }

  set(id: number, value: T): void {
    // Filled up to the id, so the array stays packed rather than turning into a dictionary.
    while (this.values.length <= id) this.values.push(undefined);
    this.values[id] = value;
  }

  protected clear(): void {
    this.values = [];
  }
}
