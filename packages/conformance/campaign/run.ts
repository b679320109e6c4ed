import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CampaignRow, CampaignScale } from './common';
import { fuzzClient, fuzzDecoders, fuzzMockServer } from './fuzz';
import { hostileClients } from './hostile-clients';
import { redactionCampaign } from './redaction';
import { soak } from './soak';

/** Every standing campaign, in order; `bounded` is the size `pnpm test` runs. */
export async function runCampaigns(scale: CampaignScale, log: (line: string) => void = () => undefined): Promise<{ rows: CampaignRow[]; leaks: string[] }> {
  const rows: CampaignRow[] = [];
  const step = async (name: string, run: () => Promise<CampaignRow> | CampaignRow): Promise<void> => {
    const started = Date.now();
    log(`campaign: ${name} …`);
    const row = await run();
    rows.push(row);
    log(`campaign: ${name} done in ${Math.round((Date.now() - started) / 1000)} s: ${row.lost} lost, ${row.duplicated} duplicated, ${row.outOfOrder} out of order, ${row.leaked} leaked, ${row.crashes} crashes`);
  };
  await step('decoder fuzz', () => fuzzDecoders(scale));
  await step('hostile servers → client', () => fuzzClient(scale));
  await step('hostile clients → mock server', () => fuzzMockServer(scale));
  await step('soak, both transports', () => soak(scale, ['websocket', 'sse'], 11));
  await step('soak, v1 only', () => soak(scale, ['websocket'], 12));
  let leaks: string[] = [];
  await step('redaction', async () => {
    const result = await redactionCampaign();
    leaks = result.leaks;
    return result.row;
  });
  await step('hostile clients → ccr-mock process', () => hostileClients(scale));
  return { rows, leaks };
}

/** The Markdown table of docs/reliability.md. */
export function table(rows: readonly CampaignRow[]): string {
  const head = '| campaign | cases | faults injected | lost | duplicated | out of order | leaked | crashes | peak RSS (MB) |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|';
  const body = rows.map((r) => `| ${r.campaign} | ${r.cases} | ${r.faults} | ${r.lost} | ${r.duplicated} | ${r.outOfOrder} | ${r.leaked} | ${r.crashes} | ${r.peakRssMb} |`).join('\n');
  const notes = rows.map((r) => `- **${r.campaign}**: ${r.notes}.`).join('\n');
  return `${head}\n${body}\n\n${notes}\n`;
}

async function main(): Promise<void> {
  const scale: CampaignScale = process.argv.includes('--bounded') ? 'bounded' : 'full';
  const started = new Date();
  const { rows, leaks } = await runCampaigns(scale, (line) => process.stderr.write(`${line}\n`));
  const text = table(rows);
  process.stdout.write(text);
  if (leaks.length > 0) process.stdout.write(`\nLeaks:\n${leaks.map((l) => `- ${l}`).join('\n')}\n`);
  if (scale === 'full') {
    const doc = `# Reliability campaigns

Written by \`pnpm campaign\` (${started.toISOString().slice(0, 10)}, Node ${process.version}, ${Math.round((Date.now() - started.getTime()) / 1000)} s). The code is in
\`packages/conformance/campaign/\`; a bounded run of every campaign is part of \`pnpm test\`
(\`packages/conformance/test/campaign/campaign.test.ts\`), which fails on any lost, duplicated,
out-of-order or leaked message and on any crash. Everything runs on loopback and stops by itself.

- **crashes** counts uncaught exceptions and unhandled rejections in the process under test, a
  server that stopped answering, bad input that was not reported with where it was, and a memory
  bound that was not kept.
- **lost / duplicated / out of order** are counted at the application (the client's callbacks)
  against what the server stored.
- **leaked** counts secrets of which any 12-character piece reached a tape or its summary: raw,
  JSON-unescaped, or in streamed deltas put back together.
- **peak RSS** is that of the campaign process (clients and the in-process mock server together;
  the campaigns run one after another in it), except the hostile-clients row, which measures the
  separate \`ccr-mock\` process.

${text}`;
    const file = join(dirname(fileURLToPath(import.meta.url)), '../../../docs/reliability.md');
    await writeFile(file, doc);
    process.stderr.write(`campaign: wrote ${file}\n`);
  }
  const bad = rows.some((r) => r.lost + r.duplicated + r.outOfOrder + r.leaked + r.crashes > 0);
  process.exit(bad ? 1 : 0);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) void main();
