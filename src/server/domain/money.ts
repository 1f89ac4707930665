/**
 * Money arithmetic in integer fen (1 yuan = 100 fen). Never floating point for stored amounts.
 */

/**
 * Integer division rounded half away from zero (1.5 → 2, −1.5 → −2): the "half-up to whole fen"
 * rounding of per-capita figures. Throws RangeError on a zero divisor.
 */
export function divideRounded(numerator: number, denominator: number): number {
  if (denominator === 0) throw new RangeError('divisor is zero');
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator)) throw new RangeError('non-integer money');
  const sign = Math.sign(numerator) * Math.sign(denominator);
  const n = Math.abs(numerator);
  const d = Math.abs(denominator);
  const q = Math.floor(n / d);
  const r = n - q * d;
  const rounded = 2 * r >= d ? q + 1 : q;
  return sign * rounded || 0;
}

/** Yuan (as typed: integer or up to 2 decimals) to fen, exactly. Throws RangeError on more decimals. */
export function yuanToFen(yuan: number): number {
  const fen = Math.round(yuan * 100);
  if (Math.abs(fen - yuan * 100) > 1e-6) throw new RangeError(`${yuan} 元有超过两位小数`);
  return fen;
}

/** Fen to a yuan string with two decimals, for messages (12345 → "123.45"). */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}
