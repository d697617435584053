import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const DURATION_UNITS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

/** `500ms`, `30s`, `1m`, `1h` or bare milliseconds, to milliseconds. */
const duration = z
  .string()
  .regex(/^\d+(ms|s|m|h)?$/, 'must be a duration such as 500ms, 30s, 1m, 1h or bare milliseconds')
  .transform((v) => {
    const [, n, unit] = /^(\d+)(ms|s|m|h)?$/.exec(v)!;
    return Number(n) * DURATION_UNITS[(unit ?? 'ms') as keyof typeof DURATION_UNITS];
  })
  .pipe(z.number().int().positive({ message: 'must be longer than 0' }));

/**
 * The one place configuration is read. Other systems and scripts rely on these names;
 * the README documents each of them.
 */
export const ConfigSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    GRAPH_BACKEND: z.enum(['memory', 'neo4j']).default('memory'),
    DATA_DIR: z.string().min(1).default('.data'),
    MODEL_DIR: z.string().min(1).default('models'),
    MODEL_NAME: z.string().min(1).default('bge-small-zh-v1.5'),
    /** English model embedded beside MODEL_NAME (see README, "Embedding model"); "none" turns it off. */
    MODEL_NAME_EN: z.string().min(1).default('bge-small-en-v1.5'),
    NEO4J_URI: z
      .string()
      .regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\//, 'must be a neo4j:// or bolt:// URI')
      .optional(),
    NEO4J_USER: z.string().default('neo4j'),
    NEO4J_PASSWORD: z.string().default(''),
    NEO4J_DATABASE: z.string().default(''),
    NEO4J_NAMESPACE: z.string().default(''),
    LOAD_DEMO: bool.default(true),
    DEMO_PACK: z.string().default('examples/demo-pack'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** `key:scope+scope,key2:scope` — scopes are ask, read, admin. */
    API_KEYS: z
      .string()
      .default('')
      .transform((raw, ctx) => parseApiKeys(raw, ctx)),
    /** Scopes granted without a key; admin can never be public. */
    PUBLIC_SCOPES: z
      .string()
      .default('ask,read')
      .transform((raw) =>
        raw
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.enum(['ask', 'read'], { message: 'only ask and read can be public' }))),
    MAX_UPLOAD_MB: z.coerce.number().positive().default(50),
    /** Largest JSON request body; pack uploads have their own limit (MAX_UPLOAD_MB). */
    BODY_LIMIT_KB: z.coerce.number().int().positive().default(1024),
    MAX_QUESTION_CHARS: z.coerce.number().int().min(1).max(10_000).default(500),
    /** Upper bound of every `limit` query parameter. */
    MAX_PAGE_SIZE: z.coerce.number().int().min(1).max(10_000).default(100),
    /** Requests per RATE_LIMIT_WINDOW per API key (or per client IP without one); 0 turns rate limiting off. */
    RATE_LIMIT_MAX: z.coerce.number().int().min(0).default(300),
    RATE_LIMIT_WINDOW: duration.default(60_000),
    /** Receiving a request and handling it each get this long; 0 means no limit. */
    REQUEST_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
    /** Browser origins allowed to call the API (comma list, `*` for any); empty leaves CORS off. */
    CORS_ORIGINS: z
      .string()
      .default('')
      .transform((raw) =>
        raw
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      )
      .pipe(
        z.array(
          z.union([z.literal('*'), z.url({ protocol: /^https?$/ }).transform((u) => new URL(u).origin)], {
            message: 'must be * or http(s) origins such as https://shop.example.com',
          }),
        ),
      ),
    /** `/metrics` without a key; false requires the read scope. */
    METRICS_PUBLIC: bool.default(true),
  })
  .superRefine((c, ctx) => {
    if (c.GRAPH_BACKEND === 'neo4j' && !c.NEO4J_URI) {
      ctx.addIssue({ code: 'custom', path: ['NEO4J_URI'], message: 'is required when GRAPH_BACKEND=neo4j' });
    }
  });

export type Config = z.infer<typeof ConfigSchema>;

export const SCOPES = ['ask', 'read', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];
export interface ApiKey {
  key: string;
  scopes: Scope[];
}

function parseApiKeys(raw: string, ctx: z.RefinementCtx): ApiKey[] {
  const keys: ApiKey[] = [];
  for (const entry of raw
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const i = entry.lastIndexOf(':');
    const key = i > 0 ? entry.slice(0, i) : '';
    const scopes = (i > 0 ? entry.slice(i + 1) : '').split('+').filter(Boolean);
    const bad = scopes.find((s) => !(SCOPES as readonly string[]).includes(s));
    if (key.length < 16 || scopes.length === 0 || bad) {
      ctx.addIssue({
        code: 'custom',
        message: `entry "${entry.slice(0, 4)}…" must be <key of 16+ chars>:<scope>[+<scope>] with scopes ${SCOPES.join(', ')}`,
      });
      continue;
    }
    keys.push({ key, scopes: scopes as Scope[] });
  }
  return keys;
}

export class ConfigError extends Error {}

/** Parses the environment; fails with every problem listed by variable name. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
