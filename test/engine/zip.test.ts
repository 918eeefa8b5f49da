import { describe, expect, it } from 'vitest';

import { findZip } from '../../engine/zip.ts';

describe('findZip', () => {
  const found = [
    ['2208 Quillfennel Ln, Orlando FL 32808', '32808'],
    ['4125 Larkspindle Bend 98103', '98103'],
    ['Austin, TX 78704-2231', '78704'],
    ['my zip is 30318', '30318'],
    ['zip code: 60614, kitchen sink', '60614'],
    ['19500 Ridgeview Dr, Denver CO 80219', '80219'],
    ['we are in 60610', '60610'],
    ['tankless quote for 90210? we have about 3500 sq ft', '90210'],
    ['leak at 60614! sq footage is 900', '60614'],
  ] as const;
  it.each(found)('finds the ZIP in "%s"', (text, zip) => {
    expect(findZip(text)).toBe(zip);
  });

  const none = [
    '19500 Ridgeview Dr has a clogged main line',
    'call me at 312-555-0187',
    'call me at (773) 555-0142',
    'quoted $12000 for a repipe',
    'they want 12000 dollars',
    'before we spend 12000',
    'a 40 gal water heater',
    'a 40000 btu heater',
    'gate code 4411',
    'order number ABC12345',
    '3125550187',
  ];
  it.each(none)('finds no ZIP in "%s"', (text) => {
    expect(findZip(text)).toBeNull();
  });
});

describe('findZip with several numbers', () => {
  it('prefers the number after a state', () => {
    expect(findZip('Denver CO 80219, unit 12345')).toBe('80219');
  });

  it('prefers the number after "zip"', () => {
    expect(findZip('zip 60611 not 60614')).toBe('60611');
  });

  it('takes the last number otherwise', () => {
    expect(findZip('60601 or maybe 60602')).toBe('60602');
  });

  it('reads a state code only in capitals', () => {
    expect(findZip('we moved in 60610, the other one is 60611')).toBe('60611');
  });
});
