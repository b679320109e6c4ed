import { recordCorpusFlows } from '../src/record/record';
const [bin, out, transport, filter] = process.argv.slice(2);
const r = await recordCorpusFlows({ bin: bin!, outDir: out!, transport: transport as 'stdio', filter: filter === '' ? undefined : filter, log: console.log });
console.log(JSON.stringify(r.flows.map(f => [f.id, f.ok, f.exitCode])));
