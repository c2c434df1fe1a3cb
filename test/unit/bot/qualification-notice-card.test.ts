import { describe, expect, it } from 'vitest';
import {
  qualificationDecidedCard,
  qualificationNoticeCards,
  qualificationSubmittedCard,
} from '../../../bot/cards/qualification-notice-card.ts';

const application = {
  qualificationName: '社会福祉士',
  examDate: '2027-02-07',
  costYen: 15_440,
  openUrl: 'https://tab.example/career',
};
const text = (value: unknown) => JSON.stringify(value);

describe('the 資格取得 application notice cards', () => {
  it('asks the supervisor in Japanese to decide, naming the applicant, the qualification, the day and the cost', () => {
    const card = text(
      qualificationSubmittedCard({
        locale: 'ja',
        applicantName: '吉田 花子',
        resubmitted: false,
        ...application,
      }),
    );
    expect(card).toContain('資格取得支援の申請が届きました');
    expect(card).toContain('吉田 花子さんの資格取得支援の申請が、あなたの確認を待っています');
    expect(card).toContain('社会福祉士');
    expect(card).toContain('2027年2月7日');
    expect(card).toContain('15,440 円');
    expect(card).toContain('https://tab.example/career');
    expect(
      qualificationNoticeCards.submitted({
        locale: 'ja',
        applicantName: '吉田 花子',
        resubmitted: true,
        ...application,
      }).text,
    ).toBe('資格取得支援の申請が修正されました: 吉田 花子');
  });

  it('tells the applicant each decision with the comment, and leaves out an empty one', () => {
    const returned = text(
      qualificationDecidedCard({
        locale: 'ja',
        outcome: 'returned',
        deciderName: '小平 係長',
        comment: '受験料の内訳を書いてください',
        ...application,
      }),
    );
    expect(returned).toContain('小平 係長さんから差し戻されました');
    expect(returned).toContain('コメント: 受験料の内訳を書いてください');
    const granted = text(
      qualificationDecidedCard({
        locale: 'ja',
        outcome: 'granted',
        deciderName: '職員 人事',
        comment: '',
        ...application,
      }),
    );
    expect(granted).toContain('資格取得支援の申請が承認されました');
    expect(granted).not.toContain('コメント');
  });

  it('speaks English to someone who uses it: no kana, only the names and 職員課 in kanji', () => {
    for (const outcome of ['approved', 'returned', 'granted', 'refused'] as const) {
      const rendered = qualificationNoticeCards.decided({
        locale: 'en',
        outcome,
        deciderName: 'Ken',
        comment: 'See the fee',
        ...application,
        qualificationName: 'Social worker',
      });
      expect(text(rendered)).not.toMatch(/[ぁ-んァ-ン]/);
      expect(text(rendered).replace(/職員課/g, '')).not.toMatch(/[一-龯]/);
    }
    const card = text(
      qualificationSubmittedCard({
        locale: 'en',
        applicantName: 'Hanako',
        resubmitted: false,
        ...application,
      }),
    );
    expect(card).toContain('¥15,440');
    expect(card).toContain('Hanako');
  });
});
