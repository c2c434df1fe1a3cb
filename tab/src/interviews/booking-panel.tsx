import {
  Button,
  Checkbox,
  Field,
  Input,
  Link,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Select,
  tokens,
} from '@fluentui/react-components';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TeamMember, TeamResponse } from '../../../src/growth/team.contract.ts';
import {
  INTERVIEW_TYPES,
  MAX_PEOPLE_PER_PLAN,
  type BookingRequest,
  type BookingResponse,
  type InterviewSummary,
  type InterviewType,
  type PlanRequest,
  type PlanResponse,
} from '../../../src/interviews/interview.contract.ts';
import { ApiError, type ApiClient } from '../api/client.ts';
import { newIdempotencyKey } from '../api/idempotency-key.ts';
import { apiQuery, queryKeys } from '../data/queries.ts';
import { QueryState } from '../data/query-state.tsx';
import { ErrorPanel } from '../shell/error-panel.tsx';
import { useLayoutStyles } from '../shell/layout.tsx';
import { Loading } from '../shell/loading.tsx';
import { hrefOf } from '../shell/router.ts';
import { usePickerStyles } from './picker-styles.ts';
import { StatusBadge } from './interview-badges.tsx';
import {
  defaultSettings,
  formatSlot,
  initialChoices,
  jstDayOf,
  optionsFor,
  settingsProblems,
  type Choices,
  type PlanSettings,
} from './schedule.ts';

const NOTICE_OPTIONS = [0, 60, 240, 1440, 2880, 4320, 10080] as const;
const STORAGE_KEY = 'hagukumi.interviews.booking';

const useStyles = makeStyles({
  fields: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(140px, 1fr))',
    gap: '8px 12px',
    alignItems: 'end',
    // A grid item is as wide as its content by default: a long interview type would push past the card.
    '& > *': { minWidth: 0 },
  },
  fieldset: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: '8px 12px 12px',
    margin: 0,
    minWidth: 0,
  },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: '0 4px' },
  members: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))',
    gap: '0 12px',
  },
  typeField: { maxWidth: '480px', minWidth: 0 },
  breakRow: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'end' },
  planList: {
    listStyle: 'none',
    padding: 0,
    margin: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: '8px',
  },
  planRow: {
    display: 'grid',
    gridTemplateColumns: 'minmax(8em, 1fr) minmax(0, 2fr)',
    gap: '4px 12px',
    alignItems: 'center',
    padding: '8px 0',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    '@media (max-width: 599px)': { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  name: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  // Fluent's Field is a grid whose cell grows to the select's longest option unless allowed to shrink.
  select: { minWidth: 0 },
  bookedRow: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: '4px 12px',
    alignItems: 'center',
    padding: '6px 0',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
});

interface Saved {
  settings: PlanSettings;
  selected: string[];
}

/** The settings and the choice of people survive a reload of the tab (for this browser tab only). */
function loadSaved(now: Date): Saved {
  const fallback = { settings: defaultSettings(now), selected: [] };
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return fallback;
    const saved = JSON.parse(raw) as Partial<Saved>;
    const settings = { ...fallback.settings, ...saved.settings };
    // A remembered period that has begun is moved to the default one rather than planning in the past.
    if (settings.firstDay < fallback.settings.firstDay) {
      settings.firstDay = fallback.settings.firstDay;
      settings.lastDay = fallback.settings.lastDay;
    }
    return { settings, selected: Array.isArray(saved.selected) ? saved.selected : [] };
  } catch {
    return fallback;
  }
}

interface Planned {
  plan: PlanResponse;
  /** What the plan was made with: booking sends exactly these, even if the form changed since. */
  settings: PlanSettings;
  choices: Choices;
}

type Outcome =
  | { kind: 'conflict'; names: string[] }
  | { kind: 'error'; error: unknown }
  | { kind: 'booked'; booking: BookingResponse };

