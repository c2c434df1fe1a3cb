import { Badge, Button, Field, makeStyles, Select, tokens } from '@fluentui/react-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CYCLE_KINDS,
  type CycleActor,
  type CycleKind,
  type CycleWindow,
} from '../../../../src/cycles/cycle.contract.ts';
import { ApiError } from '../../api/client.ts';
import { registerBundle } from '../../i18n/i18n.ts';
import { queryKeys, routeQuery } from '../../data/queries.ts';
import { QueryState } from '../../data/query-state.tsx';
import { useLayoutStyles } from '../../shell/layout.tsx';
import { useRowStyles, WriteFailure } from '../row-frame.tsx';
import { SectionFrame } from '../section-frame.tsx';
import type { HrSectionProps } from '../section-props.ts';
import { DateInput } from '../../shell/date-input.tsx';
import { useDateTime } from '../people/people-tables.tsx';
import { Options } from '../../shell/options.tsx';

registerBundle('hr-cycles', {
  ja: {
    intro:
      '年度ごとの受付期間を職員課が開閉します。締切日を過ぎると自動的に締め切られます。自己チェックの期間を登録していない半期は、従来どおりその半期中に受け付けます。',
    year: '年度',
    yearOption: '{{year}}年度',
    kinds: {
      goalSetting: '期首：目標設定',
      midYear: '中間：進捗と振り返り',
      yearEnd: '期末：振り返り',
      selfCheckH1: '自己チェック（上期）',
      selfCheckH2: '自己チェック（下期）',
      declaration: '自己申告',
    },
    states: { none: '未登録', scheduled: '予定', open: '受付中', closed: '締切' },
    ended: '（締切日を過ぎたため）',
    opensOn: '開始日',
    closesOn: '締切日',
    plan: '予定を登録',
    reschedule: '日程を変更',
    open: '開く',
    reopen: '再開する',
    close: '閉じる',
    openedAt: '開始：{{at}}（{{by}}）',
    closedAt: '締切：{{at}}（{{by}}）',
    history: '履歴（{{count}}件）',
    actions: {
      scheduled: '予定を登録',
      rescheduled: '日程を変更',
      opened: '開始',
      reopened: '再開',
      closed: '締切',
    },
    historyLine: '{{at}} {{action}}（{{by}}）{{opensOn}}〜{{closesOn}}',
    unknownPerson: '不明な職員',
    done: {
      plan: '予定を登録しました。',
      reschedule: '日程を変更しました。',
      open: '受付を開始しました。',
      close: '受付を締め切りました。',
    },
    stale: 'ほかの担当者がこの期間を変更しました。最新の状態を読み込んでから、もう一度操作してください。',
    reload: '最新を読み込む',
    fieldRule: {
      opensOn: '年度内（4月1日〜翌年3月31日）の日付にしてください。',
      closesOn: '年度内で、開始日以降の日付にしてください（開く場合は今日以降）。',
    },
  },
  en: {
    intro:
      "HR opens and closes each fiscal year's windows. A window closes by itself after its last day. A self-check half without a window stays open during that half, as before.",
    year: 'Fiscal year',
    yearOption: 'FY{{year}}',
    kinds: {
      goalSetting: 'Goal setting (start of year)',
      midYear: 'Mid-year review',
      yearEnd: 'Year-end review',
      selfCheckH1: 'Self-check (first half)',
      selfCheckH2: 'Self-check (second half)',
      declaration: 'Self-declaration (自己申告)',
    },
    states: { none: 'Not planned', scheduled: 'Scheduled', open: 'Open', closed: 'Closed' },
    ended: '(its last day has passed)',
    opensOn: 'First day',
    closesOn: 'Last day',
    plan: 'Plan',
    reschedule: 'Change days',
    open: 'Open',
    reopen: 'Reopen',
    close: 'Close',
    openedAt: 'Opened {{at}} by {{by}}',
    closedAt: 'Closed {{at}} by {{by}}',
    history: 'History ({{count}})',
    actions: {
      scheduled: 'planned',
      rescheduled: 'days changed',
      opened: 'opened',
      reopened: 'reopened',
      closed: 'closed',
    },
    historyLine: '{{at}} {{action}} by {{by}}: {{opensOn}} to {{closesOn}}',
    unknownPerson: 'someone no longer listed',
    done: {
      plan: 'Planned.',
      reschedule: 'Days changed.',
      open: 'Opened.',
      close: 'Closed.',
    },
    stale: 'Someone else changed this window meanwhile. Load the latest state, then try again.',
    reload: 'Load the latest',
    fieldRule: {
      opensOn: 'Use a day inside the fiscal year (1 April to 31 March).',
      closesOn: 'Use a day inside the fiscal year, not before the first day (today or later to open).',
    },
  },
});

