import type { Services } from '../services.js';
import type { Auth } from './auth.js';
import type { ApiLimits } from './limits.js';
import type { ApiMetrics } from './metrics.js';

/** What every route plugin is built from. */
export interface RouteDeps {
  services: Services;
  auth: Auth;
  limits: ApiLimits;
  metrics: ApiMetrics;
}
