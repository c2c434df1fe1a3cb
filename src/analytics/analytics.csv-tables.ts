import type { Framework } from '../framework/framework.schema.ts';
import type {
  CompetencyReport,
  CompletionReport,
  CourseTitle,
  CsvLanguage,
  DemandReport,
  SubmissionReport,
  WantedReport,
} from './analytics.contract.ts';
import { INTERVIEW_TYPES, UNKNOWN_LEVEL } from './analytics.contract.ts';
import type { CsvCell } from '../shared/csv.ts';
import { JST_OFFSET_MS } from '../shared/japan-time.ts';

/** A table ready for csvResult: the download's name, the header row and the rows. */
export interface CsvTable {
  name: string;
  header: string[];
  rows: CsvCell[][];
}

// Column labels per language: Japanese for HR's Excel by default, English on request.
const LABELS = {
  ja: {
    start: '開始日時（日本時間）',
    course: '研修名',
    category: '区分',
    attended: '出席者数',
    submitted: '報告提出数',
    rate: '提出率（%）',
    sessionId: '研修回ID',
    workplace: '職場研修の課',
    wantedBy: '希望者数',
    level: '職層',
    respondents: '報告者数',
    writers: '自由記述者数',
    pickers: '研修を選んだ人数',
    division: '部',
    department: '課',
    text: '今後受けたい研修（自由記述）',
    hidden: (min: number) => `非表示（${min}人未満）`,
    hiddenCell: (n: number) => `非表示（n=${n}）`,
    staff: '職員数',
    selfCheckH1: '自己チェック提出（上期）',
    selfCheckH2: '自己チェック提出（下期）',
    goals: '目標設定済み',
    held: '実施',
    booked: '予約',
    reportsDue: '研修報告（対象）',
    reportsSubmitted: '研修報告（提出）',
    people: '人数',
    noLevel: '職層不明',
    noDepartment: '所属不明',
    interviewTypes: {
      goalSetting: '期首面談',
      midYear: '中間面談',
      yearEnd: '期末面談',
      career: 'キャリア面談',
    },
    categories: {
      basic: '基本研修',
      specialist: '専門研修',
      dispatch: '派遣研修',
      selfStudy: '自主研修',
      qualification: '資格取得支援',
    } as Record<string, string>,
  },
  en: {
    start: 'Start (Japan time)',
    course: 'Course',
    category: 'Category',
    attended: 'Attended',
    submitted: 'Reports submitted',
    rate: 'Rate (%)',
    sessionId: 'Session id',
    workplace: 'Workplace training of (課)',
    wantedBy: 'People who want it',
    level: 'Level',
    respondents: 'People reporting',
    writers: 'People writing free text',
    pickers: 'People choosing courses',
    division: 'Division (部)',
    department: 'Section (課)',
    text: 'Trainings wanted (free text)',
    hidden: (min: number) => `hidden (fewer than ${min})`,
    hiddenCell: (n: number) => `hidden (n=${n})`,
    staff: 'Staff',
    selfCheckH1: 'Self-checks submitted (H1)',
    selfCheckH2: 'Self-checks submitted (H2)',
    goals: 'Goals set',
    held: 'held',
    booked: 'booked',
    reportsDue: 'Training reports due',
    reportsSubmitted: 'Training reports submitted',
    people: 'People',
    noLevel: 'Level unknown',
    noDepartment: 'No section',
    interviewTypes: {
      goalSetting: 'Goal-setting interview',
      midYear: 'Mid-year interview',
      yearEnd: 'Year-end interview',
      career: 'Career interview',
    },
    categories: {
      basic: 'Basic',
      specialist: 'Specialist',
      dispatch: 'External dispatch',
      selfStudy: 'Self-study',
      qualification: 'Qualification support',
    } as Record<string, string>,
  },
} as const;
type Labels = (typeof LABELS)[CsvLanguage];

