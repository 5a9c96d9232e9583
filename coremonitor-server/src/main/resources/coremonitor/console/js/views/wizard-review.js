// The wizard's last two steps: the review (POST /api/v1/wizard/preview: the generated YAML, read-only, the secrets it
// references and the plan of its v1) and the create form (POST /api/v1/wizard/stacks, optionally applying v1).
import { h } from '../dom.js';
import { STEPS, stepOf } from './wizard-fields.js';
import { planNodes } from './versions-plan.js';

/** The review of a preview answer. w: the wizard ({ go(stepId) }). Returns { element, cleanup() }. */
export function reviewStep(w, preview) {
  if (!preview.valid) {
    const links = preview.errors.map((e) => {
      const step = STEPS.find((s) => s.id === stepOf(e.path));
      return h('li', { dataset: { path: e.path } }, e.message + (e.fix ? ' Fix: ' + e.fix + '.' : '') + ' ',
        h('button', { type: 'button', class: 'linkish-btn', onclick: () => w.go(step.id) }, 'Go to ' + step.title));
    });
    return { element: h('div', { class: 'wizard-review' },
      h('p', { class: 'error-text', id: 'review-status', dataset: { state: 'invalid' } },
        'The choices have ' + preview.errors.length + ' error(s): nothing can be created yet.'),
      h('ul', { class: 'review-errors' }, links)), attached() {}, cleanup() {} };
  }
  const yamlHost = h('div', { class: 'editor-host wizard-yaml', id: 'wizard-yaml' });
  const secrets = preview.secrets || [];
  const element = h('div', { class: 'wizard-review' },
    h('p', { class: 'validation-status', id: 'review-status', dataset: { state: 'valid' } },
      'The choices are valid: this is the stack they make.'),
    h('section', { 'aria-labelledby': 'yaml-title' },
      h('h2', { id: 'yaml-title' }, 'Definition (v1)'), yamlHost),
    h('section', { 'aria-labelledby': 'secrets-title' },
      h('h2', { id: 'secrets-title' }, 'Secrets'),
      secrets.length ? h('ul', { id: 'wizard-secrets' }, secrets.map((s) => h('li', { dataset: { secret: s.name } },
        h('span', { class: 'mono' }, s.name), s.generated ? ': generated when the stack is created (reveal it on the'
          + ' Secrets page)' : ': the value you gave')))
        : h('p', { class: 'muted', id: 'wizard-secrets' }, 'None.')),
    h('section', { 'aria-labelledby': 'plan-title', id: 'wizard-plan' },
      h('h2', { id: 'plan-title' }, 'Plan'),
      preview.plan ? planNodes(preview.plan, 'Creating and applying').slice(0, 2)
        : h('p', { class: 'muted' }, 'No plan: see the warnings above.')));
  let cm = null;
  return {
    element,
    /** Called once the element is in the page (CodeMirror measures it). */
    attached() {
      cm = CodeMirror(yamlHost, { value: preview.compose || '', mode: 'yaml', readOnly: true, lineNumbers: true,
        viewportMargin: Infinity, screenReaderLabel: 'Generated definition (YAML, read-only)' });
      cm.getInputField().setAttribute('aria-labelledby', 'yaml-title');
    },
    cleanup() {
      cm = null;
    },
  };
}

/** The create form. w: the wizard ({ state, create(options) }). */
export function createStep(w) {
  const apply = h('input', { type: 'checkbox', id: 'wizard-apply' });
  apply.checked = Boolean(w.state.apply);
  apply.addEventListener('change', () => { w.state.apply = apply.checked; });
  const author = h('input', { type: 'text', id: 'wizard-author', autocomplete: 'name', maxlength: '200', placeholder: 'api' });
  author.value = w.state.author || '';
  author.addEventListener('input', () => { w.state.author = author.value; });
  const comment = h('input', { type: 'text', id: 'wizard-comment', autocomplete: 'off', maxlength: '500' });
  comment.value = w.state.comment || '';
  comment.addEventListener('input', () => { w.state.comment = comment.value; });
  const create = h('button', { type: 'button', class: 'btn btn-primary', id: 'wizard-create' }, 'Create the stack');
  const result = h('div', { id: 'wizard-create-result', role: 'status' });
  create.addEventListener('click', () => w.create(create, result));
  return h('div', { class: 'card wizard-create' },
    h('p', {}, 'Creates the stack ', h('strong', {}, w.state.name.trim()), ' with its version v1 and stores its'
      + ' generated secrets.'),
    h('div', { class: 'form-row' }, h('label', { class: 'radio', for: 'wizard-apply' }, apply,
      ' Apply v1 at once (its APPLY command is queued)')),
    h('div', { class: 'form-row' }, h('label', { for: 'wizard-comment' }, 'Comment'), comment),
    h('div', { class: 'form-row' }, h('label', { for: 'wizard-author' }, 'Author'), author,
      h('span', { class: 'muted small' }, 'Empty: the server records "api".')),
    h('div', { class: 'toolbar' }, create), result);
}
