// What the wizard's steps share: the steps, which step an error's path belongs to (the paths of POST /wizard/validate:
// name, components[1].version, components[0].parameters.port, components[2].wiring.database), and the error slots
// that show each error next to its field, with its fix and its suggestions.
import { h, replace } from '../dom.js';

export const STEPS = [
  { id: 'components', title: 'Components' },
  { id: 'parameters', title: 'Versions and parameters' },
  { id: 'wiring', title: 'Wiring' },
  { id: 'review', title: 'Review' },
  { id: 'create', title: 'Create' },
];

/** The step where the error at `path` is fixed. */
export function stepOf(path) {
  const p = String(path || '');
  if (p === 'name' || p === 'components' || /^components\[\d+\](\.(name|component))?$/.test(p)) {
    return 'components';
  }
  if (/^components\[\d+\]\.(version|image|parameters)(\.|$)/.test(p)) {
    return 'parameters';
  }
  if (/^components\[\d+\]\.wiring(\.|$)/.test(p)) {
    return 'wiring';
  }
  return 'review';
}

export const stepIndex = (id) => STEPS.findIndex((s) => s.id === id);

/** A safe id from a path: components[1].parameters.port -> c1-parameters-port. */
export function idOf(path) {
  return 'w-' + String(path).replace(/^components\[(\d+)\]\.?/, 'c$1-').replace(/[^A-Za-z0-9_-]+/g, '-');
}

/**
 * The error slot of a field: errors at `path` show here; `input` is the field a suggestion is put into (a select
 * gets the suggestion when it has that option).
 */
export function errorSlot(path, input) {
  const slot = h('div', { class: 'field-error wizard-slot', id: idOf(path) + '-error', 'aria-live': 'polite',
    dataset: { errorFor: path } });
  slot.input = input || null;
  if (input) {
    input.setAttribute('aria-describedby', [input.getAttribute('aria-describedby'), slot.id].filter(Boolean).join(' '));
  }
  return slot;
}

function suggestionButtons(slot, suggestions) {
  const input = slot.input;
  const usable = (s) => input && (input.tagName !== 'SELECT' || Array.from(input.options).some((o) => o.value === s));
  return suggestions.map((s) => (usable(s)
    ? h('button', { type: 'button', class: 'btn btn-small suggestion', dataset: { suggestion: s },
      onclick: () => {
        input.value = s;
        input.dispatchEvent(new Event(input.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
        input.focus();
      } }, 'Use ' + s)
    : h('span', { class: 'suggestion-text' }, s)));
}

function messageNodes(e, kind) {
  return h('div', { class: 'wizard-message wizard-' + kind, dataset: { path: e.path, kind } },
    h('span', { class: 'wizard-message-text' }, e.message),
    e.fix ? h('span', { class: 'wizard-fix' }, ' Fix: ' + e.fix + '.') : null);
}

/**
 * Shows the errors (and warnings) of step `stepId` in `panel`: each at its field's slot, or in the panel's general
 * list (`.step-problems`) when no field has its path. A slot whose messages did not change is left as it is (no
 * flicker, nothing announced again, its suggestion buttons stay the same); the others are redone or emptied.
 */
export function applyErrors(panel, stepId, errors, warnings) {
  const slots = new Map();
  panel.querySelectorAll('[data-error-for]').forEach((slot) => slots.set(slot.dataset.errorFor, []));
  const rest = [];
  const mine = (list, kind) => (list || []).filter((e) => stepOf(e.path) === stepId).map((e) => ({ e, kind }));
  mine(errors, 'error').concat(mine(warnings, 'warning')).forEach((m) => {
    (slots.has(m.e.path) ? slots.get(m.e.path) : rest).push(m);
  });
  panel.querySelectorAll('[data-error-for]').forEach((slot) => {
    const messages = slots.get(slot.dataset.errorFor);
    const key = JSON.stringify(messages);
    if (slot.dataset.shown === key) {
      return;
    }
    slot.dataset.shown = key;
    replace(slot, messages.map(({ e, kind }) => [messageNodes(e, kind),
      e.suggestions && e.suggestions.length ? h('div', { class: 'suggestions' }, suggestionButtons(slot, e.suggestions)) : null]));
    if (slot.input) {
      if (messages.some((m) => m.kind === 'error')) {
        slot.input.setAttribute('aria-invalid', 'true');
      } else {
        slot.input.removeAttribute('aria-invalid');
      }
    }
  });
  const general = panel.querySelector('.step-problems');
  if (general) {
    replace(general, rest.map(({ e, kind }) => messageNodes(e, kind)));
    general.hidden = rest.length === 0;
  }
}

/** A labelled field row with its error slot. */
export function fieldRow(label, input, path, help) {
  return h('div', { class: 'form-row' }, h('label', { for: input.id }, label), input,
    help ? h('span', { class: 'muted small' }, help) : null, errorSlot(path, input));
}
