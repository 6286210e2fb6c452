// The live run panel of a pipeline, shown in the section of the group the pipeline proves: run status,
// redacted target, every step (named by the check it proves) with its status, detail, duration, key
// evidence and (while rows are replayed) a progress bar. The panel is one node per pipeline kept across
// section re-renders and patched in place, so a progress message touches one step and leaves focus,
// the Run button and the status region alone.

import { h, domId } from '../dom.js';
import { t, has, formatTime, lang } from '../i18n.js';
import { code, actorName, refusalNote, shortChecksum } from './common.js';
import { isTerminal } from '../runs.js';

const STEP_ICON = { PENDING: '○', RUNNING: '●', PASSED: '✓', FAILED: '✕', SKIPPED: '–', ERRORED: '⚠' };
const STEP_DONE = ['PASSED', 'FAILED', 'SKIPPED', 'ERRORED'];

/**
 * What a step proved, in the order a reviewer reads it. Keys are the server's evidence (or metrics)
 * keys; any step showing one of them gets the line, so a new step needs no change here.
 */
const FACTS = [
  { key: 'serverVersion', format: 'version' },
  { key: 'sessionEncrypted', format: 'bool' },
  { key: 'sha256', format: 'code', wide: true },
  { key: 'subject', format: 'code' },
  { key: 'protocol', format: 'text' },
  { key: 'role', format: 'code' },
  { key: 'tenant', format: 'code' },
  { key: 'superuser', format: 'bool' },
  { key: 'bypassRls', format: 'bool' },
  { key: 'rows', format: 'count' },
  { key: 'rowsByBatch', format: 'batches', wide: true },
  { key: 'tables', format: 'count' },
  { key: 'columns', format: 'count' },
  { key: 'claimsWritten', format: 'count' },
  { key: 'tablesWithForcedRls', format: 'count' },
  { key: 'rowsWritten', format: 'count' },
  { key: 'rowsReadBack', format: 'count' },
  { key: 'checksum', format: 'checksum' },
  { key: 'checksumShort', format: 'code', label: 'checksum', unless: 'checksum' },
  { key: 'matchesExport', format: 'bool' },
  { key: 'footprint', format: 'text' },
  { key: 'residue', format: 'count' },
  { key: 'writeRowsPerSecond', format: 'rate', metric: true },
  { key: 'readRowsPerSecond', format: 'rate', metric: true },
  { key: 'writeMs', format: 'ms', metric: true },
  { key: 'readAndChecksumMs', format: 'ms', metric: true },
  { key: 'issuer', format: 'code', wide: true },
  { key: 'transport', format: 'text' },
  { key: 'warning', format: 'text', tone: 'warning' },
  { key: 'kids', format: 'list', wide: true },
  { key: 'algs', format: 'list' },
  { key: 'probeClientId', format: 'code' },
  { key: 'audience', format: 'list' },
  { key: 'subjectFingerprint', format: 'code' },
  { key: 'lifetimeSeconds', format: 'lifetime' },
  { key: 'expiresAt', format: 'time', metric: true },
  { key: 'claims', format: 'list', wide: true },
  { key: 'actorClaim', format: 'code' },
  { key: 'unmapped', format: 'list', wide: true },
  { key: 'rolesWithoutMapping', format: 'list', wide: true },
];

function numberFormat() {
  return new Intl.NumberFormat(lang() === 'pl' ? 'pl-PL' : 'en-GB');
}

function count(value) {
  return typeof value === 'number' ? numberFormat().format(value) : String(value ?? '');
}

