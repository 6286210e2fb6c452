// The dashboard: holds the page state, renders the evaluation section by section, sends commands as
// the selected actor and keeps itself current through the live feed (or polling when there is none).

import * as api from './api.js';
import { Feed } from './feed.js';
import { copyText } from './clipboard.js';
import { h } from './dom.js';
import { LANGS, setLang, t } from './i18n.js';
import { renderSection, sectionSignature } from './render/sections.js';
import { refreshPipelinePanels } from './render/pipelines.js';
import { refreshCopilotPanel } from './render/copilot.js';
import { Conversation, CopilotClient } from './copilot.js';
import { statusPill, worstStatus } from './render/common.js';
import { RunBook, isTerminal } from './runs.js';

const STORE_LANG = 'integration-console.lang';
const STORE_ACTOR = 'integration-console.actor';
const AUDIT_KEEP = 50;

const state = {
  lang: 'en',
  actorId: null,
  localMode: true,
  ev: null,
  receivedAt: null,
  packets: new Map(), // id -> {envelope, error, lang}
  audit: [],
  runs: new RunBook(), // the latest run of each pipeline, merged from the feed, our starts and fetches
  errors: new Map(), // checkId | 'pipeline:<id>' -> message shown with role="alert"
  pending: new Set(),
  drafts: new Map(), // decision check id -> option value chosen but not yet recorded
  signatures: new Map(),
  headline: null,
  actorsSig: null,
  navSig: null,
  conn: { state: 'connecting', retryAt: null, seq: null },
  chat: new Conversation(sessionStore()), // the copilot conversation of this tab, kept in sessionStorage
};

const $ = (id) => document.getElementById(id);

function sessionStore() {
  try {
    return window.sessionStorage;
  } catch {
    return null; // storage disabled: the conversation lasts as long as the page
  }
}

