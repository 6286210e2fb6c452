// HTTP side of the console: reads the evaluation and packets, sends commands as the selected actor.
// Errors keep the server's own words ({"error":{"code","message"}}) so the page can show them plainly.

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function request(path, options = {}) {
  let response;
  try {
    response = await fetch(path, { cache: 'no-store', ...options });
  } catch (cause) {
    throw new ApiError(0, 'NETWORK', cause && cause.message ? cause.message : 'network error');
  }
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
