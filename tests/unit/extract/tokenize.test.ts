import { splitSentences, tokenize, TokenKind } from '../../../src/extract/tokenize';
import { wordOf } from '../../../src/extract/vocabulary';

const KIND_NAMES = Object.fromEntries(Object.entries(TokenKind).map(([name, kind]) => [kind, name]));

/** The tokens of a text one object each, as a reader thinks of them. */
function tokenList(text: string) {
  const t = tokenize(text);
  return t.raws.map((raw, k) => ({ text: raw, start: t.starts[k], end: t.ends[k], kind: KIND_NAMES[t.kinds[k]] }));
}

describe('tokenize', () => {
  it('keeps UTF-16 offsets into the original text', () => {
    const text = 'قال «بوتين»: 10,000 جندي. Russia’s army';
    for (const t of tokenList(text)) expect(text.slice(t.start, t.end)).toBe(t.text);
  });

  it('indexes its parallel arrays alike: a norm is the vocabulary word of its id', () => {
    const t = tokenize('وقال «بوتين»: Russia’s 10,000 troops');
    expect(new Set([t.raws, t.norms, t.ids, t.starts, t.ends, t.kinds].map((a) => a.length))).toEqual(new Set([9]));
    expect([...t.ids].map(wordOf)).toEqual(t.norms);
    expect(t.norms).toEqual(['وقال', '«', 'بوتين', '»', ':', 'russia', "'s", '10,000', 'troops']);
  });

  it('keeps ids meaningful when the vocabulary starts afresh, punctuation included', () => {
    const before = tokenize('Russia, Iran.');
    // More distinct words than the vocabulary keeps: the next article starts it afresh.
    tokenize(Array.from({ length: 500_001 }, (_, k) => `w${k}`).join(' '));
    const after = tokenize('Iran, Russia.');
    expect([...after.ids].map(wordOf)).toEqual(after.norms);
    expect(after.norms).toEqual(['iran', ',', 'russia', '.']);
    expect(before.norms).toEqual(['russia', ',', 'iran', '.']);
  });

  it('grows its arrays for a text denser in tokens than news', () => {
    const text = '«،»'.repeat(100);
    const t = tokenize(text);
    expect(t.raws).toHaveLength(300);
    expect([t.ids, t.starts, t.ends, t.kinds].map((a) => a.length)).toEqual([300, 300, 300, 300]);
    expect(t.starts[299]).toBe(299);
    expect(t.ends[299]).toBe(300);
  });

  it('splits an English possessive off its name and keeps acronyms whole', () => {
    expect(tokenList("China's U.S. ally").map((t) => t.text)).toEqual(['China', "'s", 'U.S.', 'ally']);
  });

  it('keeps numbers with thousands separators, Latin and Arabic-Indic', () => {
    expect(tokenList('10,000 ١٠٬٠٠٠ 2.389').map((t) => t.kind)).toEqual(['number', 'number', 'number']);
  });

  // The scanner's specification, as the regular expression it replaced.
  const SPEC = /(?:[A-Z]\.){2,}|['’]s\b|(\p{N}+(?:[.,\u066B\u066C\u060C]\p{N}+)*)|[\p{L}\p{M}]+(?:(?:['’](?!s\b)|-)[\p{L}\p{M}]+)*|([^\s\p{L}\p{M}\p{N}])/gu;
  const bySpec = (text: string) => [...text.matchAll(SPEC)].map((m) => ({ text: m[0], start: m.index, kind: m[1] !== undefined ? 'number' : m[2] !== undefined ? 'punct' : 'word' }));
  const byScanner = (text: string) => tokenList(text).map((t) => ({ text: t.text, start: t.start, kind: t.kind }));

  it('scans as its regular expression does on tricky text', () => {
    const samples = [
      "China's U.S.-backed ally didn't say 'sorry' — Jones's 2,500.5 ١٠٬٠٠٠ troops; A.B U.S.A. X.",
      'وقال «بوتين»: إن ٣٫٥ مليون، و10,000 جندي… ؟ ـ 𝟙𝟚 😀 e\u0301té O’Neill’s well-known \ud800 x\u200cy',
      "rock'n'roll 's 'sx ’s' -- a-b- 'a' 1,2,3. 1.,2",
    ];
    for (const text of samples) expect(byScanner(text)).toEqual(bySpec(text));
  });

  it('scans as its regular expression does on random text', () => {
    const alphabet = ["a", "Z", "U", ".", "'", "’", "s", "-", " ", "\n", "1", "٣", "٬", ",", "ب", "\u064E", "😀", "\u00a0", "«", "_"];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let n = 0; n < 300; n++) {
      const text = Array.from({ length: 40 }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      expect(byScanner(text)).toEqual(bySpec(text));
    }
  });
});

describe('splitSentences', () => {
  const sentences = (text: string) => splitSentences(text, tokenize(text)).map((s) => s.text);

  it('splits English sentences but not after abbreviations or initials', () => {
    expect(sentences('Gen. Smith met Mr. Jones in the U.S. on Friday. They talked.')).toEqual(['Gen. Smith met Mr. Jones in the U.S. on Friday.', 'They talked.']);
  });

  it('splits Arabic sentences on . ؟ ! and keeps decimals whole', () => {
    expect(sentences('بلغ عدد الجنود 2.389 مليون. هل يرسلون المزيد؟ نعم!')).toEqual(['بلغ عدد الجنود 2.389 مليون.', 'هل يرسلون المزيد؟', 'نعم!']);
  });

  it('ends a sentence at a line break and marks short unpunctuated lines as headlines', () => {
    const text = 'Russia strikes Kharkiv\n\nRussia attacked Kharkiv overnight with dozens of drones, killing four people and damaging a power station.';
    const found = splitSentences(text, tokenize(text));
    expect(found.map((s) => s.section)).toEqual(['headline', 'body']);
    expect(found.map((s) => text.slice(s.start, s.end))).toEqual(found.map((s) => s.text));
  });
});
