import { describe, expect, it } from 'vitest';
import { formatAddress, parseAddress, parseAddressReply } from '../../worker/address.ts';

describe('address parsing', () => {
  it('reads street, city, state and ZIP separated by commas', () => {
    expect(parseAddress('123 Oak St, Evanston IL 60201')).toEqual({
      street: '123 Oak St',
      unit: null,
      city: 'Evanston',
      state: 'IL',
      zip: '60201',
    });
  });

  it('reads a lower-case address with a unit and no state', () => {
    const address = parseAddress("it's 45 W Lake St apt 3 chicago 60601");

    expect(address?.street).toBe('45 W Lake St');
    expect(address?.unit).toBe('Apt 3');
    expect(address?.city).toBe('Chicago');
    expect(address?.state).toBeNull();
    expect(address?.zip).toBe('60601');
  });

  it('skips the words before the house number', () => {
    const address = parseAddress("I'm at 500 Main St, Springfield IL 62701");

    expect(address?.street).toBe('500 Main St');
    expect(address?.city).toBe('Springfield');
    expect(address?.zip).toBe('62701');
  });

  it('reads a suite, ZIP+4 and a closing sentence', () => {
    const address = parseAddress(
      "we're at 77 W Wacker Dr Suite 400, Chicago, IL 60601-1234. thanks!",
    );

    expect(address?.unit).toBe('Suite 400');
    expect(address?.zip).toBe('60601');
    expect(formatAddress(address!)).toBe('77 W Wacker Dr Suite 400, Chicago, IL 60601');
  });

  it('takes a period after the street suffix as an abbreviation', () => {
    const address = parseAddress('123 Oak St. Evanston, Illinois 60201');

    expect(address?.city).toBe('Evanston');
    expect(address?.state).toBe('IL');
  });

  it('reads a hash unit and a city after "in"', () => {
    expect(parseAddress('2200 N Clark St #4B in chicago')).toEqual({
      street: '2200 N Clark St',
      unit: '#4B',
      city: 'Chicago',
      state: null,
      zip: null,
    });
  });

  it('reads a street with no suffix when a ZIP follows', () => {
    expect(parseAddress('1420 Broadway, 60601')?.street).toBe('1420 Broadway');
  });

  it('finds no address in a problem description with numbers', () => {
    expect(parseAddress('I have 2 water heaters, 60601')).toBeNull();
    expect(parseAddress('the 40 gallon tank is leaking since 2pm')).toBeNull();
    expect(parseAddress('no hot water')).toBeNull();
  });
});

describe('address parsing after the street', () => {
  it('reads no city from a sentence after the street', () => {
    const address = parseAddress(
      'Hi this is Maria at 12 W Erie St, I smell gas in the kitchen, please call me back',
    );

    expect(address?.street).toBe('12 W Erie St');
    expect(address?.city).toBeNull();
    expect(address?.state).toBeNull();
    expect(formatAddress(address!)).toBe('12 W Erie St');
  });

  it('reads no city from a verb clause', () => {
    const address = parseAddress('pipe burst at 45 W Lake St, water pouring in the basement');

    expect(address?.city).toBeNull();
    expect(address?.state).toBeNull();
    expect(formatAddress(address!)).toBe('45 W Lake St');
  });

  it('reads a capitalised city and a state ending the text', () => {
    const address = parseAddress('45 W Lake St, Chicago IL');

    expect(address?.city).toBe('Chicago');
    expect(address?.state).toBe('IL');
  });

  it('takes a state code only before a ZIP or at the end', () => {
    expect(parseAddress('45 W Lake St, chicago il 60601')?.state).toBe('IL');
    expect(parseAddress('45 W Lake St in the back')?.state).toBeNull();
    expect(parseAddress('45 W Lake St, Chicago in')?.state).toBeNull();
  });
});

describe('address reply parsing', () => {
  it('reads a street without a suffix', () => {
    expect(parseAddressReply('2100 N Lincoln Park W')).toEqual({
      street: '2100 N Lincoln Park W',
      unit: null,
      city: null,
      state: null,
      zip: null,
    });
    expect(parseAddressReply('1060 W Addison')?.street).toBe('1060 W Addison');
  });

  it('reads a suffix-less street with city, state and ZIP', () => {
    expect(parseAddressReply('2100 N Lincoln Park West, Chicago IL 60614')).toEqual({
      street: '2100 N Lincoln Park West',
      unit: null,
      city: 'Chicago',
      state: 'IL',
      zip: '60614',
    });
  });

  it('splits the known city off the street', () => {
    const address = parseAddressReply(
      'I already gave you my address, 1060 W Addison Chicago',
      'Chicago',
    );

    expect(address?.street).toBe('1060 W Addison');
    expect(address?.city).toBe('Chicago');
  });

  it('reads a unit after a suffix-less street', () => {
    const address = parseAddressReply('1060 W Addison apt 2');

    expect(address?.street).toBe('1060 W Addison');
    expect(address?.unit).toBe('Apt 2');
  });

  it('finds no street in sentences and times', () => {
    expect(parseAddressReply('the 40 gallon tank is leaking since 2pm')).toBeNull();
    expect(parseAddressReply('call me at 312 555 1234')).toBeNull();
    expect(parseAddressReply('2pm works')).toBeNull();
    expect(parseAddressReply('yes')).toBeNull();
  });
});
