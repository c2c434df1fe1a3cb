// What the server answers in local mode, for the routes most views ask for first.
import type { CycleWindow } from '../../../src/cycles/cycle.contract.ts';
import type { EvaluationView } from '../../../src/evaluation/evaluation.contract.ts';
import type { DeclarationResponse, DeclarationWindow } from '../../../src/growth/declaration.contract.ts';
import type { GoalView } from '../../../src/growth/goal.contract.ts';
import type { OrgPolicyView } from '../../../src/growth/org-policy.contract.ts';
import type { SelfCheckResponse } from '../../../src/growth/self-check.contract.ts';
import type { TeamMember } from '../../../src/growth/team.contract.ts';
import type { InterviewDetail, InterviewSummary } from '../../../src/interviews/interview.contract.ts';
import type { MeResponse } from '../../../src/people/people.contract.ts';
import type { CourseView, EnrolmentView, SessionView } from '../../../src/training/training.contract.ts';
import frameworkFile from '../../../src/framework/data/kodaira-2022.json' with { type: 'json' };
import { frameworkSchema, type Framework } from '../../../src/framework/framework.schema.ts';

/** The framework the server serves by default (src/app-paths.ts), parsed as the server parses it. */
export const framework: Framework = frameworkSchema.parse(frameworkFile);

/** The competencies a 主事's self-check asks about, in the framework's order. */
export const SHUJI_ITEMS = [
  'explanation',
  'planning',
  'problemSolving',
  'cooperation',
  'initiative',
  'aspiration',
  'discipline',
];

/** GET /api/me for a staff member of `levelId`. */
export function meAt(levelId: string | null, overrides: Partial<MeResponse> = {}): MeResponse {
  return {
    id: `person-${levelId ?? 'none'}`,
    displayName: '小平 花子',
    userPrincipalName: 'hanako@kodaira.example',
    department: '人事課',
    division: '総務部',
    jobTitle: null,
    levelId,
    employmentType: 'regular',
    managerId: null,
    roles: ['employee'],
    ...overrides,
  };
}

/** A catalog course as the catalog answers it: a basic course for everyone, open to changes by `overrides`. */
export function courseView(id: string, overrides: Partial<CourseView> = {}): CourseView {
  return {
    id,
    category: 'basic',
    title: { ja: `研修 ${id}`, en: `Course ${id}` },
    description: { ja: '説明', en: null },
    targetLevelIds: [],
    minYearsOfService: null,
    maxYearsOfService: null,
    competencyIds: [],
    guidelineIds: [],
    format: 'inPerson',
    provider: '',
    archived: false,
    version: 1,
    eligibility: { eligible: true, reasons: [] },
    openSessions: 0,
    nextSessionMonth: null,
    costYen: null,
    scope: 'catalog',
    ownerDepartment: null,
    organiserId: null,
    manageable: false,
    selfStudy: null,
    waiting: { mine: false, offered: false, count: null },
    ...overrides,
  };
}

/** A session open for applications, as the catalog answers it, open to changes by `overrides`. */
export function sessionView(courseId: string, overrides: Partial<SessionView> = {}): SessionView {
  return {
    id: `session-${courseId}`,
    courseId,
    courseTitle: { ja: `研修 ${courseId}`, en: null },
    date: '2099-05-10',
    startTime: '09:00',
    endTime: '12:00',
    place: '市役所 会議室',
    online: false,
    capacity: 20,
    applicationDeadline: '2099-05-01',
    start: '2099-05-10T00:00:00.000Z',
    end: '2099-05-10T03:00:00.000Z',
    status: 'scheduled',
    cancelReason: null,
    confirmed: 0,
    waitlisted: 0,
    open: true,
    outlook: 'synced',
    outlookError: null,
    webLink: null,
    joinUrl: null,
    noTeamsLink: false,
    version: 1,
    ...overrides,
  };
}

/** A booked 1:1 as the interview lists answer it, open to changes by `overrides`. */
export function interviewSummary(overrides: Partial<InterviewSummary> = {}): InterviewSummary {
  return {
    id: 'iv-1',
    type: 'oneOnOne',
    fiscalYear: 2026,
    organizerId: 'person-kacho',
    organizerName: '小平 一郎',
    personId: 'person-shuji',
    personName: '小平 花子',
    start: '2026-06-01T01:00:00Z',
    end: '2026-06-01T01:30:00Z',
    status: 'booked',
    response: 'accepted',
    changedInOutlook: null,
    joinUrl: null,
    noTeamsLink: false,
    waitingForSendingLimit: false,
    webLink: null,
    error: null,
    version: 1,
    ...overrides,
  };
}

/** A booked 1:1 as an interview's record answers it, open to changes by `overrides`. */
export function interviewDetail(overrides: Partial<InterviewDetail> = {}): InterviewDetail {
  return { ...interviewSummary(), agenda: [], sharedNotes: '', actionItems: [], ...overrides };
}

/** Staff of the pages' tests: HR (a 課長 of 職員課 with the HR role) and a 係長 of 市民課 with reports. */
export const HR = meAt('kacho', {
  id: 'p-hr',
  displayName: '人事 一郎',
  department: '職員課',
  roles: ['employee', 'hr'],
});
export const SUPERVISOR = meAt('kakaricho', {
  id: 'p-kakaricho',
  displayName: '上司 太郎',
  department: '市民課',
  roles: ['employee', 'supervisor'],
});

/** GET /api/cycles of `fiscalYear` with HR's `windows`. */
export function cyclesOf(fiscalYear: number, windows: CycleWindow[] = [], today = `${fiscalYear}-12-05`) {
  return { fiscalYear, currentFiscalYear: fiscalYear, today, windows };
}

