import type {
  HookInput as SdkHookInput,
  HookJSONOutput,
  McpServerStatus as SdkMcpServerStatus,
  McpSetServersResult,
  PermissionResult as SdkPermissionResult,
  PermissionUpdate as SdkPermissionUpdate,
  RewindFilesResult,
  SDKControlGetContextUsageResponse,
  SDKControlGetUsageResponse,
  SDKControlInitializeResponse,
  SDKControlInterruptResponse,
  SDKControlListPermissionRulesResponse,
  SDKControlMcpReadResourceResponse,
  SDKControlReadFileResponse,
  SDKControlReloadOutputStylesResponse,
  SDKControlReloadPluginsResponse,
  SDKControlReloadSkillsResponse,
  SDKControlRequest,
  SDKControlResponse,
  UserDialogResult as SdkUserDialogResult,
} from '@anthropic-ai/claude-agent-sdk';
import { describe, expectTypeOf, it } from 'vitest';
import type { ControlRequestFrame, ControlResponseFrame } from '../../src/schemas/control';
import type {
  AgentToHostSubtype,
  ControlRequestParams,
  ControlRequestPayload,
  ControlRequestSubtype,
  ControlResponsePayload,
  HostToAgentSubtype,
} from '../../src/schemas/control-requests';
import type { HookInput, HookInputFor, HookJsonOutput, KnownHookEvent } from '../../src/schemas/hooks';
import type { McpServerStatus } from '../../src/schemas/mcp';
import type { PermissionResult, PermissionSuggestion, PermissionUpdate } from '../../src/schemas/permissions';

/**
 * The official type as it may be written on the wire by us: optional properties may also hold
 * `undefined` (dropped by JSON.stringify), which `exactOptionalPropertyTypes` otherwise forbids.
 * Everything else — required fields, literal unions, nesting — is kept as the SDK declares it.
 */
type OptionalKeys<T> = { [K in keyof T]-?: Record<never, never> extends Pick<T, K> ? K : never }[keyof T];
type Wire<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in Exclude<keyof T, OptionalKeys<T>>]: Wire<T[K]> } & {
          [K in OptionalKeys<T>]?: Wire<Exclude<T[K], undefined>> | undefined;
        }
      : T;

type OfficialRequest = SDKControlRequest['request'];
type OfficialSubtype = OfficialRequest['subtype'];
type Official<S extends OfficialSubtype> = Extract<OfficialRequest, { subtype: S }>;
type OfficialHostSubtype = Exclude<
  OfficialSubtype,
  'can_use_tool' | 'hook_callback' | 'elicitation' | 'request_user_dialog'
>;

/** Official subtypes whose request type does not fit our payload type (expected: none). */
type NotAccepted = {
  [S in OfficialSubtype]: Official<S> extends ControlRequestPayload<S> ? never : S;
}[OfficialSubtype];

/** Official subtypes whose whole `control_request` frame does not fit our frame type (expected: none). */
type FrameNotAccepted = {
  [S in OfficialSubtype]: Omit<SDKControlRequest, 'request'> & {
    request: Official<S>;
  } extends ControlRequestFrame<S>
    ? never
    : S;
}[OfficialSubtype];

/** Host→agent subtypes whose payload, as we build it, the official type would not accept (expected: none). */
type NotSendable = {
  [S in OfficialHostSubtype]: WithinSdk<S> extends Wire<Official<S>> ? never : S;
}[OfficialHostSubtype];

/**
 * A payload without what CLI 2.1.337 accepts beyond sdk.d.ts 0.3.337 (real traffic wins,
 * PROTOCOL.md#set-model and #set-permission-mode): `only_if_model_is_current` and the mode `manual`.
 */
type WithinSdk<S extends OfficialHostSubtype> = S extends 'set_model'
  ? Omit<ControlRequestPayload<S>, 'only_if_model_is_current'>
  : S extends 'set_permission_mode'
    ? Omit<ControlRequestPayload<S>, 'mode'> & { mode: Exclude<ControlRequestPayload<S>['mode'], 'manual'> }
    : ControlRequestPayload<S>;

describe('control requests against sdk.d.ts SDKControlRequestInner', () => {
  it('knows every official subtype and its direction', () => {
    expectTypeOf<OfficialSubtype>().toExtend<ControlRequestSubtype>();
    expectTypeOf<OfficialHostSubtype>().toExtend<HostToAgentSubtype>();
    expectTypeOf<
      'can_use_tool' | 'hook_callback' | 'elicitation' | 'request_user_dialog'
    >().toExtend<AgentToHostSubtype>();
  });

  it('accepts every official request type', () => {
    expectTypeOf<NotAccepted>().toEqualTypeOf<never>();
    expectTypeOf<FrameNotAccepted>().toEqualTypeOf<never>();
  });

  it('only builds host→agent requests the official types accept', () => {
    expectTypeOf<NotSendable>().toEqualTypeOf<never>();
  });

  it('sends what CLI 2.1.337 accepts beyond the official types, and nothing else', () => {
    expectTypeOf<ControlRequestPayload<'set_permission_mode'>['mode']>().toEqualTypeOf<Official<'set_permission_mode'>['mode'] | 'manual'>();
    expectTypeOf<ControlRequestPayload<'set_model'>['only_if_model_is_current']>().toEqualTypeOf<boolean | undefined>();
  });

  it('types a request by subtype', () => {
    const request = <S extends ControlRequestSubtype>(_subtype: S, _params: ControlRequestParams<S>) =>
      undefined;
    expectTypeOf(request).toBeCallableWith('set_model', { model: 'x' });
    expectTypeOf(request).toBeCallableWith('interrupt', {});
    // @ts-expect-error set_permission_mode needs a known mode
    request('set_permission_mode', { mode: 'yolo' });
    // @ts-expect-error stop_task needs a task id
    request('stop_task', {});
    expectTypeOf<ControlResponsePayload<'initialize'>['pid']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<ControlResponsePayload<'get_settings'>>().toEqualTypeOf<Record<string, unknown>>();
  });
});