function readStored(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStored(key, value) {
  try {
    localStorage.setItem(key, value);
  } catch {
    // private mode or storage disabled: the choice just is not remembered
  }
}

// ---- context for the renderers ------------------------------------------------------------------
function buildContext() {
  const ev = state.ev;
  const groupsById = new Map((ev.groups || []).map((g) => [g.id, g]));
  const checksById = new Map();
  for (const group of ev.groups || []) for (const check of group.checks || []) checksById.set(check.id, check);
  const actorsById = new Map((ev.actors || []).map((a) => [a.id, a]));
  // A group is shown (and linked to) in the first section listing it; the checklist only lists gates.
  const sectionForGroup = new Map();
  for (const section of ev.sections || []) {
    if (section.kind === 'checklist') continue;
    for (const id of section.groups || []) if (!sectionForGroup.has(id)) sectionForGroup.set(id, section.id);
  }
  const decisionSection = (ev.sections || []).find((s) => s.kind === 'production-decision');
  return {
    ev,
    // The go/no-go node, by the id the scenario gives it, and the section that shows it.
    production: {
      id: ev.production ? ev.production.id : null,
      href: decisionSection ? `#section-${decisionSection.id}` : null,
    },
    checksumPrefix: ev.branding ? ev.branding.checksumPrefix : null,
    lang: state.lang,
    localMode: state.localMode,
    actor: actorsById.get(state.actorId) || null,
    actorsById,
    groupsById,
    checksById,
    sectionForGroup,
    packets: state.packets,
    pipelines: state.runs.runs,
    errors: state.errors,
    pending: state.pending,
    drafts: state.drafts,
    audit: state.audit,
    chat: state.chat,
    actions,
    keep,
  };
}

/** Nodes that outlive section re-renders (the copilot chat), rebuilt only when the language changes. */
const kept = new Map();
function keep(key, build) {
  const entry = kept.get(key);
  if (entry && entry.lang === state.lang) return entry.node;
  const node = build();
  kept.set(key, { lang: state.lang, node });
  return node;
}

// ---- rendering ----------------------------------------------------------------------------------
function render() {
  if (!state.ev) return;
  const ctx = buildContext();
  const container = $('sections');
  $('loading')?.remove();
  const focused = document.activeElement;
  const focusKey = focused && focused.dataset ? focused.dataset.focusKey : null;
  // A check or a group focused from a copilot citation keeps focus when its section is re-rendered.
  const focusCheck = focused && focused.closest ? focused.closest('.check, .group') : null;

  const wanted = [];
  let replaced = false;
  for (const section of state.ev.sections || []) {
    const id = `section-${section.id}`;
    let signature;
    try {
      signature = sectionSignature(ctx, section);
    } catch {
      signature = String(Math.random());
    }
    let el = document.getElementById(id);
    if (!el || !container.contains(el) || state.signatures.get(section.id) !== signature) {
      let fresh;
      try {
        fresh = renderSection(ctx, section);
      } catch (error) {
        fresh = h('section', { id, class: 'panel', 'aria-label': section.title || section.id },
          h('h2', { class: 'panel-title' }, section.title || section.id),
          h('p', { class: 'error', role: 'alert' }, t('section.error', { message: error.message })));
      }
      if (el && container.contains(el)) el.replaceWith(fresh);
      el = fresh;
      replaced = true;
      state.signatures.set(section.id, signature);
    }
    wanted.push(el);
  }
  wanted.forEach((el, i) => {
    if (container.children[i] !== el) container.insertBefore(el, container.children[i] || null);
  });
  for (const child of [...container.children]) if (!wanted.includes(child)) child.remove();

  refreshPipelinePanels(ctx);
  refreshCopilotPanel(ctx);
  restoreFocus(focused, focusKey, focusCheck);
  renderChrome(ctx);
  if (replaced) observeSections();
}

function restoreFocus(previous, focusKey, focusCheck) {
  if (!previous || previous === document.body || document.activeElement === previous) return;
  if (document.contains(previous)) {
    // A kept node (the copilot chat) was moved into a new rendering of its section: moving blurs it.
    if (!previous.disabled) previous.focus({ preventScroll: true });
    return;
  }
  const byKey = (key) => (key ? document.querySelector(`[data-focus-key="${CSS.escape(key)}"]`) : null);
  // Accept and Revoke replace each other on the same check: follow the swap.
  const swapped = focusKey && focusKey.replace(/^(accept|revoke):/, (m, verb) => (verb === 'accept' ? 'revoke:' : 'accept:'));
  const target = byKey(focusKey) || (swapped !== focusKey && byKey(swapped))
    || (focusCheck && focusCheck.id && document.getElementById(focusCheck.id));
  if (target && !target.disabled) target.focus({ preventScroll: true });
  else if (target) {
    // A disabled button (request in flight) cannot take focus: keep it on its check instead.
    target.closest('.check')?.focus({ preventScroll: true });
  }
}

function renderChrome(ctx) {
  const ev = state.ev;
  const summary = ev.summary || {};
  const header = (ev.sections || []).find((s) => s.kind === 'header');
  const product = ev.branding && ev.branding.product ? ev.branding.product : '';
  document.title = [header ? header.title : t('doc.title'),
    `${summary.gatesReady ?? '?'}/${summary.gatesTotal ?? '?'}`, product].filter(Boolean).join(' · ');
  if (header) $('crumb-page').textContent = header.title;
  if ($('brand-name').textContent !== product) $('brand-name').textContent = product;

  if (summary.headline !== state.headline) {
    state.headline = summary.headline;
    $('headline-live').textContent = summary.headline || '';
  }
  const facts = $('summary-facts');
  facts.replaceChildren(
    h('span', null, `${t('summary.production')}: `),
    statusPill(summary.go ? 'READY' : 'BLOCKED', summary.decision || ''),
    h('span', { class: 'muted' }, ` · ${t('summary.checks', { r: summary.checksReady, t: summary.checksTotal })}`),
    state.receivedAt ? h('span', { class: 'muted' }, ` · ${t('summary.updated', { time: timeOnly(state.receivedAt) })}`)
      : null);

  renderActors(ctx);
  renderNav(ctx);
}

function timeOnly(date) {
  return new Intl.DateTimeFormat(state.lang === 'pl' ? 'pl-PL' : 'en-GB',
    { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(date);
}

function renderActors(ctx) {
  const wrap = $('actor-switch');
  wrap.hidden = !state.localMode;
  const actors = ctx.ev.actors || [];
  const sig = JSON.stringify([state.lang, state.actorId, actors.map((a) => [a.id, a.name, a.role])]);
  if (sig === state.actorsSig) return;
  state.actorsSig = sig;
  const select = $('actor-select');
  select.replaceChildren(...actors.map((actor) => h('option', { value: actor.id, selected: actor.id === state.actorId },
    `${actor.name} · ${actor.role}`)));
  select.value = state.actorId || '';
}

function renderNav(ctx) {
  const sections = ctx.ev.sections || [];
  const shownIn = (sectionId) => [...ctx.sectionForGroup.entries()].filter(([, s]) => s === sectionId).map(([g]) => g);
  const items = sections.map((section) => {
    const ids = section.groups && section.groups.length ? section.groups : shownIn(section.id);
    const groups = ids.map((id) => ctx.groupsById.get(id)).filter(Boolean);
    const status = section.kind === 'checklist' ? null : worstStatus(groups.map((g) => g.status));
    return [section.id, section.kind === 'header' ? section.title : (section.eyebrow || section.title), status];
  });
  const sig = JSON.stringify(items);
  if (sig === state.navSig) return;
  state.navSig = sig;
  $('toc-list').replaceChildren(...items.map(([id, label, status]) => h('li', null,
    h('a', { href: `#section-${id}`, dataset: status ? { status } : undefined },
      h('span', { class: 'toc-dot', 'aria-hidden': 'true' }), label))));
  markCurrentSection();
}

// The table of contents marks the section at the top of the viewport (aria-current="location").
let observer = null;
const onScreen = new Set();
function observeSections() {
  if (!('IntersectionObserver' in window)) return;
  observer?.disconnect();
  onScreen.clear();
  observer = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (entry.isIntersecting) onScreen.add(entry.target.id);
      else onScreen.delete(entry.target.id);
    }
    markCurrentSection();
  }, { rootMargin: '0px 0px -65% 0px' });
  for (const section of document.querySelectorAll('#sections > section')) observer.observe(section);
}

