import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isUnknownFrame, parseFrame } from '../../src/parse';

const ROOT = import.meta.dirname;

function corpusFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return corpusFiles(path);
    return /\.(stdout|stdin)\.ndjson$/.test(entry.name) ? [path] : [];
  });
}

const files = corpusFiles(ROOT).sort();

describe('recorded CLI corpus', () => {
  it('has recordings of both directions', () => {
    expect(files.some((f) => f.endsWith('.stdout.ndjson'))).toBe(true);
    expect(files.some((f) => f.endsWith('.stdin.ndjson'))).toBe(true);
  });

  it.each(files.map((file) => [relative(ROOT, file), file]))(
    'every line of %s parses as a known frame',
    (_name, file) => {
      const problems: string[] = [];
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, index) => {
        if (line.trim() === '') return;
        const where = `${relative(ROOT, file)}:${index + 1}`;
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch (error) {
          problems.push(`${where}: not JSON (${(error as Error).message})`);
          return;
        }
        const frame = parseFrame(value);
        if (isUnknownFrame(frame)) {
          const issues = frame.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
          problems.push(`${where}: ${frame.describe()}${issues ? ` — ${issues}` : ''}`);
        }
      });
      expect(problems, problems.join('\n')).toEqual([]);
    },
  );
});
