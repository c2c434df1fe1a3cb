// The default onboarding checklist a suggested OJT plan starts with (docs/ojt.md, "既定のチェックリスト").
// Data, not logic: edit the list here; each item has the Japanese label (stored in the plan) and English.

export interface ChecklistTemplateItem {
  ja: string;
  en: string;
}

/** What everyone new to the 課 goes through, whether transferred in or newly hired. */
const EVERY_ARRIVAL: readonly ChecklistTemplateItem[] = [
  { ja: '課の業務概要', en: 'Overview of the section’s work' },
  { ja: '文書事務（起案・決裁・文書管理）', en: 'Document handling (drafting, approval, filing)' },
  { ja: '庶務（出退勤・休暇・旅費）', en: 'General affairs (attendance, leave, travel)' },
  { ja: '関係部署の紹介', en: 'Introduction to related sections' },
];

/** For someone who arrived in the 課 (転入者) or was newly hired. */
export const DEFAULT_ONBOARDING_CHECKLIST: Readonly<
  Record<'hire' | 'transfer', readonly ChecklistTemplateItem[]>
> = {
  transfer: [...EVERY_ARRIVAL, { ja: '担当業務の引継ぎ', en: 'Handover of the assigned work' }],
  hire: [
    ...EVERY_ARRIVAL,
    { ja: '服務・情報セキュリティの基本', en: 'Conduct rules and information security basics' },
  ],
};
