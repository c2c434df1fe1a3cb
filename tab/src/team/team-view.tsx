import { Link, makeStyles, tokens } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TeamMember, TeamResponse } from '../../../src/growth/team.contract.ts';
import { formatInstant } from '../career/format.ts';
import { queryKeys, routeQuery } from '../data/queries.ts';
import { QueryState } from '../data/query-state.tsx';
import { registerBundle } from '../i18n/i18n.ts';
import type { PageProps } from '../shell/app.tsx';
import { OjtSuggestions } from '../ojt/ojt-panel.tsx';
import { DepartmentPulseLink, DepartmentPulseView } from '../pulse/department-pulse.tsx';
import { Page, Section, useLayoutStyles } from '../shell/layout.tsx';
import { hrefOf } from '../shell/router.ts';
import { visuallyHidden } from '../shell/visually-hidden.ts';
import { CareerPrompts } from './career-prompts.tsx';
import { DevelopmentLink, DevelopmentView } from './development-view.tsx';
import messages from './messages.ts';
import { TeamPerson } from './team-person.tsx';
import { SelfCheckBadge } from './self-check-badge.tsx';

registerBundle('team', messages);

// Below 600 px each row becomes a card whose cells carry their column name: the page never scrolls sideways.
const NARROW = '@media (max-width: 599px)';

export const useTeamStyles = makeStyles({
  table: {
    width: '100%',
    borderCollapse: 'collapse',
    [NARROW]: { display: 'block' },
  },
  head: { [NARROW]: visuallyHidden },
  th: {
    textAlign: 'left',
    padding: '8px',
    borderBottom: `1px solid ${tokens.colorNeutralStroke1}`,
    fontWeight: tokens.fontWeightSemibold,
  },
  body: { [NARROW]: { display: 'block' } },
  tr: {
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    [NARROW]: {
      display: 'block',
      padding: '8px 0',
    },
  },
  td: {
    padding: '8px',
    verticalAlign: 'top',
    overflowWrap: 'anywhere',
    [NARROW]: {
      display: 'grid',
      gridTemplateColumns: '7em 1fr',
      gap: '8px',
      padding: '4px 0',
      '::before': {
        content: 'attr(data-label)',
        color: tokens.colorNeutralForeground3,
      },
    },
  },
  nameCell: {
    [NARROW]: {
      display: 'block',
      fontSize: tokens.fontSizeBase400,
      '::before': { content: 'none' },
    },
  },
  visuallyHidden,
});

export default function TeamView({ api, rest }: PageProps) {
  const personId = rest[0];
  const { t } = useTranslation('team');
  // The feedback and comments given on a person's page invalidate this list, so coming back from a person
  // shows the statuses they changed.
  const team = useQuery(routeQuery(api, queryKeys.team, 'GET /api/team'));

  // The caller's own 育成 page (team/development), or that of someone below them (team/<id>/development).
  if (personId === 'development') return <DevelopmentView api={api} personId="me" back={hrefOf('team')} />;
  // The caller's 課's やりがい pulse (team/pulse), for its 課長 and 係長.
  if (personId === 'pulse') return <DepartmentPulseView api={api} back={hrefOf('team')} />;
  if (personId && rest[1] === 'development') {
    const name = team.data?.members.find((member) => member.id === personId)?.displayName;
    return (
      <DevelopmentView
        key={personId}
        api={api}
        personId={personId}
        name={name ?? t('person')}
        back={hrefOf('team', personId)}
      />
    );
  }
  if (personId) {
    if (team.data === undefined) {
      return (
        <Page title={t('person')} testId="team">
          <QueryState query={team}>{() => null}</QueryState>
        </Page>
      );
    }
    return <TeamPerson key={personId} api={api} personId={personId} team={team.data} />;
  }
  return (
    <Page title={t('title')} testId="team">
      <OjtSuggestions api={api} />
      <DepartmentPulseLink api={api} />
      <QueryState query={team}>{(data) => <TeamList team={data} />}</QueryState>
    </Page>
  );
}

function TeamList({ team }: { team: TeamResponse }) {
  const { t } = useTranslation('team');
  const layout = useLayoutStyles();
  const [fiscalYear, half] = team.period.split('-H');
  if (team.members.length === 0) {
    return (
      <p className={layout.muted} data-testid="team-empty">
        {t('empty')}
      </p>
    );
  }
  const depths = [...new Set(team.members.map((member) => member.depth))].sort((a, b) => a - b);
  return (
    <>
      <p className={layout.muted}>{t('intro', { year: fiscalYear, half: t(`half.${half}`) })}</p>
      <p>
        <DevelopmentLink />
      </p>
      <CareerPrompts members={team.members} />
      {depths.map((depth) => {
        const members = team.members.filter((member) => member.depth === depth);
        const title = depth === 1 ? t('depth1') : t('depthN', { depth });
        return (
          <Section
            key={depth}
            title={`${title}（${t('count', { count: members.length })}）`}
            id={`team-depth-${depth}`}
            testId={`team-depth-${depth}`}
          >
            <MemberTable members={members} captionId={`team-depth-${depth}`} />
          </Section>
        );
      })}
    </>
  );
}

function MemberTable({ members, captionId }: { members: TeamMember[]; captionId: string }) {
  const { t, i18n } = useTranslation('team');
  const styles = useTeamStyles();
  const columns = [t('name'), t('position'), t('selfCheck'), t('goals'), t('interview')];
  return (
    // Explicit roles keep the table semantics when narrow screens lay the rows out as blocks.
    <table className={styles.table} aria-labelledby={captionId} role="table">
      <thead className={styles.head} role="rowgroup">
        <tr role="row">
          {columns.map((column) => (
            <th key={column} scope="col" role="columnheader" className={styles.th}>
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className={styles.body} role="rowgroup">
        {members.map((member) => (
          <tr role="row" key={member.id} className={styles.tr} data-testid={`member-${member.id}`}>
            <td role="cell" className={`${styles.td} ${styles.nameCell}`} data-label={t('name')}>
              <Link href={hrefOf('team', member.id)} data-testid="member-link">
                {member.displayName}
              </Link>
            </td>
            <td role="cell" className={styles.td} data-label={t('position')}>
              <span>{[member.jobTitle, member.department].filter(Boolean).join(' / ')}</span>
            </td>
            <td role="cell" className={styles.td} data-label={t('selfCheck')}>
              <span>
                <SelfCheckBadge state={member.selfCheck} progress={member.selfCheckFeedback} />
              </span>
            </td>
            <td
              role="cell"
              className={styles.td}
              data-label={t('goals')}
              data-testid="goal-count"
              data-count={member.goals}
            >
              <span>{t('goalsCount', { count: member.goals })}</span>
            </td>
            <td role="cell" className={styles.td} data-label={t('interview')} data-testid="interview">
              {member.interview ? (
                <span>
                  {t(`interviewState.${member.interview.status}`, {
                    at: formatInstant(member.interview.start, i18n.language),
                  })}
                  {`（${t(`interviewType.${member.interview.type}`)}）`}
                </span>
              ) : (
                <span>
                  <span aria-hidden="true">—</span>
                  <span className={styles.visuallyHidden}>{t('none')}</span>
                </span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
