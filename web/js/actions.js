// What the acting actor may do now, as the server's own rules say (GET /api/actions, ActorActions on
// the server): the dashboard enables a command only when this book, read for the evaluation on screen,
// says the server would take it. Nothing here re-derives those rules.

export const AVAILABLE = 'AVAILABLE';
export const DONE = 'DONE';
export const REFUSED = 'REFUSED';

export class ActionBook {
  constructor() {
    this.actor = null;
    this.seq = null;
    this.list = [];
    this.byKey = new Map();
  }

  /** Takes a GET /api/actions body; true when something a control depends on changed. */
  apply(body) {
    const list = Array.isArray(body && body.actions) ? body.actions : [];
    const sig = JSON.stringify([body && body.actor, body && body.seq, list]);
    if (sig === this.sig) return false;
    this.sig = sig;
    this.actor = body ? body.actor : null;
    this.seq = typeof (body && body.seq) === 'number' ? body.seq : null;
    this.list = list;
    this.byKey = new Map(list.map((action) => [`${action.kind}:${action.target}`, action]));
    return true;
  }

  clear() {
    this.apply(null);
  }

  /** The book speaks for this actor at this evaluation: only then may a control be enabled. */
  freshFor(actorId, seq) {
    return Boolean(actorId) && this.actor === actorId && this.seq === seq;
  }

  /** The offered command of `kind` (SIGN_OFF, DECISION, PIPELINE) on `target`, for `actorId`, or null. */
  get(actorId, kind, target) {
    if (!actorId || this.actor !== actorId) return null;
    return this.byKey.get(`${kind}:${target}`) || null;
  }

  /** The actor's tasks: what the server would take now and would change something. */
  available(actorId) {
    return actorId && this.actor === actorId ? this.list.filter((action) => action.state === AVAILABLE) : [];
  }

  /** Known for `actorId` and offers nothing at all: the view is read-only for them. */
  readOnly(actorId) {
    return Boolean(actorId) && this.actor === actorId && this.list.length === 0;
  }
}

/** The offered command on a check, by the check's kind. */
export function kindOfCheck(check) {
  if (check.kind === 'owner-acceptance') return 'SIGN_OFF';
  if (check.kind === 'decision') return 'DECISION';
  return null;
}
