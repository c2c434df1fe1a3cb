import { and, desc, eq, gte, lt, ne, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { toCsv } from '../shared/csv.ts';
import { JST_OFFSET_MS, jstIso } from '../shared/japan-time.ts';
import { AppError } from '../http/app-error.ts';
import { personNames } from '../people/people.read.ts';
import type { Actor } from './access.ts';
import type {
  AuditAction,
  AuditEntryView,
  AuditFilter,
  AuditPage,
  AuditPageQuery,
} from './audit.contract.ts';
import type { AuditLog } from './audit.ts';
import { auditLog } from './audit.schema.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** An export larger than this is refused: narrow the filters (a year of a city hall fits well within). */
export const EXPORT_MAX_ROWS = 200_000;
const EXPORT_CHUNK = 5_000;

/** A Japan-time day as the UTC instant it starts at. */
const startOfJstDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - JST_OFFSET_MS);

/**
 * HR reads and exports the audit log. Pages go newest first by keyset on the log's id (ids grow with
 * every append, so a page never repeats or skips an entry while new ones arrive). The log itself stays
 * append-only: nothing here changes it, except that an export is itself recorded.
 */
export function createAuditQuery({ db, audit }: { db: Db; audit: AuditLog }) {
  const actorPerson = personNames(db, 'actor_person');
  const subjectPerson = personNames(db, 'subject_person');

  const requireHr = (actor: Actor) => {
    if (!actor.isHr) throw new AppError('forbidden', 'Only HR may read the audit log.');
  };

  const conditionsOf = (filter: AuditFilter): SQL[] => {
    const conditions: SQL[] = [];
    if (filter.actorId) conditions.push(eq(auditLog.actorId, filter.actorId));
    if (filter.subjectId) conditions.push(eq(auditLog.subjectId, filter.subjectId));
    if (filter.action) conditions.push(eq(auditLog.action, filter.action));
    // Views outnumber changes many times over: HR may set them aside to see what was changed.
    else if (filter.views === 'exclude') conditions.push(ne(auditLog.action, 'read'));
    if (filter.from) conditions.push(gte(auditLog.occurredAt, startOfJstDay(filter.from)));
    if (filter.to)
      conditions.push(lt(auditLog.occurredAt, new Date(startOfJstDay(filter.to).getTime() + DAY_MS)));
    return conditions;
  };

  const select = (conditions: SQL[], limit: number) =>
    db
      .select({
        id: auditLog.id,
        occurredAt: auditLog.occurredAt,
        actorId: auditLog.actorId,
        actorName: actorPerson.displayName,
        subjectId: auditLog.subjectId,
        subjectName: subjectPerson.displayName,
        action: auditLog.action,
        resource: auditLog.resource,
        details: auditLog.details,
      })
      .from(auditLog)
      .leftJoin(actorPerson, eq(actorPerson.id, auditLog.actorId))
      .leftJoin(subjectPerson, eq(subjectPerson.id, auditLog.subjectId))
      .where(and(...conditions))
      .orderBy(desc(auditLog.id))
      .limit(limit);

  type Row = Awaited<ReturnType<typeof select>>[number];
  const toView = (row: Row): AuditEntryView => ({
    id: row.id,
    occurredAt: row.occurredAt.toISOString(),
    actor: { id: row.actorId, displayName: row.actorName },
    subject: row.subjectId ? { id: row.subjectId, displayName: row.subjectName } : null,
    action: row.action as AuditAction,
    resource: row.resource,
    details: row.details,
  });

  return {
    async page(actor: Actor, query: AuditPageQuery): Promise<AuditPage> {
      requireHr(actor);
      const conditions = conditionsOf(query);
      if (query.cursor) conditions.push(lt(auditLog.id, Number(query.cursor)));
      // One more than asked tells whether an older page exists without a count query.
      const rows = await select(conditions, query.limit + 1);
      const entries = rows.slice(0, query.limit).map(toView);
      return {
        entries,
        nextCursor: rows.length > query.limit ? String(entries.at(-1)!.id) : null,
      };
    },

    /** The filtered log as CSV (newest first); the export is recorded before the file is handed out. */
    async exportCsv(actor: Actor, filter: AuditFilter): Promise<{ csv: string; rows: number }> {
      requireHr(actor);
      const rows: Row[] = [];
      const conditions = conditionsOf(filter);
      for (;;) {
        const last = rows.at(-1);
        const chunk = await select(
          last ? [...conditions, lt(auditLog.id, last.id)] : conditions,
          EXPORT_CHUNK,
        );
        rows.push(...chunk);
        if (rows.length > EXPORT_MAX_ROWS)
          throw new AppError(
            'unprocessable',
            `The export would hold more than ${EXPORT_MAX_ROWS} entries; narrow the dates or people.`,
          );
        if (chunk.length < EXPORT_CHUNK) break;
      }
      await audit.record({
        actorId: actor.id,
        subjectId: filter.subjectId ?? null,
        action: 'export',
        resource: 'audit-log',
        details: { filter: { ...filter }, rows: rows.length },
      });
      const csv = toCsv(
        [
          'occurred_at',
          'actor_id',
          'actor_name',
          'subject_id',
          'subject_name',
          'action',
          'resource',
          'details',
        ],
        rows.map((row) => [
          jstIso(row.occurredAt),
          row.actorId,
          row.actorName,
          row.subjectId,
          row.subjectName,
          row.action,
          row.resource,
          JSON.stringify(row.details),
        ]),
      );
      return { csv, rows: rows.length };
    },
  };
}

export type AuditQuery = ReturnType<typeof createAuditQuery>;
