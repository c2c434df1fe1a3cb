import { describe, expect, it } from 'vitest';
import { proposeMarks, sharePercent } from '../../../src/training/attendance-proposal.ts';

const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';
const C = 'cccccccc-0000-4000-8000-000000000003';
const STRANGER = 'dddddddd-0000-4000-8000-000000000004';
const ORGANIZER = 'eeeeeeee-0000-4000-8000-000000000005';

describe('the attendance proposal rule', () => {
  const roster = [
    { personId: A, displayName: 'A' },
    { personId: B, displayName: 'B' },
    { personId: C, displayName: 'C' },
  ];
  const people = [
    { id: A.toUpperCase(), displayName: 'A', role: 'Attendee', seconds: 3600 },
    { id: B, displayName: 'B', role: 'Attendee', seconds: 3599 },
    { id: STRANGER, displayName: 'S', role: 'Attendee', seconds: 7200 },
    { id: ORGANIZER, displayName: 'O', role: 'Organizer', seconds: 7200 },
  ];

  it('proposes present from the share of the session, exactly at the share included', () => {
    const marks = proposeMarks({
      roster,
      people,
      sessionSeconds: 7200,
      minSharePercent: 50,
      organizerId: ORGANIZER,
    });
    expect(marks.filter((mark) => mark.onRoster)).toEqual([
      { personId: A, displayName: 'A', onRoster: true, attendedSeconds: 3600, proposedPresent: true },
      { personId: B, displayName: 'B', onRoster: true, attendedSeconds: 3599, proposedPresent: false },
      { personId: C, displayName: 'C', onRoster: true, attendedSeconds: 0, proposedPresent: false },
    ]);
  });

  it('lists people not on the roster apart, never as present, and leaves out the organizer', () => {
    const marks = proposeMarks({
      roster,
      people,
      sessionSeconds: 7200,
      minSharePercent: 50,
      organizerId: ORGANIZER,
    });
    expect(marks.filter((mark) => !mark.onRoster)).toEqual([
      {
        personId: STRANGER,
        displayName: 'S',
        onRoster: false,
        attendedSeconds: 7200,
        proposedPresent: false,
      },
    ]);
  });

  it('follows the configured share, and proposes nobody for a session of no length', () => {
    const strict = proposeMarks({ roster, people, sessionSeconds: 7200, minSharePercent: 100 });
    expect(strict.filter((mark) => mark.proposedPresent)).toEqual([]);
    const lenient = proposeMarks({ roster, people, sessionSeconds: 7200, minSharePercent: 1 });
    expect(lenient.filter((mark) => mark.proposedPresent).map((mark) => mark.personId)).toEqual([A, B]);
    expect(
      proposeMarks({ roster, people, sessionSeconds: 0, minSharePercent: 1 }).some(
        (mark) => mark.proposedPresent,
      ),
    ).toBe(false);
  });

  it('rounds the share down', () => {
    expect([sharePercent(3599, 7200), sharePercent(7200, 7200), sharePercent(10, 0)]).toEqual([49, 100, 0]);
  });
});
