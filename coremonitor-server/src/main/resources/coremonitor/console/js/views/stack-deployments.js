// The stack's deployment history (GET /stacks/{id}/deployments, newest first): number, service, artifact, path,
// status (the error on hover and in a disclosure), who and when, and a Redeploy button per row (confirmed first).
import { get, post, enc } from '../api.js';
import { h, replace, badge, confirmDialog, errorText, fmtTime, ago } from '../dom.js';

const SHOWN = 20;
const REFRESH_DEBOUNCE_MS = 300;

/** The table. onQueued(command, label) shows a queued command on the page. Returns { el, refresh(), refreshSoon(), close() }. */
export function deploymentsTable(stack, ctx, onQueued) {
  const path = '/stacks/' + enc(stack.id);
  const tbody = h('tbody', {});
  const empty = h('p', { class: 'muted', id: 'deployments-empty', hidden: true }, 'No deployments yet.');
  const more = h('p', { class: 'muted', id: 'deployments-more', hidden: true }, 'The newest ' + SHOWN + ' are shown.');
  const problem = h('p', { class: 'error-text', role: 'alert', hidden: true });
  const el = h('div', { class: 'deployments' },
    h('h3', { id: 'deployments-title' }, 'Deployments'),
    h('div', { class: 'table-wrap' }, h('table', { class: 'deploy-table', id: 'deployments',
      'aria-labelledby': 'deployments-title' },
    h('thead', {}, h('tr', {}, ['#', 'Service', 'Artifact', 'Path', 'Status', 'By', 'When', '']
      .map((t) => h('th', { scope: 'col' }, t)))), tbody)),
    empty, more, problem);
  let debounce = null;
  let closed = false;

  async function redeploy(d, button) {
    const what = (d.artifact_name || d.artifact.slice(0, 12)) + ' into ' + d.service;
    const ok = await confirmDialog('Redeploy #' + d.number + '?', [
      h('p', {}, 'Deploys ', h('strong', {}, d.artifact_name || 'artifact'), ' (', h('span', { class: 'mono' },
        d.artifact.slice(0, 12)), ') into ', h('strong', {}, d.service), ' at ', h('span', { class: 'mono' }, d.path),
      ' again, with the same check.')], 'Redeploy');
    if (!ok) {
      return;
    }
    button.disabled = true;
    try {
      const command = await post(path + '/deployments/' + d.number + '/redeploy');
      onQueued(command, 'Redeploy #' + d.number + ': ' + what);
      refresh();
    } catch (e) {
      ctx.toast('Redeploy refused: ' + errorText(e), 'error');
      button.disabled = false;
    }
  }

  function row(d) {
    const cell = (label, ...content) => h('td', { dataset: { label } }, content);
    const status = d.error ? [badge(d.status, d.error), h('details', { class: 'deploy-error' },
      h('summary', {}, 'error'), h('p', { class: 'error-text' }, d.error))] : badge(d.status);
    return h('tr', { dataset: { number: String(d.number), status: d.status, service: d.service } },
      cell('#', h('a', { href: '#/commands/' + d.command_id, title: 'command #' + d.command_id }, String(d.number))),
      cell('Service', d.service),
      cell('Artifact', h('span', { class: 'artifact-name' }, d.artifact_name || '—'), ' ',
        h('span', { class: 'mono muted', title: d.artifact }, d.artifact.slice(0, 12))),
      cell('Path', h('span', { class: 'mono' }, d.path)),
      cell('Status', status),
      cell('By', d.actor),
      cell('When', h('span', { title: fmtTime(d.created_at) }, ago(d.created_at))),
      cell('', h('button', { type: 'button', class: 'btn btn-small', dataset: { action: 'redeploy' },
        'aria-label': 'Redeploy #' + d.number, onclick: (e) => redeploy(d, e.currentTarget) }, 'Redeploy')));
  }

  async function refresh() {
    try {
      const page = await get(path + '/deployments?limit=' + SHOWN);
      if (closed) {
        return;
      }
      const items = page.items || [];
      replace(tbody, items.map(row));
      empty.hidden = items.length > 0;
      more.hidden = !page.next_cursor;
      problem.hidden = true;
    } catch (e) {
      problem.hidden = false;
      replace(problem, 'Cannot read the deployments: ' + errorText(e));
    }
  }

  return {
    el,
    refresh,
    refreshSoon() {
      clearTimeout(debounce);
      debounce = setTimeout(refresh, REFRESH_DEBOUNCE_MS);
    },
    close() {
      closed = true;
      clearTimeout(debounce);
    },
  };
}
