// The copilot chat of the copilot section: the conversation (questions, answers streaming in, their
// citations as links to the cited gate or check, the recommended next action, warnings and refusals),
// the question box and suggested questions. Like the pipeline panels it is one node kept across
// section re-renders (rebuilt when the language changes) and patched in place: a streamed piece of an
// answer touches that answer only, leaving focus, the draft question and the rest of the log alone.

import { h, domId } from '../dom.js';
import { t, has, lang } from '../i18n.js';
import { code, refLabel } from './common.js';
import { HISTORY_KEEP, QUESTION_MAX } from '../copilot.js';

/**
 * Questions offered as chips: always what blocks and what next; what the scenario's last pipeline
 * (in run order) still misses, when it runs any; which decisions are open, when it has any.
 */
function suggestionKeys(ctx) {
  const keys = ['copilot.suggest.blocks', 'copilot.suggest.next'];
  const last = (ctx.ev.pipelines || []).at(-1);
  if (last && has(`copilot.suggest.pipeline.${last.id}`)) keys.push(`copilot.suggest.pipeline.${last.id}`);
  if ([...ctx.checksById.values()].some((check) => check.kind === 'decision')) keys.push('copilot.suggest.decisions');
  return keys;
}

/** Inline citations as the model writes them: [gate], [group.check], [gate, other-gate]. */
const MARKER = /\[([A-Za-z0-9][\w.:-]*(?:\s*[,;]\s*[A-Za-z0-9][\w.:-]*)*)\]/g;

function number(n) {
  return new Intl.NumberFormat(lang() === 'pl' ? 'pl-PL' : 'en-GB').format(n);
}

function clock(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(lang() === 'pl' ? 'pl-PL' : 'en-GB', { hour: '2-digit', minute: '2-digit' }).format(date);
}

function knownRef(ctx, id) {
  return ctx.groupsById.has(id) || ctx.checksById.has(id) || id === ctx.production.id;
}

/** The element a citation points at: the check, the group block, the section showing it, the gate. */
function citedElement(ctx, id) {
  const byId = (elementId) => (elementId ? document.getElementById(elementId) : null);
  if (ctx.checksById.has(id)) {
    const check = byId(domId('check', id));
    if (check) return check;
  }
  return byId(domId('group', id))
    || byId(ctx.sectionForGroup.has(id) ? `section-${ctx.sectionForGroup.get(id)}` : null)
    || byId(domId('gate', id))
    || (id === ctx.production.id && ctx.production.href ? byId(ctx.production.href.slice(1)) : null)
    || byId(`section-${id}`);
}

function citedHref(ctx, id) {
  if (ctx.checksById.has(id)) return `#${domId('check', id)}`;
  if (ctx.groupsById.has(id)) return `#${domId('group', id)}`;
  if (id === ctx.production.id) return ctx.production.href;
  return null;
}

function focusable(el) {
  return el.matches('a[href], button, input, select, textarea, [tabindex]');
}

/** Scrolls the cited element into view, focuses it (so keyboard users continue from there) and marks it. */
function showCited(memo, event, id) {
  const target = citedElement(memo.ctx, id);
  if (!target) return; // the link's own href is the best there is
  event.preventDefault();
  if (!focusable(target)) target.setAttribute('tabindex', '-1');
  const reduce = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  const tall = target.getBoundingClientRect().height > window.innerHeight * 0.6;
  target.scrollIntoView({ block: tall ? 'start' : 'center', behavior: reduce ? 'auto' : 'smooth' });
  target.focus({ preventScroll: true });
  target.classList.add('cited');
  clearTimeout(target.citedTimer);
  target.citedTimer = setTimeout(() => target.classList.remove('cited'), 2600);
}

function citeLink(memo, id, inline) {
  const ctx = memo.ctx;
  const href = citedHref(ctx, id);
  if (!href) return code(id);
  const label = refLabel(ctx, id);
  const named = label && label !== id;
  // The id is what the answer's text shows; the label (title, accessible name) says what it is.
  return h('a', {
    class: inline ? 'cite cite-inline' : 'cite', href, dataset: { cite: id },
    title: named ? label : null, 'aria-label': named ? t('copilot.cite', { label, id }) : null,
    onclick: (event) => showCited(memo, event, id),
  }, id);
}

