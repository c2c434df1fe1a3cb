import { Badge, Button, Field, makeStyles, Select } from '@fluentui/react-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Framework } from '../../../../src/framework/framework.contract.ts';
import { VIEWPOINT_MAX, type Viewpoint } from '../../../../src/framework/viewpoint.contract.ts';
import type { ApiClient } from '../../api/client.ts';
import { formatInstant } from '../../career/format.ts';
import { queryKeys, routeQuery } from '../../data/queries.ts';
import { QueryState } from '../../data/query-state.tsx';
import { registerBundle } from '../../i18n/i18n.ts';
import { useLayoutStyles } from '../../shell/layout.tsx';
import { useLocalized } from '../../shell/localized.ts';
import { RecordOptions } from '../../shell/options.tsx';
import { MarkLabel } from '../../matrix/mark-legend.tsx';
import { useRowStyles, WriteFailure } from '../row-frame.tsx';
import { SectionFrame } from '../section-frame.tsx';
import type { HrSectionProps } from '../section-props.ts';
import messages from './messages.ts';
import { TextareaField, type TextareaFieldProps } from '../../shell/textarea-field.tsx';

registerBundle('hr-viewpoints', messages);

const useStyles = makeStyles({
  picker: { width: '100%', maxWidth: '320px', minWidth: 0 },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'center' },
  textarea: { width: '100%' },
});

/** 着眼点: per level and self-check item, what the competency looks like (HR writes; staff read). */
export default function ViewpointsSection({ api, base }: HrSectionProps) {
  const { t } = useTranslation('hr-viewpoints');
  const layout = useLayoutStyles();
  const styles = useStyles();
  const rows = useRowStyles();
  const local = useLocalized();
  const { framework } = base;
  const [levelId, setLevelId] = useState(framework.levels[0]?.id ?? '');
  const [notice, setNotice] = useState('');
  const list = useQuery(routeQuery(api, queryKeys.viewpoints, 'GET /api/framework/viewpoints'));
  const items = framework.competencies.filter(
    (competency) => (framework.expectations[levelId]?.[competency.id] ?? 'none') !== 'none',
  );
  return (
    <SectionFrame section="viewpoints">
      <p className={layout.muted}>{t('intro')}</p>
      <p className={layout.muted}>{t('versionNote')}</p>
      <Field label={t('level')}>
        <Select
          className={styles.picker}
          value={levelId}
          onChange={(_, data) => {
            setLevelId(data.value);
            setNotice('');
          }}
          data-testid="viewpoints-level"
        >
          <RecordOptions records={framework.levels} labelOf={(level) => local(level.name)} />
        </Select>
      </Field>
      <span role="status" data-testid="viewpoints-status">
        {notice}
      </span>
      <QueryState query={list}>
        {({ viewpoints }) => (
          <>
            <p className={layout.muted}>{t('items', { count: items.length })}</p>
            <ul className={rows.list}>
              {items.map((competency) => {
                const current = viewpoints.find(
                  (entry) => entry.levelId === levelId && entry.competencyId === competency.id,
                );
                return (
                  <ViewpointRow
                    // A new answer (another version) starts the boxes from it.
                    key={`${levelId}-${competency.id}-${current?.version ?? 0}`}
                    api={api}
                    framework={framework}
                    levelId={levelId}
                    competencyId={competency.id}
                    current={current}
                    onChanged={setNotice}
                  />
                );
              })}
            </ul>
          </>
        )}
      </QueryState>
    </SectionFrame>
  );
}

