import { makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { Framework } from '../../../src/framework/framework.contract.ts';
import { registerBundle } from '../i18n/i18n.ts';
import { useLocalized } from '../shell/localized.ts';
import messages from './messages.ts';

registerBundle('competencyGuide', messages);

const useStyles = makeStyles({
  box: {
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
    padding: '8px 12px',
    display: 'flex',
    flexDirection: 'column',
    gap: '4px',
    minWidth: 0,
  },
  heading: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  text: { margin: 0, whiteSpace: 'pre-line', overflowWrap: 'anywhere' },
  note: { margin: 0, color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  row: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexWrap: 'wrap', gap: '4px 12px' },
  // Kept whole on a line where it fits (the row wraps between cells), but a name longer than the row
  // (English 会計年度任用職員 at 360 px) breaks instead of pushing the page sideways.
  cell: { fontSize: tokens.fontSizeBase200, maxWidth: '100%', overflowWrap: 'anywhere' },
  mine: { fontWeight: tokens.fontWeightBold, textDecorationLine: 'underline' },
});

/**
 * What one self-check item is measured against: the 着眼点 HR wrote for the level, or, until there is
 * one, the policy's own words — the competency's group and its mark at each level of the matrix (the
 * level's roles are shown once per page, see LevelRoles).
 */
export function CompetencyGuide({
  framework,
  levelId,
  competencyId,
  viewpoint,
}: {
  framework: Framework;
  levelId: string;
  competencyId: string;
  viewpoint: { ja: string; en: string } | undefined;
}) {
  const { t, i18n } = useTranslation('competencyGuide');
  const styles = useStyles();
  const local = useLocalized();
  const level = framework.levels.find((entry) => entry.id === levelId);
  const levelName = level ? local(level.name) : levelId;
  if (viewpoint && viewpoint.ja.trim()) {
    const text = i18n.language === 'en' && viewpoint.en.trim() ? viewpoint.en : viewpoint.ja;
    return (
      <div className={styles.box} data-testid={`viewpoint-${competencyId}`} data-source="hr">
        <p className={styles.heading}>{t('viewpoint')}</p>
        <p className={styles.text}>{text}</p>
        <p className={styles.note}>{t('viewpointNote', { level: levelName })}</p>
      </div>
    );
  }
  const competency = framework.competencies.find((entry) => entry.id === competencyId);
  const group = framework.competencyGroups.find((entry) => entry.id === competency?.group);
  return (
    <div className={styles.box} data-testid={`viewpoint-${competencyId}`} data-source="policy">
      <p className={styles.heading}>{t('place')}</p>
      {group ? (
        <p className={styles.text}>
          {t('group')}: {local(group.name)}
        </p>
      ) : null}
      <ul className={styles.row} aria-label={t('acrossLevels')} data-testid="matrix-row">
        {framework.levels.map((entry) => {
          const mark = framework.marks[framework.expectations[entry.id]?.[competencyId] ?? 'none'];
          const mine = entry.id === levelId;
          return (
            <li
              key={entry.id}
              className={mine ? `${styles.cell} ${styles.mine}` : styles.cell}
              aria-current={mine ? 'true' : undefined}
            >
              {local(entry.name)} <span aria-hidden="true">{mark.symbol || '—'}</span>
              <span
                style={{
                  position: 'absolute',
                  width: 1,
                  height: 1,
                  overflow: 'hidden',
                  clip: 'rect(0 0 0 0)',
                }}
              >
                {local(mark.label)}
              </span>
            </li>
          );
        })}
      </ul>
      <p className={styles.note}>{t('placeNote', { level: levelName })}</p>
    </div>
  );
}

/** The roles of a level as the policy lists them (6(1)), once per page. */
export function LevelRoles({
  framework,
  levelId,
  open = false,
}: {
  framework: Framework;
  levelId: string;
  /** Open while some item has no 着眼点: the roles are then what it is measured against. */
  open?: boolean;
}) {
  const { t } = useTranslation('competencyGuide');
  const local = useLocalized();
  const level = framework.levels.find((entry) => entry.id === levelId);
  if (!level) return null;
  const name = local(level.name);
  return (
    <details data-testid="level-roles" open={open}>
      <summary>{t('rolesTitle', { level: name })}</summary>
      <p style={{ margin: '4px 0' }}>
        {name} — {local(level.title)}
      </p>
      <ul style={{ margin: 0 }}>
        {level.roles.map((role) => (
          <li key={role.ja}>{local(role)}</li>
        ))}
      </ul>
      <p style={{ margin: '4px 0 0' }}>{t('rolesHint')}</p>
    </details>
  );
}
