import { defaultLexicon, PhraseSet } from '../../../src/extract/lexicon';
import { wordId } from '../../../src/extract/vocabulary';
import { normalizeToken } from '../../../src/extract/normalize';

const seq = (text: string) => {
  const norms = text.split(' ').map(normalizeToken);
  return { norms, ids: norms.map(wordId) };
};

describe('phrase sets over vocabulary ids', () => {
  const set = new PhraseSet<string>([
    ['sent troops', 'troops'],
    ['sent', 'sent'],
    ['أرسل*', 'send'],
    ['held ... talks', 'talks'],
  ]);

  it('matches longest first, with prefixes, Arabic clitics and gaps', () => {
    expect(set.matchAt(seq('Russia sent troops'), 1).map((m) => m.value)).toEqual(['troops', 'sent']);
    expect(set.matchAt(seq('وأرسلت روسيا'), 0)).toEqual([{ value: 'send', end: 1, proclitic: 'و' }]);
    expect(set.matchAt(seq('they held direct talks'), 1).map((m) => m.end)).toEqual([4]);
    expect(set.matchAt(seq('Russia sent troops'), 0)).toEqual([]);
  });

  it('answers membership of one word, and whether a word can start a pattern', () => {
    expect(set.has(wordId('sent'))).toBe(true);
    expect(set.has(wordId('held'))).toBe(false);
    expect(set.canStartAt(wordId('held'))).toBe(true);
    expect(set.canStartAt(wordId(normalizeToken('Moscow')))).toBe(false);
  });
});

describe("a language's scan mask", () => {
  const rules = defaultLexicon().rules.get('en')!;

  it('marks the scanned sets a word can start, and nothing for a plain word', () => {
    const sent = rules.startMask(wordId('condemned'));
    expect(sent & rules.scanBit(rules.triggers)).not.toBe(0);
    expect(sent & rules.scanBit(rules.titles)).toBe(0);
    expect(rules.startMask(wordId('president')) & rules.scanBit(rules.titles)).not.toBe(0);
    expect(rules.startMask(wordId('december')) & rules.scanBit(rules.months)).not.toBe(0);
    expect(rules.startMask(wordId('denied')) & rules.scanBit(rules.words('denialWords'))).not.toBe(0);
    expect(rules.startMask(wordId('weather'))).toBe(0);
  });

  it('gives no bit to a set no scan looks for', () => {
    expect(rules.scanBit(rules.numberScales)).toBe(0);
  });
});
