// Microsoft 365 Agents Playground as a child process, driven over its HTTP API, with the bot's replies
// read from the stream its own web client listens to.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

export interface PlaygroundMessage {
  /** The message's id in the Playground (what a card action replies to). */
  id: string;
  conversationId: string;
  text: string;
  attachments: Array<{ contentType: string; content: unknown }>;
}

export interface Playground {
  url: string;
  config: {
    tenantId: string;
    currentUser: { id: string; name: string; aadObjectId: string };
    /** The other users of the fake tenant, in order (`user-id-1`, …). */
    users: Array<{ id: string; name: string; aadObjectId: string }>;
    personalChat: { id: string };
    teams: Array<{ id: string; name: string; channels: Array<{ id: string; name: string }> }>;
  };
  messages: PlaygroundMessage[];
  say(conversationId: string, text: string, from?: string): Promise<void>;
  /**
   * A card's Action.Execute, the way the Playground's client sends it (an `adaptiveCard/action` invoke);
   * answers with the bot's invoke response (`{ type, value }`).
   */
  execute(
    message: PlaygroundMessage,
    verb: string,
    data: Record<string, unknown>,
    from?: string,
  ): Promise<{ statusCode?: number; type?: string; value?: unknown }>;
  installInTeam(teamId: string): Promise<void>;
  waitForMessage(
    predicate: (message: PlaygroundMessage) => boolean,
    timeoutMs?: number,
  ): Promise<PlaygroundMessage>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export async function startPlayground(botEndpoint: string): Promise<Playground> {
  // The Playground writes its files into its working directory: keep them under test-results.
  mkdirSync(path.resolve('test-results'), { recursive: true });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    path.resolve('node_modules/.bin/agentsplayground'),
    ['start', '-e', botEndpoint, '-c', 'msteams', '-p', String(port), '--dt'],
    {
      env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' },
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: path.resolve('test-results'),
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    const up = await fetch(`${url}/_debug/ping`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill();
      throw new Error(`Agents Playground did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const { config } = (await (await fetch(`${url}/_internal/v1/config`)).json()) as {
    config: Playground['config'];
  };

  const messages: PlaygroundMessage[] = [];
  const socket = new WebSocket(`ws://127.0.0.1:${port}/_ws_conversation/v1/conversations/stream`);
  socket.onmessage = (event: MessageEvent) => {
    const data = JSON.parse(String(event.data)) as {
      action?: string;
      actionConversationId?: string;
      message?: { messageId?: string; text?: string; attachments?: PlaygroundMessage['attachments'] };
    };
    if (data.action === 'createMessage' && data.message) {
      messages.push({
        id: data.message.messageId ?? '',
        conversationId: data.actionConversationId ?? '',
        text: data.message.text ?? '',
        attachments: data.message.attachments ?? [],
      });
    }
  };
  await new Promise<void>((resolve, reject) => {
    socket.onopen = () => resolve();
    socket.onerror = () => reject(new Error('cannot connect to the Playground stream'));
  });

  const post = async (pathname: string, body?: unknown) => {
    const response = await fetch(`${url}${pathname}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok)
      throw new Error(`Playground ${pathname} answered ${response.status}: ${await response.text()}`);
  };

  return {
    url,
    config,
    messages,
    say: (conversationId, text, from = config.currentUser.id) =>
      post(`/_conversation/v1/conversations/${conversationId}/messages`, {
        from: { id: from },
        text,
        textFormat: 'plain',
      }),
    async execute(message, verb, data, from = config.currentUser.id) {
      const response = await fetch(`${url}/_conversation/v1/invoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'adaptiveCard/action',
          value: { action: { type: 'Action.Execute', verb, data } },
          from: { id: from },
          conversation: { id: message.conversationId },
          replyToId: message.id,
        }),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`Playground invoke answered ${response.status}: ${text}`);
      return text ? (JSON.parse(text) as { statusCode?: number; type?: string; value?: unknown }) : {};
    },
    installInTeam: (teamId) => post(`/_debug/conversation/${teamId}/installation`),
    async waitForMessage(predicate, timeoutMs = 15_000) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.find(predicate);
        if (found) return found;
        if (Date.now() > end)
          throw new Error(`no matching bot message; got ${JSON.stringify(messages).slice(0, 500)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async stop() {
      socket.close();
      child.kill('SIGTERM');
      await new Promise((resolve) =>
        child.exitCode !== null ? resolve(undefined) : child.once('exit', resolve),
      );
    },
  };
}
