import {
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DECLARATION_PLACEMENTS,
  DECLARATION_SHORT_MAX,
  DECLARATION_TEXT_MAX,
  declarationDraftInputSchema,
  TRANSFER_WISHES_MAX,
  type DeclarationDraftInput,
  type DeclarationResponse,
  type DeclarationWindow,
  type OpenWindowInput,
  type Placement,
  type TransferWish,
} from '../../../src/growth/declaration.contract.ts';
import { halfPeriodAt } from '../../../src/growth/goal.contract.ts';
import { isVersionConflict, type ApiClient } from '../api/client.ts';
import { useCheckedBody } from '../data/form-check.ts';
import { queryKeys, routeQuery, useMe } from '../data/queries.ts';
import { allOf, QueryState } from '../data/query-state.tsx';
import { formatDate, formatInstant } from '../career/format.ts';
import { registerBundle } from '../i18n/i18n.ts';
import type { PageProps } from '../shell/app.tsx';
import { OrEmpty, Page, Section, useLayoutStyles } from '../shell/layout.tsx';
import messages from './messages.ts';
import { brandStripe } from '../shell/style-fragments.ts';
import { ConflictBar } from '../shell/conflict-bar.tsx';
import { ErrorDetails, SaveErrorBar } from '../shell/save-error-bar.tsx';
import { useUnsavedChanges } from '../shell/unsaved-changes.tsx';
import { patchedAt, withoutAt } from '../shell/list-edit.ts';
import { DateInput } from '../shell/date-input.tsx';
import { DialogFrame } from '../shell/dialog-frame.tsx';
import { TextareaField, TextareaStack } from '../shell/textarea-field.tsx';

registerBundle('declaration', messages);

/** The form as edited: the optional reflection is always there (blank when not written). */
type Form = Omit<DeclarationDraftInput, 'version' | 'reflection'> & { reflection: string };

const useStyles = makeStyles({
  wish: {
    ...brandStripe,
    display: 'flex',
    flexDirection: 'column',
    gap: '8px',
  },
  wishes: {
    listStyle: 'none',
    margin: '0 0 8px',
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: '16px',
  },
  actions: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'center' },
  hrForm: { display: 'flex', flexWrap: 'wrap', gap: '8px 12px', alignItems: 'end' },
  tableScroll: { overflowX: 'auto', maxWidth: '100%' },
  windowStatus: { fontWeight: tokens.fontWeightSemibold },
});

/** The free-text boxes of その他: the form key is also the label's message key and the test id. */
const OTHERS: { key: 'circumstances' | 'comment'; hint?: 'circumstancesHint' }[] = [
  { key: 'circumstances', hint: 'circumstancesHint' },
  { key: 'comment' },
];

/** The year to show: one HR has open now, else the current fiscal year (1 April, Japan time). */
function fiscalYearToShow(windows: DeclarationWindow[]): number {
  const open = windows.filter((window) => window.isOpen).sort((a, b) => b.fiscalYear - a.fiscalYear)[0];
  return open?.fiscalYear ?? halfPeriodAt(new Date()).fiscalYear;
}

export default function DeclarationView({ api }: PageProps) {
  const { t } = useTranslation('declaration');
  const queryClient = useQueryClient();
  const base = allOf(
    useMe(api),
    useQuery(routeQuery(api, queryKeys.declarationWindows, 'GET /api/declaration-windows')),
  );
  const personId = base.data?.[0].id ?? '';
  const applies = base.data?.[0].employmentType !== 'fiscalYear';
  const fiscalYear = base.data ? fiscalYearToShow(base.data[1]) : 0;
  const declaration = useQuery({
    ...routeQuery(
      api,
      queryKeys.declaration(personId, fiscalYear),
      'GET /api/people/:personId/declarations/:fiscalYear',
      { params: { personId, fiscalYear: String(fiscalYear) } },
    ),
    enabled: base.data !== undefined && applies,
  });
  // "Reload" after a conflict reads everything afresh from nothing, so the form starts again.
  const reload = () => void queryClient.resetQueries({ queryKey: queryKeys.declarations });

  return (
    <Page title={t('title')} testId="declaration">
      {/* A reassurance, not a warning: informational, in the neutral colours. */}
      <MessageBar intent="info" data-testid="declaration-confidential">
        <MessageBarBody>{t('confidential')}</MessageBarBody>
      </MessageBar>
      {base.data && !applies ? (
        <>
          <p data-testid="declaration-not-applicable">{t('notApplicable')}</p>
          {base.data[0].roles.includes('hr') ? <HrWindowPanel api={api} windows={base.data[1]} /> : null}
        </>
      ) : (
        <QueryState query={allOf(base, declaration)}>
          {([[me, windows], declaration]) => (
            <>
              <DeclarationForm
                // A new window state or version from the server starts the form afresh; a quiet refresh that
                // changed neither keeps what is being typed.
                key={`${declaration.fiscalYear}-${declaration.version}-${declaration.editable}-${declaration.revisable}`}
                api={api}
                initial={declaration}
                onReload={reload}
              />
              {me.roles.includes('hr') ? <HrWindowPanel api={api} windows={windows} /> : null}
            </>
          )}
        </QueryState>
      )}
    </Page>
  );
}

