// What both pages share: the language switch and the API-key dialog in the top bar.
import { getApiKey, setApiKey } from './api.js';
import { lang, setLang, t } from './i18n.js';

export function initShell() {
  const switcher = document.querySelector('.lang-switch');
  const sync = () => {
    for (const b of switcher?.querySelectorAll('button[data-lang]') ?? []) {
      b.setAttribute('aria-pressed', String(b.dataset.lang === lang()));
    }
  };
  switcher?.addEventListener('click', (ev) => {
    const button = ev.target.closest('button[data-lang]');
    if (button) setLang(button.dataset.lang);
  });
  document.addEventListener('langchange', sync);
  setLang(lang(), { persist: false });
  sync();

  document.getElementById('key-button')?.addEventListener('click', () => void askForKey());
  document.getElementById('key-clear')?.addEventListener('click', () => {
    setApiKey('');
    const input = document.getElementById('api-key');
    if (input) input.value = '';
    updateKeyButton();
  });
  updateKeyButton();
}

function updateKeyButton() {
  document.getElementById('key-button')?.classList.toggle('has-key', Boolean(getApiKey()));
}

/**
 * Opens the key dialog; resolves true when a key was saved. `reason` (e.g. the server's 401 detail)
 * replaces the generic help text.
 */
export function askForKey(reason) {
  const dialog = document.getElementById('key-dialog');
  const input = document.getElementById('api-key');
  const text = document.getElementById('key-reason');
  if (!dialog || !input) return Promise.resolve(false);
  text.textContent = reason ? t('apiKeyNeeded', { detail: reason }) : t('apiKeyHelp');
  input.value = getApiKey();
  return new Promise((resolve) => {
    dialog.addEventListener(
      'close',
      () => {
        const saved = dialog.returnValue === 'save';
        if (saved) setApiKey(input.value.trim());
        updateKeyButton();
        resolve(saved && Boolean(input.value.trim()));
      },
      { once: true },
    );
    dialog.returnValue = '';
    dialog.showModal();
    input.focus();
  });
}

/** A tiny element builder: el('p', { class: 'x', text: 'hi' }, child, …). */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== undefined && c !== null && c !== false) node.append(c);
  return node;
}
