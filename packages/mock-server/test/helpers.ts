import { NdjsonDecoder, SseDecoder, type Frame } from '@ccr-kit/protocol-types';
import WebSocket from 'ws';
import type { AgentBackend, AgentContext, AgentSession } from '../src/agent';
import { createMockServer, type MockServer, type MockServerOptions } from '../src/index';

/** An agent that answers each user message with `echo: <text>` and a result, and records what it got. */
export interface ProbeAgent extends AgentBackend {
  readonly contexts: Map<string, AgentContext>;
  readonly delivered: Map<string, Frame[]>;
  readonly initialized: Map<string, Record<string, unknown>[]>;
  stopped: string[];
}

function textOf(frame: Frame): string {
  const message = (frame as { message?: { content?: unknown } }).message;
  const content = message?.content;
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((b: { text?: string }) => b.text ?? '').join('');
  return '';
}

/** The probe agent: echoes user messages unless `echo` is false. */
export function probeAgent(options: { echo?: boolean; initialize?: Record<string, unknown> } = {}): ProbeAgent {
  const agent: ProbeAgent = {
    name: 'probe',
    contexts: new Map(),
    delivered: new Map(),
    initialized: new Map(),
    stopped: [],
    attach(ctx): AgentSession {
      agent.contexts.set(ctx.sessionId, ctx);
      agent.delivered.set(ctx.sessionId, []);
      const session: AgentSession = {
        deliver(frame) {
          agent.delivered.get(ctx.sessionId)!.push(frame);
          if (frame.type !== 'user' || options.echo === false) return;
          ctx.emit({
            type: 'assistant',
            message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'probe', content: [{ type: 'text', text: `echo: ${textOf(frame)}` }], stop_reason: null, stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } },
            parent_tool_use_id: null,
          });
          ctx.emit(resultFrame());
        },
        stop: async () => {
          agent.stopped.push(ctx.sessionId);
        },
      };
      if (options.initialize !== undefined) {
        const extra = options.initialize;
        session.initialize = async (request) => {
          const list = agent.initialized.get(ctx.sessionId) ?? [];
          list.push(request);
          agent.initialized.set(ctx.sessionId, list);
          return extra;
        };
      }
      return session;
    },
  };
  return agent;
}

/** A plausible `result` frame. */
export function resultFrame(): Record<string, unknown> {
  return {
    type: 'result',
    subtype: 'success',
    is_error: false,
    duration_ms: 1,
    duration_api_ms: 1,
    num_turns: 1,
    result: 'ok',
    stop_reason: 'end_turn',
    total_cost_usd: 0,
    usage: { input_tokens: 1, output_tokens: 1 },
    modelUsage: {},
    permission_denials: [],
  };
}

/** A user message as clients send it. */
export function userFrame(text: string, uuid?: string): Record<string, unknown> {
  return { type: 'user', session_id: '', message: { role: 'user', content: [{ type: 'text', text }] }, parent_tool_use_id: null, ...(uuid === undefined ? {} : { uuid }) };
}

/** A `can_use_tool` prompt as an agent sends it. */
export function canUseTool(requestId: string, toolUseId = `toolu_${requestId}`): Record<string, unknown> {
  return { type: 'control_request', request_id: requestId, request: { subtype: 'can_use_tool', tool_name: 'Bash', input: { command: 'ls' }, tool_use_id: toolUseId } };
}

/** An allow answer to a prompt. */
export function allow(requestId: string): Record<string, unknown> {
  return { type: 'control_response', response: { subtype: 'success', request_id: requestId, response: { behavior: 'allow', updatedInput: { command: 'ls' } } } };
}

/** Starts a server with the probe agent and returns both. */
export async function startServer(options: MockServerOptions = {}): Promise<{ server: MockServer; agent: ProbeAgent }> {
  const agent = (options.agent as ProbeAgent | undefined) ?? probeAgent();
  const server = await createMockServer({ ...options, agent });
  return { server, agent };
}

/** A decoded JSON body, read field by field in assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions walk response bodies freely
export type Json = any;

/** JSON request helper. */
export async function api(server: MockServer, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Json; headers: Headers }> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : JSON.parse(text), headers: res.headers };
}

/** Waits until `check` returns a value (polling on real time, for socket I/O only). */
export async function until<T>(check: () => T | undefined, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A WebSocket test client that decodes NDJSON and keeps every frame and raw message. */
export class WsClient {
  readonly frames: Record<string, unknown>[] = [];
  readonly messages: string[] = [];
  closed: { code: number; reason: string } | undefined;
  readonly #decoder = new NdjsonDecoder();
  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const text = (data as Buffer).toString('utf8');
      this.messages.push(text);
      for (const item of this.#decoder.push(text)) if (item.ok) this.frames.push(item.value as Record<string, unknown>);
    });
    socket.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString('utf8') };
    });
  }

  static async open(url: string, headers: Record<string, string> = {}): Promise<WsClient> {
    const socket = new WebSocket(url, { headers });
    const client = new WsClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return client;
  }

  send(...frames: unknown[]): void {
    this.socket.send(frames.map((f) => `${JSON.stringify(f)}\n`).join(''));
  }

  /** Frames of a type (keep-alives excluded unless asked for). */
  ofType(type: string): Record<string, unknown>[] {
    return this.frames.filter((f) => f.type === type);
  }

  waitFor(predicate: (f: Record<string, unknown>) => boolean, what: string): Promise<Record<string, unknown>> {
    return until(() => this.frames.find(predicate), what);
  }

  waitClosed(): Promise<{ code: number; reason: string }> {
    return until(() => this.closed, 'socket close');
  }

  close(): void {
    this.socket.close();
  }
}

/** An SSE test client over fetch that decodes events. */
export class SseClient {
  readonly events: { event: string; data: Json; id?: string | undefined }[] = [];
  readonly comments: string[] = [];
  ended = false;
  status = 0;
  readonly #abort = new AbortController();

  static async open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const client = new SseClient();
    const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: client.#abort.signal });
    client.status = res.status;
    if (!res.ok || res.body === null) {
      client.ended = true;
      (client as { body?: unknown }).body = await res.json();
      return client;
    }
    const decoder = new SseDecoder();
    void (async () => {
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          for (const item of decoder.push(chunk)) {
            if (item.kind === 'event') client.events.push({ event: item.event, data: JSON.parse(item.data), id: item.id });
            else if (item.kind === 'comment') client.comments.push(item.comment);
          }
        }
      } catch {
        // aborted or cut
      }
      client.ended = true;
    })();
    return client;
  }

  named(event: string): { event: string; data: Json; id?: string | undefined }[] {
    return this.events.filter((e) => e.event === event);
  }

  waitFor(predicate: (e: { event: string; data: Json; id?: string | undefined }) => boolean, what: string) {
    return until(() => this.events.find(predicate), what);
  }

  close(): void {
    this.#abort.abort();
  }
}
