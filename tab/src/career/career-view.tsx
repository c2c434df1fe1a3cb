import {
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
} from '@fluentui/react-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  CAREER_LIST_MAX,
  CAREER_SHORT_MAX,
  CAREER_TEXT_MAX,
  careerDesignInputSchema,
  countsBeforeRecords,
  ROTATION_MAX,
  type CareerDesignInput,
  type CareerDesignResponse,
  type CareerPath,
  type Qualification,
  type RotationEntry,
} from '../../../src/growth/career.contract.ts';
import type { ApiClient } from '../api/client.ts';
import { queryKeys, routeQuery, useMe } from '../data/queries.ts';
import { QueryState } from '../data/query-state.tsx';
import type { PageProps } from '../shell/app.tsx';
import { Page, Section, useLayoutStyles } from '../shell/layout.tsx';
import { OjtGuidedPlans, OjtPanel } from '../ojt/ojt-panel.tsx';
import {
  CareerSummary,
  EvaluationPeriodNote,
  mergedByStart,
  PeriodBadge,
  RecordPostingEntry,
  SupersededNote,
  useTimelineStyles,
} from './career-summary.tsx';
import messages from './messages.ts';
import { registerBundle } from '../i18n/i18n.ts';
import { formatInstant, startsInEvaluationPeriod } from './format.ts';
import { ConflictBar } from '../shell/conflict-bar.tsx';
import { ErrorDetails, SaveErrorBar } from '../shell/save-error-bar.tsx';
import { useVersionedEditor } from '../data/versioned-editor.ts';
import { patchedAt, replacedAt, withoutAt } from '../shell/list-edit.ts';
import { TextareaStack } from '../shell/textarea-field.tsx';
import { EditableList } from '../shell/editable-list.tsx';
import { QualificationsPanel } from '../training/qualifications-panel.tsx';

type Form = Omit<CareerDesignInput, 'version'>;

registerBundle('career', messages);

const PATHS: CareerPath[] = ['specialist', 'rotation', 'undecided'];

/** The two vision boxes: the form key is also the label's message key. */
const VISIONS = [
  { key: 'visionMidTerm', testId: 'vision-mid' },
  { key: 'visionLongTerm', testId: 'vision-long' },
] as const;

const useStyles = makeStyles({
  fields: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(150px, 1fr))',
    gap: '8px 12px',
    // The end month carries a hint below it; aligned at the top, the three labels stay on one line.
    alignItems: 'start',
  },
  grow: { flexGrow: 1, minWidth: '0', flexBasis: '180px' },
});

function formOf(career: CareerDesignResponse): Form {
  return {
    visionMidTerm: career.visionMidTerm,
    visionLongTerm: career.visionLongTerm,
    path: career.path,
    pathField: career.pathField,
    interests: [...career.interests],
    qualificationsHeld: career.qualificationsHeld.map((value) => ({ ...value })),
    qualificationsPlanned: career.qualificationsPlanned.map((value) => ({ ...value })),
    trainingsWanted: [...career.trainingsWanted],
    rotation: career.rotation.map(({ from, to, department, duties }) => ({ from, to, department, duties })),
  };
}

/** What is sent: blank rows the person added but never filled are left out. */
function cleaned(form: Form): Form {
  const texts = (values: string[]) => values.map((value) => value.trim()).filter(Boolean);
  const qualifications = (values: Qualification[]) =>
    values
      .map((value) => ({ name: value.name.trim(), month: value.month || null }))
      .filter((value) => value.name || value.month);
  return {
    ...form,
    interests: texts(form.interests),
    trainingsWanted: texts(form.trainingsWanted),
    qualificationsHeld: qualifications(form.qualificationsHeld),
    qualificationsPlanned: qualifications(form.qualificationsPlanned),
    rotation: form.rotation
      .map((entry) => ({ ...entry, to: entry.to || null }))
      .filter((entry) => entry.from || entry.to || entry.department.trim() || entry.duties.trim()),
  };
}

/** Rows the person added and left blank: said beside the save button, since saving leaves them out. */
function blankRowsOf(form: Form): number {
  const after = cleaned(form);
  const lists = [
    'interests',
    'trainingsWanted',
    'qualificationsHeld',
    'qualificationsPlanned',
    'rotation',
  ] as const;
  return lists.reduce((sum, key) => sum + form[key].length - after[key].length, 0);
}

