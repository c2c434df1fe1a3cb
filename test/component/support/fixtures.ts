// What the server answers in local mode, for the routes most views ask for first.
import type { InterviewDetail } from '../../../src/interviews/interview.contract.ts';
import type { MeResponse } from '../../../src/people/people.contract.ts';
import type { CourseView, SessionView } from '../../../src/training/training.contract.ts';
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

/** A booked 1:1 as an interview's record answers it, open to changes by `overrides`. */
export function interviewDetail(overrides: Partial<InterviewDetail> = {}): InterviewDetail {
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
    agenda: [],
    sharedNotes: '',
    actionItems: [],
    ...overrides,
  };
}