/** The answer's text with its [id] markers turned into links; unknown markers stay as written. */
function answerText(memo, text, citations) {
  const ctx = memo.ctx;
  const nodes = [];
  let last = 0;
  for (const match of text.matchAll(MARKER)) {
    const ids = match[1].split(/\s*[,;]\s*/);
    if (!ids.every((id) => knownRef(ctx, id) || citations.includes(id))) continue;
    nodes.push(text.slice(last, match.index));
    ids.forEach((id, i) => {
      if (i) nodes.push(' ');
      nodes.push(citeLink(memo, id, true));
    });
    last = match.index + match[0].length;
  }
  nodes.push(text.slice(last));
  return nodes;
}

/** A refusal or failure in the page's language, with the server's own words. */
export function errorText(error) {
  if (!error) return '';
  const message = error.message || '';
  switch (error.code) {
    case 'EMPTY': return t('copilot.error.empty');
    case 'RATE_LIMITED':
      return typeof error.retryAfter === 'number'
        ? t('copilot.error.RATE_LIMITED', { s: number(error.retryAfter), message })
        : t('copilot.error.RATE_LIMITED.now', { message });
    case 'QUESTION_TOO_LONG': return t('copilot.error.QUESTION_TOO_LONG', { max: number(QUESTION_MAX), message });
    case 'TIMEOUT': return t('copilot.error.timeout', { s: error.seconds ?? '' });
    case 'CUT': return t('copilot.error.cut');
    case 'NETWORK': return t('copilot.error.network', { message });
    default:
      return error.status >= 400
        ? t('copilot.error.refused', { status: `${error.status} ${error.code}`, message })
        : t('copilot.error.failed', { code: error.code, message });
  }
}

function nextAction(memo, rec) {
  const ctx = memo.ctx;
  const ref = [rec.checkId, rec.groupId].find((id) => id && citedHref(ctx, id));
  const who = rec.actorName || (rec.actor && ctx.actorsById.get(rec.actor) ? ctx.actorsById.get(rec.actor).name : rec.actor);
  return h('div', { class: 'next-action' },
    h('p', null,
      h('span', { class: 'next-label' }, `${t('copilot.next')}: `),
      ref ? h('a', { href: citedHref(ctx, ref), class: 'next-link', dataset: { cite: ref },
        onclick: (event) => showCited(memo, event, ref) }, rec.action) : h('strong', null, rec.action)),
    rec.reason ? h('p', { class: 'next-reason' }, rec.reason) : null,
    who || rec.command ? h('dl', { class: 'meta meta-inline' },
      who ? h('div', null, h('dt', null, t('rec.owner')), h('dd', null, who)) : null,
      rec.command ? h('div', null, h('dt', null, t('rec.command')), h('dd', null, code(rec.command))) : null) : null);
}

function answerContent(memo, exchange) {
  const answer = exchange.answer;
  const citations = answer ? answer.citations : [];
  const parts = [h('p', { class: 'msg-who' }, t('copilot.name'),
    answer && answer.model ? h('span', { class: 'msg-model' }, ` · ${t('copilot.model', { model: answer.model })}`)
      : null)];
  if (exchange.text) {
    parts.push(h('div', { class: 'msg-text answer-text', lang: (answer && answer.lang) || exchange.lang || null },
      answerText(memo, exchange.text, citations)));
  } else if (exchange.status === 'streaming') {
    parts.push(h('p', { class: 'msg-typing' }, t('copilot.answering')));
  }
  const warnings = answer && answer.warnings ? answer.warnings : [];
  if (answer && (!answer.grounded || warnings.length)) {
    parts.push(h('div', { class: 'chat-warning', dataset: { grounded: String(answer.grounded) } },
      h('p', null, h('span', { 'aria-hidden': 'true' }, '⚠ '), t('copilot.ungrounded')),
      warnings.length ? h('ul', null, warnings.map((w) => h('li', null, answerText(memo, w, citations)))) : null));
  }
  if (answer && answer.corrections.length) {
    parts.push(h('div', { class: 'corrections' },
      h('p', { class: 'corrections-title' }, t('copilot.corrections')),
      h('ul', null, answer.corrections.map((c) => h('li', null, answerText(memo, c, citations))))));
  }
  if (answer && answer.recommendation) parts.push(nextAction(memo, answer.recommendation));
  if (citations.length) {
    parts.push(h('p', { class: 'sources' }, h('span', { class: 'sources-label' }, `${t('copilot.sources')}: `),
      citations.map((id, i) => [i ? ' ' : null, citeLink(memo, id, false)])));
  }
  if (exchange.status === 'failed') {
    parts.push(h('p', { class: 'msg-error' }, `${t('copilot.noAnswer')}: ${errorText(exchange.error)}`));
  }
  return parts;
}

