// The decision first: the sticky decision bar (GO/NO-GO in words, the blocking gate, the next action
// and its owner, my actions, the gates in one row), the overview panel (what blocks, my actions,
// recent activity) and the timeline of who did what, in human words.

import { h, domId } from '../dom.js';
import { t, has, formatTime } from '../i18n.js';
import { AVAILABLE } from '../actions.js';
import { actorName, hrefFor, knownStatus, refLabel, statusPill, waitsFor } from './common.js';

const STATUS_ICON = { READY: '✓', REVIEW: '○', BLOCKED: '✕' };

/** t() with {name} placeholders filled by nodes (links) as well as text. */
function tNodes(key, params) {
  const text = t(key);
  const out = [];
  let last = 0;
  for (const match of text.matchAll(/\{(\w+)\}/g)) {
    out.push(text.slice(last, match.index));
    const value = params[match[1]];
    out.push(value === undefined ? match[0] : value);
    last = match.index + match[0].length;
  }
  out.push(text.slice(last));
  return out.filter((part) => part !== '');
}

function link(ctx, ref, label) {
  const href = hrefFor(ctx, ref);
  return href ? h('a', { href }, label) : h('span', null, label);
}

/** The check, group or pipeline a command of the recommendation is about, as an offered action key. */
function pipelineOfCheck(ctx, checkId) {
  const pipeline = (ctx.ev.pipelines || []).find((p) => (p.steps || []).some((step) => step.check === checkId));
  return pipeline ? pipeline.id : null;
}

/** The acting actor's offered command for the recommendation, or null. */
function recommendedAction(ctx) {
  const rec = ctx.ev.recommendation;
  if (!rec || !ctx.actor || !rec.checkId) return null;
  const check = ctx.checksById.get(rec.checkId);
  if (!check) return null;
  const pipeline = check.kind === 'pipeline' ? pipelineOfCheck(ctx, check.id) : null;
  if (pipeline) return ctx.actionBook.get(ctx.actor.id, 'PIPELINE', pipeline);
  if (check.kind === 'owner-acceptance') return ctx.actionBook.get(ctx.actor.id, 'SIGN_OFF', check.id);
  if (check.kind === 'decision') return ctx.actionBook.get(ctx.actor.id, 'DECISION', check.id);
  return null;
}

/** The button that takes an offered action: Accept, Run …, or (a decision) a way to its choice. */
export function actionButton(ctx, action, keyPrefix) {
  const enabled = ctx.actionsFresh && action.state === AVAILABLE;
  if (action.kind === 'PIPELINE') {
    const busy = ctx.pending.has(`pipeline:${action.target}`)
      || (ctx.pipelines[action.target] && ctx.pipelines[action.target].status === 'RUNNING');
    return h('button', { type: 'button', class: 'btn btn-primary', disabled: !enabled,
      'aria-disabled': busy ? 'true' : null, dataset: { focusKey: `${keyPrefix}pipeline:${action.target}` },
      onclick: (event) => {
        if (event.currentTarget.getAttribute('aria-disabled') === 'true') return;
        ctx.actions.runPipeline(action.target);
      } },
    has(`pipeline.run.${action.target}`) ? t(`pipeline.run.${action.target}`) : t('pipeline.run', { id: action.target }));
  }
  if (action.kind === 'SIGN_OFF') {
    return h('button', { type: 'button', class: 'btn btn-primary', disabled: !enabled,
      'aria-disabled': ctx.pending.has(action.target) ? 'true' : null,
      dataset: { focusKey: `${keyPrefix}accept:${action.target}` },
      onclick: (event) => {
        if (event.currentTarget.getAttribute('aria-disabled') === 'true') return;
        ctx.actions.accept(action.target);
      } }, t('action.accept'));
  }
  // A decision is chosen where its options are, never with one click from afar.
  return h('button', { type: 'button', class: 'btn', disabled: !enabled,
    dataset: { focusKey: `${keyPrefix}choose:${action.target}` },
    onclick: () => ctx.actions.goToDecision(action.target) }, t('bar.choose'));
}

function actionLabel(ctx, action) {
  if (action.kind === 'PIPELINE') {
    const bound = (ctx.ev.pipelines || []).find((p) => p.id === action.target);
    return bound ? sectionTitleOfGroup(ctx, bound.group) : action.target;
  }
  return refLabel(ctx, action.target);
}

function actionRef(ctx, action) {
  if (action.kind !== 'PIPELINE') return action.target;
  const bound = (ctx.ev.pipelines || []).find((p) => p.id === action.target);
  return bound ? bound.group : null;
}

function sectionTitleOfGroup(ctx, groupId) {
  const sectionId = ctx.sectionForGroup.get(groupId);
  const section = (ctx.ev.sections || []).find((s) => s.id === sectionId);
  return section ? section.title || section.eyebrow || refLabel(ctx, groupId) : refLabel(ctx, groupId);
}

