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
  /** A setting of one mailbox: the body names the mailbox and what to set (nothing else). */
  const mailboxSetting = <T extends z.ZodRawShape>(shape: T) =>
    z.object({ mailbox: z.string().min(1), ...shape }).strict();
  /** Applies a setting to a mailbox that exists: 204, or 404 when nobody has that mailbox. */
  const ofMailbox = (mailbox: string, set: () => void): GraphResult => {
    if (!findPerson(mailbox)) return { status: 404, body: { error: 'no such mailbox' } };
    set();
    return { status: 204 };
  };
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
      const schema = z.object({
        rules: z.array(faultSchema).optional(),
        latencyMs: z.number().int().min(0).max(60_000).optional(),
      });
      return withBody(schema, text, ({ rules, latencyMs }) => {
        for (const rule of rules ?? []) faults.add(rule);
        if (latencyMs !== undefined) faults.setLatency(latencyMs);
        return { status: 204 };
      });
    }
    if (pathname === '/_emulator/online-meeting-providers' && method === 'POST') {
      const schema = mailboxSetting({ providers: z.array(z.literal('teamsForBusiness')).max(1) });
      return withBody(schema, text, ({ mailbox, providers }) =>
        ofMailbox(mailbox, () => hooks.setOnlineMeetingProviders(mailbox, providers)),
      );
    }
    if (pathname === '/_emulator/attendance-reports' && method === 'POST') {
      return withBody(attendanceSchema, text, (input) => {
        try {
          return { status: 201, body: { id: hooks.addAttendanceReport(input) } };
        } catch (error) {
          return { status: 404, body: { error: (error as Error).message } };
        }
      });
    }
    if (pathname === '/_emulator/application-access-policy' && method === 'POST') {
      const schema = mailboxSetting({ granted: z.boolean() });
      return withBody(schema, text, ({ mailbox, granted }) =>
        ofMailbox(mailbox, () => hooks.setApplicationAccessPolicy(mailbox, granted)),
      );
    }
    return { status: 404, body: { error: 'no such admin endpoint' } };
  };
  return admin;
}

/** The hook's JSON body checked against `schema`: 400 naming every problem, else what `use` answers. */
function withBody<S extends z.ZodType>(
  schema: S,
  text: string,
  use: (body: z.infer<S>) => GraphResult,
): GraphResult {
  const parsed = schema.safeParse(JSON.parse(text || '{}'));
  if (!parsed.success)
    return { status: 400, body: { error: parsed.error.issues.map((issue) => issue.message).join('; ') } };
  return use(parsed.data);
}
