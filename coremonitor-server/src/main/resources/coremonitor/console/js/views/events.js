// #/events: a live feed of the shared /events stream (command transitions, container events of managed stacks,
// drift, self-heal, and the server's Docker event subscription breaking or coming back), newest on top.
import { enc } from '../api.js';
import { h, replace, badge, fmtTime, pageHeader } from '../dom.js';
import { stackNames, stackLink, typeLabel } from './commands-common.js';

const CAP = 500;
const KINDS = [
  { kind: 'command', label: 'Commands' },
  { kind: 'container', label: 'Containers' },
  { kind: 'drift', label: 'Drift' },
  { kind: 'self_heal', label: 'Self-heal' },
  { kind: 'docker', label: 'Docker connection' },
];

export async function render(main, params, ctx) {
  let names = new Map();
  try {
    names = await stackNames();
  } catch (e) {
    console.warn('cannot read the stack names', e);
  }
  const shownKinds = new Set(KINDS.map((k) => k.kind));
  let paused = false;
  const held = []; // events that came while paused, oldest first
  let seen = 0;

  const feed = h('ol', { class: 'event-feed', id: 'event-feed', 'aria-live': 'off', 'aria-label': 'Events, newest first' });
  const empty = h('p', { class: 'muted', id: 'events-empty' }, 'Waiting for events… They appear here as they happen: '
    + 'apply a stack, stop a container, retry a command.');
  const state = h('span', { id: 'events-state', class: 'muted', role: 'status' });
  const pause = h('button', { type: 'button', class: 'btn', id: 'events-pause', 'aria-pressed': 'false',
    onclick: () => setPaused(!paused) }, 'Pause');
  const boxes = KINDS.map(({ kind, label }) => h('label', { class: 'event-filter' },
    h('input', { type: 'checkbox', checked: true, name: 'kind', value: kind, id: 'event-kind-' + kind,
      onchange: (e) => {
        if (e.currentTarget.checked) {
          shownKinds.add(kind);
        } else {
          shownKinds.delete(kind);
        }
        feed.querySelectorAll('.event[data-kind="' + kind + '"]').forEach((li) => { li.hidden = !e.currentTarget.checked; });
      } }), ' ', label));

  replace(main,
    pageHeader('Events', pause),
    h('fieldset', { class: 'toolbar event-filters' }, h('legend', {}, 'Show'), boxes),
    h('div', { class: 'events-status' }, state),
    empty,
    feed);

  function setPaused(value) {
    paused = value;
    pause.setAttribute('aria-pressed', String(paused));
    replace(pause, paused ? 'Resume' : 'Pause');
    pause.classList.toggle('btn-primary', paused);
    if (!paused) {
      held.splice(0).forEach(add);
    }
    showState();
  }

  function showState() {
    replace(state, paused ? 'Paused: ' + held.length + ' new event' + (held.length === 1 ? '' : 's') + ' held.'
      : seen === 0 ? '' : seen + ' event' + (seen === 1 ? '' : 's') + ' since this page opened'
        + (seen > CAP ? ' (the newest ' + CAP + ' are kept)' : '') + '.');
  }

  function add(ev) {
    empty.hidden = true;
    const li = item(ev, names);
    li.hidden = !shownKinds.has(ev.kind);
    feed.insertBefore(li, feed.firstChild);
    while (feed.childElementCount > CAP) {
      feed.lastElementChild.remove();
    }
  }

  const off = ctx.events.on((name, data) => {
    if (!KINDS.some((k) => k.kind === name) || !data) {
      return; // `hello` and anything newer
    }
    const ev = { kind: name, data, at: new Date() };
    seen++;
    const stackId = data.stack_id;
    if (stackId && !names.has(stackId)) {
      // a stack made since the page opened: its name is read once, the item shows its id meanwhile
      names.set(stackId, undefined);
      stackNames(true).then((n) => { n.forEach((v, k) => names.set(k, v)); renameStacks(feed, names); })
        .catch(() => {});
    }
    if (paused) {
      held.push(ev);
      if (held.length > CAP) {
        held.shift();
      }
    } else {
      add(ev);
    }
    showState();
  });
  return off;
}

/** Items that showed a stack id get its name once it is known. */
function renameStacks(feed, names) {
  feed.querySelectorAll('a.stack-link').forEach((a) => {
    const name = names.get(a.dataset.stackId);
    if (name && a.textContent !== name) {
      a.textContent = name;
    }
  });
}

function kindBadge(kind) {
  const label = { command: 'command', container: 'container', drift: 'drift', self_heal: 'self-heal', docker: 'docker' }[kind];
  return h('span', { class: 'badge kind kind-' + kind, dataset: { kind } }, label || kind);
}

/** One event as a line: time, kind badge, stack, description. */
function item(ev, names) {
  const d = ev.data;
  const at = d.time ? new Date(d.time) : ev.at;
  const dataset = { kind: ev.kind };
  if (d.stack_id) {
    dataset.stackId = d.stack_id;
  }
  let text;
  if (ev.kind === 'command') {
    dataset.commandId = String(d.command_id);
    dataset.status = d.status;
    text = [h('a', { href: '#/commands/' + enc(d.command_id) }, 'Command #' + d.command_id), ' ', typeLabel(d.type), ': ',
      d.from ? [badge(d.from), ' → '] : 'queued ', badge(d.status),
      d.attempt > 1 ? h('span', { class: 'muted' }, ' attempt ' + d.attempt) : null,
      d.error && d.status === 'FAILED' ? h('span', { class: 'event-error' }, ' ' + d.error) : null];
  } else if (ev.kind === 'container') {
    dataset.action = d.action || '';
    text = ['Container ', h('span', { class: 'mono' }, d.name || shortId(d.container_id)), ' ',
      h('strong', {}, d.action || 'event'),
      d.service ? h('span', { class: 'muted' }, ' (service ' + d.service + (d.version ? ', ' + d.version : '') + ')') : null];
  } else if (ev.kind === 'drift' || ev.kind === 'self_heal') {
    text = [ev.kind === 'drift' ? 'Drift' : 'Self-heal queued an apply',
      d.service ? [' in service ', h('span', { class: 'mono' }, d.service)] : null,
      d.action ? ' (' + d.action + ')' : null, d.reason ? ': ' + d.reason : null];
  } else {
    text = ['Docker events ', d.status === 'CONNECTED' ? 'connected again' : 'disconnected',
      d.reason ? ': ' + d.reason : null];
  }
  return h('li', { class: 'event', dataset },
    h('time', { class: 'event-time', datetime: at.toISOString(), title: fmtTime(at.toISOString()) }, at.toLocaleTimeString()),
    kindBadge(ev.kind),
    h('span', { class: 'event-stack' }, d.stack_id ? stackLink(d.stack_id, names) : h('span', { class: 'muted' }, '—')),
    h('span', { class: 'event-text' }, text));
}

function shortId(id) {
  return id ? String(id).slice(0, 12) : '';
}
