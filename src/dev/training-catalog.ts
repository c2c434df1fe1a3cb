// Local mode only: a realistic demo catalog of Kodaira's training (policy 7(2)), so the tab has something
// to show without HR typing it in first. Loaded by the composition root in local mode; each course has a
// seed key, so starting again adds nothing twice and never overwrites what HR changed.
import type { NewCourse, TrainingStore } from '../training/training.store.ts';

type SeedCourse = Omit<NewCourse, 'id' | 'seedKey'> & { key: string };

const ALL_REGULAR = ['bucho', 'kacho', 'kachoHosa', 'kakaricho', 'shunin', 'shuji'];

export const DEMO_TRAINING_CATALOG: SeedCourse[] = [
  {
    key: 'new-hire',
    category: 'basic',
    titleJa: '新規採用職員研修',
    titleEn: 'Induction training for new staff',
    descriptionJa:
      '公務員としての心構え、市の組織と仕事、接遇・文書事務の基礎を学びます。同期との対話を通じて、めざす職員像とDRILLを自分の言葉で捉えます。',
    descriptionEn:
      'The public servant’s mindset, the city’s organisation and work, and the basics of service and paperwork; peers discuss the staff image and DRILL in their own words.',
    targetLevelIds: ['shuji'],
    minYearsOfService: 0,
    maxYearsOfService: 1,
    competencyIds: ['discipline', 'cooperation', 'explanation'],
    guidelineIds: ['responsibility', 'identity', 'localLove'],
    format: 'inPerson',
    provider: '職員課（研修担当）',
  },
  {
    key: 'shunin-promotion',
    category: 'basic',
    titleJa: '主任級昇任者研修',
    titleEn: 'Training for newly promoted senior staff (主任)',
    descriptionJa:
      '主任として後輩を支え、係の業務を前に進める役割を学びます。課題の整理と提案の組み立てを演習します。',
    descriptionEn:
      'The senior staff member’s role in supporting juniors and moving the team’s work forward; exercises in framing problems and proposals.',
    targetLevelIds: ['shunin'],
    minYearsOfService: null,
    maxYearsOfService: null,
    competencyIds: ['planning', 'problemSolving', 'organizationalSupport'],
    guidelineIds: ['responsibility', 'link'],
    format: 'inPerson',
    provider: '職員課（研修担当）',
  },
  {
    key: 'kakaricho',
    category: 'basic',
    titleJa: '係長研修',
    titleEn: 'Training for section chiefs (係長)',
    descriptionJa: '係の運営、OJTの進め方、部下の育成と面談の基本。係長として組織を支える力を高めます。',
    descriptionEn:
      'Running a section, on-the-job training, developing staff and holding interviews: the chief’s part in the organisation.',
    targetLevelIds: ['kakaricho'],
    minYearsOfService: null,
    maxYearsOfService: null,
    competencyIds: ['leadership', 'peopleDevelopment', 'organizationalSupport'],
    guidelineIds: ['responsibility', 'link'],
    format: 'inPerson',
    provider: '東京都市町村職員研修所',
  },
  {
    key: 'manager-career-design',
    category: 'specialist',
    titleJa: '管理職研修（キャリアデザイン支援）',
    titleEn: 'Management training: supporting career design',
    descriptionJa:
      '部下一人ひとりの中長期的な展望を面談で引き出し、キャリアデザインを共有して支援する方法を学びます（人財育成基本方針 7(4)⑥）。',
    descriptionEn:
      'Drawing out each report’s medium- and long-term outlook in interviews and supporting their career design together (policy 7(4)⑥).',
    targetLevelIds: ['bucho', 'kacho', 'kachoHosa', 'kakaricho'],
    minYearsOfService: null,
    maxYearsOfService: null,
    competencyIds: ['peopleDevelopment', 'leadership', 'explanation'],
    guidelineIds: ['diversity', 'link'],
    format: 'inPerson',
    provider: '職員課（研修担当）',
  },
  {
    key: 'harassment',
    category: 'specialist',
    titleJa: 'ハラスメント防止研修',
    titleEn: 'Harassment prevention',
    descriptionJa: 'ハラスメントの定義と事例、相談を受けたときの対応、誰もが働きやすい職場づくりを学びます。',
    descriptionEn:
      'What harassment is, cases, how to respond when someone seeks help, and a workplace that works for everyone.',
    targetLevelIds: [],
    minYearsOfService: null,
    maxYearsOfService: null,
    competencyIds: ['discipline', 'cooperation'],
    guidelineIds: ['diversity', 'responsibility'],
    format: 'online',
    provider: '職員課（研修担当）',
  },
  {
    key: 'mental-health',
    category: 'specialist',
    titleJa: 'メンタルヘルス研修',
    titleEn: 'Mental health',
    descriptionJa:
      'セルフケアとラインケア。ストレスチェックの結果の読み方と、不調に気づいたときの声かけを学びます。',
    descriptionEn:
      'Self-care and care by supervisors: reading stress-check results and reaching out when someone struggles.',
    targetLevelIds: [],
    minYearsOfService: null,
    maxYearsOfService: null,
    competencyIds: ['organizationalSupport', 'cooperation'],
    guidelineIds: ['diversity', 'link'],
    format: 'online',
    provider: '産業医・職員課',
  },
  {
    key: 'customer-service',
    category: 'specialist',
    titleJa: '接遇研修',
    titleEn: 'Customer service',
    descriptionJa: '窓口・電話での応対、わかりやすい説明、困難な場面での対応をロールプレイで身につけます。',
    descriptionEn:
      'Counter and telephone service, clear explanations and difficult situations, practised in role play.',
    targetLevelIds: ['shunin', 'shuji', 'kaikeiNendo'],
    minYearsOfService: null,
    maxYearsOfService: null,
    competencyIds: ['explanation', 'cooperation'],
    guidelineIds: ['localLove', 'responsibility'],
    format: 'inPerson',
    provider: '民間研修機関',
  },
  {
    key: 'dx',
    category: 'specialist',
    titleJa: 'DX・デジタル人財研修',
    titleEn: 'DX and digital skills',
    descriptionJa:
      '業務の見直しとデジタル化、データの活用、ノーコードツールの基礎。自分の業務で一つ改善案をつくります。',
    descriptionEn:
      'Rethinking work for digital, using data, and no-code tools; each participant designs one improvement to their own work.',
    targetLevelIds: ALL_REGULAR,
    minYearsOfService: null,
    maxYearsOfService: null,
    competencyIds: ['planning', 'problemSolving', 'aspiration'],
    guidelineIds: ['identity', 'link'],
    format: 'online',
    provider: '東京都市町村職員研修所',
  },
  {
    key: 'policy-making',
    category: 'specialist',
    titleJa: '政策形成研修',
    titleEn: 'Policy making',
    descriptionJa: '地域の課題を調べ、根拠に基づく政策を組み立て、説明する力を演習で高めます。',
    descriptionEn:
      'Researching local issues, building evidence-based policy and explaining it, in practical exercises.',
    targetLevelIds: ['kakaricho', 'shunin', 'shuji'],
    minYearsOfService: 3,
    maxYearsOfService: null,
    competencyIds: ['planning', 'explanation', 'problemSolving'],
    guidelineIds: ['localLove', 'identity'],
    format: 'inPerson',
    provider: '職員課（研修担当）',
  },
  {
    key: 'jichi-daigakko',
    category: 'dispatch',
    titleJa: '自治大学校派遣',
    titleEn: 'Dispatch to the Local Autonomy College',
    descriptionJa:
      '総務省自治大学校での長期研修。他自治体職員と学び合い、幅広く客観的な視点と人的ネットワークを得ます。公募・選考あり。',
    descriptionEn:
      'Long-term training at the Local Autonomy College with staff of other local governments; by application and selection.',
    targetLevelIds: ['kakaricho', 'shunin'],
    minYearsOfService: 5,
    maxYearsOfService: null,
    competencyIds: ['aspiration', 'planning', 'leadership'],
    guidelineIds: ['diversity', 'link'],
    format: 'inPerson',
    provider: '総務省自治大学校',
  },
  {
    key: 'correspondence',
    category: 'selfStudy',
    titleJa: '通信教育講座',
    titleEn: 'Correspondence courses',
    descriptionJa:
      '法務、財務、語学、ITなどの通信教育講座の受講を支援します。自分に合った方法とペースで学べます。',
    descriptionEn:
      'Support for correspondence courses in law, finance, languages, IT and more, at your own pace.',
    targetLevelIds: [],
    minYearsOfService: null,
    maxYearsOfService: null,
    competencyIds: ['aspiration', 'initiative'],
    guidelineIds: ['identity'],
    format: 'online',
    provider: '職員課（研修担当）',
  },
  {
    key: 'qualification',
    category: 'qualification',
    titleJa: '資格取得支援',
    titleEn: 'Support for qualifications',
    descriptionJa:
      '業務に役立つ資格（社会福祉士、建築士、情報処理技術者など）の取得にかかる受験料・講座費用の一部を支援します。',
    descriptionEn:
      'Part of the exam and course fees for qualifications useful at work (social worker, architect, IT engineer and others).',
    targetLevelIds: ALL_REGULAR,
    minYearsOfService: null,
    maxYearsOfService: null,
    competencyIds: ['aspiration', 'initiative'],
    guidelineIds: ['identity', 'responsibility'],
    format: 'online',
    provider: '職員課（研修担当）',
  },
];

/** Adds the demo catalog's courses that are not there yet; returns how many were added. */
export async function seedTrainingCatalog(store: Pick<TrainingStore, 'seedCourses'>): Promise<number> {
  return store.seedCourses(
    DEMO_TRAINING_CATALOG.map(({ key, ...course }) => ({ ...course, seedKey: `demo:${key}` })),
  );
}