// ---- the decision bar ---------------------------------------------------------------------------
export function barMain(ctx) {
  const summary = ctx.ev.summary || {};
  const production = ctx.ev.production || {};
  const go = Boolean(summary.go);
  const nodes = [h('p', { class: 'bar-decision', id: 'bar-decision', dataset: { go: String(go) } },
    h('span', { class: 'bar-icon', 'aria-hidden': 'true' }, go ? '✓' : '✕'), ' ', t(go ? 'bar.go' : 'bar.nogo'))];
  const blocker = production.blockedBy ? ctx.groupsById.get(production.blockedBy) : null;
  if (!go && blocker) {
    nodes.push(h('p', { class: 'bar-item bar-blocked', id: 'bar-blocked' },
      h('span', { class: 'bar-term' }, `${t('bar.blockedAt')}: `), link(ctx, blocker.id, blocker.label),
      typeof blocker.total === 'number' ? h('span', { class: 'count' }, ` ${blocker.done}/${blocker.total}`) : null));
  }
  const rec = ctx.ev.recommendation;
  if (rec && rec.action) {
    const mine = recommendedAction(ctx);
    const href = hrefFor(ctx, rec.checkId) || hrefFor(ctx, rec.groupId);
    nodes.push(h('div', { class: 'bar-item bar-next', id: 'bar-next' },
      h('p', null, h('span', { class: 'bar-term' }, `${t('bar.next')}: `),
        href ? h('a', { href }, rec.action) : rec.action),
      h('p', { class: 'bar-owner', id: 'bar-owner' },
        rec.actor ? t('bar.owner', { name: rec.actorName || actorName(ctx, rec.actor) }) : null,
        mine && mine.state === AVAILABLE ? h('strong', { class: 'tag' }, ` ${t('bar.yours')}`) : null),
      mine && mine.state === AVAILABLE ? actionButton(ctx, mine, 'bar:') : null));
  } else if (go) {
    nodes.push(h('p', { class: 'bar-item' }, t('bar.nothingNext')));
  }
  if (ctx.actor && ctx.actionBook.readOnly(ctx.actor.id)) {
    nodes.push(h('p', { class: 'bar-item bar-mine', id: 'bar-mine', dataset: { readOnly: 'true' } },
      t('bar.readOnly', { name: ctx.actor.name || ctx.actor.id })));
  } else if (ctx.actor && ctx.actionBook.actor === ctx.actor.id) {
    const n = ctx.actionBook.available(ctx.actor.id).length;
    nodes.push(h('p', { class: 'bar-item bar-mine', id: 'bar-mine' },
      h('a', { href: '#overview-mine', dataset: { count: String(n) } }, t('bar.myActions', { n }))));
  }
  return nodes;
}

export function gateChips(ctx) {
  const gates = ctx.ev.gates || [];
  return h('ol', { class: 'gate-chips' }, gates.map((gate, index) => {
    const status = knownStatus(gate.status) || 'UNKNOWN';
    const label = t('bar.gate', { n: index + 1, label: gate.label, status: has(`status.${status}`) ? t(`status.${status}`) : status });
    return h('li', null, h('a', { href: hrefFor(ctx, gate.id) || `#${domId('gate', gate.id)}`, class: 'gate-chip',
      dataset: { status }, title: label, 'aria-label': label },
    h('span', { class: 'chip-icon', 'aria-hidden': 'true' }, STATUS_ICON[status] || '?'),
    h('span', { class: 'chip-n', 'aria-hidden': 'true' }, String(index + 1)),
    h('span', { class: 'chip-label', 'aria-hidden': 'true' }, gate.label)));
  }));
}

// ---- the timeline -------------------------------------------------------------------------------
function runOutcome(run) {
  const steps = Array.isArray(run.steps) ? run.steps : [];
  const passed = steps.filter((s) => s.status === 'PASSED').length;
  return { status: run.status, text: has(`outcome.${run.status}`) ? t(`outcome.${run.status}`, { p: passed, t: steps.length })
    : String(run.status || '') };
}

function optionLabel(check, value) {
  const option = (check && check.options || []).find((o) => o.value === value);
  return option ? option.label : value;
}

