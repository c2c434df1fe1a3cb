import { pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { rowVersion, updatedAt } from '../db/columns.ts';

/**
 * 着眼点: what one competency looks like at one level, written by HR for one version of the framework.
 * Keyed by the framework's version, so a self-check written under version N keeps showing N's text after
 * a new policy file is loaded. Who wrote it is in the audit log, not here: the row holds no person.
 */
export const competencyViewpoints = pgTable(
  'competency_viewpoints',
  {
    frameworkVersion: text('framework_version').notNull(),
    levelId: text('level_id').notNull(),
    competencyId: text('competency_id').notNull(),
    textJa: text('text_ja').notNull(),
    /** Empty when HR wrote only Japanese: the tab then shows the Japanese text in English too. */
    textEn: text('text_en').notNull().default(''),
    version: rowVersion(),
    updatedAt: updatedAt(),
  },
  (table) => [primaryKey({ columns: [table.frameworkVersion, table.levelId, table.competencyId] })],
);
