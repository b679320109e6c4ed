/** The one module of this package that imports `ws` (the proxy and the DevTools client use it from here). */
export { WebSocket, WebSocketServer } from 'ws';
export type { RawData } from 'ws';
