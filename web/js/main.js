// The dashboard: holds the page state, renders the evaluation section by section, sends commands as
// the acting actor (the switcher's in mock mode, the signed-in one in oidc mode) and keeps itself
// current through the live feed (or polling when there is none).

import * as api from './api.js';
import { Feed } from './feed.js';
import { copyText } from './clipboard.js';
import { h } from './dom.js';
import { LANGS, has, setLang, t } from './i18n.js';
import { renderSection, sectionSignature } from './render/sections.js';
import { refreshPipelinePanels } from './render/pipelines.js';
import { refreshCopilotPanel } from './render/copilot.js';
import { Conversation, CopilotClient } from './copilot.js';
import { statusPill, worstStatus } from './render/common.js';
import { RunBook, isTerminal } from './runs.js';
import { ActionBook } from './actions.js';
import { barMain, gateChips, noticeText, overviewPanel, overviewSignature } from './render/overview.js';
import {
  LOOP_WINDOW_MS, MOCK, OIDC, PENDING, applyPlace, currentPlace, forgetPlace, loginHref, modeFromMe, savePlace,
  takePlace,
} from './identity.js';
import { identityNodes, loopNotice, signedOutNotice } from './render/identity.js';

const STORE_LANG = 'integration-console.lang';
const STORE_ACTOR = 'integration-console.actor';
const STORE_VIEW = 'integration-console.view';
const VIEWS = ['overview', 'full'];
const HIGHLIGHT_MS = 8000;
const FOLDED_KINDS = new Set(['group', 'providers', 'session', 'rbac', 'environments']);
const KNOWN_KINDS = new Set(['header', 'kpis', 'copilot', 'checklist', 'production-decision', ...FOLDED_KINDS]);
const AUDIT_KEEP = 50;

const state = {
  lang: 'en',
  actorId: null, // the switcher's choice (mock mode only)
  auth: PENDING, // MOCK, OIDC or PENDING until GET /api/me (or the first read) says
  me: null, // GET /api/me's body: the signed-in actor (oidc), the confirmed switcher choice (mock)
  meChecked: null, // the actor id /api/me was last asked about in mock mode
  meMissing: false, // the console has no /api/me (it predates it): the switcher is all there is
  meRefused: false, // /api/me said 401 without saying why: the first readable evaluation means mock
  noActor: null, // oidc: signed in, but no actor of the scenario is this subject (the server's words)
  signingOut: false,
  signedOut: false,
  leaving: false, // on the way to /auth/login: nothing more to do here
  loop: false, // a 401 right after signing in: the reader was told, and the page stopped
  place: null, // where the reader was before signing in, until it is put back
  placeUntil: 0, // the place is held against late re-renders until the reader moves or this time passes
  returnedAt: null, // when this page came back from signing in (a place was waiting)
  identitySig: null,
  ev: null,
  receivedAt: null,
  packets: new Map(), // id -> {envelope, error, lang}
  audit: [],
  runs: new RunBook(), // the latest run of each pipeline, merged from the feed, our starts and fetches
  errors: new Map(), // checkId | 'pipeline:<id>' -> message shown with role="alert"
  networkErrors: new Set(), // keys of those errors that only said the console could not be reached
  pending: new Set(),
  drafts: new Map(), // decision check id -> option value chosen but not yet recorded
  confirming: new Map(), // decision check id -> the option value the reader is asked to confirm
  actionBook: new ActionBook(), // what the acting actor may do now, as the server says (GET /api/actions)
  view: 'overview', // the overview (default: what blocks, my actions, ready sections collapsed) or the full page
  expanded: new Set(), // ready sections the reader opened in the overview
  overviewSig: null,
  auditLoadedSeq: null, // the newest event the first audit read brought: older ones are not news
  highlights: new Map(), // element id -> until when it is marked as changed by someone else
  signatures: new Map(),
  headline: null,
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
  const actor = actingActor(actorsById);
  return {
    ev,
    // The go/no-go node, by the id the scenario gives it, and the section that shows it.
    production: {
      id: ev.production ? ev.production.id : null,
      href: decisionSection ? `#section-${decisionSection.id}` : null,
    },
    checksumPrefix: ev.branding ? ev.branding.checksumPrefix : null,
    lang: state.lang,
    auth: state.auth,
    localMode: state.auth === MOCK,
    actor,
    actorsById,
    groupsById,
    checksById,
    sectionForGroup,
    packets: state.packets,
    pipelines: state.runs.runs,
    errors: state.errors,
    pending: state.pending,
    drafts: state.drafts,
    confirming: state.confirming,
    actionBook: state.actionBook,
    actionsFresh: Boolean(actor && state.actionBook.freshFor(actor.id, ev.seq)),
    audit: state.audit,
    chat: state.chat,
    actions,
    keep,
  };
}

