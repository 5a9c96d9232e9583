// What the Commands, Command and Events screens share: the enums of docs/API.md, stack names, a command's
// Cancel/Retry buttons, durations.
import { get, post, query, enc } from '../api.js';
import { h, confirmDialog, errorText, fmtDuration } from '../dom.js';

export const COMMAND_STATUSES = ['PENDING', 'RUNNING', 'DONE', 'FAILED', 'CANCELLED'];
export const COMMAND_TYPES = ['APPLY_STACK_VERSION', 'ROLLBACK_STACK_VERSION', 'DELETE_STACK', 'RUNTIME_ACTION',
  'DEPLOY_ARTIFACT'];
export const ENDED = ['DONE', 'FAILED', 'CANCELLED'];

/** "APPLY_STACK_VERSION" -> "apply stack version". */
export function typeLabel(type) {
  return String(type || '').toLowerCase().replace(/_/g, ' ');
}

/**
 * Every stack, deleted ones included (old commands name them), as a Map stack_id -> name. Pages of 500 are followed
 * to the end. The answer is shared by the calls made within a few seconds of each other.
 */
let stacksCache = null;
export function stackNames(fresh) {
  if (stacksCache && !fresh && Date.now() - stacksCache.at < 5000) {
    return stacksCache.promise;
  }
  const promise = (async () => {
    const names = new Map();
    let cursor = null;
    do {
      const page = await get('/stacks' + query({ include_deleted: true, limit: 500, cursor }));
      page.items.forEach((s) => names.set(s.stack_id, s.name + (s.deleted_at ? ' (deleted)' : '')));
      cursor = page.next_cursor;
    } while (cursor);
    return names;
  })();
  stacksCache = { at: Date.now(), promise };
  promise.catch(() => { stacksCache = null; });
  return promise;
}

/** A link to a stack, by its name when known. */
export function stackLink(stackId, names) {
  if (!stackId) {
    return h('span', { class: 'muted' }, '—');
  }
  const name = names && names.get(stackId);
  return h('a', { href: '#/stacks/' + enc(stackId), class: 'stack-link', title: name || stackId, dataset: { stackId } },
    name || stackId);
}

/** How long a command ran (or has been running), as text; '' when it has not started. */
export function commandDuration(c) {
  if (!c.started_at) {
    return '';
  }
  const end = c.ended_at ? new Date(c.ended_at).getTime() : Date.now();
  return fmtDuration(Math.max(0, Math.round((end - new Date(c.started_at).getTime()) / 1000)));
}

/** Which actions the API allows on a command in this status (POST /commands/{id}/cancel and /retry). */
export function allowedActions(status) {
  return {
    cancel: status === 'PENDING' || status === 'FAILED' || status === 'RUNNING',
    retry: status === 'FAILED',
  };
}

/**
 * The Cancel and Retry buttons of a command, as allowed by its status. onChanged(command) gets the command the API
 * answered. Cancel asks first (a RUNNING command is only asked to stop: it ends cooperatively).
 */
export function commandActions(c, ctx, onChanged, options) {
  const small = options && options.small ? ' btn-small' : '';
  const allowed = allowedActions(c.status);
  const buttons = [];
  if (allowed.retry) {
    buttons.push(h('button', { type: 'button', class: 'btn btn-primary' + small, dataset: { action: 'retry' },
      'aria-label': 'Retry command ' + c.command_id,
      onclick: (e) => act(e.currentTarget, c, 'retry', ctx, onChanged) }, 'Retry'));
  }
  if (allowed.cancel) {
    buttons.push(h('button', { type: 'button', class: 'btn btn-danger' + small, dataset: { action: 'cancel' },
      'aria-label': 'Cancel command ' + c.command_id,
      onclick: (e) => act(e.currentTarget, c, 'cancel', ctx, onChanged) }, 'Cancel'));
  }
  return buttons;
}

async function act(button, c, action, ctx, onChanged) {
  if (action === 'cancel') {
    const running = c.status === 'RUNNING';
    const ok = await confirmDialog('Cancel command ' + c.command_id + '?', [
      h('p', {}, (c.type ? typeLabel(c.type) + ', ' : 'Status: ') + c.status.toLowerCase() + '.'),
      h('p', {}, running ? 'A running command is asked to stop: it ends at its next step.'
        : c.status === 'FAILED' ? 'The queue halted on it goes on with the next command.'
          : 'It will not run.'),
    ], running ? 'Request cancel' : 'Cancel command', { danger: true });
    if (!ok) {
      return;
    }
  }
  button.disabled = true;
  try {
    const answer = await post('/commands/' + enc(c.command_id) + '/' + action);
    if (action === 'retry') {
      ctx.toast('Command ' + c.command_id + ' queued again (attempt ' + answer.attempt + ')', 'ok');
    } else if (answer.status === 'RUNNING') {
      ctx.toast('Cancel requested: command ' + c.command_id + ' stops at its next step', 'info');
    } else {
      ctx.toast('Command ' + c.command_id + ' cancelled', 'ok');
    }
    onChanged(answer);
  } catch (e) {
    ctx.toast('Cannot ' + action + ' command ' + c.command_id + ': ' + errorText(e), 'error');
  } finally {
    button.disabled = false;
  }
}

/** A value for the hash query of #/commands: the filters that are set. */
export function commandsHash(filters) {
  return '#/commands' + query(filters);
}
