// One renderer per section kind of IntegrationEvaluation.v1. Each returns a <section id="section-<id>">
// labelled by its heading; main.js replaces a section only when its inputs (signature) changed.

import { h, domId } from '../dom.js';
import { t, formatTime, has } from '../i18n.js';
import {
  badge, cardGrid, checkItem, code, groupBlock, hrefFor, knownStatus, statusPill, summaryCard, worstStatus,
  actorName, actorLine, blockerChain, refLabel,
} from './common.js';
import { sectionPacketsAndCards } from './packets.js';
import { pipelinePanel } from './pipelines.js';
import { copilotPanel } from './copilot.js';
import { kindOfCheck } from '../actions.js';
import { timeline } from './overview.js';

function sectionShell(section, { headingLevel = 'h2', badgeNode = null, className = '' } = {}, ...content) {
  const titleId = `section-title-${section.id}`;
  return h('section', { id: `section-${section.id}`, class: ['panel', `kind-${section.kind}`, className],
    'aria-labelledby': titleId, dataset: { kind: section.kind } },
  h('div', { class: 'panel-head' },
    h('div', { class: 'panel-titles' },
      section.eyebrow ? h('p', { class: 'eyebrow' }, section.eyebrow) : null,
      h(headingLevel, { id: titleId, class: 'panel-title' }, section.title || section.eyebrow || section.id)),
    badgeNode),
  section.description ? h('p', { class: 'panel-desc' }, section.description) : null,
  ...content);
}

function groupsOf(ctx, section) {
  return (section.groups || []).map((id) => ctx.groupsById.get(id)).filter(Boolean);
}

/**
 * The pipelines whose Run button and transcript this section carries: those proving a group it shows,
 * when it is the section that group is shown in (one panel per pipeline on the page).
 */
function pipelinesOf(ctx, section) {
  return (ctx.ev.pipelines || []).filter((pipeline) => (section.groups || []).includes(pipeline.group)
    && ctx.sectionForGroup.get(pipeline.group) === section.id).map((pipeline) => pipeline.id);
}

function sectionBadge(ctx, section) {
  const status = worstStatus(groupsOf(ctx, section).map((g) => g.status));
  return badge(section.badge, status);
}

// ---- header -------------------------------------------------------------------------------------
function renderHeader(ctx, section) {
  return sectionShell(section, { headingLevel: 'h1', badgeNode: badge(section.badge), className: 'page-intro' });
}

// ---- kpis ---------------------------------------------------------------------------------------
function renderKpis(ctx, section) {
  return sectionShell(section, { className: 'kpis' },
    h('div', { class: 'card-grid kpi-grid' }, (section.cards || []).map((card) => summaryCard(ctx, card, 'h3'))));
}

// ---- copilot ------------------------------------------------------------------------------------
function recommendationBlock(ctx) {
  const rec = ctx.ev.recommendation;
  if (!rec) return null;
  const href = hrefFor(ctx, rec.checkId) || hrefFor(ctx, rec.groupId);
  return h('section', { class: 'recommendation', 'aria-labelledby': 'rec-title' },
    h('h3', { id: 'rec-title', class: 'rec-label' }, t('rec.title')),
    h('p', { class: 'rec-action' }, href ? h('a', { href }, rec.action) : rec.action),
    rec.reason ? h('p', { class: 'rec-reason' }, rec.reason) : null,
    h('dl', { class: 'meta meta-inline' },
      rec.actor ? h('div', null, h('dt', null, t('rec.owner')), h('dd', null, actorLine(ctx, rec.actor))) : null,
      rec.command ? h('div', null, h('dt', null, t('rec.command')), h('dd', null, code(rec.command))) : null));
}

function progressMeter(ctx) {
  const summary = ctx.ev.summary || {};
  const percent = Math.max(0, Math.min(100, Number(summary.percent) || 0));
  return h('div', { class: 'meter-wrap' },
    h('div', { class: 'meter-labels' },
      h('span', { id: 'progress-label' }, t('summary.progress')),
      h('span', null, `${percent}%`)),
    h('div', { class: 'meter', role: 'progressbar', 'aria-labelledby': 'progress-label',
      'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': String(percent) },
    h('div', { class: 'meter-fill', style: `width:${percent}%` })),
    h('p', { class: 'meter-note' },
      t('summary.gates', { r: summary.gatesReady, t: summary.gatesTotal }), ' · ',
      t('summary.checks', { r: summary.checksReady, t: summary.checksTotal })));
}

