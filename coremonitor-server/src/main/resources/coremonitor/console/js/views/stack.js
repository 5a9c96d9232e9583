// #/stacks/ID: one stack. Header (state, versions, drift, edit/versions/delete), the services with their actions, the
// Deploy panel and deployment history (when a service takes artifacts), the combined logs of every service, and
// CPU/memory/network charts. Live: the table refreshes on the shared /events feed (the `command` events of this
// stack's commands, its `container` and `drift` events), the deployments on its DEPLOY_ARTIFACT command events; the
// logs are SSE streams; the charts poll (there is no stats event).
import { get, post, enc } from '../api.js';
import { h, replace, badge, confirmDialog, errorText, pageHeader, fmtTime } from '../dom.js';
import { servicesTable } from './stack-services.js';
import { logsPanel, colourClass } from './stack-logs.js';
import { chartsPanel } from './stack-charts.js';
import { deployPanel } from './stack-deploy.js';
import { need } from '../libs.js';

const REFRESH_DEBOUNCE_MS = 400;
const FINAL = ['DONE', 'FAILED', 'CANCELLED'];
const ACTION_LABEL = { start: 'Start', stop: 'Stop', restart: 'Restart' };

export async function render(main, params, ctx) {
  await need('uplot');
  const id = params.id;
  let stack = await get('/stacks/' + enc(id));
  const path = '/stacks/' + enc(id);

  // colours: a fixed palette by the order the services were first seen (sorted names)
  const colours = new Map();
  const colourOf = (service) => {
    if (!colours.has(service)) {
      colours.set(service, colourClass(colours.size));
    }
    return colours.get(service);
  };

  const stateBadge = h('span', { id: 'stack-state' }, badge(stack.deleted_at ? 'DELETED' : 'UNKNOWN'));
  const meta = h('p', { class: 'stack-meta', id: 'stack-meta' });
  const problem = h('p', { class: 'error-text', id: 'stack-error', role: 'alert', hidden: true });
  const commandList = h('ul', { class: 'stack-commands', id: 'stack-commands', 'aria-live': 'polite' });
  const deleteButton = h('button', { type: 'button', class: 'btn btn-danger', id: 'stack-delete' }, 'Delete');
  const header = pageHeader([h('span', { id: 'stack-name' }, stack.name), ' ', stateBadge],
    stack.deleted_at ? null : h('a', { class: 'btn', href: '#/stacks/' + enc(id) + '/edit', id: 'stack-edit' }, 'Edit'),
    h('a', { class: 'btn', href: '#/stacks/' + enc(id) + '/versions', id: 'stack-versions' }, 'Versions'),
    stack.deleted_at ? null : h('a', { class: 'btn', href: '#/secrets?stack=' + enc(id), id: 'stack-secrets' }, 'Secrets'),
    stack.deleted_at ? null : deleteButton);

  function renderMeta(status) {
    const parts = [];
    parts.push(h('span', {}, 'Current version ', h('strong', { id: 'stack-current' }, stack.current_version || 'none')));
    if (stack.latest_version && stack.latest_version !== stack.current_version) {
      parts.push(h('span', {}, 'latest ', h('a', { href: '#/stacks/' + enc(id) + '/versions', id: 'stack-latest' },
        stack.latest_version), ' (not applied)'));
    } else {
      parts.push(h('span', {}, 'latest ', h('span', { id: 'stack-latest' }, stack.latest_version || '—')));
    }
    if (status) {
      const drifted = status.drifted;
      const why = Object.entries(status.services || {}).filter(([, s]) => s.drift).map(([n, s]) => n + ': ' + s.drift);
      parts.push(h('span', { id: 'stack-drift', dataset: { drifted: String(Boolean(drifted)) } },
        drifted ? h('span', { class: 'badge badge-degraded', title: why.join('\n') || null }, 'DRIFTED')
          : h('span', { class: 'muted' }, 'no drift')));
      parts.push(h('span', { class: 'muted' }, 'desired ' + status.desired));
    }
    parts.push(h('span', { class: 'muted' }, 'updated ' + fmtTime(stack.updated_at)));
    replace(meta, parts.map((p, i) => (i === 0 ? p : [h('span', { class: 'sep', 'aria-hidden': 'true' }, ' · '), p])));
  }
  renderMeta(null);

  if (stack.deleted_at) {
    replace(main, header, meta, h('p', { class: 'card' }, 'This stack was deleted on ' + fmtTime(stack.deleted_at)
      + '. Its versions stay readable.'));
    return null;
  }

  // commands this page queued: id -> {label, li}; statuses heard before the POST answered wait in `heard`
  const tracked = new Map();
  const heard = new Map();

  function showCommand(entry, status, error) {
    entry.li.dataset.status = status;
    const verb = { PENDING: 'queued', RUNNING: 'running', DONE: 'done', FAILED: 'failed', CANCELLED: 'cancelled' }[status]
      || status.toLowerCase();
    replace(entry.li, entry.label + ' ' + verb + ': ',
      h('a', { href: '#/commands/' + entry.id }, 'command #' + entry.id), ' ', badge(status),
      error ? h('span', { class: 'error-text' }, ' ' + error) : null);
  }

  function track(command, label) {
    const entry = { id: command.command_id, label, li: h('li', { dataset: { commandId: String(command.command_id) } }) };
    tracked.set(entry.id, entry);
    commandList.prepend(entry.li);
    while (commandList.children.length > 5) {
      const last = commandList.lastElementChild;
      tracked.delete(Number(last.dataset.commandId));
      last.remove();
    }
    const early = heard.get(entry.id);
    showCommand(entry, early ? early.status : command.status, early ? early.error : command.error);
    if (early && FINAL.includes(early.status)) {
      scheduleRefresh();
    }
  }

  const services = servicesTable(colourOf, runAction);
  const logs = logsPanel({ id, name: stack.name }, colourOf);
  const charts = chartsPanel({ id }, colourOf);
  const deploy = deployPanel({ id, name: stack.name }, ctx, track);

  async function runAction(action, service, button) {
    const label = ACTION_LABEL[action] + ' ' + (service || 'all');
    if (action === 'stop') {
      const ok = await confirmDialog(service ? 'Stop ' + service + '?' : 'Stop every service?',
        [h('p', {}, service ? 'The container of ' + service + ' stops; it keeps its data and can be started again.'
          : 'Every container of ' + stack.name + ' stops; they keep their data and can be started again.')],
        service ? 'Stop ' + service : 'Stop all', { danger: true });
      if (!ok) {
        return;
      }
    }
    if (button) {
      button.disabled = true;
    }
    try {
      const command = await post(path + '/actions/' + action, service ? { services: [service] } : {});
      track(command, label);
    } catch (e) {
      ctx.toast(label + ' refused: ' + errorText(e), 'error');
      if (button) {
        button.disabled = false;
      }
    }
  }

  deleteButton.addEventListener('click', async () => {
    const volumes = h('input', { type: 'checkbox', id: 'delete-volumes' });
    const ok = await confirmDialog('Delete ' + stack.name + '?', [
      h('p', {}, 'Its containers and networks are removed. Its versions stay readable.'),
      h('label', { for: 'delete-volumes', class: 'check' }, volumes, ' Also remove its volumes (their data is lost)')],
    'Delete stack', { danger: true });
    if (!ok) {
      return;
    }
    try {
      const command = await post(path + '/delete', { remove_volumes: volumes.checked });
      ctx.toast('Delete queued: command #' + command.command_id, 'ok');
      ctx.navigate('#/commands/' + command.command_id);
    } catch (e) {
      ctx.toast('Delete refused: ' + errorText(e), 'error');
    }
  });

  let closed = false;
  let refreshing = false;
  let again = false;
  let debounce = null;

  async function refresh() {
    if (closed) {
      return;
    }
    if (refreshing) {
      again = true;
      return;
    }
    refreshing = true;
    try {
      const [s, status, containers] = await Promise.all([get(path), get(path + '/status?detail=true'),
        get(path + '/containers')]);
      if (closed) {
        return;
      }
      if (s.deleted_at) {
        ctx.navigate('#/stacks/' + enc(id)); // deleted meanwhile: the view shows it as deleted, without streams
        return;
      }
      stack = s;
      deploy.setVersion(s.current_version).catch((e) => {
        ctx.toast('Cannot read the deploy targets of ' + s.current_version + ': ' + errorText(e), 'error');
      });
      [...Object.keys(status.services || {})].sort().forEach(colourOf);
      replace(stateBadge, badge(status.actual, 'desired ' + status.desired));
      renderMeta(status);
      services.update(status, containers.items);
      const byService = new Map((containers.items || []).map((c) => [c.service, c]));
      logs.sync(Object.entries(status.services || {}).map(([name, st]) => ({
        name,
        containerId: st.container_id || (byService.get(name) || {}).id || null,
        running: st.state === 'running',
        startedAt: st.started_at || null,
      })));
      charts.setServices(Object.keys(status.services || {}).sort());
      problem.hidden = true;
    } catch (e) {
      problem.hidden = false;
      replace(problem, 'Cannot read the state of the stack: ' + errorText(e));
    } finally {
      refreshing = false;
    }
    if (again) {
      again = false;
      refresh();
    }
  }

  function scheduleRefresh() {
    clearTimeout(debounce);
    debounce = setTimeout(refresh, REFRESH_DEBOUNCE_MS);
  }

  const off = ctx.events.on((name, data) => {
    if (name === 'hello' || (name === 'docker' && data && data.status === 'CONNECTED')) {
      scheduleRefresh(); // the feed (or Docker's) was reconnected: catch up with what may have been missed
      return;
    }
    if (!data || data.stack_id !== id) {
      return;
    }
    if (name === 'command') {
      const entry = tracked.get(data.command_id);
      if (entry) {
        showCommand(entry, data.status, data.error);
      } else {
        heard.set(data.command_id, { status: data.status, error: data.error });
      }
      if (FINAL.includes(data.status)) {
        scheduleRefresh();
      }
      deploy.onCommand(data);
    } else if (name === 'container' || name === 'drift' || name === 'self_heal') {
      scheduleRefresh();
    }
  });

  replace(main, header, meta, problem, commandList, services.el, deploy.el, logs.el, charts.el);
  await refresh();

  return () => {
    closed = true;
    clearTimeout(debounce);
    off();
    services.close();
    logs.close();
    charts.close();
    deploy.close();
  };
}
