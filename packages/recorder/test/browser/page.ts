/**
 * The test page: runs one turn over a browser WebSocket (v1) and one over SSE (v2, read both with
 * fetch streaming, as the official SDK does, and with an EventSource), then POSTs what it received
 * to `/__done`. Session ids come from the query string.
 */
export const PAGE_SCRIPT = String.raw`
const params = new URLSearchParams(location.search);
const report = { ws: [], sse: [], es: [] };
const user = (id) => ({ type: 'user', uuid: crypto.randomUUID(), session_id: '', message: { role: 'user', content: 'hello' }, parent_tool_use_id: null });
// A turn is over when its prompt's command_lifecycle ends (it follows the result, as with CLI 2.1.337).
const isResult = (frame) => frame && frame.type === 'command_lifecycle' && (frame.state === 'completed' || frame.state === 'cancelled');

async function wsTurn(id) {
  const ws = new WebSocket('ws://' + location.host + '/v1/sessions/ws/' + id + '/subscribe');
  await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = reject; });
  const done = new Promise((resolve) => {
    ws.onmessage = (event) => {
      for (const line of String(event.data).split('\n')) {
        if (line.trim() === '') continue;
        const frame = JSON.parse(line);
        if (frame.type === 'keep_alive') continue;
        report.ws.push(frame);
        if (isResult(frame)) resolve();
      }
    };
  });
  ws.send(JSON.stringify({ type: 'control_request', request_id: 'page-init', request: { subtype: 'initialize' } }) + '\n');
  ws.send(JSON.stringify(user()) + '\n');
  await done;
  ws.close(1000, 'turn done');
}

async function sseTurn(id) {
  const base = '/v1/code/sessions/' + id;
  const source = new EventSource(base + '/events/stream');
  const esDone = new Promise((resolve) => {
    const take = (event) => { const payload = JSON.parse(event.data).payload; report.es.push(payload); if (isResult(payload)) resolve(); };
    source.addEventListener('client_event', take);
    source.addEventListener('ephemeral_event', take);
  });
  await new Promise((resolve) => { source.onopen = resolve; });
  const abort = new AbortController();
  const response = await fetch(base + '/events/stream', { headers: { accept: 'text/event-stream' }, signal: abort.signal });
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const fetchDone = (async () => {
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).replace(/^ /, '')).join('\n');
        const name = (block.split('\n').find((l) => l.startsWith('event:')) || '').slice(6).trim();
        if (data === '' || (name !== 'client_event' && name !== 'ephemeral_event')) continue;
        const payload = JSON.parse(data).payload;
        report.sse.push(payload);
        if (isResult(payload)) return;
      }
    }
  })();
  await fetch(base + '/events', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ session_id: id, events: [{ payload: user() }] }) });
  await Promise.all([esDone, fetchDone]);
  abort.abort();
  source.close();
}

(async () => {
  try {
    await wsTurn(params.get('ws'));
    await sseTurn(params.get('sse'));
  } catch (error) {
    report.error = String(error && error.stack || error);
  }
  await fetch('/__done', { method: 'POST', body: JSON.stringify(report) });
})();
`;
