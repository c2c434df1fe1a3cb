import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  expectedCompetencies,
  FrameworkError,
  loadFramework,
  parseFramework,
} from '../../../src/framework/framework-loader.ts';
import type { Framework } from '../../../src/framework/framework.schema.ts';
import { LEVELS, POLICY_TABLE, SYMBOLS } from '../../support/policy-table.ts';

const KODAIRA = 'src/framework/data/kodaira-2022.json';
const raw = () => JSON.parse(readFileSync(KODAIRA, 'utf8')) as Record<string, unknown> & Framework;

function problemsOf(mutate: (framework: Record<string, unknown> & Framework) => void): string[] {
  const framework = raw();
  mutate(framework);
  try {
    parseFramework(framework, 'test.json');
  } catch (error) {
    if (error instanceof FrameworkError) {
      expect(error.message).toContain('test.json');
      return error.problems;
    }
    throw error;
  }
  return [];
}

describe("Kodaira City's framework file", () => {
  it('loads and validates', async () => {
    const framework = await loadFramework(KODAIRA);
    expect(framework.version).toMatch(/^kodaira-2022\./);
  });

  it('has every one of the 70 cells of the policy table', async () => {
    const framework = await loadFramework(KODAIRA);
    let cells = 0;
    for (const [competencyId, , row] of POLICY_TABLE) {
      [...row].forEach((symbol, column) => {
        expect(
          framework.expectations[LEVELS[column]!]![competencyId],
          `${LEVELS[column]} × ${competencyId}`,
        ).toBe(SYMBOLS[symbol]);
        cells += 1;
      });
    }
    expect(cells).toBe(70);
    expect(Object.keys(framework.expectations).sort()).toEqual([...LEVELS].sort());
  });

  it('lists levels and competencies in policy order, with the policy names and groups', async () => {
    const framework = await loadFramework(KODAIRA);
    expect(framework.levels.map((level) => level.id)).toEqual(LEVELS);
    expect(framework.levels.map((level) => level.name.ja)).toEqual([
      '部長級',
      '課長級',
      '課長補佐級',
      '係長級',
      '主任級',
      '主事級',
      '会計年度任用職員',
    ]);
    expect(framework.competencies.map((competency) => [competency.id, competency.name.ja])).toEqual(
      POLICY_TABLE.map(([id, name]) => [id, name]),
    );
    expect(framework.competencies.map((competency) => competency.group)).toEqual([
      ...Array<string>(6).fill('ability'),
      ...Array<string>(4).fill('attitude'),
    ]);
  });

  it("quotes each level's title and roles verbatim", async () => {
    const framework = await loadFramework(KODAIRA);
    const byId = Object.fromEntries(framework.levels.map((level) => [level.id, level]));
    expect(byId.bucho!.title.ja).toBe('市の経営層、部の責任者、統括者');
    expect(byId.bucho!.roles[0]!.ja).toBe(
      '総合的かつ長期的な視野で市全体の進むべき方向を見極めながらトップマネジメントを支え、部の方針を明示し、目標達成に向けて部を統率する。',
    );
    expect(byId.kacho!.roles).toHaveLength(6);
    expect(byId.shuji!.title.ja).toBe('業務の遂行者');
    expect(byId.shuji!.roles.map((role) => role.ja)).toEqual([
      '担当業務を適切に遂行し、課題の発見や解決、業務改善に取り組む。',
      '担当業務に必要な専門知識を吸収し、後輩や異動による転入者等をサポートする。',
    ]);
    expect(byId.kaikeiNendo!.title.ja).toBe('業務遂行のパートナー');
    expect(byId.kaikeiNendo!.employmentType).toBe('fiscalYear');
    for (const level of framework.levels) {
      for (const role of level.roles) expect(role.ja, level.id).not.toMatch(/^[-・\s]/);
    }
  });

  it('has the five DRILL guidelines in order, the target image and the two meanings of DRILL', async () => {
    const framework = await loadFramework(KODAIRA);
    expect(
      framework.guidelines.map((guideline) => [guideline.letter, guideline.name.en, guideline.name.ja]),
    ).toEqual([
      ['D', 'Diversity', '多様性を認め合う力'],
      ['R', 'Responsibility', '高い倫理観に基づき行動し、責任を持ってやり遂げる力'],
      ['I', 'Identity', '理念や主体性を大切にする力'],
      ['L', 'Link', '良好なコミュニケーションで、つながりを生みだし、育む力'],
      ['L', 'Local love', '地域に愛着を持ち、地域の魅力を高める力'],
    ]);
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
  });

  it("quotes the policy's explanation of each mark", async () => {
    const framework = await loadFramework(KODAIRA);
    expect(framework.marks.evaluated.explanation.ja).toMatch(
      /^職層ごとに求められる能力のうち、「●」は、人事評価における評価項目及び評価要素と連動しています。/,
    );
    expect(framework.marks.maintain.explanation.ja).toBe(
      '「※」は重点的に向上する時期を経て、維持・充実を図るべき能力や姿勢を示します。',
    );
    expect(framework.marks.parttime.explanation.ja).toMatch(
      /^「○」は令和2年度より一般職の公務員とされた会計年度任用職員に求められる能力や姿勢を示します。/,
    );
    expect(framework.marks.none.fromPolicy).toBe(false);
  });

  it('derives the competencies a level is expected to show', async () => {
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
  });
});

describe('framework validation', () => {
  it('names the place of a missing field', () => {
    expect(problemsOf((f) => delete (f.levels[2] as Partial<Framework['levels'][number]>).title)).toEqual([
      'levels[2].title: Invalid input: expected object, received undefined',
    ]);
  });

  it('rejects an unknown mark value', () => {
    expect(
      problemsOf((f) => ((f.expectations.shuji as Record<string, string>).planning = 'required'))[0],
    ).toMatch(/^expectations\.shuji\.planning: /);
  });

  it('rejects a missing matrix row and a missing cell', () => {
    expect(problemsOf((f) => delete f.expectations.kacho)).toEqual([
      'expectations.kacho: missing the row of level "kacho"',
    ]);
    expect(problemsOf((f) => delete f.expectations.kacho!.discipline)).toEqual([
      'expectations.kacho.discipline: missing cell',
    ]);
  });

  it('rejects duplicate ids', () => {
    expect(problemsOf((f) => (f.guidelines[4]!.id = 'link'))).toContain(
      'guidelines[4].id: duplicate id "link"',
    );
  });

  it('rejects ○ on a level of regular staff', () => {
    expect(problemsOf((f) => (f.expectations.shuji!.leadership = 'parttime'))).toEqual([
      'expectations.shuji.leadership: "parttime" (○) only belongs to a fiscalYear level',
    ]);
  });

  it('reports a file that is not JSON, naming the file', async () => {
    await expect(loadFramework('README.md')).rejects.toThrow(/README\.md is not valid:\n {2}- is not JSON/);
  });
});

describe('another city', () => {
  it('loads a smaller framework with its own ids, with no code changes', async () => {
    const framework = await loadFramework('test/fixtures/frameworks/small-city.json');
    expect(framework.levels.map((level) => level.id)).toEqual(['manager', 'staff', 'partTime']);
    expect(expectedCompetencies(framework, 'staff')).toEqual(['talk', 'team', 'rules']);
  });
});
