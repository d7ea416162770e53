// CityStat: draws the page's figures with chart.js and the open-requests map as SVG.
// Plain script, no build step. The numbers come from the page itself (#citystat-data); the
// tables under each chart hold the same numbers without JavaScript.
'use strict';

(() => {
  const island = document.getElementById('citystat-data');
  if (!island || !window.Chart) return;
  const stat = JSON.parse(island.textContent);
  const { Chart } = window;

  // Okabe–Ito: told apart by people with the common colour-vision deficiencies.
  const COLORS = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'];
  const OTHER = '#8a8f98';
  const BRAND = '#0b4f8a';

  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.font.family = getComputedStyle(document.documentElement).fontFamily;
  Chart.defaults.color = '#1b1f24';

  const charts = [];
  function chart(id, config) {
    const canvas = document.getElementById(id);
    if (canvas) charts.push(new Chart(canvas, config));
  }
  const percentTick = { callback: (v) => `${Math.round(v * 100)}%` };
  // Long department and type names would squeeze the bars; the full name is in the tooltip and table.
  const shortLabel = {
    callback(value) {
      const label = this.getLabelForValue(value);
      return label.length > 30 ? `${label.slice(0, 29)}…` : label;
    },
  };
  const horizontal = { indexAxis: 'y', scales: { x: { beginAtZero: true }, y: { ticks: shortLabel } } };

  chart('chart-hour', {
    type: 'bar',
    data: {
      labels: stat.callsByHour.map((h) => String(h.hour).padStart(2, '0')),
      datasets: [{ label: 'Calls', data: stat.callsByHour.map((h) => h.calls), backgroundColor: BRAND }],
    },
    options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } },
  });

  chart('chart-day', {
    type: stat.callsByDay.length > 62 ? 'line' : 'bar',
    data: {
      labels: stat.callsByDay.map((d) => d.day),
      datasets: [{
        label: 'Calls',
        data: stat.callsByDay.map((d) => d.calls),
        backgroundColor: BRAND,
        borderColor: BRAND,
        pointRadius: 0,
        borderWidth: 1.5,
      }],
    },
    options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true }, x: { ticks: { maxTicksLimit: 12 } } } },
  });

  const endings = stat.endings.filter((e) => e.calls > 0);
  chart('chart-endings', {
    type: 'bar',
    data: {
      labels: endings.map((e) => e.label),
      datasets: [{
        label: 'Calls',
        data: endings.map((e) => e.calls),
        backgroundColor: endings.map((e) => (['report', 'status', 'goodbye'].includes(e.ending) ? '#009E73' : e.ending.startsWith('abandoned') ? '#D55E00' : BRAND)),
      }],
    },
    options: { ...horizontal, plugins: { legend: { display: false } } },
  });

  chart('chart-speech', {
    type: 'doughnut',
    data: {
      labels: stat.speech.map((s) => s.label),
      datasets: [{ data: stat.speech.map((s) => s.calls), backgroundColor: ['#009E73', '#E69F00', '#D55E00'] }],
    },
    options: { plugins: { legend: { position: 'right' } } },
  });

  chart('chart-queues', {
    data: {
      labels: stat.queues.map((q) => q.queue),
      datasets: [
        { type: 'bar', label: 'Median wait (min)', data: stat.queues.map((q) => (q.medianWaitS ?? 0) / 60), backgroundColor: '#56B4E9', yAxisID: 'y' },
        { type: 'bar', label: '90th percentile (min)', data: stat.queues.map((q) => (q.p90WaitS ?? 0) / 60), backgroundColor: '#0072B2', yAxisID: 'y' },
        { type: 'line', label: 'Abandon rate', data: stat.queues.map((q) => q.abandonRate ?? 0), borderColor: '#D55E00', backgroundColor: '#D55E00', yAxisID: 'rate', pointRadius: 5, showLine: false },
      ],
    },
    options: {
      scales: {
        y: { beginAtZero: true, title: { display: true, text: 'minutes' } },
        rate: { position: 'right', beginAtZero: true, suggestedMax: 0.5, ticks: percentTick, grid: { drawOnChartArea: false } },
      },
    },
  });

  chart('chart-callbacks', {
    type: 'bar',
    data: {
      labels: stat.queues.map((q) => q.queue),
      datasets: [
        { label: 'Requested', data: stat.queues.map((q) => q.callbacksMade), backgroundColor: '#0072B2' },
        { label: 'Reached', data: stat.queues.map((q) => q.callbacksAnswered), backgroundColor: '#009E73' },
        { label: 'Failed', data: stat.queues.map((q) => q.callbacksFailed), backgroundColor: '#D55E00' },
        { label: 'Still due', data: stat.queues.map((q) => q.callbacksOpen), backgroundColor: '#E69F00' },
      ],
    },
    options: { scales: { y: { beginAtZero: true } } },
  });

  const departments = stat.requests.byDepartment;
  chart('chart-departments', {
    type: 'bar',
    data: {
      labels: departments.map((d) => d.name),
      datasets: [
        { label: 'Closed', data: departments.map((d) => d.closed), backgroundColor: '#009E73' },
        { label: 'Open', data: departments.map((d) => d.open), backgroundColor: '#E69F00' },
        { label: 'Neighbours’ reports merged', data: departments.map((d) => d.mergedReports), backgroundColor: '#56B4E9', stack: 'merged' },
      ],
    },
    options: { indexAxis: 'y', scales: { x: { stacked: true, beginAtZero: true }, y: { stacked: true, ticks: shortLabel } } },
  });

  const closing = departments.filter((d) => d.closed > 0);
  chart('chart-close', {
    type: 'bar',
    data: {
      labels: closing.map((d) => d.name),
      datasets: [
        { label: 'Median (days)', data: closing.map((d) => (d.medianCloseH ?? 0) / 24), backgroundColor: '#56B4E9' },
        { label: '90th percentile (days)', data: closing.map((d) => (d.p90CloseH ?? 0) / 24), backgroundColor: '#0072B2' },
      ],
    },
    options: horizontal,
  });

  const types = stat.requests.byType.slice(0, 15);
  chart('chart-types', {
    type: 'bar',
    data: {
      labels: types.map((t) => t.service),
      datasets: [
        { label: 'Closed', data: types.map((t) => t.closed), backgroundColor: '#009E73' },
        { label: 'Open', data: types.map((t) => t.open), backgroundColor: '#E69F00' },
      ],
    },
    options: { indexAxis: 'y', scales: { x: { stacked: true, beginAtZero: true }, y: { stacked: true, ticks: shortLabel } } },
  });

  document.documentElement.dataset.charts = String(charts.length);

  // ---- the map: GeoJSON outlines and request cells projected onto an SVG, no tiles ----

  const SVG = 'http://www.w3.org/2000/svg';
  const mapBox = document.getElementById('map');
  const legend = document.getElementById('map-legend');

  function el(name, attrs, parent) {
    const node = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    if (parent) parent.appendChild(node);
    return node;
  }

  function rings(geometry) {
    if (!geometry) return [];
    if (geometry.type === 'Polygon') return geometry.coordinates;
    if (geometry.type === 'MultiPolygon') return geometry.coordinates.flat();
    return [];
  }

  function drawMap(areas) {
    const features = areas.features;
    const frame = features.filter((f) => f.properties.kind === 'council');
    const points = (frame.length ? frame : features).flatMap((f) => rings(f.geometry).flat());
    if (!points.length) throw new Error('no outlines to draw');
    const lons = points.map((p) => p[0]);
    const lats = points.map((p) => p[1]);
    const [minLon, maxLon, minLat, maxLat] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
    // Equirectangular around the city's middle latitude: at this size, as true as any projection.
    const k = Math.cos(((minLat + maxLat) / 2) * Math.PI / 180);
    const width = 1000;
    const scale = width / ((maxLon - minLon) * k);
    const height = Math.ceil((maxLat - minLat) * scale);
    const x = (lon) => ((lon - minLon) * k * scale).toFixed(1);
    const y = (lat) => ((maxLat - lat) * scale).toFixed(1);
    const pathOf = (geometry) => rings(geometry).map((ring) => `M${ring.map((p) => `${x(p[0])},${y(p[1])}`).join('L')}Z`).join('');

    mapBox.textContent = '';
    const svg = el('svg', { viewBox: `-10 -10 ${width + 20} ${height + 20}`, class: 'map-svg', 'aria-hidden': 'true' }, mapBox);
    const layer = (name) => el('g', { class: `layer ${name}` }, svg);
    const parks = layer('parks');
    const council = layer('districts council');
    const police = layer('districts police');
    police.style.display = 'none';
    const labels = layer('labels');
    const dots = layer('dots');

    for (const f of features) {
      const { kind, name } = f.properties;
      const parent = kind === 'park' ? parks : kind === 'council' ? council : kind === 'police' ? police : undefined;
      if (!parent) continue;
      const path = el('path', { d: pathOf(f.geometry), class: kind }, parent);
      el('title', {}, path).textContent = kind === 'park' ? name : `${kind === 'council' ? 'Council district' : 'Police district'} ${name}`;
      if (kind !== 'park') {
        const pts = rings(f.geometry).flat();
        const cx = pts.reduce((s, p) => s + p[0], 0) / pts.length;
        const cy = pts.reduce((s, p) => s + p[1], 0) / pts.length;
        const text = el('text', { x: x(cx), y: y(cy), class: `label ${kind}` }, labels);
        text.textContent = kind === 'council' ? name.replace(/^District\s*/i, '') : name;
        if (kind === 'police') text.style.display = 'none';
      }
    }

    const shown = stat.openRequests.types.slice(0, 8);
    const colorOf = new Map(shown.map((t, i) => [t.code, COLORS[i % COLORS.length]]));
    const nameOf = new Map(stat.openRequests.types.map((t) => [t.code, t.service]));
    for (const c of [...stat.openRequests.cells].sort((a, b) => b.count - a.count)) {
      const dot = el('circle', {
        cx: x(c.long), cy: y(c.lat), r: (4 + Math.sqrt(c.count) * 2.4).toFixed(1),
        fill: colorOf.get(c.type) ?? OTHER, class: 'dot',
      }, dots);
      el('title', {}, dot).textContent = `${c.count} open: ${c.type === 'other' ? 'other types' : nameOf.get(c.type) ?? c.type}`;
    }

    legend.textContent = '';
    const others = stat.openRequests.types.slice(8).reduce((s, t) => s + t.count, 0);
    for (const [text, color] of [
      ...shown.map((t) => [`${t.service} (${t.count})`, colorOf.get(t.code)]),
      ...(others ? [[`Other types (${others})`, OTHER]] : []),
    ]) {
      const li = document.createElement('li');
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = color;
      li.append(swatch, text);
      legend.appendChild(li);
    }

    for (const input of document.querySelectorAll('input[name="districts"]')) {
      input.addEventListener('change', () => {
        for (const kind of ['council', 'police']) {
          const on = input.value === kind;
          svg.querySelector(`g.${kind}`).style.display = on ? '' : 'none';
          for (const t of labels.querySelectorAll(`text.${kind}`)) t.style.display = on ? '' : 'none';
        }
      });
    }
    mapBox.dataset.drawn = 'true';
    mapBox.dataset.outlines = String(svg.querySelectorAll('path').length);
    mapBox.dataset.dots = String(svg.querySelectorAll('circle').length);
  }

  fetch('/admin/stats/areas.json', { credentials: 'same-origin', headers: { accept: 'application/json' } })
    .then((r) => {
      if (!r.ok) throw new Error(`outlines answered ${r.status}`);
      return r.json();
    })
    .then(drawMap)
    .catch((err) => {
      mapBox.textContent = `The map could not be drawn: ${err.message}`;
      mapBox.dataset.drawn = 'failed';
    });
})();
