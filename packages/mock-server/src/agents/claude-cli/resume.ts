import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Whether the CLI saved a transcript for `sessionId`, so `--resume` can pick the conversation up.
 * The CLI keeps transcripts in `<config dir>/projects/<project>/<session id>.jsonl`, the config dir
 * being `CLAUDE_CONFIG_DIR` or `~/.claude`. A CLI killed early may not have written one yet, and
 * `--resume` then fails with "No conversation found".
 */
export function transcriptSaved(env: Readonly<Record<string, string>>, sessionId: string): boolean {
  const configDir = env.CLAUDE_CONFIG_DIR ?? join(env.HOME ?? homedir(), '.claude');
  const projects = join(configDir, 'projects');
  try {
    return readdirSync(projects).some((project) => existsSync(join(projects, project, `${sessionId}.jsonl`)));
  } catch {
    return false;
  }
}
