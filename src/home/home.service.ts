// The home's summary: "what is next for me" in one answer, gathered from the slices that own each part
// through their services, stores and the ports in home-sources.ts. It adds no rule of its own about what
// is due: the cycles slice decides what I owe, the reports slice which reports are due.
import type { Actor } from '../auth/access.ts';
import type { AuditLog } from '../auth/audit.ts';
import { appliesTo } from '../cycles/cycle-due.ts';
import type { CycleKind } from '../cycles/cycle.contract.ts';
import type { CycleService } from '../cycles/cycle.service.ts';
import type { InterviewType } from '../interviews/interview.contract.ts';
import type { InterviewStore } from '../interviews/interview.store.ts';
import type { PeopleStore } from '../people/people.store.ts';
import type { ReportService } from '../reports/report.service.ts';
import { halfPeriodAt } from '../shared/fiscal-period.ts';
import type { TrainingService } from '../training/training.service.ts';
import {
  HOME_LIST_MAX,
  HOME_NEWS_DAYS,
  type HomeInterview,
  type HomeNews,
  type HomeSummary,
  type HomeTeam,
  type HomeTraining,
} from './home.contract.ts';
import type { GrowthNews, ReportNews } from './home-sources.ts';

export interface HomeDependencies {
  people: Pick<PeopleStore, 'reportsBelow' | 'getMany'>;
  audit: AuditLog;
  cycles: Pick<CycleService, 'due'>;
  training: Pick<TrainingService, 'enrolmentsOf'>;
  reports: Pick<ReportService, 'due' | 'mine'>;
  interviews: Pick<InterviewStore, 'listFor' | 'liveOfType'>;
  growth: GrowthNews;
  reportNews: ReportNews;
  now: () => Date;
}

const DAY_MS = 86_400_000;

/** The cycle windows that come with a one-on-one (policy 7(3)①: 期首・中間・期末の面談). */
const INTERVIEW_OF: Partial<Record<CycleKind, InterviewType>> = {
  goalSetting: 'goalSetting',
  midYear: 'midYear',
  yearEnd: 'yearEnd',
};

const UPCOMING_TRAINING = new Set(['applied', 'recommended', 'nominated', 'confirmed', 'waitlisted']);

/** The half before `period` (2026-H1 → 2025-H2). */
function previousPeriod(period: { fiscalYear: number; half: 1 | 2 }): string {
  return period.half === 2 ? `${period.fiscalYear}-H1` : `${period.fiscalYear - 1}-H2`;
}

