// The graph explorer: search an entity, draw its neighbourhood with graphology + sigma (WebGL), click a
// node for its attributes and sources. A "Why this answer?" link from the chat arrives as
//   ?focus=<id>&highlight=<id>,…&rels=<from>|<type>|<to>,…
// and those nodes, relationships and attribute rows are highlighted.
import { ApiError, api, withQuery } from './api.js';
import { t, tn } from './i18n.js';
import { askForKey, el, initShell } from './shell.js';
import { parseExplorerQuery } from './why-link.js';

const NODE_LIMIT = 80;
const HIGHLIGHT = '#f59e0b';
const HIGHLIGHT_EDGE = '#ea8a00';
const EDGE = '#b9c1d3';
const EDGE_DIM = '#dde1ea';
const LABEL_FONT =
  'system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Helvetica Neue", Arial, sans-serif';
/** Colours by entity type (or node kind when the type says nothing more). */
const TYPE_COLORS = {
  product: '#4f46e5',
  category: '#0891b2',
  brand: '#db2777',
  store: '#16a34a',
  document: '#475569',
  policy: '#475569',
  guide: '#7c3aed',
  section: '#94a3b8',
  faq: '#0d9488',
  schema: '#a1a1aa',
};
const PALETTE = ['#2563eb', '#9333ea', '#c026d3', '#e11d48', '#0284c7', '#65a30d', '#a16207', '#0f766e'];
const BASE_SIZE = { entity: 10, document: 8, section: 6, faq: 7, schema: 5 };

const $ = (id) => document.getElementById(id);
const container = $('graph');
const searchForm = $('search-form');
const searchInput = $('search-input');
const depthSelect = $('depth');

const view = {
  focus: undefined,
  selected: undefined,
  depth: 1,
  /** Node ids named by the answer, plus the ends of its matched relationships. */
  highlight: new Set(),
  /** Facts from the answer: { from, type, to }. */
  rels: [],
  /** Facts that matched no relationship: attribute rows to highlight, by node id. */
  attrHighlights: new Map(),
  matchedRels: 0,
  why: false,
  results: [],
};

const graph = window.graphology ? new window.graphology.MultiDirectedGraph() : undefined;
let renderer;
let selectToken = 0;
let loadToken = 0;

initShell();
document.addEventListener('langchange', () => {
  updateStatus();
  renderLegend();
  renderResults();
  if (view.selected && lastDetails) renderDetails(lastDetails);
  if (view.focus) container.setAttribute('aria-label', t('graphLabel', { name: nameOf(view.focus) }));
});

// ---------- the renderer ----------

