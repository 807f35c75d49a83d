/**
 * Normalization for matching only: the article's text is never changed, and every offset points into it.
 */

const ARABIC_DIACRITICS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g; // harakat, Quranic marks, tatweel
const ARABIC_LETTER_MAP: Record<string, string> = {
  'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا',
  'ة': 'ه', 'ى': 'ي', 'ؤ': 'و', 'ئ': 'ي',
  'ی': 'ي', 'ي': 'ي', 'ک': 'ك', 'ڪ': 'ك', 'ە': 'ه', 'ۀ': 'ه', 'گ': 'ك', 'پ': 'ب', 'چ': 'ج', 'ڤ': 'ف',
};
const ARABIC_LETTERS = /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/;
const ARABIC_INDIC_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;
// Unicode-property patterns are module constants everywhere: tsx (esbuild) compiles a \p{…} literal to `new RegExp`
// at each evaluation (tests/unit/extract/regexp-literals.test.ts).
const COMBINING_MARKS = /\p{M}/gu;
const UPPERCASE_START = /^\p{Lu}/u;
const LOWERCASE_START = /^\p{Ll}/u;
const LETTER_RUNS = /[\p{L}']+/gu;

/** Whether the text begins with an uppercase letter. ASCII is answered from its code: asked of most English tokens. */
export function startsUppercase(text: string): boolean {
  const c = text.charCodeAt(0);
  return c < 0x80 ? c >= 0x41 && c <= 0x5a : UPPERCASE_START.test(text);
}

/** Whether the text begins with a lowercase letter. */
export function startsLowercase(text: string): boolean {
  const c = text.charCodeAt(0);
  return c < 0x80 ? c >= 0x61 && c <= 0x7a : LOWERCASE_START.test(text);
}

export function isArabicScript(text: string): boolean {
  return ARABIC_LETTERS.test(text);
}

/** ٠-٩ and ۰-۹ to 0-9. */
export function asciiDigits(text: string): string {
  return text.replace(ARABIC_INDIC_DIGITS, (d) => String(d.charCodeAt(0) & 0xf));
}

const NORMALIZED = new Map<string, string>();

/** Folds Arabic letter variants, diacritics and tatweel; lower-cases and strips accents from Latin. Cached per token. */
export function normalizeToken(token: string): string {
  let norm = NORMALIZED.get(token);
  if (norm === undefined) {
    if (NORMALIZED.size >= 200_000) NORMALIZED.clear();
    NORMALIZED.set(token, (norm = computeNormalized(token)));
  }
  return norm;
}

function computeNormalized(token: string): string {
  let s = asciiDigits(token.normalize('NFC'));
  if (isArabicScript(s)) {
    s = s.replace(ARABIC_DIACRITICS, '');
    let out = '';
    for (const ch of s) out += ARABIC_LETTER_MAP[ch] ?? ch;
    return out;
  }
  return s
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/\./g, '');
}

/** Normalizes a whole phrase token by token (used for lexicon entries and search keys). */
export function normalizePhrase(phrase: string): string {
  return phrase
    .split(/\s+/)
    .filter(Boolean)
    .map(normalizeToken)
    .join(' ');
}

/** Proclitic strippings of an Arabic token, least stripped first: و/ف, then ب/ل/ك, then the article ال (لل = ل + ال). */
export function arabicStems(token: string): { stem: string; proclitic: string }[] {
  const out: { stem: string; proclitic: string }[] = [{ stem: token, proclitic: '' }];
  const seen = new Set([token]);
  const add = (stem: string, proclitic: string) => {
    if (stem.length >= 2 && !seen.has(stem)) {
      seen.add(stem);
      out.push({ stem, proclitic });
    }
  };
  const conj = /^[وف]/.test(token) && token.length >= 3 ? [token, token.slice(1)] : [token];
  for (const [i, base] of conj.entries()) {
    const c = i === 1 ? token[0] : '';
    add(base, c);
    if (base.startsWith('لل') && base.length > 4) add(`ال${base.slice(2)}`, `${c}ل`);
    if (/^[بلك]/.test(base) && base.length > 3) add(base.slice(1), c + base[0]);
  }
  for (const { stem, proclitic } of [...out]) {
    if (stem.startsWith('ال') && stem.length > 3) add(stem.slice(2), `${proclitic}ال`);
  }
  return out;
}

/** The key Arabic lexicon entries and text tokens are compared by: the article ال is not significant. */
export function arabicKey(token: string): string {
  return token.startsWith('ال') && token.length > 3 ? token.slice(2) : token;
}

/** Text for the full-text index: each name normalized, Arabic without its article, so variants meet. */
export function searchKeys(names: string[]): string[] {
  const keys = new Set<string>();
  for (const name of names) {
    const norm = normalizePhrase(name.replace(/[«»"“”'’]/g, ' '));
    if (!norm) continue;
    keys.add(norm);
    if (isArabicScript(norm)) keys.add(norm.split(' ').map(arabicKey).join(' '));
  }
  return [...keys];
}

export type Language = 'ar' | 'en' | 'und';

const ENGLISH_FUNCTION_WORDS = new Set(['the', 'of', 'and', 'to', 'in', 'that', 'is', 'was', 'for', 'on', 'with', 'said', 'by', 'has', 'have', 'from', 'were', 'will', 'its', 'their', 'about', 'after', 'it', 'this']);
// Function words of other Latin-script languages: their presence says "not English".
const OTHER_FUNCTION_WORDS = new Set(['le', 'la', 'les', 'des', 'du', 'et', 'est', 'une', 'dans', 'pour', 'sur', 'au', 'el', 'los', 'las', 'y', 'del', 'por', 'con', 'para', 'der', 'die', 'das', 'und', 'ist', 'nicht', 'mit', 'den', 'von', 'zu', 'il', 'gli', 'che', 'di', 'della', 'não', 'com', 'uma', 've', 'bir', 'ile', 'og', 'het', 'een', 'van']);

/** ar if most letters are Arabic script; en if Latin with more English function words than any other's; und otherwise. */
export function detectLanguage(text: string): Language {
  let arabic = 0;
  let latin = 0;
  for (const ch of text) {
    if (ARABIC_LETTERS.test(ch)) arabic++;
    else if (/[A-Za-z\u00C0-\u024F]/.test(ch)) latin++;
  }
  if (arabic === 0 && latin === 0) return 'und';
  if (arabic >= latin) return 'ar';
  const words = text.toLowerCase().match(LETTER_RUNS) ?? [];
  const english = words.filter((w) => ENGLISH_FUNCTION_WORDS.has(w)).length;
  const other = words.filter((w) => OTHER_FUNCTION_WORDS.has(w)).length;
  return english > other || (english === other && other === 0 && words.length < 15) ? 'en' : 'und';
}
