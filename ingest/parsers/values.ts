import type { Scalar } from '../../src/ports/graph-store.js';

/**
 * Table cells are text; numbers and booleans become typed so answers can compare them.
 * Codes with a leading zero (postcodes, phone numbers) stay strings.
 */
export function parseCell(raw: string): Scalar | undefined {
  const s = raw.trim();
  if (s === '') return undefined;
  if (/^-?(0|[1-9]\d*)(\.\d+)?$/.test(s) && s.length < 16) return Number(s);
  if (/^(true|false)$/i.test(s)) return s.toLowerCase() === 'true';
  return s;
}

/** `a|b| c` → ['a','b','c'] */
export function splitList(raw: string | undefined): string[] {
  return (raw ?? '')
    .split('|')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** `battery_life` → `battery life`, so raw names embed and match like words. */
export function humanize(raw: string): string {
  return raw
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .trim();
}

/** Front-matter values may be lists or scalars; attributes are scalars. */
export function toScalar(value: unknown): Scalar | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (Array.isArray(value)) return value.map((v) => String(v)).join('|');
  return JSON.stringify(value);
}
