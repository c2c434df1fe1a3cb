// The career milestones of the supervisor's people (docs/growth.md, "Career milestones"): each open prompt
// (a year-N キャリア面談 due, or the 評価期間's end and the 専門 / 幅広 choice) with a button that opens
// the interviews page's booking with that person and a career interview preset. A prompt closes by
// itself once a career interview with the person is booked after it.
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { TeamMember } from '../../../src/growth/team.contract.ts';
import { formatDay } from '../shell/date-time.ts';
import { Section } from '../shell/layout.tsx';
import { hrefOf } from '../shell/router.ts';
import { plainList } from '../shell/style-fragments.ts';

const useStyles = makeStyles({
  list: plainList,
  item: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: '8px',
    padding: '8px 0',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  text: { flex: '1 1 16em', overflowWrap: 'anywhere' },
});

/** Nothing when no member has an open prompt. */
export function CareerPrompts({ members }: { members: TeamMember[] }) {
  const { t, i18n } = useTranslation('team');
  const styles = useStyles();
  const prompts = members.flatMap((member) =>
    (member.careerPrompts ?? []).map((prompt) => ({ member, prompt })),
  );
  if (prompts.length === 0) return null;
  return (
    <Section title={t('careerPrompts.title')} id="team-career-prompts" testId="team-career-prompts">
      <ul className={styles.list}>
        {prompts.map(({ member, prompt }) => (
          <li key={prompt.id} className={styles.item} data-testid={`career-prompt-${prompt.id}`}>
            <span className={styles.text}>
              {t(`careerPrompts.${prompt.kind}`, {
                name: member.displayName,
                years: prompt.years,
                day: formatDay(prompt.dueOn, i18n.language),
              })}
            </span>
            <Button
              as="a"
              appearance="primary"
              href={hrefOf('interviews', 'book', 'career', member.id)}
              aria-label={t('careerPrompts.bookFor', { name: member.displayName })}
              data-testid="career-prompt-book"
            >
              {t('careerPrompts.book')}
            </Button>
          </li>
        ))}
      </ul>
    </Section>
  );
}
