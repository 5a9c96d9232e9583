// The stack page's services table: state, health, uptime, restarts, image, published ports (links), and the
// start/stop/restart buttons of each service and of all. Rows come from GET /stacks/{id}/status?detail=true joined
// with GET /stacks/{id}/containers (image, ports).
import { h, replace, badge, fmtDuration } from '../dom.js';

/** Docker's container state as the console's state badge. */
export function stateOf(dockerState) {
  switch (dockerState) {
    case 'running': return 'RUNNING';
    case 'exited':
    case 'created': return 'STOPPED';
    case 'restarting':
    case 'removing': return 'DEPLOYING';
    case 'paused': return 'DEGRADED';
    case 'dead': return 'FAILED';
    default: return 'UNKNOWN';
  }
}

/** "[ip:]public->private/proto" -> {public, private, proto}; null for an unpublished port. */
export function parsePort(text) {
  const m = String(text).match(/(?:^|:)(\d+)->(\d+)\/(\w+)$/);
  return m ? { public: m[1], private: m[2], proto: m[3] } : null;
}

/** The published ports of a container, each once (Docker lists IPv4 and IPv6 bindings separately). */
export function publishedPorts(ports) {
  const seen = new Map();
  (ports || []).map(parsePort).filter(Boolean).forEach((p) => seen.set(p.public + '/' + p.proto, p));
  return [...seen.values()];
}

function portLinks(ports) {
  const list = publishedPorts(ports);
  if (list.length === 0) {
    return h('span', { class: 'muted' }, '—');
  }
  return h('span', { class: 'ports' }, list.map((p) => {
    const label = p.public + '→' + p.private + '/' + p.proto;
    if (p.proto !== 'tcp') {
      return h('span', { class: 'port mono' }, label);
    }
    return h('a', { class: 'port mono', href: 'http://' + location.hostname + ':' + p.public + '/', target: '_blank',
      rel: 'noopener', dataset: { port: p.public }, title: 'Open port ' + p.public + ' in a new tab' }, label);
  }));
}

/**
 * The table. colourOf(service) is the service's colour class; act(action, service|null, button) runs an action.
 * Returns { el, update(status, containers), close() }.
 */
export function servicesTable(colourOf, act) {
  const tbody = h('tbody', {});
  const allButtons = ['start', 'stop', 'restart'].map((a) => h('button', { type: 'button', class: 'btn btn-small',
    dataset: { action: a, scope: 'all' }, onclick: (e) => act(a, null, e.currentTarget) },
  a.charAt(0).toUpperCase() + a.slice(1) + ' all'));
  const empty = h('p', { class: 'muted', id: 'services-empty', hidden: true },
    'No services: this stack has not been applied yet.');
  const el = h('section', { class: 'stack-services card', 'aria-labelledby': 'services-title' },
    h('div', { class: 'stack-section-head' }, h('h2', { id: 'services-title' }, 'Services'),
      h('div', { class: 'page-actions', id: 'stack-all-actions' }, allButtons)),
    h('div', { class: 'table-wrap' }, h('table', { class: 'svc-table', id: 'services' },
      h('thead', {}, h('tr', {}, ['Service', 'State', 'Health', 'Uptime', 'Restarts', 'Image', 'Ports', 'Actions']
        .map((t) => h('th', { scope: 'col' }, t)))), tbody)),
    empty);

  function uptimeText(startedAt, running) {
    if (!running || !startedAt) {
      return '—';
    }
    const s = Math.max(0, Math.floor((Date.now() - Date.parse(startedAt)) / 1000));
    return fmtDuration(s);
  }

  function tick() {
    tbody.querySelectorAll('.uptime[data-started]').forEach((c) => {
      replace(c, uptimeText(c.dataset.started, true));
    });
  }
  // a clock on the page, not a poll: the uptime cells count from the start time the status gave
  const ticker = setInterval(tick, 1000);

  function row(name, s, c) {
    const running = s.state === 'running';
    const state = stateOf(s.state);
    const title = s.state + (s.exit_code !== null && s.exit_code !== undefined ? ' (exit code ' + s.exit_code + ')' : '')
      + (s.drift ? '; drift: ' + s.drift : '');
    const button = (action, label, disabled) => h('button', { type: 'button', class: 'btn btn-small',
      disabled, dataset: { action, service: name }, 'aria-label': label + ' ' + name,
      onclick: (e) => act(action, name, e.currentTarget) }, label);
    const cell = (label, ...content) => h('td', { dataset: { label } }, content);
    return h('tr', { dataset: { service: name, state } },
      cell('Service', h('span', { class: 'swatch ' + colourOf(name), 'aria-hidden': 'true' }),
        h('span', { class: 'svc-name' }, name)),
      cell('State', badge(state, title), s.drift ? h('span', { class: 'drift-mark', title: s.drift }, ' drift') : null),
      cell('Health', s.health ? h('span', { class: 'health-' + s.health }, s.health) : h('span', { class: 'muted' }, '—')),
      h('td', { class: 'uptime', dataset: { label: 'Uptime', started: running && s.started_at ? s.started_at : null } },
        uptimeText(s.started_at, running)),
      cell('Restarts', s.restart_count === null || s.restart_count === undefined ? '—' : String(s.restart_count)),
      cell('Image', h('span', { class: 'mono image' }, c ? c.image : '—')),
      cell('Ports', portLinks(c ? c.ports : [])),
      cell('Actions', h('span', { class: 'row-actions' },
        button('start', 'Start', running), button('stop', 'Stop', !running), button('restart', 'Restart', false))));
  }

  return {
    el,
    update(status, containers) {
      const byService = new Map();
      (containers || []).forEach((c) => { if (!byService.has(c.service)) { byService.set(c.service, c); } });
      const focused = document.activeElement;
      const keep = focused && tbody.contains(focused) ? focused.dataset : null;
      const names = Object.keys(status.services || {});
      replace(tbody, names.map((n) => row(n, status.services[n], byService.get(n))));
      empty.hidden = names.length > 0;
      allButtons.forEach((b) => { b.disabled = names.length === 0; });
      if (keep && keep.action) {
        const again = tbody.querySelector('button[data-action="' + keep.action + '"][data-service="'
          + CSS.escape(keep.service || '') + '"]');
        if (again) {
          again.focus({ preventScroll: true });
        }
      }
    },
    close() {
      clearInterval(ticker);
    },
  };
}
