// Building blocks shared by the section renderers: status pills, summary cards, groups and checks.

import { h, domId } from '../dom.js';
import { t, formatTime, has } from '../i18n.js';
import { AVAILABLE, DONE, REFUSED, kindOfCheck } from '../actions.js';

// REVIEW is open work, not "the next step" (41 of them at once said nothing): an open circle.
const STATUS_ICON = { READY: '✓', REVIEW: '○', BLOCKED: '✕' };
const STATUSES = ['READY', 'REVIEW', 'BLOCKED'];

export function knownStatus(status) {
  return STATUSES.includes(status) ? status : null;
}

/** READY < REVIEW < BLOCKED: the worst status of a few groups colours a section badge. */
export function worstStatus(statuses) {
  let worst = null;
  for (const status of statuses) {
    if (STATUSES.indexOf(status) > STATUSES.indexOf(worst)) worst = status;
  }
  return worst;
}

export function statusPill(status, text) {
  const known = knownStatus(status);
  if (!known) return null;
  return h('span', { class: `status status-${known}` },
    h('span', { class: 'status-icon', 'aria-hidden': 'true' }, STATUS_ICON[known]),
    text ?? t(`status.${known}`));
}

export function badge(text, status) {
  if (!text) return null;
  return h('span', { class: 'badge', dataset: knownStatus(status) ? { status } : undefined }, text);
}

export function code(text) {
  return h('code', { class: 'code' }, text);
}

/** Where an id (group, check or the go/no-go node) is shown on the page, for links. */
export function hrefFor(ctx, ref) {
  if (!ref) return null;
  if (ctx.sectionForGroup.has(ref)) return `#section-${ctx.sectionForGroup.get(ref)}`;
  if (ctx.checksById.has(ref)) return `#${domId('check', ref)}`;
  if (ref === ctx.production.id) return ctx.production.href;
  return null;
}

/** The console's short form of a SHA-256 checksum, as the server prints it: the scenario's prefix and 8 hex digits. */
export function shortChecksum(ctx, checksum) {
  const text = String(checksum ?? '');
  if (!/^[0-9a-f]{64}$/i.test(text)) return text;
  return ctx.checksumPrefix ? `${ctx.checksumPrefix}-${text.slice(0, 8)}` : text.slice(0, 8);
}

export function actorName(ctx, actorId) {
  const actor = ctx.actorsById.get(actorId);
  return actor ? actor.name : actorId;
}

export function actorLine(ctx, actorId) {
  const actor = ctx.actorsById.get(actorId);
  return actor ? `${actor.name} · ${actor.role}` : actorId;
}

/** The label of a group or check, for "Blocked by ..." texts. */
export function refLabel(ctx, ref) {
  const group = ctx.groupsById.get(ref);
  if (group) return group.label;
  const check = ctx.checksById.get(ref);
  if (check) return check.label;
  return ref;
}

function refLink(ctx, ref) {
  const href = hrefFor(ctx, ref);
  const label = refLabel(ctx, ref);
  return href ? h('a', { href }, label) : h('span', null, label);
}

/** Decision codes such as BLOCKED_PENDING_DRY_RUN read better (and wrap less) in a monospace face. */
export function isCodeLike(value) {
  const text = String(value ?? '');
  return /^[A-Z0-9_=;., -]+$/.test(text) && /_/.test(text);
}

/** A summary card of a section (KPIs, copilot cards, decision cards, proof path ...). */
/** A card's label/value lines (e.g. a packet's redacted endpoint), as a definition list. */
export function cardLines(card) {
  if (!card || !card.lines || card.lines.length === 0) return null;
  return h('dl', { class: 'meta card-lines' }, card.lines.map((line) => h('div', null,
    h('dt', null, line.label), h('dd', null, line.value))));
}

export function summaryCard(ctx, card, headingLevel = 'h3') {
  const status = knownStatus(card.status);
  const href = hrefFor(ctx, card.ref);
  const labelNode = href ? h('a', { href, class: 'card-link' }, card.label) : card.label;
  const value = card.value === undefined || card.value === null ? '' : String(card.value);
  const codeLike = isCodeLike(value);
  const valueClass = ['card-value', value.length > 28 || codeLike ? 'card-value-long' : null,
    codeLike || /[=_]/.test(value) ? 'card-value-code' : null];
  return h('article', { class: ['card', value.length > 70 ? 'card-wide' : null], id: domId('card', card.id),
    dataset: status ? { status } : undefined },
    h('div', { class: 'card-head' },
      h(headingLevel, { class: 'card-label' }, labelNode),
      // The scenario's word for the card's state (e.g. "Rehearsal") is said in place of the status word.
      status ? statusPill(status, card.badge) : badge(card.badge)),
    card.subtitle ? h('p', { class: 'card-subtitle' }, card.subtitle) : null,
    value !== '' ? h('p', { class: valueClass }, value) : null,
    card.description ? h('p', { class: 'card-desc' }, card.description) : null,
    cardLines(card),
    card.evidence ? h('p', { class: 'card-evidence' }, card.evidence) : null);
}

