import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { findDrift, findDriftIn } from '../src/drift';
import { openEnum } from '../src/schemas/common';
import { encodeFrame } from '../src/encode';

const Block = z.union([
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('text'), text: z.string() }),
    z.object({ type: z.literal('tool_use'), id: z.string(), input: z.record(z.string(), z.unknown()) }),
  ]),
  z.object({ type: z.string() }),
]);
const Body = z.object({
  name: z.string(),
  count: z.number().optional(),
  mode: openEnum(['a', 'b']),
  blocks: z.array(Block),
  note: z.string().nullable(),
});

const good = { name: 'x', mode: 'a', blocks: [{ type: 'text', text: 'hi' }], note: null };

describe('findDriftIn', () => {
  it('finds nothing on a value that matches exactly', () => {
    expect(findDriftIn(Body, good, 'to-client')).toEqual([]);
  });

  it('reports an unknown key as info to clients and as a warning to agents, with its path', () => {
    const value = { ...good, blocks: [{ type: 'text', text: 'hi', extra: 1 }] };
    const [toClient] = findDriftIn(Body, value, 'to-client');
    expect(toClient).toMatchObject({ kind: 'unknown_key', severity: 'info', path: '$.blocks[0].extra', value: 1 });
    expect(findDriftIn(Body, value, 'to-agent')[0]?.severity).toBe('warning');
  });

  it('reports a missing required field and a changed type as critical', () => {
    const findings = findDriftIn(Body, { mode: 'a', blocks: [], note: 3 }, 'to-client');
    expect(findings).toEqual([
      expect.objectContaining({ kind: 'missing', severity: 'critical', path: '$.name' }),
      expect.objectContaining({ kind: 'type_mismatch', severity: 'critical', path: '$.note', value: 3 }),
    ]);
  });

  it('reports an unknown block type once, as a warning, instead of listing its keys', () => {
    const value = { ...good, blocks: [{ type: 'hologram', depth: 3, colour: 'red' }] };
    expect(findDriftIn(Body, value, 'to-client')).toEqual([
      expect.objectContaining({ kind: 'unknown_type', severity: 'warning', path: '$.blocks[0].type', value: 'hologram' }),
    ]);
  });

  it('still reports a broken known block rather than falling back to the unknown branch', () => {
    const value = { ...good, blocks: [{ type: 'tool_use', id: 7, input: {} }] };
    expect(findDriftIn(Body, value, 'to-client')).toEqual([
      expect.objectContaining({ kind: 'type_mismatch', path: '$.blocks[0].id' }),
    ]);
  });

  it('reports a value outside an open enum as unknown_enum', () => {
    expect(findDriftIn(Body, { ...good, mode: 'c' }, 'to-client')).toEqual([
      expect.objectContaining({ kind: 'unknown_enum', severity: 'warning', path: '$.mode', value: 'c' }),
    ]);
  });
});

describe('findDrift on frames', () => {
  it('grades an unknown frame type as a warning to clients and critical to agents', () => {
    expect(findDrift({ type: 'teleport' }, 'to-client')).toEqual([
      expect.objectContaining({ kind: 'unknown_type', severity: 'warning', path: '$.type' }),
    ]);
    expect(findDrift({ type: 'teleport' }, 'to-agent')[0]?.severity).toBe('critical');
  });

  it('points at the subtype when only the subtype is unknown', () => {
    const [finding] = findDrift({ type: 'control_request', request_id: 'r', request: { subtype: 'teleport' } }, 'to-agent');
    expect(finding).toMatchObject({ kind: 'unknown_type', path: '$.request.subtype', value: 'teleport' });
  });

  it('reports a subtyped frame without its subtype as a missing field', () => {
    expect(findDrift({ type: 'result', is_error: false }, 'to-client')).toEqual([
      expect.objectContaining({ kind: 'missing', severity: 'critical', path: '$.subtype' }),
    ]);
  });

  it('reports a frame without a type, and a non-object, as critical', () => {
    expect(findDrift({}, 'to-client')[0]).toMatchObject({ kind: 'missing', path: '$.type', severity: 'critical' });
    expect(findDrift([1], 'to-client')[0]).toMatchObject({ kind: 'type_mismatch', path: '$', severity: 'critical' });
  });
});

describe('encodeFrame', () => {
  it('serializes a valid frame as one JSON text', () => {
    expect(encodeFrame({ type: 'keep_alive' })).toBe('{"type":"keep_alive"}');
  });

  it('refuses an unknown key with a message naming the path', () => {
    const frame: Record<string, unknown> = { type: 'keep_alive', surprise: true };
    expect(() => encodeFrame(frame)).toThrow(/\$\.surprise unknown key/);
    expect(encodeFrame(frame, { allowUnknownKeys: true })).toContain('surprise');
  });

  it('refuses an unknown frame type', () => {
    expect(() => encodeFrame({ type: 'teleport' })).toThrow(/unknown frame type "teleport"/);
  });
});

describe('what CLI 2.1.337 refuses in set_model', () => {
  it('an empty model name is critical drift, and the encoder will not send it', () => {
    const frame = { type: 'control_request', request_id: 'r1', request: { subtype: 'set_model', model: '' } };
    expect(findDrift(frame, 'to-agent')).toEqual([expect.objectContaining({ kind: 'type_mismatch', severity: 'critical', path: '$.request.model' })]);
    expect(() => encodeFrame(frame as never)).toThrow(/\$\.request\.model/);
    expect(findDrift({ ...frame, request: { subtype: 'set_model', model: 'sonnet' } }, 'to-agent')).toEqual([]);
    expect(findDrift({ ...frame, request: { subtype: 'set_model', model: null } }, 'to-agent')).toEqual([]);
  });
});
