import type { WebSocketConstructor } from '../transport/websocket';

/** The platform's WebSocket, used by default outside Node (browsers, Deno, workers). */
export const DefaultWebSocket: WebSocketConstructor | undefined = (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
