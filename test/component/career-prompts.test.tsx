// The career milestones on the supervisor's team page (docs/growth.md, "Career milestones"): each open
// prompt with a button that opens the booking of a career interview with that person.
import { FluentProvider, teamsDarkTheme } from '@fluentui/react-components';
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import type { TeamMember } from '../../src/growth/team.contract.ts';
import { registerBundle } from '../../tab/src/i18n/i18n.ts';
import { CareerPrompts } from '../../tab/src/team/career-prompts.tsx';
import messages from '../../tab/src/team/messages.ts';
import { seriousViolations } from './support/axe.ts';
import { renderTab } from './support/render.tsx';
import { expectNoSidewaysScroll } from './support/layout.ts';

registerBundle('team', messages);

const PERSON = '11111111-1111-4111-8111-111111111111';
const member = (careerPrompts: TeamMember['careerPrompts']): TeamMember => ({
  id: PERSON,
  displayName: '吉田 花子',
  jobTitle: '主事',
  levelId: 'shuji',
  department: '市民課',
  managerId: null,
  depth: 1,
  selfCheck: 'none',
  goals: 0,
  interview: null,
  careerPrompts,
});
const prompts: TeamMember['careerPrompts'] = [
  { id: 'p3', kind: 'career-interview', years: 3, dueOn: '2027-04-01' },
  { id: 'p10', kind: 'path-choice', years: 10, dueOn: '2034-04-01' },
];

describe('career milestone prompts on the team page', () => {
  it('lists each open prompt in Japanese with a button to book the career interview with that person', async () => {
    const { screen } = await renderTab(<CareerPrompts members={[member(prompts)]} />);
    await expect
      .element(screen.getByTestId('career-prompt-p3'))
      .toMatchTextContent('吉田 花子さん：採用3年目のキャリア面談の時期です（2027/04/01 (木)）');
    await expect.element(screen.getByTestId('career-prompt-p10')).toMatchTextContent('専門か幅広か');
    const book = screen.getByRole('link', { name: 'キャリア面談を予約する（吉田 花子さん）' }).first();
    await expect.element(book).toHaveAttribute('href', `#/interviews/book/career/${PERSON}`);
  });

  it('shows nothing when nobody has an open prompt', async () => {
    const { screen } = await renderTab(<CareerPrompts members={[member([]), member(undefined)]} />);
    expect(screen.container.textContent).toBe('');
  });

  it('fits 360 px in English and passes axe in the dark theme', async () => {
    await page.viewport(360, 780);
    try {
      const { screen } = await renderTab(
        <FluentProvider theme={teamsDarkTheme}>
          <CareerPrompts members={[member(prompts)]} />
        </FluentProvider>,
        { language: 'en' },
      );
      await expect
        .element(screen.getByTestId('career-prompt-p10'))
        .toMatchTextContent('吉田 花子: their 10-year evaluation period ends');
      await expect
        .element(screen.getByRole('link', { name: 'Book the career interview with 吉田 花子' }).first())
        .toBeVisible();
      await expectNoSidewaysScroll();
      expect(await seriousViolations(screen.container)).toEqual([]);
    } finally {
      await page.viewport(414, 896);
    }
  });
});
