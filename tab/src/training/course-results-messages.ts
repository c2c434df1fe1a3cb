// Texts of HR's 研修効果 panel (namespace 'training-results'): Japanese first, English complete.

export default {
  ja: {
    show: '研修効果',
    hide: '研修効果を閉じる',
    title: '研修効果',
    intro:
      '{{year}}年度に始まったこの研修の回（中止を除く）について、研修報告の満足度、数か月後のふりかえり「業務に反映できましたか」、関連する能力の受講前後の自己評価を示します。個人が特定されないよう、{{min}}人未満の項目は非表示です。',
    counts: '研修回 {{sessions}} 回・受講者 {{attendees}} 人',
    hidden: '{{min}}人未満のため非表示',
    none: '該当者なし',
    satisfaction: {
      title: '満足度',
      mean: '平均 {{mean}}（{{raters}} 人）',
      rating: '評価',
      people: '人数',
      labels: { '5': '5 とても満足', '4': '4 満足', '3': '3 ふつう', '2': '2 やや不満', '1': '1 不満' },
    },
    followUps: {
      title: '業務への反映',
      asked: '「業務に反映できましたか」と尋ねた受講者 {{count}} 人',
      answer: '回答',
      people: '人数',
      answers: { applied: 'できた', partly: '一部できた', notYet: 'まだ' },
      examples: '記入された事例（氏名は表示しません）',
      noExamples: '事例の記入はありません。',
      observations:
        '上司の所見 {{count}} 件：一人ひとりについての記述のため、ここには表示しません（本人の自己チェックに添えて表示されます）。',
    },
    beforeAfter: {
      title: '受講前後の自己評価',
      intro:
        '受講前の最後の自己チェックと受講後の最初の自己チェックの両方で評価した受講者の平均（1〜5）です。',
      competency: '能力',
      before: '受講前',
      after: '受講後',
      change: '変化',
      people: '人数',
      noCompetencies: 'この研修には関連する能力が設定されていません。',
    },
  },
  en: {
    show: 'Results',
    hide: 'Hide results',
    title: 'Training results',
    intro:
      'For this course’s sessions that started in FY{{year}} (cancelled ones left out): satisfaction from the training reports, the follow-up some months later (“Have you been able to apply it in your work?”), and self-ratings of the linked competencies before and after. So that no one can be singled out, anything about fewer than {{min}} people is hidden.',
    counts: '{{sessions}} sessions · {{attendees}} attendees',
    hidden: 'Hidden: fewer than {{min}} people',
    none: 'Nobody',
    satisfaction: {
      title: 'Satisfaction',
      mean: 'Mean {{mean}} ({{raters}} people)',
      rating: 'Rating',
      people: 'People',
      labels: {
        '5': '5 Very satisfied',
        '4': '4 Satisfied',
        '3': '3 Neutral',
        '2': '2 Somewhat dissatisfied',
        '1': '1 Dissatisfied',
      },
    },
    followUps: {
      title: 'Applied in work',
      asked: 'Attendees asked “Have you been able to apply it in your work?”: {{count}}',
      answer: 'Answer',
      people: 'People',
      answers: { applied: 'Applied', partly: 'Partly', notYet: 'Not yet' },
      examples: 'Examples written (names are not shown)',
      noExamples: 'No examples were written.',
      observations:
        'Supervisors’ observations: {{count}}. Each is about one person, so they are not shown here (they appear beside that person’s self-check).',
    },
    beforeAfter: {
      title: 'Self-ratings before and after',
      intro:
        'The mean (1–5) of the attendees who rated the competency both in their last self-check before the training and in their first one after it.',
      competency: 'Competency',
      before: 'Before',
      after: 'After',
      change: 'Change',
      people: 'People',
      noCompetencies: 'No competencies are linked to this course.',
    },
  },
};
