// Pure card builders: data in, Adaptive Card JSON out. Teams renders schema 1.5.

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: unknown[];
  actions?: unknown[];
  lang?: string;
}

export function greetingCard(input: { userName: string; tabUrl: string; locale: 'ja' | 'en' }): AdaptiveCard {
  const name = input.userName.trim() || (input.locale === 'ja' ? '職員' : 'there');
  const ja = input.locale === 'ja';
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    lang: ja ? 'ja-JP' : 'en-US',
    body: [
      {
        type: 'TextBlock',
        text: ja ? `${name} さん、こんにちは。` : `Hello, ${name}.`,
        size: 'Large',
        weight: 'Bolder',
        wrap: true,
      },
      {
        type: 'TextBlock',
        text: ja
          ? '育み（Hagukumi）です。研修が終わると、ここで研修報告をお願いします。「報告」と送ると、まだ提出していない報告を表示します。'
          : 'I\'m Hagukumi. After a training I\'ll ask for your report here. Send "report" to see the reports you still owe.',
        wrap: true,
      },
    ],
    actions: [
      {
        type: 'Action.OpenUrl',
        title: ja ? '個人タブを開く' : 'Open my tab',
        url: input.tabUrl,
      },
    ],
  };
}
