// The stack page's resource charts (uPlot, the `uPlot` global, loaded by stack.js through libs.js): per service CPU %, memory and network
// receive/transmit rates over the last hour, from GET /stacks/{id}/stats. There is no stats event: the server samples
// every --stats-interval (15 s by default), so the charts poll the stats route every 15 s while the page is open.
import { get, query, enc } from '../api.js';
import { h, replace, fmtBytes } from '../dom.js';

export const POLL_MS = 15000;
const WINDOW_MS = 3600 * 1000;
const MAX_POINTS = 240;
const HEIGHT = 140;

const pct = (v) => (v === null || v === undefined ? '—' : v.toFixed(v < 10 ? 2 : 1) + ' %');
const bytes = (v) => (v === null || v === undefined ? '—' : fmtBytes(Math.round(v)));
const rate = (v) => (v === null || v === undefined ? '—' : fmtBytes(Math.round(v)) + '/s');

/** Series of one service: x in seconds, CPU %, memory bytes, rx and tx in bytes per second (counters differentiated). */
export function toSeries(items) {
  const x = [];
  const cpu = [];
  const mem = [];
  const rx = [];
  const tx = [];
  let prev = null;
  items.forEach((it) => {
    const t = Date.parse(it.sampled_at) / 1000;
    if (!isFinite(t) || (prev && t <= prev.t)) {
      return;
    }
    x.push(t);
    cpu.push(Number(it.cpu_percent));
    mem.push(Number(it.mem_usage));
    if (prev && prev.container === it.container_id) {
      const dt = t - prev.t;
      const drx = it.net_rx - prev.rx;
      const dtx = it.net_tx - prev.tx;
      // a counter that went down belongs to a restarted container: no rate for that step
      rx.push(drx >= 0 ? drx / dt : null);
      tx.push(dtx >= 0 ? dtx / dt : null);
    } else {
      rx.push(null);
      tx.push(null);
    }
    prev = { t, rx: it.net_rx, tx: it.net_tx, container: it.container_id };
  });
  return { x, cpu, mem, rx, tx };
}

function options(width, colour, metric) {
  const axisX = { stroke: '#6b7280', grid: { stroke: '#eef0f3' }, ticks: { stroke: '#e5e7eb' } };
  const axisY = Object.assign({}, axisX, { size: 84 });
  const base = { width, height: HEIGHT, scales: { x: { time: true } }, cursor: { drag: { x: false, y: false } },
    legend: { live: true } };
  if (metric === 'cpu') {
    return Object.assign(base, {
      series: [{}, { label: 'CPU', stroke: colour, width: 1.5, fill: colour + '22', value: (u, v) => pct(v) }],
      scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(1, max * 1.2)] } },
      axes: [axisX, Object.assign(axisY, { values: (u, vals) => vals.map((v) => v + ' %') })],
    });
  }
  if (metric === 'mem') {
    return Object.assign(base, {
      series: [{}, { label: 'Memory', stroke: colour, width: 1.5, fill: colour + '22', value: (u, v) => bytes(v) }],
      scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(1024, max * 1.2)] } },
      axes: [axisX, Object.assign(axisY, { incrs: BYTE_STEPS, values: (u, vals) => vals.map((v) => fmtBytes(v)) })],
    });
  }
  return Object.assign(base, {
    series: [{},
      { label: 'Receive', stroke: colour, width: 1.5, value: (u, v) => rate(v), spanGaps: false },
      { label: 'Transmit', stroke: colour, width: 1.5, dash: [5, 4], value: (u, v) => rate(v), spanGaps: false }],
    scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(1024, (max || 0) * 1.2)] } },
    axes: [axisX, Object.assign(axisY, { incrs: BYTE_STEPS, values: (u, vals) => vals.map((v) => fmtBytes(v) + '/s') })],
  });
}

// axis steps in powers of two of KiB, MiB... so that byte ticks read 256 KiB, 512 KiB, 1.0 MiB rather than 976.6 KiB
const BYTE_STEPS = [];
for (let k = 0; k < 5; k++) {
  for (let m = 1; m < 1024; m *= 2) {
    BYTE_STEPS.push(m * Math.pow(1024, k));
  }
}

/** The latest value of a metric, for the chart's caption. */
function latest(metric, s) {
  const last = (a) => {
    for (let i = a.length - 1; i >= 0; i--) {
      if (a[i] !== null && a[i] !== undefined) {
        return a[i];
      }
    }
    return null;
  };
  if (metric === 'cpu') {
    return pct(last(s.cpu));
  }
  if (metric === 'mem') {
    return bytes(last(s.mem));
  }
  return '↓ ' + rate(last(s.rx)) + '  ↑ ' + rate(last(s.tx));
}

const METRICS = [
  { key: 'cpu', title: 'CPU' },
  { key: 'mem', title: 'Memory' },
  { key: 'net', title: 'Network' },
];

/**
 * The charts section of stack {id}. colourOf(service) gives the service's CSS colour class (its computed colour draws
 * the lines). Returns { el, setServices(names), close() }: setServices adds a group for each new service.
 */
