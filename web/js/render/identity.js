// The identity corner of the header and the notices of the sign-in round trip. In mock mode the actor
// switcher (the page claims an actor with X-Actor-Id); in oidc mode who is signed in and "Sign out",
// and no switcher at all: nothing on the page offers acting as someone else.

import { h } from '../dom.js';
import { t } from '../i18n.js';
import { MOCK, OIDC } from '../identity.js';

/**
 * The contents of #identity: view {auth, actors, actorId, me, noActor, signingOut}, actions
 * {chooseActor(id), signOut()}.
 */
export function identityNodes(view, actions) {
  if (view.auth === MOCK) return [actorSwitch(view, actions)];
  if (view.auth === OIDC && (view.me || view.noActor)) return [signedIn(view, actions)];
  return [];
}

function actorSwitch(view, actions) {
  const select = h('select', { id: 'actor-select', 'aria-describedby': 'actor-hint',
    onchange: (event) => actions.chooseActor(event.target.value) },
  view.actors.map((actor) => h('option', { value: actor.id, selected: actor.id === view.actorId },
    `${actor.name} · ${actor.role}`)));
  select.value = view.actorId || '';
  return h('div', { class: 'actor-switch', id: 'actor-switch' },
    h('label', { for: 'actor-select' }, t('actor.label')),
    select,
    h('span', { id: 'actor-hint', class: 'visually-hidden' }, t('actor.hint')));
}

function signedIn(view, actions) {
  const actor = view.me ? view.me.actor || {} : null;
  return h('div', { class: 'signed-in', id: 'signed-in', role: 'group', 'aria-label': t('signin.label') },
    actor ? h('p', { class: 'who' },
      h('span', { class: 'who-label' }, `${t('signin.signedIn')} `),
      h('strong', { class: 'who-name', id: 'signed-in-name' }, actor.name || actor.id || ''),
      actor.role ? h('span', { class: 'who-role', id: 'signed-in-role' }, actor.role) : null) : null,
    h('button', { type: 'button', class: 'btn btn-small', id: 'sign-out',
      'aria-disabled': view.signingOut ? 'true' : null, onclick: () => actions.signOut() },
    view.signingOut ? t('signin.signingOut') : t('signin.signOut')));
}

/** After "Sign out": the session is over here; signing in again is the reader's choice, not automatic. */
export function signedOutNotice(href) {
  return h('section', { class: 'panel auth-notice', id: 'signed-out', 'aria-labelledby': 'signed-out-title' },
    h('h2', { class: 'panel-title', id: 'signed-out-title', tabindex: '-1' }, t('signin.signedOut')),
    h('p', null, t('signin.signedOut.detail')),
    h('p', null, h('a', { class: 'btn btn-primary', href, id: 'sign-in' }, t('signin.signIn'))));
}

/** A 401 right after coming back from signing in: going round again would loop, so the reader decides. */
export function loopNotice(href, onFollow) {
  return h('div', { class: 'auth-notice auth-loop', id: 'sign-in-loop', role: 'alert' },
    h('p', null, t('signin.loop')),
    h('p', null, h('a', { class: 'btn btn-primary', href, id: 'sign-in-again', onclick: onFollow },
      t('signin.signInAgain'))));
}
