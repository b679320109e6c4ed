import { readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { loadCorpus } from '../../src/corpus/manifest';
import { readFrameFile } from '../../src/frames/read';
import { corpusRecordings, historyMarkdown, orderChanges, protocolHistory, replaceHistorySection, type VersionRecording } from '../../src/history/history';
import { CORPUS } from '../helpers';

const PROTOCOL = resolve(CORPUS, '../../../PROTOCOL.md');

/** Frames of one flow from NDJSON lines (all flowing to the client). */
const frames = (...values: object[]) => readFrameFile(values.map((v) => JSON.stringify(v)).join('\n'), { name: 'x.stdout.ndjson' }).frames;
const recording = (version: string, flows: Record<string, object[]>): VersionRecording => ({ version, transport: 'stdio', flows: new Map(Object.entries(flows).map(([id, v]) => [id, frames(...v)])) });

const init = (extra: object = {}) => ({ type: 'system', subtype: 'init', session_id: 's', uuid: 'u1', ...extra });
const delta = { type: 'stream_event', event: { type: 'message_delta' }, session_id: 's', uuid: 'u2' };
const stop = { type: 'stream_event', event: { type: 'message_stop' }, session_id: 's', uuid: 'u3' };
const ask = { type: 'control_request', request_id: 'r1', request: { subtype: 'can_use_tool', tool_name: 'Bash' } };
const result = (extra: object = {}) => ({ type: 'result', subtype: 'success', session_id: 's', uuid: 'u4', ...extra });

describe('the protocol history', () => {
  it('reports kinds, fields and vocabulary values that appeared or went, newest version first', () => {
    const steps = protocolHistory([
      recording('2.1.1', { a: [init({ capabilities: ['x_v1'] }), result({ old_key: 1, terminal_reason: 'completed' })], only_old: [init()] }),
      recording('2.1.2', { a: [init({ capabilities: ['x_v1', 'y_v1'] }), { type: 'command_lifecycle', command_uuid: 'c', state: 'queued' }, result({ new_key: 'k', terminal_reason: 'api_error' })] }),
    ]);
    expect(steps).toHaveLength(1);
    const [step] = steps;
    expect(step).toMatchObject({ version: '2.1.2', previous: '2.1.1', flows: ['a'] });
    expect(step!.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'to-client command_lifecycle', change: 'kind_added' }),
        expect.objectContaining({ kind: 'to-client result/success', change: 'path_added', path: '$.new_key' }),
        expect.objectContaining({ kind: 'to-client result/success', change: 'path_removed', path: '$.old_key' }),
        expect.objectContaining({ kind: 'to-client result/success', change: 'values_added', path: '$.terminal_reason', message: 'new values "api_error"' }),
        expect.objectContaining({ kind: 'to-client system/init', change: 'values_added', path: '$.capabilities[*]', message: 'new values "y_v1"' }),
      ]),
    );
    const markdown = historyMarkdown(steps, []);
    expect(markdown).toContain('### 2.1.2 (compared with 2.1.1)');
    expect(markdown).toContain('`to-client result/success`: fields added `$.new_key`; fields gone `$.old_key`; `$.terminal_reason` new values "api_error"; `$.terminal_reason` values gone "completed".');
  });

  it('names a control reply after the request it answers', () => {
    const reply = (response: object) => ({ type: 'control_response', response: { subtype: 'success', request_id: 'r1', response } });
    const req = { type: 'control_request', request_id: 'r1', request: { subtype: 'interrupt' } };
    const [step] = protocolHistory([recording('1.0.0', { f: [req, reply({})] }), recording('1.0.1', { f: [req, reply({ still_queued: [] })] })]);
    expect(step!.changes).toEqual([expect.objectContaining({ kind: 'to-client control_response/success → interrupt', change: 'path_added', path: '$.response.response.still_queued' })]);
  });

  it('finds a frame kind that moved, repeated kinds counted by occurrence', () => {
    const before = frames(init(), delta, ask, stop, delta, stop, result());
    const after = frames(init(), delta, stop, ask, delta, stop, result());
    expect(orderChanges('24-bash-partial', before, after)).toEqual([{ flow: '24-bash-partial', kind: 'to-client control_request/can_use_tool', after: 'to-client stream_event message_stop (1st)' }]);
    expect(orderChanges('same', before, before)).toEqual([]);
  });

  it('replaces the History section where it is, or appends it', () => {
    const doc = '# P\n\n## A\n\ntext\n\n## History\n\nold\n\n## Z\n\nend\n';
    expect(replaceHistorySection(doc, '## History\n\nnew\n')).toBe('# P\n\n## A\n\ntext\n\n## History\n\nnew\n\n## Z\n\nend\n');
    expect(replaceHistorySection('# P\n', '## History\n\nnew\n')).toBe('# P\n\n## History\n\nnew\n');
  });
});

describe('PROTOCOL.md', () => {
  it('has the History section the corpus gives (run `ccr-conformance history --update PROTOCOL.md` after recording)', async () => {
    const recordings = await corpusRecordings(await loadCorpus(CORPUS));
    expect(recordings.map((r) => r.version)).toEqual(['2.1.120', '2.1.197', '2.1.337']);
    const protocol = await readFile(PROTOCOL, 'utf8');
    expect(replaceHistorySection(protocol, historyMarkdown(protocolHistory(recordings), recordings)) === protocol, 'PROTOCOL.md "## History" is stale').toBe(true);
  });

  it('`history --check` exits 1 on a stale copy and `--update` fixes it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ccr-history-'));
    try {
      const file = join(dir, 'PROTOCOL.md');
      const protocol = await readFile(PROTOCOL, 'utf8');
      await writeFile(file, protocol.replace(/^### 2\.1\.337 /m, '### 2.1.336 '));
      const out: string[] = [];
      const err: string[] = [];
      const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) };
      expect(await main(['history', '--check', file], io)).toBe(1);
      expect(err.join('')).toContain('the "## History" section is stale');
      expect(await main(['history', '--update', file], io)).toBe(0);
      expect(await readFile(file, 'utf8')).toBe(protocol);
      expect(await main(['history', '--check', file], io)).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