/**
 * Who commands act as: the switcher's choice in mock mode, the signed-in actor in oidc mode (with the
 * permissions /api/me gave), nobody while the mode is not known. Null offers no command at all.
 */
function actingActor(actorsById) {
  const me = state.me && state.me.actor ? state.me.actor : null;
  if (state.auth === MOCK) {
    const chosen = actorsById.get(state.actorId) || null;
    return chosen && me && me.id === chosen.id ? { ...chosen, ...me } : chosen;
  }
  if (state.auth === OIDC && me) return { ...(actorsById.get(me.id) || {}), ...me };
  return null;
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
  if (!state.ev || state.signedOut) return;
  const ctx = buildContext();
  const container = $('sections');
  $('loading')?.remove();
  const focused = document.activeElement;
  const focusKey = focused && focused.dataset ? focused.dataset.focusKey : null;
  // A check or a group focused from a copilot citation keeps focus when its section is re-rendered.
  const focusCheck = focused && focused.closest ? focused.closest('.check, .group') : null;

  const anchor = runPanelInView();
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
  renderOverview(ctx);
  foldDetailSections(ctx);
  applyHighlights();
  restoreFocus(focused, focusKey, focusCheck);
  renderChrome(ctx);
  keepInPlace(anchor);
  // For readers and tests: whether the enabled controls speak for the evaluation on screen.
  document.body.dataset.actions = ctx.actionsFresh ? 'fresh' : 'pending';
  if (replaced) observeSections();
  holdPlace();
}

/**
 * The run panel the reader is watching, and where it is on screen. Sections above it are replaced
 * as evidence arrives (their cards grow), and a replaced node cannot anchor the browser's own scroll
 * anchoring: the panel would jump down by what grew above it.
 */
function runPanelInView() {
  const top = document.querySelector('.banner')?.getBoundingClientRect().bottom ?? 0;
  if (layoutByReader) return null; // the reader opened or closed something: the page moves as they asked
  for (const el of document.querySelectorAll('#sections .pipeline')) {
    const rect = el.getBoundingClientRect();
    if (rect.bottom > top && rect.top < window.innerHeight) return { el, top: rect.top };
  }
  return null;
}

let layoutByReader = false;
/** Renders a change of layout the reader asked for (a section opened, the view switched). */
function renderByReader() {
  layoutByReader = true;
  try {
    render();
  } finally {
    layoutByReader = false;
  }
}

function keepInPlace(anchor) {
  if (!anchor || !anchor.el.isConnected) return;
  const delta = anchor.el.getBoundingClientRect().top - anchor.top;
  if (Math.abs(delta) >= 1) window.scrollBy(0, delta);
}

/** The decision bar and, in the overview, the panel of what blocks, my actions and recent activity. */
function renderOverview(ctx) {
  const sig = JSON.stringify([state.view, overviewSignature(ctx)]);
  if (sig === state.overviewSig) return;
  state.overviewSig = sig;
  $('bar-main').replaceChildren(...barMain(ctx));
  $('bar-gates-list').replaceChildren(gateChips(ctx));
  // How long a reader waits for the decision: the README's figure is read from this mark.
  if (!performance.getEntriesByName('decision-bar-visible').length) performance.mark('decision-bar-visible');
  $('overview').replaceChildren(...(state.view === 'overview' ? [overviewPanel(ctx)] : []));
}

/**
 * In the overview, the seed's detail sections show their heading and status only, until opened: the
 * overview panel above says what blocks and what is mine. The page's own top (title, figures, the
 * copilot, the checklist, the production decision) stays open. A section opened while the reader
 * watches (by them, or by the bar's "Choose the decision") stays open.
 */
