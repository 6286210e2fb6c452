// The copilot conversation of this browser tab: its exchanges (question, streamed answer, refusal),
// the last 20 of them kept in sessionStorage so a reload finds them again, and the asking itself:
// POST /api/copilot/ask read as server-sent events, or the feed's {"type":"ask"} when the HTTP route
// is missing or unreachable while the WebSocket is live. Rendering lives in render/copilot.js.

import { askCopilot } from './api.js';

export const HISTORY_KEEP = 20;
export const QUESTION_MAX = 1000;

const STORE_KEY = 'integration-console.copilot.v1';
/** The server times a model out itself (COPILOT_TIMEOUT); this only ends a wait for a stream gone silent. */
const SILENCE_MS = 90_000;

let sequence = 0;
function newId() {
  sequence += 1;
  return `ask-${Date.now().toString(36)}-${sequence}-${Math.random().toString(36).slice(2, 7)}`;
}

function text(value) {
  return typeof value === 'string' ? value : null;
}

function correction(value) {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') return text(value.message) || text(value.text) || JSON.stringify(value);
  return String(value);
}

/** The answer fields the page shows, from an SSE answer event or a copilot.answer feed message. */
export function normalizeAnswer(data) {
  const source = data && typeof data === 'object' ? data : {};
  const rec = source.recommendation && typeof source.recommendation === 'object' ? source.recommendation : null;
  return {
    text: text(source.text) ?? '',
    citations: Array.isArray(source.citations) ? [...new Set(source.citations.filter((c) => typeof c === 'string'))] : [],
    recommendation: rec && rec.action ? {
      action: String(rec.action),
      reason: text(rec.reason),
      checkId: text(rec.checkId),
      groupId: text(rec.groupId),
      actor: text(rec.actor),
      actorName: text(rec.actorName),
      command: text(rec.command),
    } : null,
    lang: text(source.lang),
    grounded: source.grounded !== false,
    corrections: Array.isArray(source.corrections) ? source.corrections.map(correction) : [],
    warnings: Array.isArray(source.warnings) ? source.warnings.map(correction) : [],
    model: text(source.model),
  };
}

function validExchange(item) {
  return item && typeof item === 'object' && typeof item.id === 'string' && typeof item.question === 'string'
    && (item.status === 'answered' || item.status === 'failed');
}

/**
 * The exchanges shown in the chat, oldest first: {id, question, lang, at, status ('streaming',
 * 'answered', 'failed'), text (as streamed), answer, error {code, status, message, retryAfter}}.
 * `alert` is the refusal or failure of the latest question (shown with role="alert"), `notice` a
 * passing status line; both are codes rendered in the page's current language.
 */
export class Conversation {
  constructor(storage) {
    this.storage = storage;
    this.exchanges = this.load();
    this.alert = null;
    this.notice = null;
    this.draft = '';
    this.draftReturned = false; // set when a refused question is put back into the question box
    this.listeners = new Set();
  }

  onChange(listener) {
    this.listeners.add(listener);
  }

  changed(detail) {
    for (const listener of this.listeners) listener(detail);
  }

  get busy() {
    return this.exchanges.some((e) => e.status === 'streaming');
  }

  get(id) {
    return this.exchanges.find((e) => e.id === id) || null;
  }

  load() {
    try {
      const raw = this.storage ? this.storage.getItem(STORE_KEY) : null;
      const items = raw ? JSON.parse(raw) : [];
      return Array.isArray(items) ? items.filter(validExchange).slice(-HISTORY_KEEP) : [];
    } catch {
      return [];
    }
  }

  save() {
    if (!this.storage) return;
    const finished = this.exchanges.filter((e) => e.status !== 'streaming').slice(-HISTORY_KEEP);
    try {
      if (finished.length) this.storage.setItem(STORE_KEY, JSON.stringify(finished));
      else this.storage.removeItem(STORE_KEY);
    } catch {
      // storage full or disabled: the conversation just does not survive a reload
    }
  }