export function duration(ms) {
  if (typeof ms !== 'number' || ms < 0) return '';
  if (ms < 1000) return t('pipeline.ms', { n: count(Math.round(ms)) });
  const seconds = new Intl.NumberFormat(lang() === 'pl' ? 'pl-PL' : 'en-GB',
    { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(ms / 1000);
  return t('pipeline.s', { n: seconds });
}

/** Seconds as a person reads a token's lifetime: whole hours, else minutes, else seconds. */
function lifetime(seconds) {
  if (typeof seconds !== 'number') return String(seconds ?? '');
  if (seconds >= 3600 && seconds % 3600 === 0) return t('pipeline.h', { n: count(seconds / 3600) });
  if (seconds >= 120) return t('pipeline.min', { n: count(Math.round(seconds / 60)) });
  return t('pipeline.s', { n: count(seconds) });
}

/**
 * Evidence of a shape no format names (a list, a map) as text a person can read, never
 * "[object Object]": a list's items joined, a map's entries as "key: value".
 */
function plain(value) {
  if (Array.isArray(value)) return value.length ? value.map(plain).join(', ') : t('pipeline.list.none');
  if (value && typeof value === 'object') {
    return Object.entries(value).map(([key, item]) => `${key}: ${plain(item)}`).join(' · ');
  }
  return String(value ?? '');
}

function formatFact(ctx, format, value) {
  switch (format) {
    case 'bool': return t(value ? 'pipeline.yes' : 'pipeline.no');
    case 'count': return count(value);
    case 'rate': return t('pipeline.rate', { n: count(value) });
    case 'ms': return duration(value);
    case 'code': return code(String(value));
    case 'version': return `PostgreSQL ${value}`;
    case 'checksum': {
      const short = shortChecksum(ctx, value);
      const node = code(short);
      if (String(value) !== short) node.title = String(value);
      return node;
    }
    case 'batches':
      return Object.entries(value || {}).map(([batch, rows]) => `${batch} ${count(rows)}`).join(' · ');
    case 'list': {
      const items = Array.isArray(value) ? value : [value];
      if (!items.length) return t('pipeline.list.none');
      return h('ul', { class: 'fact-list' }, items.map((item) => h('li', null, code(plain(item)))));
    }
    case 'lifetime': return lifetime(value);
    case 'time': return h('time', { datetime: String(value) }, formatTime(value));
    default: return plain(value);
  }
}

function factLabel(fact) {
  const key = `pipeline.fact.${fact.label || fact.key}`;
  return has(key) ? t(key) : fact.key;
}

function stepFacts(ctx, row) {
  const items = [];
  for (const fact of FACTS) {
    const source = fact.metric ? row.metrics : row.evidence;
    if (!source || !(fact.key in source) || source[fact.key] === null) continue;
    if (fact.unless && source[fact.unless] !== undefined) continue;
    items.push(h('div', { class: ['fact', fact.wide && 'fact-wide', fact.tone && `fact-${fact.tone}`],
      dataset: { fact: fact.key } },
      h('dt', null, factLabel(fact)), h('dd', null, formatFact(ctx, fact.format, source[fact.key]))));
  }
  return items.length ? h('dl', { class: 'step-facts' }, items) : null;
}

function pipelineView(ctx, pipeline) {
  return (ctx.ev.pipelines || []).find((p) => p.id === pipeline) || null;
}

/** The steps a pipeline runs, in run order, each with the check it proves (if the scenario binds one). */
function expectedSteps(ctx, pipeline) {
  const view = pipelineView(ctx, pipeline);
  return (view ? view.steps || [] : []).map((step) => ({ id: step.id, check: ctx.checksById.get(step.check) || null }));
}

export function stepStatusText(status) {
  return has(`pipeline.step.${status}`) ? t(`pipeline.step.${status}`) : (status || '');
}

/** Merges the run's reported steps with the expected ones so every step shows, PENDING until reported. */
export function runView(ctx, pipeline, run) {
  const reported = new Map((run.steps || []).map((step) => [step.id, step]));
  const rows = expectedSteps(ctx, pipeline).map(({ id, check }) => {
    const step = reported.get(id) || (check && reported.get(check.id)) || { id, status: 'PENDING' };
    reported.delete(id);
    if (check) reported.delete(check.id);
    return { ...step, id, label: check ? check.label : id };
  });
  for (const step of reported.values()) rows.push({ ...step, label: step.id });
  const status = isTerminal(run.status) ? run.status : 'RUNNING';
  const passed = rows.filter((r) => r.status === 'PASSED').length;
  const done = rows.filter((r) => STEP_DONE.includes(r.status)).length;
  return { status, rows, passed, done, total: rows.length };
}

function summaryText(view) {
  if (view.status === 'PASSED') return t('pipeline.state.PASSED', { passed: view.passed, total: view.total });
  if (view.status === 'FAILED') {
    const failed = view.rows.find((r) => r.status === 'FAILED');
    return failed
      ? t('pipeline.state.FAILED', { passed: view.passed, total: view.total, step: failed.label })
      : t('pipeline.state.PASSED', { passed: view.passed, total: view.total });
  }
  if (view.status === 'ERRORED') {
    const errored = view.rows.find((r) => r.status === 'ERRORED');
    return t('pipeline.state.ERRORED', { passed: view.passed, total: view.total, step: errored ? errored.label : '' });
  }
  if (view.total && view.done === view.total) return t('pipeline.state.recording');
  const current = view.rows.find((r) => r.status === 'RUNNING');
  const text = t('pipeline.state.RUNNING', { done: view.done, total: view.total });
  return current ? `${text} · ${t('pipeline.state.now', { step: current.label })}` : text;
}

function statusTag(status, className) {
  return h('span', { class: className, dataset: { status } },
    h('span', { class: 'step-icon', 'aria-hidden': 'true' }, STEP_ICON[status] || '?'), stepStatusText(status));
}

function progressBar(row, liId) {
  const progress = row.progress;
  if (row.status !== 'RUNNING' || !progress || !(progress.total > 0)) return null;
  const done = Math.max(0, Math.min(progress.done, progress.total));
  const percent = Math.floor((done * 100) / progress.total);
  const text = t('pipeline.progress.text', { done: count(done), total: count(progress.total), pct: percent });
  const id = `${liId}-progress`;
  return h('div', { class: 'step-progress' },
    h('label', { for: id }, t('pipeline.progress.label')),
    h('progress', { id, max: String(progress.total), value: String(done), 'aria-valuetext': text }),
    h('span', { class: 'progress-text' }, text));
}

/**
 * A step's detail with the console's settings it names (CONSOLE_OIDC_ISSUER ...) set as code, so the
 * variable an operator has to set stands out from the server's sentence around it.
 */
function detailText(detail) {
  return String(detail).split(/\b(CONSOLE_[A-Z0-9_]+)\b/).map((part, i) => (i % 2 ? code(part) : part));
}

function stepItem(ctx, pipeline, row, index) {
  const id = domId('pipeline-step', `${pipeline}.${row.id}`);
  const ms = STEP_DONE.includes(row.status) && row.status !== 'SKIPPED' ? duration(row.ms) : '';
  const detail = lang() === 'pl' && row.detailPl ? row.detailPl : row.detail;
  return h('li', { class: 'step', id, dataset: { step: row.id, status: row.status } },
    h('div', { class: 'step-head' },
      h('span', { class: 'step-index', 'aria-hidden': 'true' }, String(index + 1)),
      h('span', { class: 'step-name' }, row.label),
      statusTag(row.status, 'step-status'),
      ms ? h('span', { class: 'step-ms' }, ms) : null),
    detail ? h('p', { class: 'step-detail' }, detailText(detail)) : null,
    stepFacts(ctx, row),
    progressBar(row, id));
}

function runMeta(ctx, run) {
  const items = [];
  const add = (key, value) => {
    if (value !== null && value !== undefined && value !== '') {
      items.push(h('div', null, h('dt', null, t(key)), h('dd', null, value)));
    }
  };
  add('pipeline.meta.target', run.target ? code(run.target) : null);
  add('pipeline.meta.run', code(run.runId));
  add('pipeline.meta.actor', run.actor ? actorName(ctx, run.actor) : null);
  add('pipeline.meta.started', run.startedAt ? h('time', { datetime: run.startedAt }, formatTime(run.startedAt)) : null);
  if (isTerminal(run.status) && run.startedAt && run.finishedAt) {
    add('pipeline.meta.duration', duration(Date.parse(run.finishedAt) - Date.parse(run.startedAt)));
  }
  return items;
}

function buildPanel(ctx, pipeline) {
  const base = `pipeline-progress-${pipeline}`;
  const runLabel = has(`pipeline.run.${pipeline}`) ? t(`pipeline.run.${pipeline}`) : t('pipeline.run', { id: pipeline });
  const button = h('button', {
    type: 'button', class: 'btn btn-primary pipeline-start', hidden: true,
    'aria-describedby': `${base}-state`, dataset: { focusKey: `pipeline:${pipeline}` },
    onclick: (event) => {
      // aria-disabled (not disabled) keeps the button focusable while the run goes on
      if (event.currentTarget.getAttribute('aria-disabled') === 'true') return;
      ctx.actions.runPipeline(pipeline);
    },
  }, runLabel);
  const node = h('section', { id: base, class: 'pipeline', 'aria-labelledby': `${base}-title`,
    dataset: { pipeline, status: 'NONE' } },
  h('div', { class: 'pipeline-head' }, h('h3', { id: `${base}-title` }, t('pipeline.title')), button),
  h('div', { class: 'pipeline-waits', id: `${base}-waits`, hidden: true }),
  h('p', { class: 'pipeline-state', id: `${base}-state`, role: 'status' }),
  h('dl', { class: 'meta meta-inline run-meta', hidden: true }),
  h('p', { class: 'run-note', hidden: true }),
  h('ol', { class: 'steps', 'aria-labelledby': `${base}-title`, hidden: true }),
  h('div', { class: 'pipeline-alert', role: 'alert' }));
  node.pipelineMemo = { pipeline, sigs: new Map(), items: new Map() };
  return node;
}

function changed(memo, part, value) {
  const sig = JSON.stringify(value);
  if (memo.sigs.get(part) === sig) return false;
  memo.sigs.set(part, sig);
  return true;
}

function setAttr(el, name, value) {
  if (value === null) el.removeAttribute(name);
  else if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

function updatePanel(node, ctx, pipeline) {
  const memo = node.pipelineMemo;
  const run = ctx.pipelines[pipeline] || null;
  const key = `pipeline:${pipeline}`;
  // Offered only to an actor who may run it; enabled only when the server's rules, read for the
  // evaluation on screen, say it would start (a run waiting for a dependency says what, and whose move).
  const action = ctx.actor ? ctx.actionBook.get(ctx.actor.id, 'PIPELINE', pipeline) : null;
  const view = run ? runView(ctx, pipeline, run) : null;
  const busy = ctx.pending.has(key) || Boolean(view && view.status === 'RUNNING');
  const refused = action && ctx.actionsFresh && action.state === 'REFUSED' ? action : null;

  node.dataset.status = view ? view.status : 'NONE';
  const button = node.querySelector('.pipeline-start');
  button.hidden = !action;
  button.disabled = !action || !ctx.actionsFresh || Boolean(refused);
  setAttr(button, 'aria-disabled', busy && !button.disabled ? 'true' : null);
  setAttr(button, 'aria-describedby', refused ? `${node.id}-waits ${node.id}-state` : `${node.id}-state`);

  const waits = node.querySelector('.pipeline-waits');
  const reason = refused ? refusalNote(ctx, refused) : null;
  if (changed(memo, 'waits', reason ? reason.textContent : null)) {
    waits.replaceChildren(...(reason ? [reason] : []));
    waits.hidden = !reason;
  }

  const state = node.querySelector('.pipeline-state');
  const summary = view ? summaryText(view) : t('pipeline.none');
  if (changed(memo, 'state', [view && view.status, summary])) {
    state.replaceChildren(view ? statusTag(view.status, 'run-status') : '', view ? ' ' : '',
      h('span', { class: 'run-summary' }, summary));
  }

  const meta = node.querySelector('.run-meta');
  if (changed(memo, 'meta', run ? [run.runId, run.target, run.actor, run.startedAt, run.finishedAt, run.status,
    ctx.actorsById.get(run.actor)?.name] : null)) {
    meta.replaceChildren(...(run ? runMeta(ctx, run) : []));
    meta.hidden = !run;
  }

  // The server's own closing words, when they say more than the count (e.g. the run could not be recorded).
  const note = node.querySelector('.run-note');
  const noteText = run && view && isTerminal(view.status) && run.detail
    && run.detail !== `${view.passed}/${view.total} steps passed` ? t('pipeline.server', { detail: run.detail }) : '';
  if (note.textContent !== noteText) note.textContent = noteText;
  note.hidden = !noteText;

  const list = node.querySelector('.steps');
  list.hidden = !view;
  const wanted = [];
  for (const [index, row] of (view ? view.rows : []).entries()) {
    const sig = JSON.stringify([index, row, ctx.checksumPrefix]);
    let entry = memo.items.get(row.id);
    if (!entry || entry.sig !== sig) {
      const li = stepItem(ctx, pipeline, row, index);
      if (entry && entry.li.parentNode === list) entry.li.replaceWith(li);
      entry = { sig, li };
      memo.items.set(row.id, entry);
    }
    wanted.push(entry.li);
  }
  wanted.forEach((li, i) => {
    if (list.children[i] !== li) list.insertBefore(li, list.children[i] || null);
  });
  for (const child of [...list.children]) if (!wanted.includes(child)) child.remove();
  const ids = new Set((view ? view.rows : []).map((r) => r.id));
  for (const id of [...memo.items.keys()]) if (!ids.has(id)) memo.items.delete(id);

  const alert = node.querySelector('.pipeline-alert');
  const error = ctx.errors.get(key) || '';
  if (alert.textContent !== error) alert.textContent = error;
}

/** The run panel of `pipeline`, kept across renders of its section (rebuilt when the language changes). */
export function pipelinePanel(ctx, pipeline) {
  const node = ctx.keep(`pipeline:${pipeline}`, () => buildPanel(ctx, pipeline));
  updatePanel(node, ctx, pipeline);
  return node;
}

/** Patches the panels on the page with the current runs, errors and actor (no section re-render). */
export function refreshPipelinePanels(ctx) {
  for (const { id: pipeline } of ctx.ev.pipelines || []) {
    const node = document.getElementById(`pipeline-progress-${pipeline}`);
    if (node && node.pipelineMemo) updatePanel(node, ctx, pipeline);
  }
}
