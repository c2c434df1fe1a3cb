// The HR console's frame; each section registers its own bundle (`hr-<section>`).
export default {
  ja: {
    title: '人事',
    intro:
      '職員課の業務：職員と職層の取込み、年度サイクル、報告の共有先、集計、監査ログ、退職者のデータ削除。',
    notAllowed: 'このページは人事担当者（職員課）のみ利用できます。',
    sections: {
      label: '人事の機能',
      people: '職員・職層',
      cycles: '年度サイクル',
      viewpoints: '着眼点',
      channels: '共有先チャネル',
      dashboards: 'ダッシュボード',
      reports: '研修報告',
      development: '育成の取り組み',
      learningPaths: '学習パス',
      evaluation: '人事評価',
      placement: '配置',
      pulse: 'やりがいパルス',
      budget: '研修予算・資格取得',
      audit: '監査ログ',
      erasure: '退職者のデータ削除',
    },
  },
  en: {
    title: 'HR',
    intro:
      'For the personnel section: staff and levels, fiscal-year cycles, report channels, dashboards, audit log, erasing leavers’ data.',
    notAllowed: 'This page is for HR (the personnel section) only.',
    sections: {
      label: 'HR functions',
      people: 'Staff & levels',
      cycles: 'Fiscal-year cycles',
      viewpoints: 'What to look for',
      channels: 'Report channels',
      dashboards: 'Dashboards',
      reports: 'Training reports',
      development: 'Developing people',
      learningPaths: 'Learning paths',
      evaluation: 'Evaluations',
      placement: 'Placement',
      pulse: 'Engagement pulse',
      budget: 'Training budget',
      audit: 'Audit log',
      erasure: 'Leavers’ data',
    },
  },
};