function formOf(declaration: DeclarationResponse): Form {
  return {
    placement: declaration.placement,
    transferWishes: declaration.transferWishes.map((wish) => ({ ...wish })),
    circumstances: declaration.circumstances,
    comment: declaration.comment,
    reflection: declaration.reflection,
  };
}

/** A wish with anything typed in it is sent (and checked); one left wholly blank is dropped. */
const isSent = (wish: TransferWish) => Boolean(wish.department.trim() || wish.reason.trim());

function cleaned(form: Form): Form {
  return {
    ...form,
    placement: form.placement ?? null,
    transferWishes: form.transferWishes
      .filter(isSent)
      .map((wish) => ({ department: wish.department.trim(), reason: wish.reason.trim() })),
  };
}

const WISH_FIELDS: Record<string, string> = { department: 'wishDepartment', reason: 'wishReason' };
const TEXT_FIELDS = ['placement', 'reflection', 'circumstances', 'comment'];

/**
 * A refused field under the form's label for it: `body.transferWishes.0.reason` → 「第2希望の理由」 when a
 * blank wish (not sent) stands before it in the form.
 */
function detailLabelOf(form: Form, t: (key: string, options?: Record<string, unknown>) => string) {
  const rows = form.transferWishes.flatMap((wish, index) => (isSent(wish) ? [index] : []));
  return (path: string): string => {
    const [, field, index, part] = path.split('.');
    if (field && TEXT_FIELDS.includes(field)) return t(field);
    if (field !== 'transferWishes') return path;
    const row = index === undefined ? undefined : rows[Number(index)];
    const key = part ? WISH_FIELDS[part] : undefined;
    if (row === undefined) return t('wishes');
    return key ? t(key, { n: row + 1 }) : t('wish', { n: row + 1 });
  };
}

type Notice =
  | { kind: 'saved' }
  | { kind: 'submitted' }
  | { kind: 'revised' }
  | { kind: 'conflict' }
  | { kind: 'error'; error: unknown }
  | undefined;

