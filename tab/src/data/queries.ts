import { queryOptions, useQuery, type QueryKey } from '@tanstack/react-query';
import type { ApiClient } from '../api/client.ts';
import type { ApiRouteKey, CallInput } from '../api/routes.ts';

/**
 * Every query key of the tab, in one place. A key holds every parameter its request depends on (fiscal
 * year, person, period…): an answer is cached under the parameters it was asked with, so an older answer
 * arriving late can never overwrite the newer one on screen. Keys nest, so invalidating a prefix (e.g.
 * `['goals']`) refreshes every year's list.
 */
export const queryKeys = {
  me: ['me'] as const,
  framework: ['framework'] as const,
  /** HR's 着眼点 of the framework in force. */
  viewpoints: ['framework', 'viewpoints'] as const,
  myGoals: (fiscalYear: number) => ['goals', 'me', fiscalYear] as const,
  workplaceGoals: (fiscalYear: number) => ['goals', 'workplace', fiscalYear] as const,
  departmentPolicy: (fiscalYear: number, department: string) =>
    ['policies', 'department', fiscalYear, department] as const,
  divisionPolicy: (fiscalYear: number, division: string) =>
    ['policies', 'division', fiscalYear, division] as const,
  /** The chain's and HR's view of how a 課's people's goals cover its goals. */
  departmentCoverage: (fiscalYear: number, department: string) =>
    ['policies', 'coverage', fiscalYear, department] as const,
  allCycles: ['cycles'] as const,
  mySelfChecks: ['self-checks', 'me'] as const,
  mySelfCheck: (period: string) => ['self-check', 'me', period] as const,
  /** Every person's level history: an import invalidates them all. */
  levelHistories: ['hr-people', 'levels'] as const,
  levelHistory: (personId: string) => ['hr-people', 'levels', personId] as const,
  disagreements: ['hr-people', 'disagreements'] as const,
  /** One page of HR's staff list under its filters: an import invalidates every page (the prefix). */
  staffList: (query: object) => ['hr-people', 'list', query] as const,
  directorySync: ['hr-people', 'sync'] as const,
  channelMappings: ['channel-mappings'] as const,
  audit: ['hr-audit'] as const,
  auditLog: (filters: object) => ['hr-audit', 'log', filters] as const,
  erasures: ['hr-audit', 'erasures'] as const,
  erasurePreview: (personId: string) => ['hr-audit', 'erasure-preview', personId] as const,
  team: ['team'] as const,
  /** A person's self-check halves (the history), as their chain reads them. */
  personSelfChecks: (personId: string) => ['people', personId, 'self-checks'] as const,
  personSelfCheck: (personId: string, period: string) => ['people', personId, 'self-checks', period] as const,
  personGoals: (personId: string, fiscalYear: number) => ['people', personId, 'goals', fiscalYear] as const,
  personCareer: (personId: string) => ['people', personId, 'career'] as const,
  /** A supervisor's 育成 page for a fiscal year ('me' for the caller's own). */
  development: (personId: string, fiscalYear: number | undefined) =>
    ['people', personId, 'development', fiscalYear ?? 'current'] as const,
  declarations: ['declaration'] as const,
  declarationWindows: ['declaration', 'windows'] as const,
  declaration: (personId: string, fiscalYear: number) => ['declaration', personId, fiscalYear] as const,
  interviews: (as: 'organizer' | 'attendee') => ['interviews', as] as const,
  /** One person's interviews of a year, whoever held them (the evaluator's side panel). */
  personInterviews: (personId: string, fiscalYear: number) =>
    ['interviews', 'person', personId, fiscalYear] as const,
  interviewRequests: (as: 'requester' | 'supervisor') => ['interview-requests', as] as const,
  interview: (id: string) => ['interviews', 'detail', id] as const,
  /** One version of an interview (the attendee list's shared notes): a new version is asked for anew. */
  interviewVersion: (id: string, version: number) => ['interviews', 'detail', id, version] as const,
  training: ['training'] as const,
  trainingSessions: ['training', 'sessions'] as const,
  /** HR's course list, archived courses or the others. */
  hrCourses: (archived: boolean) => ['training', 'hr', 'courses', archived] as const,
  /** HR's view of one course with its sessions. */
  hrCourse: (courseId: string) => ['training', 'hr', 'course', courseId] as const,
  /** HR's results of one course (研修効果) for a fiscal year. */
  courseResults: (courseId: string, fiscalYear: number) =>
    ['training', 'hr', 'course-results', courseId, fiscalYear] as const,
  /** The catalog's courses for a view (`fit` or `all`) and category ('' for all). */
  catalog: (view: string, category: string) => ['training', 'courses', view, category] as const,
  /** Every view of the catalog (a prefix of `catalog`'s keys). */
  catalogAll: ['training', 'courses'] as const,
  trainingTeam: ['training', 'team'] as const,
  /** The workplace courses (職場研修) the caller sees: their 課's, or every 課's for HR. */
  workplaceCourses: ['training', 'workplace', 'courses'] as const,
  myEnrolments: ['training', 'enrolments', 'me'] as const,
  myRecommendations: ['training', 'recommendations', 'me'] as const,
  myReports: ['training', 'reports', 'me'] as const,
  /** Where a person ("me") is on their learning paths; HR's paths for the editor. */
  pathProgress: (personId: string) => ['training', 'path-progress', personId] as const,
  learningPaths: ['training', 'learning-paths'] as const,
  /** A person's ("me") self-study enrolments, as the catalog shows them. */
  selfStudyEnrolments: (personId: string) => ['training', 'self-study', 'enrolments', personId] as const,
  /** Each self-study course's link and version, for HR's form. */
  selfStudyCourses: ['training', 'self-study', 'courses'] as const,
  /** The organisation-wide report library; one entry per search (filters and page). */
  reportLibrary: (search: Record<string, string | number | undefined>) =>
    ['training', 'reports', 'library', search] as const,
  myFollowUps: ['training', 'follow-ups', 'me'] as const,
  /** A subordinate's submitted report of a session, as their supervisor reads it. */
  teamReport: (personId: string, sessionId: string) =>
    ['training', 'reports', 'team', personId, sessionId] as const,
  roster: (sessionId: string) => ['training', 'roster', sessionId] as const,
  announcements: (sessionId: string) => ['training', 'announcements', sessionId] as const,
  deliveryReport: (announcementId: string) => ['training', 'announcement', announcementId] as const,
  attendanceProposal: (sessionId: string) => ['training', 'attendance', sessionId] as const,
  cycles: (fiscalYear: number | undefined) => ['cycles', fiscalYear ?? 'current'] as const,
  hrReport: (path: string) => ['hr-report', path] as const,
  /** One of HR's dashboards, under every parameter it was asked with (year, grouping). */
  hrDashboard: (name: 'completion' | 'competencies' | 'demand', query: object) =>
    ['hr-dashboard', name, query] as const,
  /** People found by the person picker for a search text. */
  peopleSearch: (search: string) => ['people', 'search', search] as const,
  due: ['cycles-due'] as const,
  hrReports: (kind: 'submission' | 'wanted', fiscalYear: number) => ['hr-reports', kind, fiscalYear] as const,
  /** HR's roll-up of the 育成 pages for a fiscal year. */
  hrDevelopment: (fiscalYear: number) => ['hr-development', fiscalYear] as const,
  hrPlacement: (...parts: Array<string | number>) => ['hr-placement', ...parts] as const,
  /** HR's やりがい pulses, newest quarter first; their results and the trend of every 課. */
  hrPulses: ['hr-pulses'] as const,
  hrPulseResults: (pulseId: string) => ['hr-pulses', 'results', pulseId] as const,
  hrPulseTrend: ['hr-pulses', 'trend'] as const,
  /** A 課's pulse trend and actions (its 課長/係長, HR). */
  departmentPulse: (department: string) => ['department-pulse', department] as const,
  /** The city's 人事評価 scale and stages (configuration: does not change while the tab is open). */
  evaluationConfig: ['evaluations', 'config'] as const,
  /** The people the caller evaluates in a fiscal year, as 1次 or 2次. */
  evaluatees: (fiscalYear: number) => ['evaluations', 'evaluatees', fiscalYear] as const,
  /** One person's evaluation of a fiscal year ('me' is never used: the person's own id). */
  evaluation: (personId: string, fiscalYear: number) =>
    ['evaluations', 'person', personId, fiscalYear] as const,
  /** HR's evaluation section: the year's overrides or 評価者研修 records. */
  hrEvaluation: (kind: 'evaluators' | 'trainings', fiscalYear: number) =>
    ['hr-evaluation', kind, fiscalYear] as const,
  /** The 調整 view of a 課 or 部 for a year. */
  calibration: (fiscalYear: number, scope: 'department' | 'division', name: string) =>
    ['calibration', fiscalYear, scope, name] as const,
  /** 資格取得 applications: the caller's, those awaiting them as supervisor, HR's of a year. */
  qualifications: (...parts: Array<string | number>) => ['qualifications', ...parts] as const,
  trainingBudget: (fiscalYear: number) => ['training-budget', fiscalYear] as const,
};

/**
 * A GET route of the contract as a query: typed by the route (tab/src/api/routes.ts), and cancelled
 * when its key changes or its last view goes away.
 */
export function routeQuery<K extends ApiRouteKey & `GET ${string}`>(
  api: ApiClient,
  queryKey: QueryKey,
  key: K,
  input?: Omit<CallInput<K>, 'signal'>,
) {
  return queryOptions({
    queryKey,
    queryFn: ({ signal }) =>
      (api.call as (key: K, input: CallInput<K>) => ReturnType<typeof api.call<K>>)(key, {
        ...input,
        signal,
      } as CallInput<K>),
  });
}

// Who I am and the policy do not change while the tab is open: every view shares one answer. A failed
// load is not kept, so "try again" asks the server again.
export const meQuery = (api: ApiClient) =>
  queryOptions({ ...routeQuery(api, queryKeys.me, 'GET /api/me'), staleTime: Infinity });
export const frameworkQuery = (api: ApiClient) =>
  queryOptions({ ...routeQuery(api, queryKeys.framework, 'GET /api/framework'), staleTime: Infinity });

export const useMe = (api: ApiClient) => useQuery(meQuery(api));
export const useFramework = (api: ApiClient) => useQuery(frameworkQuery(api));
