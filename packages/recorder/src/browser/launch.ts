import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecorderError } from '../errors';

/** Options of {@link launchChromium}. */
export interface LaunchChromiumOptions {
  /** @default process.env.CHROME_PATH ?? '/usr/bin/chromium' */
  executablePath?: string | undefined;
  /** @default true */
  headless?: boolean | undefined;
  /** More command-line switches. */
  args?: readonly string[] | undefined;
  /** How long to wait for the DevTools endpoint. @default 20000 */
  timeoutMs?: number | undefined;
}

/** A browser started with a DevTools endpoint on a free port and a fresh profile. */
export interface LaunchedBrowser {
  /** The DevTools HTTP endpoint to pass to `captureBrowser({ cdp })`. */
  readonly cdpUrl: string;
  readonly pid: number | undefined;
  /** Stops the browser and removes its profile directory. */
  close(): Promise<void>;
}

const LISTENING = /DevTools listening on ws:\/\/([^/\s]+)\//;

/**
 * Starts Chromium with `--remote-debugging-port=0` and a fresh user-data-dir, and reads the port
 * it picked from its stderr.
 * @throws {RecorderError} `CDP` when the browser does not start or never opens the endpoint.
 */
export async function launchChromium(options: LaunchChromiumOptions = {}): Promise<LaunchedBrowser> {
  const executable = options.executablePath ?? process.env.CHROME_PATH ?? '/usr/bin/chromium';
  const profile = mkdtempSync(join(tmpdir(), 'ccr-record-chromium-'));
  const args = [
    ...(options.headless === false ? [] : ['--headless']),
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--no-first-run',
    '--no-default-browser-check',
    '--remote-debugging-port=0',
    `--user-data-dir=${profile}`,
    ...(options.args ?? []),
    'about:blank',
  ];
  // Its own process group: the helpers Chromium starts (zygote, renderers, crash handler) stop with it.
  const child = spawn(executable, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signalGroup = (signal: NodeJS.Signals): void => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    } catch {
      // The group is gone already.
    }
  };
  const cleanup = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      signalGroup('SIGTERM');
      const timer = setTimeout(() => signalGroup('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    signalGroup('SIGKILL');
    // A helper may still be flushing into the profile as it exits: retry ENOTEMPTY/EBUSY for a moment.
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
  };
  let stderr = '';
  try {
    const host = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new RecorderError('CDP', `${executable} did not open a DevTools endpoint within ${options.timeoutMs ?? 20000} ms. Its stderr: ${stderr.slice(-500)}`)),
        options.timeoutMs ?? 20000,
      );
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
        const m = LISTENING.exec(stderr);
        if (m !== null) {
          clearTimeout(timer);
          resolve(m[1] as string);
        }
      });
      child.once('error', (cause) => {
        clearTimeout(timer);
        reject(new RecorderError('CDP', `Cannot start ${executable}: ${cause.message}. Set CHROME_PATH or pass executablePath.`, { cause }));
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new RecorderError('CDP', `${executable} exited with code ${code} before opening DevTools. Its stderr: ${stderr.slice(-500)}`));
      });
    });
    return { cdpUrl: `http://${host}`, pid: child.pid, close: cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
