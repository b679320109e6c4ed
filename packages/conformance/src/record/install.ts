import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { cliVersionOf } from './record';

const PACKAGE = '@anthropic-ai/claude-code';
const VERSION = /^\d+\.\d+\.\d+$/;

/** A Claude Code CLI ready to run. */
export interface InstalledCli {
  readonly version: string;
  readonly bin: string;
  /** Whether this call installed it (false: it was in the cache already). */
  readonly installed: boolean;
}

/** The folder CLIs are installed into: `$CCR_KIT_CACHE`, else `$XDG_CACHE_HOME/ccr-kit`, else `~/.cache/ccr-kit`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CCR_KIT_CACHE) return env.CCR_KIT_CACHE;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'ccr-kit');
}

function npm(args: readonly string[], timeoutMs: number): Promise<string> {
  const command = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  return new Promise((done, fail) => {
    execFile(command, [...args], { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error === null) done(stdout);
      else fail(new Error(`npm ${args.join(' ')} failed: ${(stderr || error.message).trim().split('\n').slice(-3).join(' ')}`));
    });
  });
}

/** The newest version of the CLI on the registry (`npm view @anthropic-ai/claude-code version`). */
export async function latestCliVersion(): Promise<string> {
  const version = (await npm(['view', PACKAGE, 'version'], 60_000)).trim();
  if (!VERSION.test(version)) throw new Error(`The registry answered "${version}" for the newest ${PACKAGE}; expected a version like 2.1.337.`);
  return version;
}

/**
 * Installs `@anthropic-ai/claude-code@version` (or the newest, for `latest`) into
 * `<cacheDir>/claude-code-<version>` with npm, unless it is there already, and checks that the
 * binary runs and reports that version.
 */
export async function installCli(version: string, cacheDir = defaultCacheDir(), log: (line: string) => void = () => undefined): Promise<InstalledCli> {
  const wanted = version === 'latest' ? await latestCliVersion() : version;
  if (!VERSION.test(wanted)) throw new Error(`--cli takes a version like 2.1.337 or "latest", got "${version}".`);
  const prefix = join(cacheDir, `claude-code-${wanted}`);
  // The package's postinstall puts the platform binary at bin/claude.exe on every platform.
  const bin = join(prefix, 'node_modules', PACKAGE, 'bin', 'claude.exe');
  let installed = false;
  if (!existsSync(bin)) {
    await mkdir(prefix, { recursive: true });
    log(`installing ${PACKAGE}@${wanted} into ${prefix}`);
    await npm(['install', '--prefix', prefix, '--no-audit', '--no-fund', '--no-save', '--loglevel=error', `${PACKAGE}@${wanted}`], 600_000);
    installed = true;
  }
  const reported = await cliVersionOf(bin);
  if (reported !== wanted) throw new Error(`${bin} reports version ${reported}, expected ${wanted}. Delete ${prefix} and try again.`);
  return { version: wanted, bin, installed };
}