  start(question, lang) {
    const exchange = { id: newId(), question, lang, at: new Date().toISOString(), status: 'streaming', text: '',
      answer: null, error: null };
    this.exchanges.push(exchange);
    this.trim();
    this.alert = null;
    this.notice = null;
    this.changed({ id: exchange.id });
    return exchange;
  }

  delta(id, piece) {
    const exchange = this.get(id);
    if (!exchange || exchange.status !== 'streaming' || typeof piece !== 'string' || !piece) return;
    exchange.text += piece;
    this.changed({ id });
  }

  finish(id, answer) {
    const exchange = this.get(id);
    if (!exchange || exchange.status !== 'streaming') return;
    exchange.answer = answer;
    // The whole answer wins over the pieces: the validator may have corrected a figure after streaming.
    exchange.text = answer.text || exchange.text;
    exchange.status = 'answered';
    this.save();
    this.changed({ id, done: true });
  }

  fail(id, error) {
    const exchange = this.get(id);
    if (!exchange || exchange.status !== 'streaming') return;
    exchange.status = 'failed';
    exchange.error = error;
    this.alert = error;
    this.save();
    this.changed({ id, done: true });
  }

  /**
   * The server refused the question before answering (400, 413, 429, 503, unreachable): it leaves the
   * log, goes back into the question box (unless something new was typed there) and the refusal shows.
   */
  withdraw(id, error) {
    const exchange = this.get(id);
    if (!exchange || exchange.status !== 'streaming') return;
    this.exchanges = this.exchanges.filter((e) => e !== exchange);
    this.alert = error;
    if (!this.draft) {
      this.draft = exchange.question;
      this.draftReturned = true;
    }
    this.changed({ id, done: true });
  }

  refuse(code) {
    this.alert = { code };
    this.changed({});
  }

  clear() {
    this.exchanges = this.exchanges.filter((e) => e.status === 'streaming');
    this.alert = null;
    this.notice = 'cleared';
    this.save();
    this.changed({ cleared: true });
  }

  /** Sign-out: every exchange, the draft and the stored copy go; the next person starts afresh. */
  forget() {
    this.exchanges = [];
    this.alert = null;
    this.notice = null;
    this.draft = '';
    try {
      this.storage?.removeItem(STORE_KEY);
    } catch {
      // storage disabled: nothing was kept
    }
    this.changed({ cleared: true });
  }

  trim() {
    const streaming = this.exchanges.filter((e) => e.status === 'streaming').length;
    while (this.exchanges.length > Math.max(HISTORY_KEEP, streaming)) {
      const index = this.exchanges.findIndex((e) => e.status !== 'streaming');
      if (index < 0) break;
      this.exchanges.splice(index, 1);
    }
  }
}

function errorFrom(cause) {
  if (cause && typeof cause.status === 'number') {
    return { code: cause.code || 'HTTP', status: cause.status, message: cause.message || '',
      retryAfter: typeof cause.retryAfter === 'number' ? cause.retryAfter : null };
  }
  return { code: 'NETWORK', status: 0, message: cause && cause.message ? cause.message : String(cause) };
}

/**
 * Asks the console's copilot and feeds the conversation. One question at a time: the page disables
 * Send while an answer streams, and ask() ignores a second call meanwhile.
 */
export class CopilotClient {
  /**
   * @param {object} options conversation, feed ({isLive(), send(message)}), actorId() for X-Actor-Id
   */
  constructor({ conversation, feed, actorId }) {
    this.conversation = conversation;
    this.feed = feed;
    this.actorId = actorId;
    this.overFeed = new Map(); // askId -> {timer, resolve}
  }

  async ask(question, lang) {
    const conversation = this.conversation;
    const trimmed = String(question ?? '').trim();
    if (conversation.busy) return false;
    if (!trimmed) {
      conversation.refuse('EMPTY');
      return false;
    }
    const exchange = conversation.start(trimmed, lang);
    try {
      const fallBack = await this.askOverHttp(exchange, trimmed, lang);
      if (fallBack) await this.askOverFeed(exchange, trimmed, lang);
    } catch (cause) {
      if (cause && cause.beforeStream) conversation.withdraw(exchange.id, errorFrom(cause));
      else conversation.fail(exchange.id, errorFrom(cause));
    }
    return true;
  }

