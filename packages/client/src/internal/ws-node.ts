// The one file of the client that imports `ws`: the default WebSocket on Node (it can send the
// cookie, origin and user-agent headers claude.ai needs, which the global WebSocket cannot).
import { WebSocket } from 'ws';
import type { WebSocketConstructor } from '../transport/websocket';

/** The `ws` package's WebSocket, used by default on Node. */
export const DefaultWebSocket: WebSocketConstructor | undefined = WebSocket as unknown as WebSocketConstructor;
