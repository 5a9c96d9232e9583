// The dashboard: a page of stacks (GET /overview: stored state, versions, drift seen, last command; one call per page,
// never one per stack), the queue (GET /queue) with Retry and Cancel of the command halting it, a filter by name
// (server-side, debounced) and paging. Live from the shared /events feed: a command event updates its stack's row and
// the queue at once; the end of a command, a container event or a drift re-reads the page with ONE /overview call
// (debounced). Nothing here polls.
import { get, query, enc } from '../api.js';
import { h, replace, badge, ago, fmtTime, errorText, showPager } from '../dom.js';
import { commandActions, ENDED } from './commands-common.js';

const PAGE_SIZE = 50;
const FILTER_DELAY = 250;
const REFRESH_DELAY = 300;
/** The commands that converge a stack: while one runs, the stack is DEPLOYING. */
const CONVERGING = new Set(['APPLY_STACK_VERSION', 'ROLLBACK_STACK_VERSION']);
const TYPE_LABELS = {
  APPLY_STACK_VERSION: 'Apply',
  ROLLBACK_STACK_VERSION: 'Rollback',
  DELETE_STACK: 'Delete',
  RUNTIME_ACTION: 'Action',
  DEPLOY_ARTIFACT: 'Deploy',
};

/** The state a row shows: DEPLOYING while an apply or rollback of the stack runs, else the stored actual state. */
function stateOf(item) {
  if (item.deleted_at) {
    return { state: 'DELETED', title: 'deleted ' + fmtTime(item.deleted_at) };
  }
  const c = item.last_command;
  if (c && c.status === 'RUNNING' && CONVERGING.has(c.type)) {
    return { state: 'DEPLOYING', title: TYPE_LABELS[c.type] + ' running (command ' + c.command_id + ')' };
  }
  if (item.held_state) {
    return item.held_state;
  }
  const s = item.status;
  if (!s) {
    return { state: 'UNKNOWN', title: 'never applied' };
  }
  const parts = [s.version + ': desired ' + s.desired + ', actual ' + s.actual];
  if (s.reason) {
    parts.push(s.reason);
  }
  parts.push('recorded ' + fmtTime(s.last_updated));
  return { state: s.actual, title: parts.join('\n') };
}

function commandLabel(c) {
  return (TYPE_LABELS[c.type] || c.type) + ' #' + c.command_id;
}

function versionsCell(item) {
  const current = item.current_version || '—';
  const latest = item.latest_version || '—';
  return h('td', { class: 'col-version mono', 'data-label': 'Version' },
    h('span', { title: 'current version (last converged)' }, current),
    item.latest_version && item.latest_version !== item.current_version
      ? h('span', { class: 'muted', title: 'latest version (newest created)' }, ' / ' + latest) : null);
}

function lastCommandCell(item) {
  const c = item.last_command;
  if (!c) {
    return h('td', { class: 'col-command muted', 'data-label': 'Last command' }, 'none');
  }
  const when = c.ended_at || c.started_at || c.created_at;
  return h('td', { class: 'col-command', 'data-label': 'Last command' },
    h('div', { class: 'command-line' },
      h('a', { href: '#/commands/' + c.command_id, dataset: { commandId: String(c.command_id) } }, commandLabel(c)),
      ' ', badge(c.status, c.error || null),
      when ? h('span', { class: 'muted when', title: fmtTime(when) }, ' ' + ago(when)) : null),
    c.error ? h('div', { class: 'command-error error-text', title: c.error }, c.error) : null);
}

function driftCell(item) {
  if (!item.drift) {
    return h('td', { class: 'col-drift', 'data-label': 'Drift' });
  }
  const lines = Object.entries(item.drift.services || {}).map(([svc, why]) => svc + ': ' + why);
  const title = 'drift seen ' + fmtTime(item.drift.seen_at) + '\n' + lines.join('\n');
  return h('td', { class: 'col-drift', 'data-label': 'Drift' },
    h('span', { class: 'drift-marker', title, 'aria-label': title, dataset: { drift: 'true' } },
      'drift (' + lines.length + ')'));
}

function rowOf(item) {
  const st = stateOf(item);
  return h('tr', { dataset: { stackId: item.stack_id, state: st.state } },
    h('td', { class: 'col-name', 'data-label': 'Stack' },
      h('a', { href: '#/stacks/' + enc(item.stack_id), class: 'stack-name' }, item.name)),
    h('td', { class: 'col-state', 'data-label': 'State' }, badge(st.state, st.title)),
    versionsCell(item),
    lastCommandCell(item),
    driftCell(item));
}

