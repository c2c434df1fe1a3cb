import i18next from 'i18next';

/**
 * The tab opened outside Teams (a link opened in a browser). Japanese first, whatever the browser's
 * language — the city's staff read Japanese — then the same in English for the others.
 */
export function OutsideTeams() {
  const ja = i18next.getFixedT('ja');
  const en = i18next.getFixedT('en');
  return (
    <main style={{ fontFamily: 'sans-serif', maxWidth: 560, margin: '48px auto', padding: 16 }}>
      <section lang="ja">
        <h1>{ja('outside.title')}</h1>
        <p>{ja('outside.body')}</p>
      </section>
      <section lang="en" style={{ marginTop: 32, color: '#555' }}>
        <h2 style={{ fontSize: '1.1em' }}>{en('outside.title')}</h2>
        <p>{en('outside.body')}</p>
      </section>
    </main>
  );
}
