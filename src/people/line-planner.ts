// The reporting lines an HR file brings, planned for the whole file at once. Pure: people, history and
// the file's rows in; the records to store (each with the supervisor it brings) and line overrides for
// people the file does not name out.
//
// Why whole-file: a file that swaps two 課長 and moves a 係長 up on the same 発令日 must be read as one
// change. Planned row by row, the first 課長's new supervisor would be the 課長 who is leaving the other
// 課 the same day, and the staff left behind would keep the outgoing head until IT updates Entra ID —
// who would go on reading their former reports' data. So for each 発令日 the plan looks at the state on
// the day before (every earlier record applied) and the membership after every row of that date.
import type { ImportRow } from './level-import.ts';

export interface PlannerPerson {
  id: string;
  displayName: string;
  /** The level on `people` now (the job title's until HR imports someone): the base before any record. */
  levelId: string | null;
  /** 課 on `people` now: the base when the directory names none. */
  department: string | null;
  directoryDepartment: string | null;
  directoryManagerId: string | null;
}

export interface PlannerRecord {
  personId: string;
  effectiveFrom: string;
  levelId: string;
  department: string | null;
  supervisorId: string | null;
  replacedManagerId: string | null;
}

export interface PlannerOverride {
  personId: string;
  effectiveFrom: string;
  supervisorId: string | null;
  replacedManagerId: string | null;
}

export interface PlannedRow extends ImportRow {
  supervisorId: string | null;
  replacedManagerId: string | null;
}

export interface LinePlan {
  rows: PlannedRow[];
  /** Supervisors for people the file has no row for on that date (staff whose supervisor left the 課). */
  overrides: PlannerOverride[];
  /** 課 someone moved into that had nobody to supervise them (the directory's supervisor stays). */
  departmentsWithoutHead: string[];
}

interface DayState {
  department: string | null;
  levelId: string | null;
  managerId: string | null;
}

const latestOnOrBefore = <T extends { effectiveFrom: string }>(
  list: readonly T[] | undefined,
  day: string,
) => {
  let found: T | undefined;
  for (const entry of list ?? [])
    if (entry.effectiveFrom <= day && (!found || entry.effectiveFrom > found.effectiveFrom)) found = entry;
  return found;
};

const dayBefore = (day: string) => {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
};

const groupBy = <T extends { personId: string }>(entries: readonly T[]) => {
  const map = new Map<string, T[]>();
  for (const entry of entries)
    (map.get(entry.personId) ?? map.set(entry.personId, []).get(entry.personId)!).push(entry);
  return map;
};

/**
 * The same rule as people-in-force.ts, in memory: record and override in force on `day` laid over the
 * directory. Keep the two in step.
 */
function stateOn(
  person: PlannerPerson,
  records: readonly PlannerRecord[] | undefined,
  overrides: readonly PlannerOverride[] | undefined,
  day: string,
): DayState {
  const record = latestOnOrBefore(records, day);
  const override = latestOnOrBefore(overrides, day);
  const directory = person.directoryManagerId;
  let managerId = directory;
  if (
    override?.supervisorId &&
    (!record || override.effectiveFrom > record.effectiveFrom || !record.supervisorId) &&
    directory === override.replacedManagerId
  )
    managerId = override.supervisorId;
  else if (record?.supervisorId && directory === record.replacedManagerId) managerId = record.supervisorId;
  return {
    department: record?.department ?? person.directoryDepartment ?? person.department,
    levelId: record?.levelId ?? person.levelId,
    managerId,
  };
}

