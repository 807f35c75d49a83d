import { splitSentences, tokenize } from '../../../src/extract/tokenize';

describe('tokenize', () => {
  it('keeps UTF-16 offsets into the original text', () => {
    const text = 'قال «بوتين»: 10,000 جندي. Russia’s army';
    for (const t of tokenize(text)) expect(text.slice(t.start, t.end)).toBe(t.text);
  });

  it('splits an English possessive off its name and keeps acronyms whole', () => {
    expect(tokenize("China's U.S. ally").map((t) => t.text)).toEqual(['China', "'s", 'U.S.', 'ally']);
  });

  it('keeps numbers with thousands separators, Latin and Arabic-Indic', () => {
    expect(tokenize('10,000 ١٠٬٠٠٠ 2.389').map((t) => t.kind)).toEqual(['number', 'number', 'number']);
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
