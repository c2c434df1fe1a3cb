// Online meetings and their attendance reports, for the Teams meetings of events the emulator made
// (an event created with isOnlineMeeting in a mailbox allowed Teams), app tokens only:
// - "Get onlineMeeting": GET /users/{userId}/onlineMeetings?$filter=JoinWebUrl eq '…' (OnlineMeetings.Read.All
//   or OnlineMeetings.ReadWrite.All); `{userId}` is the organizer's object id, a UPN is refused;
// - "List meetingAttendanceReports": GET …/onlineMeetings/{id}/attendanceReports (up to the 50 latest;
//   empty until a report exists), "Get meetingAttendanceReport", and "List attendanceRecords":
//   GET …/attendanceReports/{reportId}/attendanceRecords, paged with @odata.nextLink
//   (OnlineMeetingArtifact.Read.All).
// With application permissions Graph also wants an application access policy granted to the user
// ("Allow applications to access online meetings on behalf of a user"): without it, 403. The emulator
// starts as a tenant whose admin granted the policy to everyone (Grant-CsApplicationAccessPolicy -Global);
// a test takes it away per user. Reports come only from the test hook: Teams makes them after a meeting.
import { createHash, randomUUID } from 'node:crypto';
import type { EmulatorContext } from './context.ts';
import { GraphFailure, ok, requireRole, resourceNotFound, type GraphRouter } from './graph-http.ts';
import type { SeedPerson } from './seed-organisation.ts';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** "List meetingAttendanceReports": only the 50 most recent reports. */
const REPORTS_MAX = 50;

export interface AttendanceInput {
  /** The organizer mailbox (id or UPN) and the meeting's join link, as the event carries it. */
  organizer: string;
  joinUrl: string;
  start: string;
  end: string;
  records: Array<{
    /** A person of the tenant (id or UPN), or someone from outside (`{ id, displayName }`). */
    person: string | { id: string; displayName: string };
    seconds: number;
    role?: 'None' | 'Attendee' | 'Presenter' | 'Organizer';
  }>;
}

interface StoredReport {
  id: string;
  meetingStartDateTime: string;
  meetingEndDateTime: string;
  records: Array<Record<string, unknown>>;
}

