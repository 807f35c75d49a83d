import { extract } from '../../../src/extract';
import type { ExtractedRelation } from '../../../src/extract/types';

const DATE = '2025-03-14';
const run = (text: string, language?: string) => extract({ text, language, publishedAt: DATE });
const triples = (text: string, language?: string) => run(text, language).relations.map((r) => `${r.subject.id} ${r.type} ${r.object.id}`);
const find = (text: string, type: string): ExtractedRelation | undefined => run(text).relations.find((r) => r.type === type);

// Wikidata ids of the gazetteer
const RU = 'Q159', UA = 'Q212', KP = 'Q423', KR = 'Q884', US = 'Q30', CN = 'Q148', IR = 'Q794', IL = 'Q801', DE = 'Q183', FR = 'Q142', EU = 'Q458', BY = 'Q184', TW = 'Q865', PH = 'Q928', JP = 'Q17', QA = 'Q846', LB = 'Q822', NATO = 'Q7184', SY = 'Q858', TR = 'Q43';

describe('every trigger family, in English and Arabic', () => {
  const cases: [string, string, string][] = [
    ['ALLIED_WITH', 'Russia and North Korea signed a mutual defence treaty.', `${RU} ALLIED_WITH ${KP}`],
    ['ALLIED_WITH', 'دخلت معاهدة الدفاع المشترك بين روسيا وكوريا الشمالية حيز التنفيذ.', `${RU} ALLIED_WITH ${KP}`],
    ['COOPERATES_WITH', 'The Philippines and Japan held joint naval drills on Monday.', `${PH} COOPERATES_WITH ${JP}`],
    ['COOPERATES_WITH', 'تتعمق العلاقات العسكرية بين الصين وروسيا.', `${CN} COOPERATES_WITH ${RU}`],
    ['SUPPORTS', 'France backs Lebanon in its talks with lenders.', `${FR} SUPPORTS ${LB}`],
    ['SUPPORTS', 'أكدت تركيا أنها تدعم سوريا في إعادة الإعمار.', `${TR} SUPPORTS ${SY}`],
    ['SENT_TROOPS_TO', 'North Korea has sent thousands of troops to Russia.', `${KP} SENT_TROOPS_TO ${RU}`],
    ['SENT_TROOPS_TO', 'أرسلت كوريا الشمالية آلاف الجنود إلى روسيا.', `${KP} SENT_TROOPS_TO ${RU}`],
    ['SUPPLIED_WEAPONS_TO', 'Iran supplied drones to Russia last year.', `${IR} SUPPLIED_WEAPONS_TO ${RU}`],
    ['SUPPLIED_WEAPONS_TO', 'زودت إيران روسيا بطائرات مسيرة.', `${IR} SUPPLIED_WEAPONS_TO ${RU}`],
    ['PROVIDED_AID_TO', 'Qatar provided humanitarian aid to Lebanon.', `${QA} PROVIDED_AID_TO ${LB}`],
    ['PROVIDED_AID_TO', 'قدمت قطر مساعدات إنسانية إلى لبنان.', `${QA} PROVIDED_AID_TO ${LB}`],
    ['CONDEMNED', 'Germany condemned Russia on Friday.', `${DE} CONDEMNED ${RU}`],
    ['CONDEMNED', 'أدانت ألمانيا روسيا يوم الجمعة.', `${DE} CONDEMNED ${RU}`],
    ['EXPRESSED_CONCERN_ABOUT', 'Japan expressed deep concern about China.', `${JP} EXPRESSED_CONCERN_ABOUT ${CN}`],
    ['EXPRESSED_CONCERN_ABOUT', 'أعربت اليابان عن قلقها إزاء الصين.', `${JP} EXPRESSED_CONCERN_ABOUT ${CN}`],
    ['ACCUSED', 'North Korea accused the United States of provocations.', `${KP} ACCUSED ${US}`],
    ['ACCUSED', 'اتهمت كوريا الشمالية الولايات المتحدة بالاستفزاز.', `${KP} ACCUSED ${US}`],
    ['THREATENED', 'China threatened Taiwan with a blockade.', `${CN} THREATENED ${TW}`],
    ['THREATENED', 'هددت الصين تايوان بالحصار.', `${CN} THREATENED ${TW}`],
    ['CALLED_ON', 'Qatar urged Israel to allow aid into Gaza.', `${QA} CALLED_ON ${IL}`],
    ['CALLED_ON', 'دعت قطر إسرائيل إلى السماح بدخول المساعدات.', `${QA} CALLED_ON ${IL}`],
    ['ATTACKED', 'Russia attacked Ukraine with missiles overnight.', `${RU} ATTACKED ${UA}`],
    ['ATTACKED', 'قصفت روسيا أوكرانيا بالصواريخ.', `${RU} ATTACKED ${UA}`],
    ['AT_WAR_WITH', 'The war between Russia and Ukraine entered its fourth year.', `${RU} AT_WAR_WITH ${UA}`],
    ['AT_WAR_WITH', 'دخلت الحرب بين روسيا وأوكرانيا عامها الرابع.', `${RU} AT_WAR_WITH ${UA}`],
    ['SANCTIONED', 'The European Union imposed new sanctions on Belarus.', `${EU} SANCTIONED ${BY}`],
    ['SANCTIONED', 'فرض الاتحاد الأوروبي عقوبات جديدة على بيلاروسيا.', `${EU} SANCTIONED ${BY}`],
    ['SANCTIONED', 'EU ministers agreed to extend sanctions on Belarus for six months.', `${EU} SANCTIONED ${BY}`],
    ['SANCTIONED', 'قرر الاتحاد الأوروبي تمديد العقوبات المفروضة على بيلاروسيا.', `${EU} SANCTIONED ${BY}`],
    ['SANCTIONED', 'Washington sanctioned Iran over its drone programme.', `${US} SANCTIONED ${IR}`],
    ['MET_WITH', 'Vladimir Putin met Kim Jong Un in Pyongyang.', `Q7747 MET_WITH Q56226`],
    ['MET_WITH', 'التقى فلاديمير بوتين كيم جونغ أون في بيونغ يانغ.', `Q7747 MET_WITH Q56226`],
    ['SIGNED_AGREEMENT_WITH', 'Turkey signed an energy agreement with Syria.', `${TR} SIGNED_AGREEMENT_WITH ${SY}`],
    ['SIGNED_AGREEMENT_WITH', 'وقعت تركيا اتفاقية للطاقة مع سوريا.', `${TR} SIGNED_AGREEMENT_WITH ${SY}`],
    ['LEADER_OF', 'Russian President Vladimir Putin spoke on Friday.', `Q7747 LEADER_OF ${RU}`],
    ['LEADER_OF', 'تحدث الرئيس الروسي فلاديمير بوتين يوم الجمعة.', `Q7747 LEADER_OF ${RU}`],
    ['OFFICIAL_OF', 'Chinese Foreign Minister Wang Yi arrived in Paris.', `person:wang-yi OFFICIAL_OF ${CN}`],
    ['OFFICIAL_OF', 'وصل وزير الخارجية الصيني وانغ يي إلى باريس.', `person:wang-yi OFFICIAL_OF ${CN}`],
    ['MEMBER_OF', 'Finland joined NATO in 2023.', `Q33 MEMBER_OF ${NATO}`],
    ['MEMBER_OF', 'انضمت فنلندا إلى حلف شمال الأطلسي عام 2023.', `Q33 MEMBER_OF ${NATO}`],
    ['LOCATED_IN', 'Ukrainian forces advanced in Russia’s Kursk region.', `location:kursk LOCATED_IN ${RU}`],
    ['LOCATED_IN', 'تقدمت القوات في منطقة كورسك الروسية.', `location:kursk LOCATED_IN ${RU}`],
    ['PARTICIPATED_IN', 'Vladimir Putin attended the BRICS summit in Kazan.', 'Q7747 PARTICIPATED_IN event:brics-summit-2025'],
    ['PARTICIPATED_IN', 'شارك فلاديمير بوتين في قمة «بريكس» في قازان.', 'Q7747 PARTICIPATED_IN event:brics-summit-2025'],
  ];
  it.each(cases)('%s: %s', (_type, text, expected) => {
    expect(triples(text)).toContain(expected);
  });
});

