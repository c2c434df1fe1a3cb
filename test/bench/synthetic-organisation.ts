// A large organisation for benchmarks, in the emulator's seed types: supervisors (係長) each with the
// same number of reports (主任, 主事, 会計年度任用職員). The emulator gives every person of any organisation
// its seeded busy time (section and team meetings, other meetings, tentative holds, trips, leave).
import {
  DEMO_DOMAIN,
  DIVISIONS,
  seededRandom,
  stableGuid,
  type SeedPerson,
} from '../../src/dev/m365-emulator/seed-organisation.ts';

const SURNAMES = ['佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '山本', '中村', '小林', '加藤'];
const GIVEN_NAMES = ['花子', '太郎', '美咲', '健一', '陽子', '大輔', '彩', '翔太', '由美', '誠'];
const REPORT_LEVELS: Array<[levelId: string, jobTitle: string]> = [
  ['shunin', '主任'],
  ['shuji', '主事'],
  ['shuji', '主事'],
  ['kaikeiNendo', '会計年度任用職員'],
];

export function syntheticOrganisation(supervisors: number, reportsEach: number): SeedPerson[] {
  const random = seededRandom(20_260_401);
  const sections = DIVISIONS.flatMap((division) =>
    division.sections.map((section) => ({ division: division.name, section })),
  );
  const people: SeedPerson[] = [];
  let serial = 0;
  const add = (
    levelId: string,
    jobTitle: string,
    place: { division: string; section: string },
    managerId: string | null,
  ) => {
    serial += 1;
    const surname = SURNAMES[Math.floor(random() * SURNAMES.length)]!;
    const given = GIVEN_NAMES[Math.floor(random() * GIVEN_NAMES.length)]!;
    // Names repeat in a city this large; the serial keeps addresses unique.
    const upn = `staff${String(serial).padStart(5, '0')}@${DEMO_DOMAIN}`;
    const person: SeedPerson = {
      id: stableGuid(`bench:${upn}`),
      userPrincipalName: upn,
      mail: upn,
      displayName: `${surname} ${given}`,
      givenName: given,
      surname,
      jobTitle,
      department: place.section,
      divisionName: place.division,
      officeLocation: `小平市役所 ${place.section}`,
      employeeId: `B${String(100_000 + serial)}`,
      employeeHireDate: `${2026 - Math.floor(random() * 30)}-04-01T00:00:00Z`,
      employeeType: levelId === 'kaikeiNendo' ? '会計年度任用職員' : '常勤',
      levelId,
      managerId,
      isMailbox: false,
      appRoles: [],
    };
    people.push(person);
    return person;
  };
  for (let team = 0; team < supervisors; team += 1) {
    const place = sections[team % sections.length]!;
    const supervisor = add('kakaricho', '係長', place, null);
    for (let report = 0; report < reportsEach; report += 1) {
      const [levelId, jobTitle] = REPORT_LEVELS[report % REPORT_LEVELS.length]!;
      add(levelId, jobTitle, place, supervisor.id);
    }
  }
  return people;
}
