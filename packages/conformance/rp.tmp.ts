import { readFileSync } from 'node:fs';
import { replayTape } from './src/replay/replay';
import { oursAdapter } from './src/adapters/ours';
import { officialAdapter } from './src/adapters/official';
import { commandAdapter } from './src/adapters/command';
import { renderTestsConsole } from './src/report/render-tests';
import { makeReport } from './src/report/model';
const [ids, which, transport] = [process.argv[2]!.split(','), process.argv[3] ?? 'ours', (process.argv[4] ?? 'websocket') as any];
const suites = [];
for (const id of ids) {
  const file = `corpus/${id}.tape.ndjson`;
  suites.push(await replayTape(readFileSync(file, 'utf8'), which === 'ours' ? oursAdapter() : which === 'cmd' ? commandAdapter({ command: 'node test/fixtures/tiny-client.js' }) : officialAdapter(), { source: file, transport, stepTimeoutMs: 5000 }));
}
process.stdout.write(renderTestsConsole(makeReport('replay', suites)));