const useStyles = makeStyles({
  date: { width: '11em', maxWidth: '100%' },
  meta: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, margin: 0 },
  history: { margin: '4px 0 0', paddingLeft: '20px', fontSize: tokens.fontSizeBase200 },
  year: { maxWidth: '12em' },
});

/** Days a window is usually planned for (MM-DD), offered when HR plans one (the policy's yearly rhythm). */
const USUAL_DAYS: Record<CycleKind, { opensOn: string; closesOn: string }> = {
  goalSetting: { opensOn: '04-01', closesOn: '05-31' },
  midYear: { opensOn: '10-01', closesOn: '10-31' },
  yearEnd: { opensOn: '03-01', closesOn: '03-31' },
  selfCheckH1: { opensOn: '09-01', closesOn: '09-30' },
  selfCheckH2: { opensOn: '03-01', closesOn: '03-31' },
  declaration: { opensOn: '11-01', closesOn: '11-30' },
};

/** A day of fiscal year `year` (April to March): January to March fall in the next calendar year. */
const inFiscalYear = (year: number, monthDay: string) =>
  `${Number(monthDay.slice(0, 2)) < 4 ? year + 1 : year}-${monthDay}`;

function usualDays(kind: CycleKind, year: number): { opensOn: string; closesOn: string } {
  const { opensOn, closesOn } = USUAL_DAYS[kind];
  return { opensOn: inFiscalYear(year, opensOn), closesOn: inFiscalYear(year, closesOn) };
}

/** 年度サイクル: per fiscal year, the windows HR plans, opens and closes, with their history. */
export default function CyclesSection({ api }: HrSectionProps) {
  const { t } = useTranslation('hr-cycles');
  const layout = useLayoutStyles();
  const styles = useStyles();
  const rows = useRowStyles();
  const [fiscalYear, setFiscalYear] = useState<number | undefined>(undefined);
  const queryClient = useQueryClient();
  const loaded = useQuery(
    routeQuery(api, queryKeys.cycles(fiscalYear), 'GET /api/cycles', {
      query: { fiscalYear: fiscalYear === undefined ? undefined : String(fiscalYear) },
    }),
  );
  // A change to a window refreshes every year's entry (the current year is cached under two keys).
  const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.allCycles });

  const current = loaded.data?.currentFiscalYear;
  return (
    <SectionFrame section="cycles">
      <p className={layout.muted}>{t('intro')}</p>
      {current !== undefined && loaded.data ? (
        <Field label={t('year')} className={styles.year}>
          <Select
            value={String(loaded.data.fiscalYear)}
            onChange={(_, data) => setFiscalYear(Number(data.value))}
            data-testid="cycles-year"
          >
            <Options
              values={[current - 1, current, current + 1]}
              labelOf={(year) => t('yearOption', { year })}
            />
          </Select>
        </Field>
      ) : null}
      <QueryState query={loaded}>
        {(year) => (
          <ul className={rows.list}>
            {CYCLE_KINDS.map((kind) => (
              <WindowRow
                // A new version from the server starts the row's fields afresh.
                key={`${year.fiscalYear}-${kind}-${year.windows.find((w) => w.kind === kind)?.version ?? 0}`}
                api={api}
                kind={kind}
                fiscalYear={year.fiscalYear}
                window={year.windows.find((candidate) => candidate.kind === kind)}
                onChanged={refresh}
              />
            ))}
          </ul>
        )}
      </QueryState>
    </SectionFrame>
  );
}

type Action = 'plan' | 'reschedule' | 'open' | 'close';

/** The buttons a window offers, in order: the states each one applies to, and which ones are primary. */
const BUTTONS: ReadonlyArray<{
  action: Action;
  primary: boolean;
  states: ReadonlyArray<CycleWindow['state'] | 'none'>;
}> = [
  { action: 'plan', primary: true, states: ['none'] },
  { action: 'reschedule', primary: false, states: ['scheduled', 'open'] },
  { action: 'open', primary: true, states: ['scheduled', 'closed'] },
  { action: 'close', primary: false, states: ['open'] },
];