export default function CareerView({ api }: PageProps) {
  const { t } = useTranslation('career');
  const me = useMe(api);
  const personId = me.data?.id ?? '';
  const careerKey = queryKeys.personCareer(personId);
  const career = useQuery({
    ...routeQuery(api, careerKey, 'GET /api/people/:personId/career', { params: { personId } }),
    enabled: personId !== '',
  });
  const queryClient = useQueryClient();

  return (
    <Page title={t('title')} testId="career">
      {me.data === undefined ? (
        <QueryState query={me}>{() => null}</QueryState>
      ) : (
        <QueryState query={career}>
          {(initial) => (
            // "Reload" after a conflict reads the design afresh from nothing: the editor remounts with it.
            <CareerEditor
              api={api}
              initial={initial}
              queryKey={careerKey}
              onReload={() => void queryClient.resetQueries({ queryKey: careerKey })}
            />
          )}
        </QueryState>
      )}
      {/* The person's own OJT plan, read-only (docs/ojt.md). */}
      {me.data === undefined ? null : (
        <Section title={t('ojtTitle')} id="my-ojt" testId="my-ojt">
          <OjtPanel api={api} personId="me" />
        </Section>
      )}
      {/* 資格取得 support: one's applications, and those awaiting one as supervisor (docs/training.md). */}
      {me.data === undefined ? null : <QualificationsPanel api={api} />}
      {/* The plans the caller is the 指導担当 of, if any (docs/ojt.md). */}
      {me.data === undefined ? null : <OjtGuidedPlans api={api} />}
    </Page>
  );
}