function foldDetailSections(ctx) {
  for (const section of state.ev.sections || []) {
    const el = document.getElementById(`section-${section.id}`);
    if (!el) continue;
    const foldable = FOLDED_KINDS.has(section.kind) || !(KNOWN_KINDS.has(section.kind));
    const collapsed = foldable && state.view === 'overview' && !state.expanded.has(section.id);
    el.toggleAttribute('data-collapsed', collapsed);
    let toggle = el.querySelector(':scope > .panel-head > .section-toggle');
    if (!foldable || state.view !== 'overview') {
      toggle?.remove();
      continue;
    }
    if (!toggle) {
      toggle = h('button', { type: 'button', class: 'btn btn-small section-toggle', 'aria-controls': el.id,
        onclick: () => {
          if (state.expanded.has(section.id)) state.expanded.delete(section.id);
          else state.expanded.add(section.id);
          renderByReader();
        } });
      el.querySelector(':scope > .panel-head')?.append(toggle);
    }
    toggle.setAttribute('aria-expanded', String(!collapsed));
    const label = t(collapsed ? 'section.show' : 'section.hide');
    if (toggle.textContent !== label) toggle.textContent = label;
  }
}

function setView(view) {
  if (!VIEWS.includes(view) || view === state.view) return;
  state.view = view;
  writeStored(STORE_VIEW, view);
  applyView();
  renderByReader();
}

function applyView() {
  document.body.dataset.view = state.view;
  for (const button of document.querySelectorAll('.view-btn')) {
    button.setAttribute('aria-pressed', String(button.dataset.view === state.view));
  }
}

/** Marks what someone else just changed (a short "Changed just now"), until HIGHLIGHT_MS passes. */
function applyHighlights() {
  const now = Date.now();
  for (const [id, until] of [...state.highlights]) {
    const el = document.getElementById(id);
    if (until <= now) {
      state.highlights.delete(id);
      if (el) {
        el.removeAttribute('data-changed');
        el.querySelector(':scope > .changed-tag')?.remove();
      }
      continue;
    }
    if (!el) continue;
    el.dataset.changed = 'true';
    if (!el.querySelector(':scope > .changed-tag')) el.prepend(h('p', { class: 'changed-tag' }, t('notice.changed')));
  }
}

/** Someone else acted: say so briefly and mark what changed; a reader's own commands are not news. */
function noticeOther(event) {
  if (!state.ev) return;
  const ctx = buildContext();
  if (!event.actor || (ctx.actor && ctx.actor.id === event.actor)) return;
  const notice = $('notice');
  notice.textContent = noticeText(ctx, event);
  clearTimeout(notice._timer);
  notice._timer = setTimeout(() => {
    notice.textContent = '';
  }, HIGHLIGHT_MS);
  const payload = event.payload || {};
  const pipeline = payload.run && (ctx.ev.pipelines || []).find((p) => p.id === payload.run.pipeline);
  const id = payload.checkId ? `check-${payload.checkId}` : pipeline ? `pipeline-progress-${pipeline.id}` : null;
  if (id) {
    state.highlights.set(id, Date.now() + HIGHLIGHT_MS);
    setTimeout(() => render(), HIGHLIGHT_MS + 50);
  }
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

  renderIdentity();
  renderNav(ctx);
}

