import type { TapeEvent } from '@ccr-kit/protocol-types';
import { describe, expect, it } from 'vitest';
import { Redactor, jsonPathRule } from '../../src/index';
import { fake } from '../fixtures';

function redactor(options: ConstructorParameters<typeof Redactor>[0] = {}): Redactor {
  return new Redactor({ env: false, ...options });
}

const request = (fields: Partial<Extract<TapeEvent, { kind: 'http.request' }>>): TapeEvent => ({
  t: 0,
  kind: 'http.request',
  id: 'req-1',
  method: 'GET',
  url: 'https://claude.ai/v1/sessions',
  headers: {},
  ...fields,
});

describe('Redactor: headers and cookies', () => {
  it('replaces Authorization, x-organization-uuid and every cookie value, keeping names and the auth scheme', () => {
    const org = fake.uuid(1);
    const r = redactor();
    const out = r.redact(
      request({
        headers: {
          authorization: `Bearer ${fake.oauth()}`,
          'x-organization-uuid': org,
          cookie: `sessionKey=${fake.sessionKey()}; cf_clearance=abc.def-123456789; lastActiveOrg=${org}`,
          'anthropic-version': '2023-06-01',
        },
      }),
    ) as Extract<TapeEvent, { kind: 'http.request' }>;
    expect(out.headers.authorization).toBe('Bearer redacted-token-1');
    expect(out.headers['x-organization-uuid']).toBe('00000000-0000-4000-8000-000000000001');
    expect(out.headers.cookie).toBe('sessionKey=redacted-cookie-1; cf_clearance=redacted-cookie-2; lastActiveOrg=00000000-0000-4000-8000-000000000001');
    expect(out.headers['anthropic-version']).toBe('2023-06-01');
  });

  it('redacts each Set-Cookie value but keeps the attributes, also when several are joined', () => {
    const out = redactor().redact({
      t: 0,
      kind: 'http.response',
      id: 'req-1',
      status: 200,
      headers: {
        'set-cookie': `sessionKey=${fake.sessionKey()}; Path=/; Expires=Wed, 21 Oct 2037 07:28:00 GMT; HttpOnly, __cf_bm=zzzzzzzzzzzz; Secure`,
      },
    }) as Extract<TapeEvent, { kind: 'http.response' }>;
    expect(out.headers['set-cookie']).toBe(
      'sessionKey=redacted-cookie-1; Path=/; Expires=Wed, 21 Oct 2037 07:28:00 GMT; HttpOnly, __cf_bm=redacted-cookie-2; Secure',
    );
  });
});

describe('Redactor: URLs', () => {
  it('replaces the organization uuid in paths and query strings with the same placeholder as in headers', () => {
    const org = fake.uuid(7);
    const r = redactor();
    const first = r.redact(request({ headers: { 'x-organization-uuid': org } })) as Extract<TapeEvent, { kind: 'http.request' }>;
    const second = r.redact(
      request({ url: `https://claude.ai/v1/environment_providers/private/organizations/${org}/environments?organization_uuid=${org}&limit=5` }),
    ) as Extract<TapeEvent, { kind: 'http.request' }>;
    const placeholder = first.headers['x-organization-uuid'];
    expect(placeholder).toBe('00000000-0000-4000-8000-000000000001');
    expect(second.url).toBe(
      `https://claude.ai/v1/environment_providers/private/organizations/${placeholder}/environments?organization_uuid=${placeholder}&limit=5`,
    );
  });

  it('leaves ordinary ids such as session ids alone', () => {
    const url = 'wss://claude.ai/v1/sessions/ws/cse_01AbCdEf/subscribe?replay=true';
    const out = redactor().redact({ t: 0, kind: 'ws.open', id: 'ws-1', url }) as Extract<TapeEvent, { kind: 'ws.open' }>;
    expect(out.url).toBe(url);
  });
});

