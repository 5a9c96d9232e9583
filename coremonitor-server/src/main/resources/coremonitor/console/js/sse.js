// Server-sent events read with fetch (EventSource cannot send the Authorization header, and the credential must never
// be put in a URL). Parses the text/event-stream format: event, data (multi-line), id; comments are keep-alives.
import { check, headers } from './api.js';

/**
 * Opens an SSE stream under /api/v1 and calls onEvent(name, data) for each event (data parsed as JSON when it is).
 * Options: onOpen(), onEnd() (the server closed the stream), onError(error), reconnect (ms, or 0 for none).
 * Returns { close() }.
 */
export function openStream(path, onEvent, options) {
  const opts = Object.assign({ reconnect: 0 }, options || {});
  let controller = null;
  let closed = false;
  let timer = null;

  async function run() {
    controller = new AbortController();
    try {
      const response = await check(await fetch('/api/v1' + path, {
        headers: headers({ Accept: 'text/event-stream' }),
        signal: controller.signal,
        cache: 'no-store',
      }));
      if (opts.onOpen) {
        opts.onOpen();
      }
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      let event = { name: 'message', data: [] };
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          break;
        }
        buffer += decoder.decode(value, { stream: true });
        let eol;
        while ((eol = buffer.search(/\r\n|\n|\r/)) >= 0) {
          const line = buffer.slice(0, eol);
          buffer = buffer.slice(eol + (buffer.startsWith('\r\n', eol) ? 2 : 1));
          if (line === '') {
            if (event.data.length > 0) {
              dispatch(event.name, event.data.join('\n'));
            }
            event = { name: 'message', data: [] };
          } else if (!line.startsWith(':')) {
            const colon = line.indexOf(':');
            const field = colon < 0 ? line : line.slice(0, colon);
            let val = colon < 0 ? '' : line.slice(colon + 1);
            if (val.startsWith(' ')) {
              val = val.slice(1);
            }
            if (field === 'event') {
              event.name = val;
            } else if (field === 'data') {
              event.data.push(val);
            }
          }
        }
      }
      if (!closed && opts.onEnd) {
        opts.onEnd();
      }
    } catch (e) {
      if (closed || e.name === 'AbortError') {
        return;
      }
      if (opts.onError) {
        opts.onError(e);
      }
      if (e.status === 401) {
        return;
      }
    }
    if (!closed && opts.reconnect > 0) {
      timer = setTimeout(run, opts.reconnect);
    }
  }

  function dispatch(name, data) {
    let parsed = data;
    try {
      parsed = JSON.parse(data);
    } catch (e) {
      // not JSON: given as text
    }
    onEvent(name, parsed);
  }

  run();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      if (controller) {
        controller.abort();
      }
    },
  };
}