function CareerEditor({
  api,
  initial,
  queryKey,
  onReload,
}: {
  api: ApiClient;
  initial: CareerDesignResponse;
  queryKey: readonly unknown[];
  onReload: () => void;
}) {
  const { t, i18n } = useTranslation('career');
  const layout = useLayoutStyles();
  const styles = useStyles();
  const {
    saved,
    form,
    update,
    dirty,
    notice,
    mutation: saving,
    save,
  } = useVersionedEditor({
    initial,
    formOf,
    cleaned,
    queryKey,
    put: (body, saved) =>
      api.call('PUT /api/people/:personId/career', { params: { personId: saved.personId }, body }),
    schema: careerDesignInputSchema,
  });
  const editable = saved.editable;
  const blankRows = blankRowsOf(form);

  if (!editable) return <CareerSummary career={saved} />;

  const textList = (
    key: 'interests' | 'trainingsWanted',
    label: string,
    addLabel: string,
    testId: string,
  ) => (
    <EditableList
      items={form[key]}
      onChange={(items) => update(key, items)}
      blank={() => ''}
      max={CAREER_LIST_MAX}
      removeText={t('remove')}
      removeLabel={(index) => t('removeRow', { what: t(label, { n: index + 1 }) })}
      addText={t(addLabel)}
      testId={testId}
      addTestId={`add-${testId}`}
    >
      {(value, index) => (
        <Field label={t(label, { n: index + 1 })} className={styles.grow}>
          <Input
            value={value}
            maxLength={CAREER_SHORT_MAX}
            onChange={(_, data) => update(key, replacedAt(form[key], index, data.value))}
          />
        </Field>
      )}
    </EditableList>
  );

  const qualificationList = (key: 'qualificationsHeld' | 'qualificationsPlanned', monthLabel: string) => {
    const change = (index: number, patch: Partial<Qualification>) =>
      update(key, patchedAt(form[key], index, patch));
    return (
      <EditableList
        items={form[key]}
        onChange={(items) => update(key, items)}
        blank={() => ({ name: '', month: null })}
        max={CAREER_LIST_MAX}
        removeText={t('remove')}
        removeLabel={(index) => t('removeRow', { what: t('qualificationName', { n: index + 1 }) })}
        addText={t('addQualification')}
        testId={key}
        addTestId={`add-${key}`}
      >
        {(value, index) => (
          <>
            <Field label={t('qualificationName', { n: index + 1 })} className={styles.grow}>
              <Input
                value={value.name}
                maxLength={CAREER_SHORT_MAX}
                onChange={(_, data) => change(index, { name: data.value })}
              />
            </Field>
            <Field label={t(monthLabel, { n: index + 1 })}>
              <Input
                type="month"
                value={value.month ?? ''}
                onChange={(_, data) => change(index, { month: data.value || null })}
              />
            </Field>
          </>
        )}
      </EditableList>
    );
  };

  return (
    <>
      <MessageBar intent="info" data-testid="career-shared-note">
        <MessageBarBody>{t('sharedNote')}</MessageBarBody>
      </MessageBar>
      <p className={layout.muted}>{t('intro')}</p>

      <Section title={t('vision')} id="career-vision">
        <TextareaStack
          fields={VISIONS.map(({ key, testId }) => ({ key, testId, label: t(key) }))}
          values={form}
          onChange={update}
          maxLength={CAREER_TEXT_MAX}
          rows={4}
        />
      </Section>

      <Section title={t('path')} id="career-path">
        <div className={layout.stack}>
          <RadioGroup
            aria-labelledby="career-path"
            value={form.path}
            onChange={(_, data) => update('path', data.value as CareerPath)}
            data-testid="path"
          >
            {PATHS.map((path) => (
              <Radio key={path} value={path} label={t(`pathOptions.${path}`)} data-testid={`path-${path}`} />
            ))}
          </RadioGroup>
          <Field label={t('pathField')} hint={t(`pathFieldHint.${form.path}`)}>
            <Input
              value={form.pathField}
              maxLength={CAREER_SHORT_MAX}
              onChange={(_, data) => update('pathField', data.value)}
              data-testid="path-field"
            />
          </Field>
        </div>
      </Section>

      <Section title={t('interests')} id="career-interests">
        {textList('interests', 'interest', 'addInterest', 'interests')}
      </Section>

      <Section title={t('qualifications')} id="career-qualifications">
        <h3 className={layout.h3}>{t('qualificationsHeld')}</h3>
        {qualificationList('qualificationsHeld', 'qualificationMonthHeld')}
        <h3 className={layout.h3}>{t('qualificationsPlanned')}</h3>
        {qualificationList('qualificationsPlanned', 'qualificationMonthPlanned')}
      </Section>

      <Section title={t('trainings')} id="career-trainings">
        {textList('trainingsWanted', 'training', 'addTraining', 'trainings')}
      </Section>

      <Section title={t('rotation')} id="career-rotation" testId="rotation">
        <p className={layout.muted}>{t('rotationIntro')}</p>
        <EvaluationPeriodNote career={saved} />
        <RotationEditor
          rotation={form.rotation}
          records={saved.rotationFromRecords}
          periodEnd={saved.evaluationPeriodEnd}
          onChange={(rotation) => update('rotation', rotation)}
        />
      </Section>

      {notice?.kind === 'conflict' ? (
        <ConflictBar title={t('conflictTitle')} body={t('conflictBody')} testId="career-conflict">
          <Button onClick={onReload} data-testid="career-reload">
            {t('reload')}
          </Button>
        </ConflictBar>
      ) : null}
      {notice?.kind === 'error' ? <SaveError error={notice.error} /> : null}

      <div className={layout.saveBar}>
        <Button appearance="primary" disabled={saving.isPending} onClick={save} data-testid="career-save">
          {saving.isPending ? t('saving') : t('save')}
        </Button>
        <span role="status" className={layout.muted} data-testid="career-status">
          {notice?.kind === 'saved' && !dirty ? t('saved') : dirty ? t('unsaved') : ''}
          {!dirty && notice?.kind !== 'saved' && saved.updatedAt
            ? t('lastSaved', { at: formatInstant(saved.updatedAt, i18n.language) })
            : ''}
        </span>
        {blankRows > 0 ? (
          <span className={layout.muted} data-testid="career-blank-rows">
            {t('blankRows', { count: blankRows })}
          </span>
        ) : null}
      </div>
    </>
  );
}

function SaveError({ error }: { error: unknown }) {
  const { t } = useTranslation('career');
  return (
    <SaveErrorBar title={t('saveFailed')} error={error} testId="career-save-error">
      <ErrorDetails error={error} labelOf={(path) => detailLabel(path, t)} />
    </SaveErrorBar>
  );
}

const DETAIL_SECTIONS: Record<string, string> = {
  visionMidTerm: 'visionMidTerm',
  visionLongTerm: 'visionLongTerm',
  path: 'path',
  pathField: 'pathField',
  interests: 'interests',
  qualificationsHeld: 'qualificationsHeld',
  qualificationsPlanned: 'qualificationsPlanned',
  trainingsWanted: 'trainings',
  rotation: 'rotation',
};