export function cardGrid(ctx, cards, headingLevel) {
  if (!cards || cards.length === 0) return null;
  return h('div', { class: 'card-grid' }, cards.map((card) => summaryCard(ctx, card, headingLevel)));
}

/** A gate group: its label, done/total, decision code and its checks. */
export function groupBlock(ctx, group, decorations = new Map()) {
  const status = knownStatus(group.status);
  const titleId = domId('group-title', group.id);
  return h('section', { class: 'group', id: domId('group', group.id), 'aria-labelledby': titleId, tabindex: '-1',
    dataset: status ? { status } : undefined },
  h('div', { class: 'group-head' },
    h('h3', { id: titleId, class: 'group-title' }, group.label),
    h('div', { class: 'group-meta' },
      statusPill(status),
      typeof group.total === 'number'
        ? h('span', { class: 'count' }, t('group.checks', { d: group.done, t: group.total })) : null,
      group.decision ? h('span', { class: 'decision' },
        h('span', { class: 'visually-hidden' }, `${t('group.decision')}: `), code(group.decision)) : null,
      group.blockedBy ? h('span', { class: 'blocked-by' }, t('group.blockedBy', { x: '' }), refLink(ctx, group.blockedBy))
        : null)),
  h('ul', { class: 'checks', role: 'list' },
    (group.checks || []).map((check) => checkItem(ctx, check, decorations.get(check.id)))));
}

/** The owner of a group or check, by name, for "who must act" texts. */
function refOwner(ctx, ref) {
  const node = ctx.groupsById.get(ref) || ctx.checksById.get(ref);
  return node && node.owner ? actorName(ctx, node.owner) : null;
}

/**
 * What a blocked item waits for: its first unmet dependency and, when that one is blocked in turn,
 * the end of the chain, which is where someone can act now.
 */
export function blockerChain(ctx, ref) {
  if (!ref) return null;
  const seen = new Set([ref]);
  let root = ref;
  for (;;) {
    const node = ctx.groupsById.get(root) || ctx.checksById.get(root);
    const next = node && node.status === 'BLOCKED' ? node.blockedBy : null;
    if (!next || seen.has(next)) break;
    seen.add(next);
    root = next;
  }
  return { ref, owner: refOwner(ctx, ref), root: root === ref ? null : root, rootOwner: root === ref ? null : refOwner(ctx, root) };
}

/** "Waits for: <label> (<owner>) · first: <label> (<owner>)", each label a link to where it is shown. */
export function waitsFor(ctx, ref, attrs = {}) {
  const chain = blockerChain(ctx, ref);
  if (!chain) return null;
  const who = (name) => (name ? ` (${name})` : '');
  return h('p', { class: 'blocked-by', ...attrs },
    `${t('check.waitsFor')} `, refLink(ctx, chain.ref), who(chain.owner),
    chain.root ? [` · ${t('check.waitsFirst')} `, refLink(ctx, chain.root), who(chain.rootOwner)] : null);
}

const NONE = { accept: null, revoke: null, decide: null };

/**
 * The commands the acting actor has on a check, as the server's rules say for the evaluation on
 * screen (GET /api/actions): null when the actor is not offered it, else {enabled, action}. Enabled
 * only when the book is current and says AVAILABLE (a revoke: a sign-off the actor owns is there);
 * a refused one is shown disabled with the refusal in words.
 */
export function checkCommands(ctx, check) {
  const kind = kindOfCheck(check);
  const action = kind && ctx.actor ? ctx.actionBook.get(ctx.actor.id, kind, check.id) : null;
  if (!action) return NONE;
  const fresh = ctx.actionsFresh;
  const revoke = check.signOff ? { enabled: fresh, action: null } : null;
  if (kind === 'SIGN_OFF') {
    // An accepted check whose evidence has not changed has nothing to accept again.
    const accept = action.state === DONE ? null : { enabled: fresh && action.state === AVAILABLE, action };
    return { accept, revoke, decide: null };
  }
  if (!Array.isArray(check.options) || !check.options.length) return NONE;
  // DONE: recorded for the current evidence; choosing another option is a change of mind the server takes.
  return { accept: null, revoke, decide: { enabled: fresh && action.state !== REFUSED, action } };
}