export function createHomeService(deps: HomeDependencies) {
  const nameOf = async (ids: string[]) =>
    new Map((await deps.people.getMany([...new Set(ids)])).map((person) => [person.id, person.displayName]));

  /** Interviews ahead of me, as the attendee or the organizer (failed and cancelled ones aside). */
  const interviewsAhead = async (actor: Actor, now: Date): Promise<HomeInterview[]> => {
    const [asAttendee, asOrganizer] = await Promise.all([
      deps.interviews.listFor('personId', actor.id, undefined),
      deps.interviews.listFor('organizerId', actor.id, undefined),
    ]);
    const ahead = [
      ...asAttendee.map((row) => ({ row, role: 'attendee' as const })),
      ...asOrganizer.map((row) => ({ row, role: 'organizer' as const })),
    ]
      .filter(({ row }) => (row.status === 'booked' || row.status === 'pending') && row.endsAt > now)
      .sort((a, b) => a.row.startsAt.getTime() - b.row.startsAt.getTime())
      .slice(0, HOME_LIST_MAX);
    const names = await nameOf(
      ahead.map(({ row, role }) => (role === 'attendee' ? row.organizerId : row.personId)),
    );
    return ahead.map(({ row, role }) => ({
      id: row.id,
      type: row.type,
      start: row.startsAt.toISOString(),
      end: row.endsAt.toISOString(),
      role,
      withName: names.get(role === 'attendee' ? row.organizerId : row.personId) ?? '',
      status: row.status === 'booked' ? 'booked' : 'pending',
      joinUrl: row.joinUrl,
    }));
  };

  const trainingAhead = async (actor: Actor, now: Date): Promise<HomeTraining[]> =>
    (await deps.training.enrolmentsOf(actor, actor.id))
      .filter(
        (enrolment) =>
          UPCOMING_TRAINING.has(enrolment.status) &&
          enrolment.sessionStatus === 'scheduled' &&
          Date.parse(enrolment.end) > now.getTime(),
      )
      .sort((a, b) => a.start.localeCompare(b.start))
      .slice(0, HOME_LIST_MAX)
      .map((enrolment) => ({
        enrolmentId: enrolment.id,
        sessionId: enrolment.sessionId,
        courseTitle: enrolment.courseTitle,
        start: enrolment.start,
        end: enrolment.end,
        status: enrolment.status as HomeTraining['status'],
      }));

  const newsFor = async (actor: Actor, since: Date): Promise<HomeNews[]> => {
    const [growth, reports] = await Promise.all([
      deps.growth.feedbackFor(actor.id, since),
      deps.reports.mine(actor),
    ]);
    const after = since.toISOString();
    const reportNews = reports.flatMap((report) => {
      const fresh = report.comments.filter(
        (comment) => comment.createdAt >= after && comment.authorId !== actor.id,
      );
      const latest = fresh.reduce<(typeof fresh)[number] | undefined>(
        (a, b) => (a && a.createdAt >= b.createdAt ? a : b),
        undefined,
      );
      return latest
        ? [
            {
              reportId: report.reportId,
              courseTitle: report.courseTitle,
              at: latest.createdAt,
              name: latest.authorName,
            },
          ]
        : [];
    });
    const names = await nameOf([
      ...growth.selfChecks.map((item) => item.authorId),
      ...growth.goals.map((item) => item.authorId),
    ]);
    /** When a piece of growth news came and the name of whoever wrote it. */
    const written = (item: { at: string; authorId: string }) => ({
      at: item.at,
      byName: names.get(item.authorId) ?? '',
    });
    const news: HomeNews[] = [
      ...growth.selfChecks.map((item) => ({
        source: 'selfCheck' as const,
        ...written(item),
        period: item.period,
        count: item.count,
      })),
      ...growth.goals.map((item) => ({
        source: 'goal' as const,
        ...written(item),
        goalId: item.goalId,
        goalTitle: item.title,
      })),
      ...reportNews.map((item) => ({
        source: 'report' as const,
        at: item.at,
        byName: item.name,
        reportId: item.reportId,
        courseTitle: item.courseTitle,
      })),
    ];
    return news.sort((a, b) => b.at.localeCompare(a.at)).slice(0, HOME_LIST_MAX);
  };

  /**
   * What waits on me as a supervisor, for my direct reports only (depth 1 in the reporting lines in
   * force): people further down have their own supervisor, who is the one to act.
   */
  const teamOf = async (
    actor: Actor,
    now: Date,
    open: Array<{ kind: CycleKind; fiscalYear: number; closesOn: string }>,
    since: Date,
    progress: HomeTeam['progress'],
  ): Promise<HomeTeam | null> => {
    const below = await deps.people.reportsBelow(actor.id);
    const seen = new Set<string>([actor.id]);
    const direct = below.filter((person) => {
      if (person.depth !== 1 || seen.has(person.id)) return false;
      seen.add(person.id);
      return true;
    });
    if (direct.length === 0) return null;
    const ids = direct.map((person) => person.id);
    const names = new Map(direct.map((person) => [person.id, person.displayName]));
    const current = halfPeriodAt(now);

    const windows = open.flatMap((window) => {
      const type = INTERVIEW_OF[window.kind];
      return type ? [{ ...window, type }] : [];
    });
    const [selfChecks, reports, booked] = await Promise.all([
      deps.growth.awaitingFeedback(ids, [current.id, previousPeriod(current)]),
      deps.reportNews.awaitingComment(ids, actor.id, since),
      Promise.all(
        windows.map(async (window) => {
          const rows = await deps.interviews.liveOfType(ids, window.type, window.fiscalYear);
          return new Set(rows.filter((row) => row.status !== 'failed').map((row) => row.personId));
        }),
      ),
    ]);
    const interviews = windows.flatMap((window, index) =>
      direct
        .filter((person) => appliesTo(window.kind, person) && !booked[index]!.has(person.id))
        .map((person) => ({
          personId: person.id,
          displayName: person.displayName,
          type: window.type,
          closesOn: window.closesOn,
        })),
    );
    const team: HomeTeam = {
      selfChecks: selfChecks
        .map((row) => ({
          personId: row.personId,
          displayName: names.get(row.personId) ?? '',
          period: row.period,
          submittedAt: row.submittedAt?.toISOString() ?? null,
          feedback: row.feedback,
        }))
        .sort((a, b) => (a.submittedAt ?? '').localeCompare(b.submittedAt ?? '')),
      interviews: interviews.sort(
        (a, b) => a.closesOn.localeCompare(b.closesOn) || a.displayName.localeCompare(b.displayName, 'ja'),
      ),
      reports: reports
        .map((row) => ({
          reportId: row.reportId,
          personId: row.personId,
          displayName: names.get(row.personId) ?? '',
          sessionId: row.sessionId,
          courseTitle: { ja: row.titleJa, en: row.titleEn },
          submittedAt: row.submittedAt.toISOString(),
        }))
        .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt)),
      progress,
    };
    // Where named reports stand is a read of their data, like the team view: one audit row per look.
    await deps.audit.record({
      actorId: actor.id,
      subjectId: null,
      action: 'read',
      resource: 'home-team',
      details: {
        members: ids.length,
        selfChecks: team.selfChecks.length,
        interviews: team.interviews.length,
        reports: team.reports.length,
      },
    });
    return team;
  };

  return {
    async summary(actor: Actor): Promise<HomeSummary> {
      const now = deps.now();
      const since = new Date(now.getTime() - HOME_NEWS_DAYS * DAY_MS);
      const due = await deps.cycles.due(actor);
      const [reports, interviews, training, news, team] = await Promise.all([
        deps.reports.due(actor),
        interviewsAhead(actor, now),
        trainingAhead(actor, now),
        newsFor(actor, since),
        teamOf(
          actor,
          now,
          due.open,
          since,
          (due.team ?? []).filter((item) => item.owing > 0),
        ),
      ]);
      return {
        today: due.today,
        todo: { cycles: due.mine, reports },
        upcoming: { interviews, training },
        news,
        team,
      };
    },
  };
}

export type HomeService = ReturnType<typeof createHomeService>;