export function createOnlineMeetingsRouter(ctx: EmulatorContext) {
  const { findPerson, tenantId } = ctx;
  const reports = new Map<string, StoredReport[]>();
  const withoutPolicy = new Set<string>();

  /** Graph's meeting ids are opaque: stable per organizer and join link. */
  const meetingIdOf = (organizerId: string, joinUrl: string) =>
    Buffer.from(
      `1*${organizerId}*0**${createHash('sha256').update(joinUrl).digest('hex').slice(0, 24)}`,
    ).toString('base64url');

  const meetingsOf = (organizer: SeedPerson) =>
    ctx
      .eventsOf(organizer.id)
      .filter((event) => event.isOrganizer && event.onlineMeeting?.joinUrl)
      .map((event) => ({
        id: meetingIdOf(organizer.id, event.onlineMeeting!.joinUrl),
        joinWebUrl: event.onlineMeeting!.joinUrl,
        subject: event.subject,
        startDateTime: event.startUtc,
        endDateTime: event.endUtc,
        creationDateTime: event.createdDateTime,
        participants: {
          organizer: {
            upn: organizer.userPrincipalName,
            role: 'presenter',
            identity: { user: { id: organizer.id, displayName: null, tenantId } },
          },
          attendees: [],
        },
      }));

  const recordOf = (record: AttendanceInput['records'][number], start: Date) => {
    const person =
      typeof record.person === 'string'
        ? findPerson(record.person)
        : { id: record.person.id, displayName: record.person.displayName, mail: null };
    if (!person) throw new Error(`no person ${JSON.stringify(record.person)}`);
    const leave = new Date(start.getTime() + record.seconds * 1000);
    return {
      id: person.id,
      emailAddress: 'mail' in person ? (person.mail ?? null) : null,
      totalAttendanceInSeconds: record.seconds,
      role: record.role ?? 'Attendee',
      identity: { id: person.id, displayName: person.displayName, tenantId },
      attendanceIntervals: [
        {
          joinDateTime: start.toISOString(),
          leaveDateTime: leave.toISOString(),
          durationInSeconds: record.seconds,
        },
      ],
    };
  };

  const route: GraphRouter = ({ method, segments, query, caller, graphPath }) => {
    if (segments[0] !== 'users' || segments[2] !== 'onlineMeetings') return undefined;
    if (method !== 'GET') throw resourceNotFound(segments);
    const userSegment = decodeURIComponent(segments[1] ?? '');
    const rest = segments.slice(3);
    requireRole(
      caller,
      rest.length === 0
        ? ['OnlineMeetings.Read.All', 'OnlineMeetings.ReadWrite.All']
        : ['OnlineMeetingArtifact.Read.All'],
    );
    if (!GUID.test(userSegment))
      throw new GraphFailure(400, 'BadRequest', 'The user id in the request must be an object id (GUID).');
    const organizer = findPerson(userSegment.toLowerCase());
    if (!organizer) throw new GraphFailure(404, 'NotFound', 'The user could not be found.');
    if (withoutPolicy.has(organizer.id))
      throw new GraphFailure(
        403,
        'Forbidden',
        'No application access policy found for this app. Create one and grant it to the user.',
      );
    const meetings = meetingsOf(organizer);
    if (rest.length === 0) {
      const filter = query.get('$filter');
      const match = filter ? /^JoinWebUrl eq '((?:[^']|'')*)'$/i.exec(filter.trim()) : null;
      if (!match)
        throw new GraphFailure(
          400,
          'BadRequest',
          "Listing online meetings needs $filter=JoinWebUrl eq '{joinWebUrl}' (or joinMeetingIdSettings/joinMeetingId).",
        );
      const joinUrl = match[1]!.replace(/''/g, "'");
      return ok(200, {
        '@odata.context': `${ctx.urls.graph}/v1.0/$metadata#users('${organizer.id}')/onlineMeetings`,
        value: meetings.filter((meeting) => meeting.joinWebUrl === joinUrl),
      });
    }
    const meeting = meetings.find((candidate) => candidate.id === decodeURIComponent(rest[0] ?? ''));
    if (!meeting) throw new GraphFailure(404, 'NotFound', 'The online meeting could not be found.');
    if (rest.length === 1) return ok(200, meeting);
    if (rest[1] !== 'attendanceReports') throw resourceNotFound(segments);
    const ofMeeting = reports.get(meeting.id) ?? [];
    const summary = (report: StoredReport) => ({
      id: report.id,
      totalParticipantCount: report.records.length,
      meetingStartDateTime: report.meetingStartDateTime,
      meetingEndDateTime: report.meetingEndDateTime,
    });
    if (rest.length === 2)
      return ok(200, {
        '@odata.context': `${ctx.urls.graph}/v1.0/$metadata#users('${organizer.id}')/onlineMeetings('${meeting.id}')/attendanceReports`,
        value: ofMeeting.slice(-REPORTS_MAX).reverse().map(summary),
      });
    const report = ofMeeting.find((candidate) => candidate.id === decodeURIComponent(rest[2] ?? ''));
    if (!report) throw new GraphFailure(404, 'NotFound', 'The attendance report could not be found.');
    if (rest.length === 3) return ok(200, summary(report));
    if (rest.length === 4 && rest[3] === 'attendanceRecords')
      return ok(200, ctx.page(report.records, query, graphPath, 'attendanceRecords'));
    throw resourceNotFound(segments);
  };

  /** As Teams after a meeting: one attendance report of the meeting behind the organizer's join link. */
  const addAttendanceReport = (input: AttendanceInput): string => {
    const organizer = findPerson(input.organizer);
    if (!organizer) throw new Error(`no mailbox ${input.organizer}`);
    const meeting = meetingsOf(organizer).find((candidate) => candidate.joinWebUrl === input.joinUrl);
    if (!meeting) throw new Error('no online meeting with that join link in the mailbox');
    const start = new Date(input.start);
    const report: StoredReport = {
      id: randomUUID(),
      meetingStartDateTime: start.toISOString(),
      meetingEndDateTime: new Date(input.end).toISOString(),
      records: input.records.map((record) => recordOf(record, start)),
    };
    reports.set(meeting.id, [...(reports.get(meeting.id) ?? []), report]);
    return report.id;
  };
  /** Grants or takes away the application access policy for a user (Grant-CsApplicationAccessPolicy). */
  const setApplicationAccessPolicy = (mailbox: string, granted: boolean): void => {
    const person = findPerson(mailbox);
    if (!person) throw new Error(`no mailbox ${mailbox}`);
    if (granted) withoutPolicy.delete(person.id);
    else withoutPolicy.add(person.id);
  };

  return {
    route,
    addAttendanceReport,
    setApplicationAccessPolicy,
    reset(): void {
      reports.clear();
      withoutPolicy.clear();
    },
  };
}