function DeclarationForm({
  api,
  initial,
  onReload,
}: {
  api: ApiClient;
  initial: DeclarationResponse;
  onReload: () => void;
}) {
  const { t, i18n } = useTranslation('declaration');
  const layout = useLayoutStyles();
  const styles = useStyles();
  const [saved, setSaved] = useState(initial);
  const [form, setForm] = useState<Form>(() => formOf(initial));
  const [confirming, setConfirming] = useState<'submit' | 'revise' | null>(null);
  // A submitted form being revised while the window is open (saved.revisable).
  const [revising, setRevising] = useState(false);
  const editing = saved.editable || (saved.revisable && revising);
  const [notice, setNotice] = useState<Notice>();
  const dirty = useMemo(
    () => JSON.stringify(cleaned(form)) !== JSON.stringify(cleaned(formOf(saved))),
    [form, saved],
  );
  useUnsavedChanges(dirty);
  const params = { personId: saved.personId, fiscalYear: String(saved.fiscalYear) };
  const update = <K extends keyof Form>(key: K, value: Form[K]) => {
    setForm((current) => ({ ...current, [key]: value }));
    setNotice((current) => (current?.kind === 'saved' ? undefined : current));
  };
  const changeWish = (index: number, patch: Partial<TransferWish>) =>
    update('transferWishes', patchedAt(form.transferWishes, index, patch));

  const failed = (error: unknown) =>
    // A stale version: keep every typed character and let the person decide when to load the newer one.
    setNotice(isVersionConflict(error) ? { kind: 'conflict' } : { kind: 'error', error });

  const queryClient = useQueryClient();
  // A saved answer is kept here; the cached one is only marked stale, so this form is not restarted under
  // its notice (its key holds the version), and the page reads the declaration afresh when next opened.
  const stored = (response: DeclarationResponse) => {
    setSaved(response);
    setForm(formOf(response));
    void queryClient.invalidateQueries({ queryKey: queryKeys.declarations, refetchType: 'none' });
  };
  const draft = useMutation({
    mutationFn: (body: DeclarationDraftInput) =>
      api.call('PUT /api/people/:personId/declarations/:fiscalYear', { params, body }),
    onSuccess: stored,
  });
  const submission = useMutation({
    mutationFn: (version: number) =>
      api.call('POST /api/people/:personId/declarations/:fiscalYear/submit', { params, body: { version } }),
    onSuccess: stored,
  });
  const revision = useMutation({
    mutationFn: (body: DeclarationDraftInput) =>
      api.call('POST /api/people/:personId/declarations/:fiscalYear/revise', { params, body }),
    onSuccess: stored,
  });
  const busy = draft.isPending || submission.isPending || revision.isPending;
  // What is sent, checked first with the server's schema: a refusal is thrown as the server's 400 would be.
  const checked = useCheckedBody();
  const body = (): DeclarationDraftInput =>
    checked(declarationDraftInputSchema, { version: saved.version, ...cleaned(form) });
  const saveDraft = () => draft.mutateAsync(body());

  const run = async (action: () => Promise<void>) => {
    setNotice(undefined);
    try {
      await action();
    } catch (error) {
      failed(error);
    }
  };

  const revise = () =>
    run(async () => {
      setConfirming(null);
      await revision.mutateAsync(body());
      setRevising(false);
      setNotice({ kind: 'revised' });
    });

  const submit = () =>
    run(async () => {
      setConfirming(null);
      // What is on screen is what gets submitted: save it first when it differs from the stored draft.
      const current = dirty || saved.status === 'new' ? await saveDraft() : saved;
      await submission.mutateAsync(current.version);
      setNotice({ kind: 'submitted' });
    });

  const window = saved.window;
  const windowLine = !window
    ? t('windowNone', { year: saved.fiscalYear })
    : window.isOpen
      ? t('windowOpen', { year: saved.fiscalYear, date: formatDate(window.closesOn, i18n.language) })
      : t('windowClosed', { year: saved.fiscalYear, date: formatDate(window.closesOn, i18n.language) });

  return (
    <>
      <p className={layout.muted}>{t('intro')}</p>
      <Section
        title={t('fiscalYear', { year: saved.fiscalYear })}
        id="declaration-year"
        testId="declaration-window"
      >
        <p className={styles.windowStatus} data-testid="window-status" data-open={window?.isOpen ?? false}>
          {windowLine}
        </p>
        <p>
          {t('statusLabel')}:{' '}
          <span data-testid="declaration-status" data-status={saved.status}>
            {t(`status.${saved.status}`)}
          </span>
        </p>
        {saved.status === 'submitted' && saved.submittedAt ? (
          <p className={layout.muted} data-testid="declaration-submitted-at">
            {t('submittedAt', { at: formatInstant(saved.submittedAt, i18n.language) })}
            {saved.revisedAt
              ? ` ${t('revisedAt', { at: formatInstant(saved.revisedAt, i18n.language), count: saved.revisions })}`
              : ''}{' '}
            {saved.revisable && window
              ? t('revisableUntil', { date: formatDate(window.closesOn, i18n.language) })
              : t('final')}
          </p>
        ) : null}
        {!saved.editable && saved.status !== 'submitted' && window ? (
          <p className={layout.muted}>{t('readOnlyClosed')}</p>
        ) : null}
      </Section>

      {editing ? (
        <>
          <Section title={t('placement')} id="declaration-placement">
            <RadioGroup
              aria-label={t('placement')}
              value={form.placement ?? ''}
              onChange={(_, data) => update('placement', data.value as Placement)}
              data-testid="placement"
            >
              {DECLARATION_PLACEMENTS.map((value) => (
                <Radio
                  key={value}
                  value={value}
                  label={t(`placementOption.${value}`)}
                  data-testid={`placement-${value}`}
                />
              ))}
            </RadioGroup>
          </Section>
          <Section title={t('wishes')} id="declaration-wishes">
            <p className={layout.muted}>
              {form.placement === 'stay' ? t('wishesHintStay') : t('wishesHint')}
            </p>
            <ol className={styles.wishes} data-testid="wishes">
              {form.transferWishes.map((wish, index) => (
                <li key={index} className={styles.wish} data-testid="wish">
                  <Field label={t('wishDepartment', { n: index + 1 })} required>
                    <Input
                      value={wish.department}
                      maxLength={DECLARATION_SHORT_MAX}
                      onChange={(_, data) => changeWish(index, { department: data.value })}
                      data-testid="wish-department"
                    />
                  </Field>
                  <TextareaField
                    label={t('wishReason', { n: index + 1 })}
                    hint={t('wishReasonHint')}
                    required
                    value={wish.reason}
                    maxLength={DECLARATION_TEXT_MAX}
                    resize="vertical"
                    onChange={(value) => changeWish(index, { reason: value })}
                    testId="wish-reason"
                  />
                  <div>
                    <Button
                      aria-label={t('removeWish', { n: index + 1 })}
                      onClick={() => update('transferWishes', withoutAt(form.transferWishes, index))}
                    >
                      {t('remove')}
                    </Button>
                  </div>
                </li>
              ))}
            </ol>
            <Button
              disabled={form.transferWishes.length >= TRANSFER_WISHES_MAX}
              onClick={() =>
                update('transferWishes', [...form.transferWishes, { department: '', reason: '' }])
              }
              data-testid="add-wish"
            >
              {t('addWish')}
            </Button>
          </Section>
          <Section title={t('reflection')} id="declaration-reflection">
            <TextareaField
              label={t('reflection')}
              hint={t('reflectionHint')}
              value={form.reflection}
              maxLength={DECLARATION_TEXT_MAX}
              resize="vertical"
              rows={3}
              onChange={(value) => update('reflection', value)}
              testId="reflection"
            />
          </Section>
          <Section title={t('others')} id="declaration-others">
            <TextareaStack
              fields={OTHERS.map(({ key, hint }) => ({
                key,
                testId: key,
                label: t(key),
                hint: hint ? t(hint) : undefined,
              }))}
              values={form}
              onChange={update}
              maxLength={DECLARATION_TEXT_MAX}
              rows={3}
            />
          </Section>
        </>
      ) : saved.status !== 'new' ? (
        <DeclarationReadOnly declaration={saved} />
      ) : null}

      {saved.revisable && !revising ? (
        <div className={styles.actions}>
          <Button onClick={() => setRevising(true)} data-testid="declaration-revise">
            {t('revise')}
          </Button>
        </div>
      ) : null}

      {notice?.kind === 'conflict' ? (
        <ConflictBar title={t('conflictTitle')} body={t('conflictBody')} testId="declaration-conflict">
          <Button onClick={onReload}>{t('reload')}</Button>
        </ConflictBar>
      ) : null}
      {notice?.kind === 'error' ? (
        <ActionError title={t('saveFailed')} error={notice.error} labelOf={detailLabelOf(form, t)} />
      ) : null}

      {saved.editable ? (
        <div className={styles.actions}>
          <Button
            disabled={busy}
            onClick={() =>
              void run(async () => {
                await saveDraft();
                setNotice({ kind: 'saved' });
              })
            }
            data-testid="declaration-save"
          >
            {busy ? t('saving') : t('saveDraft')}
          </Button>
          <Button
            appearance="primary"
            disabled={busy}
            onClick={() => setConfirming('submit')}
            data-testid="declaration-submit"
          >
            {t('submit')}
          </Button>
          <span role="status" className={layout.muted} data-testid="declaration-notice">
            {notice?.kind === 'saved' && !dirty ? t('saved') : dirty ? t('unsaved') : ''}
          </span>
        </div>
      ) : editing ? (
        // Revising a submitted form: it stays submitted until the revision is sent as a whole.
        <div className={styles.actions}>
          <Button
            disabled={busy}
            onClick={() => {
              setRevising(false);
              setForm(formOf(saved));
              setNotice(undefined);
            }}
            data-testid="declaration-revise-cancel"
          >
            {t('reviseCancel')}
          </Button>
          <Button
            appearance="primary"
            disabled={busy}
            onClick={() => setConfirming('revise')}
            data-testid="declaration-revise-submit"
          >
            {busy ? t('saving') : t('reviseSubmit')}
          </Button>
          <span role="status" className={layout.muted} data-testid="declaration-notice">
            {dirty ? t('unsaved') : ''}
          </span>
        </div>
      ) : (
        <span role="status" className={layout.muted} data-testid="declaration-notice">
          {notice?.kind === 'submitted' ? t('submitted') : notice?.kind === 'revised' ? t('revised') : ''}
        </span>
      )}

      {/* The self-check's order: キャンセル, then the action (tab/src/self-check/submit-dialog.tsx). */}
      <DialogFrame
        open={confirming !== null}
        onOpenChange={(open) => (open ? undefined : setConfirming(null))}
        title={confirming === 'revise' ? t('reviseConfirmTitle') : t('confirmTitle')}
        actions={
          <>
            <Button
              appearance="secondary"
              onClick={() => setConfirming(null)}
              data-testid="declaration-confirm-cancel"
            >
              {t('cancel')}
            </Button>
            <Button
              appearance="primary"
              onClick={() => void (confirming === 'revise' ? revise() : submit())}
              data-testid="declaration-confirm-submit"
            >
              {confirming === 'revise' ? t('reviseSubmit') : t('confirmSubmit')}
            </Button>
          </>
        }
      >
        {confirming === 'revise' ? t('reviseConfirmBody') : t('confirmBody')}
      </DialogFrame>
    </>
  );
}

