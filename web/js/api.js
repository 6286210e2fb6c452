// HTTP side of the console: reads the evaluation and packets, sends commands as the selected actor.
// Errors keep the server's own words ({"error":{"code","message"}}) so the page can show them plainly.

import { EventStreamParser } from './sse.js';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function send(path, options) {
  try {
    return await fetch(path, { cache: 'no-store', ...options });
  } catch (cause) {
    if (cause && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'NETWORK', cause && cause.message ? cause.message : 'network error');
  }
}

async function request(path, options = {}) {
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
    throw new ApiError(response.status, error.code || `HTTP_${response.status}`,
      error.message || text || response.statusText || `HTTP ${response.status}`);
  }
  return body;
}

export function getEvaluation(lang) {
  return request(`/api/evaluation?lang=${encodeURIComponent(lang)}`);
}

export function getHealth() {
  return request('/health');
}

export function listPackets(lang) {
  return request(`/api/packets?lang=${encodeURIComponent(lang)}`);
}

export function getPacket(id, lang) {
  return request(`/api/packets/${encodeURIComponent(id)}?lang=${encodeURIComponent(lang)}`);
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

function command(path, actorId, body) {
  const headers = { 'X-Actor-Id': actorId };
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
  const response = await send('/api/copilot/ask', {
    method: 'POST', headers, body: JSON.stringify({ question, lang }), signal,
  });
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
