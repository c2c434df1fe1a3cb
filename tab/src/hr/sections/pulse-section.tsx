import { Button, Field, Select } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PULSE_MIN_GROUP_SIZE, type PulseConfig } from '../../../../src/pulse/pulse.contract.ts';
import { fiscalQuarterAt } from '../../../../src/shared/fiscal-period.ts';
import { queryKeys, routeQuery } from '../../data/queries.ts';
import { QueryState } from '../../data/query-state.tsx';
import { OrEmpty, Section, useLayoutStyles } from '../../shell/layout.tsx';
import { Options } from '../../shell/options.tsx';
import { NumCell, RowHead, TitledTable, useAnalyticsStyles } from '../dashboards/analytics-ui.tsx';
import { formatDay } from '../../shell/date-time.ts';
import { PulseEditor } from '../../pulse/pulse-editor.tsx';
import { PulseResultsPanel } from '../../pulse/pulse-results.tsx';
import { PulseTrend } from '../../pulse/pulse-trend.tsx';
import { SectionFrame } from '../section-frame.tsx';
import type { HrSectionProps } from '../section-props.ts';

/** How many quarters ahead HR may configure, counting the current one. */
const QUARTERS_AHEAD = 4;

/** The quarter after `id` (2026-Q4 → 2027-Q1). */
function nextQuarter(id: string): string {
  const [year, quarter] = id.split('-Q').map(Number) as [number, number];
  return quarter === 4 ? `${year + 1}-Q1` : `${year}-Q${quarter + 1}`;
}

/** The current quarter and the next ones that have no pulse yet. */
function openQuarters(now: Date, pulses: readonly PulseConfig[]): string[] {
  const taken = new Set(pulses.map((pulse) => pulse.quarter));
  const quarters = [fiscalQuarterAt(now).id];
  while (quarters.length < QUARTERS_AHEAD) quarters.push(nextQuarter(quarters.at(-1) ?? ''));
  return quarters.filter((quarter) => !taken.has(quarter));
}

type Editing = { kind: 'none' } | { kind: 'new' } | { kind: 'edit'; pulse: PulseConfig };

/** HR's やりがい pulse: the pulses by quarter, one created or edited, its results, the trend by 課. */
export default function PulseSection({ api }: HrSectionProps) {
  const { t, i18n } = useTranslation('pulse');
  const layout = useLayoutStyles();
  const list = useQuery(routeQuery(api, queryKeys.hrPulses, 'GET /api/hr/pulses'));
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const [opened, setOpened] = useState<string>();
  const [notice, setNotice] = useState('');
  const done = (message: string) => {
    setEditing({ kind: 'none' });
    setNotice(message);
  };
  const day = (value: string) => formatDay(value, i18n.language);
  return (
    <SectionFrame section="pulse">
      <Section title={t('title')} id="hr-pulse" testId="hr-pulse">
        <p className={layout.muted}>{t('intro', { min: PULSE_MIN_GROUP_SIZE })}</p>
        <QueryState query={list}>
          {(pulses) => {
            const open = openQuarters(new Date(list.dataUpdatedAt), pulses);
            return (
              <>
                <OrEmpty empty={pulses.length === 0} text={t('none')} testId="pulse-none">
                  <TitledTable
                    title={t('listTitle')}
                    testId="pulse-list"
                    columns={[
                      { label: t('quarter') },
                      { label: t('status') },
                      { label: t('period') },
                      { label: t('answered'), num: true },
                      { label: t('actions') },
                    ]}
                  >
                    <tbody>
                      {pulses.map((pulse) => (
                        <PulseRow
                          key={pulse.id}
                          pulse={pulse}
                          period={t('periodText', { from: day(pulse.opensOn), to: day(pulse.closesOn) })}
                          onEdit={() => {
                            setNotice('');
                            setEditing({ kind: 'edit', pulse });
                          }}
                          onResults={() => setOpened(pulse.id)}
                        />
                      ))}
                    </tbody>
                  </TitledTable>
                </OrEmpty>
                {editing.kind !== 'none' ? (
                  <PulseEditor
                    key={editing.kind === 'edit' ? editing.pulse.id : 'new'}
                    api={api}
                    pulse={editing.kind === 'edit' ? editing.pulse : undefined}
                    quarters={open}
                    onDone={done}
                    onCancel={() => setEditing({ kind: 'none' })}
                  />
                ) : open.length === 0 ? (
                  // Every quarter HR may configure has its pulse: change one of those, or wait for the next quarter.
                  <p className={layout.muted} data-testid="pulse-all-configured">
                    {t('allConfigured', { count: QUARTERS_AHEAD })}
                  </p>
                ) : (
                  <div>
                    <Button
                      appearance="primary"
                      onClick={() => {
                        setNotice('');
                        setEditing({ kind: 'new' });
                      }}
                      data-testid="pulse-new"
                    >
                      {t('new')}
                    </Button>
                  </div>
                )}
              </>
            );
          }}
        </QueryState>
        <span role="status" data-testid="pulse-status">
          {notice}
        </span>
        {opened ? (
          <PulseResultsPanel key={opened} api={api} pulseId={opened} onClose={() => setOpened(undefined)} />
        ) : null}
      </Section>
      <TrendSection api={api} />
    </SectionFrame>
  );
}