export function BookingPanel({
  api,
  organizerInterviews,
  onBooked,
}: {
  api: ApiClient;
  /** The organizer list, kept fresh by the page: booked interviews show their status from it. */
  organizerInterviews: InterviewSummary[] | undefined;
  onBooked: () => void;
}) {
  const { t } = useTranslation('interviews');
  const layout = useLayoutStyles();
  const styles = useStyles();
  const pickers = usePickerStyles();
  const team = useQuery(apiQuery<TeamResponse>(api, queryKeys.team, '/api/team'));
  const [initial] = useState(() => loadSaved(new Date()));
  const [settings, setSettings] = useState<PlanSettings>(initial.settings);
  const [selected, setSelected] = useState<Set<string>>(() => new Set(initial.selected));
  const [problems, setProblems] = useState<string[]>([]);
  // Asking for a plan reads free/busy (a POST for its body); booking writes to Outlook.
  const planRequest = useMutation({
    mutationFn: (body: PlanRequest) => api.request<PlanResponse>('POST', '/api/interviews/plan', body),
  });
  const planning = planRequest.isPending;
  const planError = planRequest.error ?? undefined;
  const bookingRequest = useMutation({
    mutationFn: (body: BookingRequest) =>
      api.request<BookingResponse>('POST', '/api/interviews/bookings', body),
  });
  const confirming = bookingRequest.isPending;
  const [planned, setPlanned] = useState<Planned | undefined>();
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  // One key per confirmation: a retry of the same plan and choices sends the same key and books once.
  const confirmation = useRef<{ key: string; signature: string } | undefined>(undefined);

  useEffect(() => {
    try {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ settings, selected: [...selected] }));
    } catch {
      // Storage can be off (private mode, policy): the panel still works, it just forgets on reload.
    }
  }, [settings, selected]);

  const members = useMemo(() => team.data?.members ?? [], [team.data]);
  // Only people still in the team count: someone remembered from an earlier session may have moved on.
  const chosen = useMemo(() => members.filter((member) => selected.has(member.id)), [members, selected]);

  const update = <K extends keyof PlanSettings>(key: K, value: PlanSettings[K]) =>
    setSettings((current) => ({ ...current, [key]: value }));

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

  const confirm = () => {
    if (!planned) return;
    const { type, ...plan } = planned.settings;
    const slots = planned.plan.slots.map((slot) => ({
      personId: slot.personId,
      ...planned.choices[slot.personId]!,
    }));
    const signature = JSON.stringify({ type, plan, slots });
    if (confirmation.current?.signature !== signature)
      confirmation.current = { key: newIdempotencyKey(), signature };
    const body: BookingRequest = { idempotencyKey: confirmation.current.key, type, plan, slots };
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

      <PeoplePicker members={members} selected={selected} onChange={setSelected} />
      {tooMany ? (
        <MessageBar intent="warning">
          <MessageBarBody>{t('book.tooMany', { max: MAX_PEOPLE_PER_PLAN })}</MessageBarBody>
        </MessageBar>
      ) : null}

      <Field label={t('book.type')} className={styles.typeField}>
        <Select
          className={styles.select}
          value={settings.type}
          onChange={(_, data) => update('type', data.value as InterviewType)}
          data-testid="booking-type"
        >
          {INTERVIEW_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`types.${type}`)}
            </option>
          ))}
        </Select>
      </Field>
      <div className={styles.fields}>
        <Field label={t('book.duration')}>
          <Input
            type="number"
            min={10}
            max={240}
            step={5}
            value={String(settings.durationMinutes)}
            onChange={(_, data) => update('durationMinutes', Number(data.value))}
            data-testid="booking-duration"
          />
        </Field>
        <Field label={t('book.buffer')}>
          <Input
            type="number"
            min={0}
            max={120}
            step={5}
            value={String(settings.bufferMinutes)}
            onChange={(_, data) => update('bufferMinutes', Number(data.value))}
            data-testid="booking-buffer"
          />
        </Field>
        <Field label={t('book.notice')}>
          <Select
            className={styles.select}
            value={String(settings.minimumNoticeMinutes)}
            onChange={(_, data) => update('minimumNoticeMinutes', Number(data.value))}
            data-testid="booking-notice"
          >
            {/* A remembered value that is not in the list still shows as itself. */}
            {(NOTICE_OPTIONS as readonly number[]).includes(settings.minimumNoticeMinutes) ? null : (
              <option value={String(settings.minimumNoticeMinutes)}>{settings.minimumNoticeMinutes}</option>
            )}
            {NOTICE_OPTIONS.map((minutes) => (
              <option key={minutes} value={String(minutes)}>
                {t(`book.noticeOptions.${minutes}`)}
              </option>
            ))}
          </Select>
        </Field>
      </div>

      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>{t('book.window')}</legend>
        <div className={styles.fields}>
          <Field label={t('book.firstDay')}>
            <Input
              type="date"
              input={{ className: pickers.native }}
              value={settings.firstDay}
              onChange={(_, data) => update('firstDay', data.value)}
              data-testid="booking-first-day"
            />
          </Field>
          <Field label={t('book.lastDay')}>
            <Input
              type="date"
              input={{ className: pickers.native }}
              value={settings.lastDay}
              onChange={(_, data) => update('lastDay', data.value)}
              data-testid="booking-last-day"
            />
          </Field>
        </div>
      </fieldset>

      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>{t('book.hours')}</legend>
        <div className={layout.stack}>
          <div className={styles.fields}>
            <Field label={t('book.dayStart')}>
              <Input
                type="time"
                input={{ className: pickers.native }}
                value={settings.dayStart}
                onChange={(_, data) => update('dayStart', data.value)}
                data-testid="booking-day-start"
              />
            </Field>
            <Field label={t('book.dayEnd')}>
              <Input
                type="time"
                input={{ className: pickers.native }}
                value={settings.dayEnd}
                onChange={(_, data) => update('dayEnd', data.value)}
                data-testid="booking-day-end"
              />
            </Field>
          </div>
          <div role="group" aria-label={t('book.breaks')}>
            <div className={layout.muted}>{t('book.breaks')}</div>
            {settings.breaks.map((pause, index) => (
              <div key={index} className={styles.breakRow}>
                <Field label={t('book.breakStart', { n: index + 1 })}>
                  <Input
                    type="time"
                    input={{ className: pickers.native }}
                    value={pause.start}
                    onChange={(_, data) =>
                      update(
                        'breaks',
                        settings.breaks.map((old, at) =>
                          at === index ? { ...old, start: data.value } : old,
                        ),
                      )
                    }
                  />
                </Field>
                <Field label={t('book.breakEnd', { n: index + 1 })}>
                  <Input
                    type="time"
                    input={{ className: pickers.native }}
                    value={pause.end}
                    onChange={(_, data) =>
                      update(
                        'breaks',
                        settings.breaks.map((old, at) => (at === index ? { ...old, end: data.value } : old)),
                      )
                    }
                  />
                </Field>
                <Button
                  onClick={() =>
                    update(
                      'breaks',
                      settings.breaks.filter((_, at) => at !== index),
                    )
                  }
                >
                  {t('book.removeBreak', { n: index + 1 })}
                </Button>
              </div>
            ))}
            <Button
              disabled={settings.breaks.length >= 5}
              onClick={() => update('breaks', [...settings.breaks, { start: '12:00', end: '13:00' }])}
              style={{ marginTop: 8 }}
            >
              {t('book.addBreak')}
            </Button>
          </div>
        </div>
      </fieldset>

      {problems.length > 0 ? (
        <MessageBar intent="warning" role="alert" data-testid="booking-problems">
          <MessageBarBody>
            {problems.map((problem) => (
              <div key={problem}>{t(`book.problems.${problem}`)}</div>
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
        <MessageBar intent="warning" role="alert" data-testid="booking-conflict">
          <MessageBarBody>
            <MessageBarTitle>{t('conflict.title')}</MessageBarTitle>
            {outcome.names.length > 0 ? (
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
            )}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => void findTimes()} data-testid="booking-replan">
              {t('conflict.replan')}
            </Button>
          </MessageBarActions>
        </MessageBar>
      ) : null}
      {outcome?.kind === 'error' ? <ErrorPanel error={outcome.error} onRetry={() => void confirm()} /> : null}

      {planned && !planning && planned.plan.slots.length > 0 ? (
        <div className={layout.stack}>
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

function PeoplePicker({
  members,
  selected,
  onChange,
}: {
  members: TeamMember[];
  selected: Set<string>;
  onChange: (next: Set<string>) => void;
}) {
  const { t } = useTranslation('interviews');
  const layout = useLayoutStyles();
  const styles = useStyles();
  const depths = [...new Set(members.map((member) => member.depth))].sort((a, b) => a - b);
  const toggle = (ids: string[], on: boolean) => {
    const next = new Set(selected);
    for (const id of ids) {
      if (on) next.add(id);
      else next.delete(id);
    }
    onChange(next);
  };
  return (
    <div className={layout.stack}>
      <div>
        <h3 className={layout.h3}>{t('book.people')}</h3>
        <span className={layout.muted}>{t('book.peopleHint')}</span>
      </div>
      {depths.map((depth) => {
        const group = members.filter((member) => member.depth === depth);
        const ids = group.map((member) => member.id);
        const count = ids.filter((id) => selected.has(id)).length;
        const legend = depth === 1 ? t('book.depth1') : t('book.depthN', { depth });
        return (
          <fieldset key={depth} className={styles.fieldset} data-testid={`booking-depth-${depth}`}>
            <legend className={styles.legend}>{legend}</legend>
            <Checkbox
              checked={count === 0 ? false : count === ids.length ? true : 'mixed'}
              onChange={(_, data) => toggle(ids, data.checked === true)}
              label={t('book.selectAll', { count: ids.length })}
              data-testid={`booking-select-all-${depth}`}
            />
            <div className={styles.members}>
              {group.map((member) => (
                <Checkbox
                  key={member.id}
                  checked={selected.has(member.id)}
                  onChange={(_, data) => toggle([member.id], data.checked === true)}
                  label={member.jobTitle ? `${member.displayName}（${member.jobTitle}）` : member.displayName}
                  data-testid={`booking-person-${member.id}`}
                />
              ))}
            </div>
          </fieldset>
        );
      })}
    </div>
  );
}

function PlanView({
  planned,
  stale,
  onChoose,
}: {
  planned: Planned;
  stale: boolean;
  onChoose: (personId: string, slot: { start: string; end: string }) => void;
}) {
  const { t, i18n } = useTranslation('interviews');
  const layout = useLayoutStyles();
  const styles = useStyles();
  const { plan, choices } = planned;
  const heading = useRef<HTMLHeadingElement>(null);
  // A new proposal appears below the form: keyboard and screen reader users are taken to it.
  useEffect(() => heading.current?.focus(), [plan]);
  return (
    <section className={layout.stack} aria-labelledby="interviews-plan" data-testid="plan">
      <h3 className={layout.h3} id="interviews-plan" ref={heading} tabIndex={-1}>
        {t('plan.title', { type: t(`types.${planned.settings.type}`) })}
      </h3>
      {stale ? (
        <MessageBar intent="info" data-testid="plan-stale">
          <MessageBarBody>{t('plan.stale')}</MessageBarBody>
        </MessageBar>
      ) : null}
      {plan.slots.length === 0 ? (
        <p className={layout.muted} data-testid="plan-empty">
          {t('plan.none')}
        </p>
      ) : (
        <>
          <p className={layout.muted}>{t('plan.intro')}</p>
          <ul className={styles.planList}>
            {plan.slots.map((slot) => {
              const current = choices[slot.personId]!;
              const options = optionsFor(slot, choices, planned.settings.bufferMinutes);
              const id = `plan-swap-${slot.personId}`;
              return (
                <li
                  key={slot.personId}
                  className={styles.planRow}
                  data-testid={`plan-row-${slot.personId}`}
                  data-start={current.start}
                >
                  <label className={styles.name} htmlFor={id}>
                    {slot.displayName}
                  </label>
                  <Select
                    id={id}
                    className={styles.select}
                    aria-label={t('plan.swap', { name: slot.displayName })}
                    value={`${current.start}|${current.end}`}
                    onChange={(_, data) => {
                      const [start, end] = data.value.split('|');
                      onChoose(slot.personId, { start: start!, end: end! });
                    }}
                    data-testid={`plan-swap-${slot.personId}`}
                  >
                    {options.map((option) => (
                      <option key={option.start} value={`${option.start}|${option.end}`}>
                        {formatSlot(option, i18n.language)}
                      </option>
                    ))}
                  </Select>
                </li>
              );
            })}
          </ul>
        </>
      )}
      {plan.unplaced.length > 0 ? (
        <div data-testid="plan-unplaced">
          <h4 className={layout.h3}>{t('plan.unplaced')}</h4>
          <ul>
            {plan.unplaced.map((entry) => (
              <li key={entry.personId} data-testid={`unplaced-${entry.personId}`} data-reason={entry.reason}>
                <strong>{entry.displayName}</strong>: {t(`plan.reasons.${entry.reason}`)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

function BookedResult({
  booking,
  organizerInterviews,
  onAgain,
}: {
  booking: BookingResponse;
  organizerInterviews: InterviewSummary[] | undefined;
  onAgain: () => void;
}) {
  const { t, i18n } = useTranslation('interviews');
  const layout = useLayoutStyles();
  const styles = useStyles();
  const latest = new Map((organizerInterviews ?? []).map((entry) => [entry.id, entry]));
  const interviews = booking.interviews.map((entry) => latest.get(entry.id) ?? entry);
  const pending = interviews.some((entry) => entry.status === 'pending');
  return (
    <section className={layout.stack} aria-labelledby="interviews-booked" data-testid="booked">
      <h3 className={layout.h3} id="interviews-booked">
        {t('booked.title')}
      </h3>
      <MessageBar intent={pending ? 'info' : 'success'}>
        <MessageBarBody role="status" data-testid="booked-state" data-pending={pending}>
          {pending ? t('booked.pending') : t('booked.done')}
        </MessageBarBody>
      </MessageBar>
      <ul className={styles.planList}>
        {interviews.map((entry) => (
          <li
            key={entry.id}
            className={styles.bookedRow}
            data-testid={`booked-${entry.personId}`}
            data-status={entry.status}
          >
            <span className={styles.name}>{entry.personName}</span>
            <span>{formatSlot(entry, i18n.language)}</span>
            <StatusBadge status={entry.status} />
            {entry.joinUrl ? (
              <Link href={entry.joinUrl} target="_blank" rel="noreferrer" data-testid="booked-join">
                {t('join')}
              </Link>
            ) : null}
            {entry.noTeamsLink ? (
              <span className={layout.muted} data-testid="booked-no-teams-link">
                {t('noTeamsLink')}
              </span>
            ) : null}
            <Link href={hrefOf('interviews', entry.id)}>{t('open')}</Link>
            {entry.waitingForSendingLimit ? (
              <span className={layout.muted} data-testid="booked-sending-limit">
                {t('sendingLimitWait')}
              </span>
            ) : entry.error ? (
              <span className={layout.muted}>{entry.error}</span>
            ) : null}
          </li>
        ))}
      </ul>
      <div className={layout.row}>
        <Button onClick={onAgain} data-testid="booking-again">
          {t('booked.again')}
        </Button>
      </div>
    </section>
  );
}