function timeOnly(date) {
  return new Intl.DateTimeFormat(state.lang === 'pl' ? 'pl-PL' : 'en-GB',
    { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(date);
}

function renderIdentity() {
  const actors = state.ev ? state.ev.actors || [] : [];
  const view = {
    auth: state.signedOut ? PENDING : state.auth, actors, actorId: state.actorId, me: state.me,
    noActor: state.noActor, signingOut: state.signingOut,
  };
  const sig = JSON.stringify([state.lang, view, actors.map((a) => [a.id, a.name, a.role])]);
  if (sig === state.identitySig) return;
  state.identitySig = sig;
  const wrap = $('account');
  const focused = wrap.contains(document.activeElement) ? document.activeElement.id : null;
  wrap.replaceChildren(...identityNodes(view, { chooseActor: setActor, signOut }));
  if (focused) document.getElementById(focused)?.focus();
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
  }, {
    // What the sticky decision bar covers is not on screen: a section scrolled under it is not current.
    rootMargin: `-${Math.ceil(document.querySelector('.banner')?.getBoundingClientRect().height ?? 0)}px 0px -65% 0px`,
  });
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

/** The console is reachable again: a "could not reach it" under a command is no longer true. */
function clearNetworkErrors(andRender = true) {
  if (!state.networkErrors.size) return;
  for (const key of state.networkErrors) state.errors.delete(key);
  state.networkErrors.clear();
  if (andRender) render();
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
  if (state.signedOut || state.leaving) return;
  if (ev.lang && ev.lang !== state.lang) return; // a late answer for the previous language
  // Reads are anonymous only in mock mode: an evaluation without a session settles /api/me's bare 401.
  if (state.auth === PENDING && state.meRefused) settle({ auth: MOCK, me: null });
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
  // The console answered: a "could not reach it" under a command is no longer true.
  if (state.networkErrors.size) clearNetworkErrors(false);
  state.receivedAt = new Date();
  feed.noteSeq(ev.seq);
  ensureActor();
  render();
  refreshActions();
  if (changed) {
    refreshPackets();
    if (!state.audit.length || state.audit[state.audit.length - 1].seq < ev.seq) refreshAudit();
  }
}

/** The actor commands act as, by id, once the mode is known. */
function actingActorId() {
  if (state.auth === MOCK) return state.actorId;
  if (state.auth === OIDC && state.me && state.me.actor) return state.me.actor.id;
  return null;
}

let actionsBusy = false;
/**
 * GET /api/actions for the acting actor whenever the evaluation or the actor changes: until the book
 * speaks for both, no command is enabled (the page never offers what the server would refuse).
 */
async function refreshActions() {
  if (actionsBusy || !state.ev) return;
  const actorId = actingActorId();
  if (!actorId) {
    if (state.actionBook.actor !== null) state.actionBook.clear();
    return;
  }
  if (state.actionBook.freshFor(actorId, state.ev.seq)) return;
  actionsBusy = true;
  let changed = false;
  try {
    const body = await api.getActions(state.auth === MOCK ? actorId : null);
    changed = state.actionBook.apply(body);
  } catch {
    // the controls stay disabled; the next evaluation asks again
  } finally {
    actionsBusy = false;
  }
  if (changed) render();
  // Asked for one evaluation while another arrived, or for an actor since switched: ask again.
  const now = actingActorId();
  if (state.ev && now && !state.actionBook.freshFor(now, state.ev.seq)
      && (state.actionBook.actor !== now || (state.actionBook.seq ?? -1) < state.ev.seq)) refreshActions();
}

function ensureActor() {
  const actors = state.ev.actors || [];
  if (!actors.some((a) => a.id === state.actorId)) {
    const preferred = actors.find((a) => (a.permissions || []).includes('checks.accept')) || actors[0];
    state.actorId = preferred ? preferred.id : null;
  }
  confirmActor();
}

/** Resolves true when an evaluation arrived (for the language still shown). */
async function loadEvaluation() {
  const lang = state.lang;
  try {
    const ev = await api.getEvaluation(lang);
    if (lang !== state.lang || state.signedOut) return false;
    if (!state.noActor) $('global-alert').textContent = '';
    acceptEvaluation(ev, 'fetch');
    return true;
  } catch (error) {
    // A 401 goes to sign in (onUnauthenticated) rather than into an alert nobody needs to read.
    if (!state.ev && error.status !== 401 && !state.noActor) {
      $('global-alert').textContent = t('error.load', { message: error.message });
    }
    return false;
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
    const newest = state.audit.length ? state.audit[state.audit.length - 1].seq : 0;
    if (state.auditLoadedSeq === null || newest > state.auditLoadedSeq) state.auditLoadedSeq = newest;
    render();
  } catch {
    // the audit list is secondary; the next evaluation tries again
  }
}

function addAudit(event, { fromFeed = false } = {}) {
  if (!event || typeof event.seq !== 'number') return;
  if (state.audit.some((e) => e.seq === event.seq)) return;
  state.audit = [...state.audit, event].sort((a, b) => a.seq - b.seq).slice(-AUDIT_KEEP);
  if (fromFeed && (state.auditLoadedSeq === null || event.seq > state.auditLoadedSeq)) noticeOther(event);
  render();
}

function onPipeline(message) {
  const outcome = state.runs.applyMessage(message);
  if (!outcome) return;
  render();
  // A run first seen mid-way (the page connected while it ran): its transcript has the earlier steps.
  if (outcome === 'unknown') loadRun(message.pipeline, message.runId);
}

/** GET /api/pipelines: the runs in progress and the latest of each, each time the feed opens (load, reconnect). */
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
  // The server's reason in words first (it says REVIEW where the page says Review), then its own message.
  if (error && error.status && has(`refusal.${error.code}`)) {
    return t('action.refusedWords', { status: error.status, words: t(`refusal.${error.code}`), message: error.message });
  }
  return error && error.status
    ? t('action.refused', { status: error.status, message: error.message })
    : t('action.failed', { message: error && error.message ? error.message : String(error) });
}

