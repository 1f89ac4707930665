/** Colour scale of the flagged share used by both map views (5 steps from 0 to the largest share). */

/** The five colours, light to dark. */
export const SHARE_COLORS = ['#fee5d9', '#fcae91', '#fb6a4a', '#de2d26', '#a50f15'] as const;
/** Colour of a county without households. */
export const NO_DATA_COLOR = '#e0e0e0';

/** Upper end of the scale: the largest share, at least 1 %. */
export function scaleMax(shares: (number | null)[]): number {
  return Math.max(0.01, ...shares.filter((s): s is number => s !== null));
}

/** Colour of one share on a scale ending at `max`. */
export function shareColor(share: number | null, max: number): string {
  if (share === null) return NO_DATA_COLOR;
  const step = Math.min(SHARE_COLORS.length - 1, Math.floor((share / max) * SHARE_COLORS.length));
  return SHARE_COLORS[step] ?? NO_DATA_COLOR;
}

/** Text colour readable on `shareColor`. */
export function textOn(share: number | null, max: number): string {
  if (share === null) return '#555';
  return share / max >= 0.6 ? '#fff' : '#333';
}
