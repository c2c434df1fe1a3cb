import { and, asc, eq } from 'drizzle-orm';
import type { Actor } from '../auth/access.ts';
import type { AuditLog } from '../auth/audit.ts';
import type { Db } from '../db/database.ts';
import { firstRow } from '../db/rows.ts';
import { AppError, versionConflict } from '../http/app-error.ts';
import { markFor } from './framework-loader.ts';
import type { Framework } from './framework.schema.ts';
import type { Viewpoint, ViewpointInput, ViewpointList, ViewpointText } from './viewpoint.contract.ts';
import { competencyViewpoints } from './viewpoint.schema.ts';

type Row = typeof competencyViewpoints.$inferSelect;

const viewOf = (row: Row): Viewpoint => ({
  levelId: row.levelId,
  competencyId: row.competencyId,
  ja: row.textJa,
  en: row.textEn,
  version: row.version,
  updatedAt: row.updatedAt.toISOString(),
});

/**
 * 着眼点 written by HR per level and competency, for the framework version in force. Earlier versions'
 * rows stay as they were: nothing writes them once another policy file is loaded, and self-checks of
 * those versions read them (`textsFor`).
 */
export function createViewpointService(deps: {
  db: Db;
  framework: Framework;
  audit: AuditLog;
  now: () => Date;
}) {
  const { db, framework } = deps;
  const version = framework.version;

  /** The 着眼点 written under a framework version for one level, or for one cell of it (a competency). */
  const select = (frameworkVersion: string, levelId: string, competencyId?: string) =>
    db
      .select()
      .from(competencyViewpoints)
      .where(
        and(
          eq(competencyViewpoints.frameworkVersion, frameworkVersion),
          eq(competencyViewpoints.levelId, levelId),
          competencyId === undefined ? undefined : eq(competencyViewpoints.competencyId, competencyId),
        ),
      );

  const find = (levelId: string, competencyId: string): Promise<Row | undefined> =>
    firstRow(select(version, levelId, competencyId));

  /** Only a cell a self-check shows (any mark but blank) takes a 着眼点. */
  const requireCell = (levelId: string, competencyId: string) => {
    if (!framework.levels.some((level) => level.id === levelId))
      throw new AppError('not_found', `No level "${levelId}" in the framework.`);
    if (!framework.competencies.some((competency) => competency.id === competencyId))
      throw new AppError('not_found', `No competency "${competencyId}" in the framework.`);
    if (markFor(framework, levelId, competencyId) === 'none')
      throw new AppError(
        'unprocessable',
        'This competency is not an item of this level’s self-check (a blank cell of the matrix).',
        [{ path: 'params.competencyId', message: 'blank cell: no self-check item at this level' }],
      );
  };

  const conflict = (current: number) =>
    versionConflict(
      `Someone changed this 着眼点 in the meantime (now version ${current}). Reload to see it.`,
      current,
    );

  return {
    async list(): Promise<ViewpointList> {
      const rows = await db
        .select()
        .from(competencyViewpoints)
        .where(eq(competencyViewpoints.frameworkVersion, version))
        .orderBy(asc(competencyViewpoints.levelId), asc(competencyViewpoints.competencyId));
      return { frameworkVersion: version, viewpoints: rows.map(viewOf) };
    },

    /** Writes (or, with both texts empty, clears) one cell; HR only, audited. Null when cleared. */
    async write(
      actor: Actor,
      levelId: string,
      competencyId: string,
      input: ViewpointInput,
    ): Promise<Viewpoint | null> {
      if (!actor.isHr) throw new AppError('forbidden', 'Only HR (職員課) writes the 着眼点.');
      requireCell(levelId, competencyId);
      const ja = input.ja.trim();
      const en = input.en.trim();
      if (!ja && en)
        throw new AppError('validation_failed', 'Write the Japanese text first; English is optional.', [
          { path: 'body.ja', message: 'required when English is given' },
        ]);
      const existing = await find(levelId, competencyId);
      const current = existing?.version ?? 0;
      if (input.version !== current) throw conflict(current);
      const key = and(
        eq(competencyViewpoints.frameworkVersion, version),
        eq(competencyViewpoints.levelId, levelId),
        eq(competencyViewpoints.competencyId, competencyId),
        eq(competencyViewpoints.version, current),
      );
      let result: Row | null;
      if (!ja) {
        if (!existing) return null;
        const deleted = await db.delete(competencyViewpoints).where(key).returning();
        if (deleted.length === 0) throw conflict((await find(levelId, competencyId))?.version ?? 0);
        result = null;
      } else if (!existing) {
        const inserted = await db
          .insert(competencyViewpoints)
          .values({ frameworkVersion: version, levelId, competencyId, textJa: ja, textEn: en })
          .onConflictDoNothing()
          .returning();
        if (!inserted[0]) throw conflict((await find(levelId, competencyId))?.version ?? 1);
        result = inserted[0];
      } else {
        const updated = await db
          .update(competencyViewpoints)
          .set({ textJa: ja, textEn: en, version: current + 1, updatedAt: deps.now() })
          .where(key)
          .returning();
        if (!updated[0]) throw conflict((await find(levelId, competencyId))?.version ?? 0);
        result = updated[0];
      }
      await deps.audit.record({
        actorId: actor.id,
        subjectId: null,
        action: 'write',
        resource: 'competency-viewpoint',
        details: {
          frameworkVersion: version,
          levelId,
          competencyId,
          change: result ? (existing ? 'changed' : 'written') : 'cleared',
          version: result?.version ?? null,
        },
      });
      return result ? viewOf(result) : null;
    },

    /** The 着眼点 of one level under one framework version, by competency: what a self-check shows. */
    async textsFor(frameworkVersion: string, levelId: string): Promise<Record<string, ViewpointText>> {
      const rows = await select(frameworkVersion, levelId);
      return Object.fromEntries(rows.map((row) => [row.competencyId, { ja: row.textJa, en: row.textEn }]));
    },
  };
}

export type ViewpointService = ReturnType<typeof createViewpointService>;
