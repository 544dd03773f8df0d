// Draws goodhart's HTML report from a report document (docs/report-json.md). The self-contained
// report renders the document embedded in its page; the live dashboard loads this same file and
// calls goodhartReport.render with each answer of the server, so both draw the same charts.
// Everything it needs is in this file: the report must open offline, years later, on any machine.
(function () {
  'use strict';

  const DASH = '\u2013';
  const COLORS = {
    shipped: '#2563eb', unshipped: '#f97316', commits: '#16a34a', written: '#94a3b8',
    alive: '#16a34a', yield: '#9333ea', perCommit: '#dc2626', sessions: '#0891b2'
  };
  const PALETTE = ['#2563eb', '#f97316', '#16a34a', '#9333ea', '#dc2626', '#0891b2', '#ca8a04', '#db2777'];
  const WASTE_LABELS = {
    'discarded': 'discarded (no commit)', 'loop': 'loop (repeated prompts)', 'context-bloat': 'context bloat',
    'unattended': 'unattended', 'parallel': 'parallel redundancy'
  };

  // --- formatting: a missing or non-finite number is always a dash, never "null" or "NaN" ---

  function isNumber(value) {
    return typeof value === 'number' && isFinite(value);
  }
  const dollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
  function money(value) {
    return isNumber(value) ? dollars.format(value) : DASH;
  }
  function count(value) {
    return isNumber(value) ? Math.round(value).toLocaleString('en-US') : DASH;
  }
  function percent(value) {
    return isNumber(value) ? (value * 100).toFixed(1) + '%' : DASH;
  }
  function days(value) {
    return isNumber(value) ? value.toFixed(1) + ' days' : DASH;
  }
  function text(value) {
    return typeof value === 'string' && value !== '' ? value : DASH;
  }
  function utcMinute(iso) {
    const time = typeof iso === 'string' ? new Date(iso) : null;
    return time && !isNaN(time.getTime()) ? time.toISOString().slice(0, 16).replace('T', ' ') : text(iso);
  }
  function moneyAxis(value) {
    return '$' + value.toLocaleString('en-US', { maximumFractionDigits: Math.abs(value) < 10 ? 2 : 0 });
  }
  function numberOrNull(row, field) {
    return row && !row.suppressed && isNumber(row[field]) ? row[field] : null;
  }
  function list(value) {
    return Array.isArray(value) ? value : [];
  }
  function escapeHtml(value) {
    return String(value).replace(/[&<>"']/g, (c) => '&#' + c.charCodeAt(0) + ';');
  }

  // Repository paths are long; the last folder names a repository unless two share it.
  function repoLabeller(repos) {
    const last = (repo) => String(repo).replace(/[\\/]+$/, '').split(/[\\/]/).pop() || String(repo);
    const seen = {};
    new Set(repos.map(String)).forEach((repo) => { seen[last(repo)] = (seen[last(repo)] || 0) + 1; });
    return (repo) => (seen[last(repo)] > 1 ? String(repo) : last(repo));
  }

  function element(tag, className, content) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined) node.textContent = content;
    return node;
  }

  // --- the document being drawn, and what follows from it; set again by every render ---

  let doc = {};
  let suppressedText = '';
  let repoLabel = repoLabeller([]);

  function use(next) {
    doc = next !== null && typeof next === 'object' && !Array.isArray(next) ? next : {};
    const minimumGroup = isNumber(doc.privacy && doc.privacy.minimumGroup) ? doc.privacy.minimumGroup : 5;
    suppressedText = 'suppressed (fewer than ' + minimumGroup + ' people)';
    repoLabel = repoLabeller(list(doc.sessions).map((s) => s && s.repo).filter((repo) => typeof repo === 'string'));
  }

  // --- headline ---

  function headline() {
    const totals = doc.totals || {};
    const strip = document.getElementById('headline');
    strip.replaceChildren();
    if (totals.suppressed) {
      strip.appendChild(element('p', 'suppressed', 'Totals ' + suppressedText));
      return;
    }
    const figure = (id, label, value, detail) => {
      const card = element('div', 'figure');
      card.id = 'figure-' + id;
      card.appendChild(element('div', 'label', label));
      card.appendChild(element('div', 'value', value));
      card.appendChild(element('div', 'detail', detail));
      strip.appendChild(card);
    };
    figure('cost', 'Total spend', money(totals.cost), count(totals.sessions) + ' sessions');
    figure('shipped', 'Shipped commits', count(totals.shippedCommits), 'of ' + count(totals.commits) + ' commits');
    figure('cost-per-shipped', 'Cost per shipped commit', money(totals.costPerShippedCommit), 'spend linked to shipped work');
    figure('unshipped', 'Unshipped spend', money(totals.unshippedCost), percent(totals.unshippedShare) + ' of spend');
    figure('yield', 'Yield, 30 days', percent(totals.yield30d), 'of AI lines alive in shipped code');
    figure('alive', 'AI lines alive at head', count(totals.aiLinesAliveAtHead), 'of ' + count(totals.aiLinesWritten) + ' written');
  }

  function period() {
    const node = document.getElementById('period');
    const span = doc.from || doc.to ? text(doc.from) + ' to ' + text(doc.to) + ' (UTC)' : 'No spend recorded';
    node.textContent = span + (doc.generatedAt ? ' \u00b7 generated ' + utcMinute(doc.generatedAt) + ' UTC' : '');
  }

  // --- charts: each builder returns an ECharts option, or a sentence saying why there is none ---

  function base(option) {
    return Object.assign({
      animation: false,
      color: PALETTE,
      textStyle: { fontFamily: 'system-ui, sans-serif' },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', confine: true },
      grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true }
    }, option);
  }
  function valueAxis(name, formatter, extra) {
    return Object.assign({ type: 'value', name: name, axisLabel: { formatter: formatter } }, extra);
  }
  // A second or third axis stands on the right; its name reads leftwards so it is not cut off.
  function rightAxis(name, formatter, extra) {
    return valueAxis(name, formatter, Object.assign({ nameTextStyle: { align: 'right' }, splitLine: { show: false } }, extra));
  }
  function categoryAxis(labels, extra) {
    return Object.assign({ type: 'category', data: labels }, extra);
  }
  function series(name, type, data, color, extra) {
    return Object.assign({ name: name, type: type, data: data, itemStyle: { color: color } }, extra);
  }
  // Long periods and many repositories get a slider rather than unreadably thin bars.
  function zoomBeyond(items, limit) {
    return items > limit ? [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 0 }] : [];
  }

  function spendChart() {
    const rows = list(doc.days);
    if (!rows.length) return 'No spend in this period.';
    const unshipped = rows.map((d) => numberOrNull(d, 'unshippedCost'));
    const linked = rows.map((d, i) => {
      const cost = numberOrNull(d, 'cost');
      return cost === null ? null : Math.max(0, cost - (unshipped[i] || 0));
    });
    return base({
      dataZoom: zoomBeyond(rows.length, 92),
      xAxis: categoryAxis(rows.map((d) => text(d.date))),
      yAxis: [valueAxis('spend', moneyAxis), rightAxis('shipped commits', count, { minInterval: 1 })],
      series: [
        series('Spend linked to shipped commits', 'bar', linked, COLORS.shipped, { stack: 'cost', tooltip: { valueFormatter: money } }),
        series('Unshipped spend', 'bar', unshipped, COLORS.unshipped, { stack: 'cost', tooltip: { valueFormatter: money } }),
        series('Shipped commits', 'line', rows.map((d) => numberOrNull(d, 'shippedCommits')), COLORS.commits,
          { yAxisIndex: 1, lineStyle: { color: COLORS.commits }, tooltip: { valueFormatter: count } })
      ]
    });
  }

  // Billed against observed (docs/spend-json.md): the vendors' bills stacked per day, the spend the
  // logs and telemetry observed as a line, and the gap between them. Used by the dashboard too.
  const VENDORS = [['anthropic', 'Anthropic'], ['openai', 'OpenAI'], ['copilot', 'Copilot'], ['cursor', 'Cursor']];
  function billedVendors(spend) {
    const rows = list(spend && spend.days);
    return VENDORS.filter(([key]) => rows.some((d) => d && d.billed && isNumber(d.billed[key])));
  }

  function billedChart(spend) {
    const rows = list(spend && spend.days).filter((d) => d !== null && typeof d === 'object');
    const vendors = billedVendors(spend);
    if (!vendors.length) {
      return 'No vendor bill imported for these days: goodhart import vendor FILE... reads saved cost reports, '
        + 'goodhart import vendor --from-api anthropic|openai|copilot|cursor asks the vendors.';
    }
    const billed = (d, key) => (d.billed && isNumber(d.billed[key]) ? d.billed[key] : null);
    return base({
      dataZoom: zoomBeyond(rows.length, 92),
      xAxis: categoryAxis(rows.map((d) => text(d.date))),
      yAxis: valueAxis('dollars', moneyAxis),
      series: vendors.map(([key, name], index) => series(name, 'bar', rows.map((d) => billed(d, key)),
        PALETTE[index % PALETTE.length], { stack: 'billed', tooltip: { valueFormatter: money } }))
        .concat([
          series('Observed in logs and telemetry', 'line', rows.map((d) => (isNumber(d.observed) ? d.observed : null)),
            COLORS.commits, { lineStyle: { color: COLORS.commits }, tooltip: { valueFormatter: money } }),
          series('Gap (billed less observed)', 'line', rows.map((d) => (isNumber(d.gap) ? d.gap : null)),
            COLORS.perCommit, { lineStyle: { color: COLORS.perCommit, type: 'dashed' }, tooltip: { valueFormatter: money } })
        ])
    });
  }

  // The period's totals in a sentence, under the chart.
  function billedNote(spend) {
    const totals = (spend && spend.totals) || {};
    const vendors = billedVendors(spend);
    if (!vendors.length) return '';
    const bills = vendors.map(([key, name]) => name + ' ' + money(totals.billed && totals.billed[key])).join(', ');
    return 'Billed ' + bills + '; observed ' + money(totals.observed) + '; gap ' + money(totals.gap)
      + '. A gap above zero is spend no log goodhart read accounts for; below zero, observed spend no imported bill covers.';
  }

  function yieldChart() {
    const rows = list(doc.repos);
    if (!rows.length) return 'No repository in this period.';
    const label = repoLabeller(rows.map((r) => r.repo));
    const suppressed = rows.filter((r) => r.suppressed).map((r) => label(r.repo));
    document.getElementById('note-yield').textContent =
      suppressed.length ? 'Not shown, ' + suppressedText + ': ' + suppressed.join(', ') + '.' : '';
    const shown = rows.filter((r) => !r.suppressed);
    if (!shown.length) return 'Every repository is ' + suppressedText + '.';
    return base({
      dataZoom: zoomBeyond(shown.length, 20),
      xAxis: categoryAxis(shown.map((r) => label(r.repo)), { axisLabel: { interval: 0, rotate: shown.length > 6 ? 30 : 0 } }),
      yAxis: [valueAxis('AI lines', count), rightAxis('yield', percent, { min: 0, max: 1 })],
      series: [
        series('AI lines written', 'bar', shown.map((r) => numberOrNull(r, 'aiLinesWritten')), COLORS.written, { tooltip: { valueFormatter: count } }),
        series('AI lines alive at head', 'bar', shown.map((r) => numberOrNull(r, 'aiLinesAliveAtHead')), COLORS.alive, { tooltip: { valueFormatter: count } }),
        series('Yield, 30 days', 'scatter', shown.map((r) => numberOrNull(r, 'yield30d')), COLORS.yield,
          { yAxisIndex: 1, symbol: 'diamond', symbolSize: 14, tooltip: { valueFormatter: percent } })
      ]
    });
  }

  function survivalChart() {
    const rows = list(doc.repos).filter((r) => !r.suppressed);
    const label = repoLabeller(rows.map((r) => r.repo));
    const curves = [];
    const notes = [];
    rows.forEach((repo, index) => {
      [['ai', 'AI', 'solid'], ['human', 'human', 'dashed']].forEach(([kind, name, dash]) => {
        const curve = repo.survival && repo.survival[kind];
        const points = list(curve && curve.points).filter((p) => isNumber(p.days) && isNumber(p.survival));
        if (!points.length) return;
        const color = PALETTE[index % PALETTE.length];
        curves.push(series(label(repo.repo) + ' \u00b7 ' + name, 'line', points.map((p) => [p.days, p.survival]), color, {
          step: 'end', showSymbol: false, lineStyle: { type: dash, color: color }, tooltip: { valueFormatter: percent }
        }));
        notes.push(label(repo.repo) + ' ' + name + ': half-life ' + days(curve.halfLifeDays) + ', ' + count(curve.lines) + ' lines');
      });
    });
    document.getElementById('note-survival').textContent = notes.join('; ');
    if (!curves.length) {
      return 'No scanned repository: run goodhart scan on a repository to see how long its AI-written and human-written lines survive.';
    }
    return base({
      xAxis: valueAxis('days since written', (v) => v, { nameLocation: 'middle', nameGap: 28, min: 0 }),
      yAxis: valueAxis('alive', (v) => (v * 100).toFixed(0) + '%', { min: 0, max: 1 }),
      grid: { left: 8, right: 24, top: 40, bottom: 32, containLabel: true },
      series: curves
    });
  }

  function efficiencyChart() {
    const rows = list(doc.efficiency);
    if (!rows.length) return 'No sessions in this period.';
    return base({
      xAxis: categoryAxis(rows.map((e) => (isNumber(e.decile) ? 'D' + e.decile : DASH))),
      grid: { left: 8, right: 72, top: 48, bottom: 8, containLabel: true },
      yAxis: [
        valueAxis('spend', moneyAxis),
        rightAxis('shipped', count, { minInterval: 1 }),
        rightAxis('per shipped commit', moneyAxis, { offset: 64, nameGap: 30 })
      ],
      tooltip: {
        trigger: 'axis',
        confine: true,
        formatter: (items) => {
          const decile = rows[items[0].dataIndex];
          const head = escapeHtml('Decile ' + count(decile.decile) + ': ' + count(decile.sessions) + ' sessions of '
            + money(decile.minCost) + ' to ' + money(decile.maxCost));
          const formats = [money, count, money];
          return [head].concat(items.map((item) =>
            item.marker + escapeHtml(item.seriesName + ': ' + formats[item.seriesIndex](item.value)))).join('<br>');
        }
      },
      series: [
        series('Spend', 'bar', rows.map((e) => numberOrNull(e, 'cost')), COLORS.shipped),
        series('Shipped commits', 'bar', rows.map((e) => numberOrNull(e, 'shippedCommits')), COLORS.commits, { yAxisIndex: 1 }),
        series('Cost per shipped commit', 'line', rows.map((e) => numberOrNull(e, 'costPerShippedCommit')), COLORS.perCommit,
          { yAxisIndex: 2, lineStyle: { color: COLORS.perCommit } })
      ]
    });
  }

  function wasteChart() {
    const rows = list(doc.waste).filter((w) => !w.suppressed);
    // The document lists every kind, zeros included; bars of nothing would read as a broken chart.
    if (!rows.some((w) => numberOrNull(w, 'sessions') || numberOrNull(w, 'cost'))) return 'No session showed a waste signal.';
    return base({
      xAxis: categoryAxis(rows.map((w) => WASTE_LABELS[w.kind] || text(w.kind))),
      yAxis: [valueAxis('spend', moneyAxis), rightAxis('sessions', count, { minInterval: 1 })],
      series: [
        series('Spend', 'bar', rows.map((w) => numberOrNull(w, 'cost')), COLORS.unshipped, { tooltip: { valueFormatter: money } }),
        series('Sessions', 'bar', rows.map((w) => numberOrNull(w, 'sessions')), COLORS.sessions,
          { yAxisIndex: 1, tooltip: { valueFormatter: count } })
      ]
    });
  }

  // --- chart groups: the ECharts instances one part of a page made, disposed before it draws again ---

  const groups = [];

  function chartGroup() {
    let charts = [];
    const group = {
      // Resolves once the chart has finished rendering, so tests and screenshots see every chart drawn.
      draw(id, build) {
        const container = document.getElementById(id);
        const empty = (sentence) => {
          container.classList.add('chart-empty');
          container.replaceChildren(element('p', 'empty', sentence));
          return Promise.resolve();
        };
        try {
          const option = build();
          if (typeof option === 'string') return empty(option);
          container.classList.remove('chart-empty');
          container.replaceChildren();
          const chart = echarts.init(container, null, { renderer: 'svg' });
          charts.push(chart);
          const finished = new Promise((resolve) => chart.on('finished', resolve));
          chart.setOption(option);
          return finished;
        } catch (error) {
          console.error('goodhart: chart ' + id + ' could not be drawn', error);
          return empty('This chart could not be drawn: ' + error.message);
        }
      },
      resize() {
        charts.forEach((chart) => chart.resize());
      },
      // A page that redraws every 30 seconds would otherwise keep every chart it ever made.
      dispose() {
        charts.forEach((chart) => chart.dispose());
        charts = [];
      }
    };
    groups.push(group);
    return group;
  }

  // --- session table ---

  // Every kind of link the session has, strongest first: a squash-merged session's work shows as
  // squashed, not as exact commits that never reached the branch.
  const LINK_KINDS = ['exact', 'rewritten', 'squashed', 'content', 'inferred'];

  function commitsText(commits) {
    if (!Array.isArray(commits)) return DASH;
    if (!commits.length) return '0';
    const kinds = LINK_KINDS.map((kind) => [kind, commits.filter((c) => c.link === kind).length])
      .filter(([, n]) => n > 0)
      .map(([kind, n]) => n + ' ' + kind);
    return commits.length + ' (' + kinds.join(', ') + ')';
  }
  // How the session's work reached the default branch: each landing commit's link and pull request.
  function landedText(landed) {
    if (!Array.isArray(landed) || !landed.length) return DASH;
    return landed.map((l) => text(l.link) + (typeof l.prNumber === 'number' ? ' #' + l.prNumber : '')).join(', ');
  }
  function wasteKinds(session) {
    return list(session.waste).map((w) => w.kind).filter((kind) => typeof kind === 'string');
  }

  const COLUMNS = [
    { label: 'Start (UTC)', value: (s) => s.start, show: (s) => utcMinute(s.start) },
    { label: 'Source', value: (s) => s.source, show: (s) => text(s.source) },
    { label: 'Repository', value: (s) => s.repo, show: (s) => (s.repo ? repoLabel(s.repo) : DASH), className: 'repo' },
    { label: 'Branch', value: (s) => s.branch, show: (s) => text(s.branch) },
    { label: 'Cost', value: (s) => s.cost, show: (s) => money(s.cost), className: 'number' },
    { label: 'Commits', value: (s) => (Array.isArray(s.commits) ? s.commits.length : null), show: (s) => commitsText(s.commits), className: 'number' },
    { label: 'Shipped', value: (s) => s.shippedCommits, show: (s) => count(s.shippedCommits), className: 'number' },
    { label: 'AI lines written', value: (s) => s.aiLinesWritten, show: (s) => count(s.aiLinesWritten), className: 'number' },
    { label: 'AI lines shipped', value: (s) => s.aiLinesShipped, show: (s) => count(s.aiLinesShipped), className: 'number' },
    { label: 'AI lines alive', value: (s) => s.aiLinesAliveAtHead, show: (s) => count(s.aiLinesAliveAtHead), className: 'number' },
    { label: 'Landed as', value: (s) => landedText(s.landedAs), show: (s) => landedText(s.landedAs) },
    { label: 'Waste', value: (s) => wasteKinds(s).join(', ') || null, show: (s) => wasteKinds(s).join(', ') || DASH }
  ];

  function sessionRow(session) {
    const row = element('tr', 'session');
    if (session.suppressed) {
      row.appendChild(element('td', '', utcMinute(session.start)));
      const cell = element('td', 'suppressed', suppressedText);
      cell.colSpan = COLUMNS.length - 1;
      row.appendChild(cell);
      return row;
    }
    COLUMNS.forEach((column) => row.appendChild(element('td', column.className || '', column.show(session))));
    if (session.repo) row.cells[2].title = session.repo;
    const evidence = list(session.waste).map((w) => text(w.kind) + ': ' + text(w.evidence)).join('\n');
    if (evidence) row.lastChild.title = evidence;
    return row;
  }

  // Missing values and suppressed sessions sort last whichever way the column is sorted.
  function compareBy(column, direction) {
    return (a, b) => {
      const x = a.suppressed ? null : column.value(a);
      const y = b.suppressed ? null : column.value(b);
      const xMissing = x === null || x === undefined;
      const yMissing = y === null || y === undefined;
      if (xMissing || yMissing) return xMissing === yMissing ? 0 : xMissing ? 1 : -1;
      return direction * (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y)));
    };
  }

  // The column the reader sorted by, kept across renders so a refresh does not undo it.
  let sorting = null;

  function sessionTable() {
    const sessions = list(doc.sessions).filter((s) => s !== null && typeof s === 'object');
    const table = document.getElementById('sessions');
    // A server lists the most costly sessions of a large selection; its figures count them all.
    const total = Number.isInteger(doc.sessionsTotal) ? doc.sessionsTotal : sessions.length;
    const shown = document.getElementById('sessions-shown');
    if (shown) {
      shown.textContent = total > sessions.length
        ? 'The ' + count(sessions.length) + ' most costly of ' + count(total) + ' sessions. '
        : '';
    }
    const body = table.tBodies[0];
    const render = (rows) => {
      body.replaceChildren(...rows.map(sessionRow));
      if (!rows.length) {
        const cell = element('td', 'empty', 'No sessions in this period.');
        cell.colSpan = COLUMNS.length;
        body.appendChild(element('tr', 'empty')).appendChild(cell);
      }
    };
    const sortBy = (header, column, direction) => {
      headers.forEach((h) => h.removeAttribute('aria-sort'));
      header.setAttribute('aria-sort', direction === 1 ? 'ascending' : 'descending');
      sorting = { label: column.label, direction: direction };
      render(sessions.slice().sort(compareBy(column, direction)));
    };
    const headers = COLUMNS.map((column) => {
      const header = element('th', column.className || '', column.label);
      header.scope = 'col';
      header.addEventListener('click', () => {
        sortBy(header, column, header.getAttribute('aria-sort') === 'ascending' ? -1 : 1);
      });
      return header;
    });
    table.tHead.rows[0].replaceChildren(...headers);
    const sorted = sorting ? COLUMNS.findIndex((column) => column.label === sorting.label) : -1;
    if (sorted >= 0) sortBy(headers[sorted], COLUMNS[sorted], sorting.direction);
    else render(sessions);
  }

  // --- drawing the whole report ---

  const reportCharts = chartGroup();
  const CHARTS = [
    ['chart-spend', spendChart],
    ['chart-billed', () => {
      document.getElementById('note-billed').textContent = billedNote(doc.spend);
      return billedChart(doc.spend);
    }],
    ['chart-yield', yieldChart],
    ['chart-survival', survivalChart],
    ['chart-efficiency', efficiencyChart],
    ['chart-waste', wasteChart]
  ];
  const NOTES = ['note-yield', 'note-survival', 'note-billed'];
  // The dashboard draws billed spend from its own answer, in a panel of its own: a page without an
  // element of the report's leaves it out.
  const present = (id) => document.getElementById(id) !== null;

  // Draws the document into the page's elements, replacing whatever an earlier call drew; resolves
  // once every chart has rendered. For pages that draw more than the report, and signal readiness
  // themselves.
  function draw(next) {
    use(next);
    reportCharts.dispose();
    period();
    headline();
    sessionTable();
    return Promise.all(CHARTS.filter(([id]) => present(id)).map(([id, build]) => reportCharts.draw(id, build)))
      .then(() => undefined);
  }

  // A render superseded by a later one must not say the page is ready.
  let renders = 0;

  // draw, and document.body.dataset.chartsReady: 'false' from the start, 'true' once all is drawn.
  function render(next) {
    const current = ++renders;
    document.body.dataset.chartsReady = 'false';
    return draw(next).then(() => {
      if (current === renders) document.body.dataset.chartsReady = 'true';
    });
  }

  // Empties every element the report draws into, for a page that has nothing to show any more.
  function clear() {
    renders++;
    reportCharts.dispose();
    use({});
    CHARTS.filter(([id]) => present(id)).forEach(([id]) => {
      const container = document.getElementById(id);
      container.classList.remove('chart-empty');
      container.replaceChildren();
    });
    NOTES.filter(present).forEach((id) => { document.getElementById(id).textContent = ''; });
    ['period', 'headline'].forEach((id) => document.getElementById(id).replaceChildren());
    const table = document.getElementById('sessions');
    table.tHead.rows[0].replaceChildren();
    table.tBodies[0].replaceChildren();
  }

  window.addEventListener('resize', () => groups.forEach((group) => group.resize()));

  // What the dashboard's script builds on: drawing, and the helpers its own charts share with these.
  window.goodhartReport = Object.freeze({
    render: render,
    draw: draw,
    clear: clear,
    charts: Object.freeze({
      group: chartGroup, base: base, valueAxis: valueAxis, rightAxis: rightAxis, categoryAxis: categoryAxis,
      series: series, zoomBeyond: zoomBeyond, COLORS: COLORS, PALETTE: PALETTE,
      billed: billedChart, billedNote: billedNote
    }),
    format: Object.freeze({
      DASH: DASH, isNumber: isNumber, money: money, count: count, percent: percent, text: text,
      utcMinute: utcMinute, moneyAxis: moneyAxis, list: list, escapeHtml: escapeHtml, element: element
    })
  });

  // The self-contained report carries its document; the dashboard's page has none and fetches it.
  const embedded = document.getElementById('goodhart-data');
  if (embedded) {
    const first = JSON.parse(embedded.textContent);
    if (first.from || first.to) document.title = 'goodhart report, ' + text(first.from) + ' to ' + text(first.to);
    render(first);
  }
})();
