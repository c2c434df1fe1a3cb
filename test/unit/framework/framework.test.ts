import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  expectedCompetencies,
  FrameworkError,
  loadFramework,
  markFor,
  parseFramework,
} from '../../../src/framework/framework-loader.ts';
import type { Framework, MarkId } from '../../../src/framework/framework.schema.ts';

const KODAIRA = 'src/framework/data/kodaira-2022.json';
const SMALL_CITY = 'test/fixtures/frameworks/small-city.json';

// Section 6(2) of the policy, typed in here from the printed table and not copied from the data file,
// so that a slip in either one shows up. Columns: 部長級 課長級 課長補佐級 係長級 主任級 主事級
// 会計年度任用職員; a space is a blank cell.
const LEVEL_COLUMNS = ['bucho', 'kacho', 'kachoHosa', 'kakaricho', 'shunin', 'shuji', 'kaikeiNendo'];
const POLICY_TABLE: ReadonlyArray<readonly [id: string, name: string, row: string]> = [
  ['explanation', '説明・説得力', '●●●●●●○'],
  ['planning', '企画・調整力', '●●●●●● '],
  ['problemSolving', '解決・判断力', '●●●●●●○'],
  ['leadership', '統率力', '●●●●   '],
  ['peopleDevelopment', '人財育成力', '●●●●   '],
  ['organizationalSupport', '組織支援力', '※※●●●  '],
  ['cooperation', '協調性', '※※※●●●○'],
  ['initiative', '積極性・責任感', '●●●●●●○'],
  ['aspiration', '向上心', '※※※●●●○'],
  ['discipline', '規律性', '※※※●●●○'],
];
const MARK_OF_SYMBOL: Record<string, MarkId> = {
  '●': 'evaluated',
  '※': 'maintain',
  '○': 'parttime',
  ' ': 'none',
};

type RawFramework = Record<string, unknown> & Framework;
const readKodaira = () => JSON.parse(readFileSync(KODAIRA, 'utf8')) as RawFramework;

/** Breaks a copy of Kodaira's file and returns what validation says about it. */
function problemsOf(mutate: (framework: RawFramework) => void): string[] {
  const framework = readKodaira();
  mutate(framework);
  try {
    parseFramework(framework, 'broken-city.json');
  } catch (error) {
    if (!(error instanceof FrameworkError)) throw error;
    expect(error.message).toContain('broken-city.json');
    for (const problem of error.problems) expect(error.message).toContain(problem);
    return error.problems;
  }
  throw new Error('the broken file passed validation');
}

