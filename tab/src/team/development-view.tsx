import { Link, makeStyles, tokens } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DevelopmentCounts, DevelopmentPage } from '../../../src/growth/development.contract.ts';
import type { ApiClient } from '../api/client.ts';
import { queryKeys, routeQuery, useFramework } from '../data/queries.ts';
import { QueryState } from '../data/query-state.tsx';
import { currentFiscalYear, FiscalYearSelect } from '../hr/dashboards/analytics-ui.tsx';
import { registerBundle } from '../i18n/i18n.ts';
import { OrEmpty, Page, Section, useLayoutStyles } from '../shell/layout.tsx';
import { useLocalized } from '../shell/localized.ts';
import { hrefOf } from '../shell/router.ts';
import messages from './development-messages.ts';

registerBundle('development', messages);

const MEASURES = [
  'feedback',
  'interviews',
  'oneOnOnes',
  'recommendations',
  'reportComments',
  'ojtGuidance',
] as const;
type Measure = (typeof MEASURES)[number];

const valueOf = (counts: DevelopmentCounts, measure: Measure): number =>
  measure === 'feedback' ? counts.goalComments + counts.selfCheckComments : counts[measure];

const useStyles = makeStyles({
  totals: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(140px, 1fr))',
    gap: '8px',
    margin: 0,
  },
  total: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: '8px 12px',
    margin: 0,
  },
  totalValue: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  list: { listStyle: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', gap: '8px' },
  item: {
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingBottom: '8px',
    overflowWrap: 'anywhere',
  },
  name: { fontWeight: tokens.fontWeightSemibold },
  roles: { margin: 0, paddingInlineStart: '1.25em' },
});

/**
 * A supervisor's 育成 page (issue 19 point 6): what they did this fiscal year for each direct report,
 * beside their level's role bullets. `personId` is 'me' for the caller's own page; for someone below the
 * caller `name` titles it and `back` leads to that person's page.
 */
export function DevelopmentView({
  api,
  personId,
  name,
  back,
}: {
  api: ApiClient;
  personId: string;
  name?: string | undefined;
  back: string;
}) {
  const { t } = useTranslation('development');
  const [fiscalYear, setFiscalYear] = useState(currentFiscalYear());
  const page = useQuery(
    routeQuery(api, queryKeys.development(personId, fiscalYear), 'GET /api/people/:personId/development', {
      params: { personId },
      query: { fiscalYear },
    }),
  );
  const title = name ? t('titleOf', { name }) : t('title');
  return (
    <Page
      title={title}
      testId="development"
      actions={
        <Link href={back} data-testid="development-back">
          {name ? t('backToPerson', { name }) : t('back')}
        </Link>
      }
    >
      <FiscalYearSelect value={fiscalYear} onChange={setFiscalYear} />
      <QueryState query={page}>{(data) => <DevelopmentContent api={api} page={data} />}</QueryState>
    </Page>
  );
}

function DevelopmentContent({ api, page }: { api: ApiClient; page: DevelopmentPage }) {
  const { t } = useTranslation('development');
  const layout = useLayoutStyles();
  const styles = useStyles();
  const localized = useLocalized();
  const framework = useFramework(api);
  const level = framework.data?.levels.find((candidate) => candidate.id === page.supervisor.levelId);
  const line = (counts: DevelopmentCounts) =>
    MEASURES.filter((measure) => valueOf(counts, measure) > 0)
      .map(
        (measure) =>
          `${t(`measure.${measure}`)} ${t(`count.${measure}`, { count: valueOf(counts, measure) })}`,
      )
      .join(t('separator'));
  return (
    <div className={layout.stack} data-testid="development-page" data-person-id={page.supervisor.id}>
      <p className={layout.muted}>{t('intro', { year: page.fiscalYear })}</p>
      <Section
        title={t('roles', { level: level ? localized(level.name) : '' })}
        id="development-roles"
        testId="development-roles"
      >
        <OrEmpty empty={page.roles.length === 0} text={t('noLevel')}>
          <ul className={styles.roles}>
            {page.roles.map((role) => (
              <li key={role.ja}>{localized(role)}</li>
            ))}
          </ul>
        </OrEmpty>
      </Section>
      <Section title={t('totals')} id="development-totals" testId="development-totals">
        <dl className={styles.totals}>
          {MEASURES.map((measure) => (
            <div key={measure} className={styles.total} data-testid={`total-${measure}`}>
              <dt>{t(`measure.${measure}`)}</dt>
              <dd className={styles.totalValue}>
                {t(`count.${measure}`, { count: valueOf(page.totals, measure) })}
              </dd>
              {measure === 'feedback' ? (
                <dd className={layout.muted}>
                  {t('feedbackDetail', {
                    goals: page.totals.goalComments,
                    selfChecks: page.totals.selfCheckComments,
                  })}
                </dd>
              ) : null}
            </div>
          ))}
        </dl>
      </Section>
      <Section title={t('perPerson')} id="development-people" testId="development-people">
        <OrEmpty empty={page.reports.length === 0} text={t('noReports')}>
          <ul className={styles.list}>
            {page.reports.map((person) => {
              const done = line(person);
              return (
                <li key={person.id} className={styles.item} data-testid={`development-person-${person.id}`}>
                  <div>
                    <span className={styles.name}>{person.displayName}</span>
                    {person.jobTitle ? (
                      <span className={layout.muted}>{`（${person.jobTitle}）`}</span>
                    ) : null}
                  </div>
                  <div className={done ? undefined : layout.muted}>{done || t('nothingYet')}</div>
                </li>
              );
            })}
          </ul>
        </OrEmpty>
      </Section>
    </div>
  );
}

/** The link from the team view to a supervisor's 育成 page (own, or of someone below the caller). */
export function DevelopmentLink({ personId, name }: { personId?: string; name?: string }) {
  const { t } = useTranslation('development');
  return (
    <Link
      href={personId ? hrefOf('team', personId, 'development') : hrefOf('team', 'development')}
      data-testid="development-link"
    >
      {name ? t('openOf', { name }) : t('open')}
    </Link>
  );
}
