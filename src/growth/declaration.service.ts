import { and, desc, eq, isNotNull, isNull, lt, or } from 'drizzle-orm';
import { z } from 'zod';
import type { AccessPolicy, Actor } from '../auth/access.ts';
import type { AuditLog } from '../auth/audit.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../http/app-error.ts';
import type { PeopleStore } from '../people/people.store.ts';
import {
  DECLARATION_SHORT_MAX,
  DECLARATION_TEXT_MAX,
  TRANSFER_WISHES_MAX,
  type DeclarationResponse,
  type DeclarationWindow,
} from './declaration.contract.ts';
import { declarations, declarationWindows } from './declaration.schema.ts';
import { FIRST_FISCAL_YEAR, halfPeriodAt } from './fiscal-period.ts';

type Row = typeof declarations.$inferSelect;
type WindowRow = typeof declarationWindows.$inferSelect;

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** Today's date in Japan (YYYY-MM-DD): windows close at the end of their last day there. */
export function japanDate(instant: Date): string {
  return new Date(instant.getTime() + JST_OFFSET_MS).toISOString().slice(0, 10);
}

const notBlank = (value: string) => value.trim().length > 0;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
  .refine((value) => {
    const parsed = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
  }, 'must be a real date');

export const openWindowInputSchema = z
  .object({ fiscalYear: z.number().int().min(FIRST_FISCAL_YEAR).max(2100), closesOn: isoDate })
  .strict();

export const declarationDraftInputSchema = z
  .object({
    version: z.number().int().min(0),
    transferWishes: z
      .array(
        z
          .object({
            department: z.string().max(DECLARATION_SHORT_MAX).refine(notBlank, 'name the workplace or field'),
            reason: z.string().max(DECLARATION_TEXT_MAX).refine(notBlank, 'give a reason for this wish'),
          })
          .strict(),
      )
      .max(TRANSFER_WISHES_MAX, `at most ${TRANSFER_WISHES_MAX} transfer wishes`),
    circumstances: z.string().max(DECLARATION_TEXT_MAX),
    comment: z.string().max(DECLARATION_TEXT_MAX),
  })
  .strict();

export const declarationSubmitInputSchema = z.object({ version: z.number().int().min(1) }).strict();

