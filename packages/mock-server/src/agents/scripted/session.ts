import type { Frame } from '@ccr-kit/protocol-types';
import type { AgentContext, AgentSession } from '../../agent';
import { listTurns, selectTurn, type TurnRef } from '../../scenario/match';
import type { Scenario, ScenarioTurn } from '../../scenario/schema';
import { answerControlRequest } from './controls';
import { commandLifecycle, controlSuccess, sessionState, SIMULATED_CAPABILITIES, SIMULATED_CLI_VERSION, SIMULATED_SLASH_COMMANDS } from './frames';
import { HookRegistry } from './hooks';
import { AgentIds } from './ids';
import { McpBridge } from './mcp';
import { PermissionState } from './permissions';
import { OutboundRequests } from './requests';
import type { ScriptedState } from './state';
import { TurnRunner } from './turn';

/** Settings of one scripted session, resolved from the backend options and the session's settings. */
export interface ScriptedSessionConfig {
  readonly scenarios: readonly Scenario[];
  readonly fallback: (prompt: string) => ScenarioTurn;
  readonly model: string;
  readonly cwd: string;
  readonly permissionMode: string;
  readonly partialMessages: boolean;
  readonly maxRetries: number;
  readonly seed: number;
}

/** The text of a user frame's message (a string, or its text blocks joined). */
export function promptText(frame: Record<string, unknown>): string {
  const message = (frame.message ?? {}) as Record<string, unknown>;
  const content = message.content;
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return (content as Record<string, unknown>[])
    .filter((block) => block?.type === 'text' && typeof block.text === 'string')
    .map((block) => block.text as string)
    .join('\n');
}

/** One session of the scripted agent: queues prompts, runs one turn at a time, answers control requests. */
export class ScriptedSession implements AgentSession {
  readonly #ctx: AgentContext;
  readonly #config: ScriptedSessionConfig;
  readonly #state: ScriptedState;
  readonly #turns: TurnRef[];
  /** Prompts waiting for their turn, with the uuid of their user frame (when it had one). */
  readonly #queue: { readonly text: string; readonly uuid: string | undefined }[] = [];
  #interrupted = false;
  #nextTurn = 0;
  #current: TurnRunner | undefined;
  #reported: 'idle' | 'running' | 'requires_action' = 'idle';
  #stopped = false;

