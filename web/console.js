// Minimal read-only view of the evaluation; the live dashboard (WebSocket feed, every section) replaces it.
const statusText = {
  en: { READY: 'Ready', REVIEW: 'Review', BLOCKED: 'Blocked' },
  pl: { READY: 'Gotowe', REVIEW: 'Do przegladu', BLOCKED: 'Zablokowane' },
};
const chrome = {
  en: { checklist: 'Integration blocker checklist', gate: 'Gate', status: 'Status', checks: 'Checks', decision: 'Decision', next: 'Next action' },
  pl: { checklist: 'Checklista blokerow integracji', gate: 'Bramka', status: 'Status', checks: 'Kontrole', decision: 'Decyzja', next: 'Nastepna akcja' },
};

async function render(lang) {
  const response = await fetch(`/api/evaluation?lang=${lang}`);
  const evaluation = await response.json();
  const t = chrome[lang];
  document.documentElement.lang = lang;
  const header = evaluation.sections.find((s) => s.id === 'header');
  if (header) {
    document.getElementById('eyebrow').textContent = header.eyebrow ?? '';
    document.getElementById('title').textContent = header.title;
  }
  document.getElementById('headline').textContent = evaluation.summary.headline;
  document.getElementById('decision').textContent = `${evaluation.summary.decision} · ${evaluation.summary.traffic}`;
  const next = evaluation.recommendation;
  document.getElementById('recommendation').textContent = `${t.next}: ${next.action}. ${next.reason}`;
  document.getElementById('checklist-title').textContent = t.checklist;
  const heads = document.querySelectorAll('thead th');
  [t.gate, t.status, t.checks, t.decision].forEach((text, i) => { heads[i].textContent = text; });
  const rows = evaluation.gates.map((gate) => {
    const tr = document.createElement('tr');
    const cells = [gate.label, statusText[lang][gate.status], `${gate.done}/${gate.total}`, gate.decision];
    cells.forEach((text, i) => {
      const td = document.createElement('td');
      td.textContent = text;
      if (i === 1) td.className = gate.status;
      tr.append(td);
    });
    return tr;
  });
  document.getElementById('gates').replaceChildren(...rows);
  document.querySelectorAll('nav button').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.lang === lang)));
}

document.querySelectorAll('nav button').forEach((button) => {
  button.addEventListener('click', () => render(button.dataset.lang));
});
render('en');