/** A direct report of `managerId` as the team page lists them: a submitted self-check, no interview. */
export function teamMember(id: string, managerId: string, overrides: Partial<TeamMember> = {}): TeamMember {
  return {
    id,
    displayName: '吉田 花子',
    department: '市民課',
    jobTitle: '主事',
    levelId: 'shuji',
    managerId,
    depth: 1,
    selfCheck: 'submitted',
    goals: 1,
    interview: null,
    ...overrides,
  };
}

/** A 主事's (or `levelId`'s) self-check of `period`, every expected item rated, with one comment of their supervisor. */
export function selfCheckView(
  personId: string,
  period: string,
  overrides: Partial<SelfCheckResponse> & { levelId?: string } = {},
): SelfCheckResponse {
  const levelId = overrides.levelId ?? 'shuji';
  const items = framework.competencies.filter(
    (competency) => (framework.expectations[levelId]?.[competency.id] ?? 'none') !== 'none',
  );
  return {
    personId,
    period,
    status: 'submitted',
    editable: false,
    levelId,
    frameworkVersion: framework.version,
    items: items.map((competency) => ({ competencyId: competency.id, mark: 'evaluated' as const })),
    ratings: Object.fromEntries(
      items.map((competency, index) => [
        competency.id,
        { rating: 2 + (index % 4), evidence: `${competency.name.ja}の根拠` },
      ]),
    ),
    reflections: { diversity: '相手の立場で考えた' },
    feedback: {
      [items[0]!.id]: {
        comment: '住民説明会での説明が分かりやすかったです。',
        authorId: 'p-kakaricho',
        at: new Date().toISOString(),
      },
    },
    feedbackCompletedAt: null,
    viewpoints: {},
    version: 2,
    submittedAt: new Date().toISOString(),
    ...overrides,
  };
}

/** A goal of the fiscal year with some progress, shared with the 課. */
export function goalView(personId: string, fiscalYear: number, overrides: Partial<GoalView> = {}): GoalView {
  return {
    id: 'g-1',
    personId,
    fiscalYear,
    title: '窓口の待ち時間を短くする',
    dueDate: `${fiscalYear + 1}-03-31`,
    progress: [{ at: new Date().toISOString(), percent: 40, note: '受付の手順を見直した' }],
    version: 2,
    shared: false,
    successCriteria: '平均待ち時間 15 分以内',
    competencyIds: [],
    guidelineIds: [],
    visibility: 'workplace',
    comments: [],
    departmentGoalId: null,
    ...overrides,
  };
}

/** GET /api/policies/…/departments/… of a 課 that has written no policy for the year (no goal to link). */
export function emptyDepartmentPolicy(unit: string, fiscalYear: number): OrgPolicyView {
  return {
    kind: 'department',
    unit,
    fiscalYear,
    policy: '',
    goals: [],
    version: 0,
    updatedAt: null,
    canEdit: false,
  };
}

/** 人事評価 of the year, not started, as the person reads it (the page shows where it stands). */
export function evaluationNotStarted(
  person: { id: string; displayName: string; department: string | null; levelId: string | null },
  fiscalYear: number,
): EvaluationView {
  return {
    personId: person.id,
    person: {
      id: person.id,
      displayName: person.displayName,
      department: person.department!,
      levelId: person.levelId!,
    },
    fiscalYear,
    status: 'notStarted',
    role: 'self',
    firstEvaluator: null,
    secondEvaluator: null,
    items: [],
    submittedAt: null,
    confirmedAt: null,
    version: 0,
    updatedAt: null,
  };
}

/** HR's 自己申告 window of `fiscalYear`, open until the end of March. */
export function declarationWindowOf(fiscalYear: number): DeclarationWindow {
  return {
    fiscalYear,
    openedAt: `${fiscalYear}-11-01T00:00:00.000Z`,
    closesOn: `${fiscalYear + 1}-03-31`,
    closedAt: null,
    isOpen: true,
  };
}

/** A 自己申告 draft in the open window, nothing written yet. */
export function declarationView(
  personId: string,
  fiscalYear: number,
  overrides: Partial<DeclarationResponse> = {},
): DeclarationResponse {
  return {
    personId,
    fiscalYear,
    status: 'draft',
    editable: true,
    revisable: false,
    window: declarationWindowOf(fiscalYear),
    version: 1,
    placement: null,
    transferWishes: [],
    circumstances: '',
    comment: '',
    reflection: '',
    submittedAt: null,
    revisedAt: null,
    revisions: 0,
    ...overrides,
  };
}

/** An enrolment in a session, as the person's and the team's lists answer it. */
export function enrolmentView(overrides: Partial<EnrolmentView> = {}): EnrolmentView {
  return {
    id: 'e-1',
    sessionId: 's-1',
    courseId: 'course-1',
    courseTitle: { ja: '接遇研修', en: 'Customer service' },
    category: 'basic',
    start: '2026-11-20T01:00:00.000Z',
    end: '2026-11-20T03:00:00.000Z',
    sessionStatus: 'scheduled',
    personId: 'p-1',
    personName: '小平 一郎',
    status: 'confirmed',
    origin: 'application',
    requestedById: null,
    requestedByName: null,
    reason: '',
    note: '',
    eligibilityOverridden: false,
    waitlistPosition: null,
    closingReason: null,
    inCalendar: true,
    outlookResponse: null,
    version: 2,
    updatedAt: '2026-11-20T04:00:00.000Z',
    ...overrides,
  };
}
