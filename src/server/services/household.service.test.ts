/**
 * HouseholdService.list search on both dialects with names outside the BMP (field case c07: 𠮷 is one
 * character but two UTF-16 units; a search by the exact name or its prefix must find the person).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect, newTestServices } from '../../../test/harness';
import { head, household, person, VILLAGES } from '../../../test/fixtures/registry';
import type { Services } from '../container';
import { NATIONAL_SCOPE } from '../repositories/scope';
import { householdListQuery } from '../../shared/queries';

forEachDialect('HouseholdService search (c07)', (dialect) => {
  let services: Services;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ services, drop } = await newTestServices(dialect));
    await services.regions.ensureReferenceData();
    await services.registry.registerHouseholds(NATIONAL_SCOPE, [
      household('C07-1', VILLAGES.basha, [head({ name: '赵𠮷祥' }), person({ name: '王𬌗' })]),
      household('C07-2', VILLAGES.basha, [head({ name: '赵大' })]),
    ]);
  });
  afterAll(async () => {
    await drop?.();
  });

  const search = (q: string) => services.households.list(NATIONAL_SCOPE, householdListQuery.parse({ q }));

  it('finds the head by the exact non-BMP name and by its two-character prefix, and not the other 赵', async () => {
    expect((await search('赵𠮷祥')).items.map((i) => i.householdNo)).toEqual(['C07-1']);
    // '赵𠮷' is 2 code points (3 UTF-16 units): the prefix must be cut at 2 characters, not 3
    expect((await search('赵𠮷')).items.map((i) => i.householdNo)).toEqual(['C07-1']);
    expect((await search('赵')).items.map((i) => i.householdNo).sort()).toEqual(['C07-1', 'C07-2']);
  });

  it('keeps the name byte for byte', async () => {
    const page = await search('C07-1');
    expect(page.items[0]!.headName).toBe('赵𠮷祥');
    expect([...page.items[0]!.headName].length).toBe(3);
  });
});
