import { Field, Select } from '@fluentui/react-components';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TeamMember } from '../../../src/growth/team.contract.ts';
import type { SessionView } from '../../../src/training/training.contract.ts';
import { useLayoutStyles } from '../shell/layout.tsx';
import { RecordOptions } from '../shell/options.tsx';
import { formatSpan, useTitle } from './format.ts';

/** Each form's own texts: 推薦 from the team page, 指名 from the workplace panel. */
const TEXTS = {
  recommend: {
    noMembers: 'team.noReports',
    noSessions: 'team.noSessions',
    person: 'team.person',
    choosePerson: 'team.choosePerson',
    session: 'team.session',
    chooseSession: 'team.chooseSession',
  },
  workplace: {
    noMembers: 'workplace.noStaff',
    noSessions: 'workplace.noSessions',
    person: 'workplace.person',
    choosePerson: 'workplace.choose',
    session: 'workplace.session',
    chooseSession: 'workplace.choose',
  },
} as const;

/** The staff member and the session chosen in a `PersonSessionPicker` ('' while none is). */
export function usePersonSessionChoice() {
  const [personId, setPersonId] = useState('');
  const [sessionId, setSessionId] = useState('');
  return { personId, setPersonId, sessionId, setSessionId };
}

export type PersonSessionChoice = ReturnType<typeof usePersonSessionChoice>;

/**
 * A supervisor putting one of their staff on a session: says why there is nothing to choose, or shows the
 * two required selects above the rest of the form (`children`). `form` picks the texts and prefixes the
 * test ids (`recommend-person`, `workplace-session`, …).
 */
export function PersonSessionPicker({
  form,
  members,
  sessions,
  choice,
  children,
}: {
  form: keyof typeof TEXTS;
  members: readonly Pick<TeamMember, 'id' | 'displayName' | 'jobTitle'>[];
  sessions: readonly Pick<SessionView, 'id' | 'courseTitle' | 'start' | 'end'>[];
  choice: PersonSessionChoice;
  children: ReactNode;
}) {
  const { t, i18n } = useTranslation('training');
  const layout = useLayoutStyles();
  const title = useTitle();
  const texts = TEXTS[form];
  if (members.length === 0) return <p>{t(texts.noMembers)}</p>;
  if (sessions.length === 0) return <p>{t(texts.noSessions)}</p>;
  return (
    <div className={layout.stack}>
      <Field label={t(texts.person)} required>
        <Select
          value={choice.personId}
          onChange={(_, value) => choice.setPersonId(value.value)}
          data-testid={`${form}-person`}
        >
          <RecordOptions
            none={t(texts.choosePerson)}
            records={members}
            labelOf={(member) => `${member.displayName}${member.jobTitle ? `（${member.jobTitle}）` : ''}`}
          />
        </Select>
      </Field>
      <Field label={t(texts.session)} required>
        <Select
          value={choice.sessionId}
          onChange={(_, value) => choice.setSessionId(value.value)}
          // A long course title must not widen the page on a phone (360 px).
          root={{ style: { maxWidth: '100%', minWidth: 0 } }}
          style={{ width: '100%', minWidth: 0 }}
          data-testid={`${form}-session`}
        >
          <RecordOptions
            none={t(texts.chooseSession)}
            records={sessions}
            labelOf={(session) =>
              `${title(session.courseTitle)} — ${formatSpan(session.start, session.end, i18n.language)}`
            }
          />
        </Select>
      </Field>
      {children}
    </div>
  );
}
