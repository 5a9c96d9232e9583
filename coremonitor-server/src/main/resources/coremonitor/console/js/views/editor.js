// The definition editor: #/new (a name and a definition -> POST /stacks) and #/stacks/ID/edit (the latest version's
// definition -> POST /stacks/{id}/versions with parent_version). The server validates while the user types
// (POST /validate stores nothing) and each error and warning is shown at its line; saving is possible only when valid.
import { get, post, enc, query } from '../api.js';
import { h, replace, pageHeader, errorText } from '../dom.js';
import { annotationsOf, renderProblems, countText } from './editor-lint.js';
import { variablesEditor } from './editor-variables.js';
import { staleParentDialog, keptTextPanel } from './editor-conflict.js';
import { need } from '../libs.js';

/** Shown greyed out in a new stack's empty editor: the compose format, with the official images' names. */
const EXAMPLE = [
  'services:',
  '  web:',
  '    image: nginx:1.27',
  "    ports: ['8080:80']",
  '    depends_on: [app]',
  '  app:',
  '    image: tomcat:10.1-jdk17',
  '    environment:',
  '      JAVA_OPTS: -Xmx512m',
  '    restart: unless-stopped',
].join('\n');

/** Stack names as the server accepts them (Names.STACK_NAME, at most 63 characters). */
const STACK_NAME = /^[a-z0-9][a-z0-9_-]*$/;
const LINT_DELAY_MS = 300;
/** New versions have no event: in edit mode the stack's latest version is read this often to warn early. */
const LATEST_POLL_MS = 15000;

/** A stored (canonical JSON) definition as YAML for the editor. */
export function toYaml(compose) {
  return jsyaml.dump(compose, { lineWidth: -1, noRefs: true });
}

function nameProblem(name) {
  if (!name) {
    return 'A stack name is required.';
  }
  if (name.length > 63) {
    return 'At most 63 characters.';
  }
  if (!STACK_NAME.test(name)) {
    return 'Use lower-case letters, digits, "_" and "-", starting with a letter or a digit.';
  }
  return '';
}

