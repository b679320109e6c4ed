import { readFileSync, readdirSync } from 'node:fs';
import { readFrameFile } from './src/frames/read';
import { validateText, frameFindings, kindOf } from './src/validate/validate';
const dir = '/work/main/packages/protocol-types/test/corpus/cli-2.1.197';
const files = readdirSync(dir).filter((f) => f.endsWith('.ndjson')).map((f) => [f, readFileSync(`${dir}/${f}`, 'utf8')] as const);
const parsed = files.map(([f, t]) => readFrameFile(t, { name: f }));
function floor() { let n = 0; for (const [, t] of files) for (const l of t.split('\n')) { if (!l) continue; JSON.parse(l); n++; } return n; }
function read() { let n = 0; for (const [f, t] of files) n += readFrameFile(t, { name: f }).frames.length; return n; }
function check() { let n = 0; for (const p of parsed) for (const fr of p.frames) { frameFindings(fr.value, fr.direction); n++; } return n; }
function kinds() { let n = 0; for (const p of parsed) for (const fr of p.frames) { kindOf(fr.value); n++; } return n; }
function val() { let n = 0; for (const [f, t] of files) n += validateText(f, t).frames; return n; }
for (let r = 0; r < 3; r++) for (const [name, fn] of [['floor', floor], ['read', read], ['check', check], ['kinds', kinds], ['validate', val]] as const) {
  const t0 = performance.now(); let n = 0; for (let i = 0; i < 100; i++) n += fn(); const ms = performance.now() - t0;
  console.log(name, (n / ms * 1000).toFixed(0), 'frames/s');
}
