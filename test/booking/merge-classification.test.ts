import { describe, expect, it } from 'vitest';
import type { Classification } from '../../engine/index.ts';
import { mergeClassification } from '../../workflows/state.ts';

const routine = (jobType: Classification['jobType']): Classification => ({
  urgency: 'routine',
  jobType,
  keyword: null,
  propertyType: 'unknown',
  intent: 'unknown',
  zip: null,
  rules: [],
});

describe('classification merge', () => {
  it('follows the latest routine job type', () => {
    let merged = mergeClassification(null, routine('Fixture Repair'));
    merged = mergeClassification(merged, routine('Water Heater'));
    merged = mergeClassification(merged, routine('Drain/Sewer'));

    expect(merged.jobType).toBe('Drain/Sewer');
  });

  it('keeps a sewer job type after routine work', () => {
    const sewer = { ...routine('Drain/Sewer'), urgency: 'sewer' as const };
    const merged = mergeClassification(sewer, routine('Fixture Repair'));

    expect(merged.jobType).toBe('Drain/Sewer');
  });
});
