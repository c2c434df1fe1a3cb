// The policy page's level expectations (moved from the home, issue 18), for each level the policy knows
// and in both UI languages. The whole chain (token, server, dev host) for one of them stays in
// test/e2e/tab-home.test.ts.
import { describe, expect, it } from 'vitest';
import PolicyView from '../../tab/src/policy/policy-view.tsx';
import { framework, meAt } from './support/fixtures.ts';
import { fakeApi, renderTab } from './support/render.tsx';

const SYMBOL: Record<string, string> = { evaluated: '●', maintain: '※', parttime: '○', none: '—' };

describe("the tab's policy page", () => {
  const cases = [
    { levelId: 'shuji', language: 'ja' },
    { levelId: 'kacho', language: 'ja' },
    { levelId: 'kaikeiNendo', language: 'ja' },
    { levelId: 'shuji', language: 'en' },
    { levelId: 'kacho', language: 'en' },
    { levelId: 'kaikeiNendo', language: 'en' },
  ] as const;

  it.each(cases)(
    "shows a $levelId their own level's roles and matrix row ($language)",
    async ({ levelId, language }) => {
      const level = framework.levels.find((candidate) => candidate.id === levelId)!;
      const { api } = fakeApi({
        'GET /api/me': meAt(levelId),
        'GET /api/framework': framework,
      });
      const { screen } = await renderTab(<PolicyView api={api} rest={[]} />, { language });
      await expect.element(screen.getByTestId('policy')).toBeInTheDocument();
      const home = screen.getByTestId('policy').element();
      const text = (selector: string) => home.querySelector(`[data-testid=${selector}]`)?.textContent;

      expect(text('level-name')).toBe(level.name[language]);
      expect(text('level-title')).toBe(level.title[language]);
      expect(
        Array.from(home.querySelectorAll('[data-testid=level-roles] li'), (item) => item.textContent),
      ).toEqual(level.roles.map((role) => role[language]));
      expect(text('target-statement')).toBe(framework.targetImage.statement[language]);
      expect(home.querySelectorAll('[data-testid=guidelines] > li')).toHaveLength(5);

      for (const competency of framework.competencies) {
        const expected = framework.expectations[levelId]![competency.id]!;
        const item = home.querySelector(`[data-testid=expectation-${competency.id}]`);
        expect(item?.getAttribute('data-mark')).toBe(expected);
        expect(item?.textContent).toContain(competency.name[language]);
        expect(item?.textContent).toContain(SYMBOL[expected]!);
      }
      expect(home.textContent).toContain(
        language === 'ja' ? 'わたしに求められる能力' : 'What is expected of me',
      );
      expect(home.querySelector('h1')?.textContent).toBe(
        language === 'ja' ? '小平市人財育成基本方針' : "Kodaira City's staff development policy",
      );
    },
  );
});
