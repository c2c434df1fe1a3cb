// A fictional city hall, deterministic: the same people, ids and reporting lines on every run.
import { createHash } from 'node:crypto';

export const DEMO_DOMAIN = 'kodaira-demo.example';

export interface SeedPerson {
  id: string;
  userPrincipalName: string;
  mail: string;
  displayName: string;
  givenName: string;
  surname: string;
  jobTitle: string | null;
  /** 課 */
  department: string | null;
  /** 部 (Graph: employeeOrgData.division) */
  divisionName: string | null;
  officeLocation: string | null;
  employeeId: string | null;
  employeeHireDate: string | null;
  employeeType: '常勤' | '会計年度任用職員' | null;
  levelId: string | null;
  managerId: string | null;
  /** A shared mailbox, not a person (e.g. the training department's). */
  isMailbox: boolean;
  /** Graph user.accountEnabled; shared and room mailboxes are created with sign-in blocked. Default true. */
  accountEnabled?: boolean;
  /** Graph user.userType; 'Guest' for invited outsiders. Default 'Member'. */
  userType?: 'Member' | 'Guest';
  /** Whether the account holds a licence (Graph user.assignedLicenses non-empty). Default: not a mailbox. */
  licensed?: boolean;
  /** App roles of Hagukumi assigned to this person (Enterprise applications → Users and groups). */
  appRoles: string[];
}

/** The app role the seeded personnel section holds; production names it with HR_APP_ROLE. */
export const HR_APP_ROLE = 'Hagukumi.HR';