/**
 * Why the server would refuse `action`, in words, with a link to what unblocks it (`attrs.id` lets a
 * disabled control point at it). Null when it would not refuse.
 */
export function refusalNote(ctx, action, attrs = {}) {
  if (!action || action.state !== REFUSED) return null;
  if (action.reason === 'DEPENDENCY_UNMET' && action.blockedBy) return waitsFor(ctx, action.blockedBy, attrs);
  const key = `refusal.${action.reason}`;
  return h('p', { class: 'blocked-by', ...attrs }, has(key) ? t(key) : t('refusal.other'));
}

/** The id of a check's "Waits for" line: disabled commands are described by it. */
function waitsId(check) {
  return domId('check-waits', check.id);
}

function optionText(check, value) {
  const option = (check.options || []).find((o) => o.value === value);
  return option ? option.label : value;
}

/** A decision: no option chosen for the reader, and nothing recorded before they confirm what it records. */
function decisionControls(ctx, check, command, busy, describedBy) {
  const selectId = domId('decide', check.id);
  const chosen = ctx.drafts.get(check.id) ?? '';
  const confirming = ctx.confirming.get(check.id);
  const nodes = [h('div', { class: 'decide' },
    h('label', { for: selectId, class: 'visually-hidden' }, t('action.option', { label: check.label })),
    h('select', {
      id: selectId, dataset: { focusKey: `decide-select:${check.id}` }, disabled: !command.enabled,
      onchange: (event) => ctx.actions.draft(check.id, event.target.value),
    },
    h('option', { value: '', selected: chosen === '' }, t('decision.choose')),
    check.options.map((option) => h('option', { value: option.value, selected: option.value === chosen },
      option.label))),
    h('button', {
      type: 'button', class: 'btn btn-primary', 'aria-disabled': busy ? 'true' : null,
      disabled: !command.enabled, 'aria-describedby': describedBy,
      dataset: { focusKey: `decide:${check.id}` },
      onclick: (event) => {
        const select = event.target.closest('.decide').querySelector('select');
        ctx.actions.askToDecide(check.id, select.value);
      },
    }, t('action.decide')))];
  if (confirming !== undefined) {
    const confirmId = domId('confirm', check.id);
    nodes.push(h('div', { class: 'confirm', role: 'group', 'aria-labelledby': confirmId },
      h('p', { id: confirmId }, t('decision.confirm', { label: check.label, value: optionText(check, confirming) })),
      h('button', { type: 'button', class: 'btn btn-primary', dataset: { focusKey: `confirm:${check.id}` },
        onclick: () => ctx.actions.decide(check.id, confirming) }, t('decision.confirm.yes')),
      h('button', { type: 'button', class: 'btn', dataset: { focusKey: `cancel:${check.id}` },
        onclick: () => ctx.actions.cancelDecision(check.id) }, t('decision.confirm.no'))));
  }
  return nodes;
}

function checkActions(ctx, check) {
  const commands = checkCommands(ctx, check);
  if (!commands.accept && !commands.revoke && !commands.decide) return null;
  const busy = ctx.pending.has(check.id);
  const offered = commands.accept || commands.decide;
  const refused = offered && offered.action && offered.action.state === REFUSED && ctx.actionsFresh ? offered.action
    : null;
  const describedBy = (command) => [domId('check-title', check.id),
    command.enabled || !refused ? null : waitsId(check)].filter(Boolean).join(' ');
  const items = [];
  if (commands.decide) items.push(...decisionControls(ctx, check, commands.decide, busy, describedBy(commands.decide)));
  if (commands.accept) {
    items.push(h('button', {
      type: 'button', class: 'btn btn-primary', 'aria-disabled': busy ? 'true' : null,
      disabled: !commands.accept.enabled, dataset: { focusKey: `accept:${check.id}` },
      'aria-describedby': describedBy(commands.accept), onclick: () => ctx.actions.accept(check.id),
    }, t('action.accept')));
  }
  if (commands.revoke) {
    items.push(h('button', {
      type: 'button', class: 'btn', 'aria-disabled': busy ? 'true' : null, dataset: { focusKey: `revoke:${check.id}` },
      disabled: !commands.revoke.enabled,
      'aria-describedby': describedBy(commands.revoke), onclick: () => ctx.actions.revoke(check.id),
    }, t('action.revoke')));
  }
  if (busy) items.push(h('span', { class: 'pending', role: 'status' }, t('action.pending')));
  return h('div', { class: 'actions' }, items);
}