export function chartsPanel(stack, colourOf) {
  const groups = new Map(); // service -> {el, swatch, status, charts: {metric: {box, plot}}}
  const observers = [];
  let timer = null;
  let closed = false;
  let loading = false;
  let again = false;

  const grid = h('div', { class: 'chart-groups' });
  const note = h('p', { class: 'muted chart-note', id: 'chart-note' },
    'The last hour, sampled by the server; refreshed every 15 s.');
  const el = h('section', { class: 'stack-charts card', 'aria-labelledby': 'charts-title' },
    h('div', { class: 'stack-section-head' }, h('h2', { id: 'charts-title' }, 'Resources'), note), grid);

  function group(service) {
    if (groups.has(service)) {
      return groups.get(service);
    }
    const swatch = h('span', { class: 'swatch ' + colourOf(service), 'aria-hidden': 'true' });
    const status = h('span', { class: 'muted chart-status' }, 'no samples yet');
    const charts = {};
    const boxes = METRICS.map((m) => {
      const box = h('div', { class: 'chart-box', dataset: { metric: m.key } });
      const value = h('span', { class: 'chart-value', dataset: { metric: m.key } });
      charts[m.key] = { box, value, plot: null };
      return h('figure', { class: 'chart' }, h('figcaption', {}, m.title, ' ', value), box);
    });
    const g = { el: h('div', { class: 'chart-group', dataset: { service, points: '0' } },
      h('h3', {}, swatch, service, ' ', status), h('div', { class: 'chart-row' }, boxes)), swatch, status, charts };
    groups.set(service, g);
    grid.appendChild(g.el);
    return g;
  }

  function draw(service, items) {
    const g = group(service);
    const s = toSeries(items);
    g.el.dataset.points = String(s.x.length);
    replace(g.status, s.x.length === 0 ? 'no samples yet'
      : s.x.length + ' samples, last ' + new Date(s.x[s.x.length - 1] * 1000).toLocaleTimeString());
    if (s.x.length === 0) {
      return;
    }
    const colour = getComputedStyle(g.swatch).color || '#2563eb';
    const data = { cpu: [s.x, s.cpu], mem: [s.x, s.mem], net: [s.x, s.rx, s.tx] };
    METRICS.forEach((m) => {
      const c = g.charts[m.key];
      replace(c.value, latest(m.key, s));
      if (c.plot) {
        c.plot.setData(data[m.key]);
        return;
      }
      const width = Math.max(200, c.box.clientWidth);
      c.plot = new window.uPlot(options(width, hex(colour), m.key), data[m.key], c.box);
      const ro = new ResizeObserver(() => {
        const w = Math.floor(c.box.clientWidth);
        if (c.plot && w > 0 && w !== c.plot.width) {
          c.plot.setSize({ width: w, height: HEIGHT });
        }
      });
      ro.observe(c.box);
      observers.push(ro);
    });
  }

  async function load() {
    if (closed) {
      return;
    }
    if (document.hidden && groups.size > 0 && [...groups.values()].every((g) => g.el.dataset.points !== '0')) {
      return; // a hidden tab skips its rounds; it catches up when it shows again (visibilitychange)
    }
    if (loading) {
      again = true;
      return;
    }
    loading = true;
    const from = new Date(Date.now() - WINDOW_MS).toISOString();
    try {
      await Promise.all([...groups.keys()].map(async (service) => {
        const page = await get('/stacks/' + enc(stack.id) + '/stats'
          + query({ service, from, max_points: MAX_POINTS }));
        if (!closed) {
          draw(service, page.items || []);
        }
      }));
      replace(note, 'The last hour, sampled by the server; refreshed every 15 s.');
    } catch (e) {
      replace(note, 'Cannot read the statistics: ' + e.message);
    } finally {
      loading = false;
    }
    if (again) {
      again = false;
      await load();
    }
  }

  function schedule() {
    if (!closed) {
      timer = setTimeout(async () => {
        await load();
        schedule();
      }, POLL_MS);
    }
  }

  const onVisible = () => {
    if (!document.hidden) {
      load();
    }
  };
  document.addEventListener('visibilitychange', onVisible);

  return {
    el,
    /** Adds the groups of services not charted yet and loads their history. */
    setServices(names) {
      const fresh = names.filter((n) => !groups.has(n));
      fresh.forEach(group);
      if (fresh.length > 0) {
        load();
      }
      if (timer === null) {
        schedule();
      }
    },
    close() {
      closed = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
      observers.forEach((o) => o.disconnect());
      groups.forEach((g) => Object.values(g.charts).forEach((c) => { if (c.plot) { c.plot.destroy(); } }));
      groups.clear();
    },
  };
}

/** rgb(r, g, b) -> #rrggbb (uPlot fills take a colour with an alpha suffix). */
function hex(colour) {
  const m = String(colour).match(/^rgba?\((\d+),\s*(\d+),\s*(\d+)/);
  if (!m) {
    return colour.startsWith('#') && colour.length === 7 ? colour : '#2563eb';
  }
  return '#' + [m[1], m[2], m[3]].map((v) => Number(v).toString(16).padStart(2, '0')).join('');
}
