import { Link, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DueItem } from '../../../src/cycles/cycle.contract.ts';
import type {
  HomeInterview,
  HomeNews,
  HomeSummary,
  HomeTeam,
  HomeTraining,
} from '../../../src/home/home.contract.ts';
import type { DueReport } from '../../../src/reports/report.contract.ts';
import { hrefOf } from '../shell/router.ts';
import { cardSurface, plainList } from '../shell/style-fragments.ts';
import { SelfCheckBadge } from '../team/self-check-badge.tsx';
import { useTitle } from '../training/format.ts';

// The home's cards: 今やること (what I owe), 部下への対応 (what waits on me as a supervisor), これからの予定
// (what is booked) and 新着 (feedback and comments for me). Each entry links to the page where it is done.

const useStyles = makeStyles({
  card: { ...cardSurface, padding: '12px 16px' },
  accent: { borderLeft: `4px solid ${tokens.colorBrandStroke1}` },
  h2: { fontSize: tokens.fontSizeBase500, margin: '0 0 8px' },
  h3: { fontSize: tokens.fontSizeBase300, margin: '12px 0 6px' },
  list: { ...plainList, gap: '10px' },
  item: { display: 'flex', flexDirection: 'column', gap: '2px', minWidth: 0 },
  link: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  meta: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  urgent: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground3, margin: 0 },
});

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** Dates and times as the Teams locale writes them, in Japan time: 2026/12/08(火) 10:00 or Tue, 8 Dec 2026, 10:00. */
function useFormats() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-GB' : 'ja-JP';
  const dayFormat = new Intl.DateTimeFormat(locale, {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: locale === 'ja-JP' ? '2-digit' : 'short',
    day: locale === 'ja-JP' ? '2-digit' : 'numeric',
    weekday: 'short',
  });
  const timeFormat = new Intl.DateTimeFormat(locale, {
    timeZone: 'Asia/Tokyo',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return {
    /** A calendar day (YYYY-MM-DD, Japan time). */
    day: (day: string) => dayFormat.format(new Date(`${day}T00:00:00+09:00`)),
    /** An instant's day. */
    dayOf: (instant: string) => dayFormat.format(new Date(instant)),
    /** From start to end: the day, then both times. */
    span: (start: string, end: string) =>
      `${dayFormat.format(new Date(start))} ${timeFormat.format(new Date(start))}–${timeFormat.format(new Date(end))}`,
  };
}

/** 2026-H2 → 2026年度 下期 / FY2026 second half. */
function usePeriodLabel() {
  const { t } = useTranslation('home-next');
  return (period: string) => {
    const match = /^(\d{4})-H([12])$/.exec(period);
    return match ? t('half', { year: match[1], half: t(`halves.${match[2]}`) }) : period;
  };
}

/** One of the home's cards: a titled section. */
export function Card({
  id,
  title,
  testId,
  accent,
  children,
}: {
  id: string;
  title: string;
  testId: string;
  accent?: boolean;
  children: ReactNode;
}) {
  const styles = useStyles();
  return (
    <section
      className={accent ? `${styles.card} ${styles.accent}` : styles.card}
      aria-labelledby={id}
      data-testid={testId}
    >
      <h2 className={styles.h2} id={id}>
        {title}
      </h2>
      {children}
    </section>
  );
}

function Entry({
  testId,
  href,
  label,
  meta,
}: {
  testId: string;
  href: string;
  label: string;
  meta?: ReactNode;
}) {
  const styles = useStyles();
  return (
    <li className={styles.item} data-testid={testId}>
      <Link className={styles.link} href={href}>
        {label}
      </Link>
      {meta ? <span className={styles.meta}>{meta}</span> : null}
    </li>
  );
}

/** 今やること. When nothing is owed but something is booked, it says so rather than "nothing to do". */
export function TodoCard({ summary }: { summary: HomeSummary }) {
  const { t } = useTranslation('home-next');
  const styles = useStyles();
  const { cycles, reports } = summary.todo;
  const upcoming = summary.upcoming.interviews.length + summary.upcoming.training.length;
  const empty = cycles.length + reports.length === 0;
  return (
    <Card id="home-todo-title" title={t('todo.title')} testId="home-todo" accent>
      {empty ? (
        <p className={styles.muted} data-testid="home-todo-none">
          {upcoming > 0 ? t('todo.noneButUpcoming') : t('todo.none')}
        </p>
      ) : (
        <ul className={styles.list}>
          {cycles.map((item) => (
            <CycleEntry key={`${item.kind}-${item.fiscalYear}`} item={item} today={summary.today} />
          ))}
          {reports.map((report) => (
            <ReportEntry key={report.sessionId} report={report} />
          ))}
        </ul>
      )}
    </Card>
  );
}

function CycleEntry({ item, today }: { item: DueItem; today: string }) {
  const { t } = useTranslation('home-next');
  const styles = useStyles();
  const formats = useFormats();
  const left = daysBetween(today, item.closesOn);
  const half = item.period?.endsWith('H1') ? '1' : item.period?.endsWith('H2') ? '2' : undefined;
  const scope = half
    ? t('half', { year: item.fiscalYear, half: t(`halves.${half}`) })
    : t('year', { year: item.fiscalYear });
  const counted = item.task === 'recordMidYear' || item.task === 'writeYearEnd';
  return (
    <Entry
      testId={`home-todo-${item.kind}`}
      href={hrefOf(item.page)}
      label={t(`tasks.${item.task}`)}
      meta={
        <>
          {scope}
          {counted ? ` · ${t('goals', { count: item.count })}` : ''}
          {' · '}
          {t('deadline', { date: formats.day(item.closesOn) })}{' '}
          <span className={left <= 7 ? styles.urgent : undefined}>
            ({left <= 0 ? t('today') : t('daysLeft', { count: left })})
          </span>
        </>
      }
    />
  );
}

function ReportEntry({ report }: { report: DueReport }) {
  const { t } = useTranslation('home-next');
  const title = useTitle();
  const formats = useFormats();
  const course = title(report.courseTitle);
  return (
    <Entry
      testId="home-todo-report"
      href={hrefOf('training', 'mine')}
      label={t(report.hasDraft ? 'todo.reportDraft' : 'todo.report', { course })}
      meta={t('todo.reportMeta', { date: formats.dayOf(report.start) })}
    />
  );
}

/** 部下への対応: direct reports' self-checks to give feedback on, interviews to book, reports to comment on. */
export function TeamCard({ team }: { team: HomeTeam }) {
  const { t } = useTranslation('home-next');
  const styles = useStyles();
  const title = useTitle();
  const formats = useFormats();
  const periodLabel = usePeriodLabel();
  const empty = team.selfChecks.length + team.interviews.length + team.reports.length === 0;
  return (
    <Card id="home-team-title" title={t('team.title')} testId="home-team" accent>
      {team.progress.length > 0 ? (
        <>
          <h3 className={styles.h3}>{t('team.progress')}</h3>
          <ul className={styles.list}>
            {team.progress.map((item) => (
              <li
                key={`${item.kind}-${item.windowId ?? 'default'}`}
                className={styles.item}
                data-testid={`home-team-progress-${item.kind}`}
              >
                <span>{t(`tasks.${item.task}`)}</span>
                <span className={styles.meta}>
                  {t('team.progressLine', { owing: item.owing, of: item.of })} ·{' '}
                  {t('deadline', { date: formats.day(item.closesOn) })}
                </span>
              </li>
            ))}
          </ul>
          <Link href={hrefOf('team')}>{t('team.openTeam')}</Link>
          <h3 className={styles.h3}>{t('team.actions')}</h3>
        </>
      ) : null}
      {empty ? (
        <p className={styles.muted} data-testid="home-team-none">
          {t('team.none')}
        </p>
      ) : (
        <ul className={styles.list}>
          {team.selfChecks.map((item) => (
            <Entry
              key={`${item.personId}-${item.period}`}
              testId="home-team-self-check"
              href={hrefOf('team', item.personId)}
              label={t('team.selfCheck', { name: item.displayName })}
              meta={
                <>
                  {/* In the team list's words: 「フィードバック中 2/7」 until the feedback is complete. */}
                  <SelfCheckBadge state="submitted" progress={item.feedback} />{' '}
                  {t('team.selfCheckMeta', {
                    period: periodLabel(item.period),
                    date: item.submittedAt ? formats.dayOf(item.submittedAt) : '—',
                  })}
                </>
              }
            />
          ))}
          {team.interviews.map((item) => (
            <Entry
              key={`${item.personId}-${item.type}`}
              testId="home-team-interview"
              href={hrefOf('interviews')}
              label={t('team.interview', {
                name: item.displayName,
                type: t(`interviewTypes.${item.type}`),
              })}
              meta={t('team.interviewMeta', { date: formats.day(item.closesOn) })}
            />
          ))}
          {team.reports.map((item) => (
            <Entry
              key={item.reportId}
              testId="home-team-report"
              href={hrefOf('training', 'team')}
              label={t('team.report', { name: item.displayName })}
              meta={t('team.reportMeta', {
                course: title(item.courseTitle),
                date: formats.dayOf(item.submittedAt),
              })}
            />
          ))}
        </ul>
      )}
    </Card>
  );
}

/** これからの予定: booked interviews (with the Teams link) and training sessions, nearest first. */
export function UpcomingCard({ summary }: { summary: HomeSummary }) {
  const { t } = useTranslation('home-next');
  const styles = useStyles();
  const { interviews, training } = summary.upcoming;
  return (
    <Card id="home-upcoming-title" title={t('upcoming.title')} testId="home-upcoming">
      {interviews.length + training.length === 0 ? (
        <p className={styles.muted} data-testid="home-upcoming-none">
          {t('upcoming.none')}
        </p>
      ) : (
        <ul className={styles.list}>
          {interviews.map((interview) => (
            <InterviewEntry key={interview.id} interview={interview} />
          ))}
          {training.map((item) => (
            <TrainingEntry key={item.enrolmentId} item={item} />
          ))}
        </ul>
      )}
    </Card>
  );
}

function InterviewEntry({ interview }: { interview: HomeInterview }) {
  const { t } = useTranslation('home-next');
  const formats = useFormats();
  const type = t(`interviewTypes.${interview.type}`);
  return (
    <Entry
      testId="home-upcoming-interview"
      href={hrefOf('interviews', interview.id)}
      label={t(interview.role === 'attendee' ? 'upcoming.interviewWith' : 'upcoming.interviewOf', {
        type,
        name: interview.withName,
      })}
      meta={
        <>
          {formats.span(interview.start, interview.end)}
          {interview.status === 'pending' ? ` · ${t('upcoming.pending')}` : ''}
          {interview.joinUrl ? (
            <>
              {' · '}
              <Link href={interview.joinUrl} target="_blank" rel="noreferrer" data-testid="home-join">
                {t('upcoming.join')}
              </Link>
            </>
          ) : null}
        </>
      }
    />
  );
}

function TrainingEntry({ item }: { item: HomeTraining }) {
  const { t } = useTranslation('home-next');
  const title = useTitle();
  const formats = useFormats();
  const course = title(item.courseTitle);
  return (
    <Entry
      testId="home-upcoming-training"
      href={hrefOf('training', 'mine')}
      label={t('upcoming.training', { course })}
      meta={`${formats.span(item.start, item.end)} · ${t(`trainingStatus.${item.status}`)}`}
    />
  );
}

/** 新着: feedback and comments from others in the last weeks. Not shown when there are none. */
export function NewsCard({ news }: { news: HomeNews[] }) {
  const { t } = useTranslation('home-next');
  const styles = useStyles();
  const title = useTitle();
  const formats = useFormats();
  const periodLabel = usePeriodLabel();
  if (news.length === 0) return null;
  return (
    <Card id="home-news-title" title={t('news.title')} testId="home-news">
      <ul className={styles.list}>
        {news.map((item) => {
          const meta = formats.dayOf(item.at);
          if (item.source === 'selfCheck')
            return (
              <Entry
                key={`self-check-${item.period}`}
                testId="home-news-self-check"
                href={hrefOf('self-check')}
                label={t('news.selfCheck', {
                  name: item.byName,
                  period: periodLabel(item.period),
                  count: item.count,
                })}
                meta={meta}
              />
            );
          if (item.source === 'goal')
            return (
              <Entry
                key={`goal-${item.goalId}`}
                testId="home-news-goal"
                href={hrefOf('goals')}
                label={t('news.goal', { name: item.byName, goal: item.goalTitle })}
                meta={meta}
              />
            );
          return (
            <Entry
              key={`report-${item.reportId}`}
              testId="home-news-report"
              href={hrefOf('training', 'mine')}
              label={t('news.report', {
                name: item.byName,
                course: title(item.courseTitle),
              })}
              meta={meta}
            />
          );
        })}
      </ul>
    </Card>
  );
}