async function runCommand(key, send, { follow = true } = {}) {
  if (state.pending.has(key)) return null;
  state.pending.add(key);
  state.errors.delete(key);
  state.networkErrors.delete(key);
  render();
  try {
    const result = await send();
    if (result && result.event) addAudit(result.event);
    if (follow) afterCommand(result && typeof result.seq === 'number' ? result.seq : null);
    return result;
  } catch (error) {
    state.errors.set(key, refusal(error));
    if (error && error.status === 0) state.networkErrors.add(key);
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
    return runCommand(checkId, () => api.acceptCheck(checkId, commandActor()));
  },
  revoke(checkId) {
    return runCommand(checkId, () => api.revokeCheck(checkId, commandActor()));
  },
  /** A decision is recorded only after the reader confirms the option it names. */
  askToDecide(checkId, value) {
    state.errors.delete(checkId);
    if (!value) {
      state.confirming.delete(checkId);
      state.errors.set(checkId, t('decision.chooseFirst'));
      render();
      document.getElementById(`decide-${checkId}`)?.focus();
      return;
    }
    state.confirming.set(checkId, value);
    render();
    document.querySelector(`[data-focus-key="confirm:${CSS.escape(checkId)}"]`)?.focus();
  },
  /** From the bar or My actions: to the decision's options, opening its section in the overview. */
  goToDecision(checkId) {
    const sectionId = state.ev && buildContext().sectionForGroup.get(
      (state.ev.groups || []).find((g) => (g.checks || []).some((c) => c.id === checkId))?.id);
    if (sectionId) state.expanded.add(sectionId);
    renderByReader();
    const select = document.getElementById(`decide-${checkId}`);
    select?.scrollIntoView({ block: 'center' });
    select?.focus({ preventScroll: true });
  },
  cancelDecision(checkId) {
    state.confirming.delete(checkId);
    render();
    document.querySelector(`[data-focus-key="decide:${CSS.escape(checkId)}"]`)?.focus();
  },
  decide(checkId, value) {
    state.confirming.delete(checkId);
    state.drafts.delete(checkId);
    return runCommand(checkId, () => api.recordDecision(checkId, value, commandActor()));
  },
  draft(checkId, value) {
    state.drafts.set(checkId, value);
    if (state.confirming.has(checkId)) {
      state.confirming.delete(checkId);
      render();
    }
  },
  async runPipeline(pipeline) {
    const key = `pipeline:${pipeline}`;
    if (state.runs.isRunning(pipeline)) return;
    // The evaluation moves when the run is recorded, not now: the feed (or pollRun) brings it then.
    const result = await runCommand(key, () => api.startPipeline(pipeline, commandActor()), { follow: false });
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
  state.identitySig = null;
  state.navSig = null;
  renderIdentity();
  renderNotice();
  if (state.signedOut || state.loop) return; // nothing to load until the reader signs in
  render(); // chrome strings switch at once; scenario texts follow with the new evaluation
  loadEvaluation();
  feed.start(lang);
}

function setActor(actorId) {
  if (state.auth !== MOCK) return; // only the mock switcher chooses; a signed-in page acts as its owner
  state.actorId = actorId;
  writeStored(STORE_ACTOR, actorId);
  state.errors.clear();
  state.drafts.clear();
  state.confirming.clear();
  confirmActor();
  render();
  refreshActions();
}

/** X-Actor-Id for a command: the switcher's actor in mock mode; none in oidc mode, where the cookie speaks. */
function commandActor() {
  return state.auth === MOCK ? state.actorId : null;
}

// ---- identity -----------------------------------------------------------------------------------
/**
 * GET /api/me, without any actor header: a session answers for itself (oidc); mock mode answers 401
 * (no actor named yet), and the first evaluation then settles it. Retried while the console cannot be
 * reached: until then the page offers no switcher and no command.
 */
async function resolveIdentity() {
  for (let attempt = 1; !state.signedOut && !state.leaving; attempt += 1) {
    let answer;
    try {
      answer = { body: await api.getMe(null) };
    } catch (error) {
      answer = { error };
    }
    if (state.auth !== PENDING) return; // a read's 401 settled it meanwhile
    const settled = modeFromMe(answer);
    if (settled === null) {
      state.meRefused = true;
      // An evaluation that came before this answer was read without a session: mock mode.
      if (state.ev) settle({ auth: MOCK, me: null });
      return;
    }
    if (settled) {
      state.meMissing = answer.error !== undefined && answer.error.status >= 404;
      settle(settled);
      if (settled.auth === OIDC && !settled.me && !settled.noActor) signInAgain();
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 1000 * 2 ** (attempt - 1))));
  }
}

