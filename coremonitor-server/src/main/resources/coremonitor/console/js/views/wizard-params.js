// The wizard's second step: per chosen component its version, another image if wanted, and its parameters (GET
// /api/v1/catalog/{id}). A password parameter the server can generate is left empty to be generated (a secret).
import { h } from '../dom.js';
import { errorSlot, fieldRow } from './wizard-fields.js';

function parameterInput(c, i, p) {
  const id = 'c' + i + '-param-' + p.name;
  const path = 'components[' + i + '].parameters.' + p.name;
  const set = (v) => {
    c.parameters[p.name] = v;
  };
  const current = c.parameters[p.name] === undefined ? '' : c.parameters[p.name];
  let input;
  if (p.type === 'bool') {
    input = h('input', { type: 'checkbox', id, dataset: { param: p.name } });
    input.checked = current === 'true';
    input.addEventListener('change', () => set(input.checked ? 'true' : 'false'));
    return h('div', { class: 'form-row' }, h('label', { class: 'radio', for: id }, input, ' ' + p.label),
      errorSlot(path, input));
  }
  if (p.type === 'enum') {
    input = h('select', { id, dataset: { param: p.name } },
      p.required ? null : h('option', { value: '' }, '(none)'),
      (p.values || []).map((v) => h('option', { value: v, selected: v === current }, v)));
    input.addEventListener('change', () => set(input.value));
    return fieldRow(p.label, input, path);
  }
  const secret = p.type === 'password' || p.secret;
  input = h('input', { type: secret ? 'password' : 'text', id, autocomplete: secret ? 'new-password' : 'off',
    spellcheck: 'false', inputmode: p.type === 'int' || p.type === 'port' ? 'numeric' : null,
    pattern: p.pattern || null, required: p.required && !p.generate, dataset: { param: p.name } });
  input.value = current;
  input.addEventListener('input', () => set(input.value));
  if (!(secret && p.generate)) {
    return fieldRow(p.label + (p.required ? '' : ' (optional)'), input, path,
      p.type === 'port' ? 'A port of this host (1 to 65535); not one another stack publishes.' : null);
  }
  // a secret the server generates unless the user types one
  const generate = h('input', { type: 'checkbox', id: 'c' + i + '-gen-' + p.name, dataset: { generate: p.name } });
  generate.checked = Boolean(c.generated[p.name]);
  const refresh = () => {
    input.disabled = generate.checked;
    input.hidden = generate.checked;
    if (generate.checked) {
      input.value = '';
      set('');
    }
  };
  generate.addEventListener('change', () => {
    c.generated[p.name] = generate.checked;
    refresh();
    if (!generate.checked) {
      input.focus();
    }
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  refresh();
  return h('div', { class: 'form-row' }, h('label', { for: id }, p.label), input,
    h('label', { class: 'radio', for: generate.id }, generate,
      ' Generate it (' + p.generate + '): kept in the secret store, shown nowhere'),
    errorSlot(path, input));
}

/** The step's panel. w: the wizard ({ state, details, changed() }). */
export function parametersStep(w) {
  const fieldsets = w.state.components.map((c, i) => {
    const d = w.details.get(c.component);
    if (!d) {
      return h('p', { class: 'error-text' }, 'Unknown component ' + c.component + '.');
    }
    const version = h('select', { id: 'c' + i + '-version' },
      d.versions.map((v) => h('option', { value: v.version, selected: v.version === c.version },
        v.version + (v.image ? ' (' + v.image + ')' : ''))));
    version.addEventListener('change', () => {
      c.version = version.value;
      w.changed();
    });
    const rows = [fieldRow('Version', version, 'components[' + i + '].version')];
    if (d.versions.some((v) => v.image)) {
      const image = h('input', { type: 'text', id: 'c' + i + '-image', class: 'mono', autocomplete: 'off',
        spellcheck: 'false', placeholder: 'the version\'s image' });
      image.value = c.image;
      image.addEventListener('input', () => {
        c.image = image.value;
        w.changed();
      });
      rows.push(fieldRow('Another image (optional)', image, 'components[' + i + '].image'));
    }
    (d.parameters || []).forEach((p) => rows.push(parameterInput(c, i, p)));
    return h('fieldset', { class: 'card wizard-fieldset', dataset: { index: String(i), component: c.component } },
      h('legend', {}, d.title + ' · ' + (c.name.trim() || c.component)),
      h('p', { class: 'muted small' }, d.description), rows, errorSlot('components[' + i + '].parameters'));
  });
  const panel = h('div', { class: 'wizard-parameters' }, fieldsets.length ? fieldsets
    : h('p', { class: 'muted' }, 'Choose components first.'));
  panel.addEventListener('input', () => w.changed());
  panel.addEventListener('change', () => w.changed());
  return panel;
}
