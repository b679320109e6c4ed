import { isErrorResponse, type ModelResponse, type ScenarioTurn } from '../../scenario/schema';
import {
  assistantBlock,
  permissionModeStatus,
  resultInterrupted,
  resultSuccess,
  syntheticErrorAssistant,
  systemInit,
  toolResult,
  userText,
  type MessageHead,
  type ResultTotals,
} from './frames';
import { failRequests } from './retry';
import type { ScriptedState } from './state';
import { streamAnswer } from './stream';
import { startToolRun, type Denial, type ToolRun, type ToolScope } from './tool-run';
import { INTERRUPTED_TEXT, INTERRUPTED_TOOL_TEXT, rejectedTool, type ToolOutcome } from './tools';
import { TurnHooks } from './turn-hooks';
import { TurnUsage } from './usage';

/** Runs one scripted turn from the user's prompt to its `result`, the way the CLI does. */
export class TurnRunner {
  readonly #state: ScriptedState;
  readonly #turn: ScenarioTurn;
  readonly #prompt: string;
  readonly #controller = new AbortController();
  readonly #usage = new TurnUsage();
  readonly #denials: Denial[] = [];
  readonly #hooks: TurnHooks;
  readonly #startedAt: number;
  #lastText = '';

  constructor(state: ScriptedState, turn: ScenarioTurn, prompt: string) {
    this.#state = state;
    this.#turn = turn;
    this.#prompt = prompt;
    this.#hooks = new TurnHooks(state);
    this.#startedAt = state.ctx.clock.now();
  }

  /** Stops the turn: whatever it is waiting on resolves and it writes the interrupted ending. */
  abort(): void {
    this.#controller.abort();
  }