/** `body.rotation.2.from` → 「ジョブローテーション（職歴） 3行目: 開始年月」 */
function detailLabel(path: string, t: (key: string, options?: Record<string, unknown>) => string): string {
  const [, section, index, field] = path.split('.');
  const sectionKey = section ? DETAIL_SECTIONS[section] : undefined;
  if (!sectionKey) return path;
  const where =
    index !== undefined && /^\d+$/.test(index)
      ? t('rowOf', { section: t(sectionKey), n: Number(index) + 1 })
      : t(sectionKey);
  const fieldKey = field === 'name' ? 'qualificationName' : field;
  return fieldKey && ['from', 'to', 'department', 'duties'].includes(fieldKey)
    ? `${where} ${t(fieldKey)}`
    : where;
}

function RotationEditor({
  rotation,
  records,
  periodEnd,
  onChange,
}: {
  rotation: RotationEntry[];
  /** HR's 発令 postings: shown read-only among the person's own, by start month. */
  records: CareerDesignResponse['rotationFromRecords'];
  periodEnd: string | null;
  onChange: (rotation: RotationEntry[]) => void;
}) {
  const { t } = useTranslation('career');
  const layout = useLayoutStyles();
  const styles = useStyles();
  const timeline = useTimelineStyles();
  const change = (index: number, patch: Partial<RotationEntry>) =>
    onChange(patchedAt(rotation, index, patch));
  /** A posting's short text: the key names the label's message and the box's test id. */
  const postingText = (
    entry: RotationEntry,
    index: number,
    key: 'department' | 'duties',
    required: boolean,
  ) => (
    <Field label={t(key)} required={required}>
      <Input
        value={entry[key]}
        maxLength={CAREER_SHORT_MAX}
        onChange={(_, data) => change(index, { [key]: data.value })}
        data-testid={`rotation-${key}`}
      />
    </Field>
  );
  return (
    <>
      {rotation.length === 0 && records.length === 0 ? (
        <p className={layout.muted}>{t('rotationEmpty')}</p>
      ) : null}
      <ol className={timeline.timeline} data-testid="rotation-timeline">
        {mergedByStart(rotation, records).map((item) => {
          if ('record' in item)
            return <RecordPostingEntry key={`record-${item.record.from}`} posting={item.record} />;
          const { entry, index } = item;
          const inPeriod = startsInEvaluationPeriod(entry.from, periodEnd);
          return (
            <li
              key={index}
              className={`${timeline.entry} ${inPeriod ? timeline.entryInPeriod : ''}`}
              data-testid="rotation-entry"
              data-in-evaluation-period={inPeriod}
            >
              <span
                className={`${timeline.dot} ${inPeriod ? timeline.dotInPeriod : ''}`}
                aria-hidden="true"
              />
              <div className={layout.row}>
                <h3 className={layout.h3} style={{ margin: 0 }}>
                  {t('posting', { n: index + 1 })}
                </h3>
                {inPeriod ? <PeriodBadge /> : null}
              </div>
              <div className={styles.fields}>
                <Field label={t('from')} required>
                  <Input
                    type="month"
                    value={entry.from}
                    onChange={(_, data) => change(index, { from: data.value })}
                    data-testid="rotation-from"
                  />
                </Field>
                <Field label={t('to')} hint={t('toHint')}>
                  <Input
                    type="month"
                    value={entry.to ?? ''}
                    onChange={(_, data) => change(index, { to: data.value || null })}
                    data-testid="rotation-to"
                  />
                </Field>
                {postingText(entry, index, 'department', true)}
              </div>
              {postingText(entry, index, 'duties', false)}
              {countsBeforeRecords(entry, records[0]?.from) ? null : <SupersededNote />}
              <Button
                style={{ marginTop: 8 }}
                aria-label={t('removeRow', { what: t('posting', { n: index + 1 }) })}
                onClick={() => onChange(withoutAt(rotation, index))}
              >
                {t('remove')}
              </Button>
            </li>
          );
        })}
      </ol>
      <Button
        style={{ marginTop: 12 }}
        disabled={rotation.length >= ROTATION_MAX}
        onClick={() => onChange([...rotation, { from: '', to: null, department: '', duties: '' }])}
        data-testid="add-posting"
      >
        {t('addPosting')}
      </Button>
    </>
  );
}
