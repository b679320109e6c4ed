import { describe, expect, it } from 'vitest';
import { fuzzClient, fuzzDecoders, fuzzMockServer } from '../../campaign/fuzz';
import { hostileClients } from '../../campaign/hostile-clients';
import { redactionCampaign } from '../../campaign/redaction';
import { soak } from '../../campaign/soak';
import type { CampaignRow } from '../../campaign/common';

// The standing campaigns at their bounded size (`pnpm campaign` runs them at full size and writes
// docs/reliability.md). Each row must show no loss, duplicate, reordering, leak or crash.
function expectClean(row: CampaignRow): void {
  expect({ lost: row.lost, duplicated: row.duplicated, outOfOrder: row.outOfOrder, leaked: row.leaked, crashes: row.crashes }, `${row.campaign}: ${row.notes}`).toEqual({
    lost: 0,
    duplicated: 0,
    outOfOrder: 0,
    leaked: 0,
    crashes: 0,
  });
  expect(row.cases).toBeGreaterThan(0);
}

describe('standing campaigns (bounded)', () => {
  it('decoder fuzz: hostile byte streams never make a decoder throw', () => {
    expectClean(fuzzDecoders('bounded'));
  });

  it('hostile servers cannot crash the client; every non-frame is reported with where it was', { timeout: 120_000 }, async () => {
    expectClean(await fuzzClient('bounded'));
  });

  it('hostile clients cannot crash the mock server or get anything stored', { timeout: 120_000 }, async () => {
    expectClean(await fuzzMockServer('bounded'));
  });

  it('soak on both transports and v1 alone: exactly once, in order, under mixed faults', { timeout: 180_000 }, async () => {
    const mixed = await soak('bounded', ['websocket', 'sse'], 11);
    expectClean(mixed);
    expect(mixed.faults).toBeGreaterThan(10);
    expectClean(await soak('bounded', ['websocket'], 12));
  });

  it('redaction: every secret shape × every capture point, 0 pieces leaked', { timeout: 240_000 }, async () => {
    const { row, leaks } = await redactionCampaign();
    expect(leaks).toEqual([]);
    expectClean(row);
    expect(row.cases).toBeGreaterThanOrEqual(40 * 5);
  });

  it('hostile clients against a ccr-mock process: memory bounded, the server keeps serving', { timeout: 120_000 }, async () => {
    expectClean(await hostileClients('bounded'));
  });
});