function ensureRenderer() {
  if (renderer) return renderer;
  if (!graph || !window.Sigma) {
    showMessage(t('noWebgl'), true);
    return undefined;
  }
  const R = window.Sigma.rendering;
  try {
    renderer = new window.Sigma(graph, container, {
      primitives: {
        nodes: {
          shapes: [R.sdfCircle()],
          layers: [R.layerFill()],
          label: { font: { family: LABEL_FONT, size: 13, weight: '500' }, color: '#1b1f2a', margin: 5 },
        },
        edges: {
          paths: [R.pathLine(), R.pathCurved(), R.pathLoop()],
          extremities: [R.extremityArrow({ lengthRatio: 3.5, widthRatio: 2.6 })],
          layers: [R.layerPlain()],
          defaultHead: 'arrow',
          label: { color: { attribute: 'labelColor', color: '#6b7287' }, textBorder: { width: 3, color: '#ffffff' } },
        },
      },
      styles: {
        nodes: {
          x: { attribute: 'x' },
          y: { attribute: 'y' },
          size: (a, s) => (s.isHovered ? a.size * 1.15 : a.size),
          color: { attribute: 'color', defaultValue: '#94a3b8' },
          label: { attribute: 'label' },
          labelColor: { attribute: 'labelColor', defaultValue: '#1b1f2a' },
          labelFont: LABEL_FONT,
          visibility: (_a, s) => (s.isHidden ? 'hidden' : 'visible'),
          depth: (a, s) => (s.isHovered || a.highlighted || a.selected ? 'topNodes' : 'nodes'),
          labelVisibility: (a, s) => (s.isHovered || a.forceLabel ? 'visible' : 'auto'),
          backdropVisibility: (a, s) => (s.isHovered || a.selected ? 'visible' : 'hidden'),
          backdropColor: '#ffffff',
          backdropShadowColor: (a) => (a.highlighted ? 'rgba(245, 158, 11, 0.75)' : 'rgba(79, 70, 229, 0.55)'),
          backdropShadowBlur: 14,
          backdropPadding: 5,
          cursor: 'pointer',
        },
        edges: {
          size: { attribute: 'size', defaultValue: 1 },
          color: { attribute: 'color', defaultValue: EDGE },
          label: { attribute: 'label' },
          path: { attribute: 'path', defaultValue: 'line' },
          visibility: (_a, s) => (s.isHidden ? 'hidden' : 'visible'),
          depth: (a, s) => (a.highlighted || s.isHovered ? 'topEdges' : 'edges'),
          // Relationship types are drawn for the answer's edges, the edges of the hovered or selected node,
          // and for every edge while the graph is small enough for them not to pile up.
          labelVisibility: (a, s, _gs, g) =>
            a.highlighted || a.active || s.isHovered ? 'visible' : g.size <= 20 ? 'auto' : 'hidden',
          labelFont: LABEL_FONT,
          labelSize: 11,
        },
      },
      settings: {
        renderEdgeLabels: true,
        enableEdgeEvents: true,
        labelDensity: 0.6,
        labelGridCellSize: 90,
        labelRenderedSizeThreshold: 0,
        stagePadding: 56,
        // Fit labels inside the stage too, except on phones, where that leaves the nodes too small.
        autoRescaleContent: container.clientWidth >= 600 ? 'labels' : 'nodes',
        minCameraRatio: 0.08,
        maxCameraRatio: 4,
        zoomToSizeRatioFunction: (ratio) => Math.max(0.6, Math.sqrt(ratio)),
      },
    });
  } catch (err) {
    renderer = undefined;
    showMessage(`${t('noWebgl')} (${err?.message ?? err})`, true);
    return undefined;
  }
  renderer.on('clickNode', ({ node }) => void select(node));
  renderer.on('enterNode', ({ node }) => markActiveEdges(node));
  renderer.on('leaveNode', () => markActiveEdges(view.selected));
  renderer.on('doubleClickNode', (payload) => {
    payload.preventSigmaDefault();
    void expand(payload.node);
  });
  renderer.on('afterRender', () => {
    container.dataset.rendered = String(graph.order > 0);
  });
  return renderer;
}

/** Marks the edges of `node` (hovered, else selected) so their relationship types are labelled. */
function markActiveEdges(node) {
  const own = new Set(node && graph.hasNode(node) && graph.degree(node) <= 16 ? graph.edges(node) : []);
  graph.forEachEdge((edge, a) => {
    if (Boolean(a.active) !== own.has(edge)) graph.setEdgeAttribute(edge, 'active', own.has(edge));
  });
}

/** The node's position in CSS pixels relative to the graph container (for tests and tools). */
function viewportPosition(id) {
  if (!renderer || !graph.hasNode(id)) return undefined;
  const { x, y } = graph.getNodeAttributes(id);
  return renderer.graphToViewport({ x, y });
}

window.kgExplorer = {
  graph,
  get renderer() {
    return renderer;
  },
  nodeCount: () => graph?.order ?? 0,
  edgeCount: () => graph?.size ?? 0,
  highlightedNodes: () => graph?.filterNodes((_, a) => a.highlighted) ?? [],
  highlightedEdges: () => graph?.filterEdges((_, a) => a.highlighted) ?? [],
  viewportPosition,
};

// ---------- data → graph ----------

function colourOf(node) {
  const key = TYPE_COLORS[node.type] ? node.type : TYPE_COLORS[node.kind] ? node.kind : node.type || node.kind;
  if (TYPE_COLORS[key]) return TYPE_COLORS[key];
  let h = 0;
  for (const ch of String(key)) h = (h * 31 + ch.codePointAt(0)) >>> 0;
  return PALETTE[h % PALETTE.length];
}

