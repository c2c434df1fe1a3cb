import { Button, Link, makeStyles, tokens } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { DueItem, DueResponse, TeamDueItem } from '../../../src/cycles/cycle.contract.ts';
import type { ApiClient } from '../api/client.ts';
import { queryKeys, routeQuery } from '../data/queries.ts';
import { registerBundle } from '../i18n/i18n.ts';
import { useErrorText } from '../shell/error-text.ts';
import { hrefOf } from '../shell/router.ts';

// Loaded lazily by the home after its first paint: the card's code and its request never hold up the
// home's own content (see `npm run bench -- tab`).
registerBundle('cycles-due', {
  ja: {
    title: '今やること',
    loading: '読み込み中…',
    none: '今やることはありません。',
    failed: '今やることを読み込めませんでした：{{message}}',
    retry: '再読み込み',
    tasks: {
      setGoals: '今年度の目標を設定する',
      recordMidYear: '目標の進捗と中間の振り返りを記録する',
      writeYearEnd: '目標の期末の振り返りを書く',
      submitSelfCheck: '自己チェックを提出する',
      submitDeclaration: '自己申告書を提出する',
    },
    half: '{{year}}年度 {{half}}',
    halves: { '1': '上期', '2': '下期' },
    year: '{{year}}年度',
    deadline: '締切 {{date}}',
    daysLeft_one: 'あと{{count}}日',
    daysLeft_other: 'あと{{count}}日',
    today: '今日が締切',
    goals: '目標 {{count}} 件',
    team: 'チームの状況',
    teamLine: '{{owing}} / {{of}} 人が未完了',
    openTeam: 'チームを開く',
  },
  en: {
    title: 'To do',
    loading: 'Loading…',
    none: 'Nothing to do right now.',
    failed: 'Could not load what is due: {{message}}',
    retry: 'Reload',
    tasks: {
      setGoals: 'Set your goals for this fiscal year',
      recordMidYear: 'Record goal progress and your mid-year reflection',
      writeYearEnd: 'Write your year-end reflection on your goals',
      submitSelfCheck: 'Submit your self-check',
      submitDeclaration: 'Submit your self-declaration',
    },
    half: 'FY{{year}} {{half}}',
    halves: { '1': 'first half', '2': 'second half' },
    year: 'FY{{year}}',
    deadline: 'Due {{date}}',
    daysLeft_one: '{{count}} day left',
    daysLeft_other: '{{count}} days left',
    today: 'Due today',
    goals: '{{count}} goals',
    team: 'My team',
    teamLine: '{{owing}} of {{of}} still to do',
    openTeam: 'Open my team',
  },
});