/** A GUID derived from a name, so ids are stable across runs. */
export function stableGuid(name: string): string {
  const hex = createHash('sha256').update(`hagukumi-demo:${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((Number.parseInt(hex[16]!, 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Small deterministic PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES: Array<[string, string]> = [
  ['佐藤', 'sato'],
  ['鈴木', 'suzuki'],
  ['高橋', 'takahashi'],
  ['田中', 'tanaka'],
  ['伊藤', 'ito'],
  ['渡辺', 'watanabe'],
  ['山本', 'yamamoto'],
  ['中村', 'nakamura'],
  ['小林', 'kobayashi'],
  ['加藤', 'kato'],
  ['吉田', 'yoshida'],
  ['山田', 'yamada'],
  ['佐々木', 'sasaki'],
  ['山口', 'yamaguchi'],
  ['松本', 'matsumoto'],
  ['井上', 'inoue'],
  ['木村', 'kimura'],
  ['林', 'hayashi'],
  ['斎藤', 'saito'],
  ['清水', 'shimizu'],
  ['山崎', 'yamazaki'],
  ['森', 'mori'],
  ['池田', 'ikeda'],
  ['橋本', 'hashimoto'],
  ['阿部', 'abe'],
  ['石川', 'ishikawa'],
  ['山下', 'yamashita'],
  ['中島', 'nakajima'],
  ['石井', 'ishii'],
  ['小川', 'ogawa'],
];
const GIVEN_NAMES: Array<[string, string]> = [
  ['花子', 'hanako'],
  ['太郎', 'taro'],
  ['美咲', 'misaki'],
  ['健一', 'kenichi'],
  ['陽子', 'yoko'],
  ['大輔', 'daisuke'],
  ['彩', 'aya'],
  ['翔太', 'shota'],
  ['由美', 'yumi'],
  ['誠', 'makoto'],
  ['真由美', 'mayumi'],
  ['拓也', 'takuya'],
  ['恵', 'megumi'],
  ['直樹', 'naoki'],
  ['麻衣', 'mai'],
  ['浩二', 'koji'],
  ['優子', 'yuko'],
  ['亮', 'ryo'],
  ['千尋', 'chihiro'],
  ['和也', 'kazuya'],
  ['さくら', 'sakura'],
  ['悠真', 'yuma'],
  ['結衣', 'yui'],
  ['蓮', 'ren'],
  ['葵', 'aoi'],
];

/** 部 and their 課, the first 課 of 総務部 being HR and the training department (職員課). */
export const DIVISIONS: Array<{ name: string; sections: string[] }> = [
  { name: '総務部', sections: ['職員課', '総務課'] },
  { name: '市民部', sections: ['市民課', '保険年金課'] },
  { name: '子ども家庭部', sections: ['子育て支援課', '保育課'] },
  { name: '健康福祉部', sections: ['高齢者支援課', '健康推進課'] },
];

const JOB_TITLE: Record<string, string> = {
  bucho: '部長',
  kacho: '課長',
  kachoHosa: '課長補佐',
  kakaricho: '係長',
  shunin: '主任',
  shuji: '主事',
  kaikeiNendo: '会計年度任用職員',
};

/**
 * The seeded organisation: 4 部 × 2 課. Each 部 has a 部長; each 課 a 課長, a 課長補佐, two 係長 and,
 * under each 係長, 主任・主事 and a 会計年度任用職員. 職員課 also has HR staff, and there is a shared
 * training-department mailbox.
 */
export function seedOrganisation(): SeedPerson[] {
  const people: SeedPerson[] = [];
  const random = seededRandom(20_221_004);
  const usedNames = new Set<string>();
  let serial = 0;

  const add = (
    levelId: string,
    division: string,
    section: string | null,
    managerId: string | null,
  ): SeedPerson => {
    let surname: [string, string];
    let given: [string, string];
    do {
      surname = SURNAMES[Math.floor(random() * SURNAMES.length)]!;
      given = GIVEN_NAMES[Math.floor(random() * GIVEN_NAMES.length)]!;
    } while (usedNames.has(`${surname[1]}.${given[1]}`));
    usedNames.add(`${surname[1]}.${given[1]}`);
    serial += 1;
    const upn = `${given[1]}.${surname[1]}@${DEMO_DOMAIN}`;
    // Seniority follows level, so hire dates are plausible (and some staff are inside their first ~10 years).
    const yearsOfService: Record<string, [number, number]> = {
      bucho: [28, 35],
      kacho: [22, 30],
      kachoHosa: [18, 26],
      kakaricho: [12, 20],
      shunin: [6, 12],
      shuji: [0, 7],
      kaikeiNendo: [0, 4],
    };
    const [low, high] = yearsOfService[levelId]!;
    const years = low + Math.floor(random() * (high - low + 1));
    const person: SeedPerson = {
      id: stableGuid(upn),
      userPrincipalName: upn,
      mail: upn,
      displayName: `${surname[0]} ${given[0]}`,
      givenName: given[0],
      surname: surname[0],
      jobTitle: JOB_TITLE[levelId]!,
      department: section ?? division,
      divisionName: division,
      officeLocation: `小平市役所 ${section ?? division}`,
      employeeId: `K${String(10_000 + serial)}`,
      employeeHireDate: `${2026 - years}-04-01T00:00:00Z`,
      employeeType: levelId === 'kaikeiNendo' ? '会計年度任用職員' : '常勤',
      levelId,
      managerId,
      isMailbox: false,
      appRoles: [],
    };
    people.push(person);
    return person;
  };

  for (const division of DIVISIONS) {
    const bucho = add('bucho', division.name, null, null);
    for (const section of division.sections) {
      const kacho = add('kacho', division.name, section, bucho.id);
      add('kachoHosa', division.name, section, kacho.id);
      for (let team = 0; team < 2; team += 1) {
        const kakaricho = add('kakaricho', division.name, section, kacho.id);
        add('shunin', division.name, section, kakaricho.id);
        add('shuji', division.name, section, kakaricho.id);
        if (team === 0) add('shuji', division.name, section, kakaricho.id);
        add('kaikeiNendo', division.name, section, kakaricho.id);
      }
    }
  }

  people.push({
    id: stableGuid(`kenshu@${DEMO_DOMAIN}`),
    userPrincipalName: `kenshu@${DEMO_DOMAIN}`,
    mail: `kenshu@${DEMO_DOMAIN}`,
    displayName: '職員課 研修担当',
    givenName: '研修担当',
    surname: '職員課',
    jobTitle: null,
    department: '職員課',
    divisionName: '総務部',
    officeLocation: '小平市役所 職員課',
    employeeId: null,
    employeeHireDate: null,
    employeeType: null,
    levelId: null,
    managerId: null,
    isMailbox: true,
    accountEnabled: false,
    licensed: false,
    appRoles: [],
  });
  // The personnel section runs the policy: 職員課's 課長, 課長補佐 and its first 係長 (人事係) hold the HR role.
  const personnel = people.filter((person) => person.department === '職員課');
  for (const levelId of ['kacho', 'kachoHosa', 'kakaricho']) {
    const holder = personnel.find((person) => person.levelId === levelId);
    if (holder) holder.appRoles = [HR_APP_ROLE];
  }
  return people;
}
