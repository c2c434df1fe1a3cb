// 研修報告ライブラリ: the training reports their authors shared with the whole organisation (全庁に公開),
// searchable by course, competency, DRILL guideline, 課 and keywords, with a per-course view. What a report
// kept to its 課 says never reaches this page: the server leaves it out of every answer (docs/reports.md).
import { Button, Field, Input, Select, tokens, makeStyles } from '@fluentui/react-components';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Framework } from '../../../src/framework/framework.contract.ts';
import {
  LIBRARY_DEPARTMENT_MAX,
  LIBRARY_QUERY_MAX,
  type LibraryEntry,
} from '../../../src/reports/report.contract.ts';
import type { ApiClient } from '../api/client.ts';
import { queryKeys, routeQuery } from '../data/queries.ts';
import { QueryState } from '../data/query-state.tsx';
import { OrEmpty, useLayoutStyles } from '../shell/layout.tsx';
import { useTrainingStyles } from './catalog.tsx';
import { formatSpan, useTitle } from './format.ts';
import { StackForm } from '../shell/stack-form.tsx';
import { Options } from '../shell/options.tsx';

const useStyles = makeStyles({
  filters: { display: 'flex', flexWrap: 'wrap', gap: '12px', alignItems: 'end' },
  field: { minWidth: 0, maxWidth: '100%', flex: '1 1 160px' },
  // Fluent's Input keeps a minimum width of its own; at 360 px it must give way to the row.
  input: { minWidth: 0, width: '100%' },
  courses: { display: 'flex', flexWrap: 'wrap', gap: '8px', listStyleType: 'none', margin: 0, padding: 0 },
  label: { color: tokens.colorNeutralForeground3, fontWeight: tokens.fontWeightSemibold, margin: '8px 0 0' },
  text: { margin: '2px 0 0', whiteSpace: 'pre-line' },
});

interface Filters {
  courseId: string;
  competencyId: string;
  guidelineId: string;
  department: string;
  q: string;
}
const NO_FILTERS: Filters = { courseId: '', competencyId: '', guidelineId: '', department: '', q: '' };