describe("Kodaira City's framework file", () => {
  it('loads and validates', async () => {
    const framework = await loadFramework(KODAIRA);
    expect(framework.version).toMatch(/^kodaira-2022\./);
    expect(framework.city).toEqual({ ja: '小平市', en: 'Kodaira City' });
    expect(framework.policyTitle.ja).toBe('小平市人財育成基本方針');
    expect(framework.issued).toBe('2022-04');
  });

  it('matches the policy table in all 70 cells', async () => {
    const framework = await loadFramework(KODAIRA);
    let cells = 0;
    for (const [competencyId, , row] of POLICY_TABLE) {
      expect([...row], competencyId).toHaveLength(LEVEL_COLUMNS.length);
      [...row].forEach((symbol, column) => {
        const levelId = LEVEL_COLUMNS[column]!;
        const expected = MARK_OF_SYMBOL[symbol];
        expect(expected, `symbol "${symbol}"`).toBeDefined();
        expect(framework.expectations[levelId]?.[competencyId], `${levelId} × ${competencyId}`).toBe(
          expected,
        );
        expect(markFor(framework, levelId, competencyId)).toBe(expected);
        cells += 1;
      });
    }
    expect(cells).toBe(70);
    expect(Object.keys(framework.expectations).sort()).toEqual([...LEVEL_COLUMNS].sort());
  });

  it('lists levels and competencies in policy order, with the policy names and groups', async () => {
    const framework = await loadFramework(KODAIRA);
    expect(framework.levels.map((level) => [level.id, level.name.ja])).toEqual([
      ['bucho', '部長級'],
      ['kacho', '課長級'],
      ['kachoHosa', '課長補佐級'],
      ['kakaricho', '係長級'],
      ['shunin', '主任級'],
      ['shuji', '主事級'],
      ['kaikeiNendo', '会計年度任用職員'],
    ]);
    expect(framework.competencies.map((competency) => [competency.id, competency.name.ja])).toEqual(
      POLICY_TABLE.map(([id, name]) => [id, name]),
    );
    expect(framework.competencyGroups.map((group) => [group.id, group.name.ja])).toEqual([
      ['ability', '職務遂行能力'],
      ['attitude', '取組姿勢'],
    ]);
    expect(framework.competencies.map((competency) => competency.group)).toEqual([
      ...Array<string>(6).fill('ability'),
      ...Array<string>(4).fill('attitude'),
    ]);
  });

  it("quotes each level's title and first role verbatim, without bullet markers", async () => {
    const framework = await loadFramework(KODAIRA);
    expect(
      framework.levels.map((level) => [level.id, level.title.ja, level.roles[0]?.ja, level.roles.length]),
    ).toEqual([
      [
        'bucho',
        '市の経営層、部の責任者、統括者',
        '総合的かつ長期的な視野で市全体の進むべき方向を見極めながらトップマネジメントを支え、部の方針を明示し、目標達成に向けて部を統率する。',
        5,
      ],
      [
        'kacho',
        '職場の責任者、統括者',
        '部の方針に基づき、中長期的な視点で課の方針を明示し、目標達成に向けて課を統率する。',
        6,
      ],
      [
        'kachoHosa',
        '職場の副統括者、課内各担当間の調整者',
        '課の方針に基づき、職場内の状況に合わせた事業推進方法等について検討し、課長職を補佐する。',
        3,
      ],
      [
        'kakaricho',
        '担当内の業務遂行の責任者',
        '担当のリーダーとして部下に適切な指示を出し、他部署と関連業務の調整を行う。',
        4,
      ],
      [
        'shunin',
        '業務の推進者',
        '担当業務を主体的かつ自発的に遂行し、課題の発見や解決、業務改善に向けた方策を具体的に提案する。',
        3,
      ],
      ['shuji', '業務の遂行者', '担当業務を適切に遂行し、課題の発見や解決、業務改善に取り組む。', 2],
      [
        'kaikeiNendo',
        '業務遂行のパートナー',
        '担当業務を適切に遂行し、課題の発見や解決、業務改善に取り組む。',
        1,
      ],
    ]);
    for (const level of framework.levels) {
      for (const role of level.roles) expect(role.ja, level.id).not.toMatch(/^[-・\s]/);
    }
  });

  it('marks only 会計年度任用職員 as fiscal-year staff', async () => {
    const framework = await loadFramework(KODAIRA);
    expect(
      framework.levels.filter((level) => level.employmentType === 'fiscalYear').map((level) => level.id),
    ).toEqual(['kaikeiNendo']);
  });

  it('has the five DRILL guidelines in order', async () => {
    const framework = await loadFramework(KODAIRA);
    expect(
      framework.guidelines.map((guideline) => [
        guideline.id,
        guideline.letter,
        guideline.name.en,
        guideline.name.ja,
        guideline.heading.ja,
      ]),
    ).toEqual([
      ['diversity', 'D', 'Diversity', '多様性を認め合う力', 'Diversity＝多様性を認め合う力'],
      [
        'responsibility',
        'R',
        'Responsibility',
        '高い倫理観に基づき行動し、責任を持ってやり遂げる力',
        'Responsibility＝高い倫理観に基づき行動し、責任を持ってやり遂げる力',
      ],
      ['identity', 'I', 'Identity', '理念や主体性を大切にする力', 'Identity＝理念や主体性を大切にする力'],
      [
        'link',
        'L',
        'Link',
        '良好なコミュニケーションで、つながりを生みだし、育む力',
        'Link＝良好なコミュニケーションで、つながりを生みだし、育む力',
      ],
      [
        'localLove',
        'L',
        'Local love',
        '地域に愛着を持ち、地域の魅力を高める力',
        'Local love＝地域に愛着を持ち、地域の魅力を高める力',
      ],
    ]);
    const link = framework.guidelines.find((guideline) => guideline.id === 'link')!;
    expect(link.description.ja.split('\n\n')).toHaveLength(2);
    expect(link.description.ja).toMatch(/^個々の職員が成長することなくして、/);
    expect(link.description.ja).toMatch(/ビジネスマナーはその第一歩となります。$/);
  });

  it('has the target image and the two meanings of DRILL', async () => {
    const framework = await loadFramework(KODAIRA);
    expect(framework.targetImage.statement.ja).toBe(
      '『自ら考え行動し、多様な主体との協働を土台に、住み続けたいと思えるまちづくりを推進する職員』',
    );
    expect(framework.targetImage.parts.map((part) => part.heading.ja)).toEqual([
      '『自ら考え行動し』',
      '『多様な主体との協働を土台に』',
      '『住み続けたいと思えるまちづくりを推進する』',
    ]);
    expect(framework.drill.meanings.map((meaning) => meaning.heading.ja)).toEqual([
      'DRILLの意味①「穴を開ける」',
      'DRILLの意味②「繰り返し訓練する」',
    ]);
    expect(framework.drill.meanings[1]!.body.ja.split('\n\n')).toHaveLength(3);
  });

  it("quotes the policy's explanation of each mark, and says which text is not the policy's", async () => {
    const framework = await loadFramework(KODAIRA);
    expect(Object.entries(framework.marks).map(([id, mark]) => [id, mark.symbol, mark.fromPolicy])).toEqual([
      ['evaluated', '●', true],
      ['maintain', '※', true],
      ['parttime', '○', true],
      ['none', '', false],
    ]);
    expect(framework.marks.evaluated.explanation.ja).toBe(
      '職層ごとに求められる能力のうち、「●」は、人事評価における評価項目及び評価要素と連動しています。評価する側はもちろん、評価される側も、各項目を認識し、双方が人財育成の視点で人事評価を活用することが、組織力の向上につながります。「育てたい」「育ちたい」という思いをもって、前向きに人事評価を実施しましょう。',
    );
    expect(framework.marks.maintain.explanation.ja).toBe(
      '「※」は重点的に向上する時期を経て、維持・充実を図るべき能力や姿勢を示します。',
    );
    expect(framework.marks.parttime.explanation.ja).toBe(
      '「○」は令和2年度より一般職の公務員とされた会計年度任用職員に求められる能力や姿勢を示します。近年、各職場での重要度を増す業務遂行の大切なパートナーであり、常勤職員と同様、公務員としての高い倫理観や規律を遵守する姿勢等が求められます。',
    );
  });

  it('derives the competencies a level is expected to show, in policy order', async () => {
    const framework = await loadFramework(KODAIRA);
    expect(expectedCompetencies(framework, 'shuji')).toEqual([
      'explanation',
      'planning',
      'problemSolving',
      'cooperation',
      'initiative',
      'aspiration',
      'discipline',
    ]);
    expect(expectedCompetencies(framework, 'kaikeiNendo')).toEqual([
      'explanation',
      'problemSolving',
      'cooperation',
      'initiative',
      'aspiration',
      'discipline',
    ]);
    // ※ is still expected of a level: it is to be maintained, not dropped.
    expect(expectedCompetencies(framework, 'bucho')).toHaveLength(10);
    expect(expectedCompetencies(framework, 'noSuchLevel')).toEqual([]);
    expect(markFor(framework, 'noSuchLevel', 'planning')).toBe('none');
  });
});

