import { eq } from 'drizzle-orm';
import type { Actor } from '../auth/access.ts';
import type { AuditLog } from '../auth/audit.ts';
import type { DeclarationWindow } from '../growth/declaration.contract.ts';
import { FIRST_FISCAL_YEAR, type HalfPeriod } from '../shared/fiscal-period.ts';
import { AppError } from '../http/app-error.ts';
import type { PeopleStore } from '../people/people.store.ts';
import {
  CYCLE_KINDS,
  type CycleActor,
  type CycleKind,
  type CycleOpenInput,
  type CycleRescheduleInput,
  type CycleVersionInput,
  type CycleWindow,
  type CycleWindowInput,
  type CycleWindowState,
  type CycleYearResponse,
  type DueItem,
  type DueResponse,
  type TeamDueItem,
} from './cycle.contract.ts';
import { TASKS, periodOf, type DueCalculator } from './cycle-due.ts';
import {
  checkClosable,
  checkOpenable,
  checkPlannableYear,
  checkPlannedDays,
  effectiveState,
  fiscalYearBounds,
  fiscalYearOfDay,
  japanToday,
  SELF_CHECK_KINDS,
} from './cycle-rules.ts';
import { cycleWindows } from './cycle.schema.ts';
import type { CycleStore, EventRow, WindowRow } from './cycle.store.ts';

export interface CycleDependencies {
  store: CycleStore;
  due: DueCalculator;
  people: Pick<PeopleStore, 'getMany' | 'reportsBelow'>;
  audit: AuditLog;
  now: () => Date;
}

