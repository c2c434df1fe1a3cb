import {
  Badge,
  Button,
  Checkbox,
  Field,
  Input,
  Link,
  makeStyles,
  MessageBar,
  MessageBarBody,
  tokens,
} from '@fluentui/react-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ACTION_ITEMS_MAX,
  AGENDA_ITEMS_MAX,
  ITEM_TEXT_MAX,
  NOTE_MAX,
  recordInputSchema,
  type ActionItem,
  type AgendaItem,
  type InterviewDetail,
  type RecordInput,
} from '../../../src/interviews/interview.contract.ts';
import type { MeResponse } from '../../../src/people/people.contract.ts';
import type { ApiClient } from '../api/client.ts';
import { queryKeys, routeQuery, useMe } from '../data/queries.ts';
import { allOf, QueryState } from '../data/query-state.tsx';
import { OrEmpty, Page, Section, useLayoutStyles } from '../shell/layout.tsx';
import { PreviousOccurrence } from './previous-occurrence.tsx';
import { EvaluationResultPanel } from '../evaluation/evaluation-result.tsx';
import { hrefOf } from '../shell/router.ts';
import { OutlookNotices, ResponseBadge, StatusBadge } from './interview-badges.tsx';
import { formatSlot } from './schedule.ts';
import { ConflictBar } from '../shell/conflict-bar.tsx';
import { ErrorBar } from '../shell/error-panel.tsx';
import { ErrorDetails } from '../shell/save-error-bar.tsx';
import { labelsByField } from '../data/form-check.ts';
import { useVersionedEditor } from '../data/versioned-editor.ts';
import { patchedAt } from '../shell/list-edit.ts';
import { TextareaField } from '../shell/textarea-field.tsx';
import { EditableList, useEditableListStyles } from '../shell/editable-list.tsx';

type Form = Omit<RecordInput, 'version'>;

const useStyles = makeStyles({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    gap: '4px 16px',
    margin: 0,
    '@media (max-width: 599px)': { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, overflowWrap: 'anywhere' },
  grow: { flexGrow: 1, flexBasis: '200px', minWidth: 0 },
  readItem: {
    display: 'flex',
    gap: '8px',
    alignItems: 'baseline',
    flexWrap: 'wrap',
    overflowWrap: 'anywhere',
  },
  notes: { whiteSpace: 'pre-line', overflowWrap: 'anywhere', margin: 0 },
  subheading: { margin: '16px 0 4px', fontSize: tokens.fontSizeBase400 },
});

