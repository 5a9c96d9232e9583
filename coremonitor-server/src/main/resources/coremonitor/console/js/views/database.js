// One managed database (#/databases/{project}): its connection information with a Copy button each, the live status
// of its stack (GET /databases/{project} asks Docker), a link to the stack's page, its password revealed on demand
// (POST /secrets/{password_secret}/reveal: masked, Show/Hide/Copy, forgotten when the screen is left, never kept in
// storage, the URL or an attribute), its backups (make one, restore one after a confirmation) and Delete.
import { get, post, call, enc } from '../api.js';
import { h, replace, badge, pageHeader, confirmDialog, errorText, fmtTime, fmtBytes } from '../dom.js';
import { valueBox, copyButton } from './secret-value.js';
import { engineLabel } from './databases.js';

/** How often the live status is asked again while the page is open. */
const STATUS_EVERY_MS = 15000;

/** The memory limit: the server answers it in bytes. */
function memoryText(memory) {
  return /^\d+$/.test(String(memory)) ? fmtBytes(Number(memory)) : String(memory);
}

export async function render(main, params, ctx) {
  const project = params.id;
  const path = '/databases/' + enc(project);
  const state = { closed: false, revealed: null, timer: null };
  let db = await get(path);

  const statusBox = h('div', { id: 'db-status', class: 'db-status-box', 'aria-live': 'polite' });
  const connection = h('dl', { id: 'db-connection', class: 'db-connection' });
  const secretBox = h('div', { id: 'db-password', class: 'db-password' });
  const revealButton = h('button', { type: 'button', class: 'btn', id: 'db-reveal' }, 'Reveal password');
  const backupsBody = h('tbody');
  const backupsWrap = h('div', { class: 'table-wrap' }, h('table', { id: 'db-backups', class: 'db-backups-table' },
    h('thead', {}, h('tr', {}, ['Backup', 'Size', 'Made', 'Actions'].map((t) => h('th', { scope: 'col' }, t)))),
    backupsBody));
  const backupsEmpty = h('p', { class: 'muted', id: 'db-backups-empty', hidden: true }, 'No backup yet.');
  const backupButton = h('button', { type: 'button', class: 'btn', id: 'db-backup' }, 'Back up now');
  const deleteButton = h('button', { type: 'button', class: 'btn btn-danger', id: 'db-delete' }, 'Delete');
  const stackLink = h('a', { href: '#/stacks/' + enc(db.stack_id), id: 'db-stack-link', class: 'btn' }, 'Stack page');

  replace(main, pageHeader('Database ' + project, stackLink, deleteButton),
    h('p', { class: 'muted' }, h('a', { href: '#/databases' }, '‹ All databases')),
    h('div', { class: 'db-detail-grid' },
      h('section', { class: 'card', 'aria-labelledby': 'db-connection-title' },
        h('h2', { id: 'db-connection-title' }, 'Connection'), connection),
      h('section', { class: 'card', 'aria-labelledby': 'db-status-title' },
        h('h2', { id: 'db-status-title' }, 'Status'), statusBox,
        h('h2', { id: 'db-password-title' }, 'Password'),
        h('p', { class: 'muted small' }, 'Kept in the secret store as ', h('code', {}, db.password_secret),
          '; revealing it is logged with who asked.'),
        h('div', { class: 'toolbar' }, revealButton), secretBox)),
    h('section', { 'aria-labelledby': 'db-backups-title' },
      h('h2', { id: 'db-backups-title' }, 'Backups'),
      h('div', { class: 'toolbar' }, backupButton,
        h('span', { class: 'muted small' }, 'A dump made inside the running container, stored as an artifact.')),
      backupsWrap, backupsEmpty));

  function showConnection() {
    const rows = [['host', 'Host', db.host], ['port', 'Port', String(db.port)], ['database', 'Database', db.database],
      ['user', 'User', db.user], ['jdbc_url', 'JDBC URL', db.jdbc_url], ['uri', 'URI', db.uri]];
    replace(connection, rows.map(([key, label, value]) => h('div', { class: 'db-connection-row', dataset: { field: key } },
      h('dt', {}, label), h('dd', {}, h('code', { class: 'mono' }, value),
        copyButton(value, 'Copy the ' + label + ' of ' + project, ctx.toast)))),
    h('div', { class: 'db-connection-row' }, h('dt', {}, 'Engine'),
      h('dd', {}, engineLabel(db.engine) + ' ' + db.version, h('span', { class: 'muted small' }, ' ' + db.image))),
    h('div', { class: 'db-connection-row' }, h('dt', {}, 'Limits'),
      h('dd', {}, memoryText(db.memory) + ', ' + db.cpus + ' CPU', h('span', { class: 'muted small' },
        ' · created ' + fmtTime(db.created_at)))));
  }

  function showStatus() {
    const s = db.status || {};
    const service = (s.services && s.services.db) || {};
    replace(statusBox,
      h('p', {}, badge(s.actual, s.desired ? 'desired ' + s.desired : null),
        s.version ? h('span', { class: 'muted small' }, ' ' + s.version) : null),
      h('p', { class: 'small' }, 'Container: ', h('span', { class: 'mono', id: 'db-container-state' },
        service.state || 'none'), service.health ? ' (' + service.health + ')' : null),
      s.reason ? h('p', { class: 'small muted' }, s.reason) : null);
  }

  async function refreshStatus() {
    try {
      const fresh = await get(path);
      if (!state.closed) {
        db = fresh;
        showStatus();
      }
    } catch (e) {
      if (!state.closed && e.status !== 404) {
        replace(statusBox, h('p', { class: 'error-text' }, 'Cannot read the status: ' + errorText(e)));
      }
    }
  }

  // ------------------------------------------------------------------ password

  function forgetPassword() {
    if (state.revealed) {
      state.revealed.forget();
      state.revealed = null;
    }
    replace(secretBox);
    replace(revealButton, 'Reveal password');
  }

  revealButton.addEventListener('click', async () => {
    if (state.revealed) {
      forgetPassword();
      return;
    }
    revealButton.disabled = true;
    try {
      const answer = await post('/secrets/' + enc(db.password_secret) + '/reveal', {});
      if (state.closed) {
        return;
      }
      state.revealed = valueBox(answer.value, 'db-password-value', 'Password of ' + project, ctx.toast);
      replace(secretBox, state.revealed.element);
      replace(revealButton, 'Forget password');
    } catch (e) {
      ctx.toast('Cannot reveal the password: ' + errorText(e), 'error');
    } finally {
      revealButton.disabled = false;
    }
  });

  // ------------------------------------------------------------------ backups

  async function restore(artifact) {
    const ok = await confirmDialog('Restore ' + artifact.name + '?', [
      h('p', {}, 'The dump is loaded into ', h('strong', {}, project), ': the tables it holds are dropped first and'
        + ' replaced by the backup\'s. Changes made since the backup are lost.')],
    'Restore', { danger: true });
    if (!ok) {
      return;
    }
    try {
      await post(path + '/restore', { artifact: artifact.sha256 });
      ctx.toast('Restored ' + artifact.name + ' into ' + project + '.', 'ok');
    } catch (e) {
      ctx.toast('Cannot restore ' + artifact.name + ': ' + errorText(e), 'error');
    }
  }

  function backupRow(a) {
    return h('tr', { dataset: { sha256: a.sha256, name: a.name } },
      h('th', { scope: 'row', class: 'mono db-backup-name', 'data-label': 'Backup' }, a.name),
      h('td', { 'data-label': 'Size' }, fmtBytes(a.size)),
      h('td', { 'data-label': 'Made', class: 'small' }, fmtTime(a.created_at),
        a.created_by ? h('span', { class: 'muted' }, ' by ' + a.created_by) : null),
      h('td', { class: 'row-actions', 'data-label': 'Actions' }, h('button', { type: 'button', class: 'btn btn-small',
        dataset: { action: 'restore' }, 'aria-label': 'Restore ' + a.name, onclick: () => restore(a) }, 'Restore')));
  }

  async function loadBackups() {
    const list = await get(path + '/backups');
    if (state.closed) {
      return;
    }
    replace(backupsBody, list.items.map(backupRow));
    backupsWrap.hidden = list.items.length === 0;
    backupsEmpty.hidden = list.items.length !== 0;
  }

  backupButton.addEventListener('click', async () => {
    backupButton.disabled = true;
    replace(backupButton, 'Backing up…');
    try {
      const artifact = await post(path + '/backups', {});
      ctx.toast('Backed up ' + project + ' as ' + artifact.name + '.', 'ok');
      await loadBackups();
    } catch (e) {
      ctx.toast('Cannot back up ' + project + ': ' + errorText(e), 'error');
    } finally {
      backupButton.disabled = false;
      replace(backupButton, 'Back up now');
    }
  });

  // ------------------------------------------------------------------ delete

  deleteButton.addEventListener('click', async () => {
    const volumes = h('input', { type: 'checkbox', id: 'db-delete-volumes' });
    const ok = await confirmDialog('Delete ' + project + '?', [
      h('p', {}, 'The containers and the network of its stack are removed, then its password. Backups stay.'),
      h('label', { class: 'radio', for: 'db-delete-volumes' }, volumes, ' Also remove the data volume (the data is'
        + ' gone for good)')],
    'Delete ' + project, { danger: true });
    if (!ok) {
      return;
    }
    deleteButton.disabled = true;
    replace(deleteButton, 'Deleting…');
    try {
      const answer = await call('DELETE', path + (volumes.checked ? '?remove_volumes=true' : ''));
      ctx.toast('Deleted ' + project + (answer && answer.volumes_removed ? ' and its data volume.' : '; its data'
        + ' volume is kept.'), 'ok');
      ctx.navigate('#/databases');
    } catch (e) {
      ctx.toast('Cannot delete ' + project + ': ' + errorText(e), 'error');
      deleteButton.disabled = false;
      replace(deleteButton, 'Delete');
    }
  });

  showConnection();
  showStatus();
  await loadBackups().catch((e) => replace(backupsEmpty, 'Cannot read the backups: ' + errorText(e)));
  state.timer = setInterval(refreshStatus, STATUS_EVERY_MS);
  return () => {
    state.closed = true;
    clearInterval(state.timer);
    forgetPassword();
  };
}
