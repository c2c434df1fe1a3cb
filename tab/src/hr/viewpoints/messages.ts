// Texts of the HR console's 着眼点 section (namespace 'hr-viewpoints'): Japanese first, English complete.
export default {
  ja: {
    intro:
      '職層ごとに、自己チェックの各項目で「どのような行動が見られればよいか」（着眼点）を書きます。職員の自己チェックと、上司のフィードバック画面の各項目に表示されます。書いていない項目には、方針の能力マトリクスでの位置づけと職層の役割が表示されます。',
    versionNote:
      '現在の人財育成基本方針のデータに対して保存されます。方針のデータが改訂されても、改訂前に作成された自己チェックには、そのとき保存されていた着眼点が表示されます。',
    level: '職層',
    items: '{{count}} 項目',
    written: '記入済み',
    notWritten: '未記入（方針の位置づけを表示中）',
    ja: '着眼点（日本語）',
    en: '着眼点（英語・任意）',
    enHint: '空欄のときは英語表示でも日本語を表示します。',
    count: '{{count}} / {{max}} 文字',
    save: '保存',
    clear: '消去して方針の表示に戻す',
    saved: '{{item}}の着眼点を保存しました。',
    cleared: '{{item}}の着眼点を消去しました。',
    stale:
      'ほかの担当者が{{item}}の着眼点を変更しました。入力した内容はそのままです。最新を読み込んでから、もう一度保存してください。',
    reload: '最新を読み込む',
    updatedAt: '最終更新 {{at}}',
    jaRequired: '英語だけでは保存できません。日本語を入力してください。',
  },
  en: {
    intro:
      'For each level, write what to look for in each self-check item (着眼点). It appears under each item in staff self-checks and on the supervisor’s feedback page. Items without one show their place in the policy’s matrix and the level’s roles.',
    versionNote:
      'Saved against the policy data in force. When the policy data is revised, self-checks written before keep showing the 着眼点 saved at the time.',
    level: 'Level',
    items: '{{count}} items',
    written: 'Written',
    notWritten: 'Not written (showing the policy’s place)',
    ja: 'What to look for (Japanese)',
    en: 'What to look for (English, optional)',
    enHint: 'When empty, the Japanese text is shown in English too.',
    count: '{{count}} / {{max}} characters',
    save: 'Save',
    clear: 'Clear and show the policy’s words',
    saved: 'Saved the 着眼点 of {{item}}.',
    cleared: 'Cleared the 着眼点 of {{item}}.',
    stale:
      'Someone else changed the 着眼点 of {{item}} meanwhile. What you typed is kept; load the latest, then save again.',
    reload: 'Load the latest',
    updatedAt: 'Last changed {{at}}',
    jaRequired: 'English alone cannot be saved. Write the Japanese text.',
  },
};