/** One audit event as a sentence: who, what (human labels), outcome, when; its subject linked. */
export function timelineItem(ctx, event) {
  const payload = event.payload || {};
  const who = h('strong', { class: 'tl-who' }, actorName(ctx, event.actor));
  let what;
  let outcome = null;
  let subject = null;
  if (event.type === 'check.accepted' || event.type === 'check.revoked' || event.type === 'decision.recorded') {
    subject = payload.checkId;
    const check = ctx.checksById.get(subject);
    what = tNodes(`timeline.${event.type}`, { label: link(ctx, subject, refLabel(ctx, subject)),
      value: h('span', { class: 'tl-value' }, optionLabel(check, payload.value)) });
    outcome = { status: event.type === 'check.revoked' ? 'REVOKED' : 'READY', text: t(`outcome.${event.type}`) };
  } else if ((event.type === 'pipeline.finished' || event.type === 'pipeline.errored') && payload.run) {
    const bound = (ctx.ev.pipelines || []).find((p) => p.id === payload.run.pipeline);
    subject = bound ? bound.group : null;
    what = tNodes(`timeline.${event.type}`, { label: subject ? link(ctx, subject, sectionTitleOfGroup(ctx, subject))
      : payload.run.pipeline });
    outcome = event.type === 'pipeline.errored' ? { status: 'ERRORED', text: t('outcome.ERRORED') } : runOutcome(payload.run);
  } else {
    what = t('timeline.unknown', { type: event.type });
  }
  const icon = { READY: '✓', PASSED: '✓', REVOKED: '↺', FAILED: '✕', ERRORED: '✕' };
  return h('li', { class: 'tl-item', dataset: { seq: String(event.seq), type: event.type, subject: subject || '' } },
    who, ' ', h('span', { class: 'tl-what' }, what),
    outcome ? [' ', h('span', { class: 'tl-outcome', dataset: { outcome: outcome.status } },
      h('span', { 'aria-hidden': 'true' }, `${icon[outcome.status] || '•'} `), outcome.text)] : null,
    ' ', h('time', { datetime: event.at, class: 'muted' }, formatTime(event.at)));
}

/** The sentence a notice says when someone else acted: "<who> <what>". */
export function noticeText(ctx, event) {
  const item = timelineItem(ctx, event);
  return t('notice.other', { who: actorName(ctx, event.actor), what: item.querySelector('.tl-what').textContent });
}

export function timeline(ctx, events, attrs = {}) {
  return events.length === 0 ? h('p', { class: 'muted' }, t('overview.noActivity'))
    : h('ol', { class: 'timeline', reversed: true, ...attrs }, events.map((event) => timelineItem(ctx, event)));
}

// ---- the overview panel -------------------------------------------------------------------------
function blocksList(ctx) {
  const open = (ctx.ev.gates || []).filter((gate) => gate.status !== 'READY');
  return h('ul', { class: 'ov-blocks', role: 'list' }, open.map((gate) => {
    const group = ctx.groupsById.get(gate.id) || gate;
    return h('li', { dataset: { status: knownStatus(gate.status) || 'UNKNOWN' } },
      h('p', { class: 'ov-gate' }, link(ctx, gate.id, gate.label), ' ', statusPill(knownStatus(gate.status)),
        typeof gate.total === 'number' ? h('span', { class: 'count' }, ` ${t('group.checks', { d: gate.done, t: gate.total })}`)
          : null),
      group.blockedBy ? waitsFor(ctx, group.blockedBy) : null);
  }));
}

function mineList(ctx) {
  if (!ctx.actor) return null;
  const mine = ctx.actionBook.available(ctx.actor.id);
  if (ctx.actionBook.readOnly(ctx.actor.id)) {
    return h('p', { class: 'muted' }, t('bar.readOnly', { name: ctx.actor.name || ctx.actor.id }));
  }
  if (!mine.length) return h('p', { class: 'muted' }, t('overview.mineNone', { name: ctx.actor.name || ctx.actor.id }));
  return h('ul', { class: 'ov-mine', role: 'list' }, mine.map((action) => h('li', null,
    h('span', { class: 'ov-mine-label' }, link(ctx, actionRef(ctx, action), actionLabel(ctx, action))),
    actionButton(ctx, action, 'my:'))));
}

export function overviewPanel(ctx) {
  const recent = ctx.audit.slice(-6).reverse();
  const sessionSection = (ctx.ev.sections || []).find((s) => s.kind === 'session');
  return h('section', { class: 'panel overview', id: 'section-overview', 'aria-labelledby': 'overview-title' },
    h('h2', { class: 'visually-hidden', id: 'overview-title' }, t('overview.title')),
    h('div', { class: 'ov-grid' },
      h('section', { class: 'ov-block', 'aria-labelledby': 'ov-blocks-title' },
        h('h3', { id: 'ov-blocks-title' }, t('overview.blocks')), blocksList(ctx)),
      h('section', { class: 'ov-block', id: 'overview-mine', tabindex: '-1', 'aria-labelledby': 'ov-mine-title' },
        h('h3', { id: 'ov-mine-title' }, t('overview.mine')), mineList(ctx)),
      h('section', { class: 'ov-block', id: 'overview-activity', 'aria-labelledby': 'ov-activity-title' },
        h('h3', { id: 'ov-activity-title' }, t('overview.activity')), timeline(ctx, recent),
        sessionSection ? h('p', null, h('a', { href: `#section-${sessionSection.id}`, class: 'small-link' },
          t('overview.allActivity'))) : null)));
}

/** Everything the bar and the overview show, as a string: equal means nothing to redraw. */
export function overviewSignature(ctx) {
  return JSON.stringify([ctx.lang, ctx.ev.seq, ctx.ev.summary, ctx.ev.production, ctx.ev.recommendation, ctx.ev.gates,
    ctx.actor && [ctx.actor.id, ctx.actor.name], ctx.actionBook.sig, ctx.actionsFresh, ctx.audit.map((e) => e.seq),
    [...ctx.pending], Object.values(ctx.pipelines || {}).map((r) => r && [r.runId, r.status])]);
}
