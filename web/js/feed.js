// Live updates: the IntegrationFeed.v1 WebSocket, with exponential backoff on close and a polling
// fallback (GET /api/evaluation every 5 s) whenever the socket is not open: the endpoint may not exist
// yet, a proxy may block WebSockets, or the server may be restarting. The page subscribes with
// evaluation=patch: the whole evaluation on connect, then the ~1 KB each change made to it.

import { getEvaluation } from './api.js';
import { applyPatch } from './patch.js';

const PING_MS = 20_000;
const POLL_MS = 5_000;
const BACKOFF_START_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;
/** Reconnect attempts shown as "reconnecting" before the page falls back to polling meanwhile. */
const QUIET_ATTEMPTS = 2;
/** The close code the server sends when the socket's token or session expires. */
const POLICY_VIOLATION = 1008;

/** Exponential backoff, 1 s doubling to 30 s, with +-20 % jitter so clients do not reconnect in lockstep. */
export function backoffDelay(attempt) {
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_START_MS * 2 ** Math.max(0, attempt - 1));
  const jittered = base * (0.8 + Math.random() * 0.4);
  return Math.round(Math.min(BACKOFF_MAX_MS, jittered));
}

export class Feed {
  /**
   * @param {object} handlers onEvaluation(evaluation, source), onAudit(event), onPipeline(message),
   *   onServerError(message), onMessage(message) for other types, onState({state, retryAt, seq}),
   *   onOpen() each time a socket opens (pipeline messages are not replayed: fetch what was missed),
   *   onPolicyClose(reason) when the server closes with 1008 (the socket's identity expired): true
   *   stops the feed, onRefused() when a socket closes before it opened (a refused upgrade, 401
   *   perhaps: the browser does not say)
   */
  constructor(handlers) {
    this.handlers = handlers;
    this.lang = 'en';
    this.lastSeq = null;
    this.socket = null;
    this.everOpened = false;
    this.attempts = 0;
    this.retryTimer = null;
    this.retryAt = null;
    this.pingTimer = null;
    this.pollTimer = null;
    this.pollFailed = false;
    this.awaitingFirst = false;
    /** The last evaluation this socket delivered: what the next evaluation.patch applies to. */
    this.evaluation = null;
    this.state = 'connecting';
    window.addEventListener('online', () => {
      if (!this.isLive() && this.state !== 'stopped') this.connectNow();
    });
  }

  isLive() {
    return this.socket !== null && this.socket.readyState === WebSocket.OPEN;
  }

  /** Opens the feed for a language (closing any previous one): the first evaluation is sent on connect. */
  start(lang) {
    this.lang = lang;
    this.attempts = 0;
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.closeSocket();
    this.connect(false);
  }

  /** Records the newest seq the page has rendered (from the feed, a poll or a command response). */
  noteSeq(seq) {
    if (typeof seq === 'number' && (this.lastSeq === null || seq > this.lastSeq)) this.lastSeq = seq;
  }