function WindowRow({
  api,
  kind,
  fiscalYear,
  window,
  onChanged,
}: {
  api: HrSectionProps['api'];
  kind: CycleKind;
  fiscalYear: number;
  window: CycleWindow | undefined;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation('hr-cycles');
  const styles = useStyles();
  const rows = useRowStyles();
  const usual = usualDays(kind, fiscalYear);
  const [opensOn, setOpensOn] = useState(window?.opensOn ?? usual.opensOn);
  const [closesOn, setClosesOn] = useState(window?.closesOn ?? usual.closesOn);
  const [busy, setBusy] = useState<Action | null>(null);
  const [result, setResult] = useState<{ ok: true; action: Action } | { ok: false; error: unknown } | null>(
    null,
  );
  const id = `cycle-${kind}`;
  const state = window?.state ?? 'none';
  const when = useDateTime();
  const who = (actor: CycleActor | null | undefined) => actor?.displayName ?? t('unknownPerson');

  const run = async (action: Action) => {
    setBusy(action);
    setResult(null);
    try {
      if (action === 'plan')
        await api.call('POST /api/cycles/windows', { body: { fiscalYear, kind, opensOn, closesOn } });
      else if (window && action === 'reschedule')
        await api.call('PUT /api/cycles/windows/:windowId', {
          params: { windowId: window.id },
          body: { version: window.version, opensOn, closesOn },
        });
      else if (window && action === 'open')
        await api.call('POST /api/cycles/windows/:windowId/open', {
          params: { windowId: window.id },
          body: { version: window.version, ...(closesOn !== window.closesOn ? { closesOn } : {}) },
        });
      else if (window && action === 'close')
        await api.call('POST /api/cycles/windows/:windowId/close', {
          params: { windowId: window.id },
          body: { version: window.version },
        });
      setResult({ ok: true, action });
      onChanged();
    } catch (error) {
      setResult({ ok: false, error });
    } finally {
      setBusy(null);
    }
  };
  const fieldError = (name: string) => {
    if (result?.ok !== false || !(result.error instanceof ApiError)) return undefined;
    const detail = result.error.details.find((candidate) => candidate.path === `body.${name}`);
    // The API explains in English; in Japanese the field says what the rule is.
    return detail && (i18n.language === 'en' ? detail.message : t(`fieldRule.${name}`));
  };
  const badgeColor = (
    { none: 'subtle', scheduled: 'informative', open: 'success', closed: 'danger' } as const
  )[state];
  const canEditFirstDay = state === 'none' || state === 'scheduled';

  return (
    <li className={rows.row} aria-labelledby={`${id}-title`} data-testid={id} data-state={state}>
      <div className={rows.head}>
        <h3 className={rows.h3} id={`${id}-title`}>
          {t(`kinds.${kind}`)}
        </h3>
        <Badge appearance="tint" color={badgeColor} data-testid={`${id}-state`}>
          {t(`states.${state}`)}
        </Badge>
        {window?.ended ? <span className={styles.meta}>{t('ended')}</span> : null}
      </div>
      <div className={rows.fields}>
        <Field label={t('opensOn')} validationMessage={fieldError('opensOn')}>
          <DateInput
            className={styles.date}
            value={opensOn}
            disabled={!canEditFirstDay}
            onChange={(_, data) => setOpensOn(data.value)}
            data-testid={`${id}-opens`}
          />
        </Field>
        <Field label={t('closesOn')} validationMessage={fieldError('closesOn')}>
          <DateInput
            className={styles.date}
            value={closesOn}
            onChange={(_, data) => setClosesOn(data.value)}
            data-testid={`${id}-closes`}
          />
        </Field>
      </div>
      <div className={rows.buttons}>
        {BUTTONS.filter((button) => button.states.includes(state)).map(({ action, primary }) => (
          <Button
            key={action}
            appearance={primary ? 'primary' : undefined}
            disabled={busy !== null}
            onClick={() => void run(action)}
            data-testid={`${id}-${action}`}
          >
            {action === 'open' && state === 'closed' ? t('reopen') : t(action)}
          </Button>
        ))}
      </div>
      {result?.ok === true ? (
        <p className={styles.meta} role="status" data-testid={`${id}-done`}>
          {t(`done.${result.action}`)}
        </p>
      ) : null}
      <WriteFailure
        error={result?.ok === false ? result.error : null}
        stale={t('stale')}
        reload={t('reload')}
        onReload={onChanged}
        testId={`${id}-error`}
        staleIntent="error"
      />
      {window?.openedAt ? (
        <p className={styles.meta}>
          {t('openedAt', { at: when(window.openedAt), by: who(window.openedBy) })}
        </p>
      ) : null}
      {window?.closedAt ? (
        <p className={styles.meta}>
          {t('closedAt', { at: when(window.closedAt), by: who(window.closedBy) })}
        </p>
      ) : null}
      {window?.history && window.history.length > 0 ? (
        <details>
          <summary>{t('history', { count: window.history.length })}</summary>
          <ol className={styles.history} data-testid={`${id}-history`}>
            {window.history.map((event, index) => (
              <li key={index}>
                {t('historyLine', {
                  at: when(event.at),
                  action: t(`actions.${event.action}`),
                  by: who(event.actor),
                  opensOn: event.opensOn,
                  closesOn: event.closesOn,
                })}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </li>
  );
}
