// The secrets screen (#/secrets, #/secrets?stack=ID): the secret store's names by page (GET /secrets, never a value),
// create one with a typed or generated value (a generated value is shown once), replace, delete after a confirmation,
// and reveal (POST /secrets/{name}/reveal) masked with Show/Hide and Copy. A value is kept in the page only while it
// is shown: never in storage or the URL.
import { get, post, call, enc, query } from '../api.js';
import { h, replace, pageHeader, confirmDialog, errorText, fmtTime, showPager } from '../dom.js';
import { stackLink } from './commands-common.js';
import { valueBox } from './secret-value.js';
import { SECRET_NAME, fieldErrors, valueChooser } from './secrets-form.js';

const PAGE_SIZE = 50;

/** Every live stack, by name: Map stack_id -> name. */
async function liveStacks() {
  const names = new Map();
  let cursor = null;
  do {
    const page = await get('/stacks' + query({ limit: 500, cursor }));
    page.items.forEach((s) => names.set(s.stack_id, s.name));
    cursor = page.next_cursor;
  } while (cursor);
  return names;
}

function stackOptions(stacks, selected, none) {
  return [h('option', { value: '' }, none)].concat(Array.from(stacks.entries())
    .sort((a, b) => a[1].localeCompare(b[1]))
    .map(([id, name]) => h('option', { value: id, selected: id === selected }, name)));
}

