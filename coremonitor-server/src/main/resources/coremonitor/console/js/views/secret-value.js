// A secret's value on the page: masked, with Show/Hide and Copy. The value lives in the input's property only (never
// an attribute, the URL or any storage) and is dropped by forget() when the user hides it or leaves the screen.
import { h } from '../dom.js';

/** Copies text to the clipboard: the Clipboard API, or (an insecure http origin has none) a selected textarea. */
export async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = h('textarea', { class: 'copy-buffer', readonly: true, 'aria-hidden': 'true', tabindex: '-1' });
  area.value = text;
  document.body.appendChild(area);
  try {
    area.select();
    if (!document.execCommand('copy')) {
      throw new Error('the browser refused to copy');
    }
  } finally {
    area.value = '';
    area.remove();
  }
}

/**
 * Copies text and tells the outcome with toast(message, kind); onFailure() (optional) selects the text for a copy by
 * hand before the error is told.
 */
export async function copyAndTell(text, toast, onFailure) {
  try {
    await copyText(text);
    toast('Copied to the clipboard.', 'ok');
  } catch (e) {
    if (onFailure) {
      onFailure();
    }
    toast('Cannot copy (' + (e && e.message ? e.message : e) + ')' + (onFailure ? ': the value is selected, copy it by'
      + ' hand.' : '.'), 'error');
  }
}

/** A Copy button for a value that is no secret (a host, a URL): label names it for screen readers. */
export function copyButton(text, label, toast, onFailure) {
  return h('button', { type: 'button', class: 'btn btn-small', dataset: { action: 'copy' }, 'aria-label': label,
    onclick: () => copyAndTell(text, toast, onFailure) }, 'Copy');
}

/**
 * A masked value with its buttons. id names the input (its label says `label`); toast(message, kind) tells the
 * outcome of a copy. Returns { element, forget() }.
 */
export function valueBox(value, id, label, toast) {
  const input = h('input', { type: 'password', id, class: 'secret-value-input mono', readonly: true,
    autocomplete: 'off', spellcheck: 'false' });
  input.value = value;
  const show = h('button', { type: 'button', class: 'btn btn-small', dataset: { action: 'show' },
    'aria-pressed': 'false', 'aria-controls': id }, 'Show');
  const copy = h('button', { type: 'button', class: 'btn btn-small', dataset: { action: 'copy' },
    'aria-controls': id }, 'Copy');
  show.addEventListener('click', () => {
    const shown = input.type === 'password';
    input.type = shown ? 'text' : 'password';
    show.setAttribute('aria-pressed', String(shown));
    show.textContent = shown ? 'Hide' : 'Show';
  });
  copy.addEventListener('click', () => copyAndTell(input.value, toast, () => {
    // the value can still be copied by hand
    input.type = 'text';
    input.select();
  }));
  const element = h('div', { class: 'secret-value' },
    h('label', { for: id, class: 'sr-only' }, label), input, show, copy);
  return {
    element,
    forget() {
      input.value = '';
      input.type = 'password';
    },
  };
}
