// The UI language is set up before any view is imported, as tab/src/main.tsx does before it renders:
// lazily loaded views add their messages to i18next when their module loads (registerBundle).
import { setUpI18n } from '../../../tab/src/i18n/i18n.ts';

await setUpI18n('ja');
