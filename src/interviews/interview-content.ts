// What an interview says: its agenda (from the person's goals and the competency items of their level)
// and the Outlook event's subject and body. Pure; Japanese, as the invitations go to city staff.
import { randomUUID } from 'node:crypto';
import type { Framework } from '../framework/framework.schema.ts';
import type { ActionItem, AgendaItem, InterviewType } from './interview.contract.ts';

export const TYPE_LABEL: Record<InterviewType, string> = {
  goalSetting: '期首面談（目標設定）',
  midYear: '中間面談',
  yearEnd: '期末面談（評価結果のフィードバック）',
  career: 'キャリア面談',
  oneOnOne: '1on1',
};

const OPENING: Record<InterviewType, string> = {
  goalSetting: '今年度の目標と、伸ばしたい能力を話し合います。',
  midYear: '目標の進み具合と、下期に向けた取組を話し合います。',
  yearEnd: '一年の成果を振り返り、評価結果と次年度に向けた課題を共有します。',
  career: 'これからのキャリアビジョンと、必要な経験・研修を話し合います。',
  oneOnOne: '仕事の近況や困りごと、これからやってみたいことを気軽に話し合います。',
};

const GOAL_PROMPT: Record<InterviewType, string> = {
  goalSetting: '目標の確認',
  midYear: '進捗の確認',
  yearEnd: '達成状況の振り返り',
  career: 'キャリアとのつながり',
  oneOnOne: '目標の近況',
};

/**
 * The agenda an interview starts with: the person's goals, then the evaluated items of their level (not
 * for a career interview or a 1:1, which are not about the evaluated items).
 */
export function buildAgenda(input: {
  type: InterviewType;
  goalTitles: string[];
  levelId: string | null;
  framework: Framework;
}): AgendaItem[] {
  const items: AgendaItem[] = input.goalTitles.map((title) => ({
    id: randomUUID(),
    text: `${GOAL_PROMPT[input.type]}: ${title}`,
    source: 'goal',
  }));
  const row = input.levelId ? input.framework.expectations[input.levelId] : undefined;
  if (row && input.type !== 'career' && input.type !== 'oneOnOne') {
    for (const competency of input.framework.competencies) {
      if (row[competency.id] === 'evaluated' || row[competency.id] === 'parttime') {
        items.push({ id: randomUUID(), text: competency.name.ja, source: 'competency' });
      }
    }
  }
  if (input.type === 'career') {
    items.push(
      { id: randomUUID(), text: '3〜5年後・10年後のキャリアビジョン', source: 'free' },
      { id: randomUUID(), text: '希望する経験（専門分野・ジョブローテーション）と研修', source: 'free' },
    );
  }
  return items;
}

/** Action items not done yet are carried into the next interview until they are. */
export function carryOver(previous: readonly ActionItem[], previousInterviewId: string): ActionItem[] {
  return previous
    .filter((item) => !item.done)
    .map((item) => ({ ...item, id: randomUUID(), carriedFrom: item.carriedFrom ?? previousInterviewId }));
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export function eventSubject(type: InterviewType, personName: string): string {
  return `【面談】${TYPE_LABEL[type]} ${personName} さん`;
}

export function eventBody(input: {
  type: InterviewType;
  personName: string;
  organizerName: string;
  agenda: readonly AgendaItem[];
  actionItems: readonly ActionItem[];
}): string {
  const list = (items: readonly string[]) =>
    items.length > 0 ? `<ul>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>` : '';
  return [
    `<p>${escapeHtml(input.personName)} さん</p>`,
    `<p>${escapeHtml(TYPE_LABEL[input.type])}を行います。${escapeHtml(OPENING[input.type])}</p>`,
    '<p><strong>話し合うこと</strong></p>',
    list(input.agenda.map((item) => item.text)),
    input.actionItems.length > 0 ? '<p><strong>前回からの持ち越し</strong></p>' : '',
    list(input.actionItems.map((item) => item.text)),
    '<p>Teams の「育み」タブで、目標や自己チェックを事前に確認できます。</p>',
    `<p>${escapeHtml(input.organizerName)}</p>`,
  ].join('');
}
