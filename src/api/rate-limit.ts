import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { Auth } from './auth.js';
import { HttpProblem } from './problem.js';

/**
 * Per API key when the request carries a valid one (an integration behind one NAT address must not
 * starve the others), else per client IP; an unknown key counts against the IP, so inventing keys
 * buys no fresh quota. The limiter is a root onRequest hook rather than the plugin's per-route
 * hook so that it runs before authentication (key guessing is limited too) and covers 404s.
 * Routes opt out with `config: { rateLimit: false }` (health, metrics).
 */
export async function registerRateLimit(app: FastifyInstance, limit: { max: number; windowMs: number }, auth: Auth) {
  await app.register(rateLimit, {
    global: false,
    max: limit.max,
    timeWindow: limit.windowMs,
    keyGenerator: (req) => auth.keyId(req) ?? `ip:${req.ip}`,
    errorResponseBuilder: (_req, ctx) =>
      new HttpProblem(
        429,
        'rate_limited',
        'Too many requests',
        `at most ${ctx.max} requests per window; retry in ${ctx.after}`,
      ),
  });
  const limiter = app.rateLimit();
  app.addHook('onRequest', async function (req, reply) {
    if (req.routeOptions.config?.rateLimit === false) return;
    await limiter.call(this, req, reply);
  });
}
