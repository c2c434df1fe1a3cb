// HR's 配置 workspace (issue 20 point 3; docs/growth.md, "配置"): the year's 自己申告 listed, filtered,
// read and exported, and the roll-ups HR places people with. HR only; every read is audited.
import { eq } from 'drizzle-orm';
import type { Actor } from '../auth/access.ts';
import { auditOf, type AuditLog } from '../auth/audit.ts';
import type { AuditAction } from '../auth/audit.contract.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../http/app-error.ts';
import { divisionRecordsUntil, staffPlacementsOn, type StaffPlacement } from '../people/people.read.ts';
import { FIRST_FISCAL_YEAR, halfPeriodAt } from '../shared/fiscal-period.ts';
import { jstDayOf } from '../shared/japan-time.ts';
import { countsBeforeRecords, type CareerPath } from './career.contract.ts';
import { careerDesigns } from './career.schema.ts';
import { addYears } from './career.service.ts';
import { declarations } from './declaration.schema.ts';
import { firstRecordMonth } from './rotation.ts';
import type { DeclarationService } from './declaration.service.ts';
import type {
  PlacementFilter,
  PlacementForm,
  PlacementItem,
  PlacementPage,
  PlacementPageQuery,
  PlacementRollUps,
} from './placement.contract.ts';

type DeclarationRow = typeof declarations.$inferSelect;
type CareerRow = typeof careerDesigns.$inferSelect;
type DivisionRecord = Awaited<ReturnType<typeof divisionRecordsUntil>>[number];

/** The fiscal year a day (YYYY-MM-DD) falls in: April to March. */
export function fiscalYearOfDay(day: string): number {
  const year = Number(day.slice(0, 4));
  return Number(day.slice(5, 7)) >= 4 ? year : year - 1;
}

/** A person as every answer shows them. */
const placedOf = (person: StaffPlacement) => ({
  id: person.id,
  displayName: person.displayName,
  department: person.department,
  jobTitle: person.jobTitle,
  levelId: person.levelId,
  division: person.division,
  hireDate: person.hireDate,
});

/** The list's order, also its cursor: 課, name, id. */
const sortKey = (item: PlacementItem): [string, string, string] => [
  item.department ?? '\uffff',
  item.displayName,
  item.id,
];
const compareKeys = (a: [string, string, string], b: [string, string, string]) =>
  a[0].localeCompare(b[0], 'ja') ||
  a[1].localeCompare(b[1], 'ja') ||
  (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0);

const encodeCursor = (key: [string, string, string]) =>
  Buffer.from(JSON.stringify(key)).toString('base64url');
function decodeCursor(cursor: string): [string, string, string] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === 3 && key.every((part) => typeof part === 'string'))
      return key as [string, string, string];
  } catch {
    // answered below
  }
  throw new AppError('validation_failed', 'The cursor is not one a previous page gave.', [
    { path: 'query.cursor', message: 'must be a cursor from a previous page' },
  ]);
}

/** Names compared as typed, without surrounding or repeated spaces (full-width included). */
const normalName = (name: string) => name.replace(/[\s\u3000]+/g, ' ').trim();

/** The 発令 records of each person, in the order given (effective day). */
function recordsByPerson(records: DivisionRecord[]): Map<string, DivisionRecord[]> {
  const byPerson = new Map<string, DivisionRecord[]>();
  for (const record of records)
    byPerson.set(record.personId, [...(byPerson.get(record.personId) ?? []), record]);
  return byPerson;
}

/**
 * The 部 a person has served in, by the rule career design shows too (rotation.ts): HR's 発令 records win
 * for the time they cover; what the person typed counts only for postings that ended before the first
 * record, so one posting is never counted twice under two spellings.
 */
function rotationOf(person: StaffPlacement, own: DivisionRecord[], career: CareerRow | undefined) {
  const fromRecords = new Set(
    [...own.map((record) => record.division), person.division]
      .filter((division): division is string => !!division?.trim())
      .map(normalName),
  );
  const firstMonth = firstRecordMonth(own);
  const fromCareer = new Set(
    (career?.rotation ?? [])
      .filter((entry) => countsBeforeRecords(entry, firstMonth))
      .map((entry) => normalName(entry.department))
      .filter((name) => !fromRecords.has(name)),
  );
  return {
    divisions: [...fromRecords, ...fromCareer],
    fromRecords: fromRecords.size,
    fromCareer: fromCareer.size,
  };
}

