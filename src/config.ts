import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

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