function legendKey(node) {
  return TYPE_COLORS[node.type] ? node.type : TYPE_COLORS[node.kind] ? node.kind : node.type || node.kind;
}

/** Canvas label: a section's own heading (not its document path), at most 18 characters. */
function shortLabel(name, kind) {
  let s = String(name ?? '');
  if (kind === 'section' && s.includes(' > ')) s = s.slice(s.lastIndexOf(' > ') + 3);
  return s.length > 18 ? `${s.slice(0, 17)}…` : s;
}

function addNeighbourhood(hood) {
  for (const n of hood.nodes ?? []) {
    if (graph.hasNode(n.id)) continue;
    graph.addNode(n.id, {
      name: n.name || n.id,
      type: n.type ?? '',
      kind: n.kind ?? '',
      label: shortLabel(n.name || n.id, n.kind),
      color: colourOf(n),
      size: BASE_SIZE[n.kind] ?? 8,
    });
  }
  for (const r of hood.relationships ?? []) {
    if (!graph.hasNode(r.from) || !graph.hasNode(r.to)) continue;
    const key = `${r.from}\u0000${r.type}\u0000${r.to}`;
    if (graph.hasEdge(key)) continue;
    graph.addDirectedEdgeWithKey(key, r.from, r.to, {
      type: r.type,
      label: r.type,
      source: r.source,
      location: r.location,
    });
  }
  // Several relationships between the same two nodes: curve all but one so their labels stay apart.
  graph.forEachEdge((edge, _a, source, target) => {
    const parallel = graph.edges(source, target).length + graph.edges(target, source).length;
    graph.setEdgeAttribute(edge, 'path', parallel > 1 && graph.edges(source, target)[0] !== edge ? 'curved' : 'line');
  });
}

/** Matches the answer's facts against the drawn relationships; the rest become attribute highlights. */
function matchRels() {
  view.attrHighlights = new Map();
  view.matchedRels = 0;
  graph.forEachEdge((edge) => graph.setEdgeAttribute(edge, 'highlighted', false));
  const sameNode = (id, ref) => id === ref || graph.getNodeAttribute(id, 'name') === ref;
  for (const rel of view.rels) {
    let matched = false;
    graph.forEachEdge((edge, a, source, target) => {
      if (a.type !== rel.type) return;
      const forward = sameNode(source, rel.from) && sameNode(target, rel.to);
      const backward = sameNode(target, rel.from) && sameNode(source, rel.to);
      if (!forward && !backward) return;
      if (!a.highlighted) view.matchedRels++;
      graph.setEdgeAttribute(edge, 'highlighted', true);
      view.highlight.add(source);
      view.highlight.add(target);
      matched = true;
    });
    if (!matched) {
      const keys = view.attrHighlights.get(rel.from) ?? new Set();
      keys.add(rel.type);
      view.attrHighlights.set(rel.from, keys);
    }
  }
}

