// `npm run token -- <userPrincipalName | id>` prints a bearer token for a seeded person;
// `npm run token -- --list` prints the seeded people as JSON. It asks the running local-mode server
// (`npm start`), whose emulator signs the tokens, so they validate there. Refuses production mode.
import { ConfigError, loadConfig } from '../src/config.ts';

interface SeededPerson {
  id: string;
  userPrincipalName: string;
}

async function main(): Promise<number> {
  let config;
  try {
    // Local mode only: production tokens come from Entra ID, never from this tool. APP_MODE=production
    // (or any production setting) makes loadConfig refuse, naming it.
    config = loadConfig(undefined, { mode: 'local' });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`npm run token works in local mode only.\n${error.message}`);
      return 78;
    }
    throw error;
  }
  const args = process.argv.slice(2);
  if (args.length !== 1 || !args[0]) {
    console.error('Usage: npm run token -- <userPrincipalName | id>\n       npm run token -- --list');
    return 2;
  }
  const base = `http://127.0.0.1:${config.port}`;
  const call = async (path: string, init?: RequestInit) => {
    try {
      return await fetch(`${base}${path}`, init);
    } catch {
      throw new Error(`No local Hagukumi server answers at ${base}. Start it with \`npm start\` first.`);
    }
  };
  const listed = await call('/dev/api/directory');
  if (!listed.ok) throw new Error(`The server answered ${listed.status} for the people list.`);
  const people = (await listed.json()) as SeededPerson[];
  if (args[0] === '--list') {
    process.stdout.write(`${JSON.stringify(people, null, 2)}\n`);
    return 0;
  }
  const wanted = args[0].toLowerCase();
  const person = people.find(
    (candidate) => candidate.id === wanted || candidate.userPrincipalName.toLowerCase() === wanted,
  );
  if (!person) {
    console.error(`No seeded person "${args[0]}". See: npm run token -- --list`);
    return 1;
  }
  const response = await call('/dev/api/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: person.id }),
  });
  if (!response.ok) throw new Error(`The server answered ${response.status} for the token.`);
  const { token } = (await response.json()) as { token: string };
  process.stdout.write(`${token}\n`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
