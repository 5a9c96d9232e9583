// Side-by-side diff of two versions' definitions (as YAML with sorted keys, line diff by jsdiff: global Diff), and the
// per-service field summary of GET /stacks/{id}/versions/{v}/diff?against=...
import { h, replace } from '../dom.js';

/** Unchanged lines kept around a change; longer unchanged runs fold behind a button. */
const CONTEXT = 3;

/** A definition (canonical JSON) as YAML with sorted keys, so that two versions compare line by line. */
export function yamlSorted(compose) {
  return jsyaml.dump(compose, { sortKeys: true, lineWidth: -1, noRefs: true });
}

function linesOf(value) {
  const lines = value.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') {
    lines.pop();
  }
  return lines;
}

/** The rows of a side-by-side diff: {kind: same|change|removed|added, left, right, ln, rn}. */
export function diffRows(leftText, rightText) {
  const parts = Diff.diffLines(leftText, rightText);
  const rows = [];
  let ln = 1;
  let rn = 1;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (!p.added && !p.removed) {
      linesOf(p.value).forEach((t) => rows.push({ kind: 'same', left: t, right: t, ln: ln++, rn: rn++ }));
    } else if (p.removed) {
      const removed = linesOf(p.value);
      const next = parts[i + 1];
      const added = next && next.added ? linesOf(next.value) : [];
      if (next && next.added) {
        i++;
      }
      for (let k = 0; k < Math.max(removed.length, added.length); k++) {
        const hasL = k < removed.length;
        const hasR = k < added.length;
        rows.push({ kind: hasL && hasR ? 'change' : (hasL ? 'removed' : 'added'), left: hasL ? removed[k] : null,
          right: hasR ? added[k] : null, ln: hasL ? ln++ : null, rn: hasR ? rn++ : null });
      }
    } else {
      linesOf(p.value).forEach((t) => rows.push({ kind: 'added', left: null, right: t, ln: null, rn: rn++ }));
    }
  }
  return rows;
}

/** The text of one side of a changed line, its changed words in <mark>. */
function words(left, right, side) {
  const parts = Diff.diffWordsWithSpace(left, right);
  return parts.filter((p) => (side === 'left' ? !p.added : !p.removed))
    .map((p) => ((p.added || p.removed) ? h('mark', {}, p.value) : p.value));
}

function cells(row) {
  const leftClass = row.left === null ? 'diff-empty' : (row.kind === 'same' ? '' : 'diff-del');
  const rightClass = row.right === null ? 'diff-empty' : (row.kind === 'same' ? '' : 'diff-add');
  const leftText = row.kind === 'change' ? words(row.left, row.right, 'left') : (row.left === null ? '' : row.left);
  const rightText = row.kind === 'change' ? words(row.left, row.right, 'right') : (row.right === null ? '' : row.right);
  return h('tr', { class: 'diff-row', dataset: { kind: row.kind } },
    h('td', { class: 'diff-num ' + leftClass, 'aria-hidden': 'true' }, row.ln === null ? '' : String(row.ln)),
    h('td', { class: 'diff-line ' + leftClass, dataset: { side: 'left' } },
      row.kind === 'removed' || row.kind === 'change' ? h('span', { class: 'sr-only' }, 'removed: ') : null, leftText),
    h('td', { class: 'diff-num ' + rightClass, 'aria-hidden': 'true' }, row.rn === null ? '' : String(row.rn)),
    h('td', { class: 'diff-line ' + rightClass, dataset: { side: 'right' } },
      row.kind === 'added' || row.kind === 'change' ? h('span', { class: 'sr-only' }, 'added: ') : null, rightText));
}

/**
 * A table of two aligned columns: the left version's lines and the right one's, removed lines highlighted on the
 * left, added ones on the right, each with its line number. Long unchanged runs fold behind a "show" button.
 */
export function sideBySide(leftText, rightText, leftLabel, rightLabel) {
  const rows = diffRows(leftText, rightText);
  const changed = rows.some((r) => r.kind !== 'same');
  const body = h('tbody', {});
  let i = 0;
  while (i < rows.length) {
    if (rows[i].kind !== 'same' || !changed) {
      body.appendChild(cells(rows[i]));
      i++;
      continue;
    }
    let j = i;
    while (j < rows.length && rows[j].kind === 'same') {
      j++;
    }
    const head = i === 0 ? 0 : CONTEXT;
    const tail = j === rows.length ? 0 : CONTEXT;
    if (j - i > head + tail + 1) {
      rows.slice(i, i + head).forEach((r) => body.appendChild(cells(r)));
      const hidden = rows.slice(i + head, j - tail);
      const fold = h('tr', { class: 'diff-fold' });
      const show = h('button', { type: 'button', class: 'linkish', onclick: () => {
        hidden.forEach((r) => body.insertBefore(cells(r), fold));
        fold.remove();
      } }, 'Show ' + hidden.length + ' unchanged line' + (hidden.length === 1 ? '' : 's'));
      fold.appendChild(h('td', { colspan: '4' }, show));
      body.appendChild(fold);
      rows.slice(j - tail, j).forEach((r) => body.appendChild(cells(r)));
    } else {
      rows.slice(i, j).forEach((r) => body.appendChild(cells(r)));
    }
    i = j;
  }
  return h('table', { class: 'diff-table mono', id: 'diff' },
    h('colgroup', {}, h('col', { class: 'diff-col-num' }), h('col', {}), h('col', { class: 'diff-col-num' }), h('col', {})),
    h('thead', {}, h('tr', {}, h('th', { colspan: '2', scope: 'colgroup' }, leftLabel),
      h('th', { colspan: '2', scope: 'colgroup' }, rightLabel))),
    body);
}

/** The field summary of the diff API: which services (networks, volumes) were added, removed or changed, and how. */
export function fieldSummary(diff, target) {
  const items = [];
  const group = (title, g, dataKey) => {
    if (!g) {
      return;
    }
    (g.added || []).forEach((n) => items.push(h('li', { dataset: { [dataKey]: n, change: 'added' } },
      h('span', { class: 'change change-added' }, 'added'), ' ', title, ' ', h('strong', {}, n))));
    (g.removed || []).forEach((n) => items.push(h('li', { dataset: { [dataKey]: n, change: 'removed' } },
      h('span', { class: 'change change-removed' }, 'removed'), ' ', title, ' ', h('strong', {}, n))));
    (g.changed || []).forEach((c) => items.push(h('li', { dataset: { [dataKey]: c.name, change: 'changed' } },
      h('span', { class: 'change change-changed' }, 'changed'), ' ', title, ' ', h('strong', {}, c.name),
      (c.fields || []).length ? ': ' : '', (c.fields || []).map((f, k) => [k ? ', ' : '', h('code', {}, f)]))));
  };
  group('service', diff.services, 'service');
  group('network', diff.networks, 'network');
  group('volume', diff.volumes, 'volume');
  group('env file', diff.files, 'file');
  if (diff.name_changed) {
    items.push(h('li', { dataset: { change: 'name' } }, h('span', { class: 'change change-changed' }, 'changed'),
      ' the project name (', h('code', {}, 'name'), ')'));
  }
  if (diff.identical || items.length === 0) {
    return replace(target, h('p', { class: 'muted' }, 'The two definitions are identical.'));
  }
  return replace(target, h('ul', { class: 'field-summary' }, items));
}