/** An id for an item typed in the tab; the server keeps whatever id it is given (up to 64 characters). */
function itemId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `${prefix}-${[...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

function formOf(detail: InterviewDetail): Form {
  return {
    agenda: detail.agenda.map((item) => ({ ...item })),
    sharedNotes: detail.sharedNotes,
    privateNotes: detail.privateNotes ?? '',
    actionItems: detail.actionItems.map((item) => ({ ...item })),
  };
}

/** What is sent: items left empty are dropped rather than refused. */
function cleaned(form: Form): Form {
  return {
    ...form,
    agenda: form.agenda
      .map((item) => ({ ...item, text: item.text.trim() }))
      .filter((item) => item.text.length > 0),
    actionItems: form.actionItems
      .map((item) => ({ ...item, text: item.text.trim() }))
      .filter((item) => item.text.length > 0),
  };
}

/**
 * Where a refused field is, in the form's words: `body.sharedNotes` → 共有メモ. A list's items are named by
 * the list only, since the items left empty are dropped before sending and the numbers would shift.
 */
const RECORD_LABELS: Record<string, string> = {
  agenda: 'record.agenda',
  sharedNotes: 'record.sharedNotes',
  privateNotes: 'record.privateNotes',
  actionItems: 'record.actionItems',
};

export function InterviewRecordView({ api, id }: { api: ApiClient; id: string }) {
  const { t } = useTranslation('interviews');
  const queryClient = useQueryClient();
  const key = queryKeys.interview(id);
  const loaded = allOf(
    useQuery(routeQuery(api, key, 'GET /api/interviews/:interviewId', { params: { interviewId: id } })),
    useMe(api),
  );
  // "Reload" after a conflict reads the record afresh from nothing: the editor remounts with it.
  const reload = () => void queryClient.resetQueries({ queryKey: key });

  return (
    <Page
      title={t('record.title')}
      testId="interview-record"
      actions={
        <Link href={hrefOf('interviews')} data-testid="record-back">
          {t('record.back')}
        </Link>
      }
    >
      <QueryState query={loaded}>
        {([detail, me]) => (
          <>
            <Facts detail={detail} />
            {detail.previousOccurrence ? <PreviousOccurrence previous={detail.previousOccurrence} /> : null}
            {/* The 期末面談 feeds back the 人事評価: its confirmed result (else where it stands), for both. */}
            {detail.type === 'yearEnd' ? (
              <EvaluationResultPanel api={api} personId={detail.personId} fiscalYear={detail.fiscalYear} />
            ) : null}
            <RecordEditor api={api} initial={detail} me={me} queryKey={key} onReload={reload} />
          </>
        )}
      </QueryState>
    </Page>
  );
}

function Facts({ detail }: { detail: InterviewDetail }) {
  const { t, i18n } = useTranslation('interviews');
  const layout = useLayoutStyles();
  const styles = useStyles();
  return (
    <Section title={t(`types.${detail.type}`)} id="record-facts" testId="record-facts">
      <dl className={styles.facts}>
        <dt className={styles.term}>{t('record.with')}</dt>
        <dd className={styles.value}>{detail.personName}</dd>
        <dt className={styles.term}>{t('record.organizer')}</dt>
        <dd className={styles.value}>{detail.organizerName}</dd>
        <dt className={styles.term}>{t('record.when')}</dt>
        <dd className={styles.value} data-testid="record-when">
          {formatSlot(detail, i18n.language, true)}
        </dd>
        <dt className={styles.term}>{t('record.status')}</dt>
        <dd className={`${styles.value} ${layout.row}`}>
          <StatusBadge status={detail.status} />
          {detail.status === 'booked' ? <ResponseBadge response={detail.response} /> : null}
        </dd>
      </dl>
      <OutlookNotices entry={detail} noLinkTestId="record-no-teams-link" />
      {detail.joinUrl && detail.status !== 'cancelled' ? (
        <p className={layout.row}>
          <Link href={detail.joinUrl} target="_blank" rel="noreferrer" data-testid="record-join">
            {t('join')}
          </Link>
          {detail.webLink ? (
            <Link href={detail.webLink} target="_blank" rel="noreferrer">
              {t('outlook')}
            </Link>
          ) : null}
        </p>
      ) : null}
    </Section>
  );
}

function RecordEditor({
  api,
  initial,
  me,
  queryKey,
  onReload,
}: {
  api: ApiClient;
  initial: InterviewDetail;
  me: MeResponse;
  queryKey: readonly unknown[];
  onReload: () => void;
}) {
  const { t } = useTranslation('interviews');
  const layout = useLayoutStyles();
  const styles = useStyles();
  // The read view lists items as the editor does.
  const lists = useEditableListStyles();
  const queryClient = useQueryClient();
  // When the page was opened: whether the interview has started yet (the server checks on save).
  const [openedAt] = useState(() => Date.now());
  const {
    saved,
    form,
    setForm,
    update,
    dirty,
    notice,
    mutation: record,
    save,
  } = useVersionedEditor({
    initial,
    formOf,
    cleaned,
    queryKey,
    // The attendee leaves privateNotes out (they never have them, and sending any is refused).
    put: (body: RecordInput, saved) =>
      api.call('PUT /api/interviews/:interviewId/record', { params: { interviewId: saved.id }, body }),
    schema: recordInputSchema,
    // The lists show the shared notes and action items.
    onSaved: () => {
      for (const as of ['organizer', 'attendee'] as const)
        void queryClient.invalidateQueries({ queryKey: queryKeys.interviews(as) });
    },
  });
  // The API leaves private notes out for everyone but the supervisor chain: their presence says who edits.
  const cancelled = saved.status === 'cancelled';
  const mode: 'edit' | 'tick' | 'read' = cancelled
    ? 'read'
    : saved.privateNotes !== undefined
      ? 'edit'
      : saved.personId === me.id
        ? 'tick'
        : 'read';

  const saving = record.isPending;
  // The attendee writes their own agenda items until the interview starts (the server says the same).
  const ownAgenda = mode === 'tick' && Date.parse(saved.start) > openedAt;
  const others = form.agenda.filter((item) => item.source !== 'self');
  const own = form.agenda.filter((item) => item.source === 'self');
  const saveOwnAgenda = () =>
    record.mutate({
      version: saved.version,
      agenda: cleaned(form).agenda,
      sharedNotes: saved.sharedNotes,
      actionItems: saved.actionItems,
    });

  /** The attendee ticks an item: saved at once, with everything else exactly as the server gave it. */
  const tick = (id: string, done: boolean) => {
    const actionItems = saved.actionItems.map((item) => (item.id === id ? { ...item, done } : item));
    setForm((current) => ({ ...current, actionItems }));
    record.mutate({
      version: saved.version,
      agenda: saved.agenda,
      sharedNotes: saved.sharedNotes,
      actionItems,
    });
  };

  const changeAgenda = (index: number, patch: Partial<AgendaItem>) =>
    update('agenda', patchedAt(form.agenda, index, patch));
  const changeAction = (index: number, patch: Partial<ActionItem>) =>
    update('actionItems', patchedAt(form.actionItems, index, patch));
  /** What the agenda's and the action items' lists say: each row is named by its kind and number. */
  const itemListProps = (
    item: 'agendaItem' | 'actionItem',
    add: 'addAgenda' | 'addAction',
    addTestId: string,
  ) => ({
    keyOf: (entry: { id: string }) => entry.id,
    removeText: t('record.remove'),
    removeLabel: (index: number) => t('record.removeItem', { what: t(`record.${item}`, { n: index + 1 }) }),
    addText: t(`record.${add}`),
    addTestId,
  });

  const notices = (
    <>
      {notice?.kind === 'conflict' ? (
        <ConflictBar
          title={t('record.conflictTitle')}
          body={t('record.conflictBody')}
          testId="record-conflict"
        >
          <Button onClick={onReload} data-testid="record-reload">
            {t('record.reload')}
          </Button>
        </ConflictBar>
      ) : null}
      <ErrorBar error={notice?.kind === 'error' ? notice.error : undefined} testId="record-error">
        <ErrorDetails
          error={notice?.kind === 'error' ? notice.error : undefined}
          labelOf={labelsByField(RECORD_LABELS, t)}
        />
      </ErrorBar>
    </>
  );

  if (mode !== 'edit') {
    return (
      <>
        {cancelled ? (
          <MessageBar intent="info">
            <MessageBarBody>{t('record.cancelled')}</MessageBarBody>
          </MessageBar>
        ) : (
          <p className={layout.muted}>{mode === 'tick' ? t('record.tickHint') : t('record.readOnly')}</p>
        )}
        <Section title={t('record.agenda')} id="record-agenda" testId="record-agenda">
          <OrEmpty empty={(ownAgenda ? others : saved.agenda).length === 0} text={t('record.noAgenda')}>
            <ul className={lists.list}>
              {(ownAgenda ? saved.agenda.filter((item) => item.source !== 'self') : saved.agenda).map(
                (item) => (
                  <li key={item.id} className={styles.readItem}>
                    <Badge appearance="outline" color="informative">
                      {t(`record.source.${item.source}`)}
                    </Badge>
                    <span>{item.text}</span>
                  </li>
                ),
              )}
            </ul>
          </OrEmpty>
          {ownAgenda ? (
            <div data-testid="own-agenda">
              <h3 className={styles.subheading}>{t('record.ownAgenda')}</h3>
              <p className={layout.muted}>{t('record.ownAgendaHint')}</p>
              <EditableList
                items={own}
                onChange={(items) => update('agenda', [...others, ...items])}
                blank={() => ({ id: itemId('self'), text: '', source: 'self' as const })}
                max={Math.max(0, AGENDA_ITEMS_MAX - others.length)}
                keyOf={(item) => item.id}
                removeText={t('record.remove')}
                removeLabel={(index) =>
                  t('record.removeItem', { what: t('record.ownItem', { n: index + 1 }) })
                }
                addText={t('record.addOwnAgenda')}
                addTestId="add-own-agenda"
              >
                {(item, index) => (
                  <ItemField
                    label={t('record.ownItem', { n: index + 1 })}
                    text={item.text}
                    onText={(text) =>
                      update('agenda', [
                        ...others,
                        ...own.map((entry, at) => (at === index ? { ...entry, text } : entry)),
                      ])
                    }
                    testId={`own-agenda-${index}`}
                  />
                )}
              </EditableList>
              <div className={layout.saveBar}>
                <Button
                  appearance="primary"
                  disabled={saving || !dirty}
                  onClick={saveOwnAgenda}
                  data-testid="own-agenda-save"
                >
                  {saving ? t('record.saving') : t('record.saveOwnAgenda')}
                </Button>
                <span role="status" className={layout.muted} data-testid="own-agenda-status">
                  {notice?.kind === 'saved' && !dirty ? t('record.saved') : dirty ? t('record.unsaved') : ''}
                </span>
              </div>
            </div>
          ) : null}
        </Section>
        <Section title={t('record.sharedNotes')} id="record-shared" testId="record-shared">
          {saved.sharedNotes.trim() ? (
            <p className={styles.notes} data-testid="record-shared-text">
              {saved.sharedNotes}
            </p>
          ) : (
            <p className={layout.muted}>{t('record.noNotes')}</p>
          )}
        </Section>
        <Section title={t('record.actionItems')} id="record-actions" testId="record-actions">
          <p className={layout.muted}>{t('record.actionHint')}</p>
          <OrEmpty empty={form.actionItems.length === 0} text={t('record.noActions')}>
            <ul className={lists.list}>
              {form.actionItems.map((item) => (
                <li key={item.id} className={styles.readItem}>
                  <Checkbox
                    checked={item.done}
                    disabled={mode !== 'tick' || saving}
                    onChange={(_, data) => tick(item.id, data.checked === true)}
                    label={item.text}
                    aria-label={t('record.done', { text: item.text })}
                    data-testid={`action-done-${item.id}`}
                  />
                  {item.carriedFrom ? <span className={layout.muted}>{t('record.carried')}</span> : null}
                </li>
              ))}
            </ul>
          </OrEmpty>
          <span role="status" className={layout.muted} data-testid="record-status">
            {notice?.kind === 'saved' ? t('record.tickSaved') : ''}
          </span>
        </Section>
        {notices}
      </>
    );
  }

  return (
    <>
      <Section title={t('record.agenda')} id="record-agenda" testId="record-agenda">
        <p className={layout.muted}>{t('record.agendaHint')}</p>
        <EditableList
          items={form.agenda}
          onChange={(agenda) => update('agenda', agenda)}
          blank={() => ({ id: itemId('free'), text: '', source: 'free' as const })}
          max={AGENDA_ITEMS_MAX}
          {...itemListProps('agendaItem', 'addAgenda', 'add-agenda')}
        >
          {(item, index) => (
            <ItemField
              label={`${t('record.agendaItem', { n: index + 1 })}（${t(`record.source.${item.source}`)}）`}
              // The person's own items are theirs to write: the chain keeps or removes them.
              readOnly={item.source === 'self'}
              text={item.text}
              onText={(text) => changeAgenda(index, { text })}
              testId={`agenda-${index}`}
            />
          )}
        </EditableList>
      </Section>

      {NOTES.map(({ key, section, testId, rows }) => (
        <Section key={key} title={t(`record.${key}`)} id={section} testId={section}>
          <TextareaField
            label={t(`record.${key}`)}
            value={form[key] ?? ''}
            maxLength={NOTE_MAX}
            resize="vertical"
            rows={rows}
            onChange={(value) => update(key, value)}
            testId={testId}
          />
        </Section>
      ))}

      <Section title={t('record.actionItems')} id="record-actions" testId="record-actions">
        <p className={layout.muted}>{t('record.actionHint')}</p>
        <EditableList
          items={form.actionItems}
          onChange={(actionItems) => update('actionItems', actionItems)}
          blank={() => ({ id: itemId('action'), text: '', done: false, carriedFrom: null })}
          max={ACTION_ITEMS_MAX}
          {...itemListProps('actionItem', 'addAction', 'add-action')}
        >
          {(item, index) => (
            <>
              <Checkbox
                checked={item.done}
                onChange={(_, data) => changeAction(index, { done: data.checked === true })}
                aria-label={t('record.done', {
                  text: item.text || t('record.actionItem', { n: index + 1 }),
                })}
                data-testid={`action-done-${index}`}
              />
              <ItemField
                label={t('record.actionItem', { n: index + 1 })}
                hint={item.carriedFrom ? t('record.carried') : undefined}
                text={item.text}
                onText={(text) => changeAction(index, { text })}
                testId={`action-${index}`}
              />
            </>
          )}
        </EditableList>
      </Section>

      {notices}

      <div className={layout.saveBar}>
        <Button appearance="primary" disabled={saving} onClick={() => void save()} data-testid="record-save">
          {saving ? t('record.saving') : t('record.save')}
        </Button>
        <span role="status" className={layout.muted} data-testid="record-status">
          {notice?.kind === 'saved' && !dirty ? t('record.saved') : dirty ? t('record.unsaved') : ''}
        </span>
        <span className={layout.muted}>{t('record.emptyText')}</span>
      </div>
    </>
  );
}

/** The two notes of a record, each in its own section: who sees them is said by the title. */
const NOTES = [
  { key: 'sharedNotes', section: 'record-shared', testId: 'shared-notes', rows: 5 },
  { key: 'privateNotes', section: 'record-private', testId: 'private-notes', rows: 4 },
] as const;

/** The text of one agenda or action item being edited. */
function ItemField({
  label,
  hint,
  readOnly,
  text,
  onText,
  testId,
}: {
  label: string;
  hint?: string;
  readOnly?: boolean;
  text: string;
  onText: (text: string) => void;
  testId: string;
}) {
  const styles = useStyles();
  return (
    <Field label={label} hint={hint} className={styles.grow}>
      <Input
        value={text}
        readOnly={readOnly}
        maxLength={ITEM_TEXT_MAX}
        onChange={(_, data) => onText(data.value)}
        data-testid={testId}
      />
    </Field>
  );
}
