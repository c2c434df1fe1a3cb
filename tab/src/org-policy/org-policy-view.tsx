// 課の方針 (docs/growth.md, 部・課の方針): the 部's policy above the 課's for a fiscal year, for everyone
// to read; the 部長 / 課長 / HR edit theirs; the chain and HR see how the 課's people's goals link.
// `#/org-policy` shows my own 課 and 部; `#/org-policy/<課>/<部>` another (the 部 may be left out).
import { Button, Field, Input, makeStyles } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ORG_UNIT_MAX } from '../../../src/growth/org-policy.contract.ts';
import { useMe } from '../data/queries.ts';
import { GoalYearField } from '../goals/goal-year-field.tsx';
import { useGoalYears } from '../goals/goal-years.ts';
import { registerBundle } from '../i18n/i18n.ts';
import type { PageProps } from '../shell/app.tsx';
import { Page, useLayoutStyles } from '../shell/layout.tsx';
import { PendingPage } from '../shell/pending-page.tsx';
import { navigate } from '../shell/router.ts';
import { CoveragePanel } from './coverage-panel.tsx';
import messages from './messages.ts';
import { PolicyPanel, usePolicy } from './policy-panel.tsx';

registerBundle('orgPolicy', messages);

const useStyles = makeStyles({
  unitForm: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'end' },
  unitField: { minWidth: 0, flexGrow: 1, flexBasis: '160px' },
});

export default function OrgPolicyView({ api, rest }: PageProps) {
  const { t } = useTranslation('orgPolicy');
  const layout = useLayoutStyles();
  const choice = useGoalYears(t);
  const { year } = choice;
  const me = useMe(api);
  if (me.data === undefined) return <PendingPage title={t('title')} testId="org-policy" query={me} />;
  const other = rest[0] !== undefined;
  const department = other ? (rest[0] ?? null) : me.data.department;
  const division = other ? (rest[1] ?? null) : me.data.division;
  // The chain above the 課's people and HR see the coverage; the server decides whom it includes.
  const mayReadCoverage = me.data.roles.includes('supervisor') || me.data.roles.includes('hr');

  return (
    <Page title={t('title')} testId="org-policy">
      <p className={layout.muted}>{t('intro')}</p>
      <GoalYearField label={t('year')} choice={choice} testId="org-policy-year" />
      {department === null ? (
        <p className={layout.muted} data-testid="org-policy-no-unit">
          {t('noUnit')}
        </p>
      ) : (
        <Units
          api={api}
          fiscalYear={year}
          department={department}
          division={division}
          mayReadCoverage={mayReadCoverage}
        />
      )}
      <UnitPicker showMine={other} />
    </Page>
  );
}

function Units({
  api,
  fiscalYear,
  department,
  division,
  mayReadCoverage,
}: {
  api: PageProps['api'];
  fiscalYear: number;
  department: string;
  division: string | null;
  mayReadCoverage: boolean;
}) {
  return (
    <>
      {division !== null ? (
        <DivisionAndDepartment
          api={api}
          fiscalYear={fiscalYear}
          department={department}
          division={division}
        />
      ) : (
        <PolicyPanel api={api} kind="department" fiscalYear={fiscalYear} unit={department} />
      )}
      {mayReadCoverage ? <CoveragePanel api={api} fiscalYear={fiscalYear} department={department} /> : null}
    </>
  );
}

/** The 部's policy above the 課's; the 課's goals may name the 部's. */
function DivisionAndDepartment({
  api,
  fiscalYear,
  department,
  division,
}: {
  api: PageProps['api'];
  fiscalYear: number;
  department: string;
  division: string;
}) {
  const divisionGoals = usePolicy(api, 'division', fiscalYear, division).data?.goals ?? [];
  return (
    <>
      <PolicyPanel api={api} kind="division" fiscalYear={fiscalYear} unit={division} />
      <PolicyPanel
        api={api}
        kind="department"
        fiscalYear={fiscalYear}
        unit={department}
        divisionGoals={divisionGoals}
      />
    </>
  );
}

/** Another 課 (and its 部) by name, as the directory names them; or back to my own. */
function UnitPicker({ showMine }: { showMine: boolean }) {
  const { t } = useTranslation('orgPolicy');
  const styles = useStyles();
  const layout = useLayoutStyles();
  const [department, setDepartment] = useState('');
  const [division, setDivision] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (department.trim() === '') return;
    navigate('org-policy', department.trim(), ...(division.trim() ? [division.trim()] : []));
  };
  return (
    <form className={layout.card} onSubmit={submit} aria-labelledby="org-policy-other" noValidate>
      <h2 className={layout.h2} id="org-policy-other">
        {t('otherUnit')}
      </h2>
      <div className={styles.unitForm}>
        {(
          [
            ['otherDepartment', department, setDepartment, 'org-policy-other-department'],
            ['otherDivision', division, setDivision, 'org-policy-other-division'],
          ] as const
        ).map(([label, value, setValue, testId]) => (
          <Field key={label} label={t(label)} className={styles.unitField}>
            <Input
              value={value}
              maxLength={ORG_UNIT_MAX}
              onChange={(_, data) => setValue(data.value)}
              data-testid={testId}
            />
          </Field>
        ))}
        <Button type="submit" data-testid="org-policy-other-show">
          {t('show')}
        </Button>
        {showMine ? (
          <Button onClick={() => navigate('org-policy')} data-testid="org-policy-mine">
            {t('mine')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
