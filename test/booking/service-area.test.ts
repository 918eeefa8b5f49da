import { describe, expect, it } from 'vitest';
import { checkCity, checkZip, milesBetween, ServiceAreaError } from '../../worker/service-area.ts';

const zipListOnly = { zips: ['60601', '60614'] };
const radiusOnly = { center: { zip: '60601' }, radiusMiles: 25 };

describe('service area', () => {
  it('lets in a ZIP on the list', () => {
    const check = checkZip(zipListOnly, '60614');

    expect(check.inArea).toBe(true);
    expect(check.reason).toBe('zip_list');
  });

  it('keeps out a ZIP missing from a list with no radius', () => {
    const check = checkZip(zipListOnly, '60201');

    expect(check.inArea).toBe(false);
    expect(check.place).toBe('Evanston');
  });

  it('lets in a ZIP inside the radius', () => {
    const check = checkZip(radiusOnly, '60201');

    expect(check.inArea).toBe(true);
    expect(check.reason).toBe('radius');
    expect(check.distanceMiles).toBeGreaterThan(10);
    expect(check.distanceMiles).toBeLessThan(15);
  });

  it('keeps out a ZIP beyond the radius and names its town', () => {
    const check = checkZip(radiusOnly, '62701');

    expect(check.inArea).toBe(false);
    expect(check.place).toBe('Springfield');
    expect(check.distanceMiles).toBeGreaterThan(150);
  });

  it('takes the centre from latitude and longitude', () => {
    const aroundSpringfield = { center: { lat: 39.8, lon: -89.65 }, radiusMiles: 20 };

    expect(checkZip(aroundSpringfield, '62701').inArea).toBe(true);
    expect(checkZip(aroundSpringfield, '60601').inArea).toBe(false);
  });

  it('lets in a ZIP on the list even beyond the radius', () => {
    const area = { zips: ['62701'], center: { zip: '60601' }, radiusMiles: 5 };

    expect(checkZip(area, '62701').inArea).toBe(true);
  });

  it('cannot tell for a ZIP missing from the ZIP data', () => {
    expect(checkZip(radiusOnly, '00000').inArea).toBeNull();
  });

  it('lets in every ZIP when no area is set', () => {
    expect(checkZip(undefined, '99501').inArea).toBe(true);
  });

  it('decides a city without a ZIP in the state of the area', () => {
    expect(checkCity(radiusOnly, 'Evanston', null).inArea).toBe(true);
    expect(checkCity(radiusOnly, 'Springfield', 'IL').inArea).toBe(false);
  });

  it('cannot tell for a city the radius edge cuts through', () => {
    const check = checkCity({ center: { zip: '60601' }, radiusMiles: 8 }, 'Chicago', 'IL');

    expect(check.inArea).toBeNull();
    expect(check.reason).toBe('city_split');
  });

  it('rejects a centre ZIP missing from the ZIP data', () => {
    expect(() => checkZip({ center: { zip: '00000' }, radiusMiles: 5 }, '60601')).toThrow(
      ServiceAreaError,
    );
  });

  it('measures Chicago to Springfield at about 180 miles', () => {
    const miles = milesBetween({ lat: 41.8858, lon: -87.6181 }, { lat: 39.8017, lon: -89.6436 });

    expect(miles).toBeGreaterThan(170);
    expect(miles).toBeLessThan(190);
  });
});
