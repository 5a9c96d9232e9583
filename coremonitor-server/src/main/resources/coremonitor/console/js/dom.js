// Building the page. Every value from the API becomes a text node (h() never parses HTML), so a stack named
// <img src=x onerror=alert(1)> shows as that text. There is no innerHTML anywhere in the console.

/**
 * An element: h('a', {href: '#/', class: 'x', onclick: fn, dataset: {k: 'v'}}, 'text', otherNode, [more, nodes]).
 * Attributes with value false/null/undefined are left out; on* attributes become listeners.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (v === false || v === null || v === undefined) {
      return;
    }
    if (k.startsWith('on') && typeof v === 'function') {
      el.addEventListener(k.slice(2), v);
    } else if (k === 'dataset') {
      Object.assign(el.dataset, v);
    } else if (k === 'class') {
      el.className = v;
    } else if (v === true) {
      el.setAttribute(k, '');
    } else {
      el.setAttribute(k, String(v));
    }
  });
  append(el, children);
  return el;
}

function append(el, children) {
  children.forEach((c) => {
    if (c === null || c === undefined || c === false) {
      return;
    }
    if (Array.isArray(c)) {
      append(el, c);
    } else if (c instanceof Node) {
      el.appendChild(c);
    } else {
      el.appendChild(document.createTextNode(String(c)));
    }
  });
}

/** Replaces the children of el. */
export function replace(el, ...children) {
  while (el.firstChild) {
    el.removeChild(el.firstChild);
  }
  append(el, children);
  return el;
}

const STATES = ['RUNNING', 'DEGRADED', 'STOPPED', 'DEPLOYING', 'FAILED', 'UNKNOWN', 'DELETED'];

/** A coloured badge for a stack state, a command status or a container state. */
export function badge(value, title) {
  const v = String(value || 'UNKNOWN');
  const known = STATES.includes(v) || ['PENDING', 'DONE', 'CANCELLED', 'UP', 'DOWN'].includes(v);
  return h('span', { class: 'badge badge-' + (known ? v.toLowerCase() : 'other'), title: title || null,
    dataset: { state: v } }, v);
}

export function fmtTime(iso) {
  if (!iso) {
    return '';
  }
  const d = new Date(iso);
  return isNaN(d) ? String(iso) : d.toLocaleString();
}

/** "3 min ago" style. */
export function ago(iso) {
  if (!iso) {
    return '';
  }
  const s = Math.round((Date.now() - new Date(iso).getTime()) / 1000);
  if (s < 60) {
    return s + ' s ago';
  }
  if (s < 3600) {
    return Math.round(s / 60) + ' min ago';
  }
  if (s < 86400) {
    return Math.round(s / 3600) + ' h ago';
  }
  return Math.round(s / 86400) + ' d ago';
}

export function fmtDuration(seconds) {
  if (seconds === undefined || seconds === null) {
    return '';
  }
  const s = Number(seconds);
  if (s < 60) {
    return s + ' s';
  }
  if (s < 3600) {
    return Math.floor(s / 60) + ' min ' + (s % 60) + ' s';
  }
  if (s < 86400) {
    return Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' min';
  }
  return Math.floor(s / 86400) + ' d ' + Math.floor((s % 86400) / 3600) + ' h';
}

export function fmtBytes(n) {
  const v = Number(n || 0);
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  let x = v;
  while (x >= 1024 && i < units.length - 1) {
    x /= 1024;
    i++;
  }
  return (i === 0 ? x : x.toFixed(1)) + ' ' + units[i];
}

/** A short message in the corner: kind is 'info', 'ok' or 'error'. */
export function toast(message, kind) {
  const box = document.getElementById('toasts');
  const t = h('div', { class: 'toast toast-' + (kind || 'info'), role: kind === 'error' ? 'alert' : 'status' }, message);
  box.appendChild(t);
  setTimeout(() => t.remove(), kind === 'error' ? 10000 : 4000);
}

/**
 * A modal dialog; resolves true when the user confirms. body: nodes. Keyboard: Escape cancels, focus starts on the
 * confirm button.
 */
export function confirmDialog(title, body, confirmLabel, options) {
  const opts = options || {};
  return new Promise((resolve) => {
    const ok = h('button', { type: 'button', class: 'btn ' + (opts.danger ? 'btn-danger' : 'btn-primary'),
      dataset: { action: 'confirm' } }, confirmLabel || 'OK');
    const cancel = h('button', { type: 'button', class: 'btn', dataset: { action: 'cancel' } }, 'Cancel');
    const dialog = h('dialog', { class: 'dialog', 'aria-label': title },
      h('h2', {}, title), h('div', { class: 'dialog-body' }, body), h('div', { class: 'dialog-actions' }, cancel, ok));
    const done = (value) => {
      dialog.close();
      dialog.remove();
      resolve(value);
    };
    ok.addEventListener('click', () => done(true));
    cancel.addEventListener('click', () => done(false));
    dialog.addEventListener('cancel', (e) => {
      e.preventDefault();
      done(false);
    });
    document.body.appendChild(dialog);
    dialog.showModal();
    ok.focus();
  });
}

/** The message of an error from api.js (its problem detail and, when there are, its field errors). */
export function errorText(e) {
  if (!e) {
    return '';
  }
  const p = e.problem || {};
  const parts = [p.title && p.detail && p.title !== p.detail ? p.title + ': ' + p.detail : (p.detail || p.title || e.message)];
  (p.errors || []).forEach((x) => parts.push((x.path ? x.path + ': ' : '') + x.message));
  return parts.filter(Boolean).join('\n');
}

/** A titled page header with actions on the right. */
export function pageHeader(title, ...actions) {
  return h('header', { class: 'page-header' }, h('h1', {}, title), h('div', { class: 'page-actions' }, actions));
}

/**
 * A cursor pager's state: "Showing a–b" (with "(last page)" when there is no next cursor), Previous and Next enabled
 * as the pages allow, the pager hidden when there is one page.
 */
export function showPager({ summary, prev, next, pager }, pageState, count, pageSize) {
  const first = pageState.previous.length * pageSize;
  replace(summary, count === 0 ? '' : 'Showing ' + (first + 1) + '–' + (first + count)
    + (pageState.next ? '' : ' (last page)'));
  prev.disabled = pageState.previous.length === 0;
  next.disabled = !pageState.next;
  pager.hidden = prev.disabled && next.disabled;
}
