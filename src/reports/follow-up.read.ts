// What the growth slice may read of the DRILL follow-up (docs/architecture.md, "Boundaries"): a person's
// follow-up answers and their supervisors' observations, with the competencies of the course, asked in a
// window of time — the evidence of the self-check submitted after them. Nothing here writes.
import { and, asc, eq, gt, lte } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { attendanceOf, attendances } from '../training/training.read.ts';
import { trainingFollowUps } from './follow-up.schema.ts';

export interface FollowUpEvidence {
  sessionId: string;
  courseTitle: { ja: string; en: string | null };
  start: string;
  competencyIds: string[];
  answer: 'applied' | 'partly' | 'notYet' | null;
  example: string | null;
  observation: string | null;
}

/**
 * The answered follow-ups about `personId` asked after `after` (exclusive) and up to `until` (inclusive;
 * null: up to now), one per session, the earliest first. Unanswered ones are left out.
 */
export async function followUpEvidenceOf(
  db: Db,
  personId: string,
  after: Date | null,
  until: Date | null,
): Promise<FollowUpEvidence[]> {
  const attendance = attendances(db, 'follow_up_evidence');
  const rows = await db
    .select({
      sessionId: trainingFollowUps.sessionId,
      role: trainingFollowUps.role,
      answer: trainingFollowUps.answer,
      text: trainingFollowUps.text,
      titleJa: attendance.titleJa,
      titleEn: attendance.titleEn,
      startsAt: attendance.startsAt,
      competencyIds: attendance.competencyIds,
    })
    .from(trainingFollowUps)
    .innerJoin(attendance, attendanceOf(attendance, trainingFollowUps))
    .where(
      and(
        eq(trainingFollowUps.personId, personId),
        ...(after ? [gt(trainingFollowUps.requestedAt, after)] : []),
        ...(until ? [lte(trainingFollowUps.requestedAt, until)] : []),
      ),
    )
    .orderBy(asc(attendance.startsAt));
  const bySession = new Map<string, FollowUpEvidence>();
  for (const row of rows) {
    if (row.text === null && row.answer === null) continue;
    const evidence = bySession.get(row.sessionId) ?? {
      sessionId: row.sessionId,
      courseTitle: { ja: row.titleJa, en: row.titleEn },
      start: row.startsAt.toISOString(),
      competencyIds: row.competencyIds,
      answer: null,
      example: null,
      observation: null,
    };
    if (row.role === 'attendee') {
      evidence.answer = row.answer;
      evidence.example = row.text;
    } else evidence.observation = row.text;
    bySession.set(row.sessionId, evidence);
  }
  return [...bySession.values()];
}