function markCurrentSection() {
  const first = [...document.querySelectorAll('#sections > section')].find((s) => onScreen.has(s.id));
  if (!first) return;
  for (const link of document.querySelectorAll('#toc-list a')) {
    if (link.getAttribute('href') === `#${first.id}`) link.setAttribute('aria-current', 'location');
    else link.removeAttribute('aria-current');
  }
}

function applyStaticTexts() {
  document.documentElement.lang = state.lang;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of el.dataset.i18nAttr.split(';')) {
      const [attr, key] = pair.split(':');
      if (attr && key) el.setAttribute(attr.trim(), t(key.trim()));
    }
  }
  for (const button of document.querySelectorAll('.lang-btn')) {
    button.setAttribute('aria-pressed', String(button.dataset.lang === state.lang));
  }
  renderConn();
}

// ---- connection badge ---------------------------------------------------------------------------
function renderConn() {
  const conn = $('conn');
  const { state: connState } = state.conn;
  conn.dataset.state = connState;
  const label = t(`conn.${connState}`);
  if ($('conn-state').textContent !== label) $('conn-state').textContent = label;
  renderConnDetail();
}

function renderConnDetail() {
  const { state: connState, retryAt } = state.conn;
  const seconds = retryAt ? Math.max(0, Math.ceil((retryAt - Date.now()) / 1000)) : 0;
  const seq = state.ev ? state.ev.seq : state.conn.seq;
  const text = t(`conn.detail.${connState}`, { s: seconds, seq: seq ?? '-' });
  if ($('conn-detail').textContent !== text) $('conn-detail').textContent = text;
}

// ---- data flow ----------------------------------------------------------------------------------
let lowerSeqAnswers = 0;

/**
 * Takes an evaluation from the feed, a poll or a fetch. seq never goes backwards within one server's
 * life, so an older seq is a late answer and is dropped; but the first evaluation of a new connection,
 * or several polls in a row, saying so mean the server was reset, and then they win.
 */
function acceptEvaluation(ev, source) {
  if (!ev || typeof ev !== 'object') return;
  if (source === 'poll') loadPipelines(); // no feed: runs advance without a new seq, so ask for them too
  if (ev.lang && ev.lang !== state.lang) return; // a late answer for the previous language
  const previous = state.ev;
  const sameLang = previous && (!previous.lang || previous.lang === state.lang);
  if (sameLang && typeof ev.seq === 'number' && typeof previous.seq === 'number' && ev.seq < previous.seq) {
    lowerSeqAnswers += source === 'poll' ? 1 : 0;
    if (source !== 'feed-first' && lowerSeqAnswers < 2) return;
    state.audit = [];
    feed.lastSeq = ev.seq;
  }
  lowerSeqAnswers = 0;
  const changed = !sameLang || ev.seq !== previous.seq;
  state.ev = ev;
  state.receivedAt = new Date();
  feed.noteSeq(ev.seq);
  ensureActor();
  render();
  if (changed) {
    refreshPackets();
    if (!state.audit.length || state.audit[state.audit.length - 1].seq < ev.seq) refreshAudit();
  }
}

function ensureActor() {
  const actors = state.ev.actors || [];
  if (!actors.some((a) => a.id === state.actorId)) {
    const preferred = actors.find((a) => (a.permissions || []).includes('checks.accept')) || actors[0];
    state.actorId = preferred ? preferred.id : null;
  }
}

