// The customer chat page: questions go to POST /v1/ask with one sessionId per page load, answers are shown
// with their citations, clarification choices as buttons, and a link to the graph behind each answer.
import { ApiError, api } from './api.js';
import { lang, t } from './i18n.js';
import { askForKey, el, initShell } from './shell.js';
import { whyLink } from './why-link.js';

const conversation = document.getElementById('conversation');
const welcome = document.getElementById('welcome');
const form = document.getElementById('composer');
const input = document.getElementById('question');
const sendButton = document.getElementById('send');
const humanButton = document.getElementById('human');

/** Random id without crypto.randomUUID, which plain-http pages (not localhost) do not have. */
function newSessionId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

let sessionId = newSessionId();
let pending = false;
/** Answer elements and the response each shows, so a language switch can redraw their labels. */
const rendered = new Map();

initShell();
renderExamples();
document.addEventListener('langchange', () => {
  renderExamples();
  // A snapshot: redraw() re-keys the map, and a live Map iterator would visit the new entries forever.
  for (const [node, data] of [...rendered]) node.replaceWith(redraw(node, data));
});

form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  const question = input.value.trim();
  if (!question || pending) return;
  input.value = '';
  autosize();
  void ask(question);
});

input.addEventListener('keydown', (ev) => {
  // Enter sends, Shift+Enter breaks the line; never while an IME (pinyin) is composing.
  if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing && ev.keyCode !== 229) {
    ev.preventDefault();
    form.requestSubmit();
  }
});
input.addEventListener('input', autosize);

humanButton.addEventListener('click', () => {
  if (pending) return;
  append(el('div', { class: 'notice notice-handover', role: 'status', text: t('humanNotice') }));
  // Escalation is the QA service's job: the request is the customer asking for a person, in the same session.
  void ask(t('humanQuestion'), { handover: true });
});

document.getElementById('new-chat').addEventListener('click', () => {
  sessionId = newSessionId();
  rendered.clear();
  for (const node of [...conversation.children]) if (node !== welcome) node.remove();
  welcome.hidden = false;
  input.focus();
});

function autosize() {
  input.style.height = 'auto';
  input.style.height = `${Math.min(input.scrollHeight, 180)}px`;
}

function renderExamples() {
  const box = welcome.querySelector('.examples');
  box.replaceChildren(
    ...t('examples').map((q) => el('button', { type: 'button', class: 'chip', text: q, onclick: () => void ask(q) })),
  );
}

function append(node) {
  welcome.hidden = true;
  conversation.append(node);
  node.scrollIntoView({ block: 'end', behavior: 'smooth' });
  return node;
}

function setPending(on) {
  pending = on;
  sendButton.disabled = on;
  humanButton.disabled = on;
  conversation.setAttribute('aria-busy', String(on));
  for (const b of conversation.querySelectorAll('.suggestions button, .chip')) b.disabled = on;
}

async function ask(question, opts = {}) {
  if (pending) return;
  append(
    el(
      'article',
      { class: 'msg msg-user', dataset: { role: 'user' } },
      el('div', { class: 'bubble' }, el('p', { class: 'text', text: question })),
    ),
  );
  const thinking = append(
    el(
      'div',
      { class: 'msg msg-bot msg-thinking', role: 'status' },
      el('div', { class: 'avatar', 'aria-hidden': 'true', text: lang() === 'zh' ? '客' : 'CS' }),
      el(
        'div',
        { class: 'bubble' },
        el('span', { class: 'dots', 'aria-hidden': 'true' }, el('i'), el('i'), el('i')),
        el('span', { class: 'sr-only', text: t('thinking') }),
      ),
    ),
  );
  setPending(true);
  try {
    const body = { question, sessionId, channel: 'web' };
    const answer = await api('/v1/ask', { method: 'POST', body });
    const node = renderAnswer(answer, opts);
    rendered.set(node, { answer, opts });
    thinking.replaceWith(node);
    node.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  } catch (err) {
    thinking.remove();
    const retry = () => {
      errorNode.remove();
      void ask(question, opts);
    };
    const errorNode = append(renderError(err, retry));
    if (err instanceof ApiError && err.needsKey) {
      setPending(false);
      if (await askForKey(err.detail)) retry();
      return;
    }
  } finally {
    setPending(false);
  }
  if (!opts.keepFocus) input.focus({ preventScroll: true });
}