function ViewpointRow({
  api,
  framework,
  levelId,
  competencyId,
  current,
  onChanged,
}: {
  api: ApiClient;
  framework: Framework;
  levelId: string;
  competencyId: string;
  current: Viewpoint | undefined;
  onChanged: (text: string) => void;
}) {
  const { t, i18n } = useTranslation('hr-viewpoints');
  const styles = useStyles();
  const rows = useRowStyles();
  const layout = useLayoutStyles();
  const local = useLocalized();
  const queryClient = useQueryClient();
  const competency = framework.competencies.find((entry) => entry.id === competencyId)!;
  const mark = framework.marks[framework.expectations[levelId]?.[competencyId] ?? 'none'];
  const name = local(competency.name);
  const [ja, setJa] = useState(current?.ja ?? '');
  const [en, setEn] = useState(current?.en ?? '');
  const [failure, setFailure] = useState<unknown>(null);
  const write = useMutation({
    mutationFn: (body: { ja: string; en: string }) =>
      api.call('PUT /api/framework/viewpoints/:levelId/:competencyId', {
        params: { levelId, competencyId },
        body: { version: current?.version ?? 0, ...body },
      }),
    onMutate: () => setFailure(null),
    onSuccess: (written) => {
      onChanged(t(written ? 'saved' : 'cleared', { item: name }));
      void queryClient.invalidateQueries({ queryKey: queryKeys.viewpoints });
    },
    onError: (error) => setFailure(error),
  });
  const jaMissing = !ja.trim() && en.trim() !== '';
  const unchanged = ja.trim() === (current?.ja ?? '') && en.trim() === (current?.en ?? '');
  return (
    <li className={rows.row} data-testid={`viewpoint-row-${competencyId}`}>
      <div className={rows.head}>
        <h3 className={rows.h3}>{name}</h3>
        <MarkLabel mark={mark} className={layout.muted} />
        <Badge appearance="tint" color={current ? 'success' : 'subtle'} data-testid="viewpoint-state">
          {current ? t('written') : t('notWritten')}
        </Badge>
        {current ? (
          <span className={layout.muted}>
            {t('updatedAt', { at: formatInstant(current.updatedAt, i18n.language) })}
          </span>
        ) : null}
      </div>
      <ViewpointText
        label={`${t('ja')}: ${name}`}
        hint={t('count', { count: ja.length, max: VIEWPOINT_MAX })}
        error={jaMissing ? t('jaRequired') : undefined}
        value={ja}
        onChange={setJa}
        testId="viewpoint-ja"
      />
      <ViewpointText
        label={`${t('en')}: ${name}`}
        hint={`${t('enHint')} ${t('count', { count: en.length, max: VIEWPOINT_MAX })}`}
        value={en}
        onChange={setEn}
        testId="viewpoint-en"
      />
      <WriteFailure
        error={failure}
        stale={t('stale', { item: name })}
        reload={t('reload')}
        onReload={() => void queryClient.invalidateQueries({ queryKey: queryKeys.viewpoints })}
        staleTestId="viewpoint-stale"
      />
      <div className={styles.buttons}>
        <Button
          appearance="primary"
          disabled={write.isPending || jaMissing || !ja.trim() || unchanged}
          onClick={() => write.mutate({ ja, en })}
          data-testid="viewpoint-save"
        >
          {t('save')}
        </Button>
        {current ? (
          <Button
            disabled={write.isPending}
            onClick={() => write.mutate({ ja: '', en: '' })}
            data-testid="viewpoint-clear"
          >
            {t('clear')}
          </Button>
        ) : null}
      </div>
    </li>
  );
}

/** One language's text of a viewpoint: a box of at most VIEWPOINT_MAX characters, taller on demand. */
function ViewpointText({
  label,
  error,
  ...text
}: Pick<TextareaFieldProps, 'hint' | 'value' | 'onChange' | 'testId'> & {
  label: string;
  /** What is wrong with the text, when something is. */
  error?: string;
}) {
  const styles = useStyles();
  return (
    <TextareaField
      label={{ children: label }}
      validationState={error ? 'error' : 'none'}
      validationMessage={error}
      inputClassName={styles.textarea}
      maxLength={VIEWPOINT_MAX}
      resize="vertical"
      {...text}
    />
  );
}