async function loadEvaluation() {
  const lang = state.lang;
  try {
    const ev = await api.getEvaluation(lang);
    if (lang !== state.lang) return;
    $('global-alert').textContent = '';
    acceptEvaluation(ev, 'fetch');
  } catch (error) {
    if (!state.ev) $('global-alert').textContent = t('error.load', { message: error.message });
  }
}

let packetsBusy = false;
let packetsAgain = false;
async function refreshPackets() {
  if (packetsBusy) {
    packetsAgain = true;
    return;
  }
  packetsBusy = true;
  try {
    do {
      packetsAgain = false;
      const lang = state.lang;
      const wanted = [...new Set((state.ev.sections || []).flatMap((s) => s.packets || []))];
      let listed = new Map();
      try {
        const list = await api.listPackets(lang);
        listed = new Map((list.packets || []).map((p) => [p.id, p]));
      } catch {
        // fetch each packet directly below
      }
      const stale = wanted.filter((id) => {
        const entry = state.packets.get(id);
        if (!entry || entry.lang !== lang || !entry.envelope) return true;
        const item = listed.get(id);
        return !item || item.checksum !== entry.envelope.checksum;
      });
      await Promise.all(stale.map(async (id) => {
        try {
          const envelope = await api.getPacket(id, lang);
          state.packets.set(id, { envelope, error: null, lang });
        } catch (error) {
          const old = state.packets.get(id);
          if (!old || !old.envelope) state.packets.set(id, { envelope: null, error: error.message, lang });
        }
      }));
      if (stale.length) render();
    } while (packetsAgain);
  } finally {
    packetsBusy = false;
  }
}

async function refreshAudit() {
  try {
    const body = await api.getAudit();
    state.audit = (body.events || []).slice(-AUDIT_KEEP);
    render();
  } catch {
    // the audit list is secondary; the next evaluation tries again
  }
}

function addAudit(event) {
  if (!event || typeof event.seq !== 'number') return;
  if (state.audit.some((e) => e.seq === event.seq)) return;
  state.audit = [...state.audit, event].sort((a, b) => a.seq - b.seq).slice(-AUDIT_KEEP);
  render();
}

function onPipeline(message) {
  const outcome = state.runs.applyMessage(message);
  if (!outcome) return;
  render();
  // A run first seen mid-way (the page connected while it ran): its transcript has the earlier steps.
  if (outcome === 'unknown') loadRun(message.pipeline, message.runId);
}

/** GET /api/pipelines: the runs in progress and the latest of each, on load and after every reconnect. */
async function loadPipelines() {
  const sentAt = state.runs.tick();
  try {
    const body = await api.getPipelines();
    if (state.runs.applyOverview(body, sentAt)) render();
  } catch {
    // the panels keep what they show; the next reconnect or poll tries again
  }
}

async function loadRun(pipeline, runId) {
  const sentAt = state.runs.tick();
  try {
    const run = await api.getPipelineRun(runId);
    if (state.runs.applySnapshot(pipeline, run, sentAt)) render();
    return run;
  } catch {
    return null; // not stored yet, or gone with a restarted server: the feed or the next fetch fills in
  }
}

// ---- commands -----------------------------------------------------------------------------------
function refusal(error) {
  return error && error.status
    ? t('action.refused', { status: error.status, message: error.message })
    : t('action.failed', { message: error && error.message ? error.message : String(error) });
}

async function runCommand(key, send, { follow = true } = {}) {
  if (state.pending.has(key)) return null;
  state.pending.add(key);
  state.errors.delete(key);
  render();
  try {
    const result = await send();
    if (result && result.event) addAudit(result.event);
    if (follow) afterCommand(result && typeof result.seq === 'number' ? result.seq : null);
    return result;
  } catch (error) {
    state.errors.set(key, refusal(error));
    if (error && error.code === 'PIPELINE_RUNNING') loadPipelines(); // show the run that is in the way
    return null;
  } finally {
    state.pending.delete(key);
    render();
  }
}

/** The feed normally brings the new evaluation; if it has not within a moment, fetch it. */
function afterCommand(seq) {
  const behind = () => !state.ev || seq === null || state.ev.seq < seq;
  if (!feed.isLive()) {
    loadEvaluation();
    return;
  }
  setTimeout(() => {
    if (behind()) loadEvaluation();
  }, 1500);
}

