// #/commands/ID: one command (type, stack, payload, status, attempt, times, its error when FAILED), its Cancel/Retry
// buttons, and its log following live over SSE (/commands/{id}/logs?follow=true) until the command ends.
import { get, enc } from '../api.js';
import { openStream } from '../sse.js';
import { h, replace, badge, fmtTime, errorText, pageHeader } from '../dom.js';
import { stackNames, stackLink, commandDuration, commandActions, typeLabel, ENDED } from './commands-common.js';

export async function render(main, params, ctx) {
  const id = params.id;
  // subscribed before the first read, so that no transition falls between it and the subscription
  const early = [];
  let onCommand = (data) => early.push(data);
  const off = ctx.events.on((name, data) => {
    if (name === 'command' && data && String(data.command_id) === String(id)) {
      onCommand(data);
    }
  });
  let c;
  try {
    c = await get('/commands/' + enc(id));
  } catch (e) {
    replace(main, pageHeader('Command ' + id), h('p', { class: 'error-text', id: 'command-missing' },
      e.status === 404 ? 'There is no command ' + id + '.' : 'Cannot read command ' + id + ': ' + errorText(e)),
    h('a', { href: '#/commands' }, 'All commands'));
    return off;
  }
  let names = new Map();
  try {
    names = await stackNames();
  } catch (e) {
    console.warn('cannot read the stack names', e);
  }

  const actions = h('div', { class: 'page-actions', id: 'command-actions' });
  const failure = h('div', { id: 'command-failure' });
  const facts = h('dl', { class: 'command-facts', id: 'command-facts' });
  const transitions = h('ol', { class: 'command-transitions', id: 'command-transitions', 'aria-live': 'polite' });
  const logBox = h('ol', { class: 'command-log mono', id: 'command-log', 'aria-label': 'Log of command ' + id,
    tabindex: 0 });
  const logState = h('span', { class: 'command-log-state', id: 'command-log-state', role: 'status' });
  const header = h('header', { class: 'page-header' },
    h('h1', {}, 'Command #' + id, ' ', h('span', { class: 'command-title-type' }, typeLabel(c.type))), actions);

  replace(main,
    h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, h('a', { href: '#/commands' }, 'Commands'), ' / #' + id),
    header, failure,
    h('section', { class: 'card command-card', 'aria-label': 'Command' }, facts,
      h('details', { class: 'command-payload' }, h('summary', {}, 'Payload'),
        h('pre', { class: 'mono', id: 'command-payload' }, JSON.stringify(c.payload, null, 2)))),
    h('section', { class: 'command-history', 'aria-labelledby': 'transitions-title' },
      h('h2', { id: 'transitions-title' }, 'Transitions seen on this page'), transitions),
    h('section', { class: 'command-log-section', 'aria-labelledby': 'log-title' },
      h('div', { class: 'command-log-head' }, h('h2', { id: 'log-title' }, 'Log'), logState),
      logBox));

  function fact(label, value) {
    return [h('dt', {}, label), h('dd', {}, value)];
  }

  function show() {
    main.dataset.status = c.status;
    replace(actions, commandActions(c, ctx, (x) => { c = x; show(); follow(); }));
    replace(failure, c.error ? h('div', { class: 'command-failure' + (c.status === 'FAILED' ? ' is-failed' : ''),
      id: 'command-error', role: c.status === 'FAILED' ? 'alert' : null },
    h('strong', {}, c.status === 'FAILED' ? 'This command failed' : 'Its last error'),
    h('p', { class: 'command-error-message' }, c.error),
    c.status === 'FAILED' ? h('p', { class: 'muted' }, 'Retry runs it again at its place in the queue; cancel lets the queue go on.')
      : null) : null);
    replace(facts,
      fact('Status', h('span', { id: 'command-status' }, badge(c.status))),
      fact('Type', typeLabel(c.type)),
      fact('Stack', stackLink(c.stack_id, names)),
      fact('Attempt', h('span', { id: 'command-attempt' }, String(c.attempt))),
      fact('Created', fmtTime(c.created_at) + (c.created_by ? ' by ' + c.created_by : '')),
      fact('Started', c.started_at ? fmtTime(c.started_at) : '—'),
      fact('Ended', c.ended_at ? fmtTime(c.ended_at) : '—'),
      fact('Duration', h('span', { id: 'command-duration' }, commandDuration(c) || '—')));
  }

  function transition(from, to, attempt) {
    transitions.appendChild(h('li', { dataset: { from: from || '', status: to } },
      h('time', {}, new Date().toLocaleTimeString()), ' ',
      from === undefined ? 'page opened: ' : [from ? badge(from) : 'queued', ' → '], badge(to),
      attempt ? h('span', { class: 'muted' }, ' attempt ' + attempt) : null));
  }

  // the log: lines are numbered, so a stream opened again (after a cut, or for a retry) adds only new ones
  let lastLine = 0;
  let stream = null;
  let stuckToBottom = true;
  logBox.addEventListener('scroll', () => {
    stuckToBottom = logBox.scrollTop + logBox.clientHeight >= logBox.scrollHeight - 8;
  });

  function addLine(l) {
    if (l.line <= lastLine) {
      return;
    }
    lastLine = l.line;
    const level = String(l.level || 'INFO');
    logBox.appendChild(h('li', { class: 'log-line log-' + level.toLowerCase(), dataset: { line: String(l.line), level } },
      h('time', { class: 'log-time', datetime: l.timestamp, title: fmtTime(l.timestamp) },
        new Date(l.timestamp).toLocaleTimeString()),
      h('span', { class: 'log-level' }, level),
      h('span', { class: 'log-message' }, l.message)));
    if (stuckToBottom) {
      logBox.scrollTop = logBox.scrollHeight;
    }
  }

  function setLogState(state, text) {
    logBox.dataset.state = state;
    replace(logState, text);
  }

  /** Follows the log until the `end` event (which carries the command as it ended); a cut stream is opened again. */
  function follow() {
    if (stream) {
      return;
    }
    setLogState('following', ENDED.includes(c.status) ? 'Reading…' : 'Following live…');
    stream = openStream('/commands/' + enc(id) + '/logs?follow=true', (name, data) => {
      if (name === 'log') {
        addLine(data);
      } else if (name === 'end') {
        stream.close();
        stream = null;
        if (data && data.command_id !== undefined) {
          c = data;
          show();
        }
        setLogState('ended', 'Ended ' + c.status.toLowerCase() + (c.ended_at ? ' at ' + fmtTime(c.ended_at) : ''));
        if (lastLine === 0) {
          logBox.appendChild(h('li', { class: 'log-empty muted' }, 'No log lines.'));
        }
      }
    }, {
      reconnect: 3000,
      onError: () => setLogState('retrying', 'Connection lost; trying again…'),
      onOpen: () => {
        if (!ENDED.includes(c.status)) {
          setLogState('following', 'Following live…');
        }
      },
    });
  }

  show();
  transition(undefined, c.status, c.attempt);
  follow();

  // the command's transitions from the shared /events stream: status and attempt at once, then the full command
  // (its times); a command that runs again after a retry is followed again
  onCommand = async (data) => {
    transition(data.from, data.status, data.attempt);
    c = Object.assign({}, c, { status: data.status, attempt: data.attempt, error: data.error });
    show();
    if (!ENDED.includes(data.status)) {
      const empty = logBox.querySelector('.log-empty');
      if (empty) {
        empty.remove();
      }
      follow();
    }
    try {
      const fresh = await get('/commands/' + enc(id));
      if (fresh.status === c.status) {
        c = fresh;
        show();
      }
    } catch (e) {
      console.warn('cannot read command ' + id, e);
    }
  };
  // a transition heard while the first read was under way may or may not be in it: read once more
  if (early.length > 0) {
    get('/commands/' + enc(id)).then((fresh) => {
      if (fresh.status !== c.status || fresh.attempt !== c.attempt) {
        transition(c.status, fresh.status, fresh.attempt);
        c = fresh;
        show();
      }
    }).catch((e) => console.warn('cannot read command ' + id, e));
  }
  const tick = setInterval(() => {
    if (c.status === 'RUNNING') {
      const d = document.getElementById('command-duration');
      if (d) {
        d.textContent = commandDuration(c);
      }
    }
  }, 1000);
  return () => {
    off();
    clearInterval(tick);
    if (stream) {
      stream.close();
    }
  };
}
