// HTTP side of the console: reads the evaluation and packets, sends commands as the acting actor.
// Errors keep the server's own words ({"error":{"code","message"}}) so the page can show them plainly.
// Identity travels as the session cookie (oidc) or as X-Actor-Id (mock-auth-header, when an actor
// id is given); a 401 from any call but the identity probe is reported to onUnauthenticated.

import { EventStreamParser } from './sse.js';

export class ApiError extends Error {
  constructor(status, code, message, body = null) {
    super(message);
    this.status = status;
    this.code = code;
    this.body = body;
  }
}

let unauthenticated = () => {};

/**
 * handler({method, path}) hears every 401 (but the /api/me probe's): the session ended while the page
 * was open. It runs after the refusal has reached the caller, so a question handed back to the copilot's
 * box is there when the page saves its place.
 */
export function onUnauthenticated(handler) {
  unauthenticated = handler;
}

function heard(response, path, options) {
  if (response.status === 401) {
    const method = (options.method || 'GET').toUpperCase();
    setTimeout(() => unauthenticated({ method, path }), 0);
  }
}

async function send(path, options) {
  try {
    // Same-origin credentials carry the session cookie; never sent to another origin.
    return await fetch(path, { cache: 'no-store', credentials: 'same-origin', ...options });
  } catch (cause) {
    if (cause && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'NETWORK', cause && cause.message ? cause.message : 'network error');
  }
}

async function request(path, options = {}, { probe = false } = {}) {
  const response = await send(path, options);
  const text = await response.text();
  let body = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  if (!response.ok) {
    const error = body && body.error ? body.error : {};
    if (!probe) heard(response, path, options);
    throw new ApiError(response.status, error.code || `HTTP_${response.status}`,
      error.message || text || response.statusText || `HTTP ${response.status}`, body);
  }
  return body;
}

/**
 * GET /api/me: who the console takes this page for. With an actor id (mock-auth-header) it is sent as
 * X-Actor-Id; without, only the session cookie speaks. Its 401 is an answer, not an expired session.
 */
export function getMe(actorId) {
  return request('/api/me', actorId ? { headers: { 'X-Actor-Id': actorId } } : {}, { probe: true });
}

/** POST /auth/logout: ends the session on the server (the cookie goes with it). */
/** What the actor may do now (ActorActions); in oidc mode the session says who, so no header. */
export function getActions(actorId) {
  return request('/api/actions', actorId ? { headers: { 'X-Actor-Id': actorId } } : {}, { probe: true });
}

export function logout() {
  return request('/auth/logout', { method: 'POST' }, { probe: true });
}

// The evaluation and the packets are revalidated by their ETags ('no-cache'): a reload while nothing
// changed gets 304s, not the same bytes again. Everything else is never stored.
export function getEvaluation(lang) {
  return request(`/api/evaluation?lang=${encodeURIComponent(lang)}`, { cache: 'no-cache' });
}

export function listPackets(lang) {
  return request(`/api/packets?lang=${encodeURIComponent(lang)}`, { cache: 'no-cache' });
}

export function getPacket(id, lang) {
  return request(`/api/packets/${encodeURIComponent(id)}?lang=${encodeURIComponent(lang)}`, { cache: 'no-cache' });
}

export function getAudit() {
  return request('/api/audit');
}

export function getPipelines() {
  return request('/api/pipelines');
}

export function getPipelineRun(runId) {
  return request(`/api/pipelines/${encodeURIComponent(runId)}`);
}

/** actorId null: the session cookie says who acts (oidc), and nothing claims otherwise. */
function command(path, actorId, body) {
  const headers = actorId ? { 'X-Actor-Id': actorId } : {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return request(path, { method: 'POST', headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

export function acceptCheck(checkId, actorId) {
  return command(`/api/checks/${encodeURIComponent(checkId)}/accept`, actorId);
}

export function revokeCheck(checkId, actorId) {
  return command(`/api/checks/${encodeURIComponent(checkId)}/revoke`, actorId);
}

export function recordDecision(checkId, value, actorId) {
  return command(`/api/decisions/${encodeURIComponent(checkId)}`, actorId, { value });
}

export function startPipeline(pipeline, actorId) {
  return command(`/api/pipelines/${encodeURIComponent(pipeline)}`, actorId, {});
}

/** Seconds from a Retry-After header (delta-seconds or an HTTP date), or null. */
function retryAfterSeconds(response) {
  const value = response.headers.get('Retry-After');
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/**
 * POST /api/copilot/ask: streams the answer as server-sent events, calling onEvent({event, data}) for
 * each (data parsed from JSON) and resolving when the stream ends. A refusal before the stream (400,
 * 413, 429, 503 ...) throws an ApiError carrying retryAfter (seconds) when the server gave one.
 */
export async function askCopilot({ question, lang, actorId, signal, onEvent }) {
  const headers = { 'Content-Type': 'application/json', Accept: 'text/event-stream' };
  if (actorId) headers['X-Actor-Id'] = actorId;
  const options = { method: 'POST', headers, body: JSON.stringify({ question, lang }), signal };
  const response = await send('/api/copilot/ask', options);
  if (!response.ok) {
    const text = await response.text().catch(() => '');
    let error = {};
    try {
      error = (JSON.parse(text) || {}).error || {};
    } catch {
      // not JSON: the status line says what there is to say
    }
    const refusal = new ApiError(response.status, error.code || `HTTP_${response.status}`,
      error.message || text || response.statusText || `HTTP ${response.status}`);
    refusal.retryAfter = retryAfterSeconds(response);
    heard(response, '/api/copilot/ask', options);
    throw refusal;
  }
  const parse = (event) => {
    let data = null;
    try {
      data = event.data ? JSON.parse(event.data) : {};
    } catch {
      data = { text: event.data };
    }
    onEvent({ event: event.event, data });
  };
  const type = response.headers.get('Content-Type') || '';
  if (!type.includes('text/event-stream') || !response.body) {
    // A proxy that buffered the stream, or a server answering in one piece: the body is the answer.
    const text = await response.text();
    if (type.includes('text/event-stream')) {
      const parser = new EventStreamParser(parse);
      parser.push(text);
      parser.end();
    } else {
      parse({ event: 'answer', data: text });
    }
    return;
  }
  const parser = new EventStreamParser(parse);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      parser.push(value);
    }
  } catch (cause) {
    if (cause && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'NETWORK', cause && cause.message ? cause.message : 'the stream broke off');
  } finally {
    reader.releaseLock();
  }
  parser.end();
}
