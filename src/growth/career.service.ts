import { and, eq } from 'drizzle-orm';
import type { AccessPolicy, Actor } from '../auth/access.ts';
import type { AuditLog } from '../auth/audit.ts';
import type { Db } from '../db/database.ts';
import { AppError, type ErrorDetail, versionConflict } from '../http/app-error.ts';
import { postingRecordsOf } from '../people/people.read.ts';
import type { PeopleStore } from '../people/people.store.ts';
import { knownPerson } from '../people/known-person.ts';
import { jstDayOf } from '../shared/japan-time.ts';
import {
  CAREER_LIST_MAX,
  countsBeforeRecords,
  type CareerDesignInput,
  type CareerDesignResponse,
  type Qualification,
  type RotationEntry,
} from './career.contract.ts';
import { careerDesigns } from './career.schema.ts';
import { firstRecordMonth, postingsFromRecords, type PostingRecord } from './rotation.ts';

type Row = typeof careerDesigns.$inferSelect;

/** Oldest posting first; of two starting the same month, the one that ended first, the current one last. */
function byStart(a: RotationEntry, b: RotationEntry): number {
  if (a.from !== b.from) return a.from < b.from ? -1 : 1;
  if (a.to === b.to) return 0;
  if (a.to === null) return 1;
  if (b.to === null) return -1;
  return a.to < b.to ? -1 : 1;
}

