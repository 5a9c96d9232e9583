// The queue panel of #/commands: GET /queue (running command, pending count, halt with its reason, what the worker
// waits for, the worker and its lease, the policies).
import { get, enc } from '../api.js';
import { h, replace, badge, errorText } from '../dom.js';
import { commandActions, stackLink, typeLabel } from './commands-common.js';

/**
 * A queue panel; refresh() reads /queue again (calls made while one is under way are folded into one more).
 * names() gives the stack names map.
 */
export function queuePanel(ctx, names, onCommandChanged) {
  const body = h('div', { class: 'queue-body' }, h('p', { class: 'loading' }, 'Loading the queue…'));
  const el = h('section', { class: 'card queue-panel', id: 'queue', 'aria-labelledby': 'queue-title' },
    h('h2', { id: 'queue-title' }, 'Queue'), body);
  let busy = false;
  let again = false;

  function fact(label, ...value) {
    return h('div', { class: 'queue-fact' }, h('dt', {}, label), h('dd', {}, value));
  }

  function show(q) {
    const facts = [];
    const running = q.running;
    facts.push(fact('Running', running
      ? h('span', { id: 'queue-running', dataset: { commandId: String(running.command_id) } },
        h('a', { href: '#/commands/' + enc(running.command_id) }, '#' + running.command_id), ' ',
        typeLabel(running.type), ' of ', stackLink(running.stack_id, names()))
      : h('span', { id: 'queue-running', class: 'muted' }, 'nothing')));
    facts.push(fact('Pending', h('span', { id: 'queue-pending' }, String(q.pending))));
    facts.push(fact('Worker', badge(q.worker_running ? 'UP' : 'DOWN', q.worker_running ? 'the worker runs' : 'no worker'),
      q.lease_owner ? h('span', { class: 'muted mono queue-lease' }, ' lease ' + q.lease_owner) : null));
    facts.push(fact('Policies', h('span', { class: 'muted' }, 'on failure ' + String(q.on_failure).toLowerCase()
      + ', on crash ' + String(q.on_crash).toLowerCase() + ', ' + q.max_attempts + ' attempts')));
    const alerts = [];
    if (q.halted_by !== null && q.halted_by !== undefined) {
      const halted = { command_id: q.halted_by, status: 'FAILED', type: '' };
      alerts.push(h('div', { class: 'queue-halt', id: 'queue-halt', role: 'alert', dataset: { commandId: String(q.halted_by) } },
        h('div', { class: 'queue-halt-text' },
          h('strong', {}, 'Queue halted'), ' by failed command ',
          h('a', { href: '#/commands/' + enc(q.halted_by) }, '#' + q.halted_by), ': ',
          h('span', { class: 'queue-halt-reason' }, q.halt_reason || 'no reason given'),
          h('div', { class: 'muted' }, 'Retry it, or cancel it to let the next command run.')),
        h('div', { class: 'queue-halt-actions' }, commandActions(halted, ctx, (c) => {
          onCommandChanged(c);
          refresh();
        }))));
    }
    if (q.waiting_for) {
      alerts.push(h('div', { class: 'queue-waiting', id: 'queue-waiting', role: 'status' },
        h('strong', {}, 'Waiting: '), q.waiting_for));
    }
    replace(body, alerts, h('dl', { class: 'queue-facts' }, facts));
  }

  async function refresh() {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      do {
        again = false;
        show(await get('/queue'));
      } while (again);
    } catch (e) {
      replace(body, h('p', { class: 'error-text' }, 'Cannot read the queue: ' + errorText(e)));
    } finally {
      busy = false;
    }
  }

  return { el, refresh };
}
