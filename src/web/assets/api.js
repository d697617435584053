// Calls to the server's JSON API. Errors arrive as application/problem+json and become ApiError.
// An API key typed by the visitor (only needed when the server's public scopes do not cover the call)
// is kept in localStorage and sent as x-api-key.

const KEY_STORAGE = 'kgqa.apiKey';

export function getApiKey() {
  try {
    return localStorage.getItem(KEY_STORAGE) ?? '';
  } catch {
    return '';
  }
}

export function setApiKey(key) {
  try {
    if (key) localStorage.setItem(KEY_STORAGE, key);
    else localStorage.removeItem(KEY_STORAGE);
  } catch {
    // storage disabled: the key is lost on reload, nothing else to do
  }
}

export class ApiError extends Error {
  constructor(status, problem, path) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = problem?.code ?? (status === 0 ? 'network' : `http_${status}`);
    this.detail = problem?.detail ?? problem?.title ?? '';
    this.path = path;
  }

  get needsKey() {
    return this.status === 401 || this.status === 403;
  }
}

/** `path` relative to this origin; `body` is sent as JSON. Resolves to the parsed JSON response. */
export async function api(path, { method = 'GET', body, signal } = {}) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const key = getApiKey();
  if (key) headers['x-api-key'] = key;
  let res;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
  } catch (err) {
    if (err?.name === 'AbortError') throw err;
    throw new ApiError(0, { title: 'network error', detail: String(err?.message ?? err) }, path);
  }
  const type = res.headers.get('content-type') ?? '';
  const data = type.includes('json') ? await res.json().catch(() => undefined) : undefined;
  if (!res.ok) throw new ApiError(res.status, data, path);
  return data;
}

/** Builds `path?k=v&…`, leaving out empty values. */
export function withQuery(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
