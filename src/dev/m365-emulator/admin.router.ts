// The emulator's own test hooks under /_emulator/ (faults, latency, stats, reset, people, a mailbox's
// online meeting providers), for a test that runs the emulator as a process of its own.
import { z } from 'zod';
import type { EmulatorContext } from './context.ts';
import type { GraphResult } from './graph-http.ts';
import type { AttendanceInput } from './online-meetings.router.ts';
import type { FaultController, Throttling } from './throttling.ts';

export function createAdminRouter(
  ctx: EmulatorContext,
  hooks: {
    faults: FaultController;
    stats: Throttling['stats'];
    reset(): void;
    setOnlineMeetingProviders(mailbox: string, providers: Array<'teamsForBusiness'>): void;
    addAttendanceReport(input: AttendanceInput): string;
    setApplicationAccessPolicy(mailbox: string, granted: boolean): void;
  },
) {
  const { people, findPerson } = ctx;
  const { faults } = hooks;
  const faultSchema = z.object({
    status: z.union([z.literal(403), z.literal(429), z.literal(503), z.literal(504)]),
    retryAfterSeconds: z.number().int().min(0).max(600).optional(),
    count: z.number().int().min(1).optional(),
    pathPattern: z.string().optional(),
    mailbox: z.string().optional(),
    inBatch: z.boolean().optional(),
  });
  const attendanceSchema = z
    .object({
      organizer: z.string().min(1),
      joinUrl: z.string().min(1),
      start: z.iso.datetime({ offset: true }),
      end: z.iso.datetime({ offset: true }),
      records: z
        .array(
          z.object({
            person: z.union([
              z.string().min(1),
              z.object({ id: z.string().min(1), displayName: z.string() }),
            ]),
            seconds: z
              .number()
              .int()
              .min(0)
              .max(7 * 24 * 3600),
            role: z.enum(['None', 'Attendee', 'Presenter', 'Organizer']).optional(),
          }),
        )
        .max(1000),
    })
    .strict();
  const admin = (method: string, pathname: string, text: string): GraphResult => {
    if (pathname === '/_emulator/stats' && method === 'GET') return { status: 200, body: hooks.stats() };
    if (pathname === '/_emulator/people' && method === 'GET') return { status: 200, body: people };
    if (pathname === '/_emulator/reset' && method === 'POST') {
      hooks.reset();
      return { status: 204 };
    }
    if (pathname === '/_emulator/faults' && method === 'DELETE') {
      faults.clear();
      return { status: 204 };
    }
    if (pathname === '/_emulator/faults' && method === 'POST') {
      const parsed = z
        .object({
          rules: z.array(faultSchema).optional(),
          latencyMs: z.number().int().min(0).max(60_000).optional(),
        })
        .safeParse(JSON.parse(text || '{}'));
      if (!parsed.success)
        return { status: 400, body: { error: parsed.error.issues.map((issue) => issue.message).join('; ') } };
      for (const rule of parsed.data.rules ?? []) faults.add(rule);
      if (parsed.data.latencyMs !== undefined) faults.setLatency(parsed.data.latencyMs);
      return { status: 204 };
    }
    if (pathname === '/_emulator/online-meeting-providers' && method === 'POST') {
      const parsed = z
        .object({ mailbox: z.string().min(1), providers: z.array(z.literal('teamsForBusiness')).max(1) })
        .strict()
        .safeParse(JSON.parse(text || '{}'));
      if (!parsed.success)
        return { status: 400, body: { error: parsed.error.issues.map((issue) => issue.message).join('; ') } };
      if (!findPerson(parsed.data.mailbox)) return { status: 404, body: { error: 'no such mailbox' } };
      hooks.setOnlineMeetingProviders(parsed.data.mailbox, parsed.data.providers);
      return { status: 204 };
    }
    if (pathname === '/_emulator/attendance-reports' && method === 'POST') {
      const parsed = attendanceSchema.safeParse(JSON.parse(text || '{}'));
      if (!parsed.success)
        return { status: 400, body: { error: parsed.error.issues.map((issue) => issue.message).join('; ') } };
      try {
        return { status: 201, body: { id: hooks.addAttendanceReport(parsed.data) } };
      } catch (error) {
        return { status: 404, body: { error: (error as Error).message } };
      }
    }
    if (pathname === '/_emulator/application-access-policy' && method === 'POST') {
      const parsed = z
        .object({ mailbox: z.string().min(1), granted: z.boolean() })
        .strict()
        .safeParse(JSON.parse(text || '{}'));
      if (!parsed.success)
        return { status: 400, body: { error: parsed.error.issues.map((issue) => issue.message).join('; ') } };
      if (!findPerson(parsed.data.mailbox)) return { status: 404, body: { error: 'no such mailbox' } };
      hooks.setApplicationAccessPolicy(parsed.data.mailbox, parsed.data.granted);
      return { status: 204 };
    }
    return { status: 404, body: { error: 'no such admin endpoint' } };
  };
  return admin;
}