describe('argument order', () => {
  it('reads Arabic VSO and SVO the same', () => {
    expect(triples('أدانت ألمانيا روسيا.')).toEqual([`${DE} CONDEMNED ${RU}`]);
    expect(triples('ألمانيا تدين روسيا.')).toEqual([`${DE} CONDEMNED ${RU}`]);
  });

  it('reads an Arabic verbal noun with its agent and its goal', () => {
    expect(triples('رحبت موسكو بإرسال كوريا الشمالية جنودا إلى روسيا.')).toContain(`${KP} SENT_TROOPS_TO ${RU}`);
  });

  it('reads an English passive', () => {
    expect(triples('Ukraine was attacked by Russia on Friday.')).toEqual([`${RU} ATTACKED ${UA}`]);
  });

  it('reads a possessive as the agent of a noun', () => {
    expect(triples("The talks followed Russia's invasion of Ukraine.")).toContain(`${RU} ATTACKED ${UA}`);
    expect(triples('The talks followed the invasion of Ukraine.')).toEqual([]);
  });

  it('expands coordinated actors', () => {
    expect(triples('Lithuania and Latvia condemned Belarus.').sort()).toEqual([`Q211 CONDEMNED ${BY}`, `Q37 CONDEMNED ${BY}`]);
    expect(triples('أدانت ليتوانيا ولاتفيا بيلاروسيا.').sort()).toEqual([`Q211 CONDEMNED ${BY}`, `Q37 CONDEMNED ${BY}`]);
  });

  it('gives a participle after a comma its clause\'s subject, not the nearest actor', () => {
    expect(triples('Germany summoned the Russian ambassador, accusing Moscow of a cyberattack.')).toEqual([`${DE} ACCUSED ${RU}`]);
  });

  it('makes the accused the actor of what it is accused of', () => {
    const r = find('The United States accused Iran of supplying missiles to Russia.', 'SUPPLIED_WEAPONS_TO');
    expect([r?.subject.id, r?.object.id, r?.modality, r?.attributedTo?.id]).toEqual([IR, RU, 'ALLEGED', US]);
  });
});

