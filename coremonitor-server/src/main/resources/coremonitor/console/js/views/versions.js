// #/stacks/ID/versions: the history of a stack's versions (which one is current), a side-by-side diff of any two, and
// Apply / Roll back, each showing the plan first. Live: command events of this stack update the page.
import { get, enc, query } from '../api.js';
import { h, replace, badge, fmtTime, ago, pageHeader, errorText } from '../dom.js';
import { yamlSorted, sideBySide, fieldSummary } from './versions-diff.js';
import { planThenRun } from './versions-plan.js';
import { need } from '../libs.js';

const num = (v) => Number(String(v || '').replace(/^v/, '')) || 0;
const TERMINAL = ['DONE', 'FAILED', 'CANCELLED'];
const PAGE = 200;
/** A new version has no event: the stack is read this often and the table again when its latest version changed. */
const LATEST_POLL_MS = 15000;

export async function render(main, params, ctx) {
  await need('diff', 'js-yaml');
  const id = params.id;
  let stack = await get('/stacks/' + enc(id));
  let versions = await loadVersions();
  const definitions = new Map(); // version -> compose (versions never change)
  const queued = new Map(); // command_id -> {verb, version} queued from this page

  async function loadVersions() {
    const all = [];
    let cursor = null;
    do {
      const page = await get('/stacks/' + enc(id) + '/versions' + query({ limit: PAGE, cursor }));
      all.push(...page.items);
      cursor = page.next_cursor;
    } while (cursor && all.length < 5000);
    return all;
  }

  const tableBody = h('tbody', {});
  const commandBox = h('div', { class: 'command-status', id: 'command-status', 'aria-live': 'polite' });
  const errorBox = h('p', { class: 'error-text', id: 'plan-error', role: 'alert' });
  const leftSelect = h('select', { id: 'diff-left', name: 'left' });
  const rightSelect = h('select', { id: 'diff-right', name: 'right' });
  const summary = h('div', { id: 'diff-fields', class: 'diff-fields' });
  const diffBox = h('div', { class: 'diff-wrap', id: 'diff-box' });
  const compareBar = h('div', { class: 'toolbar' });
  const currentText = h('span', { id: 'current-version' });

  const header = pageHeader('Versions of ' + stack.name,
    h('a', { class: 'btn', href: '#/stacks/' + enc(id) }, 'Stack'),
    stack.deleted_at ? null : h('a', { class: 'btn btn-primary', href: '#/stacks/' + enc(id) + '/edit', id: 'edit' },
      'Edit the definition'));

  replace(main, header,
    h('p', { class: 'muted' }, currentText),
    commandBox, errorBox,
    h('div', { class: 'table-wrap versions-wrap' }, h('table', { class: 'versions-table', id: 'versions' },
      h('caption', { class: 'sr-only' }, 'Versions of ' + stack.name + ', newest first'),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Version'), h('th', { scope: 'col' }, 'Author'), h('th', { scope: 'col' }, 'Date'),
        h('th', { scope: 'col' }, 'Comment'), h('th', { scope: 'col' }, 'Status'),
        h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, 'Actions')))),
      tableBody)),
    h('section', { class: 'diff-section', id: 'compare', 'aria-labelledby': 'compare-title' },
      h('h2', { id: 'compare-title' }, 'Compare two versions'),
      replace(compareBar,
        h('label', { for: 'diff-left' }, 'From'), leftSelect,
        h('label', { for: 'diff-right' }, 'to'), rightSelect,
        h('button', { type: 'button', class: 'btn btn-small', id: 'diff-swap', onclick: () => {
          const l = leftSelect.value;
          leftSelect.value = rightSelect.value;
          rightSelect.value = l;
          showDiff();
        } }, 'Swap')),
      summary, diffBox));

  // --- the history table
  function renderTable() {
    const current = stack.current_version;
    replace(currentText, current ? ['Current version: ', h('strong', {}, current),
      ' (the one the stack was last converged to). Latest: ', stack.latest_version, '.']
      : ['No version applied yet. Latest: ', stack.latest_version, '.']);
    replace(tableBody, versions.map((v) => {
      const meta = v.metadata || {};
      const isCurrent = v.version === current;
      const older = current && num(v.version) < num(current);
      const actions = [];
      if (!stack.deleted_at) {
        actions.push(h('button', { type: 'button', class: 'btn btn-small', dataset: { action: 'apply' },
          'aria-label': 'Apply ' + v.version, onclick: () => run(v.version, 'apply') }, 'Apply'));
        if (older) {
          actions.push(h('button', { type: 'button', class: 'btn btn-small', dataset: { action: 'rollback' },
            'aria-label': 'Roll back to ' + v.version, onclick: () => run(v.version, 'rollback') }, 'Roll back'));
        }
      }
      if (num(v.version) > 1) {
        actions.push(h('button', { type: 'button', class: 'btn btn-small', dataset: { action: 'compare' },
          'aria-label': 'Compare ' + v.version + ' with the version before', onclick: () => {
            rightSelect.value = v.version;
            leftSelect.value = previousOf(v.version);
            showDiff();
            document.getElementById('compare').scrollIntoView({ block: 'start' });
          } }, 'Changes'));
      }
      const st = v.status;
      return h('tr', { dataset: { version: v.version, current: String(isCurrent) }, class: isCurrent ? 'is-current' : '' },
        h('th', { scope: 'row' }, h('span', { class: 'mono' }, v.version),
          isCurrent ? [' ', h('span', { class: 'current-marker', title: 'the current version' }, 'current')] : null,
          v.version === stack.latest_version && !isCurrent ? [' ', h('span', { class: 'latest-marker' }, 'latest')] : null),
        h('td', {}, meta.created_by || ''),
        h('td', { title: meta.created_at || '' }, fmtTime(meta.created_at), h('br'),
          h('span', { class: 'muted' }, ago(meta.created_at))),
        h('td', { class: 'version-comment' }, meta.comment || h('span', { class: 'muted' }, '—')),
        h('td', {}, st ? [badge(st.actual || st.desired, st.reason || ('desired ' + st.desired)),
          st.reason ? h('div', { class: 'muted small' }, st.reason) : null] : h('span', { class: 'muted' }, 'never applied')),
        h('td', { class: 'row-actions' }, actions));
    }));
  }

  function previousOf(version) {
    const older = versions.filter((v) => num(v.version) < num(version));
    return older.length ? older[0].version : version;
  }

  function fillSelects() {
    const keepL = leftSelect.value;
    const keepR = rightSelect.value;
    const options = () => versions.map((v) => h('option', { value: v.version }, v.version
      + (v.version === stack.current_version ? ' (current)' : '')
      + ((v.metadata || {}).comment ? ' — ' + v.metadata.comment.slice(0, 40) : '')));
    replace(leftSelect, options());
    replace(rightSelect, options());
    if (keepL) {
      leftSelect.value = keepL;
      rightSelect.value = keepR;
    }
  }

  // --- the diff
  async function definition(version) {
    if (!definitions.has(version)) {
      const v = await get('/stacks/' + enc(id) + '/versions/' + enc(version));
      definitions.set(version, v.compose);
    }
    return definitions.get(version);
  }

  let diffSeq = 0;
  async function showDiff() {
    const left = leftSelect.value;
    const right = rightSelect.value;
    const seq = ++diffSeq;
    compareBar.hidden = versions.length < 2;
    if (!left || !right || versions.length < 2) {
      replace(summary);
      replace(diffBox, h('p', { class: 'muted' }, 'Only one version: nothing to compare yet.'));
      return;
    }
    replace(diffBox, h('p', { class: 'loading' }, 'Loading…'));
    try {
      const [a, b, fields] = await Promise.all([definition(left), definition(right),
        left === right ? Promise.resolve({ identical: true })
          : get('/stacks/' + enc(id) + '/versions/' + enc(right) + '/diff' + query({ against: left }))]);
      if (seq !== diffSeq) {
        return;
      }
      fieldSummary(fields, summary);
      replace(diffBox, sideBySide(yamlSorted(a), yamlSorted(b), left, right));
    } catch (e) {
      if (seq === diffSeq) {
        replace(diffBox, h('p', { class: 'error-text' }, 'Cannot compare: ' + errorText(e)));
      }
    }
  }
  leftSelect.addEventListener('change', showDiff);
  rightSelect.addEventListener('change', showDiff);

  // --- apply / roll back
  function showCommand(cmd) {
    const q = queued.get(cmd.command_id);
    if (!q) {
      return;
    }
    replace(commandBox, h('div', { class: 'card command-card', dataset: { commandId: String(cmd.command_id) } },
      h('span', {}, q.verb + ' ', h('strong', {}, q.version), ':'),
      h('a', { href: '#/commands/' + cmd.command_id }, 'command #' + cmd.command_id), badge(cmd.status),
      cmd.error ? h('span', { class: 'error-text' }, ' ' + cmd.error) : null));
  }

  async function run(version, kind) {
    replace(errorBox);
    const cmd = await planThenRun(id, version, kind, (text) => replace(errorBox, text));
    if (!cmd) {
      return;
    }
    queued.set(cmd.command_id, { verb: kind === 'rollback' ? 'Roll back to' : 'Apply', version });
    showCommand(cmd);
    ctx.toast((kind === 'rollback' ? 'Rollback to ' : 'Apply of ') + version + ' queued: command #' + cmd.command_id
      + '.', 'ok');
  }

  async function refresh() {
    try {
      stack = await get('/stacks/' + enc(id));
      versions = await loadVersions();
      renderTable();
      fillSelects();
    } catch (e) {
      replace(errorBox, 'Cannot refresh the versions: ' + errorText(e));
    }
  }

  renderTable();
  fillSelects();
  const from = ctx.query.get('from');
  const to = ctx.query.get('to');
  if (versions.length >= 2) {
    rightSelect.value = to && versions.some((v) => v.version === to) ? to : versions[0].version;
    leftSelect.value = from && versions.some((v) => v.version === from) ? from : previousOf(rightSelect.value);
  }
  await showDiff();

  // live: the command events of this stack (status changes); a finished one changes the current version and the
  // versions' statuses, so the table is read again then (versions are not otherwise announced by an event)
  const off = ctx.events.on((name, data) => {
    if (name !== 'command' || !data || data.stack_id !== id) {
      return;
    }
    showCommand(data);
    if (TERMINAL.includes(data.status) || data.status === 'RUNNING') {
      refresh();
    }
  });
  const poll = setInterval(async () => {
    if (document.hidden) {
      return;
    }
    try {
      const now = await get('/stacks/' + enc(id));
      if (now.latest_version !== stack.latest_version || now.current_version !== stack.current_version) {
        refresh();
      }
    } catch (e) {
      console.warn('cannot read the stack', e);
    }
  }, LATEST_POLL_MS);
  return () => {
    off();
    clearInterval(poll);
  };
}