describe('Redactor: bodies and frames', () => {
  it('redacts account fields in an initialize reply frame and keeps the rest byte for byte', () => {
    const reply = {
      type: 'control_response',
      response: {
        subtype: 'success',
        request_id: 'r1',
        response: { account: { email: 'dev@corp.example', organization: "Corp's Organization", subscriptionType: 'max' }, pid: 42 },
      },
    };
    const out = redactor().redact({ t: 0, kind: 'ws.frame', id: 'ws-1', dir: 'to-client', text: `${JSON.stringify(reply)}\n` }) as Extract<
      TapeEvent,
      { kind: 'ws.frame' }
    >;
    expect(out.text.endsWith('\n')).toBe(true);
    expect(JSON.parse(out.text)).toEqual({
      ...reply,
      response: { ...reply.response, response: { account: { email: 'redacted-1@example.com', organization: 'redacted-name-1', subscriptionType: 'max' }, pid: 42 } },
    });
  });

  it('keeps a frame with nothing to redact exactly as it was (spacing included)', () => {
    const text = '{"type": "keep_alive"}\n{"type":"assistant", "message": {"content": []}}\n';
    const out = redactor().redact({ t: 0, kind: 'ws.frame', id: 'ws-1', dir: 'to-client', text }) as Extract<TapeEvent, { kind: 'ws.frame' }>;
    expect(out.text).toBe(text);
  });

  it('finds secrets in JSON nested as a string (SSE payload_json) and in NDJSON lines', () => {
    const key = fake.apiKey();
    const data = JSON.stringify({ event_type: 'x', payload_json: JSON.stringify({ note: `key ${key}` }) });
    const r = redactor();
    const sse = r.redact({ t: 0, kind: 'sse.event', id: 'req-1', data }) as Extract<TapeEvent, { kind: 'sse.event' }>;
    expect(sse.data).not.toContain(key);
    expect(JSON.parse(JSON.parse(sse.data).payload_json)).toEqual({ note: 'key redacted-token-1' });
  });

  it('applies a custom JSON path rule to REST bodies and to every frame', () => {
    const r = redactor({ extraRules: [jsonPathRule('$.session_context.sources[*].url', 'repo')] });
    const body = JSON.stringify({ session_context: { sources: [{ type: 'git', url: 'https://git.corp/private-repo' }] } });
    const out = r.redact(request({ method: 'POST', body, headers: { 'content-type': 'application/json' } })) as Extract<TapeEvent, { kind: 'http.request' }>;
    expect(JSON.parse(out.body ?? '')).toEqual({ session_context: { sources: [{ type: 'git', url: 'redacted-repo-1' }] } });
  });

  it('redacts form bodies by the query rules', () => {
    const out = redactor().redact(
      request({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `code=abcdefghijkl&state=ok` }),
    ) as Extract<TapeEvent, { kind: 'http.request' }>;
    // `code` by its rule; `state` is not on the allowlist of harmless parameters, so its value goes too.
    expect(out.body).toBe('code=redacted-token-1&state=redacted-param-1');
  });

  it('redacts worker JWTs and API keys in stdio lines and e-mail addresses anywhere', () => {
    const r = redactor();
    const line = JSON.stringify({ type: 'system', note: `jwt ${fake.jwt()} key ${fake.apiKey()} mail ops@corp.example` });
    const out = r.redact({ t: 0, kind: 'stdio.line', dir: 'stdout', text: line }) as Extract<TapeEvent, { kind: 'stdio.line' }>;
    expect(JSON.parse(out.text).note).toBe('jwt redacted-jwt-1 key redacted-token-1 mail redacted-1@example.com');
  });
});

describe('Redactor: pseudonyms', () => {
  it('gives the same value the same placeholder across events and capture fields', () => {
    const session = fake.sessionKey('q');
    const r = redactor();
    const a = r.redact(request({ headers: { cookie: `sessionKey=${session}` } })) as Extract<TapeEvent, { kind: 'http.request' }>;
    const b = r.redact({ t: 1, kind: 'stdio.line', dir: 'stderr', text: `debug: cookie value ${session}` }) as Extract<TapeEvent, { kind: 'stdio.line' }>;
    expect(a.headers.cookie).toBe('sessionKey=redacted-cookie-1');
    expect(b.text).toBe('debug: cookie value redacted-cookie-1');
  });

  it('finds a value learned from a later field in an earlier field of the same event', () => {
    const token = 'opaque-token-value-123';
    const out = redactor().redact(request({ headers: { 'user-agent': `echo ${token}`, authorization: `Bearer ${token}` } })) as Extract<
      TapeEvent,
      { kind: 'http.request' }
    >;
    expect(out.headers).toEqual({ 'user-agent': 'echo redacted-token-1', authorization: 'Bearer redacted-token-1' });
  });

  it('keeps placeholders from an earlier redaction, so re-redacting a tape changes nothing', () => {
    const r = redactor();
    const once = r.redact(request({ headers: { cookie: `sessionKey=${fake.sessionKey()}`, 'x-organization-uuid': fake.uuid(3) } }));
    expect(redactor().redact(once)).toEqual(once);
  });

  it('redacts configured and environment secrets wherever they appear and counts them without showing them', () => {
    const secret = 'plain-looking-secret-value';
    const envValue = 'another-long-environment-secret';
    const r = new Redactor({ secrets: [secret], env: { MY_SERVICE_TOKEN: envValue, ANTHROPIC_API_KEY: 'sk-test' } });
    const out = r.redact({ t: 0, kind: 'ws.close', id: 'ws-1', code: 4001, reason: `${secret} ${envValue}` }) as Extract<TapeEvent, { kind: 'ws.close' }>;
    const [a, b] = out.reason.split(' ');
    expect(a).toMatch(/^redacted-secret-[12]$/);
    expect(b).toMatch(/^redacted-secret-[12]$/);
    expect(a).not.toBe(b);
    const report = r.report();
    expect(report.secretsChecked).toEqual({ configured: 1, environment: ['MY_SERVICE_TOKEN'], learned: 0 });
    expect(JSON.stringify(report)).not.toContain(secret);
    expect(report.counts).toEqual({ 'secret:configured secret #1': 1, 'secret:env MY_SERVICE_TOKEN': 1 });
  });
});
