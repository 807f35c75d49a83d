import { arabicStems, asciiDigits, detectLanguage, normalizeToken, searchKeys, startsLowercase, startsUppercase } from '../../../src/extract/normalize';

describe('Arabic normalization for matching', () => {
  it('folds alef forms, ta marbuta, alef maqsura, hamza seats, diacritics and tatweel', () => {
    expect(normalizeToken('أإآٱ')).toBe('اااا');
    expect(normalizeToken('الكوريّة')).toBe('الكوريه');
    expect(normalizeToken('مصطفى')).toBe('مصطفي');
    expect(normalizeToken('مسؤول')).toBe('مسوول');
    expect(normalizeToken('جنودًا')).toBe('جنودا');
    expect(normalizeToken('العـــربية')).toBe('العربيه');
  });

  it('folds the Persian letter forms that appear in Arabic news', () => {
    expect(normalizeToken('جیش')).toBe(normalizeToken('جيش'));
    expect(normalizeToken('کوریا')).toBe(normalizeToken('كوريا'));
  });

  it('turns Arabic-Indic digits and separators into ASCII', () => {
    expect(asciiDigits('١٠٬٠٠٠')).toBe('10٬000');
    expect(asciiDigits('۲۰۲۴')).toBe('2024');
  });

  it('strips proclitics: conjunctions, prepositions, the article and their combinations', () => {
    const stems = (t: string) => arabicStems(normalizeToken(t)).map((s) => s.stem);
    expect(stems('وروسيا')).toContain('روسيا');
    expect(stems('لروسيا')).toContain('روسيا');
    expect(stems('بالولايات')).toEqual(expect.arrayContaining(['الولايات', 'ولايات']));
    expect(stems('وبالكرملين')).toEqual(expect.arrayContaining(['الكرملين', 'كرملين']));
    expect(stems('للاتحاد')).toContain('الاتحاد');
    expect(stems('ولم')).toContain('لم');
  });

  it('leaves Latin text lower-cased and accent-free', () => {
    expect(normalizeToken('Türkiye')).toBe('turkiye');
    expect(normalizeToken('U.S.')).toBe('us');
  });

  it('gives search keys that meet across spelling variants', () => {
    expect(searchKeys(['أوكرانيا'])).toEqual(searchKeys(['اوكرانيا']));
    expect(searchKeys(['الكرملين'])).toContain('كرملين');
  });
});

describe('detectLanguage', () => {
  it('tells Arabic, English and neither apart', () => {
    expect(detectLanguage('أرسلت كوريا الشمالية جنودا إلى روسيا')).toBe('ar');
    expect(detectLanguage('North Korea has sent troops to Russia, officials said.')).toBe('en');
    expect(detectLanguage('La Corée du Nord a envoyé des troupes en Russie.')).toBe('und');
    expect(detectLanguage('12345')).toBe('und');
  });
});

describe('startsUppercase / startsLowercase', () => {
  it('answer as the Unicode letter categories do, for ASCII from the code and beyond it', () => {
    const samples = ['', 'A', 'Z', 'a', 'z', '@', '[', '`', '{', '1', "'s", 'Éric', 'éric', 'Ωmega', 'ωmega', 'روسيا', '«Wagner»', 'İstanbul'];
    for (let c = 0; c < 0x80; c++) samples.push(`${String.fromCharCode(c)}x`);
    for (const text of samples) {
      expect([text, startsUppercase(text)]).toEqual([text, /^\p{Lu}/u.test(text)]);
      expect([text, startsLowercase(text)]).toEqual([text, /^\p{Ll}/u.test(text)]);
    }
  });
});
