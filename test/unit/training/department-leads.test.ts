// Who leads a 課 (src/shared/department-leads.ts): the rule the server enforces for workplace training and
// the pulse, and by which the tab shows those pages.
import { describe, expect, it } from 'vitest';
import { ledDepartmentOf } from '../../../src/shared/department-leads.ts';

describe('ledDepartmentOf', () => {
  it('gives a 課長 or 係長 their own 課, and nobody else a 課', () => {
    expect(ledDepartmentOf({ levelId: 'kacho', department: '職員課' })).toBe('職員課');
    expect(ledDepartmentOf({ levelId: 'kakaricho', department: '職員課' })).toBe('職員課');
    for (const levelId of ['bucho', 'shunin', 'shuji', null])
      expect(ledDepartmentOf({ levelId, department: '職員課' }), String(levelId)).toBeNull();
  });

  it('gives no 課 to a lead without one in the directory, or to an unknown person', () => {
    expect(ledDepartmentOf({ levelId: 'kakaricho', department: null })).toBeNull();
    expect(ledDepartmentOf({ levelId: 'kakaricho', department: '' })).toBeNull();
    expect(ledDepartmentOf(undefined)).toBeNull();
  });
});
