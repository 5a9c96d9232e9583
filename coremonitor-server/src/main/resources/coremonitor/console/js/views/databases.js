// The databases screen (#/databases): the managed databases (GET /databases) with the state of their stacks (the
// stored status of GET /overview, the badges of the dashboard) and their address, and the "New database" form.
import { get, enc, query } from '../api.js';
import { h, replace, badge, pageHeader, errorText } from '../dom.js';
import { databaseForm, ENGINES } from './database-form.js';

/** The live stacks of databases (named db-<project>): Map stack_id -> their /overview item (with the stored status). */
export async function stackItems() {
  const items = new Map();
  let cursor = null;
  do {
    const page = await get('/overview' + query({ name: 'db-', limit: 500, cursor }));
    page.items.forEach((s) => items.set(s.stack_id, s));
    cursor = page.next_cursor;
  } while (cursor);
  return items;
}

/** The badge of a database's stack from its stored status (UNKNOWN when it was never applied). */
export function stackBadge(stack) {
  const s = stack && stack.status;
  if (!s) {
    return badge('UNKNOWN', stack ? 'never applied' : 'no live stack');
  }
  return badge(s.actual, s.version + ': desired ' + s.desired + ', actual ' + s.actual + (s.reason ? '\n' + s.reason : ''));
}

export function engineLabel(engine) {
  return ENGINES[engine] ? ENGINES[engine].label : engine;
}

export async function render(main, params, ctx) {
  const state = { closed: false, seq: 0 };
  const tbody = h('tbody');
  const tableWrap = h('div', { class: 'table-wrap' }, h('table', { id: 'databases', class: 'databases-table' },
    h('thead', {}, h('tr', {}, ['Project', 'Engine', 'Version', 'Status', 'Address']
      .map((t) => h('th', { scope: 'col' }, t)))), tbody));
  const empty = h('p', { class: 'card empty-state', id: 'databases-empty', hidden: true },
    'No managed database yet: create one with "New database".');
  const listError = h('p', { class: 'error-text', id: 'databases-error', role: 'alert' });
  const form = databaseForm(ctx, () => load().catch(showListError));
  const toggle = h('button', { type: 'button', class: 'btn btn-primary', id: 'db-new', 'aria-controls': 'db-form',
    'aria-expanded': 'false' }, 'New database');
  toggle.addEventListener('click', () => {
    form.toggle();
    toggle.setAttribute('aria-expanded', String(!form.element.hidden));
  });

  replace(main, pageHeader('Databases', toggle), form.created, form.element,
    h('section', { 'aria-labelledby': 'databases-title' },
      h('h2', { id: 'databases-title' }, 'Managed databases'),
      h('p', { class: 'muted' }, 'A PostgreSQL or MariaDB per project, each a stack of its own; its password is in the'
        + ' secret store.'),
      listError, tableWrap, empty));

  function rowOf(db, stacks) {
    const link = '#/databases/' + enc(db.project);
    return h('tr', { dataset: { project: db.project } },
      h('th', { scope: 'row', class: 'db-project', 'data-label': 'Project' }, h('a', { href: link }, db.project)),
      h('td', { 'data-label': 'Engine' }, engineLabel(db.engine)),
      h('td', { 'data-label': 'Version', class: 'mono' }, db.version),
      h('td', { 'data-label': 'Status', class: 'db-status' }, stackBadge(stacks.get(db.stack_id))),
      h('td', { 'data-label': 'Address', class: 'mono db-address' }, db.host + ':' + db.port));
  }

  async function load() {
    const seq = ++state.seq;
    const [list, stacks] = await Promise.all([get('/databases'), stackItems()]);
    if (seq !== state.seq || state.closed) {
      return;
    }
    replace(tbody, list.items.map((db) => rowOf(db, stacks)));
    replace(listError);
    tableWrap.hidden = list.items.length === 0;
    empty.hidden = list.items.length !== 0;
  }

  function showListError(e) {
    if (!state.closed) {
      replace(listError, 'Cannot read the databases: ' + errorText(e));
    }
  }

  // a stack's state changes with its commands and containers: read the list again (debounced) when one changes
  let soon = null;
  const off = ctx.events.on((name, data) => {
    if (name === 'hello' || (data && data.stack_id && ['command', 'container', 'drift', 'self_heal'].includes(name))) {
      clearTimeout(soon);
      soon = setTimeout(() => load().catch(showListError), 500);
    }
  });
  await load();
  return () => {
    state.closed = true;
    clearTimeout(soon);
    off();
    form.forget();
  };
}
