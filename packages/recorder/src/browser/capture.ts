import type { Clock } from '@ccr-kit/protocol-types';
import { RecorderError, type RedactionLeakError } from '../errors';
import type { RedactionOptions } from '../redact/redactor';
import { TapeRecorder, type TapeSummary } from '../tape/recorder';
import { createTapeFile } from '../tape/sink';
import { CdpConnection, closeTarget, listTargets, newTarget, type CdpTarget } from './cdp';
import { CdpNetworkRecorder } from './network';

/** Options of {@link captureBrowser}. */
export interface BrowserCaptureOptions {
  /** The browser's DevTools HTTP endpoint, e.g. `http://127.0.0.1:9222`. */
  cdp: string;
  /** Open a new tab, start recording, then load this URL (so the capture sees the page from its first request). */
  url?: string | undefined;
  /** Without `url`: attach to the first page tab whose URL contains this text. @default the first page tab */
  tab?: string | undefined;
  /** Record every request of the tab, not only fetch/XHR/EventSource/WebSocket traffic. @default false */
  all?: boolean | undefined;
  /** A recorder to write to; otherwise one is created writing a new tape file in `out`. */
  recorder?: TapeRecorder | undefined;
  out?: string | undefined;
  redaction?: RedactionOptions | undefined;
  clock?: Clock | undefined;
  onStop?: ((error: RedactionLeakError) => void) | undefined;
  onWarning?: ((message: string) => void) | undefined;
}

/** A running capture of one browser tab. */
export interface BrowserCapture {
  readonly recorder: TapeRecorder;
  /** The DevTools target recorded. */
  readonly target: CdpTarget;
  /** Resolves when the tab or the browser goes away. */
  readonly disconnected: Promise<void>;
  /** Waits for pending body reads, detaches (closing the tab if the capture opened it) and finishes the tape. */
  stop(): Promise<TapeSummary>;
}

async function pickTarget(options: BrowserCaptureOptions): Promise<{ target: CdpTarget; created: boolean }> {
  if (options.url !== undefined) return { target: await newTarget(options.cdp), created: true };
  const pages = (await listTargets(options.cdp)).filter((t) => t.type === 'page');
  const target = options.tab === undefined ? pages[0] : pages.find((t) => t.url.includes(options.tab as string));
  if (target === undefined) {
    const seen = pages.map((t) => t.url).join(', ') || 'none';
    throw new RecorderError('USAGE', `No browser tab ${options.tab === undefined ? 'is open' : `has a URL containing ${JSON.stringify(options.tab)}`} at ${options.cdp} (tabs: ${seen}). Pass --url to open one.`);
  }
  return { target, created: false };
}

/**
 * Attaches to a browser tab through the Chrome DevTools Protocol and records its REST calls,
 * WebSocket frames and SSE events into a tape until `stop()`.
 * @throws {RecorderError} `CDP` when the endpoint cannot be reached, `USAGE` when no tab matches.
 */
export async function captureBrowser(options: BrowserCaptureOptions): Promise<BrowserCapture> {
  const { target, created } = await pickTarget(options);
  if (target.webSocketDebuggerUrl === undefined) {
    throw new RecorderError('CDP', `The tab ${target.url} has no webSocketDebuggerUrl: another DevTools client is attached to it. Close it and retry.`);
  }
  const cdp = await CdpConnection.connect(target.webSocketDebuggerUrl);
  const recorder =
    options.recorder ??
    new TapeRecorder({
      capture: 'browser',
      sink: createTapeFile(options.out ?? '.', 'browser'),
      redaction: options.redaction,
      clock: options.clock,
      meta: { tab: options.url ?? target.url },
      onStop: options.onStop,
    });
  const network = new CdpNetworkRecorder(cdp, {
    record: (event) => {
      try {
        recorder.record(event);
      } catch (error) {
        options.onWarning?.(`Could not record a ${event.kind} event: ${(error as Error).message}`);
      }
    },
    now: () => recorder.now(),
    all: options.all,
    warn: options.onWarning,
  });
  const unsubscribe = cdp.onEvent((event) => network.handle(event));
  await cdp.send('Network.enable', { maxPostDataSize: 16 * 1024 * 1024 });
  if (options.url !== undefined) await cdp.send('Page.navigate', { url: options.url });
  let stopping: Promise<TapeSummary> | undefined;
  return {
    recorder,
    target,
    disconnected: cdp.closed,
    stop: () =>
      (stopping ??= (async () => {
        await network.settled();
        unsubscribe();
        await cdp.close();
        if (created) await closeTarget(options.cdp, target.id);
        return recorder.finish();
      })()),
  };
}
