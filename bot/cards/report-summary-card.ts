// The summary of a submitted report, posted to the channel mapped to the author's 課 (policy 7(5)②:
// returning what was learned to the workplace). Pure: data in, Adaptive Card 1.5 out; every text someone
// typed is escaped (report-card.ts explains why).
import type { Framework } from '../../src/framework/framework.schema.ts';
import type { ReportContent } from '../../src/reports/report.contract.ts';
import {
  card,
  competencyChoices,
  dayOf,
  guidelineChoices,
  heading,
  label,
  plain,
  titleIn,
  type CardLocale,
  type CardSession,
  type ReportCard,
} from './report-card.ts';

const TEXT = {
  ja: {
    title: '研修報告',
    learned: '学んだこと',
    application: '職場でどう活かすか',
    competencies: '伸ばせた能力',
    guidelines: '伸ばせたDRILLの指針',
    by: (name: string, department: string | null) => (department ? `${name}（${department}）` : name),
    separator: '、',
  },
  en: {
    title: 'Training report',
    learned: 'What I learned',
    application: 'How I will use it in my workplace',
    competencies: 'Competencies strengthened',
    guidelines: 'DRILL guidelines strengthened',
    by: (name: string, department: string | null) => (department ? `${name} (${department})` : name),
    separator: ', ',
  },
} as const;

export interface SummaryAuthor {
  name: string;
  department: string | null;
}

/** Names of framework entries by id, in the card's language; ids no longer in the framework are dropped. */
export function frameworkNames(
  framework: Pick<Framework, 'competencies' | 'guidelines'>,
  locale: CardLocale,
  ids: { competencyIds: string[]; guidelineIds: string[] },
): { competencies: string[]; guidelines: string[] } {
  const pick = (choices: Array<{ title?: string; value?: string }>, wanted: string[]) =>
    wanted.flatMap((id) =>
      choices.filter((choice) => choice.value === id).map((choice) => choice.title ?? id),
    );
  return {
    competencies: pick(competencyChoices(framework, locale), ids.competencyIds),
    guidelines: pick(guidelineChoices(framework, locale), ids.guidelineIds),
  };
}

/** What a colleague reads in the channel: course, author, what was learned and how it will be used. */
export function reportSummaryCard(input: {
  locale: CardLocale;
  author: SummaryAuthor;
  session: CardSession;
  report: Pick<ReportContent, 'learned' | 'application' | 'competencyIds' | 'guidelineIds'>;
  framework: Pick<Framework, 'competencies' | 'guidelines'>;
}): ReportCard {
  const { locale, report } = input;
  const t = TEXT[locale];
  const names = frameworkNames(input.framework, locale, report);
  return card(locale, [
    heading(`📘 ${t.title}：${titleIn(locale, input.session.courseTitle)}`),
    plain(`${t.by(input.author.name, input.author.department)} · ${dayOf(locale, input.session.start)}`, {
      isSubtle: true,
      spacing: 'None',
    }),
    label(t.learned),
    plain(report.learned),
    label(t.application),
    plain(report.application),
    ...(names.competencies.length > 0
      ? [label(t.competencies), plain(names.competencies.join(t.separator))]
      : []),
    ...(names.guidelines.length > 0 ? [label(t.guidelines), plain(names.guidelines.join(t.separator))] : []),
  ]);
}
