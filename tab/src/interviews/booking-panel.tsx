// The supervisor books interviews: whom (people picker), how (plan settings), a proposal to adjust
// (plan view), then the confirmation that books them into Outlook (booked result).
import { Button, MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MAX_PEOPLE_PER_PLAN,
  type BookingRequest,
  type InterviewRequest,
  type InterviewSummary,
  type InterviewType,
  type PlanRequest,
} from '../../../src/interviews/interview.contract.ts';
import { ApiError, type ApiClient } from '../api/client.ts';
import { newIdempotencyKey } from '../api/idempotency-key.ts';
import { queryKeys, routeQuery } from '../data/queries.ts';
import { QueryState } from '../data/query-state.tsx';
import { ConflictBar } from '../shell/conflict-bar.tsx';
import { ErrorPanel } from '../shell/error-panel.tsx';
import { useLayoutStyles } from '../shell/layout.tsx';
import { Loading } from '../shell/loading.tsx';
import { BookedResult } from './booked-result.tsx';
import type { Outcome, Planned } from './booking-types.ts';
import { PeoplePicker } from './people-picker.tsx';
import { PlanSettingsFields } from './plan-settings.tsx';
import { PlanView } from './plan-view.tsx';
import { NO_SERIES, SeriesFields, seriesOf, type SeriesChoice } from './series-fields.tsx';
import { loadSaved, storeSaved } from './saved-booking.ts';
import {
  initialChoices,
  jstDayOf,
  PROBLEM_LIMITS,
  requestWindow,
  seasonSettings,
  settingsProblems,
  type PlanSettings,
} from './schedule.ts';