  get #signal(): AbortSignal {
    return this.#controller.signal;
  }

  #emit(frame: Record<string, unknown>): void {
    this.#state.ctx.emit(frame);
  }

  #totals(extraTurns = 0): ResultTotals {
    return {
      durationMs: this.#state.ctx.clock.now() - this.#startedAt,
      durationApiMs: this.#usage.apiMs,
      numTurns: this.#usage.answers + extraTurns,
      totalCostUsd: this.#usage.costUsd,
      usage: this.#usage.usage(),
      modelUsage: this.#usage.modelUsage(),
      permissionDenials: this.#denials,
    };
  }

  /** Runs the turn; resolves once its `result` (and the idle state) went out. */
  async run(): Promise<void> {
    const { ctx } = this.#state;
    const sid = ctx.sessionId;
    this.#state.setState('running');
    await this.#hooks.userPromptSubmit(this.#prompt);
    // SDK MCP servers are connected lazily, after the first prompt and before system/init.
    if (!this.#signal.aborted && this.#state.mcp.needsHandshake) await this.#state.mcp.handshake(this.#state.requests);
    if (this.#signal.aborted) return this.#endInterrupted(undefined, undefined, []);
    const { mcp, permissions } = this.#state;
    this.#emit(
      systemInit({ sessionId: sid, cwd: this.#state.cwd, model: this.#state.model, permissionMode: permissions.mode, mcpServers: mcp.statuses(), mcpTools: mcp.toolNames() }),
    );
    const retry = { attempt: 0 };
    const scope: ToolScope = { state: this.#state, hooks: this.#hooks, signal: this.#signal, denials: this.#denials };
    // The answers still to play: the turn's, until a denied call with `onDeny` switches to its branch.
    let track: readonly ModelResponse[] = this.#turn.responses;
    for (let next = 0; next < track.length; ) {
      const response = track[next++]!;
      if (isErrorResponse(response)) {
        const verdict = await failRequests(this.#state, response, retry, this.#signal, this.#usage);
        if (this.#signal.aborted) return this.#endInterrupted(undefined, undefined, []);
        if (verdict !== 'recovered') return this.#endApiError(verdict.text, verdict.status);
        continue;
      }
      retry.attempt = 0;
      const runs: ToolRun[] = [];
      const apiStart = ctx.clock.now();
      const streamed = await streamAnswer(this.#state, response, this.#signal, (tool) => {
        runs.push(startToolRun(scope, tool, runs.at(-1)));
      });
      if (streamed.kind === 'aborted') {
        this.#usage.addApiTime(ctx.clock.now() - apiStart);
        return this.#endInterrupted(streamed.head, streamed.partial, runs);
      }
      if (streamed.kind === 'error') {
        this.#usage.addApiTime(ctx.clock.now() - apiStart);
        return this.#endApiError(`API Error: ${JSON.stringify({ type: 'error', error: streamed.error })}`, null);
      }
      const message = streamed.planned.message;
      this.#usage.add(message.model, message.usage, ctx.clock.now() - apiStart);
      const texts = message.content.filter((b) => b.type === 'text');
      if (texts.length > 0) this.#lastText = texts.at(-1)!.text;
      if (runs.length === 0) break;
      let branch: readonly ModelResponse[] | undefined;
      for (const [index, run] of runs.entries()) {
        const decision = await run.done;
        if (this.#signal.aborted || decision.kind === 'cancelled') return this.#endInterrupted(undefined, undefined, runs.slice(index));
        if (decision.kind === 'rejected') return this.#endRejected(runs.slice(index));
        this.#emitToolResult(run, decision.outcome);
        if (decision.denied) branch ??= run.tool.source.onDeny;
      }
      if (branch !== undefined) {
        track = branch;
        next = 0;
      }
    }
    await this.#hooks.stop(this.#lastText);
    if (this.#signal.aborted) return this.#endInterrupted(undefined, undefined, []);
    return this.#endCompleted();
  }

  #emitToolResult(run: ToolRun, outcome: ToolOutcome): void {
    const sid = this.#state.ctx.sessionId;
    if (outcome.newMode !== undefined) this.#emit(permissionModeStatus(sid, outcome.newMode));
    this.#emit(toolResult(sid, { toolUseId: run.tool.id, content: outcome.content, isError: outcome.isError, toolUseResult: outcome.toolUseResult }));
  }

  #finish(result: Record<string, unknown>): void {
    this.#emit(result);
    this.#state.setState('idle');
  }

  #endCompleted(): void {
    const sid = this.#state.ctx.sessionId;
    this.#finish(resultSuccess(sid, this.#totals(), { result: this.#lastText, stopReason: 'end_turn', terminalReason: 'completed' }));
  }

  #endApiError(text: string, status: number | null): void {
    const sid = this.#state.ctx.sessionId;
    this.#emit(syntheticErrorAssistant(sid, this.#state.ids.uuid(), text));
    this.#finish(resultSuccess(sid, this.#totals(), { result: text, stopReason: 'stop_sequence', terminalReason: 'api_error', apiErrorStatus: status }));
  }

  /** A deny with `interrupt: true`: canned tool_results, the interrupted-for-tool-use text, `aborted_tools`. */
  #endRejected(cut: readonly ToolRun[]): void {
    const sid = this.#state.ctx.sessionId;
    for (const run of cut) this.#emitToolResult(run, rejectedTool());
    this.#emit(userText(sid, INTERRUPTED_TOOL_TEXT));
    this.#finish(resultInterrupted(sid, this.#totals(), 'aborted_tools'));
  }

  /** An interrupt: the partial block streamed so far, then the interrupted text and `error_during_execution`. */
  #endInterrupted(head: MessageHead | undefined, partial: Record<string, unknown> | undefined, cut: readonly ToolRun[]): void {
    const sid = this.#state.ctx.sessionId;
    if (head !== undefined && partial !== undefined) this.#emit(assistantBlock(sid, head, partial));
    if (cut.length > 0) return this.#endRejected(cut);
    this.#emit(userText(sid, INTERRUPTED_TEXT));
    this.#finish(resultInterrupted(sid, this.#totals(head === undefined ? 0 : 1), 'aborted_streaming'));
  }
}
