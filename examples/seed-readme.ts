/* eslint-disable @typescript-eslint/no-unused-vars */
// The code of the `claude-remote-protocol` 0.3.x README, compiled against @ccr-kit/client: only
// the import line differs. The API-reference blocks of that README are pseudo-code (`title?`,
// `organizationUuid: string`); here their placeholders are filled in with declared values.
// This file is typechecked, not run: it would talk to claude.ai.
import {
  ClaudeApi,
  ClaudeClient,
  SessionManager,
  type ConnectionState,
  type EventMessage,
  type WsAssistantMessage,
  type WsResultMessage,
} from '@ccr-kit/client';

// ---- Quick Start -------------------------------------------------------------------------------

// 1. Create client (pass credentials once)
const client = new ClaudeClient({
  organizationUuid: "your-org-uuid",
  sessionKey: "sk-ant-sid02-...",
  cfClearance: "...",
  userAgent: "Mozilla/5.0 ...",
});

// 2. Connect to an existing session
const session = await client.connect("session_01...", {
  onAssistantMessage(msg) {
    for (const block of msg.message.content) {
      if (block.type === "text") process.stdout.write(block.text ?? "");
    }
  },
  onResult(msg) {
    console.log(`Done: ${msg.num_turns} turns, $${msg.total_cost_usd}`);
  },
});

await session.sendMessage("Hello, Claude!");

// 3. Or create a new session (auto-selects active environment)
const newSession = await client.create({
  model: "claude-sonnet-4-6",
  title: "My Task",
  onAssistantMessage(msg) { /* ... */ },
});

await newSession.sendMessage("Start working on the task.");

// 4. Multiple sessions in parallel
const [s1, s2] = await Promise.all([
  client.connect("session_A", { onResult(m) { console.log("A done"); } }),
  client.connect("session_B", { onResult(m) { console.log("B done"); } }),
]);

// 5. Cleanup
client.disconnectAll();

// ---- API Reference: ClaudeClient ----------------------------------------------------------------

declare const sessionId: string;
declare const afterId: string | undefined;
declare const environment_id: string;
declare const mode: string;

const connected = await client.connect(sessionId, {
  replay: true,
  maxRetries: 5,
  idleTimeout: 300000,
  onAssistantMessage: (msg: WsAssistantMessage) => {},
  onResult: (msg: WsResultMessage) => {},
  onToolPermission: async (toolName, input) => ({ behavior: "allow", updatedInput: input }),
  onError: (error: Error) => {},
});

const created = await client.create({
  environmentId: "env_...",
  model: "claude-sonnet-4-6",
  title: "My Task",
  sessionContext: { model: "claude-sonnet-4-6", cwd: "/workspace" },
});

await client.listSessions();
await client.listEnvironments();
client.getConnected(sessionId);   // get a previously connected session
client.disconnect(sessionId);     // disconnect one
client.disconnectAll();           // disconnect all

// ---- API Reference: ClaudeApi -------------------------------------------------------------------

const api = new ClaudeApi({
  organizationUuid: "your-org-uuid",
  sessionKey: "sk-ant-sid02-...",
  cfClearance: "...",
  userAgent: "Mozilla/5.0 ...",
  cookie: undefined,             // full cookie override
  baseUrl: "https://claude.ai",
});

const uuid = crypto.randomUUID();
const message: EventMessage = { role: "user", content: "Hello!" };
const requestId = "req_...";
const toolName = "Bash";
const decision = "allow";

await api.listSessions();
await api.getSession(sessionId);
await api.createSession({ environment_id, session_context: { model: "claude-sonnet-4-6" } });
await api.updateSession(sessionId, { title: "Renamed", session_status: "archived" });
await api.listEvents(sessionId, afterId);
await api.sendMessage({ sessionId, uuid, message });
await api.interrupt(sessionId);
await api.respondToolPermission({ sessionId, requestId, toolName, decision });
await api.setPermissionMode(sessionId, mode);
await api.listEnvironments();

// ---- API Reference: SessionManager --------------------------------------------------------------

const manager = new SessionManager({
  // Required
  organizationUuid: "your-org-uuid",
  sessionKey: "sk-ant-sid02-...",
  cfClearance: "...",
  userAgent: "Mozilla/5.0 ...",
  sessionId: "session_01...",

  // Optional
  replay: true,           // Replay missed messages on connect
  maxRetries: 5,          // Reconnect attempts (default: 5)
  idleTimeout: 300000,    // Idle disconnect in ms (default: 300000)
  baseUrl: "https://claude.ai",
  wsHost: "claude.ai",    // Custom WebSocket host

  // Callbacks
  onAssistantMessage: (msg: WsAssistantMessage) => {},
  onResult: (msg: WsResultMessage) => {},
  // Tool Permission Flow
  onToolPermission: async (toolName, input, { toolUseID, signal, suggestions }) => {
    if (toolName === "Bash") {
      return { behavior: "deny", message: "Bash not allowed" };
    }
    return { behavior: "allow", updatedInput: input };
  },
  onHookCallback: async (callbackId, input, toolUseId, signal) => ({}),
  onStateChange: (state: ConnectionState) => {},
  onError: (error: Error) => {},
});

await manager.connect();
await manager.sendMessage("Hello!");
await manager.interrupt();
await manager.setModel("claude-sonnet-4-6");
await manager.setPermissionMode("acceptEdits");
await manager.setMaxThinkingTokens(10000);
manager.disconnect();

// ---- Authentication: Usage ----------------------------------------------------------------------

const authClient = new ClaudeClient({
  organizationUuid: "ed81b697-...",
  sessionKey: "sk-ant-sid02-...",
  cfClearance: "DrW9nrPr...",
  userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 ...",
});

export { api, authClient, connected, created, manager };
