/**
 * The explorer's script (served as /assets/explorer.js; no inline script, so
 * a strict Content-Security-Policy holds). The pages work without it; it
 * adds, when it runs:
 * - govuk-frontend's components (initAll) after marking the body js-enabled;
 * - suggestions as you type on the search inputs (an ARIA 1.2 combobox with a
 *   listbox; Up/Down move, Enter opens, Escape closes), from the explorer's
 *   /suggest endpoints, which answer from the protected service;
 * - "Copy" buttons for the builder's permalink and API URL.
 */
import { initAll } from 'govuk-frontend';

interface Suggestion {
  text: string;
  hint: string;
  href: string;
}

const DEBOUNCE_MS = 150;

function setupSuggest(input: HTMLInputElement): void {
  const url = input.dataset.suggest!;
  const list = document.createElement('ul');
  list.id = `${input.id}-suggestions`;
  list.className = 'rw-suggest';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', 'Suggestions');
  list.hidden = true;
  const status = document.createElement('div');
  status.className = 'govuk-visually-hidden';
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  input.after(list, status);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', list.id);
  input.setAttribute('aria-expanded', 'false');
  input.autocomplete = 'off';

  let items: Suggestion[] = [];
  let active = -1;
  let timer: number | undefined;
  let asked = 0;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const highlight = (i: number) => {
    active = i;
    list.querySelectorAll('li').forEach((li, j) => li.setAttribute('aria-selected', String(j === i)));
    if (i >= 0) input.setAttribute('aria-activedescendant', `${list.id}-${i}`);
    else input.removeAttribute('aria-activedescendant');
  };
  const show = (found: Suggestion[]) => {
    items = found;
    list.replaceChildren(
      ...found.map((s, i) => {
        const li = document.createElement('li');
        li.id = `${list.id}-${i}`;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        li.dataset.href = s.href;
        li.textContent = s.text;
        if (s.hint) {
          const hint = document.createElement('span');
          hint.className = 'rw-suggest__hint';
          hint.textContent = ` ${s.hint}`;
          li.append(hint);
        }
        li.addEventListener('mousedown', (e) => {
          e.preventDefault();
          window.location.assign(s.href);
        });
        return li;
      }),
    );
    list.hidden = found.length === 0;
    input.setAttribute('aria-expanded', String(found.length > 0));
    active = -1;
    status.textContent = found.length === 0 ? 'No suggestions' : `${found.length} suggestion${found.length === 1 ? '' : 's'}; use up and down to choose`;
  };
  const ask = async () => {
    const q = input.value.trim();
    if (q.length < 2) return close();
    const mine = ++asked;
    try {
      const res = await fetch(`${url}${url.includes('?') ? '&' : '?'}q=${encodeURIComponent(q)}`, { headers: { accept: 'application/json' } });
      if (!res.ok || mine !== asked) return;
      const body = (await res.json()) as { suggestions: Suggestion[] };
      if (mine !== asked) return;
      show(body.suggestions);
      list.dataset.for = q; // which text the list answers (tests wait on it)
    } catch {
      close(); // the plain search form still works
    }
  };
  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void ask(), DEBOUNCE_MS);
  });
  input.addEventListener('keydown', (e) => {
    if (list.hidden) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      highlight(Math.min(items.length - 1, active + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      highlight(Math.max(-1, active - 1));
    } else if (e.key === 'Enter' && active >= 0) {
      e.preventDefault();
      window.location.assign(items[active].href);
    } else if (e.key === 'Escape') {
      e.preventDefault(); // close the list only; a second Escape clears the search as usual
      close();
    }
  });
  input.addEventListener('blur', () => window.setTimeout(close, 100));
}

function setupCopy(button: HTMLButtonElement): void {
  const target = document.getElementById(button.dataset.copy!) as HTMLInputElement | null;
  const status = document.getElementById(`${button.dataset.copy!}-status`);
  if (!target) return;
  button.hidden = false;
  button.addEventListener('click', () => {
    target.select();
    const done = () => {
      if (status) status.textContent = 'Copied';
    };
    if (navigator.clipboard) navigator.clipboard.writeText(target.value).then(done, () => document.execCommand('copy') && done());
    else if (document.execCommand('copy')) done();
  });
}

document.body.classList.add('js-enabled', 'govuk-frontend-supported');
initAll();
document.querySelectorAll<HTMLInputElement>('input[data-suggest]').forEach(setupSuggest);
document.querySelectorAll<HTMLButtonElement>('button[data-copy]').forEach(setupCopy);