/** What stands between the actor and their command on this check, when the server would refuse it. */
function checkRefusal(ctx, check) {
  const commands = checkCommands(ctx, check);
  const offered = commands.accept || commands.decide;
  if (offered && offered.action && ctx.actionsFresh && offered.action.state === REFUSED) {
    return refusalNote(ctx, offered.action, { id: waitsId(check) });
  }
  // Not the actor's to act on (or nothing offered): what the check waits for, for everyone.
  return check.blockedBy ? waitsFor(ctx, check.blockedBy, { id: waitsId(check) }) : null;
}

function signOffLine(ctx, check) {
  const signOff = check.signOff;
  if (!signOff) return null;
  const name = actorName(ctx, signOff.actor);
  const time = formatTime(signOff.at);
  const text = check.kind === 'decision'
    ? t('check.decided', { name, value: optionLabel(check, signOff.value), time })
    : t('check.signedOff', { name, time });
  return h('p', { class: ['signoff', signOff.stale ? 'signoff-stale' : null] },
    text, signOff.stale ? h('strong', { class: 'stale' }, ` ${t('check.stale')}`) : null);
}

function optionLabel(check, value) {
  const option = (check.options || []).find((o) => o.value === value);
  return option ? option.label : value;
}

const COUNT = /^(\d+)\/(\d+)$/;

/** The x/y parts of a value that is nothing but counts ("1/7", "0/4 + 0/5"), else null. */
function countParts(value) {
  if (typeof value !== 'string') return null;
  const parts = value.split(' + ').map((part) => COUNT.exec(part.trim()));
  return parts.every(Boolean) ? parts.map((m) => [Number(m[1]), Number(m[2])]) : null;
}

/**
 * What a check's count means. A derived check's done/total counts the ready checks among the groups
 * and checks it is derived from; its value may repeat that count, break it down by source
 * ("0/4 + 0/5"), or count something the evaluation does not name (then it is not shown: a bare
 * "1/7" beside "Ready" reads as a contradiction), or be a text of its own.
 */
export function checkCount(check) {
  const counted = typeof check.done === 'number' && typeof check.total === 'number';
  const parts = countParts(check.value);
  const sum = parts && parts.reduce(([d, t], [pd, pt]) => [d + pd, t + pt], [0, 0]);
  const sameCount = counted && sum && sum[0] === check.done && sum[1] === check.total;
  return {
    sources: counted ? `${check.done}/${check.total}${sameCount && parts.length > 1 ? ` (${check.value})` : ''}` : null,
    value: parts ? null : check.value || null,
  };
}

/** One check: id anchor check-<id>, data-status, owner, value, evidence, sign-off, actions, refusal. */
export function checkItem(ctx, check, card = null) {
  const status = knownStatus(check.status);
  const titleId = domId('check-title', check.id);
  const error = ctx.errors.get(check.id);
  const count = checkCount(check);
  const meta = [];
  if (check.owner) meta.push([t('check.owner'), actorLine(ctx, check.owner)]);
  // An accepted check's evidence is the sign-off sentence itself: the sign-off line below says it once.
  const signedOff = check.signOff && (check.kind === 'owner-acceptance' || check.kind === 'decision');
  // A section card showing this check lends it the scenario's evidence line ("0/2 checks accepted").
  const evidence = [card && card.evidence, check.evidence && !signedOff ? check.evidence : null].filter(Boolean);
  if (evidence.length) meta.push([t('check.evidence'), evidence.join(' · ')]);
  if (count.sources) meta.push([t('check.sources'), count.sources, 'sources']);
  return h('li', { class: 'check', id: domId('check', check.id), tabindex: '-1',
    dataset: { status: status || 'UNKNOWN', kind: check.kind || '' } },
  h('div', { class: 'check-head' },
    h('h4', { id: titleId, class: 'check-title' }, check.label),
    statusPill(status)),
  card && card.subtitle ? h('p', { class: 'check-subtitle' }, card.subtitle) : null,
  count.value ? h('p', { class: ['check-value', isCodeLike(count.value) ? 'check-value-code' : null] }, count.value)
    : null,
  check.description ? h('p', { class: 'check-desc' }, check.description) : null,
  meta.length ? h('dl', { class: 'meta' }, meta.map(([term, value, key]) => h('div', { dataset: key ? { meta: key } : null },
    h('dt', null, term), h('dd', null, value)))) : null,
  h('p', { class: 'check-foot' },
    h('span', { class: 'visually-hidden' }, `${t('check.id')}: `), code(check.id),
    check.kind ? h('span', { class: 'kind' }, ` · ${t(`kind.${check.kind}`)}`) : null),
  checkRefusal(ctx, check),
  signOffLine(ctx, check),
  checkActions(ctx, check),
  error ? h('p', { class: 'error', role: 'alert' }, error) : null);
}