function settle({ auth, me, noActor = null }) {
  state.auth = auth;
  state.me = auth === OIDC ? me : state.me;
  state.noActor = noActor;
  if (noActor) {
    // Every read would be refused the same way: say why once, and leave Sign out as the way on.
    $('global-alert').textContent = t('signin.noActor', { message: noActor });
    feed.stop();
  }
  if (auth === MOCK) confirmActor();
  renderIdentity();
  render();
  refreshActions();
}

/** Mock mode: the console's own word on the switcher's actor (its permissions), once per choice. */
async function confirmActor() {
  const actorId = state.actorId;
  if (state.auth !== MOCK || state.meMissing || !actorId || state.meChecked === actorId) return;
  state.meChecked = actorId;
  let me = null;
  try {
    me = await api.getMe(actorId);
  } catch {
    me = null; // an actor the console does not know: the evaluation's entry stands, as it always did
  }
  if (state.actorId !== actorId) return;
  state.me = me;
  render();
}

/**
 * A 401 while the page is open. Mock mode never signs in; before the mode is known, only a read's 401
 * says oidc (mock-mode reads are anonymous).
 */
function onUnauthenticated({ method }) {
  if (state.signedOut || state.leaving || state.loop || state.auth === MOCK) return;
  if (state.auth === PENDING && method !== 'GET') return;
  if (state.auth === PENDING) settle({ auth: OIDC, me: null });
  signInAgain();
}

/** Where the reader is; a place still waiting to be put back is still where they are. */
function placeNow() {
  if (state.place) return { ...state.place, draft: state.chat.draft || state.place.draft, savedAt: Date.now() };
  return currentPlace(state.chat.draft);
}

/** Off to /auth/login with the place saved; or, right after coming back from there, say so and stop. */
function signInAgain() {
  if (state.leaving || state.signedOut || state.loop) return;
  const place = placeNow();
  feed.stop();
  if (state.returnedAt !== null && Date.now() - state.returnedAt < LOOP_WINDOW_MS) {
    state.loop = true;
    savePlace(place); // kept for the "Sign in again" link
    renderNotice();
    return;
  }
  state.leaving = true;
  savePlace(place);
  location.assign(loginHref());
}

/** The feed closed with 1008: an expired identity, or a rate limit. /api/me tells which. */
function onPolicyClose() {
  if (state.auth !== OIDC) return false;
  checkSession({ otherwise: () => feed.start(state.lang) });
  return true;
}

/** Asks /api/me whether the session still holds; a 401 goes to sign in, anything else calls otherwise. */
async function checkSession({ otherwise = () => {} } = {}) {
  try {
    state.me = await api.getMe(null);
  } catch (error) {
    if (error.status === 401) {
      signInAgain();
      return;
    }
  }
  if (!state.leaving && !state.loop && !state.signedOut) otherwise();
}

async function signOut() {
  if (state.signingOut || state.signedOut) return;
  state.signingOut = true;
  renderIdentity();
  try {
    await api.logout();
  } catch (error) {
    if (error.status !== 401) { // 401: the session was over already, which is what was asked
      state.signingOut = false;
      renderIdentity();
      $('global-alert').textContent = t('signin.signOutFailed', { message: error.message });
      return;
    }
  }
  showSignedOut();
}

/**
 * The page after "Sign out": no data, no feed, a link to sign in. Not straight to /auth/login: the
 * identity provider, still remembering the person, would sign them back in at once.
 */
function showSignedOut() {
  state.signingOut = false;
  state.signedOut = true;
  state.me = null;
  state.ev = null;
  state.audit = [];
  state.packets.clear();
  state.signatures.clear();
  feed.stop();
  state.chat.forget(); // the conversation of this session is not the next person's
  forgetPlace();
  $('global-alert').textContent = '';
  $('sections').replaceChildren();
  $('toc-list').replaceChildren();
  $('summary-facts').replaceChildren();
  $('headline-live').textContent = '';
  $('bar-main').replaceChildren();
  $('bar-gates-list').replaceChildren();
  $('overview').replaceChildren();
  state.overviewSig = null;
  state.identitySig = null;
  renderIdentity();
  renderNotice();
  $('signed-out-title').focus();
}