function renderCopilot(ctx, section) {
  // The badge is a percentage of progress, not an error: it stays neutral (the decision bar says NO-GO).
  return sectionShell(section, { badgeNode: badge(section.badge), className: 'copilot' },
    progressMeter(ctx),
    h('div', { class: 'copilot-grid' },
      recommendationBlock(ctx),
      copilotPanel(ctx)),
    cardGrid(ctx, section.cards, 'h3'));
}

// ---- checklist ----------------------------------------------------------------------------------
function renderChecklist(ctx, section) {
  const gates = ctx.ev.gates || groupsOf(ctx, section);
  const list = h('ol', { class: 'gates' }, gates.map((gate, index) => {
    const status = knownStatus(gate.status);
    const href = hrefFor(ctx, gate.id);
    return h('li', { class: 'gate', id: domId('gate', gate.id), dataset: { status: status || 'UNKNOWN' } },
      h('span', { class: 'gate-index', 'aria-hidden': 'true' }, String(index + 1)),
      h('span', { class: 'gate-label' }, href ? h('a', { href }, gate.label) : gate.label),
      statusPill(status),
      h('span', { class: 'gate-count' },
        typeof gate.total === 'number' ? t('group.checks', { d: gate.done, t: gate.total }) : ''),
      h('span', { class: 'gate-decision' },
        h('span', { class: 'visually-hidden' }, `${t('checklist.decision')}: `), code(gate.decision || '')));
  }));
  const summary = ctx.ev.summary || {};
  const ready = gates.filter((g) => g.status === 'READY').length;
  return sectionShell(section, {
    badgeNode: badge(`${summary.gatesReady ?? ready}/${summary.gatesTotal ?? gates.length}`,
      ready === gates.length ? 'READY' : 'REVIEW'),
  }, list);
}

// ---- production decision ------------------------------------------------------------------------
function renderProductionDecision(ctx, section) {
  const go = ctx.ev.summary && ctx.ev.summary.go;
  return sectionShell(section, { badgeNode: badge(section.badge, go ? 'READY' : 'BLOCKED'), className: 'decision-panel' },
    cardGrid(ctx, section.cards, 'h3'));
}

// ---- generic group section ----------------------------------------------------------------------
function renderGroupSection(ctx, section) {
  // A card showing a check of this section's groups dresses that check (subtitle, evidence) instead of standing alone.
  const shown = new Set(groupsOf(ctx, section).flatMap((group) => (group.checks || []).map((check) => check.id)));
  const decorations = new Map((section.cards || []).filter((card) => shown.has(card.ref)).map((card) => [card.ref, card]));
  const own = { ...section, cards: (section.cards || []).filter((card) => !shown.has(card.ref)) };
  const { packets, cards } = sectionPacketsAndCards(ctx, own);
  return sectionShell(section, { badgeNode: sectionBadge(ctx, section) },
    groupsOf(ctx, section).map((group) => groupBlock(ctx, group, decorations)),
    cards,
    pipelinesOf(ctx, section).map((pipeline) => pipelinePanel(ctx, pipeline)),
    packets);
}

// ---- providers ----------------------------------------------------------------------------------
/** The check proving a provider's contract (the evaluation names it), if the section shows its group. */
function contractCheck(ctx, section, provider) {
  const check = provider.check ? ctx.checksById.get(provider.check) : null;
  if (!check) return null;
  return groupsOf(ctx, section).some((group) => (group.checks || []).some((c) => c.id === check.id)) ? check : null;
}

function renderProviders(ctx, section) {
  const groups = groupsOf(ctx, section);
  const proven = new Set();
  const items = (ctx.ev.providers || []).map((provider) => {
    const check = contractCheck(ctx, section, provider);
    if (check) proven.add(check.id);
    const status = knownStatus(check ? check.status : provider.status);
    // A contract no check proves is only declared (its modes and contract named): never shown as ready.
    const declared = !check && status === 'READY';
    return h('li', { class: 'provider card', id: check ? domId('check', check.id) : domId('provider', provider.id),
      dataset: { status: declared ? 'DECLARED' : status || 'UNKNOWN' } },
    h('div', { class: 'card-head' },
      h('h3', { class: 'card-label' }, provider.label),
      declared ? h('span', { class: 'status status-declared' }, t('provider.declared'))
        : statusPill(status, status === 'READY' ? t('provider.ready') : undefined)),
    provider.description ? h('p', { class: 'card-desc' }, provider.description) : null,
    h('dl', { class: 'modes' },
      h('div', null, h('dt', null, t('provider.current')), h('dd', null, provider.currentMode)),
      h('div', { class: 'mode-target' }, h('dt', null, t('provider.target')), h('dd', null, provider.targetMode))),
    h('dl', { class: 'meta' },
      provider.contract ? h('div', null, h('dt', null, t('provider.contract')), h('dd', null, code(provider.contract)))
        : null,
      provider.owner ? h('div', null, h('dt', null, t('provider.owner')), h('dd', null, actorLine(ctx, provider.owner)))
        : null,
      check ? h('div', null, h('dt', null, t('check.id')), h('dd', null, code(check.id))) : null));
  });
  // The list stands for the section's group (citations and links land on it) when there is one.
  const only = groups.length === 1 ? groups[0] : null;
  // Checks of the shown groups that prove no provider's contract still show, as checks.
  const others = groups.flatMap((group) => group.checks || []).filter((check) => !proven.has(check.id));
  return sectionShell(section, { badgeNode: sectionBadge(ctx, section) },
    h('ul', { class: 'card-grid provider-grid', role: 'list', id: only ? domId('group', only.id) : null,
      tabindex: only ? '-1' : null, 'aria-label': only ? only.label : null }, items),
    others.length ? h('ul', { class: 'checks', role: 'list' }, others.map((check) => checkItem(ctx, check))) : null);
}

