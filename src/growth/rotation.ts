// The one rule career design and the 配置 workspace share for a person's rotation history (docs/growth.md,
// "Career design"): HR's 発令 records are the official history and win for the time they cover; what the
// person typed counts only for postings that ended before the first record (the years before HR's imports
// began). The typed side of the rule, `countsBeforeRecords`, sits in career.contract.ts so the tab applies
// it while the person edits.

/** A 発令 record as the people slice's read side gives it, oldest first. */
export interface PostingRecord {
  /** YYYY-MM-DD */
  effectiveFrom: string;
  /** 課 */
  department: string | null;
  /** 部 */
  division: string | null;
}

/** A posting HR's records make: months as YYYY-MM, `to` null for the one in force. */
export interface RecordPosting {
  from: string;
  to: string | null;
  department: string | null;
  division: string | null;
}

/** The month (YYYY-MM) the first record takes effect, or undefined without records. */
export const firstRecordMonth = (records: ReadonlyArray<{ effectiveFrom: string }>): string | undefined =>
  records[0]?.effectiveFrom.slice(0, 7);

/** The month before the one `day` (YYYY-MM-DD) falls in, unless `day` is not the first: then its own. */
function lastMonthBefore(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  if (date > 1) return day.slice(0, 7);
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

const sameName = (a: string | null, b: string | null) =>
  (a ?? '').replace(/[\s\u3000]+/g, ' ').trim() === (b ?? '').replace(/[\s\u3000]+/g, ' ').trim();

/**
 * HR's records (oldest first) as postings: a posting lasts from its record's month until the day before
 * the next record that names another 課 (its month; the same month when that record takes effect mid-month).
 * Consecutive records in the same 課 (a promotion, a change of 係) are one posting, shown under the 部 of
 * its latest record (a 部 renamed in place stays one posting). The last posting is the one in force.
 */
export function postingsFromRecords(records: ReadonlyArray<PostingRecord>): RecordPosting[] {
  const postings: RecordPosting[] = [];
  for (const record of records) {
    const open = postings.at(-1);
    if (open && sameName(open.department, record.department)) {
      open.division = record.division ?? open.division;
      continue;
    }
    if (open) open.to = lastMonthBefore(record.effectiveFrom);
    postings.push({
      from: record.effectiveFrom.slice(0, 7),
      to: null,
      department: record.department,
      division: record.division,
    });
  }
  return postings;
}
