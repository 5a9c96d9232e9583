// #/commands?stack_id=&status=&type= : the queue panel and the command list, live from the shared /events stream.
import { get, query, enc } from '../api.js';
import { h, replace, badge, fmtTime, errorText, pageHeader } from '../dom.js';
import {
  COMMAND_STATUSES, COMMAND_TYPES, stackNames, stackLink, commandDuration, commandActions, typeLabel, commandsHash,
} from './commands-common.js';
import { queuePanel } from './commands-queue.js';

/*
 * Which commands are listed. GET /commands pages oldest first and has no "newest first" order, while the newest
 * commands are the ones an operator looks for. So the list follows next_cursor (pages of 500, the most the API gives)
 * to the last page and keeps only the newest KEEP commands it saw, then shows them newest first, SHOW at a time
 * ("Show older" reveals more of what was kept). Following every page costs one request per 500 commands matching the
 * filters; the filters (stack, status, type) are applied by the server, so a filtered list is short to read.
 * New commands and changes then come live from the `command` events of /events.
 */
const PAGE = 500;
const KEEP = 1000;
const SHOW = 100;
const FILTERS = ['stack_id', 'status', 'type'];

export async function render(main, params, ctx) {
  const filters = {};
  FILTERS.forEach((k) => { filters[k] = ctx.query.get(k) || ''; });
  // a status or type the API does not know would be a 400: a hand-edited link falls back to "All"
  if (!COMMAND_STATUSES.includes(filters.status)) {
    filters.status = '';
  }
  if (!COMMAND_TYPES.includes(filters.type)) {
    filters.type = '';
  }
  let names = new Map();
  try {
    names = await stackNames();
  } catch (e) {
    console.warn('cannot read the stack names', e);
  }
  const commands = new Map(); // command_id -> { c, body }
  let shown = SHOW;
  let truncated = false;

  const table = h('table', { id: 'commands-table', class: 'commands-table' },
    h('caption', { class: 'cmd-visually-hidden' }, 'Commands, newest first'),
    h('thead', {}, h('tr', {}, ['ID', 'Stack', 'Type', 'Status', 'Attempt', 'Created', 'Started', 'Ended', 'Duration']
      .map((t) => h('th', { scope: 'col' }, t)), h('th', { scope: 'col' }, h('span', { class: 'cmd-visually-hidden' }, 'Actions')))));
  const summary = h('p', { id: 'commands-summary', class: 'muted', role: 'status' }, 'Loading the commands…');
  const more = h('button', { type: 'button', class: 'btn', id: 'commands-more', hidden: true,
    onclick: () => { shown += SHOW; layout(); } }, 'Show older');
  const queue = queuePanel(ctx, () => names, upsert);

  replace(main,
    pageHeader('Commands'),
    queue.el,
    h('section', { class: 'commands-list', 'aria-labelledby': 'commands-title' },
      h('h2', { id: 'commands-title' }, 'Commands'),
      filterBar(filters, names, ctx),
      summary,
      h('div', { class: 'table-wrap' }, table),
      h('div', { class: 'commands-more' }, more)));

  function matches(c) {
    return (!filters.stack_id || c.stack_id === filters.stack_id) && (!filters.status || c.status === filters.status)
      && (!filters.type || c.type === filters.type);
  }

  function rowsOf(c) {
    const started = c.started_at ? timeCell(c.started_at) : h('span', { class: 'muted' }, '—');
    const rows = [h('tr', { class: 'command-row' },
      h('td', {}, h('a', { href: '#/commands/' + enc(c.command_id), class: 'command-link' }, '#' + c.command_id)),
      h('td', { class: 'command-stack' }, stackLink(c.stack_id, names)),
      h('td', { class: 'command-type' }, typeLabel(c.type)),
      h('td', { class: 'command-status' }, badge(c.status)),
      h('td', { class: 'command-attempt' }, String(c.attempt)),
      h('td', {}, timeCell(c.created_at)),
      h('td', {}, started),
      h('td', {}, c.ended_at ? timeCell(c.ended_at) : h('span', { class: 'muted' }, '—')),
      h('td', { class: 'command-duration' }, commandDuration(c)),
      h('td', {}, h('div', { class: 'command-actions' }, commandActions(c, ctx, upsert, { small: true }))))];
    if (c.error) {
      // a FAILED command's reason in plain sight: its own full-width line under the row, not a tooltip
      rows.push(h('tr', { class: 'command-error-row' }, h('td', { colspan: 10 },
        h('div', { class: 'command-error' + (c.status === 'FAILED' ? ' command-error-failed' : '') },
          h('span', { class: 'command-error-label' }, c.status === 'FAILED' ? 'Failed: ' : 'Error: '), c.error))));
    }
    return rows;
  }

  /** One <tbody> per command, so a command's rows are replaced in place when it changes. */
  function bodyOf(c) {
    return h('tbody', { class: 'command', dataset: { commandId: String(c.command_id), status: c.status } }, rowsOf(c));
  }

  function upsert(c) {
    const known = commands.get(c.command_id);
    if (known) {
      const focused = known.body.contains(document.activeElement);
      known.c = c;
      known.body.dataset.status = c.status;
      replace(known.body, rowsOf(c));
      if (focused) {
        known.body.querySelector('.command-link').focus();
      }
      return;
    }
    if (!matches(c)) {
      return;
    }
    commands.set(c.command_id, { c, body: bodyOf(c) });
    layout();
  }

  /** Puts the newest `shown` commands in the table, newest first. */
  function layout() {
    const ordered = [...commands.values()].sort((a, b) => b.c.command_id - a.c.command_id);
    const visible = ordered.slice(0, shown);
    visible.forEach((x, i) => {
      const at = table.tBodies[i];
      if (at !== x.body) {
        table.insertBefore(x.body, at || null);
      }
    });
    ordered.slice(shown).forEach((x) => x.body.remove());
    more.hidden = ordered.length <= shown;
    const n = ordered.length;
    const filtered = FILTERS.some((k) => filters[k]);
    let text = n === 0 ? (filtered ? 'No command matches these filters.' : 'No command yet.')
      : 'Showing ' + Math.min(n, shown) + ' of ' + n + (filtered ? ' matching' : '') + ' commands, newest first.';
    if (truncated) {
      text += ' Older commands are not loaded (the newest ' + KEEP + ' are kept).';
    }
    replace(summary, text);
  }

  // live: a `command` event carries the id, status, attempt and error; the row is read again for its times
  // (subscribed before the first read: the ids heard while it runs are read again after it)
  let loaded = false;
  const missed = new Set();
  const reading = new Set();
  async function reread(id) {
    if (reading.has(id)) {
      return;
    }
    reading.add(id);
    try {
      upsert(await get('/commands/' + enc(id)));
    } catch (e) {
      console.warn('cannot read command ' + id, e);
    } finally {
      reading.delete(id);
    }
  }
  let queueTimer = null;
  const off = ctx.events.on((name, data) => {
    if (name !== 'command' || !data) {
      return;
    }
    if (!loaded) {
      missed.add(data.command_id);
    } else if (commands.has(data.command_id) || matches(data)) {
      reread(data.command_id);
    }
    if (data.stack_id && !names.has(data.stack_id)) {
      stackNames(true).then((n) => { names = n; }).catch(() => {});
    }
    clearTimeout(queueTimer);
    queueTimer = setTimeout(queue.refresh, 200);
  });
  // what the API has now: every page, keeping the newest KEEP
  try {
    let cursor = null;
    let kept = [];
    do {
      const page = await get('/commands' + query(Object.assign({}, filters, { limit: PAGE, cursor })));
      kept = kept.concat(page.items);
      if (kept.length > KEEP) {
        truncated = true;
        kept = kept.slice(kept.length - KEEP);
      }
      cursor = page.next_cursor;
    } while (cursor);
    kept.forEach((c) => commands.set(c.command_id, { c, body: bodyOf(c) }));
    layout();
  } catch (e) {
    replace(summary, h('span', { class: 'error-text' }, 'Cannot read the commands: ' + errorText(e)));
  }
  loaded = true;
  missed.forEach(reread);
  queue.refresh();

  // polled: what the worker waits for (a Docker outage) and its lease have no event of their own
  const poll = setInterval(queue.refresh, 5000);
  // the running commands' durations grow by themselves
  const tick = setInterval(() => {
    commands.forEach((x) => {
      if (x.c.status === 'RUNNING') {
        const cell = x.body.querySelector('.command-duration');
        if (cell) {
          cell.textContent = commandDuration(x.c);
        }
      }
    });
  }, 1000);
  return () => {
    off();
    clearTimeout(queueTimer);
    clearInterval(poll);
    clearInterval(tick);
  };
}

