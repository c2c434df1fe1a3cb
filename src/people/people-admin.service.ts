import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { inArray, sql, type SQL } from 'drizzle-orm';
import { pino } from 'pino';
import type { Actor } from '../auth/access.ts';
import { createAuditLog } from '../auth/audit.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../http/app-error.ts';
import { jstDayOf } from '../shared/japan-time.ts';
import { decodeCsvBytes, parseCsv } from './csv-reader.ts';
import type { Directory, DirectoryUser } from './directory.port.ts';
import { readDirectoryRound } from './directory-sync.ts';
import { directorySyncStore as syncStore } from './directory-sync.store.ts';
import { directorySyncEntries, people } from './people.schema.ts';
import type { Logger } from '../logger.ts';
import { validateImport, type ImportProblem, type ImportRow } from './level-import.ts';
import {
  levelHistoryStore as history,
  type LevelRow,
  type NewLevelRow,
  type PersonState,
} from './level-history.store.ts';
import type { LevelNames } from './level-mapping.ts';
import {
  IMPORT_CHANGES_MAX,
  MAX_IMPORT_BYTES,
  type DepartmentDisagreements,
  type ExclusionLifted,
  type ImportProblemCode,
  type ImportProblemDetail,
  type ImportRequest,
  type ImportSummary,
  type LevelHistory,
  type StaffList,
  type StaffListQuery,
  type SyncStatus,
} from './people-admin.contract.ts';
import { listStaff } from './staff-list.ts';
import { describeImportChanges } from './import-diff.ts';
import { directoryUserToRow } from './people.service.ts';
import { createPeopleStore } from './people.store.ts';
import { directoryExclusionStore } from './directory-exclusions.ts';
import { planLines } from './line-planner.ts';
import { arrivalsOf, type ArrivalHandler } from './arrivals.ts';
import { chainChanges, type ChainChangeHandler } from './supervisor-changes.ts';
import { isStorableText, USER_TEXT_MESSAGE } from '../http/user-input.ts';

export const IMPORT_BODY_LIMIT_BYTES = 1_600_000;

const PROBLEM_TEXT: Record<ImportProblemCode, string> = {
  empty_file: 'The file has no data rows (a header line and at least one row are needed).',
  file_too_large: `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`,
  too_many_rows: 'The file has too many rows; split it.',
  unreadable_encoding: 'The file is neither UTF-8 nor Shift_JIS text.',
  unterminated_quote: 'A quoted field is never closed.',
  unstorable_character: USER_TEXT_MESSAGE,
  unknown_column: 'Unknown column.',
  duplicate_column: 'The column appears twice.',
  missing_column: 'A required column is missing.',
  wrong_column_count: 'The row has a different number of fields than the header.',
  missing_value: 'A required value is empty.',
  unknown_person: 'Nobody in the directory has this employee id or address.',
  person_mismatch: 'The employee id and the address name different people.',
  unknown_level: 'Not a job level of the framework.',
  bad_employment_type: 'Employment type must be 常勤 or 会計年度任用職員.',
  employment_type_mismatch: 'The employment type does not fit the level.',
  bad_date: 'Not a date (use YYYY-MM-DD or YYYY/M/D).',
  too_long: 'The value is too long (at most 100 characters).',
  duplicate_row: 'The same person and 発令日 appear twice (see the line named in value).',
};

const DETAILS_MAX = 500;

function toDetail(problem: ImportProblem): ImportProblemDetail {
  return {
    path: problem.column ? `line ${problem.line} ${problem.column}` : `line ${problem.line}`,
    message: PROBLEM_TEXT[problem.code],
    code: problem.code,
    line: problem.line,
    column: problem.column,
    ...(problem.value !== undefined ? { value: problem.value } : {}),
  };
}

function refuse(problems: ImportProblem[]): never {
  throw new AppError(
    'unprocessable',
    `The file was not imported: ${problems.length} problem(s). Nothing was changed.`,
    problems.slice(0, DETAILS_MAX).map(toDetail),
  );
}

