import { Badge, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CareerDesignResponse } from '../../../src/growth/career.contract.ts';
import { registerBundle } from '../i18n/i18n.ts';
import { useLayoutStyles } from '../shell/layout.tsx';
import { formatDate, formatMonth } from './format.ts';
import messages from './messages.ts';

registerBundle('career', messages);

export const useTimelineStyles = makeStyles({
  timeline: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: '12px',
  },
  entry: {
    position: 'relative',
    paddingLeft: '20px',
    borderLeft: `3px solid ${tokens.colorNeutralStroke1}`,
    minWidth: 0,
  },
  entryInPeriod: {
    borderLeft: `3px solid ${tokens.colorBrandStroke1}`,
  },
  dot: {
    position: 'absolute',
    left: '-9px',
    top: '4px',
    width: '12px',
    height: '12px',
    borderRadius: tokens.borderRadiusCircular,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `3px solid ${tokens.colorNeutralStroke1}`,
  },
  dotInPeriod: {
    border: `3px solid ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorBrandBackground,
  },
  when: { fontWeight: tokens.fontWeightSemibold, marginRight: '8px' },
  fromRecords: { backgroundColor: tokens.colorNeutralBackground2, padding: '4px 8px 4px 20px' },
  periodNote: {
    borderLeft: `4px solid ${tokens.colorBrandStroke1}`,
    paddingLeft: '8px',
    margin: '8px 0 12px',
  },
});

/** The line that says when the evaluation period runs (or that it is unknown). */
export function EvaluationPeriodNote({ career }: { career: CareerDesignResponse }) {
  const { t, i18n } = useTranslation('career');
  const styles = useTimelineStyles();
  return (
    <p className={styles.periodNote} data-testid="evaluation-period">
      {career.hireDate && career.evaluationPeriodEnd
        ? t('evaluationPeriodUntil', {
            hire: formatDate(career.hireDate, i18n.language),
            end: formatDate(career.evaluationPeriodEnd, i18n.language),
          })
        : t('evaluationPeriodUnknown')}
    </p>
  );
}

export function PeriodBadge() {
  const { t } = useTranslation('career');
  return (
    <Badge appearance="tint" color="brand" shape="rounded" data-testid="in-evaluation-period">
      {t('evaluationPeriod')}
    </Badge>
  );
}

function Labelled({ label, children }: { label: string; children: ReactNode }) {
  const styles = useLayoutStyles();
  return (
    <div>
      <h3 className={styles.h3}>{label}</h3>
      {children}
    </div>
  );
}

type RecordPosting = CareerDesignResponse['rotationFromRecords'][number];

/**
 * The person's own postings (in the order given) with HR's postings (oldest first) put in by start month:
 * each record before the first own posting that starts later or has no month yet (a row being added).
 */
export function mergedByStart<T extends { from: string }>(
  own: T[],
  records: RecordPosting[],
): Array<{ record: RecordPosting } | { entry: T; index: number }> {
  const pending = [...records];
  const merged: Array<{ record: RecordPosting } | { entry: T; index: number }> = [];
  own.forEach((entry, index) => {
    while (pending[0] && (entry.from === '' || pending[0].from <= entry.from))
      merged.push({ record: pending.shift()! });
    merged.push({ entry, index });
  });
  return [...merged, ...pending.map((record) => ({ record }))];
}

/** One posting from HR's 発令 records: read-only, tagged as such. */
export function RecordPostingEntry({ posting }: { posting: RecordPosting }) {
  const { t, i18n } = useTranslation('career');
  const styles = useLayoutStyles();
  const timeline = useTimelineStyles();
  const inPeriod = posting.inEvaluationPeriod;
  return (
    <li
      className={`${timeline.entry} ${timeline.fromRecords} ${inPeriod ? timeline.entryInPeriod : ''}`}
      data-testid="rotation-record"
      data-in-evaluation-period={inPeriod}
    >
      <span className={`${timeline.dot} ${inPeriod ? timeline.dotInPeriod : ''}`} aria-hidden="true" />
      <div className={styles.row}>
        <span className={timeline.when}>
          {formatMonth(posting.from, i18n.language)} –{' '}
          {posting.to ? formatMonth(posting.to, i18n.language) : t('current')}
        </span>
        <Badge appearance="outline" color="informative" shape="rounded" data-testid="from-records">
          {t('fromRecords')}
        </Badge>
        {inPeriod ? <PeriodBadge /> : null}
      </div>
      <div data-testid="rotation-record-place">
        {posting.department && posting.division
          ? `${posting.department}（${posting.division}）`
          : (posting.department ?? posting.division ?? '')}
      </div>
      <div className={styles.muted}>{t('fromRecordsHint')}</div>
    </li>
  );
}

/** The note on a typed posting that HR's records cover. */
export function SupersededNote() {
  const { t } = useTranslation('career');
  const styles = useLayoutStyles();
  return (
    <div className={styles.muted} data-testid="rotation-superseded">
      {t('superseded')}
    </div>
  );
}

/** A career design as others (the supervisor chain, HR) see it: read-only. */
export function CareerSummary({ career }: { career: CareerDesignResponse }) {
  const { t, i18n } = useTranslation('career');
  const styles = useLayoutStyles();
  const timeline = useTimelineStyles();
  const text = (value: string) =>
    value.trim() ? (
      <p className={styles.preLine}>{value}</p>
    ) : (
      <p className={styles.muted}>{t('readOnlyEmpty')}</p>
    );
  const list = (values: string[], empty: string) =>
    values.length > 0 ? (
      <ul>
        {values.map((value, index) => (
          <li key={index}>{value}</li>
        ))}
      </ul>
    ) : (
      <p className={styles.muted}>{empty}</p>
    );
  const qualifications = (values: CareerDesignResponse['qualificationsHeld']) =>
    list(
      values.map((value) =>
        value.month ? `${value.name}（${formatMonth(value.month, i18n.language)}）` : value.name,
      ),
      t('qualificationsEmpty'),
    );
  return (
    <div className={styles.stack} data-testid="career-summary">
      <Labelled label={t('visionMidTerm')}>{text(career.visionMidTerm)}</Labelled>
      <Labelled label={t('visionLongTerm')}>{text(career.visionLongTerm)}</Labelled>
      <Labelled label={t('path')}>
        <p data-testid="career-path">
          {t(`pathOptions.${career.path}`)}
          {career.pathField.trim() ? ` — ${career.pathField}` : ''}
        </p>
      </Labelled>
      <Labelled label={t('interests')}>{list(career.interests, t('interestsEmpty'))}</Labelled>
      <Labelled label={t('qualificationsHeld')}>{qualifications(career.qualificationsHeld)}</Labelled>
      <Labelled label={t('qualificationsPlanned')}>{qualifications(career.qualificationsPlanned)}</Labelled>
      <Labelled label={t('trainings')}>{list(career.trainingsWanted, t('trainingsEmpty'))}</Labelled>
      <Labelled label={t('rotation')}>
        <EvaluationPeriodNote career={career} />
        {career.rotation.length === 0 && career.rotationFromRecords.length === 0 ? (
          <p className={styles.muted}>{t('rotationEmpty')}</p>
        ) : (
          <ol className={timeline.timeline} data-testid="rotation-timeline">
            {mergedByStart(career.rotation, career.rotationFromRecords).map((item) =>
              'record' in item ? (
                <RecordPostingEntry key={`record-${item.record.from}`} posting={item.record} />
              ) : (
                <li
                  key={item.index}
                  className={`${timeline.entry} ${item.entry.inEvaluationPeriod ? timeline.entryInPeriod : ''}`}
                  data-testid="rotation-entry"
                  data-in-evaluation-period={item.entry.inEvaluationPeriod}
                >
                  <span
                    className={`${timeline.dot} ${item.entry.inEvaluationPeriod ? timeline.dotInPeriod : ''}`}
                    aria-hidden="true"
                  />
                  <div className={styles.row}>
                    <span className={timeline.when}>
                      {formatMonth(item.entry.from, i18n.language)} –{' '}
                      {item.entry.to ? formatMonth(item.entry.to, i18n.language) : t('current')}
                    </span>
                    {item.entry.inEvaluationPeriod ? <PeriodBadge /> : null}
                  </div>
                  <div>{item.entry.department}</div>
                  {item.entry.duties.trim() ? (
                    <div className={styles.preLine}>{item.entry.duties}</div>
                  ) : null}
                  {item.entry.superseded ? <SupersededNote /> : null}
                </li>
              ),
            )}
          </ol>
        )}
      </Labelled>
    </div>
  );
}