const useStyles = makeStyles({
  card: {
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderLeft: `4px solid ${tokens.colorBrandStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    padding: '12px 16px',
    minWidth: 0,
  },
  h2: { fontSize: tokens.fontSizeBase500, margin: '0 0 8px' },
  h3: { fontSize: tokens.fontSizeBase300, margin: '12px 0 4px' },
  list: { listStyle: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', gap: '8px' },
  item: { display: 'flex', flexDirection: 'column', gap: '2px', minWidth: 0 },
  link: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  meta: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  urgent: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground3 },
});

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

function useFormatDay() {
  const { i18n } = useTranslation();
  return (day: string) =>
    new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'ja-JP', {
      timeZone: 'UTC',
      month: i18n.language === 'en' ? 'short' : 'long',
      day: 'numeric',
      weekday: 'short',
    }).format(new Date(`${day}T00:00:00Z`));
}

/** 今やること: what I still owe in the windows open now, and for supervisors how their team stands. */
export default function DueCard({ api }: { api: ApiClient }) {
  const { t } = useTranslation('cycles-due');
  const styles = useStyles();
  const errorText = useErrorText();
  // What is due changes with writes made on other pages (a goal set, a self-check sent): the card asks
  // again each time the home shows it, keeping the last answer on screen meanwhile.
  const due = useQuery({
    ...routeQuery(api, queryKeys.due, 'GET /api/cycles/due'),
    staleTime: 0,
  });
  // The card keeps its own compact states (and `data-state` for tests) rather than <QueryState>'s panel.
  const status = due.data !== undefined ? 'ready' : due.isError && !due.isFetching ? 'error' : 'loading';

  return (
    <section
      className={styles.card}
      aria-labelledby="due-title"
      aria-busy={status === 'loading'}
      data-testid="due-card"
      data-state={status}
    >
      <h2 className={styles.h2} id="due-title">
        {t('title')}
      </h2>
      {status === 'loading' ? <p className={styles.muted}>{t('loading')}</p> : null}
      {status === 'error' ? (
        <p role="alert">
          {t('failed', { message: errorText(due.error) })}{' '}
          <Button size="small" onClick={() => void due.refetch()}>
            {t('retry')}
          </Button>
        </p>
      ) : null}
      {due.data !== undefined ? <DueList due={due.data} /> : null}
    </section>
  );
}

function DueList({ due }: { due: DueResponse }) {
  const { t } = useTranslation('cycles-due');
  const styles = useStyles();
  const team = (due.team ?? []).filter((item) => item.owing > 0);
  return (
    <>
      {due.mine.length === 0 ? (
        <p className={styles.muted} data-testid="due-none">
          {t('none')}
        </p>
      ) : (
        <ul className={styles.list} data-testid="due-mine">
          {due.mine.map((item) => (
            <DueEntry key={`${item.kind}-${item.fiscalYear}`} item={item} today={due.today} />
          ))}
        </ul>
      )}
      {team.length > 0 ? (
        <>
          <h3 className={styles.h3}>{t('team')}</h3>
          <ul className={styles.list} data-testid="due-team">
            {team.map((item) => (
              <TeamEntry key={`${item.kind}-${item.windowId ?? 'default'}`} item={item} />
            ))}
          </ul>
          <Link href={hrefOf('team')}>{t('openTeam')}</Link>
        </>
      ) : null}
    </>
  );
}

function DueEntry({ item, today }: { item: DueItem; today: string }) {
  const { t } = useTranslation('cycles-due');
  const styles = useStyles();
  const formatDay = useFormatDay();
  const left = daysBetween(today, item.closesOn);
  const half = item.period?.endsWith('H1') ? '1' : item.period?.endsWith('H2') ? '2' : undefined;
  const scope = half
    ? t('half', { year: item.fiscalYear, half: t(`halves.${half}`) })
    : t('year', { year: item.fiscalYear });
  const counted = item.task === 'recordMidYear' || item.task === 'writeYearEnd';
  return (
    <li className={styles.item} data-testid={`due-${item.kind}`}>
      <Link className={styles.link} href={hrefOf(item.page)}>
        {t(`tasks.${item.task}`)}
      </Link>
      <span className={styles.meta}>
        {scope}
        {counted ? ` · ${t('goals', { count: item.count })}` : ''}
        {' · '}
        {t('deadline', { date: formatDay(item.closesOn) })}{' '}
        <span className={left <= 7 ? styles.urgent : undefined}>
          ({left <= 0 ? t('today') : t('daysLeft', { count: left })})
        </span>
      </span>
    </li>
  );
}

function TeamEntry({ item }: { item: TeamDueItem }) {
  const { t } = useTranslation('cycles-due');
  const styles = useStyles();
  const formatDay = useFormatDay();
  return (
    <li className={styles.item} data-testid={`due-team-${item.kind}`}>
      <span>{t(`tasks.${item.task}`)}</span>
      <span className={styles.meta}>
        {t('teamLine', { owing: item.owing, of: item.of })} ·{' '}
        {t('deadline', { date: formatDay(item.closesOn) })}
      </span>
    </li>
  );
}
