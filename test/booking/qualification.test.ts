import { describe, expect, it } from 'vitest';
import type { Decision } from '../../engine/index.ts';
import {
  absorbDecision,
  missingAddress,
  newQualification,
  nextStep,
  triageTemplateFor,
  type Qualification,
} from '../../workflows/qualification.ts';

function decision(overrides: Partial<Decision> = {}): Decision {
  return {
    urgency: 'routine',
    jobType: 'Water Heater',
    keyword: null,
    propertyType: 'unknown',
    intent: 'unknown',
    zip: null,
    rules: [],
    template: 'non_emergency',
    branch: null,
    rulesHash: 'test',
    explain: [],
    ...overrides,
  };
}

const inArea = {
  zip: '60601',
  inArea: true,
  reason: 'zip_list',
  distanceMiles: null,
  place: 'Chicago',
} as const;

function qualified(overrides: Partial<Qualification> = {}): Qualification {
  return {
    ...newQualification(decision()),
    propertyType: 'residential',
    address: '45 W Lake St, Chicago, IL 60601',
    zip: '60601',
    area: inArea,
    ...overrides,
  };
}

describe('booking next step', () => {
  it('asks home or business first for routine work', () => {
    expect(nextStep(newQualification(decision()))).toBe('property_type');
  });

  it('asks for the address of a sewer backup first', () => {
    expect(nextStep(newQualification(decision({ urgency: 'sewer' })))).toBe('address');
  });

  it('asks for the street when only an in-area ZIP is known', () => {
    expect(nextStep(qualified({ address: null }))).toBe('street');
  });

  it('asks for the address again when the area is undecided', () => {
    const unknownZip = { ...inArea, inArea: null, reason: 'unknown_zip' } as const;

    expect(nextStep(qualified({ area: unknownZip }))).toBe('address');
  });

  it('declines before anything else when out of area', () => {
    const outside = { ...inArea, inArea: false, reason: 'outside' } as const;

    expect(nextStep(qualified({ area: outside, intent: 'price_shopping' }))).toBe('out_of_area');
  });

  it('asks a business when it wants the visit', () => {
    expect(nextStep(qualified({ propertyType: 'commercial' }))).toBe('commercial_timing');
  });

  it('skips the timing question for a sewer backup at a business', () => {
    expect(nextStep(qualified({ propertyType: 'commercial', urgency: 'sewer' }))).toBe('new_offer');
  });

  it('offers a price call back before asking anything', () => {
    const shopper = newQualification(decision());
    absorbDecision(shopper, decision({ intent: 'price_shopping' }));

    expect(nextStep(shopper)).toBe('price_callback');
  });

  it('confirms a requested call back once', () => {
    const requested = { range: null, offeredAt: '', requested: true, confirmed: false };

    expect(nextStep(qualified({ priceCallback: requested }))).toBe('callback_confirmation');
    expect(nextStep(qualified({ priceCallback: { ...requested, confirmed: true } }))).toBe(
      'new_offer',
    );
  });

  it('asks a second-opinion customer what the other plumber said', () => {
    expect(nextStep(qualified({ intent: 'second_opinion' }))).toBe('second_opinion');
    expect(nextStep(qualified({ intent: 'second_opinion', asked: ['second_opinion'] }))).toBe(
      'new_offer',
    );
  });

  it('asks for the problem when only an address was given', () => {
    const addressFirst = newQualification(decision({ urgency: 'none', jobType: null }));

    expect(nextStep(addressFirst)).toBe('details');
  });

  it('asks each question once', () => {
    expect(nextStep(qualified({ propertyType: 'unknown', asked: ['property_type'] }))).toBe(
      'new_offer',
    );
  });

  it('asks for the street at most twice', () => {
    const noStreet = { address: null, asked: ['property_type' as const, 'street' as const] };

    expect(nextStep(qualified(noStreet))).toBe('street');
    expect(nextStep(qualified({ ...noStreet, asked: [...noStreet.asked, 'street'] }))).toBe(
      'new_offer',
    );
  });

  it('asks for the address at most twice', () => {
    const noAddress = { address: null, zip: null, area: null };

    expect(nextStep(qualified({ ...noAddress, asked: ['address'] }))).toBe('address');
    expect(nextStep(qualified({ ...noAddress, asked: ['address', 'address'] }))).toBe('new_offer');
  });

  it('names the missing part of the address', () => {
    expect(missingAddress(qualified())).toBeNull();
    expect(missingAddress(qualified({ address: null }))).toBe('street');
    expect(missingAddress(qualified({ address: null, zip: null, area: null }))).toBe('address');
  });

  it('asks again to pick from an offer that still fits', () => {
    const offer = { id: 'o#1', number: 1, offeredAt: '', timezone: 'America/Chicago', slots: [] };

    expect(nextStep(qualified({ offer }))).toBe('pick_offered');
    expect(nextStep(qualified({ offer, timing: 'after_hours' }))).toBe('new_offer');
  });
});

describe('triage template reuse', () => {
  it("sends the rules' reply when it asks the next question", () => {
    const fresh = newQualification(decision());

    expect(triageTemplateFor(fresh, decision(), 'property_type')).toBe('non_emergency');
    expect(triageTemplateFor(fresh, decision(), 'address')).toBeNull();
  });

  it('uses the booking question after the first text', () => {
    const asked = { ...newQualification(decision()), asked: ['address' as const] };

    expect(triageTemplateFor(asked, decision(), 'property_type')).toBeNull();
  });
});

describe('decision merging', () => {
  it('takes the latest job type and reports the change', () => {
    const qualification = newQualification(decision({ jobType: 'Fixture Repair' }));

    expect(absorbDecision(qualification, decision({ jobType: 'Water Heater' }))).toBe(true);
    expect(qualification.jobType).toBe('Water Heater');
    expect(absorbDecision(qualification, decision({ jobType: 'Water Heater' }))).toBe(false);
    expect(absorbDecision(qualification, decision({ urgency: 'none', jobType: null }))).toBe(false);
    expect(qualification.jobType).toBe('Water Heater');
  });

  it('keeps a sewer backup over later routine work', () => {
    const qualification = newQualification(decision());
    absorbDecision(qualification, decision({ urgency: 'sewer', jobType: 'Drain/Sewer' }));
    expect(qualification.urgency).toBe('sewer');
    expect(qualification.jobType).toBe('Drain/Sewer');

    absorbDecision(qualification, decision({ jobType: 'Fixture Repair' }));
    expect(qualification.jobType).toBe('Drain/Sewer');
  });

  it('keeps a known property type when a later text says nothing', () => {
    const qualification = newQualification(decision());
    absorbDecision(qualification, decision({ propertyType: 'commercial' }));
    absorbDecision(qualification, decision({ urgency: 'none' }));

    expect(qualification.propertyType).toBe('commercial');
  });
});