/** The notice of a sign-in that did not take, or of the signed-out page, in the current language. */
function renderNotice() {
  let notice = null;
  if (state.signedOut) notice = signedOutNotice(loginHref());
  else if (state.loop) notice = loopNotice(loginHref(), () => savePlace(placeNow()));
  const wrap = $('auth-notice');
  const focused = wrap.contains(document.activeElement) ? document.activeElement.id : null;
  wrap.replaceChildren(...(notice ? [notice] : []));
  if (focused) document.getElementById(focused)?.focus();
}

/** Puts the reader back where they were before signing in, holding it while late content loads above. */
function holdPlace() {
  if (!state.place) return;
  if (Date.now() > state.placeUntil) {
    state.place = null;
    return;
  }
  applyPlace(state.place);
}

function arrive(place) {
  state.place = place;
  state.placeUntil = Date.now() + LOOP_WINDOW_MS;
  applyPlace(place);
  // The reader moving the page ends the hold: from then on the place is theirs.
  const release = () => {
    state.place = null;
    for (const type of ['wheel', 'touchstart', 'keydown', 'mousedown']) window.removeEventListener(type, release, true);
  };
  for (const type of ['wheel', 'touchstart', 'keydown', 'mousedown']) window.addEventListener(type, release, true);
}

// ---- start --------------------------------------------------------------------------------------
const feed = new Feed({
  onEvaluation: (ev, source) => acceptEvaluation(ev, source),
  onAudit: (event) => addAudit(event, { fromFeed: true }),
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
    // Without the socket, onOpen never fetches the runs: fetch them once when the page falls back to polling.
    if (conn.state === 'polling' && !state.runsPolled) {
      state.runsPolled = true;
      loadPipelines();
    }
    if (conn.state === 'live') clearNetworkErrors();
  },
  onPolicyClose,
  // A refused upgrade looks like any failed connection to a page; in oidc mode, ask whether it was a 401.
  onRefused: () => {
    if (state.auth === OIDC) checkSession();
  },
});

const copilot = new CopilotClient({ conversation: state.chat, feed, actorId: commandActor });

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
  const wantedView = params.get('view') || readStored(STORE_VIEW) || 'overview';
  state.view = VIEWS.includes(wantedView) ? wantedView : 'overview';
  applyView();
  for (const button of document.querySelectorAll('.view-btn')) {
    button.addEventListener('click', () => setView(button.dataset.view));
  }
  // A link into a folded section opens it first, so the browser lands on what the link names.
  document.addEventListener('click', (event) => {
    const link = event.target.closest ? event.target.closest('a[href^="#"]') : null;
    const target = link ? document.getElementById(decodeURIComponent(link.getAttribute('href').slice(1))) : null;
    const section = target ? target.closest('#sections > section[data-collapsed]') : null;
    if (!section) return;
    state.expanded.add(section.id.replace(/^section-/, ''));
    renderByReader();
  }, true);
  // Anchors land below the sticky decision bar, whatever its height at this width.
  const banner = document.querySelector('.banner');
  new ResizeObserver(() => {
    document.documentElement.style.setProperty('--bar-h', `${Math.ceil(banner.getBoundingClientRect().height)}px`);
  }).observe(banner);
  const place = takePlace();
  if (place) {
    state.returnedAt = Date.now();
    if (place.draft && !state.chat.draft) {
      state.chat.draft = place.draft;
      state.chat.draftReturned = true;
    }
  }
  applyStaticTexts();

  for (const button of document.querySelectorAll('.lang-btn')) {
    button.addEventListener('click', () => setLanguage(button.dataset.lang));
  }
  setInterval(renderConnDetail, 1000);
  api.onUnauthenticated(onUnauthenticated);

  resolveIdentity();
  // the runs are fetched when the feed opens (onOpen): a fetch sent before then could miss a step
  const first = loadEvaluation().then((loaded) => {
    if (!loaded) return;
    if (place) arrive(place);
    else if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
  });
  feed.start(state.lang);
  return first;
}

boot();
