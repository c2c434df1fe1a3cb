import { Button, Input, makeStyles, tokens } from '@fluentui/react-components';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonSummary } from '../../../src/people/people.contract.ts';
import type { ApiClient } from '../api/client.ts';
import { queryKeys, routeQuery } from '../data/queries.ts';

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
  // What is searched for: the typed text once typing has paused.
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<PersonSummary | undefined>();
  useEffect(() => {
    const timer = setTimeout(() => setSearch(text.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);
  // Keyed by the text searched for: a late answer to an earlier text cannot replace a newer one. The last
  // answer stays on screen while the next is asked for.
  const people = useQuery({
    ...routeQuery(api, queryKeys.peopleSearch(search), 'GET /api/people', { query: { search, limit: 10 } }),
    enabled: search !== '' && !chosen,
    placeholderData: keepPreviousData,
  });
  const found = people.data;
  const failed = people.isError;
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
