import type { RouteOptions } from 'fastify';

const ALLOWABLE = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Fastify answers a known path with an unknown method as 404; keeping the route patterns lets the
 * not-found handler say 405 with an Allow header instead, which tells a client what it got wrong.
 */
export function createRouteTable() {
  const patterns = new Map<string, { regex: RegExp; methods: Set<string> }>();

  function add(route: RouteOptions) {
    const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter((m) => ALLOWABLE.has(m));
    if (methods.length === 0 || route.url === '*' || route.url === '/*') return;
    let entry = patterns.get(route.url);
    if (!entry) {
      const source = route.url
        .split('/')
        .map((part) =>
          part.startsWith(':') ? '[^/]+' : part === '*' ? '.*' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
        )
        .join('/');
      entry = { regex: new RegExp(`^${source}$`), methods: new Set() };
      patterns.set(route.url, entry);
    }
    for (const m of methods) entry.methods.add(m);
  }

  /** Methods some route accepts for `path` (no query string); empty when no route has the path. */
  function allowed(path: string): string[] {
    const methods = new Set<string>();
    for (const { regex, methods: ms } of patterns.values()) if (regex.test(path)) for (const m of ms) methods.add(m);
    return [...methods].sort();
  }

  return { add, allowed };
}
