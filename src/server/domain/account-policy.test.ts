import { describe, expect, it } from 'vitest';
import { passwordProblem, sessionAlive } from './account-policy';

describe('passwordProblem', () => {
  it('needs 10 characters of three classes, not the user name', () => {
    expect(passwordProblem('Abc123', 'wang')).toMatch(/至少 10/);
    expect(passwordProblem('abcdefghij12', 'wang')).toMatch(/三类/);
    expect(passwordProblem('Wang-2026-xyz', 'wang')).toMatch(/用户名/);
    expect(passwordProblem('Qiao-2026-xyz', 'wang')).toBeNull();
  });
});

describe('sessionAlive', () => {
  const created = '2026-03-15T10:00:00.000Z';
  it('ends after 30 idle minutes and 12 hours in all', () => {
    expect(sessionAlive({ createdAt: created, lastSeenAt: created }, new Date('2026-03-15T10:29:59Z'))).toBe(true);
    expect(sessionAlive({ createdAt: created, lastSeenAt: created }, new Date('2026-03-15T10:30:00Z'))).toBe(false);
    // active every 10 minutes, yet 12 h after sign-in: 10:00 + 12 h = 22:00
    expect(sessionAlive({ createdAt: created, lastSeenAt: '2026-03-15T21:55:00Z' }, new Date('2026-03-15T21:59:59Z'))).toBe(true);
    expect(sessionAlive({ createdAt: created, lastSeenAt: '2026-03-15T21:55:00Z' }, new Date('2026-03-15T22:00:00Z'))).toBe(false);
  });
});
