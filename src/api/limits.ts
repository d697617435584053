import { type Config, loadConfig } from '../config.js';

/** What the HTTP edge enforces. `buildApp` takes any subset; the rest come from the configuration defaults. */
export interface ApiLimits {
  bodyLimitBytes: number;
  maxUploadBytes: number;
  maxQuestionChars: number;
  maxPageSize: number;
  /** Requests per window per API key, or per client IP without a key; null turns rate limiting off. */
  rateLimit: { max: number; windowMs: number } | null;
  /** Applies to receiving a request and to handling it; 0 means no limit. */
  requestTimeoutMs: number;
  /** Allowed browser origins (`*` for any); empty means no CORS headers at all. */
  corsOrigins: string[];
  /** Serve /metrics without a key; otherwise it needs the read scope. */
  metricsPublic: boolean;
}

export function apiLimitsFromConfig(config: Config): ApiLimits {
  return {
    bodyLimitBytes: config.BODY_LIMIT_KB * 1024,
    maxUploadBytes: config.MAX_UPLOAD_MB * 1024 * 1024,
    maxQuestionChars: config.MAX_QUESTION_CHARS,
    maxPageSize: config.MAX_PAGE_SIZE,
    rateLimit: config.RATE_LIMIT_MAX > 0 ? { max: config.RATE_LIMIT_MAX, windowMs: config.RATE_LIMIT_WINDOW } : null,
    requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
    corsOrigins: config.CORS_ORIGINS,
    metricsPublic: config.METRICS_PUBLIC,
  };
}

/** The configuration's own defaults, so a test app and a server without variables behave alike. */
export const DEFAULT_LIMITS: Readonly<ApiLimits> = Object.freeze(apiLimitsFromConfig(loadConfig({})));