export async function render(main, params, ctx) {
  const state = {
    name: ctx.query.get('name') || '',
    cursor: null,
    previous: [],
    items: [],
    byId: new Map(),
    next: null,
    queue: null,
    seq: 0,
    timers: new Set(),
    refreshTimer: null,
    queueTimer: null,
    closed: false,
  };

  const filter = h('input', { type: 'search', id: 'stack-filter', name: 'name', value: state.name,
    placeholder: 'Name contains…', autocomplete: 'off', 'aria-controls': 'stacks' });
  const summary = h('span', { class: 'muted', id: 'stacks-summary', 'aria-live': 'polite' });
  const tbody = h('tbody');
  const table = h('table', { id: 'stacks', class: 'stacks-table' },
    h('caption', { class: 'visually-hidden' }, 'Stacks'),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Stack'), h('th', { scope: 'col' }, 'State'), h('th', { scope: 'col' }, 'Version'),
      h('th', { scope: 'col' }, 'Last command'), h('th', { scope: 'col' }, 'Drift'))),
    tbody);
  const tableWrap = h('div', { class: 'table-wrap' }, table);
  const empty = h('div', { id: 'empty', class: 'card empty-state', hidden: true });
  const listError = h('p', { class: 'error-text', id: 'stacks-error', role: 'alert' });
  const prev = h('button', { type: 'button', class: 'btn', id: 'page-prev', disabled: true }, '‹ Previous');
  const next = h('button', { type: 'button', class: 'btn', id: 'page-next', disabled: true }, 'Next ›');
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages of stacks' }, prev, next);
  const queueBox = h('section', { id: 'queue', class: 'card queue-card', 'aria-labelledby': 'queue-title' });

  replace(main,
    h('header', { class: 'page-header' }, h('h1', {}, 'Dashboard'),
      h('div', { class: 'page-actions' }, h('a', { class: 'btn btn-primary', href: '#/new' }, 'New stack'))),
    queueBox,
    h('section', { class: 'stacks-section', 'aria-labelledby': 'stacks-title' },
      h('h2', { id: 'stacks-title' }, 'Stacks'),
      h('div', { class: 'toolbar' }, h('label', { for: 'stack-filter' }, 'Filter by name'), filter, summary),
      listError, tableWrap, empty, pager));

  function later(fn, ms) {
    const t = setTimeout(() => {
      state.timers.delete(t);
      fn();
    }, ms);
    state.timers.add(t);
    return t;
  }

  // ------------------------------------------------------------------ stacks

  function renderRows() {
    const rows = state.items.map(rowOf);
    replace(tbody, rows);
    const none = state.items.length === 0;
    tableWrap.hidden = none;
    empty.hidden = !none;
    if (none) {
      replace(empty, state.name
        ? h('p', {}, 'No stack name contains “' + state.name + '”.')
        : [h('h3', {}, 'No stacks yet'), h('p', {}, 'A stack is a compose definition that Core Monitor keeps running. ',
          h('a', { href: '#/new', id: 'empty-new' }, 'Create your first stack'), '.')]);
    }
    showPager({ summary, prev, next, pager }, state, state.items.length, PAGE_SIZE);
  }

  function replaceRow(item) {
    const old = tbody.querySelector('tr[data-stack-id="' + CSS.escape(item.stack_id) + '"]');
    if (old) {
      old.replaceWith(rowOf(item));
    }
  }

  /** One /overview call for the page shown (after a filter change, a page change, or an event). */
  async function load() {
    const seq = ++state.seq;
    const page = await get('/overview' + query({ name: state.name, limit: PAGE_SIZE, cursor: state.cursor }));
    if (seq !== state.seq || state.closed) {
      return;
    }
    state.items = page.items;
    state.byId = new Map(page.items.map((i) => [i.stack_id, i]));
    state.next = page.next_cursor;
    replace(listError);
    renderRows();
  }

  function loadQuietly() {
    load().catch((e) => {
      if (!state.closed) {
        replace(listError, 'Cannot read the stacks: ' + errorText(e));
      }
    });
  }

  function refreshSoon() {
    clearTimeout(state.refreshTimer);
    state.timers.delete(state.refreshTimer);
    state.refreshTimer = later(loadQuietly, REFRESH_DELAY);
  }

  let filterTimer = null;
  filter.addEventListener('input', () => {
    clearTimeout(filterTimer);
    state.timers.delete(filterTimer);
    filterTimer = later(() => {
      const name = filter.value.trim();
      if (name === state.name) {
        return;
      }
      state.name = name;
      state.cursor = null;
      state.previous = [];
      // keep the filter in the address (replaceState fires no hashchange: the view stays)
      history.replaceState(null, '', name ? '#/?name=' + enc(name) : '#/');
      loadQuietly();
    }, FILTER_DELAY);
  });
  next.addEventListener('click', () => {
    if (!state.next) {
      return;
    }
    state.previous.push(state.cursor);
    state.cursor = state.next;
    loadQuietly();
  });
  prev.addEventListener('click', () => {
    if (state.previous.length === 0) {
      return;
    }
    state.cursor = state.previous.pop();
    loadQuietly();
  });

  // ------------------------------------------------------------------ queue

  function stackLabel(stackId) {
    const item = state.byId.get(stackId);
    return h('a', { href: '#/stacks/' + enc(stackId) }, item ? item.name : stackId);
  }

  function renderQueue() {
    const q = state.queue;
    if (!q) {
      return;
    }
    const items = [];
    items.push(h('div', { class: 'queue-item', id: 'queue-running' }, h('span', { class: 'queue-label' }, 'Running'),
      q.running
        ? h('span', {}, h('a', { href: '#/commands/' + q.running.command_id, dataset: { commandId: String(q.running.command_id) } },
          commandLabel(q.running)), ' on ', stackLabel(q.running.stack_id), ' ', badge(q.running.status))
        : h('span', { class: 'muted' }, q.worker_running ? 'nothing' : 'nothing (no worker here)')));
    items.push(h('div', { class: 'queue-item', id: 'queue-pending' }, h('span', { class: 'queue-label' }, 'Pending'),
      h('strong', { dataset: { pending: String(q.pending) } }, String(q.pending))));
    if (q.waiting_for) {
      items.push(h('div', { class: 'queue-item queue-waiting', id: 'queue-waiting' },
        h('span', { class: 'queue-label' }, 'Waiting for'), h('span', {}, q.waiting_for)));
    }
    const box = [h('div', { class: 'queue-head' }, h('h2', { id: 'queue-title' }, 'Queue'),
      h('span', { class: 'muted small' }, 'on failure: ' + String(q.on_failure).toLowerCase())),
    h('div', { class: 'queue-items' }, items)];
    if (q.halted_by) {
      const id = q.halted_by;
      box.push(h('div', { class: 'queue-halted', id: 'queue-halted', role: 'alert', dataset: { commandId: String(id) } },
        h('div', {}, h('strong', {}, 'Halted by '),
          h('a', { href: '#/commands/' + id, dataset: { commandId: String(id) } }, 'command #' + id),
          q.halt_reason ? h('span', { class: 'halt-reason' }, ': ' + q.halt_reason) : null),
        // the same Retry and Cancel (with its confirmation) as the Commands screen
        h('div', { class: 'queue-actions' }, commandActions({ command_id: id, status: 'FAILED', type: '' }, ctx,
          () => loadQueue().catch(() => {}), { small: true }))));
    }
    replace(queueBox, box);
    queueBox.dataset.halted = q.halted_by ? 'true' : 'false';
  }

  async function loadQueue() {
    const q = await get('/queue');
    if (state.closed) {
      return;
    }
    state.queue = q;
    renderQueue();
  }

  function queueSoon() {
    clearTimeout(state.queueTimer);
    state.timers.delete(state.queueTimer);
    state.queueTimer = later(() => loadQueue().catch((e) => console.warn('cannot read the queue', e)), 150);
  }

  // ------------------------------------------------------------------ live

  const off = ctx.events.on((name, data) => {
    if (!data || typeof data !== 'object') {
      return;
    }
    if (name === 'command') {
      queueSoon();
      const item = state.byId.get(data.stack_id);
      if (!item) {
        // a stack of another page, or one created since this page was read: read the page again (debounced, one call)
        if (data.status === 'RUNNING' || ENDED.includes(data.status)) {
          refreshSoon();
        }
        return;
      }
      const before = item.last_command && item.last_command.command_id === data.command_id ? item.last_command : {};
      const now = new Date().toISOString();
      if (!item.last_command || data.command_id >= item.last_command.command_id) {
        if (ENDED.includes(data.status) && CONVERGING.has(data.type)) {
          // keep what the row shows until the page is read again with the state the command recorded
          item.held_state = stateOf(item);
        }
        item.last_command = {
          command_id: data.command_id, type: data.type, status: data.status, attempt: data.attempt,
          created_at: before.created_at || now,
          started_at: data.status === 'RUNNING' ? now : (before.started_at || null),
          ended_at: ENDED.includes(data.status) ? now : null,
          error: data.error || null,
        };
        replaceRow(item);
      }
      if (ENDED.includes(data.status)) {
        refreshSoon();
      }
    } else if (name === 'container' || name === 'drift' || name === 'self_heal') {
      if (data.stack_id && state.byId.has(data.stack_id)) {
        refreshSoon();
      }
    } else if (name === 'docker') {
      queueSoon();
    }
  });

  try {
    await Promise.all([load(), loadQueue()]);
  } catch (e) {
    off();
    throw e;
  }

  return () => {
    state.closed = true;
    off();
    state.timers.forEach((t) => clearTimeout(t));
    state.timers.clear();
  };
}
