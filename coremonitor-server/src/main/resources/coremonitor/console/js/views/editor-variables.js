// The editor's variables: key/value rows (add, remove) sent as the body's "variables" for ${NAME} interpolation.
import { h, replace } from '../dom.js';

let counter = 0;

/**
 * A fieldset of variable rows. onChange() is called (debounced by the caller's lint) whenever a key or value
 * changes. Returns { element, value() -> {key: value}, problems() -> [text] }.
 */
export function variablesEditor(onChange) {
  const rows = h('div', { class: 'var-rows', id: 'variables' });
  const empty = h('p', { class: 'muted var-empty' }, 'No variables: ${NAME} in the definition is replaced by its value here.');

  function refreshEmpty() {
    empty.hidden = rows.children.length > 0;
  }

  function addRow(key, value) {
    const n = ++counter;
    const keyInput = h('input', { type: 'text', id: 'var-key-' + n, class: 'var-key mono', autocomplete: 'off',
      spellcheck: 'false', value: key || '', placeholder: 'NAME' });
    const valueInput = h('input', { type: 'text', id: 'var-value-' + n, class: 'var-value mono', autocomplete: 'off',
      spellcheck: 'false', value: value || '' });
    const row = h('div', { class: 'var-row' },
      h('label', { for: keyInput.id, class: 'sr-only' }, 'Variable name'), keyInput,
      h('span', { class: 'muted', 'aria-hidden': 'true' }, '='),
      h('label', { for: valueInput.id, class: 'sr-only' }, 'Value'), valueInput);
    const remove = h('button', { type: 'button', class: 'btn btn-small', 'aria-label': 'Remove this variable',
      onclick: () => {
        row.remove();
        refreshEmpty();
        onChange();
        addButton.focus();
      } }, 'Remove');
    row.appendChild(remove);
    keyInput.addEventListener('input', onChange);
    valueInput.addEventListener('input', onChange);
    rows.appendChild(row);
    refreshEmpty();
    return keyInput;
  }

  const addButton = h('button', { type: 'button', class: 'btn btn-small', id: 'add-variable',
    onclick: () => addRow('', '').focus() }, 'Add variable');

  const element = h('fieldset', { class: 'card var-fieldset' },
    h('legend', {}, 'Variables'), empty, rows, addButton);
  refreshEmpty();

  return {
    element,
    set(vars) {
      replace(rows);
      Object.entries(vars || {}).forEach(([k, v]) => addRow(k, v));
      refreshEmpty();
    },
    /** The rows with a name, as an object (a later row of the same name wins). */
    value() {
      const out = {};
      rows.querySelectorAll('.var-row').forEach((r) => {
        const k = r.querySelector('.var-key').value.trim();
        if (k) {
          out[k] = r.querySelector('.var-value').value;
        }
      });
      return out;
    },
    /** What is wrong with the rows (a value without a name, a name given twice). */
    problems() {
      const seen = new Set();
      const out = [];
      rows.querySelectorAll('.var-row').forEach((r) => {
        const k = r.querySelector('.var-key').value.trim();
        const v = r.querySelector('.var-value').value;
        if (!k && v) {
          out.push('a variable has a value but no name');
        } else if (k && seen.has(k)) {
          out.push('the variable ' + k + ' is given twice');
        } else if (k && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) {
          out.push('"' + k + '" is not a variable name (letters, digits and _, not starting with a digit)');
        }
        seen.add(k);
      });
      return out;
    },
  };
}
