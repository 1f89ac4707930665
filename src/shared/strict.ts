/**
 * Numbers in query strings and path parameters, read strictly (issue 17 point 6): `z.coerce.number()`
 * took `true` as 1, `0x10` as 16, `1e3` as 1000 and `""` or `" "` as 0. A parameter is a JSON number or
 * a string of decimal digits (optionally signed), nothing else. Bodies are JSON: their numbers use
 * `z.number()` directly and a string or a boolean there is refused.
 */
import { z } from 'zod';

/** Decimal digits only (at most 15, so that the value is exact). */
const DECIMAL = /^-?\d{1,15}$/;

/**
 * A query or path number checked by `inner` after a strict conversion from its decimal string.
 * Example: `qint(z.number().int().min(1).max(500)).default(100)`.
 */
export function qint<T extends z.ZodType<number, number>>(inner: T) {
  return z.union([z.number(), z.string().regex(DECIMAL, '应为十进制整数').transform(Number)]).pipe(inner);
}
