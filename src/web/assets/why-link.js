// The "Why this answer?" link: an explorer URL naming the graph nodes and facts an answer rests on.
//   /explorer?focus=<id>&highlight=<id>,<id>&rels=<from>|<type>|<to>,…
// Each id is percent-encoded on its own, so "," and "|" stay unambiguous separators.

const enc = encodeURIComponent;

/** Explorer URL for an /v1/ask response, or undefined when the answer names no node. */
export function whyLink(answer) {
  const ids = [];
  const add = (id) => {
    if (id && !ids.includes(id)) ids.push(id);
  };
  for (const f of answer.facts ?? []) add(f.subject);
  for (const e of answer.entities ?? []) add(e.id);
  for (const c of answer.citations ?? []) add(c.nodeId);
  if (ids.length === 0) return undefined;
  // A fact is an attribute (object = the value) or a relationship (object = the other node's name or id);
  // the explorer matches it against what it loads either way.
  const rels = (answer.facts ?? []).map((f) => [f.subject, f.predicate, f.object]);
  let url = `/explorer?focus=${enc(ids[0])}&highlight=${ids.map(enc).join(',')}`;
  if (rels.length) url += `&rels=${rels.map((r) => r.map(enc).join('|')).join(',')}`;
  return url;
}

/** Reads focus / highlight / rels / depth / q back from a query string such as location.search. */
export function parseExplorerQuery(search) {
  const raw = {};
  for (const pair of search.replace(/^\?/, '').split('&')) {
    if (!pair) continue;
    const at = pair.indexOf('=');
    const key = at < 0 ? pair : pair.slice(0, at);
    raw[key] = at < 0 ? '' : pair.slice(at + 1);
  }
  const dec = (s) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      return s;
    }
  };
  const list = (s) => (s ? s.split(',').filter(Boolean) : []);
  const depth = Number.parseInt(raw.depth ?? '', 10);
  return {
    focus: raw.focus ? dec(raw.focus) : undefined,
    q: raw.q ? dec(raw.q) : undefined,
    depth: depth >= 1 && depth <= 3 ? depth : undefined,
    highlight: list(raw.highlight).map(dec),
    rels: list(raw.rels)
      .map((r) => r.split('|').map(dec))
      .filter((r) => r.length === 3)
      .map(([from, type, to]) => ({ from, type, to })),
  };
}