const TRACKED: ReadonlyArray<keyof PersonState> = [
  'displayName',
  'userPrincipalName',
  'mail',
  'employeeId',
  'jobTitle',
  'department',
  'division',
  'hireDate',
  'managerId',
  'levelId',
  'employmentType',
];

function compare(before: PersonState[], after: PersonState[]) {
  const old = new Map(before.map((person) => [person.id, person]));
  let added = 0;
  let changed = 0;
  let supervisorsChanged = 0;
  let peopleChanged = 0;
  for (const person of after) {
    const previous = old.get(person.id);
    if (!previous) {
      added += 1;
      continue;
    }
    if (TRACKED.some((key) => previous[key] !== person[key])) changed += 1;
    if (previous.managerId !== person.managerId) supervisorsChanged += 1;
    if (
      previous.levelId !== person.levelId ||
      previous.employmentType !== person.employmentType ||
      previous.department !== person.department
    )
      peopleChanged += 1;
  }
  const managers = (rows: PersonState[]) => new Map(rows.map((row) => [row.id, row.managerId]));
  return {
    added,
    changed,
    supervisorsChanged,
    peopleChanged,
    chains: chainChanges(managers(before), managers(after)),
  };
}

export interface PeopleAdminDependencies {
  db: Db;
  directory: Directory;
  levels: readonly LevelNames[];
  chainHandler: ChainChangeHandler;
  /** What follows someone's arrival in a 課 (an onboarding OJT suggestion), in the change's transaction. */
  arrivalHandler?: ArrivalHandler;
  /** Queues a directory sync (the people.sync job). */
  queueSync: () => Promise<void>;
  now: () => Date;
  /** The sync's progress and summary lines; silent when not given. */
  logger?: Logger;
  sync?: {
    /** Names this instance in the sync's lease (default: the host name). */
    instanceId?: string;
    leaseMs?: number;
    progressEveryPages?: number;
    progressEveryMs?: number;
  };
}

/** What a directory sync run did (logged as its summary line). */
export interface SyncRun {
  status: 'synced';
  full: boolean;
  people: number;
  added: number;
  changed: number;
  supervisorsChanged: number;
  interviewsReassigned: number;
  /** Pages of the round, and how many this run read (fewer when it resumed an unfinished round). */
  pages: number;
  pagesThisRun: number;
  /** Directory entries the round listed. */
  read: number;
  resumedAtPage: number | null;
  restartedFull: boolean;
  /** Reading and staging the pages, and the whole run (the rest is applying the round). */
  readMs: number;
  elapsedMs: number;
}

/** What one 発令 (a level record) says of a person, besides their supervisor. */
interface Appointment {
  levelId: string;
  employmentType: string;
  department: string | null;
  division: string | null;
  hireDate: string | null;
  effectiveFrom: string;
}

function appointmentOf<R extends Appointment>(row: R): Pick<R, keyof Appointment> {
  return {
    levelId: row.levelId,
    employmentType: row.employmentType,
    department: row.department,
    division: row.division,
    hireDate: row.hireDate,
    effectiveFrom: row.effectiveFrom,
  };
}

const APPLY_SLICE = 1000;
/** The people a round staged (a condition on `people`). */
const STAGED_PEOPLE = sql`${people.id} in (select ${directorySyncEntries.personId} from ${directorySyncEntries})`;
const silentLogger = pino({ enabled: false });