export function BookingPanel({
  api,
  organizerInterviews,
  onBooked,
  accepting,
  preset,
}: {
  api: ApiClient;
  /** The organizer list, kept fresh by the page: booked interviews show their status from it. */
  organizerInterviews: InterviewSummary[] | undefined;
  onBooked: () => void;
  /** A 1:1 request being accepted: the panel starts with its person and type 1on1 (mount it anew per request). */
  accepting?: InterviewRequest;
  /** A person and type to book (a career milestone's link): the panel starts with them (mount it anew per preset). */
  preset?: { personId: string; type: InterviewType };
}) {
  const { t } = useTranslation('interviews');
  const layout = useLayoutStyles();
  const queryClient = useQueryClient();
  const team = useQuery(routeQuery(api, queryKeys.team, 'GET /api/team'));
  const [initial] = useState(() => {
    const saved = loadSaved(new Date());
    return accepting
      ? {
          // The requested week, when it names one still to come; else the remembered window.
          settings: {
            ...saved.settings,
            type: 'oneOnOne' as const,
            ...requestWindow(accepting.preferredWeek, new Date()),
          },
          selected: [accepting.personId],
          touched: true,
        }
      : preset
        ? { settings: { ...saved.settings, type: preset.type }, selected: [preset.personId], touched: true }
        : saved;
  });
  const [ownSettings, setSettings] = useState<PlanSettings>(initial.settings);
  const [selected, setSelected] = useState<Set<string>>(() => new Set(initial.selected));
  const [problems, setProblems] = useState<string[]>([]);
  // HR's open windows say which interview season it is (GET /api/cycles/due, shared with the home):
  // until the supervisor changes a setting, the season's type and window are the defaults.
  const due = useQuery(routeQuery(api, queryKeys.due, 'GET /api/cycles/due'));
  const [touched, setTouched] = useState(initial.touched === true);
  const settings = useMemo(
    () =>
      touched || !due.data ? ownSettings : { ...ownSettings, ...seasonSettings(due.data.open, new Date()) },
    [ownSettings, touched, due.data],
  );
  // Asking for a plan reads free/busy (a POST for its body); booking writes to Outlook.
  const planRequest = useMutation({
    mutationFn: (body: PlanRequest) => api.call('POST /api/interviews/plan', { body }),
  });
  const planning = planRequest.isPending;
  const planError = planRequest.error ?? undefined;
  const bookingRequest = useMutation({
    mutationFn: (body: BookingRequest) => api.call('POST /api/interviews/bookings', { body }),
    // The team page shows each member's next interview; the page refreshes its own lists (onBooked).
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.team }),
  });
  const confirming = bookingRequest.isPending;
  const [planned, setPlanned] = useState<Planned | undefined>();
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const [seriesChoice, setSeriesChoice] = useState<SeriesChoice>(NO_SERIES);
  // One key per confirmation: a retry of the same plan and choices sends the same key and books once.
  const confirmation = useRef<{ key: string; signature: string } | undefined>(undefined);

  useEffect(() => storeSaved({ settings, selected: [...selected], touched }), [settings, selected, touched]);

  const members = useMemo(() => team.data?.members ?? [], [team.data]);
  // Only people still in the team count: someone remembered from an earlier session may have moved on.
  const chosen = useMemo(() => members.filter((member) => selected.has(member.id)), [members, selected]);

  const update = <K extends keyof PlanSettings>(key: K, value: PlanSettings[K]) => {
    // The first change starts from what is shown, the season's defaults included.
    const shown = settings;
    setTouched(true);
    setSettings((current) => ({ ...(touched ? current : shown), [key]: value }));
  };

  const findTimes = () => {
    const found = [
      ...(chosen.length === 0 ? ['people'] : []),
      ...settingsProblems(settings, jstDayOf(new Date())),
    ];
    setProblems(found);
    if (found.length > 0 || chosen.length > MAX_PEOPLE_PER_PLAN) return;
    setOutcome(undefined);
    const used = { ...settings, breaks: settings.breaks.map((pause) => ({ ...pause })) };
    const body: PlanRequest = { personIds: chosen.map((member) => member.id), ...used };
    planRequest.mutate(body, {
      onSuccess: (plan) => setPlanned({ plan, settings: used, choices: initialChoices(plan) }),
    });
  };

  // A 1:1 with one person may repeat: one Outlook recurring meeting, one record per occurrence.
  const seriesPossible = planned?.settings.type === 'oneOnOne' && planned.plan.slots.length === 1;

  const confirm = () => {
    if (!planned) return;
    const { type, ...plan } = planned.settings;
    const slots = planned.plan.slots.map((slot) => ({
      personId: slot.personId,
      ...planned.choices[slot.personId]!,
    }));
    const series = seriesPossible ? seriesOf(seriesChoice) : undefined;
    const signature = JSON.stringify({ type, plan, slots, series });
    if (confirmation.current?.signature !== signature)
      confirmation.current = { key: newIdempotencyKey(), signature };
    const body: BookingRequest = {
      idempotencyKey: confirmation.current.key,
      ...(accepting ? { requestId: accepting.id } : {}),
      type,
      plan,
      slots,
      ...(series ? { series } : {}),
    };
    setOutcome(undefined);
    bookingRequest.mutate(body, {
      onSuccess: (booking) => {
        setOutcome({ kind: 'booked', booking });
        onBooked();
      },
      onError: (error) => {
        if (error instanceof ApiError && error.status === 409) {
          const names = error.details
            .map((detail) => /^body\.slots\.(\d+)$/.exec(detail.path))
            .filter((match): match is RegExpExecArray => match !== null)
            .map((match) => planned.plan.slots[Number(match[1])]?.displayName ?? '')
            .filter(Boolean);
          setOutcome({ kind: 'conflict', names });
        } else {
          setOutcome({ kind: 'error', error });
        }
      },
    });
  };

  const startOver = () => {
    setPlanned(undefined);
    setOutcome(undefined);
    confirmation.current = undefined;
  };

  if (team.data === undefined) return <QueryState query={team}>{() => null}</QueryState>;
  if (members.length === 0)
    return (
      <p className={layout.muted} data-testid="booking-no-team">
        {t('book.noTeam')}
      </p>
    );

  if (outcome?.kind === 'booked')
    return (
      <BookedResult
        booking={outcome.booking}
        organizerInterviews={organizerInterviews}
        onAgain={() => {
          startOver();
          setSelected(new Set());
        }}
      />
    );

  const stale = planned !== undefined && JSON.stringify(planned.settings) !== JSON.stringify(settings);
  const tooMany = chosen.length > MAX_PEOPLE_PER_PLAN;

  return (
    <div className={layout.stack} data-testid="booking-panel">
      <p className={layout.muted}>{t('book.intro')}</p>
      {accepting ? (
        <MessageBar intent="info" data-testid="booking-accepting">
          <MessageBarBody>
            <MessageBarTitle>{t('requests.accepting', { name: accepting.personName })}</MessageBarTitle>
            {accepting.topic}
          </MessageBarBody>
        </MessageBar>
      ) : null}

      <PeoplePicker members={members} selected={selected} onChange={setSelected} />
      {tooMany ? (
        <MessageBar intent="warning">
          <MessageBarBody>{t('book.tooMany', { max: MAX_PEOPLE_PER_PLAN })}</MessageBarBody>
        </MessageBar>
      ) : null}

      <PlanSettingsFields settings={settings} onChange={update} />

      {problems.length > 0 ? (
        <MessageBar intent="warning" role="alert" data-testid="booking-problems">
          <MessageBarBody>
            {problems.map((problem) => (
              <div key={problem}>{t(`book.problems.${problem}`, PROBLEM_LIMITS)}</div>
            ))}
          </MessageBarBody>
        </MessageBar>
      ) : null}

      <div className={layout.row}>
        <Button
          appearance={planned ? 'secondary' : 'primary'}
          disabled={planning || tooMany}
          onClick={() => void findTimes()}
          data-testid="booking-find"
        >
          {planning ? t('book.finding') : t('book.find')}
        </Button>
        <span role="status" className={layout.muted}>
          {t('book.selected', { count: chosen.length })}
        </span>
      </div>
      {planning ? <Loading /> : null}
      {planError ? <ErrorPanel error={planError} onRetry={() => void findTimes()} /> : null}

      {planned && !planning ? (
        <PlanView
          planned={planned}
          stale={stale}
          onChoose={(personId, slot) =>
            setPlanned((current) =>
              current ? { ...current, choices: { ...current.choices, [personId]: slot } } : current,
            )
          }
        />
      ) : null}

      {outcome?.kind === 'conflict' ? (
        <ConflictBar
          title={t('conflict.title')}
          body={
            outcome.names.length > 0 ? (
              <>
                {t('conflict.body')}
                <ul data-testid="booking-conflict-people">
                  {outcome.names.map((name) => (
                    <li key={name}>{name}</li>
                  ))}
                </ul>
              </>
            ) : (
              t('conflict.other')
            )
          }
          testId="booking-conflict"
        >
          <Button onClick={() => void findTimes()} data-testid="booking-replan">
            {t('conflict.replan')}
          </Button>
        </ConflictBar>
      ) : null}
      {outcome?.kind === 'error' ? <ErrorPanel error={outcome.error} onRetry={() => void confirm()} /> : null}

      {planned && !planning && planned.plan.slots.length > 0 ? (
        <div className={layout.stack}>
          {seriesPossible ? <SeriesFields value={seriesChoice} onChange={setSeriesChoice} /> : null}
          <p className={layout.muted}>{t('plan.confirmHint')}</p>
          <div className={layout.row}>
            <Button
              appearance="primary"
              disabled={confirming}
              onClick={() => void confirm()}
              data-testid="booking-confirm"
            >
              {confirming ? t('plan.confirming') : t('plan.confirm', { count: planned.plan.slots.length })}
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
