// Texts of the attendance proposal on HR's roster (namespace 'attendance'): Japanese first, English complete.

export default {
  ja: {
    title: 'Teams の出席レポートからの出席案',
    none: 'Teams 会議の出席レポートは、研修の終了後に自動で読み込みます（数分から十数分かかります）。',
    rule: '会議に研修時間の {{share}}% 以上参加した人を「出席」として提案します。確定するまで出席は記録されません。',
    state: {
      waiting: '出席レポートを待っています（確認 {{attempts}} 回）。',
      proposed: '出席案ができました。内容を確認し、必要なら個別に直してから確定してください。',
      refused:
        'Microsoft Graph が出席レポートの読み取りを拒否しました。管理者がアクセス許可（OnlineMeetings.Read.All、OnlineMeetingArtifact.Read.All）と研修用メールボックスへのアプリケーション アクセス ポリシーを設定したあと、「もう一度読み込む」を押してください。',
      noMeeting: 'この研修の Teams 会議が見つかりませんでした。出席は名簿から個別に記録してください。',
      failed:
        '出席レポートを読み込めませんでした。時間をおいて「もう一度読み込む」を押すか、名簿から個別に記録してください。',
      confirmed: '{{name}} さんが {{at}} に出席を確定しました。',
    },
    detail: 'Graph の応答: {{error}}',
    present: '出席',
    minutes: '{{minutes}} 分（{{share}}%）',
    minutesOnly: '{{minutes}} 分',
    enrolment: {
      confirmed: '未記録',
      attended: '出席',
      reported: '報告済み',
    },
    notOnRoster: '名簿にいない参加者（追加はしません）',
    checkinTitle: '会場での出席確認（チェックイン）',
    checkinNone: '会場で研修を行う場合は、出席確認コードを表示して受講者にチェックインしてもらえます。',
    showCode: '出席確認コードを表示',
    code: '出席確認コード',
    codeValid:
      '{{from}} から {{until}} まで有効です。受講者は Hagukumi の「わたしの研修」でこのコードを入力します。',
    checkedIn: 'チェックイン済み',
    notCheckedIn: '未チェックイン',
    checkIn: {
      title: '研修のチェックイン',
      label: '会場に表示された出席確認コード',
      hint: '研修の開始 30 分前から終了 30 分後まで入力できます。',
      submit: 'チェックイン',
      done: '「{{title}}」にチェックインしました。',
      already: '「{{title}}」にはもうチェックインしています。',
      notOnRoster: '「{{title}}」にチェックインしました。受講者名簿にお名前がないため、職員課が確認します。',
    },
    confirm: 'この内容で出席を確定',
    retry: 'もう一度読み込む',
  },
  en: {
    title: 'Attendance proposed from the Teams attendance report',
    none: 'The Teams meeting’s attendance report is read automatically after the session ends (it takes a few minutes).',
    rule: 'People who were in the meeting for at least {{share}}% of the session are proposed as present. Nothing is recorded until you confirm.',
    state: {
      waiting: 'Waiting for the attendance report (checked {{attempts}} times).',
      proposed: 'The proposal is ready. Check it, correct individuals if needed, then confirm.',
      refused:
        'Microsoft Graph refused to read the attendance report. Once an admin has granted the permissions (OnlineMeetings.Read.All, OnlineMeetingArtifact.Read.All) and an application access policy for the training mailbox, press “Read again”.',
      noMeeting:
        'The Teams meeting of this session was not found. Record attendance person by person in the roster.',
      failed:
        'The attendance report could not be read. Press “Read again” later, or record attendance in the roster.',
      confirmed: '{{name}} confirmed attendance on {{at}}.',
    },
    detail: 'Graph answered: {{error}}',
    present: 'Present',
    minutes: '{{minutes}} min ({{share}}%)',
    minutesOnly: '{{minutes}} min',
    enrolment: {
      confirmed: 'Not recorded',
      attended: 'Attended',
      reported: 'Reported',
    },
    notOnRoster: 'In the meeting but not on the roster (not added)',
    checkinTitle: 'Check-in in the room',
    checkinNone: 'For a session held in a room, show its check-in code and attendees check in with it.',
    showCode: 'Show the check-in code',
    code: 'Check-in code',
    codeValid: 'Valid from {{from}} to {{until}}. Attendees type it under My training in Hagukumi.',
    checkedIn: 'Checked in',
    notCheckedIn: 'Not checked in',
    checkIn: {
      title: 'Check in to a training session',
      label: 'Check-in code shown in the room',
      hint: 'Accepted from 30 minutes before the session until 30 minutes after it ends.',
      submit: 'Check in',
      done: 'Checked in to “{{title}}”.',
      already: 'You had already checked in to “{{title}}”.',
      notOnRoster: 'Checked in to “{{title}}”. You are not on its roster, so the training team will check.',
    },
    confirm: 'Confirm this attendance',
    retry: 'Read again',
  },
};
