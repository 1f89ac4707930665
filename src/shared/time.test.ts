import { describe, expect, it } from 'vitest';
import { beijingStamp, formatBeijingTime } from './time';

describe('Beijing time (UTC+8)', () => {
  it('shows a UTC instant 8 hours later, across midnight and the year end', () => {
    expect(formatBeijingTime('2026-03-15T10:00:00Z')).toBe('2026-03-15 18:00:00');
    expect(formatBeijingTime('2026-03-15T16:30:05.123Z')).toBe('2026-03-16 00:30:05');
    expect(formatBeijingTime('2026-12-31T20:00:00.000Z')).toBe('2027-01-01 04:00:00');
    expect(formatBeijingTime('2026-06-01T08:00:00+08:00')).toBe('2026-06-01 08:00:00');
  });
  it('keeps calendar dates, and says — for nothing or nonsense', () => {
    expect(formatBeijingTime('2026-03-15')).toBe('2026-03-15');
    expect(formatBeijingTime(null)).toBe('—');
    expect(formatBeijingTime('')).toBe('—');
    expect(formatBeijingTime('not a time')).toBe('—');
  });
  it('file stamps in Beijing time', () => {
    expect(beijingStamp('2026-03-15T16:30:05Z')).toBe('20260316003005');
  });
});
