// The Teams dev host: frames the tab and answers the teams-js host protocol the way the Teams web
// client does — initialize, getContext, authentication.getAuthToken, appInitialization.*, themeChange.
// Requests from teams-js carry { id, uuidAsString, func, args }; answers are { id, uuidAsString, args }.

const RUNTIME_CONFIG = {
  apiVersion: 4,
  hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } },
  isLegacyTeams: false,
  supports: {
    appInstallDialog: {},
    authentication: {},
    dialog: { card: { bot: {} }, url: { bot: {} }, update: {} },
    pages: { appButton: {}, tabs: {}, config: {}, backStack: {}, fullTrust: {} },
    teamsCore: {},
  },
};
const HOST_SDK_VERSION = '2.58.0';

const params = new URLSearchParams(location.search);
const state = {
  user: params.get('user') ?? '',
  theme: params.get('theme') ?? 'default',
  locale: params.get('locale') ?? 'ja-JP',
};
const sessionId = crypto.randomUUID();
const devHost = { events: [], state, people: [], tenantId: '' };
window.__devHost = devHost;

const frame = document.getElementById('tab');
const statusLine = document.getElementById('status');
const userSelect = document.getElementById('user');
const themeSelect = document.getElementById('theme');
const localeSelect = document.getElementById('locale');

function record(func, detail) {
  devHost.events.push({ func, at: performance.now(), detail });
}

function currentPerson() {
  return devHost.people.find((person) => person.userPrincipalName === state.user || person.id === state.user);
}

function contextFor(person) {
  return {
    locale: state.locale,
    theme: state.theme,
    entityId: 'home',
    // A Teams deep link's context.subEntityId (the bot's buttons in local mode open /dev/?subEntityId=…).
    subEntityId: params.get('subEntityId') ?? '',
    loginHint: person.userPrincipalName,
    userPrincipalName: person.userPrincipalName,
    userObjectId: person.id,
    tid: devHost.tenantId,
    frameContext: 'content',
    hostClientType: 'web',
    hostName: 'Teams',
    appSessionId: sessionId,
    sessionId,
    isFullScreen: false,
    userLicenseType: 'Unknown',
    teamType: undefined,
  };
}

async function tokenFor(person) {
  const response = await fetch('/dev/api/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: person.id }),
  });
  if (!response.ok) throw new Error(`token request failed (${response.status})`);
  return (await response.json()).token;
}

function answer(event, message, args) {
  event.source.postMessage({ id: message.id, uuidAsString: message.uuidAsString, args }, event.origin);
}

window.addEventListener('message', async (event) => {
  if (event.source !== frame.contentWindow) return;
  const message = event.data;
  if (!message || typeof message.func !== 'string') return;
  record(message.func);
  const person = currentPerson();
  switch (message.func) {
    case 'initialize':
      answer(event, message, ['content', 'web', JSON.stringify(RUNTIME_CONFIG), HOST_SDK_VERSION]);
      break;
    case 'getContext':
      answer(event, message, [contextFor(person)]);
      break;
    case 'authentication.getAuthToken':
      try {
        answer(event, message, [true, await tokenFor(person)]);
      } catch (error) {
        answer(event, message, [false, String(error.message ?? error)]);
      }
      break;
    case 'appInitialization.appLoaded':
      statusLine.textContent = 'タブを読み込み中… (loading)';
      break;
    case 'appInitialization.success':
      statusLine.textContent = `表示中: ${person.displayName} (${state.theme}, ${state.locale})`;
      break;
    case 'appInitialization.failure':
    case 'appInitialization.expectedFailure':
      statusLine.textContent = `タブがエラーを報告しました (the tab reported a failure): ${JSON.stringify(message.args)}`;
      break;
    default:
      // Registrations and notifications need no answer; anything else gets an empty one, as Teams does
      // for capabilities it does not offer here.
      if (!String(message.func).startsWith('registerHandler')) answer(event, message, []);
  }
});

function loadTab() {
  devHost.events = [];
  record('host.loadTab', { ...state });
  frame.src = `/tab/?entity=home&session=${encodeURIComponent(sessionId)}&t=${Date.now()}`;
  history.replaceState(null, '', `/dev/?${new URLSearchParams(state).toString()}`);
}

async function start() {
  const response = await fetch('/dev/api/people');
  const { tenantId, people } = await response.json();
  devHost.tenantId = tenantId;
  devHost.people = people;
  const groups = new Map();
  for (const person of people) {
    const key = [person.division, person.department].filter(Boolean).join(' ') || 'その他';
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(person);
  }
  for (const [label, members] of groups) {
    const group = document.createElement('optgroup');
    group.label = label;
    for (const person of members) {
      const option = document.createElement('option');
      option.value = person.userPrincipalName;
      option.textContent = `${person.displayName}（${person.jobTitle ?? '—'}）`;
      group.append(option);
    }
    userSelect.append(group);
  }
  if (!currentPerson())
    state.user = (people.find((person) => person.levelId === 'shuji') ?? people[0]).userPrincipalName;
  userSelect.value = state.user;
  themeSelect.value = state.theme;
  localeSelect.value = state.locale;
  userSelect.addEventListener('change', () => {
    state.user = userSelect.value;
    loadTab();
  });
  localeSelect.addEventListener('change', () => {
    state.locale = localeSelect.value;
    loadTab();
  });
  themeSelect.addEventListener('change', () => {
    state.theme = themeSelect.value;
    record('host.themeChange', { theme: state.theme });
    frame.contentWindow.postMessage({ func: 'themeChange', args: [state.theme] }, location.origin);
    history.replaceState(null, '', `/dev/?${new URLSearchParams(state).toString()}`);
  });
  loadTab();
}

start().catch((error) => {
  statusLine.textContent = `開発ホストを起動できません (cannot start): ${error.message}`;
});