// ---- live session -------------------------------------------------------------------------------
function auditList(ctx) {
  const events = ctx.audit.slice(-8).reverse();
  return h('section', { class: 'audit', 'aria-labelledby': 'audit-title' },
    h('div', { class: 'audit-head' },
      h('h3', { id: 'audit-title' }, t('audit.title')),
      h('a', { href: '/api/audit/verify', class: 'small-link' }, t('audit.verify'))),
    events.length === 0 ? h('p', { class: 'muted' }, t('audit.none')) : timeline(ctx, events, { class: 'timeline audit-list' }));
}

/** A card showing the last write ({lastWrite}) gets its ISO instant in the reader's format, with who wrote it. */
function sessionValue(ctx, card) {
  const session = ctx.ev.session || {};
  if (session.lastWriteAt && card.value === session.lastWriteAt) {
    const by = session.lastWriteBy ? ` · ${actorName(ctx, session.lastWriteBy)}` : '';
    return h('time', { datetime: session.lastWriteAt }, `${formatTime(session.lastWriteAt)}${by}`);
  }
  return card.value ?? '';
}

function renderSession(ctx, section) {
  return sectionShell(section, { badgeNode: sectionBadge(ctx, section) },
    h('dl', { class: 'session-grid' }, (section.cards || []).map((card) => h('div', { class: 'session-item',
      id: domId('card', card.id) },
    h('dt', null, card.label), h('dd', null, sessionValue(ctx, card))))),
    groupsOf(ctx, section).map((group) => h('div', { class: 'session-checks', id: domId('group', group.id),
      tabindex: '-1' },
    h('h3', { class: 'sub-title' }, group.label, ' ', statusPill(group.status),
      h('span', { class: 'count' }, ` ${t('group.checks', { d: group.done, t: group.total })}`)),
    h('ul', { class: 'checks', role: 'list' }, (group.checks || []).map((check) => checkItem(ctx, check))))),
    auditList(ctx));
}

// ---- rbac ---------------------------------------------------------------------------------------
function renderRbac(ctx, section) {
  const rows = (ctx.ev.actors || []).map((actor) => {
    const selected = ctx.actor && ctx.actor.id === actor.id;
    return h('tr', { id: domId('actor', actor.id), class: selected ? 'selected' : null },
      h('th', { scope: 'row' },
        h('span', { class: 'actor-name' }, actor.name),
        selected ? h('span', { class: 'tag' }, t('rbac.selected')) : null,
        h('span', { class: 'actor-sub' }, `${actor.id} · ${actor.orgUnit}`)),
      h('td', null, actor.role),
      h('td', null,
        h('span', { class: 'perm-count' }, t('rbac.count', { n: actor.permissionCount ?? (actor.permissions || []).length })),
        h('ul', { class: 'perms', role: 'list' }, (actor.permissions || []).map((p) => h('li', null, code(p))))));
  });
  return sectionShell(section, { badgeNode: badge(section.badge) },
    h('div', { class: 'table-wrap' },
      h('table', { class: 'rbac' },
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, t('rbac.actor')),
          h('th', { scope: 'col' }, t('rbac.role')),
          h('th', { scope: 'col' }, t('rbac.permissions')))),
        h('tbody', null, rows))));
}