export function ReportLibrary({ api, framework }: { api: ApiClient; framework: Framework }) {
  const { t, i18n } = useTranslation('training');
  const layout = useLayoutStyles();
  const styles = useStyles();
  const training = useTrainingStyles();
  const title = useTitle();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  // What is typed waits for Enter (or the button): a search per keystroke would page the server for nothing.
  const [typed, setTyped] = useState({ q: '', department: '' });
  const [cursor, setCursor] = useState<string | undefined>();
  const query = {
    ...Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== '')),
    ...(cursor ? { cursor } : {}),
  };
  const library = useQuery({
    ...routeQuery(api, queryKeys.reportLibrary(query), 'GET /api/reports/library', { query }),
    placeholderData: keepPreviousData,
  });
  const choose = (change: Partial<Filters>) => {
    setFilters((current) => ({ ...current, ...change }));
    setCursor(undefined);
  };
  const search = () => {
    choose({ q: typed.q.trim(), department: typed.department.trim() });
  };
  const nameOf = (list: Array<{ id: string; name: { ja: string; en: string } }>, id: string) => {
    const name = list.find((entry) => entry.id === id)?.name;
    return name ? (i18n.language === 'en' ? name.en : name.ja) : id;
  };
  const separator = i18n.language === 'en' ? ', ' : '、';
  /** The filters by the policy: a competency, a guideline (shown with its letter). */
  const frameworkFilters = [
    {
      key: 'competencyId',
      label: t('library.competency'),
      testId: 'library-competency',
      ids: framework.competencies.map(({ id }) => id),
      labelOf: (id: string) => nameOf(framework.competencies, id),
    },
    {
      key: 'guidelineId',
      label: t('library.guideline'),
      testId: 'library-guideline',
      ids: framework.guidelines.map(({ id }) => id),
      labelOf: (id: string) =>
        `${framework.guidelines.find((guideline) => guideline.id === id)?.letter} ${nameOf(framework.guidelines, id)}`,
    },
  ] as const;

  return (
    <section aria-labelledby="report-library-title" className={layout.stack} data-testid="report-library">
      <h2 className={layout.h2} id="report-library-title">
        {t('tabs.library')}
      </h2>
      <p className={layout.muted}>{t('library.intro')}</p>
      <StackForm className={styles.filters} onSubmit={search} role="search" aria-label={t('tabs.library')}>
        <Field label={t('library.search')} hint={t('library.searchHint')} className={styles.field}>
          <Input
            className={styles.input}
            type="search"
            value={typed.q}
            maxLength={LIBRARY_QUERY_MAX}
            onChange={(_, data) => setTyped((current) => ({ ...current, q: data.value }))}
            data-testid="library-search"
          />
        </Field>
        <Field label={t('library.department')} className={styles.field}>
          <Input
            className={styles.input}
            value={typed.department}
            maxLength={LIBRARY_DEPARTMENT_MAX}
            onChange={(_, data) => setTyped((current) => ({ ...current, department: data.value }))}
            data-testid="library-department"
          />
        </Field>
        <Button type="submit" appearance="primary" data-testid="library-submit">
          {t('library.search')}
        </Button>
      </StackForm>
      <div className={styles.filters}>
        {frameworkFilters.map(({ key, label, testId, ids, labelOf }) => (
          <Field key={key} label={label} className={styles.field}>
            <Select
              value={filters[key]}
              onChange={(_, data) => choose({ [key]: data.value })}
              data-testid={testId}
            >
              <option value="">{t('library.all')}</option>
              <Options values={ids} labelOf={labelOf} />
            </Select>
          </Field>
        ))}
        <Button
          onClick={() => {
            setTyped({ q: '', department: '' });
            choose(NO_FILTERS);
          }}
          data-testid="library-clear"
        >
          {t('library.clear')}
        </Button>
      </div>
      <QueryState query={library}>
        {(page) => (
          <>
            <h3 className={styles.label} id="library-by-course">
              {t('library.byCourse')}
            </h3>
            <ul className={styles.courses} aria-labelledby="library-by-course" data-testid="library-courses">
              <li>
                <Button
                  size="small"
                  appearance={filters.courseId === '' ? 'primary' : 'secondary'}
                  aria-pressed={filters.courseId === ''}
                  onClick={() => choose({ courseId: '' })}
                >
                  {t('library.all')}
                </Button>
              </li>
              {page.courses.map((course) => (
                <li key={course.courseId}>
                  <Button
                    size="small"
                    appearance={filters.courseId === course.courseId ? 'primary' : 'secondary'}
                    aria-pressed={filters.courseId === course.courseId}
                    onClick={() => choose({ courseId: course.courseId })}
                    data-testid={`library-course-${course.courseId}`}
                  >
                    {t('library.courseCount', { title: title(course.courseTitle), count: course.reports })}
                  </Button>
                </li>
              ))}
            </ul>
            <p role="status" data-testid="library-total">
              {t('library.results', { count: page.total })}
            </p>
            <OrEmpty empty={page.entries.length === 0} text={t('library.empty')} testId="library-empty">
              <ul className={training.list} data-testid="library-entries">
                {page.entries.map((entry) => (
                  <Entry key={entry.reportId} entry={entry} framework={framework} separator={separator} />
                ))}
              </ul>
            </OrEmpty>
            <div className={styles.filters}>
              {cursor ? (
                <Button onClick={() => setCursor(undefined)} data-testid="library-first">
                  {t('library.first')}
                </Button>
              ) : null}
              {page.nextCursor ? (
                <Button onClick={() => setCursor(page.nextCursor ?? undefined)} data-testid="library-more">
                  {t('library.more')}
                </Button>
              ) : null}
            </div>
          </>
        )}
      </QueryState>
    </section>
  );
}

function Entry({
  entry,
  framework,
  separator,
}: {
  entry: LibraryEntry;
  framework: Framework;
  separator: string;
}) {
  const { t, i18n } = useTranslation('training');
  const training = useTrainingStyles();
  const styles = useStyles();
  const layout = useLayoutStyles();
  const title = useTitle();
  const en = i18n.language === 'en';
  const strengthened = [
    ...entry.competencyIds.map((id) => {
      const found = framework.competencies.find((competency) => competency.id === id);
      return found ? (en ? found.name.en : found.name.ja) : id;
    }),
    ...entry.guidelineIds.map((id) => {
      const found = framework.guidelines.find((guideline) => guideline.id === id);
      return found ? `${found.letter} ${en ? found.name.en : found.name.ja}` : id;
    }),
  ];
  return (
    <li className={training.item} data-testid={`library-entry-${entry.reportId}`}>
      <h4 className={training.title}>{title(entry.courseTitle)}</h4>
      <p className={layout.muted} style={{ margin: 0 }}>
        {t('library.author', { name: entry.personName, department: entry.department ?? '—' })}
        {' · '}
        {t('library.sessionOn', { date: formatSpan(entry.start, entry.end, i18n.language) })}
      </p>
      <p className={styles.label}>{t('library.learned')}</p>
      <p className={styles.text}>{entry.learned}</p>
      <p className={styles.label}>{t('library.application')}</p>
      <p className={styles.text}>{entry.application}</p>
      {strengthened.length > 0 ? (
        <>
          <p className={styles.label}>{t('library.strengthened')}</p>
          <p className={styles.text}>{strengthened.join(separator)}</p>
        </>
      ) : null}
    </li>
  );
}