  send(message) {
    if (!this.isLive()) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  connectNow() {
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.closeSocket();
    this.connect(true);
  }

  connect(resume) {
    if (typeof WebSocket === 'undefined') {
      this.startPolling();
      return;
    }
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    let url = `${scheme}://${location.host}/ws?lang=${encodeURIComponent(this.lang)}&evaluation=patch`;
    if (resume && this.lastSeq !== null) url += `&since=${this.lastSeq}`;
    let socket;
    try {
      socket = new WebSocket(url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    this.evaluation = null;
    if (!this.everOpened && this.state !== 'polling') this.setState('connecting');
    socket.addEventListener('open', () => {
      if (socket !== this.socket) return;
      this.everOpened = true;
      this.attempts = 0;
      this.awaitingFirst = true;
      this.stopPolling();
      this.setState('live');
      clearInterval(this.pingTimer);
      this.pingTimer = setInterval(() => this.send({ type: 'ping' }), PING_MS);
      this.handlers.onOpen?.();
    });
    socket.addEventListener('message', (event) => {
      if (socket !== this.socket) return;
      this.onMessage(event.data);
    });
    let opened = false;
    socket.addEventListener('open', () => {
      opened = true;
    });
    socket.addEventListener('close', (event) => {
      if (socket !== this.socket) return;
      this.socket = null;
      clearInterval(this.pingTimer);
      if (event.code === POLICY_VIOLATION && this.handlers.onPolicyClose?.(event.reason)) {
        this.stop();
        return;
      }
      if (!opened) this.handlers.onRefused?.();
      this.scheduleReconnect();
    });
    // 'error' is always followed by 'close'; nothing to do here.
  }

  onMessage(raw) {
    let message;
    try {
      message = JSON.parse(raw);
    } catch {
      return;
    }
    if (!message || typeof message.type !== 'string') return;
    switch (message.type) {
      case 'hello':
        this.noteSeq(message.seq);
        this.setState('live');
        break;
      case 'evaluation.patch':
        this.onPatch(message);
        break;
      case 'evaluation':
        if (message.evaluation) {
          this.evaluation = message.evaluation;
          // The first evaluation on a connection is the server's whole current state: it wins even
          // with a lower seq (a restarted server with a fresh data dir starts counting again).
          const authoritative = this.awaitingFirst;
          this.awaitingFirst = false;
          this.handlers.onEvaluation(message.evaluation, authoritative ? 'feed-first' : 'feed');
          const seq = typeof message.seq === 'number' ? message.seq : message.evaluation.seq;
          if (authoritative && typeof seq === 'number') this.lastSeq = seq;
          else this.noteSeq(seq);
          this.setState('live');
        }
        break;
      case 'audit':
        if (message.event) this.handlers.onAudit?.(message.event);
        break;
      case 'pipeline':
        this.handlers.onPipeline?.(message);
        break;
      case 'error':
        this.handlers.onServerError?.(message);
        break;
      default:
        this.handlers.onMessage?.(message); // pong, copilot.delta, copilot.answer: for later issues
    }
  }

  /**
   * The server sends a patch only against the evaluation it last sent this socket; one that does not
   * fit (a bug, or a message lost by a proxy) must not leave a wrong page: reconnect for a whole one.
   */
  onPatch(message) {
    let next = null;
    if (this.evaluation && this.evaluation.seq === message.base) {
      try {
        next = applyPatch(this.evaluation, message.patch);
      } catch {
        next = null;
      }
    }
    if (!next || next.seq !== message.seq) {
      this.connectNow();
      return;
    }
    this.evaluation = next;
    this.handlers.onEvaluation(next, 'feed');
    this.noteSeq(message.seq);
    this.setState('live');
  }

  scheduleReconnect() {
    this.attempts += 1;
    const delay = backoffDelay(this.attempts);
    this.retryAt = Date.now() + delay;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect(true);
    }, delay);
    if (!this.everOpened || this.attempts > QUIET_ATTEMPTS) {
      this.startPolling();
    } else {
      this.setState('reconnecting');
    }
  }

  startPolling() {
    if (this.pollTimer === null) {
      this.pollTimer = setInterval(() => this.poll(), POLL_MS);
      this.poll();
    }
    this.setState(this.pollFailed ? 'offline' : 'polling');
  }

  stopPolling() {
    clearInterval(this.pollTimer);
    this.pollTimer = null;
  }

  async poll() {
    const lang = this.lang;
    try {
      const evaluation = await getEvaluation(lang);
      if (lang !== this.lang || this.isLive() || this.state === 'stopped') return;
      this.pollFailed = false;
      this.handlers.onEvaluation(evaluation, 'poll');
      this.noteSeq(evaluation.seq);
      if (this.pollTimer !== null) this.setState('polling');
    } catch {
      if (this.state === 'stopped') return;
      this.pollFailed = true;
      if (this.pollTimer !== null) this.setState('offline');
    }
  }

  /** No socket, no retries, no polling: the page is signed out or on its way to sign in. */
  stop() {
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.retryAt = null;
    this.stopPolling();
    this.closeSocket();
    this.evaluation = null;
    this.setState('stopped');
  }

  closeSocket() {
    clearInterval(this.pingTimer);
    if (this.socket) {
      const socket = this.socket;
      this.socket = null; // its close event is now ignored: this is not a failure
      try {
        socket.close(1000, 'client closing');
      } catch {
        // already closed
      }
    }
  }

  setState(state) {
    this.state = state;
    this.handlers.onState?.({ state, retryAt: this.retryAt, seq: this.lastSeq });
  }
}