export function createDeclarationService(deps: {
  db: Db;
  people: PeopleStore;
  access: AccessPolicy;
  audit: AuditLog;
  now: () => Date;
}) {
  const { db } = deps;

  const currentFiscalYear = () => halfPeriodAt(deps.now()).fiscalYear;

  /** 自己申告 years run from the policy's first year to next year (HR may open that one early). */
  const checkYear = (fiscalYear: number, code: 'not_found' | 'unprocessable') => {
    const last = currentFiscalYear() + 1;
    if (fiscalYear < FIRST_FISCAL_YEAR || fiscalYear > last)
      throw new AppError(
        code,
        `There is no 自己申告 for fiscal year ${fiscalYear}: years run from ${FIRST_FISCAL_YEAR} to ${last}.`,
      );
  };

  const isOpen = (window: WindowRow) => window.closedAt === null && japanDate(deps.now()) <= window.closesOn;

  const windowView = (window: WindowRow): DeclarationWindow => ({
    fiscalYear: window.fiscalYear,
    openedAt: window.openedAt.toISOString(),
    closesOn: window.closesOn,
    closedAt: window.closedAt?.toISOString() ?? null,
    isOpen: isOpen(window),
  });

  const findWindow = async (fiscalYear: number): Promise<WindowRow | undefined> => {
    const rows = await db
      .select()
      .from(declarationWindows)
      .where(eq(declarationWindows.fiscalYear, fiscalYear))
      .limit(1);
    return rows[0];
  };

  const find = async (personId: string, fiscalYear: number): Promise<Row | undefined> => {
    const rows = await db
      .select()
      .from(declarations)
      .where(and(eq(declarations.personId, personId), eq(declarations.fiscalYear, fiscalYear)))
      .limit(1);
    return rows[0];
  };

  const requirePerson = async (personId: string) => {
    if (!(await deps.people.get(personId))) throw new AppError('not_found', 'No such person.');
  };

  const requireHr = (actor: Actor) => {
    if (!actor.isHr) throw new AppError('forbidden', 'Only HR (職員課) opens and closes 自己申告 windows.');
  };

  const toResponse = (
    personId: string,
    fiscalYear: number,
    row: Row | undefined,
    window: WindowRow | undefined,
    isOwner: boolean,
  ): DeclarationResponse => ({
    personId,
    fiscalYear,
    status: row?.status ?? 'new',
    editable: isOwner && row?.status !== 'submitted' && window !== undefined && isOpen(window),
    window: window ? windowView(window) : null,
    version: row?.version ?? 0,
    transferWishes: row?.transferWishes ?? [],
    circumstances: row?.circumstances ?? '',
    comment: row?.comment ?? '',
    submittedAt: row?.submittedAt?.toISOString() ?? null,
  });

  const conflict = (current: number) =>
    new AppError(
      'version_conflict',
      `Your 自己申告 was saved elsewhere in the meantime (now version ${current}). Reload to see it; your text is still in the form.`,
      [{ path: 'body.version', message: `current version is ${current}` }],
    );

  /** The owner writing while the year's window is open: the common gate of saving and submitting. */
  const ownerGate = async (actor: Actor, personId: string, fiscalYear: number): Promise<WindowRow> => {
    checkYear(fiscalYear, 'not_found');
    await deps.access.require(actor, personId, ['self']);
    const window = await findWindow(fiscalYear);
    if (!window || !isOpen(window))
      throw new AppError(
        'conflict',
        `The 自己申告 window for fiscal year ${fiscalYear} is not open, so the form is read-only.`,
      );
    return window;
  };

  const submittedError = () =>
    new AppError('conflict', 'This 自己申告 is submitted and can no longer be changed.');

  /** Updates a draft only if nobody changed it since `expected` and it is still a draft. */
  const versionedUpdate = async (
    existing: Row,
    expected: number,
    changes: Partial<typeof declarations.$inferInsert>,
  ): Promise<Row> => {
    const updated = await db
      .update(declarations)
      .set({ ...changes, version: existing.version + 1, updatedAt: new Date() })
      .where(
        and(
          eq(declarations.id, existing.id),
          eq(declarations.version, expected),
          eq(declarations.status, 'draft'),
        ),
      )
      .returning();
    if (updated[0]) return updated[0];
    const now = await find(existing.personId, existing.fiscalYear);
    if (now?.status === 'submitted') throw submittedError();
    throw conflict(now?.version ?? existing.version);
  };

  return {
    async listWindows(): Promise<DeclarationWindow[]> {
      const rows = await db.select().from(declarationWindows).orderBy(desc(declarationWindows.fiscalYear));
      return rows.map(windowView);
    },

    async openWindow(actor: Actor, input: z.infer<typeof openWindowInputSchema>): Promise<DeclarationWindow> {
      requireHr(actor);
      checkYear(input.fiscalYear, 'unprocessable');
      const today = japanDate(deps.now());
      const yearEnd = `${input.fiscalYear + 1}-03-31`;
      if (input.closesOn < today || input.closesOn > yearEnd)
        throw new AppError('unprocessable', `The last day must be between today (${today}) and ${yearEnd}.`, [
          { path: 'body.closesOn', message: `must be from ${today} to ${yearEnd}` },
        ]);
      const values = {
        openedAt: new Date(),
        openedBy: actor.id,
        closesOn: input.closesOn,
        closedAt: null,
        closedBy: null,
      };
      // Reopen a closed window (closed by HR or past its last day) in one statement, so two HR staff
      // opening at once cannot both succeed.
      const reopened = await db
        .update(declarationWindows)
        .set(values)
        .where(
          and(
            eq(declarationWindows.fiscalYear, input.fiscalYear),
            or(isNotNull(declarationWindows.closedAt), lt(declarationWindows.closesOn, today)),
          ),
        )
        .returning();
      const row =
        reopened[0] ??
        (
          await db
            .insert(declarationWindows)
            .values({ fiscalYear: input.fiscalYear, ...values })
            .onConflictDoNothing()
            .returning()
        )[0];
      if (!row)
        throw new AppError(
          'conflict',
          `The 自己申告 window for fiscal year ${input.fiscalYear} is already open.`,
        );
      await deps.audit.record({
        actorId: actor.id,
        subjectId: null,
        action: 'write',
        resource: 'declaration-window',
        details: { fiscalYear: input.fiscalYear, opened: true, closesOn: input.closesOn },
      });
      return windowView(row);
    },

    async closeWindow(actor: Actor, fiscalYear: number): Promise<DeclarationWindow> {
      requireHr(actor);
      checkYear(fiscalYear, 'not_found');
      const closed = await db
        .update(declarationWindows)
        .set({ closedAt: new Date(), closedBy: actor.id })
        .where(and(eq(declarationWindows.fiscalYear, fiscalYear), isNull(declarationWindows.closedAt)))
        .returning();
      if (!closed[0]) {
        if (!(await findWindow(fiscalYear)))
          throw new AppError('not_found', `No 自己申告 window was opened for fiscal year ${fiscalYear}.`);
        throw new AppError(
          'conflict',
          `The 自己申告 window for fiscal year ${fiscalYear} is already closed.`,
        );
      }
      await deps.audit.record({
        actorId: actor.id,
        subjectId: null,
        action: 'write',
        resource: 'declaration-window',
        details: { fiscalYear, closed: true },
      });
      return windowView(closed[0]);
    },

    async get(actor: Actor, personId: string, fiscalYear: number): Promise<DeclarationResponse> {
      checkYear(fiscalYear, 'not_found');
      // Confidential to HR: the supervisor chain is deliberately not allowed (policy 7(3)③). HR staff
      // read as HR even where they also supervise the person (職員課's own staff), which the access
      // policy reports as 'supervisor', its stronger relation.
      const relation = await deps.access.relation(actor, personId);
      if (relation !== 'self' && !actor.isHr)
        throw new AppError('forbidden', '自己申告 is confidential: only the person and HR may read it.');
      await requirePerson(personId);
      const [row, window] = await Promise.all([find(personId, fiscalYear), findWindow(fiscalYear)]);
      if (relation !== 'self')
        await deps.audit.record({
          actorId: actor.id,
          subjectId: personId,
          action: 'read',
          resource: 'declaration',
          details: { fiscalYear },
        });
      return toResponse(personId, fiscalYear, row, window, relation === 'self');
    },

    async saveDraft(
      actor: Actor,
      personId: string,
      fiscalYear: number,
      input: z.infer<typeof declarationDraftInputSchema>,
    ): Promise<DeclarationResponse> {
      const window = await ownerGate(actor, personId, fiscalYear);
      const duplicates = input.transferWishes
        .map((wish, index) => ({ index, key: wish.department.trim() }))
        .filter(({ key }, index, all) => all.findIndex((other) => other.key === key) !== index);
      if (duplicates.length > 0)
        throw new AppError(
          'validation_failed',
          'Each transfer wish names a different workplace.',
          duplicates.map(({ index }) => ({
            path: `body.transferWishes.${index}.department`,
            message: 'already wished for above',
          })),
        );
      await requirePerson(personId);
      const { version, ...content } = input;
      const existing = await find(personId, fiscalYear);
      if (existing?.status === 'submitted') throw submittedError();
      if (!existing) {
        if (version !== 0) throw conflict(0);
        const inserted = await db
          .insert(declarations)
          .values({ personId, fiscalYear, ...content })
          .onConflictDoNothing()
          .returning();
        // Two first saves raced: the other one won.
        if (!inserted[0]) throw conflict((await find(personId, fiscalYear))?.version ?? 1);
        return toResponse(personId, fiscalYear, inserted[0], window, true);
      }
      return toResponse(
        personId,
        fiscalYear,
        await versionedUpdate(existing, version, content),
        window,
        true,
      );
    },

    async submit(
      actor: Actor,
      personId: string,
      fiscalYear: number,
      input: z.infer<typeof declarationSubmitInputSchema>,
    ): Promise<DeclarationResponse> {
      const window = await ownerGate(actor, personId, fiscalYear);
      const existing = await find(personId, fiscalYear);
      if (!existing) throw new AppError('conflict', 'Save the 自己申告 before submitting it.');
      if (existing.status === 'submitted') throw submittedError();
      const updated = await versionedUpdate(existing, input.version, {
        status: 'submitted',
        submittedAt: new Date(),
      });
      return toResponse(personId, fiscalYear, updated, window, true);
    },
  };
}

export type DeclarationService = ReturnType<typeof createDeclarationService>;