  constructor(ctx: AgentContext, config: ScriptedSessionConfig) {
    this.#ctx = ctx;
    this.#config = config;
    this.#turns = listTurns(config.scenarios);
    // Once stopped, a turn winding down must not write anything more.
    const guarded: AgentContext = {
      sessionId: ctx.sessionId,
      clock: ctx.clock,
      signal: ctx.signal,
      settings: ctx.settings,
      emit: (frame) => {
        if (!this.#stopped) ctx.emit(frame);
      },
      journal: (message, data) => ctx.journal(message, data),
    };
    const ids = new AgentIds(ctx.sessionId, config.seed);
    const requests = new OutboundRequests(guarded, ids, () => this.#refreshState());
    this.#state = {
      ctx: guarded,
      ids,
      requests,
      permissions: new PermissionState(config.permissionMode),
      hooks: new HookRegistry(),
      mcp: new McpBridge(),
      cwd: config.cwd,
      partialMessages: config.partialMessages,
      maxRetries: config.maxRetries,
      model: config.model,
      setState: (state) => this.#setState(state),
    };
    ctx.signal.addEventListener('abort', () => void this.stop(), { once: true });
  }

  #setState(state: 'idle' | 'running' | 'requires_action'): void {
    if (state === this.#reported || this.#stopped) return;
    this.#reported = state;
    this.#ctx.emit(sessionState(this.#ctx.sessionId, state));
  }

  #refreshState(): void {
    if (this.#current === undefined) return;
    this.#setState(this.#state.requests.awaitingUser ? 'requires_action' : 'running');
  }

  /** Answers `initialize`: the CLI's capabilities; hooks registered here fire as `hook_callback`s. */
  async initialize(request: Record<string, unknown>): Promise<Record<string, unknown>> {
    this.#state.hooks.register(request.hooks);
    this.#state.mcp.register(request.sdkMcpServers);
    return {
      commands: SIMULATED_SLASH_COMMANDS.map((name) => ({ name, description: `/${name}`, argumentHint: '' })),
      agents: [{ name: 'general-purpose', description: 'General-purpose agent for multi-step tasks.' }],
      output_style: 'default',
      available_output_styles: ['default', 'Explanatory', 'Learning'],
      models: [
        { value: 'default', displayName: 'Default (recommended)', description: this.#config.model },
        { value: 'opus', displayName: 'Opus', description: 'Most capable for complex work' },
        { value: 'haiku', displayName: 'Haiku', description: 'Fastest for quick answers' },
      ],
      account: { subscriptionType: 'mock' },
      claude_code_version: SIMULATED_CLI_VERSION,
      capabilities: [...SIMULATED_CAPABILITIES],
      current_permission_mode: this.#state.permissions.mode,
      pid: process.pid,
    };
  }

  /** Routes one client frame: prompts are queued, control frames answered or matched to waiting requests. */
  deliver(frame: Frame): void {
    if (this.#stopped) return;
    const raw = frame as unknown as Record<string, unknown>;
    switch (raw.type) {
      case 'user':
        if (raw.shouldQuery === false) {
          this.#ctx.journal('scripted agent: a user frame with shouldQuery false was appended without starting a turn', raw);
          return;
        }
        {
          const uuid = typeof raw.uuid === 'string' && raw.uuid !== '' ? raw.uuid : undefined;
          this.#queue.push({ text: promptText(raw), uuid });
          if (uuid !== undefined) this.#ctx.emit(commandLifecycle(this.#ctx.sessionId, uuid, 'queued'));
        }
        if (this.#current === undefined) void this.#pump();
        return;
      case 'control_response':
        this.#state.requests.answer(raw);
        return;
      case 'control_request':
        return this.#onControlRequest(raw);
      case 'control_cancel_request':
        this.#ctx.journal('scripted agent: ignored a control_cancel_request; this agent answers host requests at once, so none is running', raw);
        return;
      default:
        this.#ctx.journal(`scripted agent: ignored a ${String(raw.type)} frame; the scripted agent does not use it`, raw);
    }
  }

  #onControlRequest(frame: Record<string, unknown>): void {
    const request = (frame.request ?? {}) as Record<string, unknown>;
    if (request.subtype !== 'interrupt') return answerControlRequest(this.#state, this.#config.model, frame);
    const requestId = typeof frame.request_id === 'string' ? frame.request_id : '';
    // The CLI withdraws an open prompt before it acknowledges the interrupt (observed-behaviour.md item 9).
    this.#state.requests.cancelAll();
    // CLI 2.1.337 (interrupt_receipt_v1, interrupt_cancel_queued_v1): the reply lists the queued
    // prompts that will still run; with cancel_queued they are dropped first, each `cancelled`.
    const cancelled: string[] = [];
    if (request.cancel_queued === true) {
      for (const entry of this.#queue.splice(0)) {
        if (entry.uuid === undefined) continue;
        cancelled.push(entry.uuid);
        this.#ctx.emit(commandLifecycle(this.#ctx.sessionId, entry.uuid, 'cancelled'));
      }
    }
    const stillQueued = this.#queue.flatMap((e) => (e.uuid === undefined ? [] : [e.uuid]));
    this.#ctx.emit(controlSuccess(requestId, request.cancel_queued === true ? { still_queued: stillQueued, cancelled } : { still_queued: stillQueued }));
    if (this.#current !== undefined) this.#interrupted = true;
    this.#current?.abort();
  }

  #pickTurn(prompt: string): ScenarioTurn {
    const index = selectTurn(this.#turns, prompt, this.#nextTurn);
    if (index === undefined) {
      this.#ctx.journal(`scripted agent: no scenario turn matches the prompt ${JSON.stringify(prompt.slice(0, 80))}; answering with the fallback turn`);
      return this.#config.fallback(prompt);
    }
    this.#nextTurn = index + 1;
    return this.#turns[index]!.turn;
  }

  async #pump(): Promise<void> {
    while (!this.#stopped && this.#queue.length > 0) {
      const { text: prompt, uuid } = this.#queue.shift()!;
      const runner = new TurnRunner(this.#state, this.#pickTurn(prompt), prompt);
      this.#current = runner;
      this.#interrupted = false;
      if (uuid !== undefined) this.#ctx.emit(commandLifecycle(this.#ctx.sessionId, uuid, 'started'));
      try {
        await runner.run();
      } catch (error) {
        this.#ctx.journal(`scripted agent: the turn failed: ${(error as Error).message}`, error);
      } finally {
        this.#current = undefined;
      }
      // `completed` (or `cancelled` for an interrupted turn) comes after the turn's result, as in CLI 2.1.337.
      if (uuid !== undefined && !this.#stopped) {
        const idle = this.#queue.length === 0;
        this.#ctx.emit(commandLifecycle(this.#ctx.sessionId, uuid, this.#interrupted ? 'cancelled' : 'completed', this.#interrupted && idle));
      }
    }
  }

  /** Stops the session: the running turn ends without further frames and queued prompts are dropped. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#queue.length = 0;
    this.#state.requests.abandon();
    this.#current?.abort();
  }
}