/** HR's people tools: sync on demand, imports of effective-dated levels, level history; and the sync itself. */
export function createPeopleAdminService(deps: PeopleAdminDependencies) {
  const { db, levels } = deps;
  const requireHr = (actor: Actor) => {
    if (!actor.isHr) throw new AppError('forbidden', 'Only HR may manage staff records.');
  };

  const logger = deps.logger ?? silentLogger;
  const instanceId = deps.sync?.instanceId ?? hostname();

  /**
   * Delta names a manager only when it changed. Someone staged without one and new to us (re-enabled,
   * say) needs theirs read; done before the apply's transaction, which holds no Graph call.
   */
  const resolveUnknownManagers = async () => {
    const rows = await db.execute(sql`select e.person_id as id from ${directorySyncEntries} e
      where not e.gone and not (e.user ? 'managerId')
        and not exists (select 1 from ${people} p where p.id = e.person_id)`);
    for (const { id } of (rows as { rows: Array<{ id: string }> }).rows) {
      const managerId = (await deps.directory.getUser(id))?.managerId ?? null;
      await db.execute(sql`update ${directorySyncEntries}
        set "user" = jsonb_set("user", '{managerId}', ${JSON.stringify(managerId)}::jsonb)
        where person_id = ${id}`);
    }
  };

  /** The staged round onto `people`, a slice at a time (constant memory at 100,000 staff). */
  const applyStaged = async (tx: Db, full: boolean) => {
    // People HR erased stay out until HR lifts their exclusion (docs/people.md, "Erased people").
    const excluded = await directoryExclusionStore.excludedIds(tx);
    const store = createPeopleStore(tx, deps.now);
    let after = '';
    for (;;) {
      const slice = await syncStore.stagedStaff(tx, after, APPLY_SLICE);
      if (slice.length === 0) break;
      after = slice[slice.length - 1]!.id;
      const unknown = slice.filter((user) => user.managerId === undefined).map((user) => user.id);
      // The directory's own manager, not the one in force (an import may have laid another over it).
      const known =
        unknown.length === 0
          ? new Map<string, string | null>()
          : new Map(
              (
                await tx
                  .select({ id: people.id, managerId: people.directoryManagerId })
                  .from(people)
                  .where(inArray(people.id, unknown))
              ).map((row) => [row.id, row.managerId]),
            );
      const rows = slice
        .filter((user) => !excluded.has(user.id))
        .map((user): DirectoryUser => ({
          ...user,
          managerId: user.managerId !== undefined ? user.managerId : (known.get(user.id) ?? null),
        }))
        .map((user) => directoryUserToRow(levels, user));
      await store.upsert(rows);
    }
    // Guests, disabled accounts, mailboxes and deleted users are not staff: they leave the table; after a
    // full round, so does whoever it did not list.
    await syncStore.removeLeavers(tx, full);
  };

  /**
   * Runs `change` in one transaction with the effective records re-applied, and re-routes work that
   * followed a supervisor who is no longer above someone, in the same transaction.
   */
  const changeLines = async <T>(
    change: (tx: Db) => Promise<T>,
    finish?: (tx: Db, diff: ReturnType<typeof compare>, reassigned: number) => Promise<void>,
    /**
     * The only people `change` touches (a delta sync's): the comparison and the records' re-application
     * stay with them, instead of reading 100,000 people twice; records whose date came meanwhile for
     * anyone else are the hourly job's.
     */
    scope?: SQL,
  ) => {
    const now = deps.now();
    let notify: () => Promise<void> = async () => undefined;
    const outcome = await db.transaction(async (tx) => {
      const before = await history.everyone(tx, scope);
      const result = await change(tx);
      await history.applyEffective(tx, jstDayOf(now.getTime()), scope);
      const after = await history.everyone(tx, scope);
      const diff = compare(before, after);
      const arrivals = arrivalsOf(before, after, jstDayOf(now.getTime()));
      if (arrivals.length > 0) await deps.arrivalHandler?.arrived(tx, arrivals, now);
      if (scope) diff.chains = await scopedChains(tx, before, after);
      const rerouted =
        diff.chains.length > 0
          ? await deps.chainHandler.reroute(tx, diff.chains, now)
          : { reassigned: 0, afterCommit: async () => undefined };
      notify = rerouted.afterCommit;
      await finish?.(tx, diff, rerouted.reassigned);
      return { result, diff, reassigned: rerouted.reassigned };
    });
    await notify();
    return outcome;
  };

  /**
   * Chains that lost someone when only the people in `before`/`after` changed: nobody's chain changed
   * unless one of them got another supervisor or left. Then everyone's lines are needed (the people below
   * them), read as one map of supervisors; the map before is the map after with their old values.
   */
  const scopedChains = async (tx: Db, before: PersonState[], after: PersonState[]) => {
    const now = new Map(after.map((person) => [person.id, person.managerId]));
    if (before.every((person) => now.has(person.id) && now.get(person.id) === person.managerId)) return [];
    const afterMap = await history.supervisors(tx);
    const beforeMap = new Map(afterMap);
    for (const person of after) beforeMap.delete(person.id);
    for (const person of before) beforeMap.set(person.id, person.managerId);
    return chainChanges(beforeMap, afterMap);
  };

  /** History rows for the file, each with the supervisor it brings, and overrides for staff left behind. */
  const planRows = async (tx: Db, rows: ImportRow[], everyone: PersonState[]) => {
    const stored = await history.allLines(tx);
    const plan = planLines({
      people: everyone,
      records: stored.records,
      overrides: stored.overrides,
      rows,
      levelOrder: levels.map((level) => level.id),
    });
    const planned: Array<Omit<NewLevelRow, 'importId'>> = plan.rows.map((row) => ({
      personId: row.personId,
      ...appointmentOf(row),
      supervisorId: row.supervisorId,
      replacedManagerId: row.replacedManagerId,
    }));
    return { planned, overrides: plan.overrides, departmentsWithoutHead: plan.departmentsWithoutHead };
  };

  /** Who the plan changes and how (import-diff.ts), capped for the answer. */
  const changesOf = (
    plan: Awaited<ReturnType<typeof planRows>>,
    everyone: PersonState[],
    stored: LevelRow[],
    today: string,
  ) => {
    const changes = describeImportChanges({
      people: everyone,
      stored,
      planned: plan.planned,
      overrides: plan.overrides,
      today,
    });
    return { changes: changes.slice(0, IMPORT_CHANGES_MAX), changesTotal: changes.length };
  };

  const sameRecord = (a: Omit<NewLevelRow, 'importId'>, b: LevelRow) =>
    a.levelId === b.levelId &&
    a.employmentType === b.employmentType &&
    (a.department ?? null) === b.department &&
    (a.division ?? null) === b.division &&
    (a.hireDate ?? null) === b.hireDate &&
    (a.supervisorId ?? null) === b.supervisorId &&
    (a.replacedManagerId ?? null) === b.replacedManagerId;

  const syncStatus = async (actor: Actor): Promise<SyncStatus> => {
    requireHr(actor);
    const [last, request] = await Promise.all([history.lastSync(db), history.lastRequest(db)]);
    const pending =
      !!request && (!last || !last.startedAt || last.startedAt.getTime() < request.requestedAt.getTime());
    return {
      lastSync: last
        ? {
            startedAt: last.startedAt?.toISOString() ?? null,
            completedAt: last.completedAt.toISOString(),
            people: last.people,
            added: last.added,
            changed: last.changed,
            supervisorsChanged: last.supervisorsChanged,
            interviewsReassigned: last.interviewsReassigned,
          }
        : null,
      requestedAt: request?.requestedAt.toISOString() ?? null,
      pending,
    };
  };

  return {
    /**
     * Reads the directory's changes (users delta) page by page into PostgreSQL, resuming a round an
     * earlier run left unfinished, then applies the round and re-applies HR's records in one transaction.
     * `busy` when another instance holds the sync's lease.
     */
    async syncFromDirectory(): Promise<SyncRun | { status: 'busy' }> {
      const reader = {
        db,
        directory: deps.directory,
        logger,
        now: deps.now,
        owner: `${instanceId}:${randomUUID()}`,
        leaseMs: deps.sync?.leaseMs ?? 5 * 60_000,
        progressEveryPages: deps.sync?.progressEveryPages ?? 50,
        progressEveryMs: deps.sync?.progressEveryMs ?? 30_000,
      };
      let read: Awaited<ReturnType<typeof readDirectoryRound>>;
      try {
        read = await readDirectoryRound(reader, async () => {
          // Incremental from where the last run stopped; a full read the first time, or when someone HR
          // let back in is not listed by a delta.
          const mustReadAll = await directoryExclusionStore.hasLiftedAbsent(db);
          const previous = await history.lastSync(db);
          return { link: mustReadAll ? null : (previous?.deltaLink ?? null), mustReadAll };
        });
      } catch (error) {
        // The pages staged so far stay: the next run (any instance) resumes after the last one.
        await syncStore.releaseLease(db, reader.owner);
        throw error;
      }
      if (read.status === 'busy') {
        logger.info('directory sync skipped: another instance is running it');
        return read;
      }
      try {
        await resolveUnknownManagers();
        const { diff, reassigned } = await changeLines(
          (tx) => applyStaged(tx, read.mode === 'full'),
          async (tx, changed, moved) => {
            await syncStore.finishRound(tx, reader.owner, deps.now());
            await history.recordSync(tx, {
              people: await createPeopleStore(tx, deps.now).count(),
              added: changed.added,
              changed: changed.changed,
              supervisorsChanged: changed.supervisorsChanged,
              interviewsReassigned: moved,
              startedAt: read.startedAt,
              completedAt: deps.now(),
              deltaLink: read.deltaLink,
              full: read.mode === 'full',
            });
          },
          // A full round touches everyone; a delta round only the people it staged.
          read.mode === 'full' ? undefined : STAGED_PEOPLE,
        );
        const run: SyncRun = {
          status: 'synced',
          full: read.mode === 'full',
          people: await createPeopleStore(db, deps.now).count(),
          added: diff.added,
          changed: diff.changed,
          supervisorsChanged: diff.supervisorsChanged,
          interviewsReassigned: reassigned,
          pages: read.pages,
          pagesThisRun: read.pagesThisRun,
          read: read.entries,
          resumedAtPage: read.resumedAtPage,
          restartedFull: read.restartedFull,
          readMs: read.readMs,
          elapsedMs: deps.now().getTime() - read.startedAt.getTime(),
        };
        logger.info(run, 'directory sync finished');
        return run;
      } catch (error) {
        await syncStore.releaseLease(db, reader.owner);
        throw error;
      }
    },

    /** Records whose date has come take effect (hourly job; also after every sync and import). */
    async applyEffectiveToday(): Promise<{ peopleChanged: number; interviewsReassigned: number }> {
      const { diff, reassigned } = await changeLines(async () => undefined);
      return { peopleChanged: diff.peopleChanged, interviewsReassigned: reassigned };
    },

    async requestSync(actor: Actor): Promise<SyncStatus> {
      requireHr(actor);
      await history.requestSync(db, actor.id, deps.now());
      await deps.queueSync();
      return syncStatus(actor);
    },

    syncStatus,

    /**
     * HR's file: every row is checked first; one bad row refuses the whole file (422 listing each
     * problem by line). A good file is applied in one transaction with its audit entry.
     */
    async importFile(actor: Actor, input: ImportRequest): Promise<ImportSummary> {
      requireHr(actor);
      const bytes = Buffer.from(input.contentBase64, 'base64');
      if (bytes.length > MAX_IMPORT_BYTES)
        throw new AppError('payload_too_large', PROBLEM_TEXT.file_too_large, [
          toDetail({ line: 0, column: null, code: 'file_too_large', value: String(bytes.length) }),
        ]);
      const decoded = decodeCsvBytes(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length));
      if (!decoded) refuse([{ line: 1, column: null, code: 'unreadable_encoding' }]);
      // A NUL is valid UTF-8 and Shift_JIS, but PostgreSQL cannot store it (the file is outside text).
      if (!isStorableText(decoded.text)) {
        const lines = decoded.text.split(/\r\n|\r|\n/);
        refuse([
          {
            line: lines.findIndex((line) => !isStorableText(line)) + 1,
            column: null,
            code: 'unstorable_character',
          },
        ]);
      }
      const parsed = parseCsv(decoded.text);
      if (!parsed.ok) refuse([{ line: parsed.line, column: null, code: parsed.problem }]);
      const today = jstDayOf(deps.now().getTime());
      const everyone = await history.everyone(db);
      const checked = validateImport(parsed.records, { levels, people: everyone, today });
      if (!checked.ok) refuse(checked.problems);

      const rows = checked.rows;
      const personIds = [...new Set(rows.map((row) => row.personId))];
      const existing = await history.historyOf(db, personIds);
      const existingByKey = new Map(existing.map((row) => [`${row.personId}|${row.effectiveFrom}`, row]));
      const count = (planned: ReadonlyArray<Omit<NewLevelRow, 'importId'>>) => {
        let added = 0;
        let updated = 0;
        let unchanged = 0;
        for (const row of planned) {
          const old = existingByKey.get(`${row.personId}|${row.effectiveFrom}`);
          if (!old) added += 1;
          else if (sameRecord(row, old)) unchanged += 1;
          else updated += 1;
        }
        return { added, updated, unchanged };
      };
      const summaryBase = {
        dryRun: input.dryRun,
        fileName: input.fileName ?? null,
        encoding: decoded.encoding,
        rows: rows.length,
        effectiveNow: rows.filter((row) => row.effectiveFrom <= today).length,
        scheduled: rows.filter((row) => row.effectiveFrom > today).length,
      };

      if (input.dryRun) {
        const plan = await planRows(db, rows, everyone);
        return {
          ...summaryBase,
          ...count(plan.planned),
          importId: null,
          peopleChanged: 0,
          supervisorsChanged: 0,
          interviewsReassigned: 0,
          departmentsWithoutHead: plan.departmentsWithoutHead,
          ...changesOf(plan, everyone, existing, today),
        };
      }

      const { result, diff, reassigned } = await changeLines(async (tx) => {
        // Read again inside the transaction: the plan must match what is stored when it is written.
        const current = await history.everyone(tx);
        const plan = await planRows(tx, rows, current);
        const { planned, overrides, departmentsWithoutHead } = plan;
        const described = changesOf(plan, current, await history.historyOf(tx, personIds), today);
        const counted = count(planned);
        const importId = await history.insertImport(tx, {
          importedBy: actor.id,
          fileName: input.fileName ?? null,
          encoding: decoded.encoding,
          rows: rows.length,
          summary: counted,
        });
        await history.upsertLevels(
          tx,
          planned.map((row) => ({ ...row, importId })),
        );
        await history.upsertOverrides(
          tx,
          overrides.map((override) => ({ ...override, importId })),
        );
        await createAuditLog(tx).record({
          actorId: actor.id,
          subjectId: null,
          action: 'write',
          resource: 'people.import',
          details: {
            importId,
            fileName: input.fileName ?? null,
            encoding: decoded.encoding,
            rows: rows.length,
            people: personIds.length,
            ...counted,
          },
        });
        return { importId, counted, departmentsWithoutHead, described };
      });
      return {
        ...summaryBase,
        ...result.counted,
        importId: result.importId,
        peopleChanged: diff.peopleChanged,
        supervisorsChanged: diff.supervisorsChanged,
        interviewsReassigned: reassigned,
        departmentsWithoutHead: result.departmentsWithoutHead,
        ...result.described,
      };
    },

    /**
     * Where HR's 課 or 部 in force and the directory's disagree (HR's wins until HR imports again), so HR
     * can tell IT or correct its file. Audited: a list of people's placements is personnel data.
     */
    async departmentDisagreements(actor: Actor): Promise<DepartmentDisagreements> {
      requireHr(actor);
      const rows = await history.departmentDisagreements(db, jstDayOf(deps.now().getTime()));
      await createAuditLog(db).record({
        actorId: actor.id,
        subjectId: null,
        action: 'read',
        resource: 'people.disagreements',
        details: { people: rows.length },
      });
      return { people: rows };
    },

    /**
     * Lets someone HR erased back in: the next directory sync (queued now) brings them back as a new,
     * empty record. 404 when nobody with that id is excluded.
     */
    async liftExclusion(actor: Actor, personId: string): Promise<ExclusionLifted> {
      requireHr(actor);
      const at = deps.now();
      await db.transaction(async (tx) => {
        if (!(await directoryExclusionStore.lift(tx, personId, actor.id, at)))
          throw new AppError('not_found', 'Nobody with that id is kept out of the directory copy.');
        await createAuditLog(tx).record({
          actorId: actor.id,
          subjectId: personId,
          action: 'write',
          resource: 'people.exclusion',
          details: { change: 'lift' },
        });
      });
      await deps.queueSync();
      return { personId, liftedAt: at.toISOString() };
    },

    /**
     * One page of the staff list as in force today, filtered, with 職員数 by the one definition. Audited
     * like every HR view of personnel data: one `read` entry per page, with the filters (no names).
     */
    async staffList(actor: Actor, query: StaffListQuery): Promise<StaffList> {
      requireHr(actor);
      const list = await listStaff(db, {
        today: jstDayOf(deps.now().getTime()),
        levelOrder: levels.map((level) => level.id),
        query,
      });
      await createAuditLog(db).record({
        actorId: actor.id,
        subjectId: null,
        action: 'read',
        resource: 'people.list',
        details: {
          ...(query.q ? { search: query.q } : {}),
          ...(query.department ? { department: query.department } : {}),
          ...(query.levelId ? { levelId: query.levelId } : {}),
          ...(query.employmentType ? { employmentType: query.employmentType } : {}),
          page: query.page,
          people: list.people.length,
        },
      });
      return list;
    },

    /** A person's records, newest first, and where today's level comes from (audited: HR reads personnel data). */
    async levelHistory(actor: Actor, personId: string): Promise<LevelHistory> {
      requireHr(actor);
      // As in force now (not the hourly copy): HR sees a 4/1 発令 from 0:00 on 4/1.
      const store = createPeopleStore(db, deps.now);
      const person = await store.get(personId);
      if (!person) throw new AppError('not_found', 'No such person in the directory.');
      const manager = person.managerId ? await store.get(person.managerId) : undefined;
      const rows = await history.historyWithImports(db, personId);
      const overrides = (await history.overridesOf(db, [personId])).sort((a, b) =>
        b.effectiveFrom.localeCompare(a.effectiveFrom),
      );
      const supervisorIds = [
        ...rows.map(({ row }) => row.supervisorId),
        ...overrides.map((override) => override.supervisorId),
      ].filter((id): id is string => id !== null);
      const names = new Map(
        (await store.getMany([...new Set(supervisorIds)])).map((row) => [row.id, row.displayName]),
      );
      const nameOf = (id: string | null) => (id ? (names.get(id) ?? null) : null);
      const today = jstDayOf(deps.now().getTime());
      const current = rows.find(({ row }) => row.effectiveFrom <= today);
      await createAuditLog(db).record({
        actorId: actor.id,
        subjectId: personId,
        action: 'read',
        resource: 'people.levels',
      });
      return {
        person: {
          id: person.id,
          displayName: person.displayName,
          employeeId: person.employeeId,
          department: person.department,
          division: person.division,
          jobTitle: person.jobTitle,
          levelId: person.levelId,
          employmentType: person.employmentType,
          hireDate: person.hireDate,
          managerId: person.managerId,
          managerName: manager?.displayName ?? null,
        },
        levelSource: current ? 'import' : 'jobTitle',
        records: rows.map(({ row, importedAt }) => ({
          ...appointmentOf(row),
          importId: row.importId,
          importedAt: importedAt.toISOString(),
          current: row === current?.row,
          scheduled: row.effectiveFrom > today,
          supervisorId: row.supervisorId,
          supervisorName: nameOf(row.supervisorId),
        })),
        supervisorChanges: overrides.map((override) => ({
          effectiveFrom: override.effectiveFrom,
          supervisorId: override.supervisorId,
          supervisorName: nameOf(override.supervisorId),
          scheduled: override.effectiveFrom > today,
        })),
      };
    },
  };
}

export type PeopleAdminService = ReturnType<typeof createPeopleAdminService>;
