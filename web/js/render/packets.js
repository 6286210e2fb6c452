// Packets (SQL runbook, env blocks, reports): the server's content in <pre><code> with a Copy button.

import { h, domId } from '../dom.js';
import { t } from '../i18n.js';
import { summaryCard, code, shortChecksum, cardLines } from './common.js';

/**
 * A packet panel. `card` (optional) is the section card that introduces the packet: its label heads the
 * panel, its description comes before the code and its value (the decision line) after it, as on the seed.
 */
export function packetPanel(ctx, packetId, card) {
  const entry = ctx.packets.get(packetId);
  const envelope = entry && entry.envelope;
  const titleId = domId('packet-title', packetId);
  const codeId = domId('packet-code', packetId);
  const statusId = domId('packet-copy-status', packetId);
  const format = envelope ? envelope.format : '';
  let body;
  if (envelope) {
    body = h('pre', { class: 'packet-code', tabindex: '0', 'aria-labelledby': titleId, id: codeId },
      h('code', { class: format ? `language-${format}` : null }, envelope.content ?? ''));
  } else if (entry && entry.error) {
    body = h('p', { class: 'error', role: 'alert' }, t('packet.error', { message: entry.error }));
  } else {
    body = h('p', { class: 'muted' }, t('packet.loading'));
  }
  const cardStatus = card && card.status;
  return h('section', { class: 'packet', id: domId('packet', packetId), 'aria-labelledby': titleId,
    dataset: cardStatus ? { status: cardStatus } : undefined },
  h('div', { class: 'packet-head' },
    h('h3', { id: titleId, class: 'packet-title' }, card ? card.label : packetId),
    h('div', { class: 'packet-tools' },
      envelope ? h('button', {
        type: 'button', class: 'btn btn-copy', dataset: { focusKey: `copy:${packetId}` },
        'aria-label': t('copy.label', { id: packetId }), 'aria-describedby': statusId,
        onclick: () => ctx.actions.copy(envelope.content ?? '', statusId),
      }, t('copy')) : null,
      h('span', { class: 'copy-status', id: statusId, role: 'status' }))),
  cardLines(card),
  card && card.description ? h('p', { class: 'packet-desc' }, card.description) : null,
  h('p', { class: 'packet-meta' },
    card ? h('span', null, code(packetId)) : null,
    format ? h('span', null, format.toUpperCase()) : null,
    envelope && envelope.checksum
      ? h('span', { title: envelope.checksum }, `${t('packet.checksum')} `, code(shortChecksum(ctx, envelope.checksum))) : null,
    envelope && envelope.decision ? h('span', null, `${t('packet.decision')} `, code(envelope.decision)) : null),
  body,
  card && card.value ? h('p', { class: 'packet-verdict' }, card.value) : null);
}

/** Cards that are not paired with a packet render as ordinary summary cards. */
export function sectionPacketsAndCards(ctx, section) {
  const packets = section.packets || [];
  const cards = section.cards || [];
  const paired = packets.map((packetId, i) => packetPanel(ctx, packetId, cards[i]));
  const rest = cards.slice(packets.length);
  return {
    packets: paired,
    cards: rest.length ? h('div', { class: 'card-grid' }, rest.map((card) => summaryCard(ctx, card))) : null,
  };
}
