// Who the page acts as, and the sign-in round trip. The mode comes from GET /api/me: its "auth" says
// oidc or mock-auth-header. Its 401 alone cannot say which (mock mode answers 401 to a page that has not
// named an actor yet), so a 401 is settled by the reads: they are anonymous in mock mode and need a
// session in oidc mode. While the browser visits the identity provider, where the reader was (the section
// at the top of the window, the hash, the copilot's draft) waits in this tab's sessionStorage, and is put
// back once when the page comes back.

export const MOCK = 'mock';
export const OIDC = 'oidc';
/** Not known yet: no switcher, no commands, until /api/me (or the first read) settles it. */
export const PENDING = 'pending';

const PLACE_KEY = 'integration-console.place.v1';
/** A place older than the login transaction (10 minutes) belongs to a sign-in that was abandoned. */
const PLACE_MAX_AGE_MS = 10 * 60_000;
/** A 401 this soon after coming back from signing in means signing in did not help: say so, never loop. */
export const LOOP_WINDOW_MS = 10_000;

/**
 * The mode an /api/me answer settles: {auth, me} with me the body of a 200, or null when the answer
 * leaves it to the reads (a 401 without a hint). The server may name its login ("login" or
 * "auth":"oidc" beside the error): then a 401 is oidc at once.
 */
export function modeFromMe(answer) {
  if (answer.body && !answer.error) return { auth: answer.body.auth === 'oidc' ? OIDC : MOCK, me: answer.body };
  const error = answer.error;
  const hint = error.body && (error.body.login || error.body.auth === 'oidc');
  if (error.status === 401) return hint ? { auth: OIDC, me: null } : null;
  // A valid session whose subject is no actor of this scenario: only oidc answers that.
  if (error.status === 403 && error.code === 'NO_ACTOR') return { auth: OIDC, me: null, noActor: error.message };
  // A console from before /api/me: identity is the X-Actor-Id header, as it always was there.
  if (error.status === 404 || error.status === 405) return { auth: MOCK, me: null };
  return undefined; // unreachable or failing: ask again
}

export function returnPath() {
  return location.pathname + location.search;
}

/** GET /auth/login with the page to come back to (path and query: a fragment never reaches the server). */
export function loginHref(path = returnPath()) {
  return `/auth/login?return=${encodeURIComponent(path)}`;
}

function storage() {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/** Where the reader is now; {@code draft} is the copilot's unsent question. */
export function currentPlace(draft) {
  const sections = [...document.querySelectorAll('#sections > section[id]')];
  const top = sections.find((section) => section.getBoundingClientRect().bottom > 0);
  return {
    path: returnPath(),
    hash: location.hash,
    scrollY: Math.round(window.scrollY),
    anchor: top ? top.id : null,
    offset: top ? Math.round(top.getBoundingClientRect().top) : 0,
    draft: draft || '',
    savedAt: Date.now(),
  };
}

export function savePlace(place) {
  try {
    storage()?.setItem(PLACE_KEY, JSON.stringify(place));
  } catch {
    // storage full or disabled: the page comes back at its top
  }
}

/** The place saved before this tab went to sign in, once: reading it removes it. */
export function takePlace() {
  const store = storage();
  if (!store) return null;
  let place = null;
  try {
    place = JSON.parse(store.getItem(PLACE_KEY) || 'null');
    store.removeItem(PLACE_KEY);
  } catch {
    return null;
  }
  if (!place || typeof place !== 'object' || typeof place.savedAt !== 'number') return null;
  const age = Date.now() - place.savedAt;
  return age >= 0 && age <= PLACE_MAX_AGE_MS ? place : null;
}

export function forgetPlace() {
  try {
    storage()?.removeItem(PLACE_KEY);
  } catch {
    // nothing kept, nothing to forget
  }
}

/** Scrolls the saved anchor section back to where it was in the window (or to the old offset without it). */
export function applyPlace(place) {
  if (place.hash && !location.hash && typeof place.hash === 'string' && place.hash.startsWith('#')) {
    history.replaceState(history.state, '', returnPath() + place.hash);
  }
  const anchor = place.anchor ? document.getElementById(place.anchor) : null;
  const top = anchor ? window.scrollY + anchor.getBoundingClientRect().top - place.offset : place.scrollY;
  if (typeof top === 'number' && Number.isFinite(top)) window.scrollTo({ top: Math.max(0, top), behavior: 'instant' });
}
