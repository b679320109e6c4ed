import { existsSync, readdirSync, readFileSync } from 'node:fs';
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
    return readdirSync(projects).some((project) => holdsConversation(join(projects, project, `${sessionId}.jsonl`)));
  } catch {
    return false;
  }
}

/**
 * Whether a transcript file holds a message `--resume` can continue from. Since 2.1.2xx the CLI
 * creates the file at start-up with metadata lines only; resuming that fails with
 * `startup_failure_reason: "resume_target_not_found"`.
 */
function holdsConversation(file: string): boolean {
  if (!existsSync(file)) return false;
  return readFileSync(file, 'utf8')
    .split('\n')
    .some((line) => /^\{.*"type":"(user|assistant)"/.test(line));
}
