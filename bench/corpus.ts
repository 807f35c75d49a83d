import { defaultLexicon, type EntityInfo } from '../src/extract/lexicon';

/** A deterministic generator of wire-style articles over the gazetteer, for benchmarks (not for quality). */

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EN = [
  '{A} sent {N} troops to {B} last week, according to Reuters.',
  '{P} condemned {B} and urged {A} to show restraint.',
  '{A} and {B} signed a defence cooperation agreement on {D}.',
  'Officials in {A} said {B} had supplied drones to {C}.',
  '{A} expressed deep concern about the situation in {B}.',
  'The foreign minister of {A} met {P} in the capital on Monday.',
  '{A} imposed new sanctions on {B} over its support for {C}.',
  '{B} denied sending weapons to {C}, a spokesperson said.',
];
/** Background prose: most of a news article carries no relation. */
const EN_BACKGROUND = [
  'Analysts said the talks could reshape trade and security ties across the region for years to come.',
  'The ministry did not respond to a request for comment on the report, which could not be independently verified.',
  'The economy of {A} grew by {N} million dollars last year, driven by energy exports and a rebound in tourism.',
  'Thousands of people gathered in the capital of {B} on Sunday to mark the anniversary of the independence movement.',
  'Prices for wheat and fuel have risen sharply since the start of the year, putting pressure on households in {A}.',
  'The parliament is expected to debate the budget next week, with opposition parties calling for more spending on health.',
  'Observers noted that the previous round of negotiations ended without a joint statement or a date for new talks.',
  'Local media in {C} reported heavy rain in the north, where several roads were closed and schools were shut.',
];
const AR = [
  'أرسلت {A} {N} جندي إلى {B} الأسبوع الماضي، بحسب وكالة رويترز.',
  'ندد {P} بـ{B} ودعا {A} إلى ضبط النفس.',
  'وقعت {A} و{B} اتفاقية للتعاون الدفاعي في {D}.',
  'قال مسؤولون في {A} إن {B} زودت {C} بطائرات مسيرة.',
  'أعربت {A} عن قلقها العميق إزاء الوضع في {B}.',
  'التقى وزير خارجية {A} {P} في العاصمة يوم الاثنين.',
  'فرضت {A} عقوبات جديدة على {B} بسبب دعمها {C}.',
  'ونفت {B} إرسال أسلحة إلى {C}، وفق ما قال متحدث.',
];
const AR_BACKGROUND = [
  'ويقول محللون إن المحادثات قد تعيد تشكيل العلاقات التجارية والأمنية في المنطقة لسنوات مقبلة.',
  'ولم ترد الوزارة على طلب للتعليق على التقرير الذي لم يتسن التحقق منه بشكل مستقل.',
  'ونما اقتصاد {A} بنحو {N} مليون دولار العام الماضي، مدفوعا بصادرات الطاقة وانتعاش السياحة.',
  'وتجمع آلاف الأشخاص في عاصمة {B} يوم الأحد لإحياء ذكرى حركة الاستقلال.',
  'وارتفعت أسعار القمح والوقود بشكل حاد منذ بداية العام، ما زاد الضغوط على الأسر في {A}.',
  'ومن المتوقع أن يناقش البرلمان الموازنة الأسبوع المقبل، وسط مطالبات المعارضة بزيادة الإنفاق على الصحة.',
  'ولاحظ مراقبون أن الجولة السابقة من المفاوضات انتهت دون بيان مشترك أو موعد لمحادثات جديدة.',
  'وأفادت وسائل إعلام محلية في {C} بهطول أمطار غزيرة في الشمال، حيث أغلقت طرق عدة وعلقت الدراسة.',
];
const DATES = { en: ['5 December', 'March 3', 'last month'], ar: ['5 ديسمبر', '3 مارس', 'الشهر الماضي'] };

export interface GeneratedArticle {
  id: string;
  language: 'ar' | 'en';
  publishedAt: string;
  text: string;
}

/** `count` articles of about `words` words each, alternating languages. */
export function generateCorpus(count: number, words = 1000, seed = 42): GeneratedArticle[] {
  const random = prng(seed);
  const entities = [...defaultLexicon().gazetteer.entities.values()];
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  const name = (e: EntityInfo, lang: 'ar' | 'en') => (e.names[lang] ?? [e.name])[0] ?? e.name;
  const countries = entities.filter((e) => e.type === 'COUNTRY' && e.wikidataId);
  const people = entities.filter((e) => e.type === 'PERSON');
  const out: GeneratedArticle[] = [];
  for (let n = 0; n < count; n++) {
    const language = n % 2 === 0 ? 'en' : 'ar';
    const templates = language === 'en' ? EN : AR;
    const background = language === 'en' ? EN_BACKGROUND : AR_BACKGROUND;
    const paragraphs: string[] = [];
    let total = 0;
    while (total < words) {
      const sentence = pick(random() < 0.35 ? templates : background)
        .replaceAll('{A}', name(pick(countries), language))
        .replaceAll('{B}', name(pick(countries), language))
        .replaceAll('{C}', name(pick(countries), language))
        .replaceAll('{P}', name(pick(people), language))
        .replaceAll('{N}', String(100 * (1 + Math.floor(random() * 100))))
        .replaceAll('{D}', pick(DATES[language]));
      paragraphs.push(sentence);
      total += sentence.split(/\s+/).length;
    }
    out.push({ id: `bench-${seed}-${n}`, language, publishedAt: `2024-${String(1 + (n % 12)).padStart(2, '0')}-15`, text: paragraphs.join('\n\n') });
  }
  return out;
}
