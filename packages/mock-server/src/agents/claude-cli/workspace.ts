import { mkdir, mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { fakeModelCliEnv } from '../../fake-model/cli-env';
import { createFakeModelServer, type FakeModelServer } from '../../fake-model/server';
import type { ResolvedCliOptions } from './options';

/** Names whose values are treated as secrets: never journaled, replaced in captured text. */
const SECRET_NAME = /KEY|TOKEN|SECRET|PASSWORD|CREDENTIAL|AUTH/i;
/** Values shorter than this are too common to replace safely. */
const MIN_SECRET_LENGTH = 6;

/** Replaces the secret values of an environment wherever they appear in a text. */
export class SecretScrubber {
  readonly #secrets: string[];

  constructor(env: Readonly<Record<string, string>>) {
    this.#secrets = Object.entries(env)
      .filter(([name, value]) => SECRET_NAME.test(name) && value.length >= MIN_SECRET_LENGTH)
      .map(([, value]) => value)
      .sort((a, b) => b.length - a.length);
  }

  /** The text with every secret value replaced by `[redacted]`. */
  scrub(text: string): string {
    let out = text;
    for (const secret of this.#secrets) if (out.includes(secret)) out = out.split(secret).join('[redacted]');
    return out;
  }

  /** How many distinct secret values are known. */
  get size(): number {
    return this.#secrets.length;
  }
}

/** A session's cwd that the workspace root does not contain: the CLI is not started. */
export class WorkspaceRefusedError extends Error {
  override readonly name = 'WorkspaceRefusedError';
}

/** The directories, environment and fake model one session's CLI runs with. */
export interface Workspace {
  readonly cwd: string;
  readonly home: string | undefined;
  readonly env: Readonly<Record<string, string>>;
  readonly fakeModel: FakeModelServer | undefined;
  readonly scrubber: SecretScrubber;
  /** Closes the fake model and removes the temp directories this workspace created. */
  dispose(): Promise<void>;
}

function inheritedEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined) env[name] = value;
  return env;
}

function minimalEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of ['PATH', 'TMPDIR', 'LANG'] as const) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}

/**
 * Prepares a session's workspace: its cwd (a private directory under the workspace root, or the
 * session's own cwd when the root contains it), its HOME, its fake model (with `modelBackend:
 * 'fake'`) and the CLI's environment.
 * @throws {WorkspaceRefusedError} when the session's cwd is outside the workspace root.
 */
export async function openWorkspace(options: ResolvedCliOptions, settingsCwd: string | undefined): Promise<Workspace> {
  const created: string[] = [];
  let fakeModel: FakeModelServer | undefined;
  const dispose = async (): Promise<void> => {
    await fakeModel?.close();
    if (options.keepTempDirs === true) return;
    for (const dir of created.splice(0)) await rm(dir, { recursive: true, force: true });
  };
  try {
    // Every session runs under a workspace root: the CLI runs tools for real, so a client never picks
    // a directory outside it (a v2 session's config.cwd is the client's word).
    let root = options.workspaceRoot;
    if (root === undefined) {
      root = await mkdtemp(join(tmpdir(), 'ccr-cli-workspace-'));
      created.push(root);
    } else {
      await mkdir(root, { recursive: true });
    }
    root = await realpath(root);
    let cwd: string;
    if (settingsCwd === undefined) {
      cwd = await mkdtemp(join(root, 'session-'));
      if (options.workspaceRoot !== undefined) created.push(cwd);
    } else {
      cwd = resolve(root, settingsCwd);
      const inside = relative(root, cwd);
      if (inside.startsWith('..') || isAbsolute(inside)) {
        throw new WorkspaceRefusedError(
          `the session's cwd ${JSON.stringify(settingsCwd)} is outside the workspace root ${root}; give a path inside it (a relative one is taken inside it), or start the agent with a workspaceRoot (--workspace-root) that contains it`,
        );
      }
      await mkdir(cwd, { recursive: true });
    }
    let env: Record<string, string>;
    let home = options.home;
    if (options.modelBackend === 'fake') {
      fakeModel = await createFakeModelServer({ ...options.fakeModel, scenarios: options.scenarios });
      if (home === undefined) {
        home = await mkdtemp(join(tmpdir(), 'ccr-cli-home-'));
        created.push(home);
      }
      env = fakeModelCliEnv({ baseUrl: fakeModel.url, home, maxRetries: options.maxRetries, extra: options.env });
    } else {
      env = options.inheritEnv === false ? minimalEnv() : inheritedEnv();
      if (home !== undefined) env.HOME = home;
      if (options.maxRetries !== undefined) env.CLAUDE_CODE_MAX_RETRIES = String(options.maxRetries);
      Object.assign(env, options.env);
    }
    return { cwd, home, env, fakeModel, scrubber: new SecretScrubber(env), dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