function exchangeItem(memo, exchange) {
  const li = h('li', { class: 'exchange', id: domId('chat', exchange.id), dataset: { status: exchange.status } },
    h('div', { class: 'msg msg-q' },
      h('p', { class: 'msg-who' }, t('copilot.you'),
        exchange.at ? h('time', { datetime: exchange.at, class: 'msg-time' }, ` · ${clock(exchange.at)}`) : null),
      h('p', { class: 'msg-text', lang: exchange.lang || null }, exchange.question)),
    h('div', { class: 'msg msg-a' }, answerContent(memo, exchange)));
  return li;
}

function exchangeSig(exchange) {
  return JSON.stringify([exchange.status, exchange.text, exchange.answer, exchange.error]);
}

function buildChat(ctx) {
  const memo = { ctx, items: new Map() };
  const form = h('form', { class: 'chat-form', novalidate: true });
  const textarea = h('textarea', {
    id: 'copilot-question', name: 'question', rows: '3', maxlength: String(QUESTION_MAX),
    placeholder: t('copilot.placeholder'), 'aria-describedby': 'copilot-hint copilot-counter',
    dataset: { focusKey: 'copilot-question' }, value: ctx.chat.draft,
  });
  const send = h('button', { type: 'submit', class: 'btn btn-primary', id: 'copilot-send' }, t('copilot.send'));
  form.append(
    h('label', { for: 'copilot-question' }, t('copilot.question')),
    textarea,
    h('div', { class: 'chat-form-foot' },
      h('p', { id: 'copilot-hint', class: 'chat-hint' }, t('copilot.hint')),
      h('span', { id: 'copilot-counter', class: 'chat-counter' }),
      send));

  const ask = (question) => {
    const chat = memo.ctx.chat;
    if (chat.busy) return false;
    memo.ctx.actions.ask(question);
    return chat.busy; // the question was taken (ask starts the exchange before its first await)
  };
  textarea.addEventListener('input', () => {
    memo.ctx.chat.draft = textarea.value;
    updateCounter(node);
  });
  textarea.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey
      || event.isComposing) return;
    event.preventDefault();
    form.requestSubmit();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (ask(textarea.value)) {
      textarea.value = '';
      memo.ctx.chat.draft = '';
      updateCounter(node);
    }
    if (document.activeElement === send || document.activeElement === document.body) textarea.focus();
  });

  const suggestions = h('div', { class: 'chat-suggest', role: 'group', 'aria-labelledby': 'copilot-suggest-label' },
    h('span', { id: 'copilot-suggest-label', class: 'chat-suggest-label' }, t('copilot.suggested')),
    suggestionKeys(ctx).map((key) => h('button', {
      type: 'button', class: 'btn btn-chip', dataset: { focusKey: `copilot-suggest:${key}` },
      onclick: (event) => {
        if (event.currentTarget.getAttribute('aria-disabled') === 'true') return;
        ask(t(key));
      },
    }, t(key))));

  const clear = h('button', {
    type: 'button', class: 'btn btn-small chat-clear', id: 'copilot-clear', dataset: { focusKey: 'copilot-clear' },
    onclick: (event) => {
      if (event.currentTarget.getAttribute('aria-disabled') === 'true') return;
      memo.ctx.actions.clearChat();
    },
  }, t('copilot.clear'));

  const log = h('ol', { class: 'chat-log', id: 'copilot-chat-log', 'aria-live': 'polite',
    'aria-label': t('copilot.log') });

  const node = h('section', { id: 'copilot-chat', class: 'copilot-chat', 'aria-labelledby': 'copilot-chat-title' },
    h('div', { class: 'chat-head' },
      h('h3', { id: 'copilot-chat-title' }, t('copilot.chat')),
      clear),
    h('p', { class: 'muted chat-note', id: 'copilot-chat-note' }, t('copilot.intro'), ' ',
      t('copilot.kept', { n: HISTORY_KEEP })),
    log,
    h('p', { class: 'chat-empty muted' }, t('copilot.empty')),
    suggestions,
    form,
    h('p', { class: 'chat-status', id: 'copilot-status', role: 'status' }),
    h('div', { class: 'chat-alert', id: 'copilot-alert', role: 'alert' }));
  node.chatMemo = memo;
  return node;
}