export async function render(main, params, ctx) {
  await need('codemirror', 'js-yaml');
  const editing = Boolean(params.id);
  let stack = null;
  let parent = null;
  // the env files the parent version carries (its canonical definition has their values already): sent again, so
  // that a new version keeps them and an unchanged definition is still "no change"
  let parentFiles = {};
  let initial = '';
  if (editing) {
    stack = await get('/stacks/' + enc(params.id));
    if (stack.deleted_at) {
      replace(main, pageHeader('Edit ' + stack.name),
        h('p', { class: 'error-text' }, 'This stack was deleted: it has no new versions.'),
        h('a', { href: '#/' }, 'Back to the dashboard'));
      return null;
    }
    const latest = await get('/stacks/' + enc(stack.stack_id) + '/versions/' + enc(stack.latest_version));
    parent = latest.version;
    parentFiles = latest.files || {};
    initial = toYaml(latest.compose);
  }

  // --- the page
  const nameInput = h('input', { type: 'text', id: 'stack-name', name: 'name', required: true, autocomplete: 'off',
    spellcheck: 'false', maxlength: '63', 'aria-describedby': 'stack-name-help stack-name-error' });
  const nameError = h('p', { class: 'error-text field-error', id: 'stack-name-error', 'aria-live': 'polite' });
  const parentInfo = h('p', { class: 'muted', id: 'parent-version' });
  const status = h('p', { class: 'validation-status', id: 'validation-status', role: 'status' });
  const problems = h('ol', { class: 'problems', id: 'problems', 'aria-label': 'Problems in the definition' });
  problems.hidden = true;
  const comment = h('input', { type: 'text', id: 'comment', name: 'comment', autocomplete: 'off', maxlength: '500' });
  const author = h('input', { type: 'text', id: 'author', name: 'author', autocomplete: 'name', maxlength: '200',
    placeholder: 'api' });
  const save = h('button', { type: 'button', class: 'btn btn-primary', id: 'save', disabled: true },
    editing ? 'Save as a new version' : 'Create the stack');
  const saveResult = h('div', { class: 'save-result', id: 'save-result', role: 'status' });
  const host = h('div', { class: 'editor-host', id: 'definition' });
  const kept = h('div', { id: 'kept' });
  const newer = h('div', { id: 'newer-version', class: 'notice', role: 'status' });
  newer.hidden = true;
  const cancelHref = editing ? '#/stacks/' + enc(stack.stack_id) + '/versions' : '#/';

  let cm = null;
  const variables = variablesEditor(() => {
    invalidate();
    if (cm) {
      cm.performLint();
    }
  });

  replace(main,
    pageHeader(editing ? 'Edit ' + stack.name : 'New stack',
      editing ? h('a', { class: 'btn', href: '#/stacks/' + enc(stack.stack_id) }, 'Stack') : null,
      editing ? h('a', { class: 'btn', href: '#/stacks/' + enc(stack.stack_id) + '/versions' }, 'Versions') : null),
    h('div', { class: 'editor-layout' },
      h('div', { class: 'editor-main' },
        editing ? [parentInfo, newer] : h('div', { class: 'form-row' },
          h('label', { for: 'stack-name' }, 'Stack name'), nameInput,
          h('span', { class: 'muted', id: 'stack-name-help' },
            'Lower-case letters, digits, "_" and "-"; it prefixes every container, network and volume name.'),
          nameError),
        h('div', { class: 'form-row' },
          h('span', { class: 'label', id: 'definition-label' }, 'Definition (YAML, compose format)'),
          host,
          h('span', { class: 'muted editor-keys' }, 'Tab indents · Esc leaves the editor · Ctrl+S saves')),
        status, problems, kept),
      h('div', { class: 'editor-side' },
        variables.element,
        h('div', { class: 'card' },
          h('div', { class: 'form-row' }, h('label', { for: 'comment' }, 'Comment'), comment),
          h('div', { class: 'form-row' }, h('label', { for: 'author' }, 'Author'), author,
            h('span', { class: 'muted' }, 'Empty: the server records "api".')),
          h('div', { class: 'toolbar' }, save, h('a', { class: 'btn', href: cancelHref }, 'Cancel')),
          saveResult))));

  // --- validation state: the answer of /validate for the exact text and variables now in the editor
  let checked = null; // { key, result }
  let forced = null; // { key, result }: a 422's errors, shown until the text changes
  let saving = false;

  const currentKey = (ed) => JSON.stringify([(ed || cm).getValue(), variables.value()]);

  function refreshSave(ed) {
    if (!ed && !cm) {
      save.disabled = true;
      return;
    }
    const valid = checked !== null && checked.key === currentKey(ed) && checked.result.valid;
    const nameOk = editing || nameProblem(nameInput.value.trim()) === '';
    const varsOk = variables.problems().length === 0;
    save.disabled = saving || !valid || !nameOk || !varsOk;
  }

  function invalidate() {
    checked = null;
    replace(saveResult);
    if (cm && cm.getValue().trim() !== '') {
      replace(status, 'Checking…');
      status.dataset.state = 'checking';
    }
    refreshSave();
  }

  function showResult(result, ed) {
    const varProblems = variables.problems();
    renderProblems(problems, result, ed);
    replace(status, countText(result), varProblems.length ? ' Variables: ' + varProblems.join('; ') + '.' : '');
    status.dataset.state = result.valid ? 'valid' : 'invalid';
  }

  // async lint: the lint addon calls it LINT_DELAY_MS after the last change; a stale answer is dropped
  function lint(text, update, options, ed) {
    const vars = variables.value();
    const key = JSON.stringify([text, vars]);
    if (forced && forced.key === key) {
      showResult(forced.result, ed);
      update(annotationsOf(ed, forced.result));
      return;
    }
    forced = null;
    if (text.trim() === '') {
      checked = null;
      replace(status, 'Write the definition: services, their image, ports, volumes…');
      status.dataset.state = 'empty';
      renderProblems(problems, {}, ed);
      update([]);
      refreshSave(ed);
      return;
    }
    post('/validate', { compose: text, variables: vars, files: parentFiles }).then((result) => {
      if (key !== currentKey(ed)) {
        return;
      }
      checked = { key, result };
      showResult(result, ed);
      update(annotationsOf(ed, result));
      refreshSave(ed);
    }).catch((e) => {
      if (key !== currentKey(ed)) {
        return;
      }
      replace(status, 'Cannot check the definition now: ' + errorText(e));
      status.dataset.state = 'error';
      update([]);
    });
  }
  lint.async = true;

  cm = CodeMirror(host, {
    value: initial,
    // a new stack's empty editor shows what a definition looks like (greyed out, not part of the text)
    placeholder: editing ? '' : EXAMPLE,
    mode: 'yaml',
    lineNumbers: true,
    gutters: ['CodeMirror-lint-markers'],
    lint: { getAnnotations: lint, async: true, delay: LINT_DELAY_MS },
    indentUnit: 2,
    tabSize: 2,
    indentWithTabs: false,
    viewportMargin: Infinity,
    screenReaderLabel: 'Definition (YAML)',
    extraKeys: {
      Tab: (c) => (c.somethingSelected() ? c.indentSelection('add')
        : c.replaceSelection(' '.repeat(c.getOption('indentUnit')), 'end', '+input')),
      'Shift-Tab': (c) => c.indentSelection('subtract'),
      Esc: () => comment.focus(),
      'Ctrl-S': () => { if (!save.disabled) { doSave(false); } },
      'Cmd-S': () => { if (!save.disabled) { doSave(false); } },
    },
  });
  cm.getInputField().setAttribute('aria-labelledby', 'definition-label');
  cm.on('change', invalidate);

  if (editing) {
    replace(parentInfo, 'Editing ', h('strong', {}, parent), ' (the latest version). Saving makes the next version.');
  } else {
    nameInput.addEventListener('input', () => {
      const p = nameInput.value ? nameProblem(nameInput.value.trim()) : '';
      replace(nameError, p);
      refreshSave();
    });
  }

  // --- saving
  function showFailure(e) {
    const p = (e && e.problem) || {};
    if (e && e.status === 422 && Array.isArray(p.errors)) {
      const positioned = p.errors.filter((x) => x.path !== 'name');
      const nameErrors = p.errors.filter((x) => x.path === 'name');
      if (nameErrors.length) {
        replace(nameError, nameErrors.map((x) => x.message).join('; '));
      }
      forced = { key: currentKey(), result: { valid: false, errors: positioned, warnings: [] } };
      checked = null;
      cm.performLint();
    }
    replace(saveResult, h('p', { class: 'error-text', role: 'alert' }, 'Not saved: ' + errorText(e)));
  }

  async function reloadLatest(userText) {
    const latestStack = await get('/stacks/' + enc(stack.stack_id));
    const latest = await get('/stacks/' + enc(stack.stack_id) + '/versions/' + enc(latestStack.latest_version));
    parent = latest.version;
    parentFiles = latest.files || {};
    newer.hidden = true;
    replace(parentInfo, 'Editing ', h('strong', {}, parent), ' (reloaded: the latest version). Saving makes the next version.');
    replace(kept, keptTextPanel(userText, (t) => cm.setValue(t)));
    cm.setValue(toYaml(latest.compose));
    ctx.toast('Reloaded ' + parent + '. Your text is below the editor.', 'info');
  }

  async function onStale(latestVersion) {
    const latest = await get('/stacks/' + enc(stack.stack_id) + '/versions/' + enc(latestVersion));
    const choice = await staleParentDialog(parent, latest);
    if (choice === 'reload') {
      await reloadLatest(cm.getValue());
    } else if (choice === 'save') {
      parent = latest.version;
      parentFiles = latest.files || {};
      replace(parentInfo, 'Editing on top of ', h('strong', {}, parent), ' (save anyway).');
      await doSave(true);
    } else {
      save.focus();
    }
  }

  async function doSave(force) {
    if (saving) {
      return;
    }
    refreshSave();
    if (save.disabled) {
      return;
    }
    saving = true;
    refreshSave();
    replace(saveResult, h('p', { class: 'muted' }, 'Saving…'));
    const body = { compose: cm.getValue(), variables: variables.value() };
    if (comment.value.trim()) {
      body.comment = comment.value.trim();
    }
    if (author.value.trim()) {
      body.author = author.value.trim();
    }
    try {
      if (editing) {
        // a stale parent is found before saving, so that the normal flow makes no failed (409) request
        const now = await get('/stacks/' + enc(stack.stack_id));
        if (now.latest_version !== parent && !force) {
          saving = false;
          replace(saveResult);
          refreshSave();
          await onStale(now.latest_version);
          return;
        }
        body.parent_version = parent;
        body.files = parentFiles;
        const version = await post('/stacks/' + enc(stack.stack_id) + '/versions', body);
        if (version.version === parent) {
          replace(saveResult, h('p', { class: 'notice', id: 'no-change' },
            'No change: the definition is identical to ' + version.version + '.'));
          ctx.toast('No change: the definition is identical to ' + version.version + '.', 'info');
          savedText = cm.getValue();
          return;
        }
        savedText = cm.getValue();
        ctx.toast('Saved ' + version.version + ' of ' + stack.name + '.', 'ok');
        ctx.navigate('#/stacks/' + enc(stack.stack_id) + '/versions' + query({ from: parent, to: version.version }));
      } else {
        const name = nameInput.value.trim();
        const same = await get('/stacks' + query({ name, limit: 500 }));
        const taken = same.items.find((s) => s.name === name);
        if (taken) {
          replace(nameError, 'A stack named ' + name + ' already exists. ',
            h('a', { href: '#/stacks/' + enc(taken.stack_id) }, 'Open it'));
          replace(saveResult);
          nameInput.focus();
          return;
        }
        body.name = name;
        const created = await post('/stacks', body);
        savedText = cm.getValue();
        ctx.toast('Created ' + created.name + ' (' + created.latest_version + ').', 'ok');
        ctx.navigate('#/stacks/' + enc(created.stack_id) + '/versions');
      }
    } catch (e) {
      if (e.status === 409 && editing) {
        // someone saved between our check and our save
        saving = false;
        replace(saveResult);
        try {
          const now = await get('/stacks/' + enc(stack.stack_id));
          await onStale(now.latest_version);
        } catch (again) {
          showFailure(again);
        }
        return;
      }
      showFailure(e);
    } finally {
      saving = false;
      refreshSave();
    }
  }

  // a newer version saved by someone else while this one is edited: said at once, not only when saving
  async function checkLatest() {
    if (document.hidden || saving) {
      return;
    }
    try {
      const now = await get('/stacks/' + enc(stack.stack_id));
      if (now.latest_version === parent || now.deleted_at) {
        newer.hidden = true;
        return;
      }
      replace(newer, now.latest_version + ' has been saved since you opened ' + parent + '. ',
        h('button', { type: 'button', class: 'btn btn-small', id: 'reload-newer', onclick: async () => {
          newer.hidden = true;
          await reloadLatest(cm.getValue());
        } }, 'Reload ' + now.latest_version), ' (your text stays available to copy), or save: you will be asked.');
      newer.hidden = false;
    } catch (e) {
      console.warn('cannot read the latest version', e);
    }
  }
  const poll = editing ? setInterval(checkLatest, LATEST_POLL_MS) : null;

  // leaving the page (reload, closing the tab) with unsaved text asks first
  let savedText = cm.getValue();
  const beforeUnload = (e) => {
    if (cm.getValue() !== savedText && cm.getValue().trim() !== '') {
      e.preventDefault();
      e.returnValue = '';
    }
  };
  window.addEventListener('beforeunload', beforeUnload);

  save.addEventListener('click', () => doSave(false));
  comment.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !save.disabled) {
      doSave(false);
    }
  });

  if (!editing) {
    nameInput.focus();
  }
  cm.refresh();
  return () => {
    clearInterval(poll);
    window.removeEventListener('beforeunload', beforeUnload);
    cm.setOption('lint', false);
  };
}
