// A bare NDJSON WebSocket server for the client benchmark, run in its own process so the
// client's memory is measured alone. It streams a stream_event-heavy session as fast as the
// socket drains: ws://127.0.0.1:PORT/?frames=N&init=1 (init=1 waits for `initialize` first).
import { WebSocketServer } from 'ws';

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
const uuid = (n) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const PER_MESSAGE = 40;

function frame(n) {
  const m = Math.floor(n / PER_MESSAGE);
  const i = n % PER_MESSAGE;
  if (i === 0) {
    return { type: 'stream_event', event: { type: 'message_start', message: { id: `msg_${m}`, type: 'message', role: 'assistant', model: 'claude-sonnet-4-6', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 10, output_tokens: 1 } } }, parent_tool_use_id: null, uuid: uuid(n), session_id: 'bench' };
  }
  if (i === 1) return { type: 'stream_event', event: { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }, parent_tool_use_id: null, uuid: uuid(n), session_id: 'bench' };
  if (i === PER_MESSAGE - 2) {
    return { type: 'assistant', message: { id: `msg_${m}`, type: 'message', role: 'assistant', model: 'claude-sonnet-4-6', content: [{ type: 'text', text: 'streamed text '.repeat(36) }], stop_reason: null, stop_sequence: null, usage: { input_tokens: 10, output_tokens: 1 } }, parent_tool_use_id: null, uuid: uuid(n), session_id: 'bench' };
  }
  if (i === PER_MESSAGE - 1) return { type: 'stream_event', event: { type: 'message_stop' }, parent_tool_use_id: null, uuid: uuid(n), session_id: 'bench' };
  return { type: 'stream_event', event: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'streamed text ' } }, parent_tool_use_id: null, uuid: uuid(n), session_id: 'bench' };
}

const RESULT = { type: 'result', subtype: 'success', is_error: false, duration_ms: 1, duration_api_ms: 1, num_turns: 1, result: 'done', stop_reason: 'end_turn', total_cost_usd: 0, usage: { input_tokens: 1, output_tokens: 1 }, modelUsage: {}, permission_denials: [], uuid: 'ffffffff-0000-4000-8000-000000000000', session_id: 'bench' };

async function blast(ws, total) {
  let n = 0;
  while (n < total && ws.readyState === ws.OPEN) {
    if (ws.bufferedAmount > 4 * 1024 * 1024) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      continue;
    }
    const lines = [];
    for (let k = 0; k < 100 && n < total; k++, n++) lines.push(JSON.stringify(frame(n)));
    ws.send(`${lines.join('\n')}\n`);
  }
  if (ws.readyState === ws.OPEN) ws.send(`${JSON.stringify(RESULT)}\n`);
}

wss.on('connection', (ws, req) => {
  const query = new URL(req.url, 'http://x').searchParams;
  const total = Number(query.get('frames') ?? '1000');
  if (query.get('init') !== '1') {
    void blast(ws, total);
    return;
  }
  ws.on('message', (data) => {
    for (const line of String(data).split('\n')) {
      if (!line.includes('"initialize"')) continue;
      const request = JSON.parse(line);
      ws.send(`${JSON.stringify({ type: 'control_response', response: { subtype: 'success', request_id: request.request_id, response: {} } })}\n`);
      void blast(ws, total);
    }
  });
});

wss.on('listening', () => process.send?.({ port: wss.address().port }));
process.on('disconnect', () => process.exit(0));
