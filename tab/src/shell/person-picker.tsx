import { Button, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonSummary } from '../../../src/people/people.contract.ts';
import type { ApiClient } from '../api/client.ts';

const SEARCH_DELAY_MS = 250;

const useStyles = makeStyles({
  results: {
    listStyle: 'none',
    padding: 0,
    margin: '4px 0 0',
    display: 'flex',
    flexDirection: 'column',
    gap: '2px',
  },
  chosen: { color: tokens.colorNeutralForeground2 },
});

/**
 * HR finds a person by typing part of a name, 課 or job title (GET /api/people?search=) and picks one
 * from the answers. Reports the chosen person's id, or '' while nobody is chosen.
 */
export function PersonPicker({
  api,
  onChange,
  testId,
}: {
  api: ApiClient;
  onChange: (personId: string) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [text, setText] = useState('');
  const [found, setFound] = useState<PersonSummary[] | undefined>();
  const [failed, setFailed] = useState(false);
  const [chosen, setChosen] = useState<PersonSummary | undefined>();
  useEffect(() => {
    const query = text.trim();
    if (!query || chosen) return;
    let current = true;
    const timer = setTimeout(() => {
      api.request<PersonSummary[]>('GET', `/api/people?search=${encodeURIComponent(query)}&limit=10`).then(
        (people) => {
          if (!current) return;
          setFound(people);
          setFailed(false);
        },
        () => {
          if (current) setFailed(true);
        },
      );
    }, SEARCH_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, text, chosen]);
  const label = (person: PersonSummary) =>
    `${person.displayName}（${[person.department, person.jobTitle].filter(Boolean).join('・')}）`;
  return (
    <div data-testid={testId}>
      <Input
        value={text}
        placeholder={t('personPicker.placeholder')}
        onChange={(_, data) => {
          setText(data.value);
          setChosen(undefined);
          onChange('');
        }}
        data-testid={`${testId}-search`}
      />
      {chosen ? (
        <p className={styles.chosen} role="status" data-testid={`${testId}-chosen`}>
          {t('personPicker.chosen', { name: label(chosen) })}
        </p>
      ) : (
        <ul className={styles.results} aria-live="polite">
          {failed ? <li>{t('personPicker.failed')}</li> : null}
          {!failed && found && found.length === 0 && text.trim() ? <li>{t('personPicker.none')}</li> : null}
          {(found ?? []).map((person) => (
            <li key={person.id}>
              <Button
                appearance="subtle"
                onClick={() => {
                  setChosen(person);
                  setText(person.displayName);
                  onChange(person.id);
                }}
                data-testid={`person-option-${person.id}`}
              >
                {label(person)}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