function DeclarationReadOnly({ declaration }: { declaration: DeclarationResponse }) {
  const { t } = useTranslation('declaration');
  const layout = useLayoutStyles();
  const styles = useStyles();
  const text = (value: string) =>
    value.trim() ? <p className={layout.preLine}>{value}</p> : <p className={layout.muted}>{t('empty')}</p>;
  return (
    <div data-testid="declaration-read-only" className={layout.stack}>
      <Section title={t('placement')} id="declaration-placement">
        <p data-testid="placement-shown">
          {declaration.placement ? t(`placementOption.${declaration.placement}`) : t('placementNone')}
        </p>
      </Section>
      <Section title={t('wishes')} id="declaration-wishes">
        <OrEmpty empty={declaration.transferWishes.length === 0} text={t('wishesEmpty')}>
          <ol className={styles.wishes}>
            {declaration.transferWishes.map((wish, index) => (
              <li key={index} className={styles.wish} data-testid="wish">
                <strong>
                  {t('wish', { n: index + 1 })}: <span data-testid="wish-department">{wish.department}</span>
                </strong>
                <span className={layout.preLine} data-testid="wish-reason">
                  {wish.reason}
                </span>
              </li>
            ))}
          </ol>
        </OrEmpty>
      </Section>
      <Section title={t('reflection')} id="declaration-reflection">
        {text(declaration.reflection)}
      </Section>
      <Section title={t('circumstances')} id="declaration-circumstances">
        {text(declaration.circumstances)}
      </Section>
      <Section title={t('comment')} id="declaration-comment">
        {text(declaration.comment)}
      </Section>
    </div>
  );
}

