// Pure card builder for the bot's notice of an onboarding suggestion (docs/ojt.md): to the supervisor when
// someone arrives under them. Data in, Adaptive Card 1.5 JSON out; Japanese first, English complete. The
// button opens the person's page in the tab, where the plan is started with the default checklist.
import type { IOpenUrlAction } from '@microsoft/teams.cards';
import type {
  OjtNoticeCards,
  OjtSuggestionNotice,
  RenderedOjtNotice,
} from '../../src/ojt/ojt-notice-cards.port.ts';
import { adaptiveCard } from '../../src/reports/report-cards.port.ts';
import { card, heading, plain, type ReportCard } from './report-card.ts';

const TEXT = {
  ja: {
    title: 'OJT計画を作りましょう',
    body: (name: string) =>
      `新しく配属された${name}さんのOJT計画を作りましょう。タブで指導担当・期間・チェックリストを決めて始められます。`,
    person: '配属された職員',
    kind: '区分',
    kinds: { hire: '新規採用', transfer: '転入' },
    department: '課',
    noDepartment: '（未設定）',
    open: 'タブで計画を作る',
  },
  en: {
    title: 'Make an OJT plan',
    body: (name: string) =>
      `${name} has just joined your team. In the tab, choose a mentor, a period and a checklist to start their OJT plan.`,
    person: 'Joined',
    kind: 'Kind',
    kinds: { hire: 'New hire', transfer: 'Transfer' },
    department: 'Section (課)',
    noDepartment: '(not set)',
    open: 'Create the plan in the tab',
  },
} as const;

const openAction = (title: string, url: string): IOpenUrlAction => ({ type: 'Action.OpenUrl', title, url });

// FactSet values are plain text in Teams (no markdown), so names need no escaping there.
export function ojtSuggestionCard(input: OjtSuggestionNotice): ReportCard {
  const t = TEXT[input.locale];
  return card(
    input.locale,
    [
      heading(t.title),
      plain(t.body(input.personName)),
      {
        type: 'FactSet',
        facts: [
          { title: t.person, value: input.personName },
          { title: t.kind, value: t.kinds[input.kind] },
          { title: t.department, value: input.department ?? t.noDepartment },
        ],
      },
    ],
    [openAction(t.open, input.openUrl)],
  );
}

/** The builder as the OJT slice takes it (src/ojt/ojt-notice-cards.port.ts). */
export const ojtNoticeCards: OjtNoticeCards = {
  suggested: (input): RenderedOjtNotice => ({
    text: `${TEXT[input.locale].title}: ${input.personName}`,
    attachments: [adaptiveCard(ojtSuggestionCard(input))],
  }),
};
