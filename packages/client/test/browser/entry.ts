// The browser bundle's entry: the client's public API on `window.ccr`, nothing Node-specific.
import * as ccr from '../../src/index';

(globalThis as unknown as { ccr: typeof ccr }).ccr = ccr;