/** 2026-11-25 10:00, in Japan time whatever the server's zone. */
function jstDateTime(iso: string): string {
  return new Date(new Date(iso).getTime() + JST_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

export function createCsvTables(framework: Framework) {
  const titleOf = (title: CourseTitle, lang: CsvLanguage) =>
    lang === 'en' ? (title.en ?? title.ja) : title.ja;
  const levelName = (levelId: string, lang: CsvLanguage) =>
    levelId === UNKNOWN_LEVEL
      ? LABELS[lang].noLevel
      : (framework.levels.find((level) => level.id === levelId)?.name[lang] ?? levelId);
  const groupName = (name: string, lang: CsvLanguage) => name || LABELS[lang].noDepartment;
  /**
   * Wanted courses by group in long format (one row per group and course, so Excel can filter and pivot
   * it): the group's lead cells, then the course's title (its id when the report does not list it) and
   * how many want it; one row with neither for a group that wants none. The file is named
   * `trainings-wanted-by-<by>-<fiscal year>`.
   */
  const wantedCourseTable = <Group extends { courses: readonly { courseId: string; people: number }[] }>(
    report: WantedReport,
    lang: CsvLanguage,
    table: {
      by: string;
      header: (labels: Labels) => string[];
      groups: readonly Group[];
      lead: (group: Group) => CsvCell[];
    },
  ): CsvTable => {
    const title = (courseId: string) => {
      const course = report.courses.find((candidate) => candidate.courseId === courseId);
      return course ? titleOf(course.title, lang) : courseId;
    };
    const labels = LABELS[lang];
    return {
      name: `trainings-wanted-by-${table.by}-${report.fiscalYear}`,
      header: [...table.header(labels), labels.course, labels.wantedBy],
      rows: table.groups.flatMap((group): CsvCell[][] => {
        const lead = table.lead(group);
        return group.courses.length === 0
          ? [[...lead, null, null]]
          : group.courses.map((course) => [...lead, title(course.courseId), course.people]);
      }),
    };
  };

  return {
    submission(report: SubmissionReport, lang: CsvLanguage): CsvTable {
      const l = LABELS[lang];
      return {
        name: `training-report-submission-${report.fiscalYear}`,
        header: [l.start, l.course, l.workplace, l.attended, l.submitted, l.rate, l.sessionId],
        rows: report.sessions.map((session) => [
          jstDateTime(session.start),
          titleOf(session.courseTitle, lang),
          session.workplaceDepartment,
          session.attended,
          session.submitted,
          percent(session.rate),
          session.sessionId,
        ]),
      };
    },

    wantedCourses(
      report: WantedReport | DemandReport,
      lang: CsvLanguage,
      name = 'trainings-wanted-by-course',
    ): CsvTable {
      const l = LABELS[lang];
      const levelIds = 'levelIds' in report ? report.levelIds : framework.levels.map((level) => level.id);
      return {
        name: `${name}-${report.fiscalYear}`,
        header: [l.course, l.category, l.wantedBy, ...levelIds.map((id) => levelName(id, lang))],
        rows: report.courses.map((course) => [
          titleOf(course.title, lang),
          l.categories[course.category] ?? course.category,
          course.people,
          ...levelIds.map((id) => course.byLevel[id] ?? 0),
        ]),
      };
    },

    wantedLevels(report: WantedReport, lang: CsvLanguage): CsvTable {
      return wantedCourseTable(report, lang, {
        by: 'level',
        header: (l) => [l.level, l.respondents, l.writers, l.pickers],
        groups: report.levels,
        lead: (level) => [levelName(level.levelId, lang), level.respondents, level.writers, level.pickers],
      });
    },

    wantedDepartments(report: WantedReport, lang: CsvLanguage): CsvTable {
      return wantedCourseTable(report, lang, {
        by: 'section',
        header: (l) => [l.division, l.department, l.respondents, l.writers],
        groups: report.departments,
        lead: (department) => [
          department.division,
          groupName(department.department, lang),
          department.respondents,
          department.writers,
        ],
      });
    },

    /** The free text per 課: the texts where three or more wrote, else one row saying it is hidden. */
    wantedTexts(report: WantedReport, lang: CsvLanguage): CsvTable {
      const l = LABELS[lang];
      return {
        name: `trainings-wanted-free-text-${report.fiscalYear}`,
        header: [l.division, l.department, l.writers, l.text],
        rows: report.departments
          .filter((department) => department.writers > 0)
          .flatMap((department) => {
            const lead = [department.division, groupName(department.department, lang), department.writers];
            return department.texts === null
              ? [[...lead, l.hidden(report.minGroupSize)]]
              : department.texts.map((text) => [...lead, text]);
          }),
      };
    },

    completion(report: CompletionReport, lang: CsvLanguage): CsvTable {
      const l = LABELS[lang];
      const byDivision = report.groupBy === 'division';
      return {
        name: `completion-by-${byDivision ? 'division' : 'section'}-${report.fiscalYear}`,
        header: [
          ...(byDivision ? [l.division] : [l.division, l.department]),
          l.staff,
          l.selfCheckH1,
          l.selfCheckH2,
          l.goals,
          ...INTERVIEW_TYPES.flatMap((type) => [
            `${l.interviewTypes[type]}（${l.held}）`,
            `${l.interviewTypes[type]}（${l.booked}）`,
          ]),
          l.reportsSubmitted,
          l.reportsDue,
        ],
        rows: report.rows.map((row) => [
          ...(byDivision ? [groupName(row.group, lang)] : [row.division, groupName(row.group, lang)]),
          row.staff,
          row.selfChecks.h1,
          row.selfChecks.h2,
          row.goals,
          ...INTERVIEW_TYPES.flatMap((type) => [row.interviews[type].held, row.interviews[type].booked]),
          row.reports.submitted,
          row.reports.due,
        ]),
      };
    },

    competencies(report: CompetencyReport, lang: CsvLanguage): CsvTable {
      const l = LABELS[lang];
      const competencyName = (id: string) =>
        framework.competencies.find((competency) => competency.id === id)?.name[lang] ?? id;
      return {
        name: `competency-picture-by-${report.groupBy === 'level' ? 'level' : 'section'}`,
        header: [
          report.groupBy === 'level' ? l.level : l.department,
          l.people,
          ...report.competencyIds.map(competencyName),
        ],
        rows: report.rows.map((row) => [
          report.groupBy === 'level' ? levelName(row.group, lang) : groupName(row.group, lang),
          row.people,
          // A withheld cell says so and gives only how few people it has, never a value.
          ...report.competencyIds.map((id) => {
            const cell = row.cells[id]!;
            return cell.average ?? (cell.n === 0 ? null : l.hiddenCell(cell.n));
          }),
        ]),
      };
    },
  };
}

export type CsvTables = ReturnType<typeof createCsvTables>;
