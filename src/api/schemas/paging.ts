import { z } from 'zod';

/** `limit`/`offset` query fields bounded by the configured MAX_PAGE_SIZE. */
export function pageFields(maxPageSize: number, defaultLimit = 20) {
  return {
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(maxPageSize)
      .default(Math.min(defaultLimit, maxPageSize))
      .describe(`Page size, at most ${maxPageSize} (MAX_PAGE_SIZE)`),
    offset: z.coerce.number().int().min(0).max(100_000).default(0).describe('Items to skip'),
  };
}
