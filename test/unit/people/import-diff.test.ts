import { describe, expect, it } from 'vitest';
import { describeImportChanges } from '../../../src/people/import-diff.ts';
import type { LevelRow, PersonState } from '../../../src/people/level-history.store.ts';

const person = (id: string, displayName: string, extra: Partial<PersonState> = {}): PersonState => ({
  id,
  displayName,
  userPrincipalName: `${id}@city.example`,
  mail: null,
  employeeId: `K${id}`,
  jobTitle: null,
  department: '市民課',
  division: '市民部',
  hireDate: '2020-04-01',
  managerId: 'boss',
  levelId: 'shuji',
  employmentType: 'regular',
  directoryManagerId: 'boss',
  directoryDepartment: '市民課',
  ...extra,
});
const people = [
  person('boss', '市民 課長', { levelId: 'kacho', managerId: null }),
  person('yoshida', '吉田 花子'),
  person('sato', '佐藤 一郎'),
  person('new', '新井 蓮', { hireDate: null }),
  person('hoiku', '保育 課長', { department: '保育課', levelId: 'kacho', managerId: null }),
];
const row = (personId: string, extra: Partial<LevelRow> = {}) => ({
  personId,
  levelId: 'shuji',
  employmentType: 'regular' as const,
  department: '市民課',
  division: '市民部',
  hireDate: '2020-04-01',
  effectiveFrom: '2027-04-01',
  supervisorId: null,
  replacedManagerId: null,
  ...extra,
});
const stored = (personId: string, extra: Partial<LevelRow> = {}): LevelRow => ({
  ...row(personId, extra),
  id: `${personId}-${extra.effectiveFrom ?? ''}`,
  importId: 'old',
  createdAt: new Date(0),
});
const describe_ = (input: Partial<Parameters<typeof describeImportChanges>[0]>) =>
  describeImportChanges({ people, stored: [], planned: [], overrides: [], today: '2026-12-05', ...input });

describe('describeImportChanges', () => {
  it('names a promotion with the level before and after and its date, still to come', () => {
    const [change, ...rest] = describe_({ planned: [row('yoshida', { levelId: 'shunin' })] });
    expect(rest).toEqual([]);
    expect(change).toMatchObject({
      displayName: '吉田 花子',
      employeeId: 'Kyoshida',
      effectiveFrom: '2027-04-01',
      scheduled: true,
      firstRecord: true,
      joining: false,
      level: { from: 'shuji', to: 'shunin' },
      employmentType: null,
      department: null,
      supervisor: null,
    });
  });

  it('names a transfer with both 課 and the supervisor it brings', () => {
    const [change] = describe_({
      planned: [row('sato', { department: '保育課', division: '子ども家庭部', supervisorId: 'hoiku' })],
    });
    expect(change).toMatchObject({
      level: null,
      department: {
        from: { department: '市民課', division: '市民部' },
        to: { department: '保育課', division: '子ども家庭部' },
      },
      supervisor: { fromId: 'boss', fromName: '市民 課長', toId: 'hoiku', toName: '保育 課長' },
    });
  });

  it('measures a row against the person’s earlier record, stored or earlier in the same file', () => {
    const changes = describe_({
      stored: [stored('yoshida', { levelId: 'shunin', effectiveFrom: '2025-04-01' })],
      planned: [
        row('yoshida', { levelId: 'kakaricho', effectiveFrom: '2027-04-01' }),
        row('yoshida', { levelId: 'kachoHosa', effectiveFrom: '2028-04-01' }),
      ],
    });
    expect(changes.map((change) => [change.effectiveFrom, change.firstRecord, change.level])).toEqual([
      ['2027-04-01', false, { from: 'shunin', to: 'kakaricho' }],
      ['2028-04-01', false, { from: 'kakaricho', to: 'kachoHosa' }],
    ]);
  });

  it('leaves out rows that change nothing, and marks someone hired on the 発令日 as joining', () => {
    const changes = describe_({
      planned: [
        row('sato', { effectiveFrom: '2026-04-01' }),
        row('new', { hireDate: '2027-04-01', levelId: 'shuji' }),
      ],
    });
    expect(changes.map((change) => [change.personId, change.joining, change.scheduled])).toEqual([
      ['new', true, true],
    ]);
  });

  it('lists staff without a row who get a new supervisor because theirs leaves, by date then name', () => {
    const changes = describe_({
      planned: [row('yoshida', { levelId: 'shunin', effectiveFrom: '2027-04-01' })],
      overrides: [
        { personId: 'sato', effectiveFrom: '2026-10-01', supervisorId: 'hoiku', replacedManagerId: 'boss' },
        { personId: 'new', effectiveFrom: '2026-10-01', supervisorId: 'boss', replacedManagerId: 'boss' },
      ],
    });
    expect(
      changes.map((change) => [change.displayName, change.scheduled, change.supervisor?.toName]),
    ).toEqual([
      ['佐藤 一郎', false, '保育 課長'],
      ['吉田 花子', true, undefined],
    ]);
  });
});
