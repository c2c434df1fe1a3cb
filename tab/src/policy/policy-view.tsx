import { Button, Link, makeStyles, tokens } from '@fluentui/react-components';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Framework, MarkId } from '../../../src/framework/framework.contract.ts';
import type { MeResponse } from '../../../src/people/people.contract.ts';
import { useFramework, useMe } from '../data/queries.ts';
import { allOf, QueryState } from '../data/query-state.tsx';
import type { PageProps } from '../shell/app.tsx';
import { Loading } from '../shell/loading.tsx';
import { Section, useLayoutStyles } from '../shell/layout.tsx';
import { useLocalized } from '../shell/localized.ts';
import { hrefOf } from '../shell/router.ts';
import { competenciesByGroup } from '../matrix/competency-groups.ts';
import { brandStripe, plainList } from '../shell/style-fragments.ts';

const MatrixView = lazy(() => import('../matrix/matrix-view.tsx'));

const useStyles = makeStyles({
  statement: {
    fontSize: tokens.fontSizeBase500,
    fontWeight: tokens.fontWeightSemibold,
    lineHeight: tokens.lineHeightBase500,
  },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(260px, 1fr))',
    gap: '12px',
    padding: 0,
    listStyle: 'none',
  },
  guideline: brandStripe,
  letter: {
    fontSize: tokens.fontSizeBase600,
    fontWeight: tokens.fontWeightBold,
    color: tokens.colorBrandForeground1,
    marginRight: '8px',
  },
  items: { ...plainList, gap: '8px' },
  item: { display: 'grid', gridTemplateColumns: '2.5em 1fr', gap: '8px', alignItems: 'start' },
  mark: {
    display: 'inline-flex',
    justifyContent: 'center',
    alignItems: 'center',
    width: '2em',
    height: '2em',
    borderRadius: tokens.borderRadiusCircular,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    fontWeight: tokens.fontWeightBold,
  },
  details: { marginTop: '8px' },
  back: { margin: 0 },
});

/**
 * 小平市人財育成基本方針 as it applies to me (policy 4, 5, 6): めざす職員像, my level's roles and matrix row,
 * the DRILL guidelines, and the whole matrix. Linked from the home, which is about what to do next.
 */
export default function PolicyView({ api }: PageProps) {
  const base = allOf(useMe(api), useFramework(api));
  const [view, setView] = useState<'policy' | 'matrix'>('policy');
  const [returned, setReturned] = useState(false);
  if (base.data === undefined) return <QueryState query={base}>{() => null}</QueryState>;
  const [me, framework] = base.data;
  if (view === 'matrix') {
    return (
      <Suspense fallback={<Loading />}>
        <MatrixView
          framework={framework}
          levelId={me.levelId}
          onBack={() => {
            setReturned(true);
            setView('policy');
          }}
        />
      </Suspense>
    );
  }
  return (
    <Policy me={me} framework={framework} onOpenMatrix={() => setView('matrix')} focusHeading={returned} />
  );
}

function Policy({
  me,
  framework,
  onOpenMatrix,
  focusHeading,
}: {
  me: MeResponse;
  framework: Framework;
  onOpenMatrix: () => void;
  focusHeading: boolean;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const layout = useLayoutStyles();
  const local = useLocalized();
  const heading = useRef<HTMLHeadingElement>(null);
  // Coming back from the matrix, keyboard and screen-reader users land on the page heading.
  useEffect(() => {
    if (focusHeading) heading.current?.focus();
  }, [focusHeading]);
  const level = framework.levels.find((candidate) => candidate.id === me.levelId);
  const row = level ? framework.expectations[level.id] : undefined;

  return (
    <main className={layout.page} data-testid="policy">
      <p className={styles.back}>
        <Link href={hrefOf('home')} data-testid="policy-back">
          {t('policy.back')}
        </Link>
      </p>
      <h1 className={layout.h1} ref={heading} tabIndex={-1}>
        {t('policy.title')}
      </h1>
      <p className={layout.muted}>{t('policy.intro')}</p>

      <Section title={t('home.targetImage')} id="target-image">
        <p className={styles.statement} data-testid="target-statement">
          {local(framework.targetImage.statement)}
        </p>
        <details className={styles.details}>
          <summary>{framework.targetImage.parts.map((part) => local(part.heading)).join(' ')}</summary>
          {framework.targetImage.parts.map((part) => (
            <div key={part.id}>
              <h3 className={layout.h3}>{local(part.heading)}</h3>
              <p className={layout.preLine}>{local(part.body)}</p>
            </div>
          ))}
        </details>
      </Section>

      <Section title={t('home.myLevel')} id="my-level" testId="my-level">
        {level ? (
          <>
            <p>
              <strong data-testid="level-name">{local(level.name)}</strong>
              {' — '}
              <span data-testid="level-title">{local(level.title)}</span>
            </p>
            <h3 className={layout.h3}>{t('home.roles')}</h3>
            <ul data-testid="level-roles">
              {level.roles.map((role) => (
                <li key={role.ja}>{local(role)}</li>
              ))}
            </ul>
          </>
        ) : (
          <p data-testid="level-unknown">{t('home.myLevelUnknown')}</p>
        )}
      </Section>

      {level && row ? (
        <Section title={t('home.myExpectations')} id="my-expectations" testId="my-expectations">
          <p className={layout.muted}>{t('home.myExpectationsHint', { level: local(level.name) })}</p>
          {competenciesByGroup(framework).map(({ group, competencies }) => (
            <div key={group.id}>
              <h3 className={layout.h3}>{local(group.name)}</h3>
              <ul className={styles.items}>
                {competencies.map((competency) => {
                  const mark: MarkId = row[competency.id] ?? 'none';
                  const markInfo = framework.marks[mark];
                  return (
                    <li
                      key={competency.id}
                      className={styles.item}
                      data-testid={`expectation-${competency.id}`}
                      data-mark={mark}
                    >
                      <span className={styles.mark} aria-hidden="true">
                        {markInfo.symbol || '—'}
                      </span>
                      <span>
                        <strong>{local(competency.name)}</strong>
                        <span>
                          {' '}
                          ({markInfo.symbol ? `${markInfo.symbol} ` : ''}
                          {local(markInfo.label)})
                        </span>
                        <br />
                        <span className={layout.muted}>{t(`markForMe.${mark}`)}</span>
                      </span>
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
          <Button
            appearance="primary"
            onClick={onOpenMatrix}
            data-testid="open-matrix"
            style={{ marginTop: 16 }}
          >
            {t('home.openMatrix')}
          </Button>
        </Section>
      ) : null}

      <Section title={t('home.drill')} id="drill">
        <ul className={styles.grid} data-testid="guidelines">
          {framework.guidelines.map((guideline) => (
            <li key={guideline.id} className={styles.guideline}>
              <h3 className={layout.h3}>
                <span className={styles.letter} aria-hidden="true">
                  {guideline.letter}
                </span>
                {guideline.name.en}
              </h3>
              <p>{local(guideline.summary)}</p>
              <details>
                <summary>{local(guideline.heading)}</summary>
                <p className={layout.preLine}>{local(guideline.description)}</p>
              </details>
            </li>
          ))}
        </ul>
        <h3 className={layout.h3}>{t('home.drillMeanings')}</h3>
        {framework.drill.meanings.map((meaning) => (
          <details key={meaning.id}>
            <summary>{local(meaning.heading)}</summary>
            <p className={layout.preLine}>{local(meaning.body)}</p>
          </details>
        ))}
      </Section>
    </main>
  );
}