function PulseRow({
  pulse,
  period,
  onEdit,
  onResults,
}: {
  pulse: PulseConfig;
  period: string;
  onEdit: () => void;
  onResults: () => void;
}) {
  const { t } = useTranslation('pulse');
  const layout = useLayoutStyles();
  const styles = useAnalyticsStyles();
  return (
    <tr data-testid={`pulse-row-${pulse.quarter}`}>
      <RowHead>{pulse.quarter}</RowHead>
      <td className={styles.td}>{t(`statusOption.${pulse.status}`)}</td>
      <td className={styles.td}>{period}</td>
      <NumCell>{pulse.answered}</NumCell>
      <td className={styles.td}>
        <span className={layout.row}>
          <Button
            size="small"
            aria-label={t('editLabel', { quarter: pulse.quarter })}
            onClick={onEdit}
            data-testid={`pulse-edit-${pulse.quarter}`}
          >
            {t('edit')}
          </Button>
          <Button
            size="small"
            aria-label={t('resultsLabel', { quarter: pulse.quarter })}
            onClick={onResults}
            data-testid={`pulse-results-${pulse.quarter}`}
          >
            {t('results')}
          </Button>
        </span>
      </td>
    </tr>
  );
}

/** The trend of the organisation or of one 課, over the quarters whose pulse opened. */
function TrendSection({ api }: Pick<HrSectionProps, 'api'>) {
  const { t } = useTranslation('pulse');
  const trend = useQuery(routeQuery(api, queryKeys.hrPulseTrend, 'GET /api/hr/pulses/trend'));
  const [unit, setUnit] = useState('');
  return (
    <Section title={t('trendTitle')} id="hr-pulse-trend" testId="hr-pulse-trend">
      <QueryState query={trend}>
        {(data) => {
          const department = data.departments.find((entry) => entry.department === unit);
          return (
            <>
              <Field label={t('trendUnit')}>
                <Select
                  value={unit}
                  onChange={(_, change) => setUnit(change.value)}
                  data-testid="pulse-trend-unit"
                >
                  <option value="">{t('trendOverall')}</option>
                  <Options
                    values={data.departments.map((entry) => entry.department)}
                    labelOf={(name) => name}
                  />
                </Select>
              </Field>
              <PulseTrend
                title={t('trendOf', { unit: department ? department.department : t('trendOverall') })}
                points={department ? department.points : data.overall}
                minGroupSize={data.minGroupSize}
                testId="pulse-trend"
              />
            </>
          );
        }}
      </QueryState>
    </Section>
  );
}