  /** Resolves true when the route is missing or unreachable and the live feed can carry the question. */
  async askOverHttp(exchange, question, lang) {
    const conversation = this.conversation;
    const controller = new AbortController();
    let heard = false;
    let ended = false;
    let silent = false;
    let timer = null;
    const listen = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        silent = true;
        controller.abort();
      }, SILENCE_MS);
    };
    listen();
    try {
      await askCopilot({
        question, lang, actorId: this.actorId(), signal: controller.signal,
        onEvent: ({ event, data }) => {
          heard = true;
          listen();
          if (ended) return;
          if (event === 'delta') conversation.delta(exchange.id, data && data.text);
          else if (event === 'answer') {
            ended = true;
            conversation.finish(exchange.id, normalizeAnswer(data));
          } else if (event === 'error') {
            ended = true;
            conversation.fail(exchange.id, { code: (data && data.code) || 'COPILOT_ERROR', status: 200,
              message: (data && data.message) || '' });
          }
        },
      });
    } catch (cause) {
      if (silent) {
        conversation.fail(exchange.id, { code: 'TIMEOUT', status: 0, message: '', seconds: SILENCE_MS / 1000 });
        return false;
      }
      const missing = cause && (cause.status === 404 || cause.status === 405 || cause.code === 'NETWORK');
      if (!heard && missing && this.feed.isLive()) return true;
      if (cause && typeof cause === 'object') cause.beforeStream = !heard;
      throw cause;
    } finally {
      clearTimeout(timer);
    }
    if (!ended) conversation.fail(exchange.id, { code: 'CUT', status: 0, message: '' });
    return false;
  }

  askOverFeed(exchange, question, lang) {
    return new Promise((resolve) => {
      const askId = exchange.id;
      const entry = { timer: null, resolve };
      const listen = () => {
        clearTimeout(entry.timer);
        entry.timer = setTimeout(() => {
          this.settle(askId, { code: 'TIMEOUT', status: 0, message: '', seconds: SILENCE_MS / 1000 });
        }, SILENCE_MS);
      };
      entry.listen = listen;
      this.overFeed.set(askId, entry);
      listen();
      if (!this.feed.send({ type: 'ask', question, lang, askId })) {
        this.settle(askId, { code: 'NETWORK', status: 0, message: 'the live feed is closed' });
      }
    });
  }

  settle(askId, error, answer) {
    const entry = this.overFeed.get(askId);
    if (!entry) return;
    this.overFeed.delete(askId);
    clearTimeout(entry.timer);
    const exchange = this.conversation.get(askId);
    if (answer) this.conversation.finish(askId, answer);
    else if (exchange && !exchange.text && error.code !== 'TIMEOUT') this.conversation.withdraw(askId, error);
    else this.conversation.fail(askId, error);
    entry.resolve();
  }

  /** A feed message that may belong to a question asked over the feed; true when it was ours. */
  onFeedMessage(message) {
    if (!message || this.overFeed.size === 0) return false;
    let askId = message.askId;
    if (!this.overFeed.has(askId)) {
      // A refusal of the ask message itself (rate limit, copilot unavailable) may come without our id.
      const unclaimed = message.type === 'error' && !askId && this.overFeed.size === 1;
      if (!unclaimed) return false;
      [askId] = this.overFeed.keys();
    }
    const entry = this.overFeed.get(askId);
    switch (message.type) {
      case 'copilot.delta':
        entry.listen();
        this.conversation.delta(askId, message.text);
        return true;
      case 'copilot.answer':
        this.settle(askId, null, normalizeAnswer(message));
        return true;
      case 'error':
        this.settle(askId, { code: message.code || 'COPILOT_ERROR', status: 0, message: message.message || '' });
        return true;
      default:
        return false;
    }
  }
}