export function createPlacementService(deps: {
  db: Db;
  audit: AuditLog;
  declarations: Pick<DeclarationService, 'get'>;
  levels: ReadonlyArray<{ id: string }>;
  /** The 能力・適性等評価期間 in years from the hire date (config EVALUATION_PERIOD_YEARS). */
  evaluationPeriodYears: number;
  now: () => Date;
}) {
  const { db } = deps;
  const audited = auditOf(deps.audit, 'placement');

  const requireHr = (actor: Actor) => {
    if (!actor.isHr) throw new AppError('forbidden', 'Only HR (職員課) may use the 配置 workspace.');
  };

  const yearOf = (fiscalYear: number | undefined, path: string) => {
    const last = halfPeriodAt(deps.now()).fiscalYear + 1;
    const year = fiscalYear ?? last - 1;
    if (year < FIRST_FISCAL_YEAR || year > last)
      throw new AppError('validation_failed', 'Choose a fiscal year that has 自己申告.', [
        { path, message: `must be from ${FIRST_FISCAL_YEAR} to ${last}` },
      ]);
    return year;
  };

  const today = () => jstDayOf(deps.now().getTime());

  const checkLevel = (level: string | undefined) => {
    if (level !== undefined && !deps.levels.some((known) => known.id === level))
      throw new AppError('validation_failed', `There is no level ${level} in the framework.`, [
        { path: 'query.level', message: 'must be a level id of the framework' },
      ]);
  };

  const careersOf = async (): Promise<Map<string, CareerRow>> =>
    new Map((await db.select().from(careerDesigns)).map((row) => [row.personId, row]));

  const itemOf = (
    person: StaffPlacement,
    row: DeclarationRow,
    career: CareerRow | undefined,
  ): PlacementItem => ({
    ...placedOf(person),
    status: row.status,
    placement: row.placement,
    wishes: row.transferWishes.map((wish) => wish.department),
    path: career?.path ?? 'undecided',
    pathField: career?.pathField ?? '',
    submittedAt: row.submittedAt?.toISOString() ?? null,
    revisedAt: row.revisedAt?.toISOString() ?? null,
  });

  /** The year's forms of people in force today that match `filter`, in the list's order, with their rows. */
  const matching = async (filter: PlacementFilter, year: number) => {
    checkLevel(filter.level);
    const [staff, rows, careers] = await Promise.all([
      staffPlacementsOn(db, today()),
      db.select().from(declarations).where(eq(declarations.fiscalYear, year)),
      careersOf(),
    ]);
    const byId = new Map(staff.map((person) => [person.id, person]));
    const wishes = (row: DeclarationRow) => row.placement === 'transfer' || row.transferWishes.length > 0;
    return rows
      .flatMap((row) => {
        const person = byId.get(row.personId);
        return person ? [{ row, item: itemOf(person, row, careers.get(row.personId)) }] : [];
      })
      .filter(
        ({ row, item }) =>
          (filter.department === undefined || item.department === filter.department) &&
          (filter.level === undefined || item.levelId === filter.level) &&
          (filter.status === undefined || row.status === filter.status) &&
          (filter.wishesTransfer === undefined || wishes(row) === filter.wishesTransfer) &&
          (filter.path === undefined || item.path === filter.path),
      )
      .sort((a, b) => compareKeys(sortKey(a.item), sortKey(b.item)));
  };

  /** The filter as the audit row names it: what was asked, nothing absent. */
  const filterDetails = (filter: PlacementFilter, year: number) =>
    Object.fromEntries(
      Object.entries({ ...filter, fiscalYear: year }).filter(([, value]) => value !== undefined),
    );

  return {
    /**
     * A page of the year's 自己申告 (saved at least once) of people in force today, by 課, name and id,
     * after the cursor's key (keyset, not offset: a form saved meanwhile neither repeats nor skips one).
     */
    async list(actor: Actor, query: PlacementPageQuery): Promise<PlacementPage> {
      requireHr(actor);
      const year = yearOf(query.fiscalYear, 'query.fiscalYear');
      const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
      const { cursor: _cursor, limit, ...filter } = query;
      const all = (await matching(filter, year)).map(({ item }) => item);
      const rest = after ? all.filter((item) => compareKeys(sortKey(item), after) > 0) : all;
      const items = rest.slice(0, limit);
      const last = items.at(-1);
      await audited('read', actor, null, { list: true, ...filterDetails(filter, year), shown: items.length });
      return {
        fiscalYear: year,
        total: all.length,
        items,
        nextCursor: rest.length > limit && last ? encodeCursor(sortKey(last)) : null,
      };
    },

    /** Every matching form with its texts, for the CSV export (audited as an export). */
    async export(actor: Actor, filter: PlacementFilter) {
      requireHr(actor);
      const year = yearOf(filter.fiscalYear, 'query.fiscalYear');
      const rows = await matching(filter, year);
      await audited('export', actor, null, { ...filterDetails(filter, year), rows: rows.length });
      return { fiscalYear: year, rows };
    },

    /** One person's form with their placement and career path; the declaration's read audits it. */
    async form(actor: Actor, fiscalYear: number, personId: string): Promise<PlacementForm> {
      requireHr(actor);
      const declaration = await deps.declarations.get(actor, personId, fiscalYear);
      const day = today();
      const [staff, careers, records] = await Promise.all([
        staffPlacementsOn(db, day),
        careersOf(),
        divisionRecordsUntil(db, day),
      ]);
      const person = staff.find((candidate) => candidate.id === personId);
      if (!person) throw new AppError('not_found', 'No such person among the staff in force today.');
      const career = careers.get(personId);
      return {
        person: placedOf(person),
        career: { path: career?.path ?? 'undecided', pathField: career?.pathField ?? '' },
        rotation: rotationOf(person, recordsByPerson(records).get(personId) ?? [], career),
        declaration,
      };
    },

    async rollUps(
      actor: Actor,
      fiscalYear: number | undefined,
      action: AuditAction = 'read',
    ): Promise<PlacementRollUps> {
      requireHr(actor);
      const year = yearOf(fiscalYear, 'query.fiscalYear');
      const day = today();
      const [everyone, rows, careers, records] = await Promise.all([
        staffPlacementsOn(db, day),
        db.select().from(declarations).where(eq(declarations.fiscalYear, year)),
        careersOf(),
        divisionRecordsUntil(db, day),
      ]);
      // 自己申告 and the placement it serves are for regular staff (docs/growth.md, "Who it applies to").
      const staff = everyone.filter((person) => person.employmentType === 'regular');
      const byId = new Map(staff.map((person) => [person.id, person]));
      const byName = (a: { displayName: string }, b: { displayName: string }) =>
        a.displayName.localeCompare(b.displayName, 'ja');

      const wished = new Map<string, PlacementRollUps['transferWishes'][number]>();
      for (const row of rows) {
        const person = byId.get(row.personId);
        if (!person || row.status !== 'submitted') continue;
        row.transferWishes.forEach((wish, index) => {
          const department = normalName(wish.department);
          const entry = wished.get(department) ?? { department, count: 0, people: [] };
          entry.count += 1;
          entry.people.push({ ...placedOf(person), rank: index + 1 });
          wished.set(department, entry);
        });
      }
      const transferWishes = [...wished.values()]
        .map((entry) => ({ ...entry, people: entry.people.sort((a, b) => a.rank - b.rank || byName(a, b)) }))
        .sort((a, b) => b.count - a.count || a.department.localeCompare(b.department, 'ja'));

      const paths = { specialist: 0, rotation: 0, undecided: 0, notWritten: 0 };
      const fields = new Map<string, { path: CareerPath; field: string; count: number }>();
      for (const person of staff) {
        const career = careers.get(person.id);
        if (!career) {
          paths.notWritten += 1;
          continue;
        }
        paths[career.path] += 1;
        const field = normalName(career.pathField);
        const key = `${career.path}\u0000${field}`;
        const entry = fields.get(key) ?? { path: career.path, field, count: 0 };
        entry.count += 1;
        fields.set(key, entry);
      }

      const years = deps.evaluationPeriodYears;
      const ending = staff
        .flatMap((person) => {
          if (!person.hireDate) return [];
          const endsOn = addYears(person.hireDate, years);
          const endsInFiscalYear = fiscalYearOfDay(endsOn);
          if (endsInFiscalYear !== year && endsInFiscalYear !== year + 1) return [];
          const career = careers.get(person.id);
          return [
            {
              ...placedOf(person),
              endsOn,
              endsInFiscalYear,
              path: career?.path ?? 'undecided',
              pathField: career?.pathField ?? '',
            },
          ];
        })
        .sort((a, b) => (a.endsOn < b.endsOn ? -1 : a.endsOn > b.endsOn ? 1 : byName(a, b)));

      const recordsOf = recordsByPerson(records);
      const coverage = staff
        .map((person) => ({
          ...placedOf(person),
          ...rotationOf(person, recordsOf.get(person.id) ?? [], careers.get(person.id)),
        }))
        .sort((a, b) => a.divisions.length - b.divisions.length || byName(a, b));
      const histogram = new Map<number, number>();
      for (const person of coverage)
        histogram.set(person.divisions.length, (histogram.get(person.divisions.length) ?? 0) + 1);

      await audited(action, actor, null, { rollUps: true, fiscalYear: year });
      return {
        fiscalYear: year,
        transferWishes,
        careerPaths: {
          ...paths,
          fields: [...fields.values()].sort(
            (a, b) =>
              b.count - a.count || a.path.localeCompare(b.path) || a.field.localeCompare(b.field, 'ja'),
          ),
        },
        evaluationPeriod: { years, people: ending },
        rotation: {
          histogram: [...histogram.entries()]
            .map(([divisions, people]) => ({ divisions, people }))
            .sort((a, b) => a.divisions - b.divisions),
          people: coverage,
        },
      };
    },
  };
}

export type PlacementService = ReturnType<typeof createPlacementService>;