function ActionError({
  title,
  error,
  labelOf,
}: {
  title: string;
  error: unknown;
  labelOf?: (path: string) => string;
}) {
  return (
    <SaveErrorBar title={title} error={error} testId="declaration-error">
      <ErrorDetails error={error} {...(labelOf ? { labelOf } : {})} />
    </SaveErrorBar>
  );
}

/** HR opens a fiscal year's declaration with a closing date, and closes it early when needed. */
function HrWindowPanel({ api, windows }: { api: ApiClient; windows: DeclarationWindow[] }) {
  const { t, i18n } = useTranslation('declaration');
  const layout = useLayoutStyles();
  const styles = useStyles();
  const [fiscalYear, setFiscalYear] = useState(String(halfPeriodAt(new Date()).fiscalYear));
  const [closesOn, setClosesOn] = useState('');
  const [closing, setClosing] = useState<number | undefined>();
  const [result, setResult] = useState<
    { ok: true; text: string } | { ok: false; error: unknown } | undefined
  >();

  const queryClient = useQueryClient();
  // Opening or closing a window changes the windows and which declaration is shown (and whether it is
  // editable): the whole page is asked for again, quietly.
  const windowChange = useMutation({
    mutationFn: (action: () => Promise<string>) => action(),
    onMutate: () => setResult(undefined),
    onSuccess: (text) => {
      setResult({ ok: true, text });
      void queryClient.invalidateQueries({ queryKey: queryKeys.declarations });
    },
    onError: (error) => setResult({ ok: false, error }),
  });
  const busy = windowChange.isPending;
  const open = () =>
    windowChange.mutate(async () => {
      const body: OpenWindowInput = { fiscalYear: Number(fiscalYear), closesOn };
      const window = await api.call('POST /api/declaration-windows', { body });
      return t('hr.opened', { year: window.fiscalYear });
    });
  const close = (year: number) => {
    setClosing(undefined);
    windowChange.mutate(async () => {
      await api.call('POST /api/declaration-windows/:fiscalYear/close', {
        params: { fiscalYear: String(year) },
      });
      return t('hr.closedDone', { year });
    });
  };
  const sorted = [...windows].sort((a, b) => b.fiscalYear - a.fiscalYear);

  return (
    <Section title={t('hr.title')} id="declaration-hr" testId="declaration-hr">
      <p className={layout.muted}>{t('hr.intro')}</p>
      <div className={styles.hrForm}>
        <Field label={t('hr.fiscalYear')}>
          <Input
            type="number"
            value={fiscalYear}
            min={2000}
            max={2100}
            onChange={(_, data) => setFiscalYear(data.value)}
            data-testid="hr-fiscal-year"
          />
        </Field>
        <Field label={t('hr.closesOn')}>
          <DateInput
            value={closesOn}
            onChange={(_, data) => setClosesOn(data.value)}
            data-testid="hr-closes-on"
          />
        </Field>
        <Button appearance="primary" disabled={busy} onClick={() => void open()} data-testid="hr-open-window">
          {t('hr.openWindow')}
        </Button>
      </div>
      <span role="status" className={layout.muted} data-testid="hr-notice">
        {result?.ok ? result.text : ''}
      </span>
      {result && !result.ok ? <ActionError title={t('hr.failed')} error={result.error} /> : null}
      <h3 className={layout.h3}>{t('hr.windows')}</h3>
      <OrEmpty empty={sorted.length === 0} text={t('hr.noWindows')}>
        <div className={styles.tableScroll}>
          <Table size="small" data-testid="hr-windows">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('hr.fiscalYear')}</TableHeaderCell>
                <TableHeaderCell>{t('hr.closesOn')}</TableHeaderCell>
                <TableHeaderCell>{t('hr.state')}</TableHeaderCell>
                <TableHeaderCell>{t('hr.actions')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {sorted.map((window) => (
                <TableRow key={window.fiscalYear} data-testid={`hr-window-${window.fiscalYear}`}>
                  <TableCell>{t('fiscalYear', { year: window.fiscalYear })}</TableCell>
                  <TableCell>{formatDate(window.closesOn, i18n.language)}</TableCell>
                  <TableCell data-open={window.isOpen}>
                    {window.isOpen ? t('hr.open') : t('hr.closed')}
                  </TableCell>
                  <TableCell>
                    {window.isOpen ? (
                      <Button
                        size="small"
                        disabled={busy}
                        aria-label={t('hr.closeYear', { year: window.fiscalYear })}
                        onClick={() => setClosing(window.fiscalYear)}
                        data-testid={`hr-close-${window.fiscalYear}`}
                      >
                        {t('hr.close')}
                      </Button>
                    ) : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      </OrEmpty>
      <DialogFrame
        open={closing !== undefined}
        onOpenChange={(open) => (open ? undefined : setClosing(undefined))}
        title={t('hr.confirmCloseTitle', { year: closing })}
        actions={
          <>
            <Button appearance="secondary" onClick={() => setClosing(undefined)}>
              {t('cancel')}
            </Button>
            <Button
              appearance="primary"
              onClick={() => (closing === undefined ? undefined : void close(closing))}
              data-testid="hr-confirm-close"
            >
              {t('hr.close')}
            </Button>
          </>
        }
      >
        {t('hr.confirmCloseBody')}
      </DialogFrame>
    </Section>
  );
}