/** A compact time (the time of day when it is today) with the full one as its title. */
function timeCell(iso) {
  const d = new Date(iso);
  const today = new Date().toDateString() === d.toDateString();
  return h('time', { datetime: iso, title: fmtTime(iso), class: 'command-time' },
    today ? d.toLocaleTimeString() : d.toLocaleString());
}

/** The filters: selects that change the hash, so a filtered list is a link. */
function filterBar(filters, names, ctx) {
  const go = () => {
    const next = {};
    FILTERS.forEach((k) => { next[k] = document.getElementById('filter-' + k).value; });
    ctx.navigate(commandsHash(next));
  };
  const stacks = [...names.entries()].sort((a, b) => a[1].localeCompare(b[1]));
  if (filters.stack_id && !names.has(filters.stack_id)) {
    stacks.unshift([filters.stack_id, filters.stack_id]);
  }
  const select = (key, label, options) => h('div', { class: 'filter' },
    h('label', { for: 'filter-' + key }, label),
    h('select', { id: 'filter-' + key, name: key, onchange: go },
      h('option', { value: '' }, 'All'),
      options.map(([value, text]) => h('option', { value, selected: value === filters[key] }, text))));
  return h('form', { class: 'toolbar commands-filters', id: 'commands-filters', role: 'search',
    'aria-label': 'Filter the commands', onsubmit: (e) => { e.preventDefault(); go(); } },
  select('stack_id', 'Stack', stacks),
  select('status', 'Status', COMMAND_STATUSES.map((s) => [s, s])),
  select('type', 'Type', COMMAND_TYPES.map((t) => [t, typeLabel(t)])),
  FILTERS.some((k) => filters[k]) ? h('a', { href: '#/commands', id: 'filters-clear', class: 'btn btn-small' }, 'Clear filters')
    : null);
}
