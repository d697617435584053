import type { FastifyRequest } from 'fastify';
import { type LoggerOptions, stdSerializers } from 'pino';
import { maskPersonalData } from './mask-personal-data.js';

const MAX_DEPTH = 6;

/** Masks every string in plain objects and arrays; other objects are left to their serializers. */
export function maskStrings(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskPersonalData(value);
  if (depth >= MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => maskStrings(v, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskStrings(v, depth + 1)]));
}

function decoded(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}

/**
 * Fastify's request serializer, with the URL masked: search terms arrive in the query string,
 * percent-encoded, where "%81" right before a number would hide the number's start from the mask.
 */
function request(req: FastifyRequest) {
  return {
    method: req.method,
    url: maskPersonalData(decoded(req.url)),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

function error(err: Error) {
  // pino's serialized error has its own prototype; copy it so its strings are masked too.
  return maskStrings({ ...stdSerializers.err(err) });
}

/**
 * pino options for the server: user text may reach a log line through a message, a logged
 * object, a URL or an error message, so each of those paths masks personal data.
 */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    serializers: { req: request, err: error },
    formatters: { log: (obj) => maskStrings(obj) as Record<string, unknown> },
    hooks: {
      logMethod(args, method) {
        const masked = args.map((a) => (typeof a === 'string' ? maskPersonalData(a) : a)) as Parameters<typeof method>;
        method.apply(this, masked);
      },
    },
  };
}
