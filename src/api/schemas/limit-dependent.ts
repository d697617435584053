import type { z } from 'zod';
import { getOrCreate } from '../../util/get-or-create.js';

/**
 * A schema that depends on a configured limit (question length), built once per limit value.
 * zod's schema registry is process-wide, so only the first variant gets the component id; a
 * variant built later for another app with another limit (in tests) is inlined in that app's
 * document rather than silently replacing the first app's component.
 */
export function limitDependent<S extends z.ZodType>(
  id: string,
  build: (limit: number) => S,
  meta: { examples?: unknown[]; description?: string } = {},
): (limit: number) => S {
  const built = new Map<number, S>();
  return (limit) => getOrCreate(built, limit, () => build(limit).meta(built.size === 0 ? { id, ...meta } : meta) as S);
}