export function planLines(input: {
  people: readonly PlannerPerson[];
  /** Every stored record (not only of the file's people: others' records decide who heads a 課). */
  records: readonly PlannerRecord[];
  overrides: readonly PlannerOverride[];
  rows: readonly ImportRow[];
  /** Level ids, highest first (部長 … 会計年度任用職員). */
  levelOrder: readonly string[];
}): LinePlan {
  const { people, levelOrder } = input;
  const byId = new Map(people.map((person) => [person.id, person]));
  const rank = (levelId: string | null) => {
    const index = levelOrder.indexOf(levelId ?? '');
    return index < 0 ? levelOrder.length : index;
  };
  // The file replaces stored records of the same person and date.
  const fileKeys = new Set(input.rows.map((row) => `${row.personId}|${row.effectiveFrom}`));
  const records = groupBy<PlannerRecord>([
    ...input.records.filter((record) => !fileKeys.has(`${record.personId}|${record.effectiveFrom}`)),
  ]);
  const overrides = groupBy<PlannerOverride>(input.overrides);
  const dates = [...new Set(input.rows.map((row) => row.effectiveFrom))].sort();
  const planned: PlannedRow[] = [];
  const newOverrides: PlannerOverride[] = [];
  const withoutHead = new Set<string>();

  for (const date of dates) {
    const rowsOfDate = new Map(
      input.rows.filter((row) => row.effectiveFrom === date).map((row) => [row.personId, row]),
    );
    const eve = dayBefore(date);
    const before = new Map(
      people.map((person) => [
        person.id,
        stateOn(person, records.get(person.id), overrides.get(person.id), eve),
      ]),
    );
    const after = new Map<string, DayState>();
    for (const person of people) {
      const was = before.get(person.id)!;
      const row = rowsOfDate.get(person.id);
      after.set(
        person.id,
        row
          ? {
              department: row.department ?? person.directoryDepartment ?? person.department,
              levelId: row.levelId,
              managerId: was.managerId,
            }
          : was,
      );
    }
    const membersOf = (states: Map<string, DayState>) => {
      const members = new Map<string, string[]>();
      for (const [id, state] of states)
        if (state.department)
          (members.get(state.department) ?? members.set(state.department, []).get(state.department)!).push(
            id,
          );
      return members;
    };
    const membersBefore = membersOf(before);
    const membersAfter = membersOf(after);
    // The head of a 課: among its members nobody inside the 課 supervises (with the lines of the day
    // before), the highest level; people already there before newcomers, then by name.
    const headOf = (department: string, states: Map<string, DayState>, members: Map<string, string[]>) => {
      const inside = new Set(members.get(department) ?? []);
      const candidates = [...inside].filter((id) => {
        const manager = before.get(id)!.managerId;
        return !manager || !inside.has(manager);
      });
      const moved = (id: string) => (before.get(id)!.department === department ? 0 : 1);
      candidates.sort(
        (a, b) =>
          rank(states.get(a)!.levelId) - rank(states.get(b)!.levelId) ||
          moved(a) - moved(b) ||
          byId.get(a)!.displayName.localeCompare(byId.get(b)!.displayName, 'ja') ||
          a.localeCompare(b),
      );
      return candidates[0];
    };
    const headsAfter = new Map<string, string | undefined>();
    const headAfter = (department: string) => {
      if (!headsAfter.has(department)) headsAfter.set(department, headOf(department, after, membersAfter));
      return headsAfter.get(department);
    };
    /** Who supervises someone who heads `department` from this date: whoever supervised its head before. */
    const aboveHead = (department: string, personId: string) => {
      const previous = headOf(department, before, membersBefore);
      if (!previous || previous === personId) return undefined;
      return before.get(previous)!.managerId ?? undefined;
    };

    for (const person of people) {
      const was = before.get(person.id)!;
      const now = after.get(person.id)!;
      const row = rowsOfDate.get(person.id);
      let supervisor = was.managerId;
      if (now.department && now.department !== was.department && row) {
        // Moved into another 課: its head from this date, or, when they head it, whoever is above its head.
        const head = headAfter(now.department);
        if (head && head !== person.id) supervisor = head;
        else if (head === person.id) supervisor = aboveHead(now.department, person.id) ?? supervisor;
        if (!head || (head === person.id && (membersAfter.get(now.department)?.length ?? 0) <= 1))
          withoutHead.add(now.department);
      } else if (now.department && was.managerId) {
        // Stays in the 課; their supervisor inside it leaves it today: the 課's head takes them over.
        const manager = was.managerId;
        const managerWas = before.get(manager);
        const managerNow = after.get(manager);
        if (managerWas?.department === now.department && managerNow?.department !== now.department) {
          const head = headAfter(now.department);
          if (head && head !== person.id) supervisor = head;
          else if (head === person.id) supervisor = before.get(manager)?.managerId ?? supervisor;
        }
      }
      const directory = byId.get(person.id)!.directoryManagerId;
      const line =
        supervisor && supervisor !== directory
          ? { supervisorId: supervisor, replacedManagerId: directory }
          : { supervisorId: null, replacedManagerId: null };
      if (row) {
        planned.push({ ...row, ...line });
        // Later dates of the file see this record.
        const list = records.get(person.id) ?? [];
        records.set(person.id, [
          ...list,
          {
            personId: person.id,
            effectiveFrom: date,
            levelId: row.levelId,
            department: row.department,
            ...line,
          },
        ]);
      } else if (supervisor !== was.managerId) {
        const override = { personId: person.id, effectiveFrom: date, ...line };
        newOverrides.push(override);
        overrides.set(person.id, [...(overrides.get(person.id) ?? []), override]);
      }
    }
  }
  return { rows: planned, overrides: newOverrides, departmentsWithoutHead: [...withoutHead].sort() };
}