describe('metonymy and gentilics', () => {
  it('resolves capitals and seats of power to their country as actors', () => {
    expect(triples('Moscow condemned Kyiv.')).toEqual([`${RU} CONDEMNED ${UA}`]);
    expect(triples('ندد الكرملين بواشنطن.')).toEqual([`${RU} CONDEMNED ${US}`]);
  });

  it('keeps a capital after a locative preposition as a place', () => {
    const result = run('Vladimir Putin met Kim Jong Un in Pyongyang.');
    expect(result.entities.find((e) => e.id === 'Q18808')?.type).toBe('LOCATION');
    expect(result.relations.find((r) => r.type === 'MET_WITH')?.location?.id).toBe('Q18808');
  });

  it('resolves gentilics and their Arabic inflections to the country', () => {
    const ids = (text: string) => run(text).entities.map((e) => e.id);
    expect(ids('North Korean soldiers and Ukrainians')).toEqual([KP, UA]);
    expect(ids('جنود كوريون شماليون والقوات الروسية والروس')).toEqual([KP, RU]);
  });

  it('takes foreign troops deployed by a host as sent to that host', () => {
    expect(triples('قال زيلينسكي إن روسيا ستنشر قوات كورية شمالية في كورسك.')).toContain(`${KP} SENT_TROOPS_TO ${RU}`);
  });
});

