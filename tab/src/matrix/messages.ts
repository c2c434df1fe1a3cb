// Texts of the matrix's shared parts (namespace 'competencyGuide'): the legend of the marks, and what one
// item of a self-check is measured against. Japanese first, English complete.
export default {
  ja: {
    legend: '記号の意味',
    legendBlank: '空欄',
    viewpoint: '着眼点',
    viewpointNote: '人事担当（職員課）が示した、{{level}}でのこの能力の見方です。',
    place: 'この能力の位置づけ',
    placeNote:
      '着眼点はまだ示されていません。方針の能力マトリクスでの位置づけと、{{level}}の役割を目安にしてください。',
    group: '区分',
    atMyLevel: '{{level}}',
    acrossLevels: '職層ごとの記号',
    blankCell: '空欄',
    rolesTitle: '{{level}}の役割',
    rolesHint: '方針「職層ごとの役割」より。着眼点のない項目は、この役割を目安に振り返りましょう。',
  },
  en: {
    legend: 'What the marks mean',
    legendBlank: 'blank',
    viewpoint: 'What to look for',
    viewpointNote: 'How HR (職員課) describes this ability at the {{level}}.',
    place: 'Where this ability stands',
    placeNote:
      'HR has not described what to look for yet. Use its place in the policy’s matrix and the roles of the {{level}} as your guide.',
    group: 'Group',
    atMyLevel: '{{level}}',
    acrossLevels: 'Marks by level',
    blankCell: 'blank',
    rolesTitle: 'Roles of the {{level}}',
    rolesHint:
      'From the policy’s “Roles of each level”. For items without guidance, use these roles as your guide.',
  },
};
