import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startM365Emulator, type M365Emulator } from '../../../src/dev/m365-emulator/index.ts';
import { createGraphClient, type GraphClient } from '../../../src/graph/graph-client.ts';
import { GraphError } from '../../../src/graph/graph-errors.ts';
import { createFetch } from '../../../src/graph/https-fetch.ts';
import { createAppTokenProvider } from '../../../src/graph/token-providers.ts';
import { createGraphMeetingAttendance } from '../../../src/training/teams-attendance.ts';
import { emulatorEntraSettings } from '../../support/emulator-settings.ts';

// The emulator's online meetings and attendance reports, read by the production reader
// (src/training/teams-attendance.ts): Graph's shapes, paging and refusals (docs/emulator.md).
describe('online meetings and attendance reports in the emulator', () => {
  let emulator: M365Emulator;
  let stateDir: string;
  let graph: GraphClient;
  const clientOf = (of: M365Emulator) =>
    createGraphClient({
      baseUrl: of.graphBaseUrl,
      getToken: createAppTokenProvider(emulatorEntraSettings(of)),
      caCertPem: of.caCertPem,
      retryDelaySeconds: 1,
    });
  const raw = () => createFetch(emulator.caCertPem);
  const token = () => createAppTokenProvider(emulatorEntraSettings(emulator))();

  beforeAll(async () => {
    stateDir = mkdtempSync(path.join(tmpdir(), 'hagukumi-meetings-'));
    emulator = await startM365Emulator({ stateFile: path.join(stateDir, 'state.json') });
    graph = clientOf(emulator);
  });
  afterAll(async () => {
    await emulator?.close();
    rmSync(stateDir, { recursive: true, force: true });
  });

  const meeting = async (organizerId: string, subject: string) => {
    const created = await graph.post<{ onlineMeeting: { joinUrl: string } }>(`/users/${organizerId}/events`, {
      subject,
      start: { dateTime: '2026-12-08T10:00:00', timeZone: 'Tokyo Standard Time' },
      end: { dateTime: '2026-12-08T12:00:00', timeZone: 'Tokyo Standard Time' },
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
    });
    return created.onlineMeeting.joinUrl;
  };

  it('finds the meeting by its join link, has no report until Teams makes one, then reads every page', async () => {
    const organizer = emulator.people.find((person) => person.levelId === 'kacho')!;
    const staff = emulator.people.filter((person) => person.managerId === organizer.id);
    const joinUrl = await meeting(organizer.id, '出席の会');
    const reader = createGraphMeetingAttendance(graph);
    // The mailbox as a UPN: the reader looks its object id up first.
    expect(await reader.read(organizer.userPrincipalName, joinUrl)).toEqual({ kind: 'noReport' });
    expect(await reader.read(organizer.id, `${joinUrl}x`)).toEqual({ kind: 'noMeeting' });

    const admin = await raw()(`${emulator.url}/_emulator/attendance-reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        organizer: organizer.userPrincipalName,
        joinUrl,
        start: '2026-12-08T01:00:00Z',
        end: '2026-12-08T03:00:00Z',
        records: [
          { person: organizer.id, seconds: 7200, role: 'Organizer' },
          ...staff.map((person) => ({ person: person.id, seconds: 3600 })),
          ...Array.from({ length: 120 }, (_, index) => ({
            person: {
              id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
              displayName: `来訪者${index}`,
            },
            seconds: 60,
          })),
        ],
      }),
    });
    expect(admin.status).toBe(201);
    // A second run of the same meeting adds up.
    emulator.addAttendanceReport({
      organizer: organizer.id,
      joinUrl,
      start: '2026-12-08T04:00:00Z',
      end: '2026-12-08T04:30:00Z',
      records: [{ person: staff[0]!.id, seconds: 1800 }],
    });

    const reading = await reader.read(organizer.id, joinUrl);
    expect(reading.kind).toBe('report');
    if (reading.kind !== 'report') return;
    expect(reading.meetingSeconds).toBe(7200 + 1800);
    expect(reading.people).toHaveLength(1 + staff.length + 120);
    expect(reading.people.find((person) => person.id === staff[0]!.id)).toMatchObject({
      seconds: 3600 + 1800,
      displayName: staff[0]!.displayName,
    });

    // Graph's shapes: the meeting, the reports, and records paged with @odata.nextLink.
    const bearer = { authorization: `Bearer ${await token()}` };
    const filter = encodeURIComponent(`JoinWebUrl eq '${joinUrl}'`);
    const found = (await (
      await raw()(`${emulator.graphBaseUrl}/users/${organizer.id}/onlineMeetings?$filter=${filter}`, {
        headers: bearer,
      })
    ).json()) as { value: Array<{ id: string; joinWebUrl: string }> };
    expect(found.value).toEqual([expect.objectContaining({ joinWebUrl: joinUrl })]);
    const reports = (await (
      await raw()(
        `${emulator.graphBaseUrl}/users/${organizer.id}/onlineMeetings/${found.value[0]!.id}/attendanceReports`,
        {
          headers: bearer,
        },
      )
    ).json()) as { value: Array<{ id: string; totalParticipantCount: number }> };
    expect(reports.value).toHaveLength(2);
    const records = (await (
      await raw()(
        `${emulator.graphBaseUrl}/users/${organizer.id}/onlineMeetings/${found.value[0]!.id}/attendanceReports/${reports.value[1]!.id}/attendanceRecords`,
        { headers: bearer },
      )
    ).json()) as { value: Array<Record<string, unknown>>; '@odata.nextLink'?: string };
    expect(records.value).toHaveLength(100);
    expect(records['@odata.nextLink']).toBeTruthy();
    expect(records.value[0]).toMatchObject({
      role: 'Organizer',
      totalAttendanceInSeconds: 7200,
      identity: { id: organizer.id },
      attendanceIntervals: [expect.objectContaining({ durationInSeconds: 7200 })],
    });
  });

  it('refuses as Graph does: a UPN in the path, no filter, and no application access policy', async () => {
    const organizer = emulator.people.filter((person) => person.levelId === 'kakaricho')[0]!;
    const joinUrl = await meeting(organizer.id, '拒否の会');
    const bearer = { authorization: `Bearer ${await token()}` };
    const filter = encodeURIComponent(`JoinWebUrl eq '${joinUrl}'`);
    const byUpn = await raw()(
      `${emulator.graphBaseUrl}/users/${encodeURIComponent(organizer.userPrincipalName)}/onlineMeetings?$filter=${filter}`,
      { headers: bearer },
    );
    expect(byUpn.status).toBe(400);
    const unfiltered = await raw()(`${emulator.graphBaseUrl}/users/${organizer.id}/onlineMeetings`, {
      headers: bearer,
    });
    expect(unfiltered.status).toBe(400);

    const policy = await raw()(`${emulator.url}/_emulator/application-access-policy`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mailbox: organizer.userPrincipalName, granted: false }),
    });
    expect(policy.status).toBe(204);
    const refused = await createGraphMeetingAttendance(graph)
      .read(organizer.id, joinUrl)
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(GraphError);
    expect(refused).toMatchObject({ status: 403 });
    expect((refused as GraphError).message).toMatch(/application access policy/);
    emulator.setApplicationAccessPolicy(organizer.id, true);
    expect(await createGraphMeetingAttendance(graph).read(organizer.id, joinUrl)).toEqual({
      kind: 'noReport',
    });
  });

  it('refuses an app without OnlineMeetings.Read.All or OnlineMeetingArtifact.Read.All with 403', async () => {
    const limited = await startM365Emulator({
      stateFile: path.join(stateDir, 'limited.json'),
      appRoles: ['User.Read.All', 'Calendars.ReadWrite', 'OnlineMeetings.Read.All'],
    });
    try {
      const client = clientOf(limited);
      const organizer = limited.people.find((person) => person.levelId === 'kacho')!;
      const created = await client.post<{ onlineMeeting: { joinUrl: string } }>(
        `/users/${organizer.id}/events`,
        {
          subject: '権限の会',
          start: { dateTime: '2026-12-08T10:00:00', timeZone: 'Tokyo Standard Time' },
          end: { dateTime: '2026-12-08T11:00:00', timeZone: 'Tokyo Standard Time' },
          isOnlineMeeting: true,
        },
      );
      // The meeting is found (OnlineMeetings.Read.All), its reports are not (no OnlineMeetingArtifact.Read.All).
      const refused = await createGraphMeetingAttendance(client)
        .read(organizer.id, created.onlineMeeting.joinUrl)
        .catch((error: unknown) => error);
      expect(refused).toMatchObject({ status: 403 });
      expect((refused as GraphError).message).toMatch(/OnlineMeetingArtifact\.Read\.All/);
    } finally {
      await limited.close();
    }
  });
});