describe('framework validation', () => {
  it('accepts the unbroken file (so the rejections below are caused by the breakage)', () => {
    expect(() => parseFramework(readKodaira(), 'kodaira.json')).not.toThrow();
  });

  it('names the file and the place of a missing field', () => {
    expect(problemsOf((f) => delete (f.levels[2] as Partial<Framework['levels'][number]>).title)).toEqual([
      'levels[2].title: Invalid input: expected object, received undefined',
    ]);
  });

  it('names the place of a field of the wrong type', () => {
    expect(problemsOf((f) => ((f.levels[2]!.roles[0] as { ja: unknown }).ja = 42))).toEqual([
      'levels[2].roles[0].ja: Invalid input: expected string, received number',
    ]);
  });

  it('rejects an unknown mark value', () => {
    expect(
      problemsOf((f) => ((f.expectations.shuji as Record<string, string>).planning = 'required')),
    ).toEqual([
      'expectations.shuji.planning: Invalid option: expected one of "evaluated"|"maintain"|"parttime"|"none"',
    ]);
  });

  it('rejects a missing matrix row, a missing cell and an unknown cell', () => {
    expect(problemsOf((f) => delete f.expectations.kacho)).toEqual([
      'expectations.kacho: missing the row of level "kacho"',
    ]);
    expect(problemsOf((f) => delete f.expectations.kacho!.discipline)).toEqual([
      'expectations.kacho.discipline: missing cell',
    ]);
    expect(problemsOf((f) => (f.expectations.kacho!.humour = 'evaluated'))).toEqual([
      'expectations.kacho.humour: unknown competency "humour"',
    ]);
  });

  it('rejects a row for a level that does not exist', () => {
    expect(problemsOf((f) => (f.expectations.intern = { ...f.expectations.shuji! }))).toEqual([
      'expectations.intern: row for unknown level "intern"',
    ]);
  });

  it('rejects duplicate ids', () => {
    expect(problemsOf((f) => (f.guidelines[4]!.id = 'link'))).toEqual([
      'guidelines[4].id: duplicate id "link"',
    ]);
    expect(problemsOf((f) => (f.competencies[9]!.id = 'explanation'))).toContain(
      'competencies[9].id: duplicate id "explanation"',
    );
  });

  it('rejects ○ on a level of regular staff', () => {
    expect(problemsOf((f) => (f.expectations.shuji!.leadership = 'parttime'))).toEqual([
      'expectations.shuji.leadership: "parttime" (○) only belongs to a fiscalYear level',
    ]);
  });

  it('rejects a competency in a group that does not exist', () => {
    expect(problemsOf((f) => (f.competencies[0]!.group = 'talent'))).toEqual([
      'competencies[0].group: unknown group "talent"',
    ]);
  });

  it('rejects a file with no levels', () => {
    expect(
      problemsOf((f) => {
        f.levels = [];
        f.expectations = {};
      }),
    ).toEqual(['levels: Too small: expected array to have >=1 items']);
  });

  it('reports a file that is not JSON, naming the file', async () => {
    await expect(loadFramework('README.md')).rejects.toThrow(/README\.md is not valid:\n {2}- is not JSON/);
  });

  it('reports a file that cannot be read, naming the file', async () => {
    await expect(loadFramework('no/such/city.json')).rejects.toThrow(
      /no\/such\/city\.json is not valid:\n {2}- cannot be read/,
    );
  });
});

describe('another city', () => {
  it('loads a smaller framework with its own ids, with no code changes', async () => {
    const framework = await loadFramework(SMALL_CITY);
    expect(framework.levels.map((level) => level.id)).toEqual(['manager', 'staff', 'partTime']);
    expect(framework.competencies.map((competency) => competency.id)).toEqual([
      'talk',
      'lead',
      'team',
      'rules',
    ]);
    expect(framework.guidelines.map((guideline) => guideline.id)).toEqual(['care', 'act', 'tie']);
    expect(expectedCompetencies(framework, 'staff')).toEqual(['talk', 'team', 'rules']);
    expect(markFor(framework, 'partTime', 'team')).toBe('parttime');
  });
});
