// What an import changes, person by person: 「吉田 主事級 → 主任級（2027/4/1）」, transfers between 課, new
// supervisors. Pure: the service hands it what is stored and what the file plans, so the check-only run and
// the applied run describe the same changes.
import type { ImportChange } from './people-admin.contract.ts';
import type { LevelRow, NewLevelRow, NewOverrideRow, PersonState } from './level-history.store.ts';

type PlannedRow = Omit<NewLevelRow, 'importId'>;
type PlannedOverride = Omit<NewOverrideRow, 'importId'>;

interface Placement {
  levelId: string | null;
  employmentType: 'regular' | 'fiscalYear';
  department: string | null;
  division: string | null;
  hireDate: string | null;
}

const placementOf = (row: PlannedRow | LevelRow): Placement => ({
  levelId: row.levelId,
  employmentType: row.employmentType,
  department: row.department ?? null,
  division: row.division ?? null,
  hireDate: row.hireDate ?? null,
});

/**
 * Each planned row compared with what holds for that person the day before its 発令日: the latest earlier
 * record (stored, or earlier in the same file), else the person as the directory copy has them now.
 * Rows that change nothing are left out; so are supervisors unchanged. Ordered by date, then name.
 */
export function describeImportChanges(input: {
  people: readonly PersonState[];
  stored: readonly LevelRow[];
  planned: readonly PlannedRow[];
  overrides: readonly PlannedOverride[];
  today: string;
}): ImportChange[] {
  const people = new Map(input.people.map((person) => [person.id, person]));
  const nameOf = (id: string | null | undefined) => (id ? (people.get(id)?.displayName ?? null) : null);
  const planned = new Map(input.planned.map((row) => [`${row.personId}|${row.effectiveFrom}`, row]));
  // What the person's history will be: stored rows the file does not replace, and the file's.
  const timeline = new Map<string, Array<PlannedRow | LevelRow>>();
  for (const row of [
    ...input.stored.filter((row) => !planned.has(`${row.personId}|${row.effectiveFrom}`)),
    ...input.planned,
  ]) {
    const rows = timeline.get(row.personId) ?? [];
    rows.push(row);
    timeline.set(row.personId, rows);
  }
  for (const rows of timeline.values()) rows.sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));

  const changes: ImportChange[] = [];
  for (const row of input.planned) {
    const person = people.get(row.personId);
    const earlier = (timeline.get(row.personId) ?? []).filter(
      (candidate) => candidate.effectiveFrom < row.effectiveFrom,
    );
    const previousRecord = earlier.at(-1);
    const before: Placement = previousRecord
      ? placementOf(previousRecord)
      : {
          levelId: person?.levelId ?? null,
          employmentType: person?.employmentType ?? 'regular',
          department: person?.directoryDepartment ?? person?.department ?? null,
          division: person?.division ?? null,
          hireDate: person?.hireDate ?? null,
        };
    const after = placementOf(row);
    const supervisorBefore = person?.managerId ?? null;
    const supervisorAfter = row.supervisorId ?? null;
    const change: ImportChange = {
      personId: row.personId,
      displayName: person?.displayName ?? row.personId,
      employeeId: person?.employeeId ?? null,
      effectiveFrom: row.effectiveFrom,
      scheduled: row.effectiveFrom > input.today,
      firstRecord: previousRecord === undefined,
      joining: after.hireDate !== null && after.hireDate >= row.effectiveFrom,
      level: before.levelId !== row.levelId ? { from: before.levelId, to: row.levelId } : null,
      employmentType:
        before.employmentType !== after.employmentType
          ? { from: before.employmentType, to: after.employmentType }
          : null,
      department:
        before.department !== after.department || before.division !== after.division
          ? {
              from: { department: before.department, division: before.division },
              to: { department: after.department, division: after.division },
            }
          : null,
      supervisor:
        supervisorAfter !== null && supervisorAfter !== supervisorBefore
          ? {
              fromId: supervisorBefore,
              fromName: nameOf(supervisorBefore),
              toId: supervisorAfter,
              toName: nameOf(supervisorAfter),
            }
          : null,
    };
    if (change.level || change.employmentType || change.department || change.supervisor || change.joining)
      changes.push(change);
  }
  // Staff the file has no row for, who get a new supervisor because theirs leaves the 課.
  for (const override of input.overrides) {
    const person = people.get(override.personId);
    const from = person?.managerId ?? null;
    const to = override.supervisorId ?? null;
    if (from === to) continue;
    changes.push({
      personId: override.personId,
      displayName: person?.displayName ?? override.personId,
      employeeId: person?.employeeId ?? null,
      effectiveFrom: override.effectiveFrom,
      scheduled: override.effectiveFrom > input.today,
      firstRecord: false,
      joining: false,
      level: null,
      employmentType: null,
      department: null,
      supervisor: { fromId: from, fromName: nameOf(from), toId: to, toName: nameOf(to) },
    });
  }
  return changes.sort(
    (a, b) =>
      a.effectiveFrom.localeCompare(b.effectiveFrom) ||
      a.displayName.localeCompare(b.displayName, 'ja') ||
      a.personId.localeCompare(b.personId),
  );
}