/** The same calendar day `years` later; 29 February falls back to the 28th in a common year. */
export function addYears(isoDate: string, years: number): string {
  const [year, monthOfYear, day] = isoDate.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year + years, monthOfYear - 1, day));
  if (target.getUTCMonth() !== monthOfYear - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

/** What a JSON body cannot say through its types: the order of months and one current posting. */
function checkRotation(rotation: RotationEntry[]): void {
  const details: ErrorDetail[] = [];
  rotation.forEach((entry, index) => {
    if (entry.to !== null && entry.to < entry.from)
      details.push({ path: `body.rotation.${index}.to`, message: 'must not be before from' });
  });
  const current = rotation.filter((entry) => entry.to === null);
  if (current.length > 1)
    details.push({
      path: 'body.rotation',
      message: `only one posting can be the current one (to: null); found ${current.length}`,
    });
  if (details.length > 0)
    throw new AppError('validation_failed', 'The rotation history does not add up.', details);
}

export function createCareerService(deps: {
  db: Db;
  people: PeopleStore;
  access: AccessPolicy;
  audit: AuditLog;
  /** The 能力・適性等評価期間 in years from the hire date (config EVALUATION_PERIOD_YEARS). */
  evaluationPeriodYears: number;
  now: () => Date;
}) {
  const { db } = deps;

  const find = async (personId: string, executor: Db = db): Promise<Row | undefined> => {
    const rows = await executor
      .select()
      .from(careerDesigns)
      .where(eq(careerDesigns.personId, personId))
      .limit(1);
    return rows[0];
  };

  const hireDateOf = async (personId: string): Promise<string | null> => {
    return (await knownPerson(deps.people, personId)).hireDate;
  };

  const toResponse = (
    personId: string,
    row: Row | undefined,
    hireDate: string | null,
    editable: boolean,
    records: PostingRecord[],
  ): CareerDesignResponse => {
    const evaluationPeriodEnd = hireDate ? addYears(hireDate, deps.evaluationPeriodYears) : null;
    // Inside when the posting's first month begins before the period ends (so a posting from the
    // month a mid-month period ends still counts; one from the month after does not).
    const inEvaluationPeriod = (from: string) =>
      evaluationPeriodEnd !== null && `${from}-01` < evaluationPeriodEnd;
    const firstMonth = firstRecordMonth(records);
    return {
      personId,
      editable,
      hireDate,
      evaluationPeriodEnd,
      version: row?.version ?? 0,
      visionMidTerm: row?.visionMidTerm ?? '',
      visionLongTerm: row?.visionLongTerm ?? '',
      path: row?.path ?? 'undecided',
      pathField: row?.pathField ?? '',
      interests: row?.interests ?? [],
      qualificationsHeld: row?.qualificationsHeld ?? [],
      qualificationsPlanned: row?.qualificationsPlanned ?? [],
      trainingsWanted: row?.trainingsWanted ?? [],
      rotation: [...(row?.rotation ?? [])].sort(byStart).map((entry) => ({
        ...entry,
        inEvaluationPeriod: inEvaluationPeriod(entry.from),
        superseded: !countsBeforeRecords(entry, firstMonth),
      })),
      rotationFromRecords: postingsFromRecords(records).map((posting) => ({
        ...posting,
        inEvaluationPeriod: inEvaluationPeriod(posting.from),
      })),
      updatedAt: row?.updatedAt.toISOString() ?? null,
    };
  };

  /** HR's 発令 records up to today (Japan date, the injected clock). */
  const recordsOf = (personId: string) => postingRecordsOf(db, personId, jstDayOf(deps.now().getTime()));

  const conflict = (current: number) =>
    versionConflict(
      `Your career design was saved elsewhere in the meantime (now version ${current}). Reload to see it; your text is still in the form.`,
      current,
    );

  return {
    async get(actor: Actor, personId: string): Promise<CareerDesignResponse> {
      const relation = await deps.access.require(actor, personId, ['self', 'supervisor', 'hr']);
      const hireDate = await hireDateOf(personId);
      const row = await find(personId);
      await deps.audit.readUnlessSelf(relation, {
        actorId: actor.id,
        subjectId: personId,
        resource: 'career',
      });
      return toResponse(personId, row, hireDate, relation === 'self', await recordsOf(personId));
    },

    async save(actor: Actor, personId: string, input: CareerDesignInput): Promise<CareerDesignResponse> {
      await deps.access.require(actor, personId, ['self']);
      checkRotation(input.rotation);
      const hireDate = await hireDateOf(personId);
      const { version, ...content } = input;
      const changes = { ...content, rotation: [...content.rotation].sort(byStart) };
      const existing = await find(personId);
      if (!existing) {
        if (version !== 0) throw conflict(0);
        const inserted = await db
          .insert(careerDesigns)
          .values({ personId, ...changes })
          .onConflictDoNothing()
          .returning();
        // Two first saves raced (two devices): the other one won.
        if (!inserted[0]) throw conflict((await find(personId))?.version ?? 1);
        return toResponse(personId, inserted[0], hireDate, true, await recordsOf(personId));
      }
      const updated = await db
        .update(careerDesigns)
        .set({ ...changes, version: existing.version + 1, updatedAt: deps.now() })
        .where(and(eq(careerDesigns.personId, personId), eq(careerDesigns.version, version)))
        .returning();
      if (!updated[0]) throw conflict((await find(personId))?.version ?? existing.version);
      return toResponse(personId, updated[0], hireDate, true, await recordsOf(personId));
    },

    /**
     * Adds a qualification the person obtained to their qualifications held (a 資格取得 application's pass,
     * src/qualifications/), as a new version of their career design, inside the caller's transaction `tx`:
     * the same name held already takes the new month, and a planned one of that name is no longer planned.
     * The row is locked, so an edit of the person's at the same moment either comes first (and this adds
     * to it) or finds a newer version (409 to them). A full list (CAREER_LIST_MAX) is a 409: nothing changes.
     */
    async addQualificationHeld(tx: Db, personId: string, qualification: Qualification): Promise<void> {
      const [existing] = await tx
        .select()
        .from(careerDesigns)
        .where(eq(careerDesigns.personId, personId))
        .for('update');
      const otherName = (entry: Qualification) => entry.name.trim() !== qualification.name.trim();
      const held = [...(existing?.qualificationsHeld ?? []).filter(otherName), qualification];
      if (held.length > CAREER_LIST_MAX)
        throw new AppError(
          'conflict',
          `Your career design already lists ${CAREER_LIST_MAX} qualifications held: remove one there first, then record the result again.`,
        );
      const planned = (existing?.qualificationsPlanned ?? []).filter(otherName);
      if (!existing) {
        const inserted = await tx
          .insert(careerDesigns)
          .values({ personId, qualificationsHeld: held, updatedAt: deps.now() })
          .onConflictDoNothing()
          .returning({ personId: careerDesigns.personId });
        // The person's first save came in between: add to what they saved.
        if (!inserted[0]) await this.addQualificationHeld(tx, personId, qualification);
        return;
      }
      await tx
        .update(careerDesigns)
        .set({
          qualificationsHeld: held,
          qualificationsPlanned: planned,
          version: existing.version + 1,
          updatedAt: deps.now(),
        })
        .where(eq(careerDesigns.personId, personId));
    },
  };
}

export type CareerService = ReturnType<typeof createCareerService>;
