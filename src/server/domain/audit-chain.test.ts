import { describe, expect, it } from 'vitest';
import { auditHash, firstBrokenLink, GENESIS_HASH, type AuditFields } from './audit-chain';

const base: AuditFields = { at: '2026-03-15T10:00:00.000Z', actor: 'alice', action: 'sign_in', targetType: 'user', targetId: 'alice', regionCode: '522633', outcome: 'ok', details: '{}' };

function chain(n: number) {
  const out: (AuditFields & { id: number; prevHash: string; hash: string })[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const e = { ...base, targetId: `t${i}` };
    const hash = auditHash(prev, e);
    out.push({ ...e, id: i, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe('audit chain', () => {
  it('an intact chain verifies', () => {
    expect(firstBrokenLink(chain(5))).toBeNull();
  });
  it('a changed field breaks the link of that entry', () => {
    const c = chain(5);
    c[2] = { ...c[2]!, outcome: 'denied' };
    expect(firstBrokenLink(c)).toBe(3);
  });
  it('a removed entry breaks the link of the next one', () => {
    const c = chain(5);
    c.splice(1, 1);
    expect(firstBrokenLink(c)).toBe(3);
  });
  it('the hash depends on the previous hash', () => {
    expect(auditHash(GENESIS_HASH, base)).not.toBe(auditHash('f'.repeat(64), base));
  });
});