describe('modality, polarity and attribution', () => {
  it('marks plans', () => {
    expect(find('Germany will send troops to Lithuania.', 'SENT_TROOPS_TO')?.modality).toBe('PLANNED');
    expect(find('ستنشر ألمانيا جنودا في ليتوانيا لدعم ليتوانيا.', 'SENT_TROOPS_TO')?.modality).toBe('PLANNED');
    // A pledge is a plan.
    expect(find('France pledged to support Lebanon.', 'SUPPORTS')?.modality).toBe('PLANNED');
    expect(find('تعهدت فرنسا بدعم لبنان في محادثاته مع المقرضين.', 'SUPPORTS')?.modality).toBe('PLANNED');
  });

  it('marks denials as negative, and "did not deny" as not a denial', () => {
    const denied = find('Iran denied sending weapons to Russia.', 'SUPPLIED_WEAPONS_TO');
    expect([denied?.polarity, denied?.modality]).toEqual(['NEGATIVE', 'DENIED']);
    const notDenied = find('ولم ينفِ الكرملين إرسال كوريا الشمالية جنودا إلى روسيا.', 'SENT_TROOPS_TO');
    expect([notDenied?.polarity, notDenied?.modality]).toEqual(['POSITIVE', 'ALLEGED']);
  });

  it('adds the accused party\'s later denial as a claim of its own', () => {
    for (const text of [
      'اتهمت واشنطن إيران بتزويد روسيا بالصواريخ، فيما نفت طهران هذه الاتهامات.',
      // The denial verb with an object pronoun: نفتها = denied them.
      'اتهمت واشنطن إيران بتزويد روسيا بالصواريخ، وهي اتهامات نفتها طهران.',
    ]) {
      const rels = run(text).relations.filter((r) => r.type === 'SUPPLIED_WEAPONS_TO');
      expect([text, rels.map((r) => `${r.polarity}/${r.modality}`).sort()]).toEqual([text, ['NEGATIVE/DENIED', 'POSITIVE/ALLEGED']]);
    }
  });

  it('marks a negated act negative', () => {
    expect(find('Poland did not send troops to Ukraine.', 'SENT_TROOPS_TO')?.polarity).toBe('NEGATIVE');
  });

  it('credits reports to their source', () => {
    const en = find('North Korea sent troops to Russia, according to Reuters.', 'SENT_TROOPS_TO');
    expect([en?.modality, en?.attributedTo?.id]).toEqual(['REPORTED', 'Q130879']);
    const said = find('South Korean officials said Pyongyang had sent troops to Russia.', 'SENT_TROOPS_TO');
    expect([said?.subject.id, said?.attributedTo?.id]).toEqual([KP, KR]);
    const ar = find('بحسب مسؤولين أمريكيين، أرسلت كوريا الشمالية جنودا إلى روسيا.', 'SENT_TROOPS_TO');
    expect([ar?.modality, ar?.attributedTo?.id]).toEqual(['REPORTED', US]);
  });

  it('marks as reported what a source it cannot name says, with no attribution', () => {
    const cases = [
      'Iran supplied drones to Russia, according to diplomatic sources.',
      'Russia has deployed troops to Niger, state television reported on Friday.',
      'Officials said that Iran supplied drones to Russia.',
      'زودت إيران روسيا بطائرات مسيرة، وفق مصادر دبلوماسية.',
      'قالت مصادر مطلعة إن إيران زودت روسيا بطائرات مسيرة.',
    ];
    for (const text of cases) {
      const [relation] = run(text).relations.filter((r) => r.type !== 'LOCATED_IN');
      expect([text, relation?.modality, relation?.attributedTo]).toEqual([text, 'REPORTED', undefined]);
    }
  });

  it('credits a report to the party it is about', () => {
    for (const text of ['Russian drones struck Kharkiv overnight, the Ukrainian interior ministry said.', 'قصفت روسيا مدينة خاركيف الليلة الماضية، بحسب وزارة الداخلية الأوكرانية.']) {
      const attack = find(text, 'ATTACKED');
      expect([text, attack?.object.id, attack?.modality, attack?.attributedTo?.id]).toEqual([text, UA, 'REPORTED', UA]);
    }
  });

  it('credits no one with what a relative clause reports, or with what a speaker does not say', () => {
    const cases = [
      // The speaker of "نقلتها" is the press after it, not the Iranian spokesman before "التي".
      'ولم ينفِ المتحدث الإيراني الأنباء التي نقلتها الصحافة الغربية، عن انتشار جنود كوريين شماليين في روسيا.',
      'ولم يؤكد الوزير الإيراني المعلومات حول إرسال كوريا الشمالية جنودا إلى روسيا.',
    ];
    for (const text of cases) {
      const sent = find(text, 'SENT_TROOPS_TO');
      expect([text, sent?.object.id, sent?.attributedTo]).toEqual([text, RU, undefined]);
    }
  });

  it('does not take an agreement or a plan for a source', () => {
    expect(find('Iran supplied drones to Russia, according to the agreement.', 'SUPPLIED_WEAPONS_TO')?.modality).toBe('ASSERTED');
    expect(find('Iran supplied drones to Russia, the minister of the navy added.', 'SUPPLIED_WEAPONS_TO')?.modality).toBe('ASSERTED');
    expect(find('زودت إيران روسيا بطائرات مسيرة بموجب الاتفاق.', 'SUPPLIED_WEAPONS_TO')?.modality).toBe('ASSERTED');
  });
});

