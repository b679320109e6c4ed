import { isRecord } from '../internal/json';

/**
 * What each end-to-end case of the mock server's `claude-cli` agent exercises, by the `case` its
 * tapes carry in `meta` (written by packages/mock-server/scripts/record-e2e-tapes.ts).
 */
const CASE_NOTES: Readonly<Record<string, string>> = {
  'bash-touch-allowed': 'Bash `touch` asks can_use_tool; the client allows it with the input unchanged and the toolUseID echoed; tool_result, a second model call, result/success.',
  'bash-touch-denied': 'Bash `touch` asks can_use_tool; the client denies it with a message: is_error tool_result carrying that message, the turn goes on, result/success lists the tool in permission_denials.',
  'ask-user-question': 'AskUserQuestion asks can_use_tool; the client answers a single-select and a multi-select question through updatedInput.answers, which the tool_result quotes.',
  'plan-mode': 'EnterPlanMode switches modes without a prompt (system/status plan); ExitPlanMode asks can_use_tool, is approved, and system/status returns to default.',
  'interrupt-slow-stream': 'the client interrupts a slowly streamed answer: the interrupt is answered, "[Request interrupted by user]", result/error_during_execution (aborted_streaming); a second prompt then runs a normal turn.',
  'two-turns': 'two prompts in one session: system/init, the streamed answer and result/success once per turn.',
  'api-500-retry': 'the Messages API answers 500 once: system/api_retry, then the retried call streams the answer and result/success.',
  'api-400': 'the Messages API answers 400 and the CLI does not retry: a synthetic assistant "API Error" message and result/success with is_error:true and api_error_status 400.',
  'reconnect-dedupe':
    'the CLI\'s socket closes after the first turn; the CLI reconnects and re-sends every buffered uuid-bearing frame of that turn (same uuids), the service drops them, and the second prompt runs a second turn.',
};

/** What replaying a tape shows a client, where that differs from what the tape records. */
const CASE_REPLAY: Readonly<Record<string, string>> = {
  'reconnect-dedupe':
    'Replayed, the client sees a two-turn session without duplicates: the re-sent frames are dropped by uuid, as the service drops them. The reconnect itself happens between the CLI and the service, so replay cannot show it to a client; validate checks its frames and the corpus tests check that the re-sent frames repeat uuids already seen.',
};

/** How a tape written by the mock server's `claude-cli` agent enters the corpus manifest. */
export interface CliTapeDescription {
  readonly note: string;
  readonly source: string;
  readonly tool: { readonly name: string; readonly version: string };
  /** Set when replaying the tape exercises less than the tape records (see {@link CASE_REPLAY}). */
  readonly replay?: string | undefined;
}

function text(value: unknown, fallback: string): string {
  return typeof value === 'string' && value !== '' ? value : fallback;
}

/**
 * The manifest note, source and tool of a tape recorded through the mock server's `claude-cli`
 * agent, from its header `meta`; `undefined` for other tapes.
 */
export function describeCliTape(meta: unknown): CliTapeDescription | undefined {
  if (!isRecord(meta) || typeof meta.case !== 'string') return undefined;
  const version = text(meta.claude_code_version, 'unknown');
  const cli = meta.cli_transport === 'sdk-url' ? `CLI ${version} over --sdk-url (its own WebSocket to the service)` : `CLI ${version} over stdio`;
  const client = text(meta.client, 'a client');
  const what = CASE_NOTES[meta.case] ?? text(meta.description, `the ${meta.case} case`);
  const replay = CASE_REPLAY[meta.case];
  return {
    note: `${what} Recorded through the mock server's claude-cli agent: ${cli}, ${client}.`,
    source: `packages/mock-server/scripts/record-e2e-tapes.ts (case ${meta.case})`,
    tool: { name: 'claude-code', version },
    ...(replay === undefined ? {} : { replay }),
  };
}