export async function render(main, params, ctx) {
  const state = { stack: ctx.query.get('stack') || '', cursor: null, previous: [], next: null, items: [],
    boxes: new Set(), seq: 0, closed: false };
  const stacks = await liveStacks();

  /** A value box that is forgotten when the screen is left. */
  const box = (value, id, label) => {
    const b = valueBox(value, id, label, ctx.toast);
    state.boxes.add(b);
    return b;
  };

  // --- the create form
  const name = h('input', { type: 'text', id: 'secret-name', name: 'name', required: true, autocomplete: 'off',
    spellcheck: 'false', maxlength: '128', 'aria-describedby': 'secret-name-help secret-name-error' });
  const nameError = h('p', { class: 'error-text field-error', id: 'secret-name-error', 'aria-live': 'polite' });
  const chooser = valueChooser('Value');
  const stackSelect = h('select', { id: 'secret-stack', name: 'stack', 'aria-describedby': 'secret-stack-error' },
    stackOptions(stacks, state.stack, 'Any stack (global)'));
  const stackError = h('p', { class: 'error-text field-error', id: 'secret-stack-error', 'aria-live': 'polite' });
  const createError = h('p', { class: 'error-text', id: 'secret-create-error', role: 'alert' });
  const create = h('button', { type: 'submit', class: 'btn btn-primary', id: 'secret-create' }, 'Create the secret');
  const created = h('div', { id: 'secret-created', 'aria-live': 'polite' });
  const createErrors = fieldErrors({ name: nameError, value: chooser.errors.value, generate: chooser.errors.generate,
    stack: stackError }, createError);
  const form = h('form', { class: 'card secret-form', id: 'secret-form', 'aria-labelledby': 'secret-form-title' },
    h('h2', { id: 'secret-form-title' }, 'New secret'),
    h('div', { class: 'secret-form-grid' },
      h('div', { class: 'form-row' }, h('label', { for: 'secret-name' }, 'Name'), name,
        h('span', { class: 'muted small', id: 'secret-name-help' },
          'Lower-case letters, digits, ".", "_" and "-"; a definition names it in secrets: {external: true, name: ...}.'),
        nameError),
      h('div', { class: 'form-row' }, h('label', { for: 'secret-stack' }, 'Stack'), stackSelect,
        h('span', { class: 'muted small' }, 'Only that stack may use it; "any stack" makes it global.'), stackError),
      chooser.element),
    h('div', { class: 'toolbar' }, create), createError);

  // --- the list
  const filter = h('select', { id: 'secrets-stack-filter', 'aria-controls': 'secrets' },
    stackOptions(stacks, state.stack, 'Every stack'));
  const summary = h('span', { class: 'muted', id: 'secrets-summary', 'aria-live': 'polite' });
  const tbody = h('tbody');
  const tableWrap = h('div', { class: 'table-wrap' }, h('table', { id: 'secrets', class: 'secrets-table' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Stack'),
      h('th', { scope: 'col' }, 'Updated'), h('th', { scope: 'col' }, 'Actions'))),
    tbody));
  const empty = h('p', { class: 'card empty-state', id: 'secrets-empty', hidden: true });
  const listError = h('p', { class: 'error-text', id: 'secrets-error', role: 'alert' });
  const prev = h('button', { type: 'button', class: 'btn', id: 'secrets-prev', disabled: true }, '‹ Previous');
  const next = h('button', { type: 'button', class: 'btn', id: 'secrets-next', disabled: true }, 'Next ›');
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages of secrets' }, prev, next);

  replace(main, pageHeader('Secrets'), created, form,
    h('section', { class: 'secrets-section', 'aria-labelledby': 'secrets-title' },
      h('h2', { id: 'secrets-title' }, 'Stored secrets'),
      h('p', { class: 'muted' }, 'Values are encrypted at rest and never listed; revealing one is logged with who asked.'),
      h('div', { class: 'toolbar' }, h('label', { for: 'secrets-stack-filter' }, 'Stack'), filter, summary),
      listError, tableWrap, empty, pager));

  /** The generated value of a create or replace, shown this once in `where`; onDone() once the user is done. */
  function showOnce(where, secretName, value, id, onDone) {
    const b = box(value, id, 'Generated value of ' + secretName);
    const done = h('button', { type: 'button', class: 'btn btn-small', dataset: { action: 'done' } }, 'Done');
    const card = h('div', { class: 'notice secret-once', dataset: { secret: secretName } },
      h('p', {}, h('strong', {}, secretName), ' has a generated value. It is shown this once: copy it now.'),
      b.element, done);
    done.addEventListener('click', () => {
      b.forget();
      state.boxes.delete(b);
      card.remove();
      if (onDone) {
        onDone();
      }
    });
    replace(where, card);
  }

  // ------------------------------------------------------------------ rows

  function detailRow(item, ...content) {
    return h('tr', { class: 'secret-detail', dataset: { for: item.name } },
      h('td', { colspan: '4' }, content));
  }

  function closeDetail(row) {
    const open = row.nextElementSibling;
    if (open && open.classList.contains('secret-detail')) {
      (open.forget || (() => {}))();
      open.remove();
      return true;
    }
    return false;
  }

  async function reveal(item, row) {
    if (closeDetail(row)) {
      return;
    }
    try {
      const answer = await post('/secrets/' + enc(item.name) + '/reveal', {});
      const b = box(answer.value, 'reveal-' + item.name, 'Value of ' + item.name);
      const hide = h('button', { type: 'button', class: 'btn btn-small', dataset: { action: 'hide' } }, 'Forget');
      const detail = detailRow(item, h('div', { class: 'secret-revealed' }, b.element, hide));
      detail.forget = () => {
        b.forget();
        state.boxes.delete(b);
      };
      hide.addEventListener('click', () => closeDetail(row));
      row.after(detail);
    } catch (e) {
      ctx.toast('Cannot reveal ' + item.name + ': ' + errorText(e), 'error');
    }
  }

  function replaceForm(item, row) {
    if (closeDetail(row)) {
      return;
    }
    const chooserOf = valueChooser('New value of ' + item.name);
    const general = h('p', { class: 'error-text', role: 'alert' });
    const once = h('div');
    const errors = fieldErrors({ value: chooserOf.errors.value, generate: chooserOf.errors.generate }, general);
    const save = h('button', { type: 'submit', class: 'btn btn-primary', dataset: { action: 'save' } }, 'Replace');
    const cancel = h('button', { type: 'button', class: 'btn', dataset: { action: 'cancel' } }, 'Cancel');
    const f = h('form', { class: 'secret-replace' }, chooserOf.element,
      h('p', { class: 'muted small' }, 'Containers get the new value when they are next created (an apply that recreates'
        + ' them).'), h('div', { class: 'toolbar' }, save, cancel), general, once);
    const detail = detailRow(item, f);
    detail.forget = () => {
      chooserOf.reset();
    };
    cancel.addEventListener('click', () => closeDetail(row));
    f.addEventListener('submit', async (e) => {
      e.preventDefault();
      const problems = chooserOf.problems();
      if (problems.length) {
        errors.show(problems);
        return;
      }
      errors.clear();
      save.disabled = true;
      try {
        const answer = await call('PUT', '/secrets/' + enc(item.name), chooserOf.body());
        chooserOf.reset();
        ctx.toast('Replaced the value of ' + item.name + '.', 'ok');
        // the row says who updated it and when; the detail row stays under it while a generated value is shown
        const fresh = rowOf(answer);
        if (answer.value) {
          replace(f, once);
          showOnce(once, item.name, answer.value, 'replaced-' + item.name, () => detail.remove());
          row.replaceWith(fresh);
        } else {
          closeDetail(row);
          row.replaceWith(fresh);
        }
      } catch (err) {
        errors.show(err);
      } finally {
        save.disabled = false;
      }
    });
    row.after(detail);
    chooserOf.focus();
  }

  async function remove(item, row) {
    const ok = await confirmDialog('Delete ' + item.name + '?', [
      h('p', {}, 'The value is gone for good. A version that names ', h('strong', {}, item.name),
        ' fails to apply until a secret of that name exists again; running containers keep their file.')],
    'Delete ' + item.name, { danger: true });
    if (!ok) {
      return;
    }
    try {
      await call('DELETE', '/secrets/' + enc(item.name));
      closeDetail(row);
      ctx.toast('Deleted ' + item.name + '.', 'ok');
      await load();
    } catch (e) {
      ctx.toast('Cannot delete ' + item.name + ': ' + errorText(e), 'error');
    }
  }

  function rowOf(item) {
    const row = h('tr', { dataset: { name: item.name } },
      h('th', { scope: 'row', class: 'mono secret-name', 'data-label': 'Name' }, item.name),
      h('td', { 'data-label': 'Stack' }, item.stack ? stackLink(item.stack, stacks)
        : h('span', { class: 'muted' }, 'any (global)')),
      h('td', { 'data-label': 'Updated', class: 'small' }, fmtTime(item.updated_at),
        item.updated_by ? h('span', { class: 'muted' }, ' by ' + item.updated_by) : null));
    row.appendChild(h('td', { class: 'row-actions', 'data-label': 'Actions' },
      h('button', { type: 'button', class: 'btn btn-small', dataset: { action: 'reveal' },
        'aria-label': 'Reveal ' + item.name, onclick: () => reveal(item, row) }, 'Reveal'),
      h('button', { type: 'button', class: 'btn btn-small', dataset: { action: 'replace' },
        'aria-label': 'Replace the value of ' + item.name, onclick: () => replaceForm(item, row) }, 'Replace'),
      h('button', { type: 'button', class: 'btn btn-small', dataset: { action: 'delete' },
        'aria-label': 'Delete ' + item.name, onclick: () => remove(item, row) }, 'Delete')));
    return row;
  }

  // ------------------------------------------------------------------ loading

  function forgetAll() {
    state.boxes.forEach((b) => b.forget());
    state.boxes.clear();
  }

  async function load() {
    const seq = ++state.seq;
    const page = await get('/secrets' + query({ stack: state.stack, limit: PAGE_SIZE, cursor: state.cursor }));
    if (seq !== state.seq || state.closed) {
      return;
    }
    state.items = page.items;
    state.next = page.next_cursor;
    tbody.querySelectorAll('tr.secret-detail').forEach((d) => (d.forget || (() => {}))());
    replace(tbody, page.items.map(rowOf));
    replace(listError);
    const none = page.items.length === 0;
    tableWrap.hidden = none;
    empty.hidden = !none;
    replace(empty, state.stack ? 'No secret belongs to this stack.' : 'No secrets yet: create one above.');
    showPager({ summary, prev, next, pager }, state, page.items.length, PAGE_SIZE);
  }

  function showListError(e) {
    if (!state.closed) {
      replace(listError, 'Cannot read the secrets: ' + errorText(e));
    }
  }

  filter.addEventListener('change', () => {
    state.stack = filter.value;
    state.cursor = null;
    state.previous = [];
    // the filter is a stack id, never a value: it may stay in the URL
    history.replaceState(null, '', '#/secrets' + query({ stack: state.stack }));
    load().catch(showListError);
  });
  next.addEventListener('click', () => {
    state.previous.push(state.cursor);
    state.cursor = state.next;
    load().catch(showListError);
  });
  prev.addEventListener('click', () => {
    state.cursor = state.previous.pop() || null;
    load().catch(showListError);
  });

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const secretName = name.value.trim();
    const problems = [];
    if (!SECRET_NAME.test(secretName)) {
      problems.push({ path: 'name', message: secretName ? 'Use lower-case letters, digits, ".", "_" and "-", starting'
        + ' with a letter or a digit (at most 128).' : 'A name is required.' });
    }
    problems.push(...chooser.problems());
    if (problems.length) {
      createErrors.show(problems);
      return;
    }
    createErrors.clear();
    create.disabled = true;
    const body = Object.assign({ name: secretName }, chooser.body());
    if (stackSelect.value) {
      body.stack = stackSelect.value;
    }
    try {
      const answer = await post('/secrets', body);
      chooser.reset();
      name.value = '';
      ctx.toast('Created the secret ' + answer.name + '.', 'ok');
      if (answer.value) {
        showOnce(created, answer.name, answer.value, 'created-value');
      } else {
        replace(created);
      }
      await load();
    } catch (err) {
      if (err.status === 409) {
        createErrors.show([{ path: 'name', message: 'A secret named ' + secretName + ' exists already: choose another'
          + ' name, or replace its value in the list.' }]);
      } else {
        createErrors.show(err);
      }
    } finally {
      create.disabled = false;
    }
  });

  await load();
  return () => {
    state.closed = true;
    forgetAll();
    chooser.reset();
  };
}