export function createCycleService(deps: CycleDependencies) {
  const { store } = deps;
  const today = () => japanToday(deps.now());

  const requireHr = (actor: Actor) => {
    if (!actor.isHr)
      throw new AppError('forbidden', 'Only HR (職員課) opens, closes and plans the fiscal-year windows.');
  };

  const actorsOf = async (ids: Array<string | null>) => {
    const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
    const found = new Map(
      (await deps.people.getMany(wanted)).map((person) => [person.id, person.displayName]),
    );
    return (id: string | null): CycleActor | null => (id ? { id, displayName: found.get(id) ?? null } : null);
  };

  const baseView = (row: WindowRow): CycleWindow => {
    const { state, ended } = effectiveState(row, today());
    return {
      id: row.id,
      fiscalYear: row.fiscalYear,
      kind: row.kind,
      state,
      opensOn: row.opensOn,
      closesOn: row.closesOn,
      openedAt: row.openedAt?.toISOString() ?? null,
      closedAt: row.closedAt?.toISOString() ?? null,
      ended,
      version: row.version,
    };
  };

  /** HR sees who did what; everyone else sees the window only. */
  const views = async (rows: WindowRow[], actor: Actor): Promise<CycleWindow[]> => {
    const sorted = [...rows].sort((a, b) => CYCLE_KINDS.indexOf(a.kind) - CYCLE_KINDS.indexOf(b.kind));
    if (!actor.isHr) return sorted.map(baseView);
    const events = await store.history(sorted.map((row) => row.id));
    const who = await actorsOf([
      ...sorted.flatMap((row) => [row.openedBy, row.closedBy]),
      ...events.map((event) => event.actorId),
    ]);
    const eventView = (event: EventRow) => ({
      at: event.at.toISOString(),
      action: event.action,
      actor: who(event.actorId)!,
      state: event.state,
      opensOn: event.opensOn,
      closesOn: event.closesOn,
    });
    return sorted.map((row) => ({
      ...baseView(row),
      openedBy: who(row.openedBy),
      closedBy: who(row.closedBy),
      history: events.filter((event) => event.windowId === row.id).map(eventView),
    }));
  };
  const viewOne = async (row: WindowRow, actor: Actor) => (await views([row], actor))[0]!;

  const audit = (actor: Actor, row: WindowRow, action: EventRow['action']) =>
    deps.audit.record({
      actorId: actor.id,
      subjectId: null,
      action: 'write',
      resource: 'cycle-window',
      details: {
        windowId: row.id,
        fiscalYear: row.fiscalYear,
        kind: row.kind,
        change: action,
        opensOn: row.opensOn,
        closesOn: row.closesOn,
      },
    });

  const load = async (id: string): Promise<WindowRow> => {
    const row = await store.get(id);
    if (!row) throw new AppError('not_found', 'No such window.');
    return row;
  };

  const stale = (row: WindowRow | undefined) =>
    new AppError(
      'version_conflict',
      `This window was changed by someone else in the meantime${row ? ` (now version ${row.version})` : ''}. Reload to see it.`,
      row ? [{ path: 'body.version', message: `current version is ${row.version}` }] : [],
    );

  /** The window HR changes, checked against the version their change was made on. */
  const loadForChange = async (actor: Actor, id: string, expected: number): Promise<WindowRow> => {
    requireHr(actor);
    const row = await load(id);
    if (row.version !== expected) throw stale(row);
    return row;
  };

  /** Opens a window now. Opened ahead of its planned first day, the first day becomes today. */
  const openRow = async (actor: Actor, row: WindowRow, closesOn: string | undefined): Promise<WindowRow> => {
    const day = today();
    const lastDay = closesOn ?? row.closesOn;
    const { first } = fiscalYearBounds(row.fiscalYear);
    const opensOn = day < row.opensOn ? (day < first ? first : day) : row.opensOn;
    checkPlannedDays(row.fiscalYear, opensOn, lastDay);
    checkOpenable({ ...row, closesOn: lastDay }, day);
    const action = row.state === 'scheduled' ? 'opened' : 'reopened';
    const updated = await store.update(
      row.id,
      row.version,
      undefined,
      {
        state: 'open',
        opensOn,
        closesOn: lastDay,
        openedAt: deps.now(),
        openedBy: actor.id,
        closedAt: null,
        closedBy: null,
      },
      actor.id,
      action,
    );
    if (!updated) throw stale(await store.get(row.id));
    await audit(actor, updated, action);
    return updated;
  };

  const closeRow = async (actor: Actor, row: WindowRow): Promise<WindowRow> => {
    checkClosable(row);
    const updated = await store.update(
      row.id,
      row.version,
      eq(cycleWindows.state, 'open'),
      { state: 'closed', closedAt: deps.now(), closedBy: actor.id },
      actor.id,
      'closed',
    );
    if (!updated) throw stale(await store.get(row.id));
    await audit(actor, updated, 'closed');
    return updated;
  };

  /** Whether a window of that kind and year is open today; undefined when HR has configured none. */
  const isOpen = async (fiscalYear: number, kind: CycleKind): Promise<boolean | undefined> => {
    const row = await store.find(fiscalYear, kind);
    return row ? effectiveState(row, today()).state === 'open' : undefined;
  };

  const declarationView = (row: WindowRow): DeclarationWindow => ({
    fiscalYear: row.fiscalYear,
    openedAt: row.openedAt!.toISOString(),
    closesOn: row.closesOn,
    closedAt: row.closedAt?.toISOString() ?? null,
    isOpen: effectiveState(row, today()).state === 'open',
  });

  return {
    async year(actor: Actor, fiscalYear: number | undefined): Promise<CycleYearResponse> {
      const day = today();
      const current = fiscalYearOfDay(day);
      const year = fiscalYear ?? current;
      return {
        fiscalYear: year,
        currentFiscalYear: current,
        today: day,
        windows: await views(await store.year(year), actor),
      };
    },

    async create(actor: Actor, input: CycleWindowInput): Promise<CycleWindow> {
      requireHr(actor);
      checkPlannableYear(input.fiscalYear, today());
      checkPlannedDays(input.fiscalYear, input.opensOn, input.closesOn);
      const row = await store.insert(
        { ...input, state: 'scheduled', createdBy: actor.id },
        actor.id,
        'scheduled',
      );
      if (!row)
        throw new AppError(
          'conflict',
          `Fiscal year ${input.fiscalYear} already has a ${input.kind} window: change that one instead.`,
        );
      await audit(actor, row, 'scheduled');
      return viewOne(row, actor);
    },

    async reschedule(actor: Actor, id: string, input: CycleRescheduleInput): Promise<CycleWindow> {
      const row = await loadForChange(actor, id, input.version);
      checkPlannedDays(row.fiscalYear, input.opensOn, input.closesOn);
      const { state } = effectiveState(row, today());
      if (state === 'closed')
        throw new AppError('conflict', 'This window is closed: reopen it with a new last day instead.');
      if (state === 'open' && input.closesOn < today())
        throw new AppError(
          'unprocessable',
          'An open window’s last day cannot be in the past: close it instead.',
          [{ path: 'body.closesOn', message: `must be today (${today()}) or later` }],
        );
      const updated = await store.update(
        id,
        input.version,
        undefined,
        { opensOn: input.opensOn, closesOn: input.closesOn },
        actor.id,
        'rescheduled',
      );
      if (!updated) throw stale(await store.get(id));
      await audit(actor, updated, 'rescheduled');
      return viewOne(updated, actor);
    },

    async open(actor: Actor, id: string, input: CycleOpenInput): Promise<CycleWindow> {
      const row = await loadForChange(actor, id, input.version);
      return viewOne(await openRow(actor, row, input.closesOn), actor);
    },

    async close(actor: Actor, id: string, input: CycleVersionInput): Promise<CycleWindow> {
      const row = await loadForChange(actor, id, input.version);
      return viewOne(await closeRow(actor, row), actor);
    },

    /** For the self-check service: its half's window, or undefined when HR configured none (default rule). */
    async isSelfCheckOpen(period: HalfPeriod): Promise<boolean | undefined> {
      return isOpen(period.fiscalYear, SELF_CHECK_KINDS[period.half]);
    },

    /**
     * For the goal service: the window of a goal stage (期首 goalSetting, 中間 midYear, 期末 yearEnd) in a
     * fiscal year as it stands today, or undefined when HR has configured none (the old rule applies).
     */
    async goalStageWindow(
      fiscalYear: number,
      kind: 'goalSetting' | 'midYear' | 'yearEnd',
    ): Promise<{ state: CycleWindowState; opensOn: string; closesOn: string } | undefined> {
      const row = await store.find(fiscalYear, kind);
      if (!row) return undefined;
      return { state: effectiveState(row, today()).state, opensOn: row.opensOn, closesOn: row.closesOn };
    },

    /** The 自己申告 routes of issue 7, kept as they were, over the year's declaration window. */
    declarationWindows: {
      async find(fiscalYear: number): Promise<DeclarationWindow | undefined> {
        const row = await store.find(fiscalYear, 'declaration');
        return row?.openedAt ? declarationView(row) : undefined;
      },

      async list(): Promise<DeclarationWindow[]> {
        const rows = await store.ofKind('declaration');
        return rows
          .filter((row) => row.openedAt !== null)
          .sort((a, b) => b.fiscalYear - a.fiscalYear)
          .map(declarationView);
      },

      /** Opens the year's window until `closesOn`, creating it, or reopening a closed one. */
      async open(actor: Actor, fiscalYear: number, closesOn: string): Promise<DeclarationWindow> {
        requireHr(actor);
        const day = today();
        checkPlannableYear(fiscalYear, day);
        const { first, last } = fiscalYearBounds(fiscalYear);
        if (closesOn < day || closesOn > last)
          throw new AppError('unprocessable', `The last day must be between today (${day}) and ${last}.`, [
            { path: 'body.closesOn', message: `must be from ${day} to ${last}` },
          ]);
        let row = await store.find(fiscalYear, 'declaration');
        if (!row) {
          const opensOn = day < first ? first : day;
          checkPlannedDays(fiscalYear, opensOn, closesOn);
          row = await store.insert(
            { fiscalYear, kind: 'declaration', state: 'scheduled', opensOn, closesOn, createdBy: actor.id },
            actor.id,
            'scheduled',
          );
          // Two HR staff at once: the other one created it; go on with theirs (its state decides).
          row ??= await store.find(fiscalYear, 'declaration');
          if (!row) throw new AppError('conflict', 'The window changed meanwhile; try again.');
        }
        if (effectiveState(row, day).state === 'open')
          throw new AppError(
            'conflict',
            `The 自己申告 window for fiscal year ${fiscalYear} is already open.`,
          );
        return declarationView(await openRow(actor, row, closesOn));
      },

      async close(actor: Actor, fiscalYear: number): Promise<DeclarationWindow> {
        requireHr(actor);
        const row = fiscalYear >= FIRST_FISCAL_YEAR ? await store.find(fiscalYear, 'declaration') : undefined;
        if (!row?.openedAt)
          throw new AppError('not_found', `No 自己申告 window was opened for fiscal year ${fiscalYear}.`);
        if (row.state === 'closed')
          throw new AppError(
            'conflict',
            `The 自己申告 window for fiscal year ${fiscalYear} is already closed.`,
          );
        return declarationView(await closeRow(actor, row));
      },
    },

    async due(actor: Actor): Promise<DueResponse> {
      const open = await deps.due.openNow();
      const mine: DueItem[] = [];
      for (const window of open) {
        const { owed } = await deps.due.owing(window, [actor.id]);
        const count = owed.get(actor.id);
        if (!count) continue;
        const period = periodOf(window);
        mine.push({
          kind: window.kind,
          windowId: window.windowId,
          fiscalYear: window.fiscalYear,
          closesOn: window.closesOn,
          ...TASKS[window.kind],
          count,
          ...(period ? { period } : {}),
        });
      }

      // Everyone below me, each once (a loop in the directory's lines could bring someone back).
      const below = await deps.people.reportsBelow(actor.id);
      const teamIds = [...new Set(below.map((person) => person.id))].filter((id) => id !== actor.id);
      let team: TeamDueItem[] | null = null;
      if (teamIds.length > 0) {
        team = [];
        // 自己申告 is confidential to HR: not even whether it was submitted reaches the supervisor.
        for (const window of open.filter((candidate) => candidate.kind !== 'declaration')) {
          const { applies, owed } = await deps.due.owing(window, teamIds);
          if (applies.length === 0) continue;
          team.push({
            kind: window.kind,
            windowId: window.windowId,
            closesOn: window.closesOn,
            task: TASKS[window.kind].task,
            owing: owed.size,
            of: applies.length,
          });
        }
        // Counts about named reports are a read of their data, like the team overview: one row per look.
        if (team.length > 0)
          await deps.audit.record({
            actorId: actor.id,
            subjectId: null,
            action: 'read',
            resource: 'cycles-due-team',
            details: { members: teamIds.length, windows: team.map((item) => item.kind) },
          });
      }
      return {
        today: today(),
        open: open.map(({ kind, windowId, fiscalYear, closesOn }) => ({
          kind,
          windowId,
          fiscalYear,
          closesOn,
        })),
        mine,
        team,
      };
    },
  };
}

export type CycleService = ReturnType<typeof createCycleService>;
