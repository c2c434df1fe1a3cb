import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../auth/access.ts';
import { auditOf, type AuditLog } from '../auth/audit.ts';
import type { Db } from '../db/database.ts';
import { AppError, versionConflict } from '../http/app-error.ts';
import { fiscalYearBounds } from '../shared/fiscal-period.ts';
import { COURSE_CATEGORIES } from '../training/training.contract.ts';
import { seatCostsByCategory } from '../training/training.read.ts';
import { COMMITTED_STATUSES, type BudgetInput, type TrainingBudgetView } from './qualification.contract.ts';
import { qualificationApplications, trainingBudgets } from './qualification.schema.ts';

/**
 * HR's training budget of a fiscal year (予算調整, policy 7(2)③) against what is committed: the cost of the
 * courses' seated attendees of sessions starting in the year (the training slice's published read) and of
 * the 資格取得 applications HR approved for an exam in the year, both summed in SQL.
 */
export function createBudgetService(deps: { db: Db; audit: AuditLog; now: () => Date }) {
  const { db } = deps;
  const audited = auditOf(deps.audit, 'training-budget');
  const requireHr = (actor: Actor) => {
    if (!actor.isHr) throw new AppError('forbidden', 'Only HR manages the training budget.');
  };

  const load = async (fiscalYear: number) =>
    (await db.select().from(trainingBudgets).where(eq(trainingBudgets.fiscalYear, fiscalYear)).limit(1))[0];

  const view = async (fiscalYear: number): Promise<TrainingBudgetView> => {
    const budget = await load(fiscalYear);
    const seats = await seatCostsByCategory(db, fiscalYearBounds(fiscalYear));
    const [applications] = await db
      .select({
        yen: sql<number>`coalesce(sum(${qualificationApplications.costYen}), 0)::bigint`.mapWith(Number),
      })
      .from(qualificationApplications)
      .where(
        and(
          eq(qualificationApplications.fiscalYear, fiscalYear),
          inArray(qualificationApplications.status, [...COMMITTED_STATUSES]),
        ),
      );
    const categories = COURSE_CATEGORIES.map((category) => ({
      category,
      coursesYen: seats.find((row) => row.category === category)?.yen ?? 0,
      applicationsYen: category === 'qualification' ? (applications?.yen ?? 0) : 0,
    }));
    const committedYen = categories.reduce((sum, row) => sum + row.coursesYen + row.applicationsYen, 0);
    return {
      fiscalYear,
      amountYen: budget?.amountYen ?? null,
      version: budget?.version ?? 0,
      updatedAt: budget?.updatedAt.toISOString() ?? null,
      categories,
      committedYen,
      remainingYen: budget ? budget.amountYen - committedYen : null,
      attendeesWithoutCost: seats.reduce((sum, row) => sum + row.withoutCost, 0),
    };
  };

  return {
    async read(actor: Actor, fiscalYear: number): Promise<TrainingBudgetView> {
      requireHr(actor);
      return view(fiscalYear);
    },

    async save(actor: Actor, fiscalYear: number, input: BudgetInput): Promise<TrainingBudgetView> {
      requireHr(actor);
      const current = await load(fiscalYear);
      const stamp = { amountYen: input.amountYen, updatedById: actor.id, updatedAt: deps.now() };
      const [saved] = current
        ? await db
            .update(trainingBudgets)
            .set({ ...stamp, version: current.version + 1 })
            .where(and(eq(trainingBudgets.id, current.id), eq(trainingBudgets.version, input.version)))
            .returning()
        : input.version === 0
          ? await db
              .insert(trainingBudgets)
              .values({ fiscalYear, ...stamp, createdAt: deps.now() })
              .onConflictDoNothing()
              .returning()
          : [];
      if (!saved) {
        const now = (await load(fiscalYear))?.version ?? 0;
        throw versionConflict(
          `The budget of fiscal year ${fiscalYear} changed in the meantime (now version ${now}). Reload to see it.`,
          now,
        );
      }
      await audited('write', actor, null, {
        fiscalYear,
        amountYen: input.amountYen,
        previousYen: current?.amountYen ?? null,
        version: saved.version,
      });
      return view(fiscalYear);
    },
  };
}

export type BudgetService = ReturnType<typeof createBudgetService>;