describe('control responses against sdk.d.ts', () => {
  it('accepts every official control_response', () => {
    expectTypeOf<SDKControlResponse>().toExtend<ControlResponseFrame>();
  });

  it('builds replies without pending lists that the official type accepts', () => {
    type Reply = Omit<ControlResponseFrame, 'response'> & {
      response:
        | Omit<Extract<ControlResponseFrame['response'], { subtype: 'success' }>, `pending_${string}`>
        | Omit<Extract<ControlResponseFrame['response'], { subtype: 'error' }>, `pending_${string}`>;
    };
    expectTypeOf<Reply>().toExtend<Wire<SDKControlResponse>>();
  });

  it('accepts the official success payloads', () => {
    expectTypeOf<SDKControlInitializeResponse>().toExtend<ControlResponsePayload<'initialize'>>();
    expectTypeOf<SDKControlInterruptResponse>().toExtend<ControlResponsePayload<'interrupt'>>();
    expectTypeOf<SDKControlGetContextUsageResponse>().toExtend<ControlResponsePayload<'get_context_usage'>>();
    expectTypeOf<SDKControlGetUsageResponse>().toExtend<ControlResponsePayload<'get_usage'>>();
    expectTypeOf<SDKControlListPermissionRulesResponse>().toExtend<
      ControlResponsePayload<'list_permission_rules'>
    >();
    expectTypeOf<SDKControlMcpReadResourceResponse>().toExtend<ControlResponsePayload<'mcp_read_resource'>>();
    expectTypeOf<SDKControlReadFileResponse>().toExtend<ControlResponsePayload<'read_file'>>();
    expectTypeOf<SDKControlReloadOutputStylesResponse>().toExtend<
      ControlResponsePayload<'reload_output_styles'>
    >();
    expectTypeOf<SDKControlReloadPluginsResponse>().toExtend<ControlResponsePayload<'reload_plugins'>>();
    expectTypeOf<SDKControlReloadSkillsResponse>().toExtend<ControlResponsePayload<'reload_skills'>>();
    expectTypeOf<RewindFilesResult>().toExtend<ControlResponsePayload<'rewind_files'>>();
    expectTypeOf<McpSetServersResult>().toExtend<ControlResponsePayload<'mcp_set_servers'>>();
    expectTypeOf<SdkMcpServerStatus>().toExtend<McpServerStatus>();
  });
});

describe('host answers against sdk.d.ts', () => {
  it('matches PermissionResult both ways', () => {
    expectTypeOf<SdkPermissionResult>().toExtend<PermissionResult>();
    expectTypeOf<PermissionResult>().toExtend<Wire<SdkPermissionResult>>();
    expectTypeOf<ControlResponsePayload<'can_use_tool'>>().toEqualTypeOf<PermissionResult>();
  });

  it('matches PermissionUpdate both ways, and reads official updates as suggestions', () => {
    expectTypeOf<SdkPermissionUpdate>().toExtend<PermissionUpdate>();
    expectTypeOf<PermissionUpdate>().toExtend<Wire<SdkPermissionUpdate>>();
    expectTypeOf<SdkPermissionUpdate>().toExtend<PermissionSuggestion>();
  });

  it('matches HookJSONOutput both ways', () => {
    expectTypeOf<HookJSONOutput>().toExtend<HookJsonOutput>();
    expectTypeOf<HookJsonOutput>().toExtend<Wire<HookJSONOutput>>();
  });

  it('matches UserDialogResult both ways', () => {
    expectTypeOf<SdkUserDialogResult>().toExtend<ControlResponsePayload<'request_user_dialog'>>();
    expectTypeOf<ControlResponsePayload<'request_user_dialog'>>().toExtend<Wire<SdkUserDialogResult>>();
  });
});

describe('hook inputs against sdk.d.ts', () => {
  type OfficialEvent = SdkHookInput['hook_event_name'];
  type NotAcceptedEvent = {
    [E in OfficialEvent]: E extends KnownHookEvent
      ? Extract<SdkHookInput, { hook_event_name: E }> extends HookInputFor<E>
        ? never
        : E
      : E;
  }[OfficialEvent];

  it('has a dedicated schema accepting every official hook input', () => {
    expectTypeOf<NotAcceptedEvent>().toEqualTypeOf<never>();
    expectTypeOf<SdkHookInput>().toExtend<HookInput>();
  });
});
