// The stack page's Deploy panel, shown when a service of the current version has x-coremonitor-deploy: an artifact
// (a file uploaded here with a progress bar, or one uploaded before), the service, the context path and an optional
// HTTP check; Deploy queues DEPLOY_ARTIFACT. Below it, the stack's deployments (stack-deployments.js).
import { get, post, upload, enc } from '../api.js';
import { h, replace, errorText, fmtBytes } from '../dom.js';
import { deploymentsTable } from './stack-deployments.js';

const KEY = 'x-coremonitor-deploy';
const ACCEPT = '.war,.ear,.jar,.zip,.tar.gz,.tgz';

/** The services of a canonical definition that take artifacts: [{ name, target }], by name. */
export function deployTargets(compose) {
  return Object.entries((compose && compose.services) || {})
    .filter(([, s]) => s && s[KEY] && s[KEY].target)
    .map(([name, s]) => ({ name, target: s[KEY].target }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The default context path of an artifact in a target: / for nginx, the file name without extension otherwise. */
export function defaultPath(target, fileName) {
  if (target === 'nginx' || !fileName) {
    return '/';
  }
  return '/' + fileName.replace(/\.(war|ear|jar)$/i, '');
}

export const shortSha = (sha) => String(sha || '').slice(0, 12);

/**
 * The panel. stack: {id, name}; onQueued(command, label) shows a queued command on the page.
 * Returns { el, setVersion(version), onCommand(event), close() }.
 */
export function deployPanel(stack, ctx, onQueued) {
  const path = '/stacks/' + enc(stack.id);
  let targets = [];
  let version = null;

  const artifact = h('select', { id: 'deploy-artifact', 'aria-label': 'Artifact' });
  const file = h('input', { type: 'file', id: 'deploy-file', accept: ACCEPT });
  const fileRow = h('div', { class: 'form-row', id: 'deploy-file-row' },
    h('label', { for: 'deploy-file' }, 'File (.war, .ear, .jar, .zip, .tar.gz)'), file);
  const progress = h('progress', { id: 'deploy-progress', max: '100', value: '0', hidden: true });
  const progressText = h('span', { class: 'muted', id: 'deploy-progress-text', 'aria-live': 'polite' });
  const service = h('select', { id: 'deploy-service' });
  const contextPath = h('input', { type: 'text', id: 'deploy-path', autocomplete: 'off', spellcheck: 'false' });
  const checkPath = h('input', { type: 'text', id: 'deploy-check-path', placeholder: 'the context path',
    autocomplete: 'off', spellcheck: 'false' });
  const checkStatus = h('input', { type: 'number', id: 'deploy-check-status', min: '100', max: '599',
    placeholder: 'any 2xx or 3xx' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'deploy-submit' }, 'Deploy');
  const result = h('p', { class: 'deploy-result', id: 'deploy-result', 'aria-live': 'polite' });
  const history = deploymentsTable(stack, ctx, onQueued);

  const row = (id, label, input, hint) => h('div', { class: 'form-row' }, h('label', { for: id }, label), input,
    hint ? h('span', { class: 'muted hint' }, hint) : null);
  const form = h('form', { class: 'deploy-form', id: 'deploy-form', novalidate: true },
    h('div', { class: 'deploy-grid' },
      row('deploy-artifact', 'Artifact', artifact),
      fileRow,
      row('deploy-service', 'Service', service),
      row('deploy-path', 'Context path', contextPath, 'empty: the default of the target'),
      row('deploy-check-path', 'Check path', checkPath),
      row('deploy-check-status', 'Expected status', checkStatus)),
    h('div', { class: 'deploy-actions' }, submit, progress, progressText),
    result);
  const el = h('section', { class: 'stack-deploy card', id: 'stack-deploy', 'aria-labelledby': 'deploy-title', hidden: true },
    h('div', { class: 'stack-section-head' }, h('h2', { id: 'deploy-title' }, 'Deploy')), form, history.el);

  function chosenName() {
    if (artifact.value) {
      const o = artifact.selectedOptions[0];
      return o ? o.dataset.name : '';
    }
    return file.files && file.files[0] ? file.files[0].name : '';
  }

  function updateHints() {
    fileRow.hidden = Boolean(artifact.value);
    const t = targets.find((x) => x.name === service.value);
    contextPath.placeholder = defaultPath(t ? t.target : null, chosenName());
  }

  async function loadArtifacts(select) {
    const keep = select || artifact.value;
    const page = await get('/artifacts?limit=100');
    replace(artifact, h('option', { value: '' }, 'Upload a new file…'), (page.items || []).map((a) => h('option',
      { value: a.sha256, dataset: { name: a.name } }, a.name + ' — ' + shortSha(a.sha256) + ' — ' + fmtBytes(a.size))));
    artifact.value = (page.items || []).some((a) => a.sha256 === keep) ? keep : '';
    updateHints();
  }

  async function uploadChosen() {
    const f = file.files && file.files[0];
    if (!f) {
      throw new Error('Choose a file to upload, or an artifact uploaded before.');
    }
    progress.hidden = false;
    progress.value = 0;
    replace(progressText, 'Uploading ' + f.name + '…');
    const answer = await upload('/artifacts?name=' + enc(f.name), f, (loaded, total) => {
      progress.value = Math.round((loaded / total) * 100);
      replace(progressText, 'Uploading ' + f.name + ': ' + fmtBytes(loaded) + ' of ' + fmtBytes(total));
    });
    progress.value = 100;
    replace(progressText, (answer.status === 201 ? 'Uploaded ' : 'Already uploaded: ') + answer.body.name + ' ('
      + shortSha(answer.body.sha256) + ')');
    file.value = '';
    await loadArtifacts(answer.body.sha256);
    return answer.body;
  }

  function request(sha) {
    const body = { service: service.value, artifact: sha };
    if (contextPath.value.trim()) {
      body.path = contextPath.value.trim();
    }
    if (checkPath.value.trim()) {
      body.check = { path: checkPath.value.trim() };
      if (checkStatus.value.trim()) {
        body.check.status = Number(checkStatus.value);
      }
    } else if (checkStatus.value.trim()) {
      throw new Error('An expected status needs a check path.');
    }
    return body;
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    submit.disabled = true;
    replace(result);
    result.classList.remove('error-text');
    try {
      const sha = artifact.value || (await uploadChosen()).sha256;
      const command = await post(path + '/deploy', request(sha));
      const name = artifact.selectedOptions[0] ? artifact.selectedOptions[0].dataset.name : shortSha(sha);
      replace(result, 'Deploy of ' + name + ' into ' + service.value + ' queued: ',
        h('a', { href: '#/commands/' + command.command_id, id: 'deploy-command' }, 'command #' + command.command_id));
      onQueued(command, 'Deploy ' + name + ' into ' + service.value);
      history.refresh();
    } catch (err) {
      result.classList.add('error-text');
      replace(result, 'Deploy refused: ' + errorText(err));
    } finally {
      submit.disabled = false;
    }
  });
  artifact.addEventListener('change', updateHints);
  file.addEventListener('change', updateHints);
  service.addEventListener('change', updateHints);

  return {
    el,
    /** Reads the version's deploy targets when the current version changed; shows the panel when there are some. */
    async setVersion(current) {
      if (current === version) {
        return;
      }
      version = current;
      let v = null;
      try {
        v = current ? await get(path + '/versions/' + enc(current)) : null;
      } catch (e) {
        version = null; // asked again at the next refresh
        throw e;
      }
      targets = v ? deployTargets(v.compose) : [];
      const keep = service.value;
      replace(service, targets.map((t) => h('option', { value: t.name }, t.name + ' (' + t.target + ')')));
      if (targets.some((t) => t.name === keep)) {
        service.value = keep;
      }
      el.hidden = targets.length === 0;
      if (targets.length > 0) {
        await Promise.all([loadArtifacts(), history.refresh()]);
      }
    },
    /** A command event of this stack: the history follows its DEPLOY_ARTIFACT commands. */
    onCommand(event) {
      if (event.type === 'DEPLOY_ARTIFACT' && !el.hidden) {
        history.refreshSoon();
      }
    },
    close() {
      history.close();
    },
  };
}