const actions = {
  accept(checkId) {
    return runCommand(checkId, () => api.acceptCheck(checkId, state.actorId));
  },
  revoke(checkId) {
    return runCommand(checkId, () => api.revokeCheck(checkId, state.actorId));
  },
  decide(checkId, value) {
    state.drafts.set(checkId, value);
    return runCommand(checkId, () => api.recordDecision(checkId, value, state.actorId));
  },
  draft(checkId, value) {
    state.drafts.set(checkId, value);
  },
  async runPipeline(pipeline) {
    const key = `pipeline:${pipeline}`;
    if (state.runs.isRunning(pipeline)) return;
    // The evaluation moves when the run is recorded, not now: the feed (or pollRun) brings it then.
    const result = await runCommand(key, () => api.startPipeline(pipeline, state.actorId), { follow: false });
    if (result && result.runId) {
      if (state.runs.applyStarted({ pipeline, ...result })) render();
      if (!feed.isLive()) pollRun(pipeline, result.runId);
    }
  },
  ask(question) {
    return copilot.ask(question, state.lang);
  },
  clearChat() {
    state.chat.clear();
    $('copilot-question')?.focus();
  },
  async copy(text, statusId) {
    const ok = await copyText(text);
    const status = document.getElementById(statusId);
    if (!status) return;
    status.textContent = ok ? t('copied') : t('copy.failed');
    status.dataset.result = ok ? 'ok' : 'failed';
    clearTimeout(status._timer);
    status._timer = setTimeout(() => {
      status.textContent = '';
    }, ok ? 2500 : 6000);
  },
};

/** Without the feed, follows our own run by its transcript until it finishes. */
async function pollRun(pipeline, runId) {
  for (let i = 0; i < 600; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const current = state.runs.get(pipeline);
    if (!current || current.runId !== runId) return;
    if (isTerminal(current.status)) break;
    if (feed.isLive()) return; // the feed carries the rest (its reconnect fetched the overview)
    const run = await loadRun(pipeline, runId);
    if (run && isTerminal(run.status)) break;
  }
  loadEvaluation();
}

// ---- language and actor -------------------------------------------------------------------------
function setLanguage(lang) {
  if (!LANGS.includes(lang) || lang === state.lang) return;
  state.lang = lang;
  setLang(lang);
  writeStored(STORE_LANG, lang);
  const url = new URL(location.href);
  if (url.searchParams.has('lang')) {
    url.searchParams.set('lang', lang);
    history.replaceState(null, '', url);
  }
  applyStaticTexts();
  state.actorsSig = null;
  state.navSig = null;
  render(); // chrome strings switch at once; scenario texts follow with the new evaluation
  loadEvaluation();
  feed.start(lang);
}

function setActor(actorId) {
  state.actorId = actorId;
  writeStored(STORE_ACTOR, actorId);
  state.errors.clear();
  state.drafts.clear();
  render();
}

// ---- start --------------------------------------------------------------------------------------
const feed = new Feed({
  onEvaluation: (ev, source) => acceptEvaluation(ev, source),
  onAudit: addAudit,
  onPipeline,
  onOpen: loadPipelines,
  onMessage: (message) => copilot.onFeedMessage(message),
  onServerError: (message) => {
    if (copilot.onFeedMessage(message)) return; // the refusal of a question asked over the feed
    const alert = $('global-alert');
    alert.textContent = t('feed.error', { code: message.code || '', message: message.message || '' });
    clearTimeout(alert._timer);
    alert._timer = setTimeout(() => {
      alert.textContent = '';
    }, 15000);
  },
  onState: (conn) => {
    state.conn = conn;
    renderConn();
  },
});

const copilot = new CopilotClient({ conversation: state.chat, feed, actorId: () => state.actorId });

/** Each streamed piece patches the chat alone; the sections around it stay as they are. */
state.chat.onChange(() => {
  if (state.ev) refreshCopilotPanel(buildContext());
});

function boot() {
  const params = new URLSearchParams(location.search);
  const wantedLang = params.get('lang') || readStored(STORE_LANG) || 'en';
  state.lang = LANGS.includes(wantedLang) ? wantedLang : 'en';
  setLang(state.lang);
  state.actorId = params.get('actor') || readStored(STORE_ACTOR);
  applyStaticTexts();

  for (const button of document.querySelectorAll('.lang-btn')) {
    button.addEventListener('click', () => setLanguage(button.dataset.lang));
  }
  $('actor-select').addEventListener('change', (event) => setActor(event.target.value));
  setInterval(renderConnDetail, 1000);

  api.getHealth().then((health) => {
    const auth = health && (health.auth || health.authMode);
    state.localMode = !(auth && String(auth).toLowerCase() === 'oidc');
    if (state.ev) {
      state.actorsSig = null;
      render();
    }
  }).catch(() => {});

  loadPipelines();
  const first = loadEvaluation().then(() => {
    if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
  });
  feed.start(state.lang);
  return first;
}

boot();
