import { describe, expect, it } from 'vitest';
import { temporalSettings } from '../../worker/temporal.ts';

describe('temporalSettings', () => {
  it('defaults to the dev server on port 7233', () => {
    expect(temporalSettings({}).address).toBe('127.0.0.1:7233');
  });

  it('finds the dev server by TEMPORAL_PORT', () => {
    expect(temporalSettings({ TEMPORAL_PORT: '47233' }).address).toBe('127.0.0.1:47233');
  });

  it('prefers TEMPORAL_ADDRESS', () => {
    const env = { TEMPORAL_ADDRESS: 'temporal.internal:7233', TEMPORAL_PORT: '47233' };
    expect(temporalSettings(env).address).toBe('temporal.internal:7233');
  });
});