describe('quantities, dates and places', () => {
  it('reads quantities in both scripts and scales', () => {
    expect(find('أرسلت كوريا الشمالية أكثر من ١٠٬٠٠٠ جندي إلى روسيا.', 'SENT_TROOPS_TO')?.quantity?.value).toBe(10000);
    expect(find('North Korea shipped more than four million shells to Russia.', 'SUPPLIED_WEAPONS_TO')?.quantity).toMatchObject({ value: 4_000_000, unit: 'shells' });
  });

  it('normalizes absolute and relative dates against the article date', () => {
    expect(find('وقعت تركيا اتفاقية مع سوريا في 5 ديسمبر.', 'SIGNED_AGREEMENT_WITH')?.eventDate).toBe('2024-12-05');
    expect(find('Turkey signed an agreement with Syria yesterday.', 'SIGNED_AGREEMENT_WITH')?.eventDate).toBe('2025-03-13');
    expect(find('Turkey signed an agreement with Syria.', 'SIGNED_AGREEMENT_WITH')?.eventDate).toBe(DATE);
  });

  it('places an attack on a city on its country, at that city', () => {
    const r = find('Russia struck Kharkiv overnight.', 'ATTACKED');
    expect([r?.object.id, r?.location?.id]).toEqual([UA, 'location:kharkiv']);
  });
});

describe('precision', () => {
  it('does not read troops moved to one\'s own border as sent to the neighbour', () => {
    expect(triples('Poland deployed 1,000 soldiers to its border with Belarus.')).toEqual([]);
  });

  it('gives no office for a former title', () => {
    expect(triples('Former Russian President Dmitry Medvedev spoke.')).toEqual([]);
    expect(triples('تحدث الرئيس الروسي السابق دميتري ميدفيديف.')).toEqual([]);
  });

  it('skips related-article lists and tag lines', () => {
    const text = 'Germany condemned Russia on Friday.\n\nRelated articles\n\n• Ukraine strikes deep inside Russia\n• Iran supplies drones to Russia\n\nTags: Russia, Ukraine';
    expect(triples(text)).toEqual([`${DE} CONDEMNED ${RU}`]);
  });

  it('reads no sanction into a mention of sanctions another actor imposed', () => {
    expect(triples('Russia criticised the sanctions on Iran.')).toEqual([]);
  });

  it('finds no relation in text that only names actors', () => {
    expect(triples('Russia, Ukraine, Iran and China were mentioned in the report.')).toEqual([]);
  });
});

describe('offsets', () => {
  it('slice back to mentions and evidence in both languages', () => {
    for (const text of ['وقال الرئيس الأوكراني فولوديمير زيلينسكي إن موسكو ستجر جنودًا كوريين شماليين إلى كورسك.', 'Germany’s chancellor said Russia’s troops attacked Kharkiv.']) {
      const result = run(text);
      for (const e of result.entities) for (const m of e.mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
      for (const r of result.relations) expect(text.slice(r.evidence.start, r.evidence.end)).toBe(r.evidence.sentence);
    }
  });

  it('points a mention with a clitic at the name, not the clitic', () => {
    const m = run('وروسيا ولبنان').entities.map((e) => e.mentions[0].text);
    expect(m).toEqual(['روسيا', 'لبنان']);
  });
});
