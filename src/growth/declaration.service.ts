import { and, eq } from 'drizzle-orm';
import type { AccessPolicy, Actor } from '../auth/access.ts';
import { auditOf, type AuditLog } from '../auth/audit.ts';
import type { Db } from '../db/database.ts';
import { firstRow } from '../db/rows.ts';
import { AppError, versionConflict } from '../http/app-error.ts';
import type { PeopleStore } from '../people/people.store.ts';
import { knownPerson } from '../people/known-person.ts';
import type {
  DeclarationDraftInput,
  DeclarationResponse,
  DeclarationSubmitInput,
  DeclarationWindow,
  OpenWindowInput,
} from './declaration.contract.ts';
import { declarations } from './declaration.schema.ts';
import { FIRST_FISCAL_YEAR, halfPeriodAt } from '../shared/fiscal-period.ts';

type Row = typeof declarations.$inferSelect;

/** The form an owner's write works on: whose and which year, the open window, the row if saved before. */
interface OwnerForm {
  actor: Actor;
  personId: string;
  fiscalYear: number;
  window: DeclarationWindow;
  existing: Row | undefined;
}

/**
 * The year's 自己申告 window. Since issue 9 it is one of the fiscal-year cycle windows (src/cycles), the
 * one source of truth; these routes keep their shape over it.
 */
export interface DeclarationWindowSource {
  find(fiscalYear: number): Promise<DeclarationWindow | undefined>;
  list(): Promise<DeclarationWindow[]>;
  /** HR only (checks it); creates, opens or reopens the year's window until `closesOn`; audited. */
  open(actor: Actor, fiscalYear: number, closesOn: string): Promise<DeclarationWindow>;
  /** HR only (checks it); audited. */
  close(actor: Actor, fiscalYear: number): Promise<DeclarationWindow>;
}

