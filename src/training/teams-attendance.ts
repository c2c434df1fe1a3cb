// Reads a Teams meeting's attendance report through Graph (issue 19 ④), for the organizer mailbox's
// meeting behind a session's join link:
// - "Get onlineMeeting": `GET /users/{userId}/onlineMeetings?$filter=JoinWebUrl eq '…'` (application
//   permission OnlineMeetings.Read.All; `{userId}` is the organizer's object id);
// - "List meetingAttendanceReports": `GET /users/{userId}/onlineMeetings/{id}/attendanceReports` (up to
//   the 50 latest; an empty list until Teams has made the report, some minutes after the meeting ends);
// - "List attendanceRecords": `…/attendanceReports/{reportId}/attendanceRecords`, paged by @odata.nextLink
//   (both OnlineMeetingArtifact.Read.All).
// With application permissions, Graph answers 403 unless a Teams admin granted an application access
// policy naming our app to the organizer (New-CsApplicationAccessPolicy, Grant-CsApplicationAccessPolicy).
// Errors surface as GraphError; the caller decides what a 403, a 404 or a throttle means for the session.
import { GraphError } from '../graph/graph-errors.ts';
import type { GraphClient } from '../graph/graph-client.ts';

export interface AttendedPerson {
  /** The Entra object id (identity.id of the record). */
  id: string;
  displayName: string;
  role: string;
  seconds: number;
}

export type AttendanceReading =
  | { kind: 'noMeeting' }
  | { kind: 'noReport' }
  | { kind: 'report'; meetingSeconds: number; people: AttendedPerson[] };

/** The port the attendance job reads through. */
export interface MeetingAttendance {
  read(organizer: string, joinUrl: string): Promise<AttendanceReading>;
}

interface AttendanceReport {
  id: string;
  meetingStartDateTime?: string | null;
  meetingEndDateTime?: string | null;
}

interface AttendanceRecord {
  identity?: { id?: string | null; displayName?: string | null } | null;
  role?: string | null;
  totalAttendanceInSeconds?: number | null;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** OData string literal: single quotes doubled. */
const odataString = (value: string) => `'${value.replace(/'/g, "''")}'`;

export function createGraphMeetingAttendance(graph: GraphClient): MeetingAttendance {
  const objectIds = new Map<string, string>();

  /** The onlineMeetings API takes the user's object id; a mailbox configured by UPN is looked up once. */
  const objectIdOf = async (organizer: string) => {
    if (GUID.test(organizer)) return organizer.toLowerCase();
    const known = objectIds.get(organizer);
    if (known) return known;
    const user = await graph.get<{ id: string }>(`/users/${encodeURIComponent(organizer)}?$select=id`);
    objectIds.set(organizer, user.id);
    return user.id;
  };

  return {
    async read(organizer, joinUrl) {
      const userId = await objectIdOf(organizer);
      const base = `/users/${encodeURIComponent(userId)}/onlineMeetings`;
      let meetings: Array<{ id: string }>;
      try {
        meetings =
          (
            await graph.get<{ value?: Array<{ id: string }> }>(
              `${base}?$filter=${encodeURIComponent(`JoinWebUrl eq ${odataString(joinUrl)}`)}`,
            )
          ).value ?? [];
      } catch (error) {
        if (error instanceof GraphError && error.status === 404) return { kind: 'noMeeting' };
        throw error;
      }
      const meeting = meetings[0];
      if (!meeting) return { kind: 'noMeeting' };
      const meetingPath = `${base}/${encodeURIComponent(meeting.id)}`;
      const reports = await graph.getAll<AttendanceReport>(`${meetingPath}/attendanceReports`);
      if (reports.length === 0) return { kind: 'noReport' };
      // A meeting joined again after everyone left has a report per run: attendance adds up.
      const seconds = new Map<string, AttendedPerson>();
      let meetingSeconds = 0;
      for (const report of reports) {
        const start = Date.parse(report.meetingStartDateTime ?? '');
        const end = Date.parse(report.meetingEndDateTime ?? '');
        if (Number.isFinite(start) && Number.isFinite(end) && end > start)
          meetingSeconds += Math.round((end - start) / 1000);
        const records = await graph.getAll<AttendanceRecord>(
          `${meetingPath}/attendanceReports/${encodeURIComponent(report.id)}/attendanceRecords`,
        );
        for (const record of records) {
          const id = record.identity?.id?.toLowerCase();
          // Anonymous and external participants carry no object id of this tenant: nobody to match.
          if (!id || !GUID.test(id)) continue;
          const current = seconds.get(id) ?? {
            id,
            displayName: record.identity?.displayName ?? '',
            role: record.role ?? 'Attendee',
            seconds: 0,
          };
          current.seconds += Math.max(0, record.totalAttendanceInSeconds ?? 0);
          seconds.set(id, current);
        }
      }
      return { kind: 'report', meetingSeconds, people: [...seconds.values()] };
    },
  };
}
