// The proposal rule (pure): who on a session's roster the Teams attendance report shows as present.
// Someone is proposed present when their time in the meeting (every report of it added up) is at least
// `minSharePercent` of the session's scheduled length. People in the report who are not on the roster are
// matched by their Entra object id and listed apart: never added to the roster.
import type { AttendedPerson } from './teams-attendance.ts';

export interface RosterEntry {
  personId: string;
  displayName: string;
}

export interface ProposedMark {
  personId: string;
  displayName: string;
  onRoster: boolean;
  attendedSeconds: number;
  proposedPresent: boolean;
}

export function proposeMarks(input: {
  roster: RosterEntry[];
  people: AttendedPerson[];
  sessionSeconds: number;
  minSharePercent: number;
  /** The organizer mailbox's object id: it ran the meeting, it is nobody's attendance. */
  organizerId?: string | undefined;
}): ProposedMark[] {
  const attended = new Map(input.people.map((person) => [person.id.toLowerCase(), person]));
  const onRoster = new Set(input.roster.map((entry) => entry.personId.toLowerCase()));
  const needed = (input.sessionSeconds * input.minSharePercent) / 100;
  const roster = input.roster.map((entry) => {
    const seconds = attended.get(entry.personId.toLowerCase())?.seconds ?? 0;
    return {
      personId: entry.personId,
      displayName: entry.displayName,
      onRoster: true,
      attendedSeconds: seconds,
      proposedPresent: input.sessionSeconds > 0 && seconds > 0 && seconds >= needed,
    };
  });
  const others = input.people
    .filter(
      (person) =>
        !onRoster.has(person.id.toLowerCase()) &&
        person.id.toLowerCase() !== input.organizerId?.toLowerCase(),
    )
    .map((person) => ({
      personId: person.id.toLowerCase(),
      displayName: person.displayName,
      onRoster: false,
      attendedSeconds: person.seconds,
      proposedPresent: false,
    }));
  return [...roster, ...others];
}

/** Attended time as a whole percentage of the session (rounded down). */
export function sharePercent(seconds: number, sessionSeconds: number): number {
  return sessionSeconds > 0 ? Math.floor((seconds * 100) / sessionSeconds) : 0;
}
