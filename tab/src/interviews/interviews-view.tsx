import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  interviewTypeSchema,
  type InterviewRequest,
  type InterviewType,
} from '../../../src/interviews/interview.contract.ts';
import { queryKeys, useMe } from '../data/queries.ts';
import { QueryState } from '../data/query-state.tsx';
import { registerBundle } from '../i18n/i18n.ts';
import type { PageProps } from '../shell/app.tsx';
import { Page, Section, useLayoutStyles } from '../shell/layout.tsx';
import { BookingPanel } from './booking-panel.tsx';
import { AttendeeList, OrganizerList } from './interview-lists.tsx';
import { InterviewRecordView } from './interview-record.tsx';
import { MyRequests, RequestsToMe } from './request-panels.tsx';
import messages from './messages.ts';
import { useInterviews } from './use-interviews.ts';

registerBundle('interviews', messages);

/**
 * `#/interviews` lists and books; `#/interviews/<id>` opens one interview's record;
 * `#/interviews/book/<type>/<personId>` opens the booking with that person and type preset (the team
 * page's career milestone prompts and the bot's notice to the supervisor link there).
 */
export default function InterviewsView({ api, rest }: PageProps) {
  const interviewId = rest[0];
  if (interviewId === 'book') return <InterviewsHome api={api} rest={rest} />;
  if (interviewId) return <InterviewRecordView key={interviewId} api={api} id={interviewId} />;
  return <InterviewsHome api={api} rest={rest} />;
}

function InterviewsHome({ api, rest }: PageProps) {
  const preset = presetOf(rest);
  const { t } = useTranslation('interviews');
  const layout = useLayoutStyles();
  const me = useMe(api);
  const isSupervisor = me.data?.roles.includes('supervisor') ?? false;
  const organizer = useInterviews(api, 'organizer', isSupervisor);
  const attendee = useInterviews(api, 'attendee');
  const queryClient = useQueryClient();
  // A 1:1 request being accepted: the booking panel opens anew with its person and type.
  const [accepting, setAccepting] = useState<InterviewRequest | undefined>();
  const accept = (request: InterviewRequest) => {
    setAccepting(request);
    document.getElementById('interviews-book')?.scrollIntoView({ block: 'start' });
  };
  const booked = () => {
    organizer.refresh();
    void queryClient.invalidateQueries({ queryKey: queryKeys.interviewRequests('supervisor') });
  };
  const supervisorId = me.data?.managerId ?? null;

  return (
    <Page title={t('title')} testId="interviews">
      <p className={layout.muted}>{t('intro')}</p>
      {me.data === undefined ? <QueryState query={me}>{() => null}</QueryState> : null}
      {isSupervisor ? (
        <>
          <Section title={t('requests.title')} id="interviews-requests" testId="interviews-requests">
            <RequestsToMe api={api} onAccept={accept} />
          </Section>
          <Section title={t('book.title')} id="interviews-book" testId="interviews-book">
            <BookingPanel
              key={accepting?.id ?? (preset ? `book-${preset.type}-${preset.personId}` : 'book')}
              api={api}
              organizerInterviews={organizer.query.data}
              onBooked={booked}
              {...(accepting ? { accepting } : preset ? { preset } : {})}
            />
          </Section>
          <Section title={t('organizer.title')} id="interviews-organizer" testId="interviews-organizer">
            <QueryState query={organizer.query}>
              {(interviews) => (
                // "Now" is when the list was read, so what counts as upcoming follows the polls, not the render.
                <OrganizerList
                  api={api}
                  interviews={interviews}
                  now={organizer.query.dataUpdatedAt}
                  onChanged={organizer.refresh}
                />
              )}
            </QueryState>
          </Section>
        </>
      ) : null}
      {supervisorId ? (
        <Section title={t('requests.askTitle')} id="interviews-ask" testId="interviews-ask">
          <MyRequests api={api} supervisorId={supervisorId} />
        </Section>
      ) : null}
      {me.data !== undefined ? (
        <Section title={t('attendee.title')} id="interviews-attendee" testId="interviews-attendee">
          <QueryState query={attendee.query}>
            {(interviews) => (
              <AttendeeList api={api} interviews={interviews} now={attendee.query.dataUpdatedAt} />
            )}
          </QueryState>
        </Section>
      ) : null}
    </Page>
  );
}

/** The booking a `#/interviews/book/<type>/<personId>` link asks for; undefined for any other address. */
function presetOf(rest: string[]): { type: InterviewType; personId: string } | undefined {
  const [book, type, personId] = rest;
  const parsed = interviewTypeSchema.safeParse(type);
  return book === 'book' && parsed.success && personId ? { type: parsed.data, personId } : undefined;
}
