// 1:1s (type oneOnOne): what their Outlook event says, and that the team view's formal status ignores them.
import { describe, expect, it } from 'vitest';
import { loadFramework } from '../../../src/framework/framework-loader.ts';
import { buildAgenda, eventBody, eventSubject } from '../../../src/interviews/interview-content.ts';
import { createInterviewStatus } from '../../../src/interviews/interview-status.ts';
import {
  FORMAL_INTERVIEW_TYPES,
  INTERVIEW_TYPES,
  isFormalInterview,
} from '../../../src/interviews/interview.contract.ts';
import type { InterviewRow } from '../../../src/interviews/interview.store.ts';

const KODAIRA = 'src/framework/data/kodaira-2022.json';

describe('1:1 interviews', () => {
  it('are an interview type of their own, not a formal one', () => {
    expect(INTERVIEW_TYPES).toContain('oneOnOne');
    expect(FORMAL_INTERVIEW_TYPES).not.toContain('oneOnOne');
    expect(isFormalInterview('oneOnOne')).toBe(false);
    expect(isFormalInterview('midYear')).toBe(true);
  });

  it('start from the person’s goals, without the evaluated competency items', async () => {
    const framework = await loadFramework(KODAIRA);
    const levelId = Object.keys(framework.expectations)[0]!;
    const formal = buildAgenda({ type: 'midYear', goalTitles: ['窓口改善'], levelId, framework });
    expect(formal.some((item) => item.source === 'competency')).toBe(true);
    const agenda = buildAgenda({ type: 'oneOnOne', goalTitles: ['窓口改善'], levelId, framework });
    expect(agenda).toEqual([expect.objectContaining({ text: '目標の近況: 窓口改善', source: 'goal' })]);
  });

  it('say in Outlook that they are a 1on1', () => {
    expect(eventSubject('oneOnOne', '山田 花子')).toBe('【面談】1on1 山田 花子 さん');
    const body = eventBody({
      type: 'oneOnOne',
      personName: '山田 花子',
      organizerName: '佐藤 一郎',
      agenda: [],
      actionItems: [],
    });
    expect(body).toContain('1on1を行います。');
    expect(body).toContain('気軽に話し合います');
  });

  it('do not count in the team view’s interview status', async () => {
    const now = new Date('2026-10-15T00:00:00Z');
    const row = (personId: string, type: InterviewRow['type'], startsAt: string) =>
      ({
        personId,
        type,
        status: 'booked',
        startsAt: new Date(startsAt),
        endsAt: new Date(Date.parse(startsAt) + 30 * 60_000),
      }) as InterviewRow;
    const rows = [
      row('a', 'goalSetting', '2026-05-10T01:00:00Z'),
      row('a', 'oneOnOne', '2026-10-01T01:00:00Z'),
      row('a', 'oneOnOne', '2026-10-20T01:00:00Z'),
      row('b', 'oneOnOne', '2026-10-01T01:00:00Z'),
    ];
    const status = createInterviewStatus({ liveOfPeople: async () => rows });
    const found = await status.statusOf(['a', 'b'], 2026, now);
    expect(found.get('a')).toEqual({
      status: 'done',
      type: 'goalSetting',
      start: '2026-05-10T01:00:00.000Z',
    });
    expect(found.has('b')).toBe(false);
  });
});