function redraw(node, data) {
  const next = renderAnswer(data.answer, data.opts);
  rendered.delete(node);
  rendered.set(next, data);
  return next;
}

function statusLabel(status) {
  return t(`status_${status}`);
}

function renderAnswer(a, opts) {
  const bubble = el('div', { class: 'bubble' }, el('p', { class: 'text answer', text: a.answer }));

  if (a.suggestions?.length) {
    const heading = a.status === 'clarify' ? t('didYouMean') : t('relatedTopics');
    bubble.append(
      el(
        'div',
        { class: 'suggestions', role: 'group', 'aria-label': heading },
        el('span', { class: 'suggestions-label', text: heading }),
        a.suggestions.map((s) =>
          el('button', {
            type: 'button',
            class: 'suggestion',
            text: s.text,
            dataset: { id: s.id, kind: s.kind },
            onclick: () => void ask(s.text),
          }),
        ),
      ),
    );
  }

  if (a.citations?.length) {
    bubble.append(
      el(
        'section',
        { class: 'citations', 'aria-label': t('sources') },
        el('h3', { class: 'citations-title' }, t('sources'), el('span', { class: 'count', text: a.citations.length })),
        el(
          'ol',
          {},
          a.citations.map((c) =>
            el(
              'li',
              { class: 'citation' },
              el(
                'div',
                { class: 'citation-head' },
                el('code', { class: 'citation-source', text: c.sourceId }),
                c.location && el('span', { class: 'citation-location', text: c.location }),
              ),
              c.title &&
                (c.nodeId
                  ? el('a', {
                      class: 'citation-title',
                      href: `/explorer?focus=${encodeURIComponent(c.nodeId)}&highlight=${encodeURIComponent(c.nodeId)}`,
                      target: '_blank',
                      rel: 'noopener',
                      text: c.title,
                    })
                  : el('span', { class: 'citation-title', text: c.title })),
              // An FAQ answer quoted in full is already the answer text: do not print it twice.
              c.excerpt &&
                !sameText(c.excerpt, a.answer) &&
                el('blockquote', { class: 'citation-excerpt', text: c.excerpt }),
            ),
          ),
        ),
      ),
    );
  }

  const why = whyLink(a);
  bubble.append(
    el(
      'footer',
      { class: 'meta' },
      el('span', { class: `status status-${a.status}`, text: statusLabel(a.status) }),
      el('span', {
        class: 'confidence',
        text: t('confidence', { value: `${Math.round(a.confidence * 100)}%` }),
      }),
      // A new tab, so the conversation (and its session) stays open here.
      why &&
        el('a', { class: 'why', href: why, target: '_blank', rel: 'noopener', title: t('whyTitle'), text: t('why') }),
    ),
  );

  return el(
    'article',
    {
      class: `msg msg-bot${opts.handover ? ' msg-handover' : ''}`,
      dataset: { role: 'assistant', status: a.status },
      lang: a.language === 'zh' ? 'zh-CN' : 'en',
    },
    el('div', { class: 'avatar', 'aria-hidden': 'true', text: lang() === 'zh' ? '客' : 'CS' }),
    bubble,
  );
}

function sameText(excerpt, answer) {
  const norm = (s) => s.replace(/…$/, '').replace(/\s+/g, '');
  return norm(answer).includes(norm(excerpt));
}

function renderError(err, retry) {
  let text;
  if (err instanceof ApiError && err.status === 0) text = t('errorNetwork');
  else if (err instanceof ApiError && err.status === 503) text = t('errorNotReady');
  else if (err instanceof ApiError && err.needsKey) text = t('apiKeyNeeded', { detail: err.detail });
  else text = t('errorGeneric', { detail: err?.message ?? String(err) });
  return el(
    'div',
    { class: 'notice notice-error', role: 'alert' },
    el('span', { text }),
    el('button', { type: 'button', class: 'link-button', text: t('retry'), onclick: retry }),
  );
}
