import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { ApiKey, Scope } from '../config.js';
import { HttpProblem } from './problem.js';

export interface AuthOptions {
  keys: ApiKey[];
  /** Scopes anyone has without a key (never `admin`). */
  publicScopes: Scope[];
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * API-key auth with scopes. Keys are compared as fixed-length digests with timingSafeEqual, and every
 * configured key is compared, so timing reveals neither a key's prefix nor which key matched.
 */
export function createAuth(opts: AuthOptions) {
  const keys = opts.keys.map((k) => ({ digest: digest(k.key), scopes: new Set(k.scopes) }));
  const publicScopes = new Set<Scope>(opts.publicScopes.filter((s) => s !== 'admin'));

  function presented(req: FastifyRequest): string | undefined {
    const header = req.headers.authorization;
    if (header?.startsWith('Bearer ')) return header.slice(7).trim();
    const key = req.headers['x-api-key'];
    return typeof key === 'string' ? key : undefined;
  }

  function matching(key: string) {
    const d = digest(key);
    let found: (typeof keys)[number] | undefined;
    for (const k of keys) if (timingSafeEqual(k.digest, d)) found = k;
    return found;
  }

  function scopesOf(req: FastifyRequest): Set<Scope> | undefined {
    const key = presented(req);
    if (key === undefined) return undefined;
    return matching(key)?.scopes ?? new Set();
  }

  /** A stable, non-secret name for the configured key the request carries; undefined without a valid one. */
  function keyId(req: FastifyRequest): string | undefined {
    const key = presented(req);
    const found = key === undefined ? undefined : matching(key);
    return found && `key:${found.digest.subarray(0, 8).toString('hex')}`;
  }

  /** A preHandler that lets the request through only with `scope`. */
  function require(scope: Scope) {
    return async (req: FastifyRequest) => {
      const scopes = scopesOf(req);
      if (scopes === undefined) {
        if (publicScopes.has(scope)) return;
        throw new HttpProblem(401, 'unauthorized', 'Unauthorized', `an API key with the "${scope}" scope is required`);
      }
      if (scopes.size === 0) throw new HttpProblem(401, 'unauthorized', 'Unauthorized', 'unknown API key');
      if (!scopes.has(scope) && !publicScopes.has(scope)) {
        throw new HttpProblem(403, 'forbidden', 'Forbidden', `this API key lacks the "${scope}" scope`);
      }
    };
  }

  return { require, keyId };
}

export type Auth = ReturnType<typeof createAuth>;