function mix(hex, amount) {
  // Blend a #rrggbb colour with the page background (amount 0..1 of background).
  const n = Number.parseInt(hex.slice(1), 16);
  const bg = [246, 247, 251];
  const c = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v, i) => Math.round(v + (bg[i] - v) * amount));
  return `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/** Colours, sizes and label priority from the current focus / selection / highlight. */
function paint() {
  const dim = view.highlight.size > 0;
  graph.forEachNode((id, a) => {
    const highlighted = view.highlight.has(id);
    const base = BASE_SIZE[a.kind] ?? 8;
    const colour = colourOf(a);
    graph.mergeNodeAttributes(id, {
      highlighted,
      selected: id === view.selected,
      forceLabel: highlighted || id === view.focus || id === view.selected,
      color: highlighted ? HIGHLIGHT : dim ? mix(colour, 0.45) : colour,
      labelColor: dim && !highlighted ? '#8a90a3' : '#1b1f2a',
      size: base * (id === view.focus ? 1.45 : 1) * (highlighted ? 1.4 : 1),
    });
  });
  graph.forEachEdge((edge, a) => {
    graph.mergeEdgeAttributes(edge, {
      color: a.highlighted ? HIGHLIGHT_EDGE : dim ? EDGE_DIM : EDGE,
      labelColor: a.highlighted ? '#9a5b00' : '#6b7287',
      size: a.highlighted ? 3 : 1.2,
    });
  });
}

/**
 * Deterministic force-directed layout (Fruchterman–Reingold), seeded with rings by hop distance from
 * `center`; nodes that already have a position keep it as their start.
 */
function layout(center, iterations = 320) {
  const ids = graph.nodes();
  if (ids.length === 0) return;
  const dist = new Map([[center, 0]]);
  const queue = [center];
  while (queue.length) {
    const id = queue.shift();
    if (!graph.hasNode(id)) continue;
    for (const nb of graph.neighbors(id)) {
      if (!dist.has(nb)) {
        dist.set(nb, dist.get(id) + 1);
        queue.push(nb);
      }
    }
  }
  const maxRing = Math.max(0, ...dist.values()) + 1;
  const rings = new Map();
  for (const id of ids) {
    const r = dist.get(id) ?? maxRing;
    if (!rings.has(r)) rings.set(r, []);
    rings.get(r).push(id);
  }
  const k = 120;
  const pos = new Map();
  for (const [r, members] of rings) {
    members.sort();
    members.forEach((id, i) => {
      const a = graph.getNodeAttributes(id);
      if (typeof a.x === 'number' && typeof a.y === 'number') {
        pos.set(id, { x: a.x, y: a.y });
        return;
      }
      const angle = (2 * Math.PI * i) / members.length + r * 0.7;
      pos.set(id, { x: Math.cos(angle) * k * r * 1.3, y: Math.sin(angle) * k * r * 1.3 });
    });
  }
  const nodes = ids.map((id) => ({ id, p: pos.get(id), dx: 0, dy: 0 }));
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const edges = graph.mapEdges((_e, _a, s, tgt) => [index.get(s), index.get(tgt)]);
  let temperature = k * 1.5;
  for (let it = 0; it < iterations; it++) {
    for (const n of nodes) {
      n.dx = 0;
      n.dy = 0;
    }
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const a = nodes[i];
        const b = nodes[j];
        let dx = a.p.x - b.p.x;
        let dy = a.p.y - b.p.y;
        let d = Math.hypot(dx, dy);
        if (d < 0.01) {
          dx = ((i * 7919 + j) % 13) - 6 || 1;
          dy = ((j * 104729 + i) % 11) - 5 || 1;
          d = Math.hypot(dx, dy);
        }
        const f = (k * k) / d;
        a.dx += (dx / d) * f;
        a.dy += (dy / d) * f;
        b.dx -= (dx / d) * f;
        b.dy -= (dy / d) * f;
      }
    }
    for (const [s, tgt] of edges) {
      const a = nodes[s];
      const b = nodes[tgt];
      const dx = a.p.x - b.p.x;
      const dy = a.p.y - b.p.y;
      const d = Math.max(Math.hypot(dx, dy), 0.01);
      const f = (d * d) / k;
      a.dx -= (dx / d) * f;
      a.dy -= (dy / d) * f;
      b.dx += (dx / d) * f;
      b.dy += (dy / d) * f;
    }
    for (const n of nodes) {
      // gentle gravity keeps disconnected parts on screen
      n.dx -= n.p.x * 0.04;
      n.dy -= n.p.y * 0.04;
      if (n.id === center) continue;
      const d = Math.max(Math.hypot(n.dx, n.dy), 0.01);
      const step = Math.min(d, temperature);
      n.p.x += (n.dx / d) * step;
      n.p.y += (n.dy / d) * step;
    }
    temperature = Math.max(1, temperature * 0.985);
  }
  const c = pos.get(center) ?? { x: 0, y: 0 };
  for (const n of nodes) graph.mergeNodeAttributes(n.id, { x: n.p.x - c.x, y: n.p.y - c.y });
}

// ---------- loading ----------

async function loadFocus(id, { keepWhy = false } = {}) {
  const token = ++loadToken;
  if (!keepWhy) clearWhy({ repaint: false });
  view.focus = id;
  setBusy(true);
  try {
    const hood = await call(withQuery('/v1/graph/neighbourhood', { id, depth: view.depth, limit: NODE_LIMIT }));
    if (token !== loadToken) return;
    graph?.clear();
    if (!graph) return renderFallbackList(hood);
    addNeighbourhood(hood);
    // Highlighted nodes outside the focus's neighbourhood: bring each in with its own first ring.
    const missing = [...view.highlight].filter((h) => !graph.hasNode(h)).slice(0, 6);
    for (const h of missing) {
      try {
        addNeighbourhood(await call(withQuery('/v1/graph/neighbourhood', { id: h, depth: 1, limit: 24 })));
      } catch {
        // a node the answer named but the graph no longer has: nothing to draw
      }
    }
    if (token !== loadToken) return;
    matchRels();
    layout(id);
    paint();
    const r = ensureRenderer();
    $('empty-state').hidden = true;
    hideMessage();
    if (r) {
      r.refresh();
      r.getCamera().setState({ ...window.Sigma.DEFAULT_CAMERA_STATE });
    }
    container.setAttribute('aria-label', t('graphLabel', { name: nameOf(id) }));
    updateStatus();
    renderLegend();
    renderNodeList();
    renderResults();
    syncUrl();
    await select(graph.hasNode(id) ? id : undefined);
  } catch (err) {
    if (token !== loadToken) return;
    await handleError(err, () => loadFocus(id, { keepWhy }), { id });
  } finally {
    if (token === loadToken) setBusy(false);
  }
}

async function expand(id) {
  try {
    const hood = await call(withQuery('/v1/graph/neighbourhood', { id, depth: 1, limit: NODE_LIMIT }));
    const before = graph.order;
    // New nodes start next to the one being expanded.
    const origin = graph.getNodeAttributes(id);
    addNeighbourhood(hood);
    let i = 0;
    graph.forEachNode((nid, a) => {
      if (typeof a.x === 'number') return;
      const angle = i++ * 2.4; // golden-angle spiral, so the start is deterministic
      graph.mergeNodeAttributes(nid, { x: origin.x + Math.cos(angle) * 30, y: origin.y + Math.sin(angle) * 30 });
    });
    if (graph.order !== before) layout(view.focus ?? id, 160);
    matchRels();
    paint();
    renderer?.refresh();
    updateStatus();
    renderLegend();
    renderNodeList();
  } catch (err) {
    await handleError(err, () => expand(id), { id });
  }
}

async function search(q) {
  const status = $('results-status');
  $('results-section').hidden = false;
  status.textContent = t('searching');
  view.results = [];
  renderResults();
  try {
    const res = await call(withQuery('/v1/entities', { q, limit: 20 }));
    view.results = res.items ?? [];
    status.textContent = view.results.length ? '' : t('noResults', { q });
    renderResults();
    if (view.results.length) await loadFocus(view.results[0].id);
  } catch (err) {
    status.textContent = '';
    await handleError(err, () => search(q), { path: '/v1/entities' });
  }
}

/** API call that asks for a key (and retries once) when the server says one is needed. */
async function call(path) {
  try {
    return await api(path);
  } catch (err) {
    if (err instanceof ApiError && err.needsKey && (await askForKey(err.detail))) return api(path);
    throw err;
  }
}

async function handleError(err, _retry, ctx = {}) {
  if (!(err instanceof ApiError)) {
    showMessage(t('errorGeneric', { detail: err?.message ?? String(err) }), true);
    return;
  }
  if (err.status === 0) showMessage(t('errorNetwork'), true);
  else if (err.status === 503) showMessage(t('errorNotReady'), true);
  else if (err.status === 404) {
    // The server's catch-all 404 says "<METHOD> <url> does not exist": the route itself is missing.
    const routeMissing = err.code === 'not_found' && /does not exist/.test(err.detail);
    if (routeMissing || !ctx.id) showMessage(t('notAvailable', { path: err.path?.split('?')[0] }), true);
    else showMessage(t('notFound', { id: ctx.id }), true);
  } else showMessage(t('errorGeneric', { detail: err.detail || err.message }), true);
}

// ---------- selection and details ----------

let lastDetails;

async function select(id) {
  const token = ++selectToken;
  view.selected = id;
  if (graph) {
    paint();
    markActiveEdges(id);
  }
  renderNodeList();
  const body = $('details-body');
  if (!id) {
    lastDetails = undefined;
    for (const extra of $('details').querySelectorAll('.panel-section.extra')) extra.remove();
    body.replaceChildren(el('p', { class: 'muted', text: t('detailsEmpty') }));
    return;
  }
  body.setAttribute('aria-busy', 'true');
  try {
    const details = await call(`/v1/entities/${encodeURIComponent(id)}`);
    if (token !== selectToken) return;
    lastDetails = details;
    renderDetails(details);
  } catch (err) {
    if (token !== selectToken) return;
    body.replaceChildren(
      el('p', {
        class: 'muted',
        text: err instanceof ApiError && err.status === 404 ? t('notFound', { id }) : String(err?.message ?? err),
      }),
    );
  } finally {
    if (token === selectToken) body.removeAttribute('aria-busy');
  }
}

function nameOf(id) {
  if (graph?.hasNode(id)) return graph.getNodeAttribute(id, 'name');
  const n = lastDetails?.neighbours?.find((x) => x.id === id) ?? view.results.find((x) => x.id === id);
  return n?.name || id;
}

function nodeButton(id) {
  return el('button', {
    type: 'button',
    class: 'node-link',
    text: nameOf(id),
    title: id,
    onclick: () => (graph?.hasNode(id) ? select(id) : loadFocus(id)),
  });
}

function sourceText(p) {
  return [p.source, p.location].filter(Boolean).join(' · ');
}

function renderDetails(d) {
  const n = d.node;
  const highlighted = view.highlight.has(n.id);
  const section = (title, ...children) =>
    el('section', { class: 'panel-section', 'aria-label': title }, el('h2', { text: title }), ...children);

  const head = el(
    'div',
    { class: 'node-head' },
    el('h3', { text: n.name || n.id }),
    el(
      'div',
      { class: 'badges' },
      n.kind && el('span', { class: 'badge', text: `${t('kind')}: ${n.kind}` }),
      n.type && el('span', { class: 'badge', text: `${t('type')}: ${n.type}` }),
      highlighted && el('span', { class: 'badge badge-highlight', text: t('highlighted') }),
    ),
    el('code', { class: 'node-id', text: n.id }),
    el(
      'div',
      { class: 'node-actions' },
      n.id !== view.focus &&
        el('button', {
          type: 'button',
          class: 'button-secondary',
          text: t('focusHere'),
          onclick: () => loadFocus(n.id, { keepWhy: view.why }),
        }),
      graph?.hasNode(n.id) &&
        el('button', { type: 'button', class: 'button-secondary', text: t('expand'), onclick: () => expand(n.id) }),
    ),
  );

  const parts = [head];
  if (n.aliases?.length) parts.push(el('p', { class: 'muted' }, `${t('aliases')}: `, n.aliases.join(' · ')));
  if (n.text) parts.push(el('p', { class: 'node-text', text: n.text }));

  const attrKeys = Object.keys(n.attributes ?? {});
  const hot = view.attrHighlights.get(n.id) ?? new Set();
  const attrTable =
    attrKeys.length > 0 &&
    section(
      t('attributes'),
      el(
        'table',
        { class: 'kv' },
        el(
          'tbody',
          {},
          attrKeys.map((k) => {
            const v = n.attributes[k];
            return el(
              'tr',
              { class: hot.has(k) ? 'is-highlighted' : undefined, dataset: { key: k } },
              el('th', { scope: 'row', text: k }),
              el(
                'td',
                {},
                el('span', { class: 'value', text: String(v?.value ?? v) }),
                v?.source && el('span', { class: 'src', text: sourceText(v) }),
              ),
            );
          }),
        ),
      ),
    );

  const rels = d.relationships ?? [];
  const relSection =
    rels.length > 0 &&
    section(
      `${t('relationships')} (${rels.length})`,
      el(
        'ul',
        { class: 'rel-list' },
        rels.slice(0, 60).map((r) => {
          const key = `${r.from}\u0000${r.type}\u0000${r.to}`;
          const hotRel = graph?.hasEdge(key) && graph.getEdgeAttribute(key, 'highlighted');
          return el(
            'li',
            { class: hotRel ? 'is-highlighted' : undefined },
            el(
              'div',
              { class: 'rel-line' },
              r.from === n.id ? el('strong', { text: n.name }) : nodeButton(r.from),
              el('span', { 'aria-hidden': 'true', text: '→' }),
              el('span', { class: 'rel-type', text: r.type }),
              el('span', { 'aria-hidden': 'true', text: '→' }),
              r.to === n.id ? el('strong', { text: n.name }) : nodeButton(r.to),
            ),
            (r.source || r.location) && el('span', { class: 'rel-src', text: sourceText(r) }),
          );
        }),
      ),
    );

  const prov = n.provenance ?? [];
  const provSection =
    prov.length > 0 &&
    section(
      t('provenance'),
      el(
        'ul',
        { class: 'prov-list' },
        prov.map((p) => el('li', { text: sourceText(p) })),
      ),
    );

  $('details-body').replaceChildren(...parts);
  // The head sits in the first panel section; attributes, relationships and provenance follow as their own.
  const panel = $('details');
  for (const extra of panel.querySelectorAll('.panel-section.extra')) extra.remove();
  for (const s of [attrTable, relSection, provSection]) {
    if (!s) continue;
    s.classList.add('extra');
    panel.append(s);
  }
}

// ---------- side lists, legend, status ----------

function renderResults() {
  const list = $('results');
  list.replaceChildren(
    ...view.results.map((item) =>
      el(
        'li',
        {},
        el(
          'button',
          {
            type: 'button',
            class: 'list-item',
            'aria-current': item.id === view.focus ? 'true' : undefined,
            onclick: () => loadFocus(item.id),
          },
          el('span', { class: 'swatch', dataset: { colour: colourOf(item) } }),
          el('span', { class: 'name', text: item.name || item.id, title: item.id }),
          el('span', { class: 'badge', text: item.type || item.kind }),
        ),
      ),
    ),
  );
  paintSwatches(list);
}

function renderNodeList() {
  const section = $('inview-section');
  if (!graph || graph.order === 0) {
    section.hidden = true;
    return;
  }
  section.hidden = false;
  $('inview-count').textContent = `(${graph.order})`;
  const rank = (id) => (id === view.focus ? 0 : view.highlight.has(id) ? 1 : 2);
  const ids = graph.nodes().sort((a, b) => rank(a) - rank(b) || nameOf(a).localeCompare(nameOf(b)));
  $('node-list').replaceChildren(
    ...ids.map((id) => {
      const a = graph.getNodeAttributes(id);
      return el(
        'li',
        {},
        el(
          'button',
          {
            type: 'button',
            class: `list-item${view.highlight.has(id) ? ' is-highlighted' : ''}`,
            'aria-current': id === view.selected ? 'true' : undefined,
            dataset: { node: id },
            onclick: () => select(id),
          },
          el('span', { class: 'swatch', dataset: { colour: view.highlight.has(id) ? HIGHLIGHT : colourOf(a) } }),
          el('span', { class: 'name', text: a.name, title: id }),
          el('span', { class: 'badge', text: a.type || a.kind }),
        ),
      );
    }),
  );
  paintSwatches($('node-list'));
  $('node-list').querySelector('[aria-current="true"]')?.scrollIntoView({ block: 'nearest' });
}

/** Swatch colours set through CSSOM (the page's CSP allows no inline style attributes). */
function paintSwatches(root) {
  for (const s of root.querySelectorAll('.swatch[data-colour]')) s.style.background = s.dataset.colour;
}

function renderLegend() {
  const legend = $('legend');
  if (!graph || graph.order === 0) {
    legend.hidden = true;
    return;
  }
  const seen = new Map();
  graph.forEachNode((_, a) => {
    const key = legendKey(a);
    if (!seen.has(key)) seen.set(key, colourOf(a));
  });
  const items = [...seen].map(([key, colour]) =>
    el('li', {}, el('span', { class: 'swatch', dataset: { colour } }), el('span', { text: key })),
  );
  if (view.highlight.size) {
    items.unshift(
      el(
        'li',
        {},
        el('span', { class: 'swatch', dataset: { colour: HIGHLIGHT } }),
        el('span', { text: t('highlighted') }),
      ),
    );
  }
  legend.replaceChildren(...items);
  legend.hidden = false;
  paintSwatches(legend);
}

function updateStatus() {
  const status = $('graph-status');
  const nodes = graph?.order ?? 0;
  const rels = graph?.size ?? 0;
  container.dataset.nodeCount = String(nodes);
  container.dataset.edgeCount = String(rels);
  container.dataset.highlightCount = String(view.highlight.size);
  container.dataset.focus = view.focus ?? '';
  status.hidden = nodes === 0;
  status.textContent = t('graphCount', { nodes, rels });
  const banner = $('why-banner');
  banner.hidden = !view.why;
  if (view.why) {
    const shown = [...view.highlight].filter((h) => graph?.hasNode(h)).length;
    let attrs = 0;
    for (const keys of view.attrHighlights.values()) attrs += keys.size;
    const parts = [tn('whyNodes', shown)];
    if (view.matchedRels) parts.push(tn('whyRels', view.matchedRels));
    if (attrs) parts.push(tn('whyAttrs', attrs));
    $('why-text').textContent = t('whyBanner', { parts: parts.join(t('listSep')) });
  }
}

function setBusy(on) {
  container.setAttribute('aria-busy', String(on));
  if (on && (graph?.order ?? 0) === 0) showMessage(t('loading'));
}

function showMessage(text, isError = false) {
  const m = $('stage-message');
  m.textContent = text;
  m.classList.toggle('is-error', isError);
  m.hidden = false;
  if (isError) $('empty-state').hidden = true;
}

function hideMessage() {
  $('stage-message').hidden = true;
}

/** Without WebGL 2 the neighbourhood is still listed, as text. */
function renderFallbackList(hood) {
  showMessage(t('noWebgl'), true);
  $('inview-section').hidden = false;
  $('inview-count').textContent = `(${hood.nodes?.length ?? 0})`;
  $('node-list').replaceChildren(
    ...(hood.nodes ?? []).map((n) =>
      el('li', {}, el('span', { class: 'list-item' }, el('span', { class: 'name', text: n.name || n.id }))),
    ),
  );
}

function clearWhy({ repaint = true } = {}) {
  view.why = false;
  view.highlight = new Set();
  view.rels = [];
  view.attrHighlights = new Map();
  view.matchedRels = 0;
  if (graph) graph.forEachEdge((edge) => graph.setEdgeAttribute(edge, 'highlighted', false));
  if (repaint && graph) {
    paint();
    updateStatus();
    renderLegend();
    renderNodeList();
    syncUrl();
    if (lastDetails) renderDetails(lastDetails);
  }
}

function syncUrl() {
  if (view.why || !view.focus) return; // keep the answer's link as it came
  const url = `/explorer?focus=${encodeURIComponent(view.focus)}${view.depth !== 1 ? `&depth=${view.depth}` : ''}`;
  history.replaceState(null, '', url);
}

// ---------- controls ----------

searchForm.addEventListener('submit', (ev) => {
  ev.preventDefault();
  const q = searchInput.value.trim();
  if (q) void search(q);
});

depthSelect.addEventListener('change', () => {
  view.depth = Number(depthSelect.value) || 1;
  if (view.focus) void loadFocus(view.focus, { keepWhy: view.why });
});

$('why-clear').addEventListener('click', () => clearWhy());
$('zoom-in').addEventListener('click', () => void renderer?.getCamera().zoomIn({ duration: 200 }));
$('zoom-out').addEventListener('click', () => void renderer?.getCamera().zoomOut({ duration: 200 }));
$('zoom-fit').addEventListener('click', () => void renderer?.getCamera().reset({ duration: 200 }));
// The stage changes size with the window and with the details panel below it on narrow screens.
new ResizeObserver(() => {
  if (!renderer) return;
  renderer.resize();
  renderer.refresh();
}).observe(container);

// ---------- start ----------

const params = parseExplorerQuery(location.search);
if (params.depth) {
  view.depth = params.depth;
  depthSelect.value = String(params.depth);
}
if (params.focus) {
  view.why = params.highlight.length > 0 || params.rels.length > 0;
  view.highlight = new Set(params.highlight);
  view.rels = params.rels;
  void loadFocus(params.focus, { keepWhy: true });
} else if (params.q) {
  searchInput.value = params.q;
  void search(params.q);
}
