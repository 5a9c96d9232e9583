// Apply and roll back: the plan first (GET /stacks/{id}/plan/{version}, a dry run), shown in a confirm dialog; the
// command is enqueued only when the user confirms.
import { get, post, enc } from '../api.js';
import { h, confirmDialog, errorText } from '../dom.js';

const KIND_LABELS = {
  CREATE_NETWORK: 'create network', CREATE_VOLUME: 'create volume', CREATE: 'create', RECREATE: 'recreate',
  KEEP: 'keep', RESTART: 'restart', REMOVE: 'remove', REMOVE_NETWORK: 'remove network',
  RECREATE_NETWORK: 'recreate network', RECREATE_VOLUME: 'recreate volume',
};

function kindLabel(kind) {
  return KIND_LABELS[kind] || String(kind).toLowerCase().replace(/_/g, ' ');
}

/** The plan as nodes: a summary sentence and one row per action (kind, object, service, reasons). */
export function planNodes(plan, verb) {
  const counts = Object.entries(plan.summary || {}).filter(([, n]) => n > 0)
    .map(([k, n]) => n + ' ' + kindLabel(k.toUpperCase()));
  const rows = (plan.actions || []).map((a) => h('tr', { class: 'plan-action', dataset: { kind: a.kind,
    service: a.service || '' } },
  h('td', {}, h('span', { class: 'plan-kind plan-kind-' + a.kind.toLowerCase() }, kindLabel(a.kind))),
  h('td', { class: 'mono' }, a.name || ''),
  h('td', {}, a.service || ''),
  h('td', {}, (a.reasons || []).length ? h('ul', { class: 'plan-reasons' }, a.reasons.map((r) => h('li', {}, r)))
    : h('span', { class: 'muted' }, '—'))));
  return [
    h('p', { class: 'plan-summary', id: 'plan-summary' }, plan.unchanged
      ? 'Nothing changes in Docker: every container already matches ' + plan.version + '. ' + verb
        + ' still records it as the current version.'
      : verb + ' ' + plan.version + ' of ' + plan.stack_name + ' would: ' + counts.join(', ') + '.'),
    rows.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'plan-table', id: 'plan-actions' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Action'), h('th', { scope: 'col' }, 'Object'),
        h('th', { scope: 'col' }, 'Service'), h('th', { scope: 'col' }, 'Why'))),
      h('tbody', {}, rows))) : null,
    Object.keys(plan.disabled || {}).length ? h('p', { class: 'plan-disabled', id: 'plan-disabled' },
      'Not deployed (none of their profiles is active): ' + Object.entries(plan.disabled)
        .map(([service, profiles]) => service + ' (' + profiles.join(', ') + ')').join(', ') + '.') : null,
    h('p', { class: 'muted' }, 'Nothing is enqueued until you confirm. The command runs in the queue, after the commands'
      + ' already waiting.'),
  ];
}

/**
 * Fetches the plan of `version`, shows it, and on confirmation enqueues the apply (kind 'apply') or the rollback
 * ('rollback'). Resolves the queued command, or null (cancelled, or the plan could not be computed: onError(text)).
 */
export async function planThenRun(stackId, version, kind, onError) {
  const verb = kind === 'rollback' ? 'Rolling back to' : 'Applying';
  let plan;
  try {
    plan = await get('/stacks/' + enc(stackId) + '/plan/' + enc(version));
  } catch (e) {
    onError(e.status === 503
      ? 'The plan of ' + version + ' cannot be computed: Docker does not answer (' + errorText(e) + '). Nothing was'
        + ' enqueued; try again when Docker is back.'
      : 'The plan of ' + version + ' cannot be computed: ' + errorText(e) + '. Nothing was enqueued.');
    return null;
  }
  const title = kind === 'rollback' ? 'Roll back to ' + version + '?' : 'Apply ' + version + '?';
  const ok = await confirmDialog(title, planNodes(plan, verb),
    kind === 'rollback' ? 'Roll back to ' + version : 'Apply ' + version, { danger: kind === 'rollback' });
  if (!ok) {
    return null;
  }
  try {
    return await post('/stacks/' + enc(stackId) + '/' + kind + '/' + enc(version), {});
  } catch (e) {
    onError('Not enqueued: ' + errorText(e));
    return null;
  }
}