function updateCounter(node) {
  const textarea = node.querySelector('#copilot-question');
  const counter = node.querySelector('#copilot-counter');
  const n = textarea.value.length;
  const text = t('copilot.counter', { n: number(n), max: number(QUESTION_MAX) });
  if (counter.textContent !== text) counter.textContent = text;
  counter.dataset.near = n > QUESTION_MAX * 0.9 ? 'true' : 'false';
}

function setAttr(el, name, value) {
  if (value === null) el.removeAttribute(name);
  else if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

function updateChat(node, ctx) {
  const memo = node.chatMemo;
  memo.ctx = ctx;
  const chat = ctx.chat;
  const log = node.querySelector('.chat-log');
  let added = null;

  const wanted = [];
  for (const exchange of chat.exchanges) {
    const sig = exchangeSig(exchange);
    let entry = memo.items.get(exchange.id);
    if (!entry) {
      entry = { sig, li: exchangeItem(memo, exchange) };
      memo.items.set(exchange.id, entry);
      added = entry.li;
    } else if (entry.sig !== sig) {
      // Only the answer changes once asked: patch it, keep the item (and the question) in place.
      entry.sig = sig;
      entry.li.dataset.status = exchange.status;
      entry.li.querySelector('.msg-a').replaceChildren(...answerContent(memo, exchange));
    }
    wanted.push(entry.li);
  }
  wanted.forEach((li, i) => {
    if (log.children[i] !== li) log.insertBefore(li, log.children[i] || null);
  });
  for (const child of [...log.children]) if (!wanted.includes(child)) child.remove();
  const ids = new Set(chat.exchanges.map((e) => e.id));
  for (const id of [...memo.items.keys()]) if (!ids.has(id)) memo.items.delete(id);

  // Screen readers hold a busy region's changes and read the finished answer once. The log stays
  // rendered when empty (a live region that appears with its first item may not be read at all).
  setAttr(log, 'aria-busy', chat.busy ? 'true' : null);
  const empty = chat.exchanges.length === 0;
  log.dataset.empty = String(empty);
  setAttr(log, 'tabindex', empty ? null : '0');
  node.querySelector('.chat-empty').hidden = !empty;
  if (added) {
    // A new (or restored) exchange is read from its question down, however long the answer grows.
    requestAnimationFrame(() => {
      log.scrollTop = Math.max(0, added.offsetTop - 4);
    });
  }

  const busy = chat.busy;
  if (chat.draftReturned) {
    chat.draftReturned = false;
    const textarea = node.querySelector('#copilot-question');
    if (!textarea.value) textarea.value = chat.draft;
  }
  node.querySelector('#copilot-send').disabled = busy;
  for (const button of node.querySelectorAll('.chat-suggest button')) setAttr(button, 'aria-disabled', busy ? 'true' : null);
  const finished = chat.exchanges.some((e) => e.status !== 'streaming');
  setAttr(node.querySelector('#copilot-clear'), 'aria-disabled', finished ? null : 'true');

  const status = node.querySelector('#copilot-status');
  const statusText = busy ? t('copilot.answering') : chat.notice === 'cleared' ? t('copilot.cleared') : '';
  if (status.textContent !== statusText) status.textContent = statusText;
  const alert = node.querySelector('#copilot-alert');
  const alertText = errorText(chat.alert);
  if (alert.textContent !== alertText) alert.textContent = alertText;
  updateCounter(node);
}

/** The chat, kept across renders of the copilot section (rebuilt when the language changes). */
export function copilotPanel(ctx) {
  const node = ctx.keep('copilot-chat', () => buildChat(ctx));
  updateChat(node, ctx);
  return node;
}

/** Patches the chat on the page with the conversation as it stands (no section re-render). */
export function refreshCopilotPanel(ctx) {
  const node = document.getElementById('copilot-chat');
  if (node && node.chatMemo) updateChat(node, ctx);
}
