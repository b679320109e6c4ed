import { createMockServer, tapeAgent, type AgentBackend, type AgentContext, type MockServer } from '@ccr-kit/mock-server';
import type { ParsedTape } from '@ccr-kit/protocol-types';
import type { ClientTarget, ClientTransport } from '../adapters/types';
import type { JsonObject } from '../internal/json';

/** A mock server playing one tape's agent side, and what the client sent it. */
export interface ReplayServer {
  readonly server: MockServer;
  readonly target: ClientTarget;
  /** Frames the client sent to the agent (user messages, control requests and responses), in order. */
  readonly delivered: readonly JsonObject[];
  /** Bodies of the `initialize` requests the client sent. */
  readonly initializes: readonly JsonObject[];
  /** Whether the tape agent played the tape to its end. */
  finished(): boolean;
  /** What the tape agent wrote to the journal (mismatches included). */
  agentJournal(): string[];
  close(): Promise<void>;
}

/**
 * Starts a mock server whose agent replays `tape` (no pauses) and records what the client sends;
 * `onChange` is called whenever the agent receives or emits something.
 */
export async function startReplayServer(tape: string | ParsedTape, source: string, transport: ClientTransport, onChange: () => void): Promise<ReplayServer> {
  const base = tapeAgent({ tape, source, speed: 0 });
  const delivered: JsonObject[] = [];
  const initializes: JsonObject[] = [];
  const journal: string[] = [];
  let finished = false;
  const agent: AgentBackend = {
    name: 'conformance-replay',
    async attach(ctx: AgentContext) {
      const watched: AgentContext = {
        sessionId: ctx.sessionId,
        clock: ctx.clock,
        signal: ctx.signal,
        settings: ctx.settings,
        emit: (frame) => {
          ctx.emit(frame);
          onChange();
        },
        journal: (message, data) => {
          ctx.journal(message, data);
          journal.push(message);
          if (message.includes('replayed to its end')) finished = true;
          onChange();
        },
      };
      const session = await base.attach(watched);
      return {
        deliver(frame) {
          delivered.push(frame);
          session.deliver(frame);
          onChange();
        },
        async initialize(request) {
          initializes.push(request);
          onChange();
          return session.initialize === undefined ? {} : session.initialize(request);
        },
        stop: () => session.stop(),
      };
    },
  };
  const server = await createMockServer({ agent });
  try {
    const session = await server.admin.createSession({ surface: transport === 'sse' ? 'v2' : 'v1' });
    return {
      server,
      target: { baseUrl: server.url, wsUrl: server.wsUrl, sessionId: session.id, transport },
      delivered,
      initializes,
      finished: () => finished,
      agentJournal: () => journal,
      close: () => server.close(),
    };
  } catch (error) {
    await server.close();
    throw error;
  }
}
