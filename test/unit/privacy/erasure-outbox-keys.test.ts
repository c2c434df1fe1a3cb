import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it, vi } from 'vitest';
import { INTERVIEW_OUTBOX_PREFIX, requestArrivedKey } from '../../../src/interviews/interview-outbox-keys.ts';
import { OJT_OUTBOX_PREFIX, ojtSuggestionKey } from '../../../src/ojt/ojt-outbox-keys.ts';
import { CAREER_OUTBOX_PREFIX, careerPromptKey } from '../../../src/growth/career-outbox-keys.ts';
import { ERASURE_RULES } from '../../../src/privacy/erasure-plan.ts';
import {
  QUALIFICATION_DECIDER_SUFFIX,
  QUALIFICATION_OUTBOX_PREFIX,
  qualificationDecidedKey,
  qualificationSubmittedKey,
} from '../../../src/qualifications/qualification-outbox-keys.ts';
import { commentKey, followUpKey, noticeKey, summaryKey } from '../../../src/reports/report-outbox-keys.ts';

// Keys spelled differently from today's: if the erasure spelled the prefixes out itself, it would miss
// every message sent under the new keys.
vi.mock('../../../src/reports/report-outbox-keys.ts', () => {
  const REPORT_OUTBOX_PREFIX = { summary: 'v2/summary/', notice: 'v2/notice/', comment: 'v2/comment/' };
  const FOLLOW_UP_OUTBOX_PREFIX = 'v2/follow-up/';
  return {
    REPORT_OUTBOX_PREFIX,
    FOLLOW_UP_OUTBOX_PREFIX,
    followUpKey: (id: string) => `${FOLLOW_UP_OUTBOX_PREFIX}${id}`,
    summaryKey: (id: string) => `${REPORT_OUTBOX_PREFIX.summary}${id}`,
    noticeKey: (id: string) => `${REPORT_OUTBOX_PREFIX.notice}${id}`,
    commentKey: (id: string) => `${REPORT_OUTBOX_PREFIX.comment}${id}`,
  };
});

describe('the erasure finds a leaver’s bot messages by the keys the senders use', () => {
  const rule = ERASURE_RULES.find((entry) => entry.table === 'bot_outbox' && entry.column === 'key')!;
  const query = new PgDialect().sqlToQuery(rule.where!('00000000-0000-4000-8000-000000000001'));

  it('takes the report, comment and follow-up key prefixes from the module that builds the keys', () => {
    const prefixOf = (key: string) => key.slice(0, key.length - 'ID'.length);
    for (const key of [summaryKey('ID'), noticeKey('ID'), commentKey('ID'), followUpKey('ID')])
      expect(query.params).toContain(prefixOf(key));
    expect(`${query.sql} ${query.params.join(' ')}`).not.toMatch(
      /report-(summary|notice|comment):|training-follow-up:/,
    );
  });

  it('covers the notices of 1:1s the leaver asked for (they name the requester), by the requester’s id in the key', () => {
    const key = requestArrivedKey({ id: 'REQUEST', personId: 'PERSON', supervisorId: 'SUPERVISOR' });
    expect(key.startsWith(`${INTERVIEW_OUTBOX_PREFIX.requestArrived}PERSON:`)).toBe(true);
    expect(query.params).toContain(INTERVIEW_OUTBOX_PREFIX.requestArrived);
    expect(query.sql).toMatch(/OR key LIKE \$\d+::text \|\| \$\d+::text \|\| ':%'/);
    expect(query.params).toContain('00000000-0000-4000-8000-000000000001');
  });

  it('covers the notices to the supervisor of an OJT plan to make for the leaver (they name them), by their id', () => {
    const key = ojtSuggestionKey({ id: 'SUGGESTION', personId: 'PERSON' });
    expect(key.startsWith(`${OJT_OUTBOX_PREFIX.suggestion}PERSON:`)).toBe(true);
    expect(query.params).toContain(OJT_OUTBOX_PREFIX.suggestion);
    // One such clause per prefix found by the person's id: the 1:1 requests', the OJT's, the career's, the
    // 資格取得 applications'.
    expect(query.sql.match(/OR key LIKE \$\d+::text \|\| \$\d+::text \|\| ':%'/g)).toHaveLength(4);
  });

  it('covers the notices of the leaver’s career milestones, to them and to their supervisor, by their id', () => {
    for (const recipient of [{ kind: 'self' }, { kind: 'supervisor', supervisorId: 'SUPERVISOR' }] as const)
      expect(
        careerPromptKey({ id: 'PROMPT', personId: 'PERSON' }, recipient).startsWith(
          `${CAREER_OUTBOX_PREFIX.prompt}PERSON:`,
        ),
      ).toBe(true);
    expect(query.params).toContain(CAREER_OUTBOX_PREFIX.prompt);
  });

  it('covers the notices of the leaver’s 資格取得 applications, and the decision notices that name them', () => {
    const application = { id: 'APPLICATION', personId: 'PERSON', version: 2 };
    expect(
      qualificationSubmittedKey(application).startsWith(`${QUALIFICATION_OUTBOX_PREFIX.application}PERSON:`),
    ).toBe(true);
    const decided = qualificationDecidedKey(application, 'DECIDER');
    expect(decided.startsWith(`${QUALIFICATION_OUTBOX_PREFIX.application}PERSON:`)).toBe(true);
    expect(decided.endsWith(`${QUALIFICATION_DECIDER_SUFFIX}DECIDER`)).toBe(true);
    expect(query.params).toContain(QUALIFICATION_OUTBOX_PREFIX.application);
    expect(query.params).toContain(QUALIFICATION_DECIDER_SUFFIX);
  });

  it('covers the comment notices the leaver wrote (they name the commenter), not only their own reports', () => {
    expect(query.sql).toMatch(/report_comments/);
    expect(query.sql).toMatch(/author_id/);
  });
});
