// The stack page's combined logs: one SSE stream per service (GET /stacks/{id}/services/{s}/logs?follow=true),
// merged into one panel, each line prefixed by its service in the service's colour (CSS class svc-cN), stderr marked;
// follow on/off, a filter box, download, a cap on the kept lines. A stream that ends (the container stopped) leaves a
// marker line; sync() reopens it when the service runs again.
import { openStream } from '../sse.js';
import { enc } from '../api.js';
import { h, replace } from '../dom.js';

export const MAX_LINES = 5000;
const FIRST_TAIL = 200;
const FLUSH_MS = 50;
const NEAR_BOTTOM_PX = 40;

/** The colour class of a service: a fixed palette (css/stack.css) by the service's index in the stack. */
export function colourClass(index) {
  return 'svc-c' + (index % 8);
}

/**
 * The logs panel of stack {id, name}. colourOf(service) gives the CSS class of a service. Returns
 * { el, sync(services), close() }: sync takes [{name, containerId, running, startedAt}] after each refresh.
 */
export function logsPanel(stack, colourOf) {
  const entries = []; // {service, stream, message, marker, el}, oldest first, at most MAX_LINES
  const pending = [];
  const streams = new Map(); // service -> {containerId, startedAt, state: 'open'|'ended'|'error', handle}
  let flushTimer = null;
  let follow = true;

  const body = h('div', { class: 'log-body mono', id: 'log-body', tabindex: '0', role: 'log',
    'aria-label': 'Combined logs of the services', 'aria-live': 'off' });
  const filter = h('input', { type: 'search', id: 'log-filter', placeholder: 'Text or service name', autocomplete: 'off',
    spellcheck: 'false' });
  const followBox = h('input', { type: 'checkbox', id: 'log-follow', checked: true });
  const count = h('span', { class: 'muted log-count', id: 'log-count', 'aria-live': 'polite' });
  const sources = h('ul', { class: 'log-sources', id: 'log-sources', 'aria-label': 'Log streams' });
  const downloadShown = h('button', { type: 'button', class: 'btn btn-small', id: 'log-download',
    title: 'Download the lines the filter shows' }, 'Download shown');
  const downloadAll = h('button', { type: 'button', class: 'btn btn-small', id: 'log-download-all',
    title: 'Download every kept line' }, 'Download all');
  const clear = h('button', { type: 'button', class: 'btn btn-small', id: 'log-clear' }, 'Clear');

  const el = h('section', { class: 'stack-logs card', 'aria-labelledby': 'logs-title' },
    h('div', { class: 'stack-section-head' }, h('h2', { id: 'logs-title' }, 'Logs'), sources),
    h('div', { class: 'toolbar log-toolbar' },
      h('label', { for: 'log-filter' }, 'Filter'), filter,
      h('label', { class: 'log-follow', for: 'log-follow' }, followBox, ' Follow'),
      downloadShown, downloadAll, clear, count),
    body);

  const needle = () => filter.value.trim().toLowerCase();
  const matches = (entry, n) => !n || entry.text.toLowerCase().includes(n);

  function lineText(e) {
    return e.service + (e.stream === 'stderr' ? ' [stderr]' : '') + ' | ' + e.message;
  }

  function lineElement(e) {
    const cls = 'log-line' + (e.stream === 'stderr' ? ' log-stderr' : '') + (e.marker ? ' log-marker' : '');
    return h('div', { class: cls, dataset: { service: e.service, stream: e.stream } },
      h('span', { class: 'log-svc ' + colourOf(e.service) }, e.service),
      e.stream === 'stderr' ? h('span', { class: 'log-err', title: 'standard error' }, 'err') : null,
      h('span', { class: 'log-msg' }, e.message));
  }

  function updateCount() {
    const shown = entries.filter((e) => !e.el.hidden).length;
    replace(count, entries.length === shown ? entries.length + ' lines'
      : shown + ' of ' + entries.length + ' lines');
  }

  function scrollToEnd() {
    body.scrollTop = body.scrollHeight;
  }

  function flush() {
    flushTimer = null;
    if (pending.length === 0) {
      return;
    }
    const n = needle();
    const fragment = document.createDocumentFragment();
    pending.splice(0).forEach((e) => {
      e.text = lineText(e);
      e.el = lineElement(e);
      e.el.hidden = !matches(e, n);
      entries.push(e);
      fragment.appendChild(e.el);
    });
    body.appendChild(fragment);
    if (entries.length > MAX_LINES) {
      entries.splice(0, entries.length - MAX_LINES).forEach((e) => e.el.remove());
    }
    updateCount();
    if (follow) {
      scrollToEnd();
    }
  }

  function add(service, stream, message, marker) {
    pending.push({ service, stream: stream || 'stdout', message: String(message), marker: Boolean(marker) });
    if (pending.length > MAX_LINES) {
      pending.splice(0, pending.length - MAX_LINES);
    }
    if (flushTimer === null) {
      flushTimer = setTimeout(flush, FLUSH_MS);
    }
  }

  function renderSources() {
    const names = [...streams.keys()].sort();
    replace(sources, names.map((s) => {
      const st = streams.get(s).state;
      const label = st === 'open' ? 'following' : (st === 'ended' ? 'stopped' : 'interrupted');
      return h('li', { class: 'log-source', dataset: { service: s, streamState: st }, title: s + ': ' + label },
        h('span', { class: 'swatch ' + colourOf(s), 'aria-hidden': 'true' }), s,
        h('span', { class: 'muted' }, label));
    }));
  }

  function open(service, containerId, startedAt, tail) {
    const previous = streams.get(service);
    if (previous && previous.handle) {
      previous.handle.close();
    }
    const info = { containerId, startedAt, state: 'open', handle: null };
    streams.set(service, info);
    const path = '/stacks/' + enc(stack.id) + '/services/' + enc(service) + '/logs?follow=true&tail=' + tail;
    info.handle = openStream(path, (name, data) => {
      if (streams.get(service) !== info) {
        return;
      }
      if (name === 'log') {
        add(service, data.stream, data.message);
      } else if (name === 'end') {
        info.state = 'ended';
        add(service, 'marker', '— the container stopped: its log stream ended —', true);
        renderSources();
      } else if (name === 'error') {
        info.state = 'error';
        add(service, 'marker', '— log stream error: ' + (data && data.message ? data.message : data) + ' —', true);
        renderSources();
      }
    }, {
      onEnd: () => {
        if (streams.get(service) === info && info.state === 'open') {
          info.state = 'ended';
          renderSources();
        }
      },
      onError: (e) => {
        if (streams.get(service) === info) {
          info.state = 'error';
          add(service, 'marker', '— log stream interrupted: ' + (e && e.message ? e.message : e) + ' —', true);
          renderSources();
        }
      },
    });
    renderSources();
  }

  /**
   * Opens a stream for each service with a container, once; reopens it when the service was started again (its start
   * time changed) after its stream ended or broke, or when its container was replaced. A reopened stream of the same
   * container asks for no tail (the lines before its stop are already here; the API has no "since").
   */
  function sync(services) {
    services.forEach((s) => {
      if (!s.containerId) {
        return;
      }
      const cur = streams.get(s.name);
      if (!cur) {
        open(s.name, s.containerId, s.startedAt, FIRST_TAIL);
      } else if (cur.containerId !== s.containerId) {
        add(s.name, 'marker', '— a new container for ' + s.name + ' —', true);
        open(s.name, s.containerId, s.startedAt, FIRST_TAIL);
      } else if (cur.state !== 'open' && s.running && (cur.startedAt !== s.startedAt || cur.state === 'error')) {
        add(s.name, 'marker', '— ' + s.name + ' started again —', true);
        open(s.name, s.containerId, s.startedAt, 0);
      }
    });
  }

  function download(all) {
    const n = needle();
    const lines = entries.filter((e) => all || matches(e, n)).map((e) => e.text);
    const blob = new Blob([lines.join('\n') + (lines.length ? '\n' : '')], { type: 'text/plain;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const safe = String(stack.name).replace(/[^A-Za-z0-9._-]+/g, '_');
    const a = h('a', { href: url, download: 'stack-' + safe + '-logs.txt', hidden: true }, 'download');
    document.body.appendChild(a);
    a.click();
    a.remove();
    // tests read this: the last download's file name and line count
    el.dataset.lastDownload = a.getAttribute('download') + ':' + lines.length;
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  filter.addEventListener('input', () => {
    const n = needle();
    entries.forEach((e) => { e.el.hidden = !matches(e, n); });
    updateCount();
    if (follow) {
      scrollToEnd();
    }
  });
  followBox.addEventListener('change', () => {
    follow = followBox.checked;
    if (follow) {
      scrollToEnd();
    }
  });
  // scrolling up to read pauses following, as in a terminal; scrolling back to the end does not resume it by itself
  body.addEventListener('scroll', () => {
    if (follow && body.scrollHeight - body.scrollTop - body.clientHeight > NEAR_BOTTOM_PX && pending.length === 0) {
      follow = false;
      followBox.checked = false;
    }
  });
  downloadShown.addEventListener('click', () => download(false));
  downloadAll.addEventListener('click', () => download(true));
  clear.addEventListener('click', () => {
    entries.splice(0).forEach((e) => e.el.remove());
    updateCount();
  });
  updateCount();

  return {
    el,
    sync,
    close() {
      clearTimeout(flushTimer);
      streams.forEach((s) => { if (s.handle) { s.handle.close(); } });
      streams.clear();
    },
  };
}
