// The live dashboard: fetches the server's answers for the chosen filters (docs/server-api.md) and
// draws them with report.js, which the page loads before this file, after ECharts.
(function () {
  'use strict';

  const report = window.goodhartReport;
  const { DASH, isNumber, money, count, text, list, moneyAxis, escapeHtml } = report.format;
  const { base, valueAxis, rightAxis, categoryAxis, series, zoomBeyond, PALETTE, COLORS } = report.charts;

  const TOKEN_KEY = 'goodhart.token';
  const DEFAULT_REFRESH_SECONDS = 30;
  const FILTERS = { team: 'filter-team', repo: 'filter-repo', since: 'filter-since', until: 'filter-until' };
  const body = document.body;
  const byId = (id) => document.getElementById(id);
  const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

  let token = null;
  let minimumGroup = 5;
  let filtersLoaded = false;
  // Each refresh takes a number; an answer for an older number is dropped, so answers never mix.
  let sequence = 0;
  let inFlight = null;
  let timer = null;
  let waitingToBeSeen = false;
  let drawnFilters = null;
  let renderCount = 0;

  // --- the token: from the link's fragment once, then from this tab's storage, else from the form ---

  // Storage can be switched off; the dashboard then asks for the token on every load.
  function storage(use) {
    try {
      return use(window.sessionStorage);
    } catch (error) {
      return null;
    }
  }

  function decoded(component) {
    try {
      return decodeURIComponent(component);
    } catch (error) {
      return component;
    }
  }

  // Read by hand: URLSearchParams would turn a '+' of the token into a space.
  function tokenOnLoad() {
    const parts = location.hash.replace(/^#/, '').split('&').filter((part) => part !== '');
    const given = parts.find((part) => part.startsWith('token='));
    if (given !== undefined) {
      const rest = parts.filter((part) => part !== given).join('&');
      // The fragment never reaches a server, but it would stay in the history and in bookmarks.
      history.replaceState(history.state, '', location.pathname + location.search + (rest ? '#' + rest : ''));
      const value = decoded(given.slice('token='.length)).trim();
      if (value) {
        storage((s) => s.setItem(TOKEN_KEY, value));
        return value;
      }
    }
    return storage((s) => s.getItem(TOKEN_KEY)) || null;
  }

  function askForToken(message) {
    token = null;
    storage((s) => s.removeItem(TOKEN_KEY));
    stop();
    // Whatever is still on its way was asked with the token that failed.
    sequence++;
    if (inFlight) inFlight.abort();
    inFlight = null;
    body.dataset.busy = 'false';
    clearFigures();
    byId('dashboard').hidden = true;
    byId('filters').hidden = true;
    byId('token-message').textContent = message;
    byId('token-form').hidden = false;
    byId('error').textContent = '';
    body.dataset.state = 'unauthorized';
    byId('token-input').focus();
  }

  byId('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const given = byId('token-input').value.trim();
    if (!given) return;
    byId('token-input').value = '';
    token = given;
    storage((s) => s.setItem(TOKEN_KEY, given));
    byId('token-form').hidden = true;
    byId('dashboard').hidden = false;
    byId('filters').hidden = false;
    body.dataset.state = 'loading';
    refresh();
  });

  // --- filters: the address holds them, so a view can be bookmarked ---

  function readFilters() {
    const filters = {};
    Object.keys(FILTERS).forEach((name) => { filters[name] = byId(FILTERS[name]).value; });
    return filters;
  }

  // A value the server did not list (yet, or any more) stays selectable under its own name.
  function fillSelect(select, allLabel, items, selected) {
    const options = [{ value: '', label: allLabel }].concat(items);
    if (selected && !items.some((item) => item.value === selected)) options.push({ value: selected, label: selected });
    select.replaceChildren(...options.map((item) => {
      const option = document.createElement('option');
      option.value = item.value;
      option.textContent = item.label;
      return option;
    }));
    select.value = selected;
  }

  function filtersFromAddress() {
    const query = new URLSearchParams(location.search);
    fillSelect(byId(FILTERS.team), 'All teams', [], query.get('team') || '');
    fillSelect(byId(FILTERS.repo), 'All repositories', [], query.get('repo') || '');
    // A date input takes only YYYY-MM-DD, and complains in the console about anything else.
    const date = (name) => (/^\d{4}-\d{2}-\d{2}$/.test(query.get(name) || '') ? query.get(name) : '');
    byId(FILTERS.since).value = date('since');
    byId(FILTERS.until).value = date('until');
  }

  function writeAddress(filters) {
    const query = new URLSearchParams(location.search);
    Object.keys(FILTERS).forEach((name) => {
      if (filters[name]) query.set(name, filters[name]);
      else query.delete(name);
    });
    const search = query.toString();
    history.replaceState(history.state, '', location.pathname + (search ? '?' + search : '') + location.hash);
  }

  function showFilters(answer) {
    minimumGroup = isNumber(answer.minimumGroup) ? answer.minimumGroup : 5;
    const teams = list(answer.teams).filter((team) => team && typeof team.name === 'string' && team.name !== '');
    fillSelect(byId(FILTERS.team), 'All teams', teams.map((team) => ({
      value: team.name,
      label: team.suppressed ? team.name + ' (fewer than ' + minimumGroup + ' people)' : team.name
    })), byId(FILTERS.team).value);
    const repositories = list(answer.repositories).filter((repo) => repo && typeof repo.id === 'string' && repo.id !== '');
    fillSelect(byId(FILTERS.repo), 'All repositories', repositories.map((repo) => ({
      value: repo.id,
      label: typeof repo.name === 'string' && repo.name !== '' ? repo.name : repo.id
    })), byId(FILTERS.repo).value);
    filtersLoaded = true;
  }

  Object.values(FILTERS).forEach((id) => byId(id).addEventListener('change', () => {
    writeAddress(readFilters());
    refresh();
  }));
  byId('filters').addEventListener('submit', (event) => event.preventDefault());

  // --- the API ---

  class AnswerError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  async function get(path, parameters, signal) {
    const query = new URLSearchParams();
    Object.keys(parameters).forEach((name) => { if (parameters[name]) query.set(name, parameters[name]); });
    const search = query.toString();
    const response = await fetch('api/v1/' + path + (search ? '?' + search : ''), {
      headers: { Authorization: 'Bearer ' + token, Accept: 'application/json' },
      cache: 'no-store',
      signal: signal
    });
    const answer = await response.json().catch(() => null);
    const stale = response.headers.get('Goodhart-Stale');
    if (stale) staleReason = stale;
    if (!response.ok) {
      const error = answer && answer.error;
      throw new AnswerError(response.status, error && typeof error.message === 'string' && error.message !== ''
        ? error.message
        : 'the server answered ' + path + ' with ' + response.status + ' ' + response.statusText);
    }
    if (answer === null || typeof answer !== 'object' || Array.isArray(answer)) {
      throw new AnswerError(response.status, 'the server answered ' + path + ' with something other than a JSON object');
    }
    return answer;
  }

  function reasonOf(answer) {
    return typeof answer.reason === 'string' && answer.reason !== ''
      ? answer.reason
      : 'this selection has fewer than ' + minimumGroup + ' people';
  }

  // --- the dashboard's own charts; the report's are drawn by report.js ---

  const ownCharts = report.charts.group();

  function deliveryChart(answer) {
    const note = byId('note-delivery');
    note.textContent = '';
    if (answer.suppressed === true) return 'Not shown: ' + reasonOf(answer) + '.';
    const rows = list(answer.repositories).filter((row) => row !== null && typeof row === 'object');
    const hidden = rows.filter((row) => row.suppressed).map((row) => text(row.repository));
    if (hidden.length) {
      note.textContent = 'Not shown, suppressed (fewer than ' + minimumGroup + ' people): ' + hidden.join(', ') + '.';
    }
    const shown = rows.filter((row) => !row.suppressed);
    if (!shown.length) {
      return rows.length
        ? 'Every repository is suppressed (fewer than ' + minimumGroup + ' people).'
        : 'No pull request, deployment or incident has been received for this selection yet.';
    }
    const value = (row, field) => (isNumber(row[field]) ? row[field] : null);
    const succeeded = (row) => (isNumber(row.deployments)
      ? Math.max(0, row.deployments - (isNumber(row.failedDeployments) ? row.failedDeployments : 0))
      : null);
    return base({
      dataZoom: zoomBeyond(shown.length, 20),
      xAxis: categoryAxis(shown.map((row) => text(row.repository)),
        { axisLabel: { interval: 0, rotate: shown.length > 6 ? 30 : 0 } }),
      yAxis: [valueAxis('count', count, { minInterval: 1 }), rightAxis('per merged pull request', moneyAxis)],
      tooltip: { trigger: 'axis', confine: true, formatter: (items) => deliveryTooltip(shown[items[0].dataIndex]) },
      series: [
        series('Pull requests merged', 'bar', shown.map((row) => value(row, 'pullRequestsMerged')), COLORS.commits),
        series('Deployments succeeded', 'bar', shown.map(succeeded), COLORS.shipped, { stack: 'deployments' }),
        series('Deployments failed', 'bar', shown.map((row) => value(row, 'failedDeployments')), COLORS.unshipped,
          { stack: 'deployments' }),
        series('Incidents', 'bar', shown.map((row) => value(row, 'incidents')), COLORS.perCommit),
        series('Cost per merged pull request', 'scatter', shown.map((row) => value(row, 'costPerMergedPullRequest')),
          COLORS.yield, { yAxisIndex: 1, symbol: 'diamond', symbolSize: 14 })
      ]
    });
  }

  function deliveryTooltip(row) {
    return [
      text(row.repository),
      'Pull requests: ' + count(row.pullRequestsMerged) + ' merged, ' + count(row.pullRequestsOpened) + ' opened, '
        + count(row.reviews) + ' reviews',
      'Deployments: ' + count(row.deployments) + ', of which ' + count(row.failedDeployments) + ' failed',
      'Incidents: ' + count(row.incidents),
      'Linked AI spend: ' + money(row.linkedCost) + ', ' + money(row.costPerMergedPullRequest) + ' per merged pull request'
    ].map(escapeHtml).join('<br>');
  }

  // Adds what is known; a sum of nothing known stays unknown rather than becoming zero.
  function add(total, value) {
    return isNumber(value) ? (total === null ? 0 : total) + value : total;
  }

  function telemetryChart(answer, filters) {
    const note = byId('note-telemetry');
    const notes = filters.repo ? ["The agents' metrics name no repository, so this panel follows the team and the dates only."] : [];
    note.textContent = notes.join(' ');
    if (answer.suppressed === true) return 'Not shown: ' + reasonOf(answer) + '.';
    const rows = list(answer.weeks).filter((row) => row !== null && typeof row === 'object' && !row.suppressed
      && typeof row.week === 'string');
    if (!rows.length) {
      return "No OpenTelemetry metrics have been received for this selection yet: point the agents' OTLP exporter at this server.";
    }
    const weeks = [...new Set(rows.map((row) => row.week))].sort();
    const sources = [...new Set(rows.map((row) => text(row.source)))].sort();
    const cells = new Map();
    const totals = new Map(sources.map((source) => [source, {}]));
    const FIELDS = ['cost', 'tokens', 'sessions', 'activeSeconds', 'linesAdded', 'linesRemoved', 'commits', 'pullRequests'];
    rows.forEach((row) => {
      const key = text(row.source) + '\u0000' + row.week;
      const cell = cells.get(key) || {};
      const total = totals.get(text(row.source));
      FIELDS.forEach((field) => {
        cell[field] = add(cell[field] === undefined ? null : cell[field], row[field]);
        total[field] = add(total[field] === undefined ? null : total[field], row[field]);
      });
      cells.set(key, cell);
    });
    const figure = (source, week, field) => {
      const cell = cells.get(source + '\u0000' + week);
      return cell && isNumber(cell[field]) ? cell[field] : null;
    };
    const hours = (seconds) => (isNumber(seconds) ? (seconds / 3600).toFixed(1) + ' h' : DASH);
    note.textContent = notes.concat(sources.map((source) => {
      const total = totals.get(source);
      return source + ': ' + count(total.sessions) + ' sessions, ' + hours(total.activeSeconds) + ' active, '
        + count(total.linesAdded) + ' lines added and ' + count(total.linesRemoved) + ' removed, '
        + count(total.commits) + ' commits, ' + count(total.pullRequests) + ' pull requests.';
    })).join(' ');
    return base({
      dataZoom: zoomBeyond(weeks.length, 26),
      xAxis: categoryAxis(weeks),
      yAxis: [valueAxis('cost', moneyAxis), rightAxis('tokens', (v) => compact.format(v))],
      series: sources.flatMap((source, index) => {
        const color = PALETTE[index % PALETTE.length];
        return [
          series(source + ' \u00b7 cost', 'bar', weeks.map((week) => figure(source, week, 'cost')), color,
            { stack: 'cost', tooltip: { valueFormatter: money } }),
          series(source + ' \u00b7 tokens', 'line', weeks.map((week) => figure(source, week, 'tokens')), color,
            { yAxisIndex: 1, lineStyle: { color: color, type: 'dashed' }, tooltip: { valueFormatter: count } })
        ];
      })
    });
  }

  // Vendors bill the organisation, not a team or a repository: the panel follows the dates only.
  function vendorSpendChart(answer, filters) {
    const note = byId('note-vendor-spend');
    const whole = filters.team || filters.repo
      ? 'Vendors bill the organisation as a whole: this panel shows everyone, whatever team or repository is chosen. '
      : '';
    if (answer.suppressed === true) {
      note.textContent = '';
      return 'Not shown: ' + reasonOf(answer) + '.';
    }
    note.textContent = whole + report.charts.billedNote(answer);
    return report.charts.billed(answer);
  }

  // --- drawing ---

  function clearFigures() {
    body.dataset.chartsReady = 'false';
    drawnFilters = null;
    report.clear();
    ownCharts.dispose();
    ['chart-delivery', 'chart-telemetry', 'chart-vendor-spend'].forEach((id) => {
      byId(id).classList.remove('chart-empty');
      byId(id).replaceChildren();
    });
    ['note-delivery', 'note-telemetry', 'note-vendor-spend', 'suppressed-reason']
      .forEach((id) => { byId(id).textContent = ''; });
    byId('suppressed').hidden = true;
  }

  function drawAll(answer, delivery, telemetry, spend, filters, current) {
    body.dataset.chartsReady = 'false';
    const suppressed = answer.suppressed === true;
    // Shown before drawing: ECharts measures its container when it starts.
    document.querySelectorAll('.report-part').forEach((part) => { part.hidden = suppressed; });
    byId('suppressed').hidden = !suppressed;
    byId('suppressed-reason').textContent = suppressed ? reasonOf(answer) : '';
    const drawing = [];
    if (suppressed) report.clear();
    else drawing.push(report.draw(answer));
    ownCharts.dispose();
    drawing.push(ownCharts.draw('chart-delivery', () => deliveryChart(delivery)));
    drawing.push(ownCharts.draw('chart-telemetry', () => telemetryChart(telemetry, filters)));
    drawing.push(ownCharts.draw('chart-vendor-spend', () => vendorSpendChart(spend, filters)));
    return Promise.all(drawing).then(() => {
      if (current !== sequence) return;
      drawnFilters = JSON.stringify(filters);
      renderCount++;
      body.dataset.renderCount = String(renderCount);
      body.dataset.state = suppressed ? 'suppressed' : 'ready';
      body.dataset.chartsReady = 'true';
    });
  }

  // Set by an answer the server gave from what it has stored while it cannot store more.
  let staleReason = null;

  function showUpdated() {
    const now = new Date();
    const node = byId('last-updated');
    node.dateTime = now.toISOString();
    node.textContent = 'Updated ' + now.toLocaleTimeString(undefined, { timeZoneName: 'short' });
    byId('error').textContent = staleReason === null ? '' : 'Figures may be behind: ' + staleReason;
  }

  // Figures of other filters than those chosen would mislead; figures of the same ones, merely not
  // refreshed, are still true, and "last updated" says how old they are.
  function showFailure(error, filters) {
    const reason = error instanceof AnswerError ? error.message : 'cannot reach the server (' + error.message + ')';
    byId('error').textContent = 'Could not update: ' + reason;
    if (drawnFilters !== JSON.stringify(filters)) {
      clearFigures();
      body.dataset.state = 'error';
    }
  }

  // --- refreshing: one request set at a time, the next one scheduled when it is done ---

  const refreshSeconds = (() => {
    const given = new URLSearchParams(location.search).get('refresh');
    const seconds = given === null || given.trim() === '' ? NaN : Number(given);
    return isNumber(seconds) && seconds >= 0 ? seconds : DEFAULT_REFRESH_SECONDS;
  })();

  function stop() {
    clearTimeout(timer);
    timer = null;
    waitingToBeSeen = false;
  }

  function schedule() {
    if (token === null || refreshSeconds <= 0) return;
    timer = setTimeout(() => {
      timer = null;
      // A tab nobody looks at asks nothing; it catches up when it is shown again.
      if (document.hidden) waitingToBeSeen = true;
      else refresh();
    }, refreshSeconds * 1000);
  }

  document.addEventListener('visibilitychange', () => {
    if (!document.hidden && waitingToBeSeen) {
      waitingToBeSeen = false;
      refresh();
    }
  });

  async function refresh() {
    stop();
    if (inFlight) inFlight.abort();
    if (token === null) {
      askForToken('');
      return;
    }
    const controller = new AbortController();
    inFlight = controller;
    const current = ++sequence;
    const filters = readFilters();
    const signal = controller.signal;
    body.dataset.busy = 'true';
    staleReason = null;
    try {
      const [filterAnswer, answer, delivery, telemetry, spend] = await Promise.all([
        filtersLoaded ? null : get('filters', {}, signal),
        get('report', filters, signal),
        get('delivery', filters, signal),
        get('telemetry', { team: filters.team, since: filters.since, until: filters.until }, signal),
        get('spend', { since: filters.since, until: filters.until }, signal)
      ]);
      if (current !== sequence) return;
      if (filterAnswer !== null) showFilters(filterAnswer);
      await drawAll(answer, delivery, telemetry, spend, filters, current);
      if (current !== sequence) return;
      showUpdated();
    } catch (error) {
      if (current !== sequence) return;
      controller.abort();
      if (error instanceof AnswerError && (error.status === 401 || error.status === 403)) {
        askForToken(error.message);
        return;
      }
      showFailure(error, filters);
    } finally {
      if (current === sequence) {
        inFlight = null;
        body.dataset.busy = 'false';
        schedule();
      }
    }
  }

  // What an end-to-end test can call; the body's data attributes say what is shown.
  window.goodhartDashboard = Object.freeze({ refresh: refresh });

  byId('refresh-note').textContent = refreshSeconds > 0
    ? '\u00b7 refreshes every ' + refreshSeconds + ' s'
    : '\u00b7 automatic refresh is off';
  filtersFromAddress();
  token = tokenOnLoad();
  if (token === null) askForToken('');
  else refresh();
})();
