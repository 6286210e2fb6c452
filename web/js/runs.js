// Pipeline runs as the page knows them, merged from three sources that can arrive in any order: feed
// messages (ordered among themselves), the 202 answer to our own start, and fetched transcripts
// (GET /api/pipelines, /api/pipelines/{runId}). A run only moves forward: a step never goes back from
// PASSED to RUNNING, nor a run from PASSED to RUNNING, whichever answer comes late. Pipelines are
// whatever the server names: the book keeps one entry per pipeline id it has heard of.

const STEP_RANK = { PENDING: 0, RUNNING: 1, PASSED: 2, FAILED: 2, SKIPPED: 2, ERRORED: 2 };
// ERRORED: the console, not the target, could not carry the run out (it is never evidence)
const RUN_TERMINAL = ['PASSED', 'FAILED', 'ERRORED'];

export function isTerminal(status) {
  return RUN_TERMINAL.includes(status);
}

function stepRank(step) {
  return STEP_RANK[step && step.status] ?? 0;
}

function objectOr(value) {
  return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

export function normalizeStep(step) {
  return {
    id: step.id,
    status: step.status || 'PENDING',
    detail: step.detail ?? null,
    // the server's Polish wording of the same detail, where it has one (a Polish page shows it instead)
    detailPl: step.detailPl ?? null,
    ms: typeof step.ms === 'number' ? step.ms : null,
    evidence: objectOr(step.evidence),
    metrics: objectOr(step.metrics),
    progress: step.progress && typeof step.progress.done === 'number' ? step.progress : null,
  };
}

/** A run from the REST API or the 202 answer: {runId, pipeline, status, startedAt, finishedAt, steps, actor, target}. */
export function runFromSnapshot(body) {
  if (!body || !body.runId) return null;
  return {
    runId: body.runId,
    pipeline: body.pipeline,
    status: body.status || 'RUNNING',
    startedAt: body.startedAt || null,
    finishedAt: body.finishedAt || null,
    actor: body.actor || null,
    target: body.target || null,
    detail: null,
    steps: (body.steps || []).map(normalizeStep),
  };
}

/**
 * A feed message as a (partial) run: a step message carries one step, a run-level message all of them.
 * Run-level messages carry no startedAt: the start message's own time stands in for it.
 */
export function runFromMessage(message) {
  const runLevel = !message.step;
  const status = message.runStatus || (runLevel ? message.status : 'RUNNING') || 'RUNNING';
  const starting = runLevel && status === 'RUNNING';
  return {
    runId: message.runId,
    pipeline: message.pipeline,
    status,
    startedAt: starting ? message.at || null : null,
    finishedAt: message.finishedAt || null,
    actor: message.actor || null,
    target: message.target || null,
    detail: runLevel ? message.detail ?? null : null,
    steps: runLevel
      ? (message.steps || []).map(normalizeStep)
      : [normalizeStep({ id: message.step, status: message.status, detail: message.detail,
        detailPl: message.detailPl, ms: message.ms, evidence: message.evidence, metrics: message.metrics,
        progress: message.progress })],
  };
}

function pickStep(current, incoming, incomingWinsTies) {
  if (!current) return incoming;
  if (!incoming) return current;
  const a = stepRank(current);
  const b = stepRank(incoming);
  if (a !== b) return b > a ? incoming : current;
  if (incomingWinsTies) return incoming;
  // a late snapshot of a running step may still carry more rows than the last message did
  if (incoming.progress && (!current.progress || incoming.progress.done > current.progress.done)) return incoming;
  return current;
}

/**
 * Merges two views of the same run. `incomingWinsTies`: a feed message is newer than what the page has
 * (the feed is ordered); a fetched snapshot may be older than the last message, so it only fills gaps.
 */
export function mergeSameRun(current, incoming, incomingWinsTies) {
  const status = isTerminal(current.status) ? current.status : incoming.status || current.status;
  const byId = new Map(current.steps.map((s) => [s.id, s]));
  const order = current.steps.map((s) => s.id);
  for (const step of incoming.steps) {
    if (!byId.has(step.id)) order.push(step.id);
    byId.set(step.id, pickStep(byId.get(step.id), step, incomingWinsTies));
  }
  return {
    ...current,
    pipeline: current.pipeline || incoming.pipeline,
    status,
    startedAt: current.startedAt || incoming.startedAt,
    finishedAt: current.finishedAt || incoming.finishedAt,
    actor: current.actor || incoming.actor,
    target: incoming.target || current.target,
    detail: incoming.detail && (incomingWinsTies || !current.detail) ? incoming.detail : current.detail,
    steps: order.map((id) => byId.get(id)),
  };
}

/**
 * The page's pipeline runs: one per pipeline, plus the ids of runs it has moved past (a late message of
 * an earlier run must not bring it back), and when each pipeline last changed from the feed or from our
 * own start (a fetch sent before that change is older than what the page shows).
 */
export class RunBook {
  constructor() {
    this.runs = {};
    this.retired = new Set();
    this.changedAt = new Map();
    this.clock = 0;
  }

  /** A monotonic counter, not wall time: fetches note it when sent. */
  tick() {
    this.clock += 1;
    return this.clock;
  }

  get(pipeline) {
    return Object.hasOwn(this.runs, pipeline) ? this.runs[pipeline] : null;
  }

  set(pipeline, run) {
    const current = this.runs[pipeline];
    if (current && run && current.runId !== run.runId) this.retired.add(current.runId);
    if (current && !run) this.retired.add(current.runId);
    this.runs[pipeline] = run;
  }

  /** A feed message. Returns 'changed', 'unknown' (a run seen for the first time mid-way) or null. */
  applyMessage(message) {
    const pipeline = message.pipeline;
    if (!pipeline || !message.runId || this.retired.has(message.runId)) return null;
    const incoming = runFromMessage(message);
    const current = this.get(pipeline);
    this.changedAt.set(pipeline, this.tick());
    if (current && current.runId === incoming.runId) {
      this.runs[pipeline] = mergeSameRun(current, incoming, true);
      return 'changed';
    }
    // Runs of one pipeline never overlap and the feed is ordered: a new run id is the newest run.
    this.set(pipeline, incoming);
    return incoming.startedAt ? 'changed' : 'unknown';
  }

  /** The 202 answer to our own start: the newest run of that pipeline. */
  applyStarted(body) {
    const run = runFromSnapshot(body);
    if (!run || this.retired.has(run.runId)) return false;
    const pipeline = run.pipeline;
    const current = this.get(pipeline);
    this.changedAt.set(pipeline, this.tick());
    this.set(pipeline, current && current.runId === run.runId ? mergeSameRun(current, run, false) : run);
    return true;
  }

  /**
   * A fetched run (or null: the server has none) for `pipeline`, from a request sent at `sentAt`
   * (a tick). The same run is merged; a different one replaces the page's only if nothing newer
   * reached the page since the request left (the server is the truth, but only as of that moment).
   */
  applySnapshot(pipeline, body, sentAt) {
    const run = runFromSnapshot(body);
    if (run && this.retired.has(run.runId)) return false;
    const current = this.get(pipeline);
    if (current && run && current.runId === run.runId) {
      const merged = mergeSameRun(current, run, false);
      const changed = JSON.stringify(merged) !== JSON.stringify(current);
      this.runs[pipeline] = merged;
      return changed;
    }
    if ((this.changedAt.get(pipeline) ?? 0) > sentAt) return false;
    if (!current && !run) return false;
    this.set(pipeline, run);
    return true;
  }

  /** GET /api/pipelines: {running: [run...], latest: {pipeline: run|null}}. */
  applyOverview(body, sentAt) {
    let changed = false;
    const running = Array.isArray(body && body.running) ? body.running : [];
    const latest = (body && body.latest) || {};
    // Every pipeline the answer or the page knows: one the answer leaves out has no run on the server.
    const pipelines = new Set([...Object.keys(latest), ...running.map((r) => r && r.pipeline).filter(Boolean),
      ...Object.keys(this.runs)]);
    for (const pipeline of pipelines) {
      const run = running.find((r) => r && r.pipeline === pipeline) || latest[pipeline] || null;
      changed = this.applySnapshot(pipeline, run, sentAt) || changed;
    }
    return changed;
  }

  isRunning(pipeline) {
    const run = this.get(pipeline);
    return Boolean(run) && !isTerminal(run.status);
  }
}
