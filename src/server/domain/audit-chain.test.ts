import { describe, expect, it } from 'vitest';
import { auditHash, ChainWalker, checkpointValid, GENESIS_HASH, legacyAuditHash, parseCheckpoint, sealCheckpoint, storedForm, type AuditFields, type ChainEntry } from './audit-chain';
import { storableText, textProblem } from './text';

const KEY = Buffer.alloc(32, 9);
const fields = (i: number): AuditFields => ({ at: `2026-03-15T10:00:0${i}Z`, actor: 'admin', action: 'test', targetType: 't', targetId: String(i), regionCode: '522633', outcome: 'ok', details: '{}' });

/** A chain of n entries; `legacy` first entries unkeyed (from before the audit key). */
function chain(n: number, legacy = 0): ChainEntry[] {
  let prev = GENESIS_HASH;
  return Array.from({ length: n }, (_, k) => {
    const e = fields(k + 1);
    const hash = k < legacy ? legacyAuditHash(prev, e) : auditHash(KEY, prev, e);
    const entry = { ...e, id: k + 1, prevHash: prev, hash };
    prev = hash;
    return entry;
  });
}
const walk = (c: ChainEntry[], key = KEY) => {
  const w = new ChainWalker(key);
  for (const e of c) w.step(e);
  return w;
};

describe('audit chain (keyed)', () => {
  it('an intact chain has no break; hashes are keyed k1: HMACs that another key does not reproduce', () => {
    const c = chain(5);
    expect(walk(c).breaks).toEqual([]);
    expect(c[0]!.hash).toMatch(/^k1:[0-9a-f]{64}$/);
    expect(walk(c, Buffer.alloc(32, 1)).breaks.map((b) => b.kind)).toEqual(['altered', 'altered', 'altered', 'altered', 'altered']);
  });
  it('reports every break, not only the first: two altered entries and a deleted one', () => {
    const c = chain(8);
    c[1]!.outcome = 'denied';
    c[5]!.details = '{"x":1}';
    c.splice(3, 1); // entry 4 removed: entry 5's link breaks
    expect(walk(c).breaks).toEqual([
      { id: 2, kind: 'altered' },
      { id: 5, kind: 'link' },
      { id: 6, kind: 'altered' },
    ]);
  });
  it('a chain rewritten without the key (hashes recomputed unkeyed) is caught at once', () => {
    const c = chain(4);
    let prev = GENESIS_HASH;
    for (const e of c) {
      if (e.id >= 3) {
        e.prevHash = prev;
        e.hash = legacyAuditHash(prev, e);
      }
      prev = e.hash;
    }
    expect(walk(c).breaks).toEqual([
      { id: 3, kind: 'unkeyed' },
      { id: 4, kind: 'unkeyed' },
    ]);
  });
  it('entries from before the key verify as a plain chain and are counted', () => {
    const w = walk(chain(6, 3));
    expect(w.breaks).toEqual([]);
    expect(w.legacy).toBe(3);
  });
  it('the stored form of text replaces lone surrogates and NUL, so the hash covers what the database keeps', () => {
    expect(storedForm({ ...fields(1), actor: '\ud800', details: '{"n":"a\u0000b"}' })).toMatchObject({ actor: '\ufffd', details: '{"n":"a\ufffdb"}' });
    expect(storableText('赵𠮷祥')).toBe('赵𠮷祥');
    expect(textProblem('赵𠮷祥')).toBeNull();
    expect(textProblem('\udc00x')).toMatch(/孤立的代理项/);
    expect(textProblem('a\u0000')).toMatch(/NUL/);
  });
  it('checkpoints: sealed with the key, parsed back from a line, a changed line is not valid', () => {
    const c = sealCheckpoint(KEY, { at: '2026-03-15T10:00:00Z', id: 7, count: 7, hash: 'k1:ab' });
    const back = parseCheckpoint(JSON.stringify(c))!;
    expect(checkpointValid(KEY, back)).toBe(true);
    expect(checkpointValid(KEY, { ...back, id: 6 })).toBe(false);
    expect(parseCheckpoint('not json')).toBeNull();
  });
});