export function createDeclarationService(deps: {
  db: Db;
  people: PeopleStore;
  access: AccessPolicy;
  audit: AuditLog;
  windows: DeclarationWindowSource;
  now: () => Date;
}) {
  const { db } = deps;
  const audited = auditOf(deps.audit, 'declaration');

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

  const findWindow = (fiscalYear: number) => deps.windows.find(fiscalYear);

  const find = (personId: string, fiscalYear: number): Promise<Row | undefined> =>
    firstRow(
      db
        .select()
        .from(declarations)
        .where(and(eq(declarations.personId, personId), eq(declarations.fiscalYear, fiscalYear))),
    );

  const requirePerson = (personId: string) => knownPerson(deps.people, personId);

  /**
   * 自己申告 is written by staff subject to transfer (policy 7(3)③): regular staff. 会計年度任用職員 are
   * appointed for a fiscal year to a post, so it does not apply to them (src/cycles never asks them either).
   */
  const requireApplies = async (personId: string) => {
    const person = await requirePerson(personId);
    if (person.employmentType === 'fiscalYear')
      throw new AppError(
        'forbidden',
        '自己申告 is for regular staff (常勤職員), who are subject to transfer; it does not apply to 会計年度任用職員.',
      );
  };

  const toResponse = (
    personId: string,
    fiscalYear: number,
    row: Row | undefined,
    window: DeclarationWindow | undefined,
    isOwner: boolean,
  ): DeclarationResponse => ({
    personId,
    fiscalYear,
    status: row?.status ?? 'new',
    editable: isOwner && row?.status !== 'submitted' && window?.isOpen === true,
    revisable: isOwner && row?.status === 'submitted' && window?.isOpen === true,
    window: window ?? null,
    version: row?.version ?? 0,
    placement: row?.placement ?? null,
    transferWishes: row?.transferWishes ?? [],
    circumstances: row?.circumstances ?? '',
    comment: row?.comment ?? '',
    reflection: row?.reflection ?? '',
    submittedAt: row?.submittedAt?.toISOString() ?? null,
    revisedAt: row?.revisedAt?.toISOString() ?? null,
    revisions: row?.revisions ?? 0,
  });

  const conflict = (current: number) =>
    versionConflict(
      `Your 自己申告 was saved elsewhere in the meantime (now version ${current}). Reload to see it; your text is still in the form.`,
      current,
    );

  /**
   * A write by the owner (save, submit, revise), only while the year's window is open: `write` is given
   * the window and the form as it stands (undefined before the first save).
   */
  const ownerWrite =
    <Input>(write: (form: OwnerForm, input: Input) => Promise<DeclarationResponse>) =>
    async (
      actor: Actor,
      personId: string,
      fiscalYear: number,
      input: Input,
    ): Promise<DeclarationResponse> => {
      checkYear(fiscalYear, 'not_found');
      await deps.access.require(actor, personId, ['self']);
      await requireApplies(personId);
      const window = await findWindow(fiscalYear);
      if (!window?.isOpen)
        throw new AppError(
          'conflict',
          `The 自己申告 window for fiscal year ${fiscalYear} is not open, so the form is read-only.`,
        );
      return write(
        { actor, personId, fiscalYear, window, existing: await find(personId, fiscalYear) },
        input,
      );
    };

  const submittedError = () =>
    new AppError('conflict', 'This 自己申告 is submitted and can no longer be changed.');

  const checkWishes = (input: DeclarationDraftInput) => {
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
  };

  /** What the form holds: an absent placement is one not answered, an absent reflection a blank one. */
  const contentOf = ({ version: _version, placement, reflection, ...rest }: DeclarationDraftInput) => ({
    ...rest,
    placement: placement ?? null,
    reflection: reflection ?? '',
  });

  /** Updates a draft only if nobody changed it since `expected` and it is still a draft. */
  const versionedUpdate = async (
    existing: Row,
    expected: number,
    changes: Partial<typeof declarations.$inferInsert>,
    status: Row['status'] = 'draft',
  ): Promise<Row> => {
    const updated = await db
      .update(declarations)
      .set({ ...changes, version: existing.version + 1, updatedAt: deps.now() })
      .where(
        and(
          eq(declarations.id, existing.id),
          eq(declarations.version, expected),
          eq(declarations.status, status),
        ),
      )
      .returning();
    if (updated[0]) return updated[0];
    const now = await find(existing.personId, existing.fiscalYear);
    if (status === 'draft' && now?.status === 'submitted') throw submittedError();
    throw conflict(now?.version ?? existing.version);
  };

  return {
    async listWindows(): Promise<DeclarationWindow[]> {
      return deps.windows.list();
    },

    async openWindow(actor: Actor, input: OpenWindowInput): Promise<DeclarationWindow> {
      if (!actor.isHr) throw new AppError('forbidden', 'Only HR (職員課) opens and closes 自己申告 windows.');
      checkYear(input.fiscalYear, 'unprocessable');
      return deps.windows.open(actor, input.fiscalYear, input.closesOn);
    },

    async closeWindow(actor: Actor, fiscalYear: number): Promise<DeclarationWindow> {
      if (!actor.isHr) throw new AppError('forbidden', 'Only HR (職員課) opens and closes 自己申告 windows.');
      checkYear(fiscalYear, 'not_found');
      return deps.windows.close(actor, fiscalYear);
    },

    async get(actor: Actor, personId: string, fiscalYear: number): Promise<DeclarationResponse> {
      checkYear(fiscalYear, 'not_found');
      // Confidential to HR: the supervisor chain is deliberately not allowed (policy 7(3)③). HR staff
      // read as HR even where they also supervise the person (職員課's own staff), which the access
      // policy reports as 'supervisor', its stronger relation.
      const relation = await deps.access.relation(actor, personId);
      if (relation !== 'self' && !actor.isHr)
        throw new AppError('forbidden', '自己申告 is confidential: only the person and HR may read it.');
      if (relation === 'self') await requireApplies(personId);
      else await requirePerson(personId);
      const [row, window] = await Promise.all([find(personId, fiscalYear), findWindow(fiscalYear)]);
      await deps.audit.readUnlessSelf(relation, {
        actorId: actor.id,
        subjectId: personId,
        resource: 'declaration',
        details: { fiscalYear },
      });
      return toResponse(personId, fiscalYear, row, window, relation === 'self');
    },

    saveDraft: ownerWrite(
      async ({ personId, fiscalYear, window, existing }, input: DeclarationDraftInput) => {
        checkWishes(input);
        const { version } = input;
        const content = contentOf(input);
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
    ),

    submit: ownerWrite(async ({ personId, fiscalYear, window, existing }, input: DeclarationSubmitInput) => {
      if (!existing) throw new AppError('conflict', 'Save the 自己申告 before submitting it.');
      if (existing.status === 'submitted') throw submittedError();
      const updated = await versionedUpdate(existing, input.version, {
        status: 'submitted',
        submittedAt: deps.now(),
      });
      return toResponse(personId, fiscalYear, updated, window, true);
    }),

    /**
     * Replaces a submitted form while the window is still open. HR reads one 自己申告 per person and year,
     * the latest: the form stays submitted throughout (never a half-edited draft in between), the first
     * submission's time is kept, and each revision is counted, stamped and written to the audit log.
     */
    revise: ownerWrite(
      async ({ actor, personId, fiscalYear, window, existing }, input: DeclarationDraftInput) => {
        checkWishes(input);
        if (existing?.status !== 'submitted')
          throw new AppError(
            'conflict',
            'Only a submitted 自己申告 is revised: save the draft and submit it instead.',
          );
        const updated = await versionedUpdate(
          existing,
          input.version,
          { ...contentOf(input), revisedAt: deps.now(), revisions: existing.revisions + 1 },
          'submitted',
        );
        await audited('write', actor, personId, { fiscalYear, revision: updated.revisions });
        return toResponse(personId, fiscalYear, updated, window, true);
      },
    ),
  };
}

export type DeclarationService = ReturnType<typeof createDeclarationService>;