// ---- environments -------------------------------------------------------------------------------
function renderEnvironments(ctx, section) {
  return sectionShell(section, { badgeNode: badge(section.badge) },
    h('ol', { class: 'card-grid env-grid' }, (ctx.ev.environments || []).map((env) => h('li', {
      class: 'card env', id: domId('env', env.id), dataset: { state: env.state || '' } },
    h('div', { class: 'card-head' },
      h('h3', { class: 'card-label' }, env.label),
      env.state ? h('span', { class: 'tag', dataset: { state: env.state } },
        has(`env.state.${env.state}`) ? t(`env.state.${env.state}`) : env.state) : null),
    h('p', { class: 'card-value' }, code(env.adapter)),
    env.description ? h('p', { class: 'card-desc' }, env.description) : null))));
}

const RENDERERS = {
  header: renderHeader,
  kpis: renderKpis,
  copilot: renderCopilot,
  checklist: renderChecklist,
  'production-decision': renderProductionDecision,
  group: renderGroupSection,
  providers: renderProviders,
  session: renderSession,
  rbac: renderRbac,
  environments: renderEnvironments,
};

export function renderSection(ctx, section) {
  const render = RENDERERS[section.kind] || renderGroupSection;
  return render(ctx, section);
}

/**
 * Everything a section's DOM depends on, as a string: equal signatures mean the section is left alone,
 * so a poll that brings nothing new keeps focus, selections and scroll untouched.
 */
export function sectionSignature(ctx, section) {
  const groups = groupsOf(ctx, section);
  const checkIds = groups.flatMap((g) => (g.checks || []).map((c) => c.id));
  const parts = { lang: ctx.lang, section, groups };
  const needsActor = ['group', 'session', 'rbac', 'providers'].includes(section.kind)
    || !(section.kind in RENDERERS);
  if (needsActor) parts.actor = ctx.actor ? [ctx.actor.id, ctx.actor.permissions] : null;
  parts.auth = ctx.auth;
  parts.errors = checkIds.filter((id) => ctx.errors.has(id)).map((id) => [id, ctx.errors.get(id)]);
  parts.pending = checkIds.filter((id) => ctx.pending.has(id));
  parts.drafts = checkIds.filter((id) => ctx.drafts.has(id)).map((id) => [id, ctx.drafts.get(id)]);
  parts.confirming = checkIds.filter((id) => ctx.confirming.has(id)).map((id) => [id, ctx.confirming.get(id)]);
  // The server's word on the actor's commands here (GET /api/actions), and whether it is current.
  const offered = ctx.actor ? checkIds.map((id) => {
    const kind = kindOfCheck(ctx.checksById.get(id));
    const action = kind ? ctx.actionBook.get(ctx.actor.id, kind, id) : null;
    return action ? [id, action.state, action.reason, action.blockedBy] : null;
  }).filter(Boolean) : [];
  parts.actions = offered.length ? [offered, ctx.actionsFresh] : null;
  parts.packets = (section.packets || []).map((id) => {
    const entry = ctx.packets.get(id);
    return entry ? [id, entry.envelope ? entry.envelope.checksum : null, entry.error || null,
      entry.envelope ? entry.envelope.content : null] : [id];
  });
  // Links ("blocked by", card refs) point at other sections and at check labels.
  parts.links = [...ctx.sectionForGroup.entries()];
  // "Waits for" lines name blockers elsewhere on the page, their owners and the end of their chain.
  parts.waits = groups.flatMap((g) => g.checks || []).filter((c) => c.blockedBy).map((c) => {
    const chain = blockerChain(ctx, c.blockedBy);
    return [chain, refLabel(ctx, chain.ref), chain.root && refLabel(ctx, chain.root)];
  });
  switch (section.kind) {
    case 'copilot':
      parts.extra = [ctx.ev.summary, ctx.ev.recommendation, ctx.actorsById.get(ctx.ev.recommendation?.actor)];
      break;
    case 'checklist':
      parts.extra = [ctx.ev.gates, ctx.ev.summary];
      break;
    case 'production-decision':
      parts.extra = [ctx.ev.summary, ctx.ev.production];
      break;
    case 'providers':
      parts.extra = [ctx.ev.providers, ctx.ev.actors];
      break;
    case 'session':
      parts.extra = [ctx.ev.session, ctx.audit.slice(-8), ctx.ev.actors];
      break;
    case 'rbac':
      parts.extra = [ctx.ev.actors];
      break;
    case 'environments':
      parts.extra = [ctx.ev.environments];
      break;
    default:
      parts.extra = [ctx.ev.actors];
  }
  // The run panel of a pipeline section (runs, refusals, the Run button) is patched in place by
  // refreshPipelinePanels: a progress message must not re-render the section around it.
  return JSON.stringify(parts);
}
