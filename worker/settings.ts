import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { IANAZone } from 'luxon';
import businessSchema from '../schemas/business.schema.json' with { type: 'json' };

export const repoRoot = resolve(import.meta.dirname, '..');

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export type TimeRange = [string, string];

export interface Technician {
  id: string;
  name: string;
  phone: string;
  skills?: string[];
}

/** Business settings, one file per business (RINGBACK_CONFIG, default rules/business.json). */
export interface BusinessSettings {
  id: string;
  company: { name: string; phone: string; timezone: string; gasEmergencyLine?: string };
  hours: Partial<Record<Weekday, TimeRange[]>>;
  holidays?: { dates?: string[]; calendars?: string[] };
  serviceArea?: {
    zips?: string[];
    center?: { zip?: string; lat?: number; lon?: number };
    radiusMiles?: number;
  };
  technicians?: Technician[];
  onCall?: {
    rotation?: { startDate: string; handoff?: string; order: string[] };
    overrides?: { from: string; to: string; technician: string; reason?: string }[];
    backup?: string;
    owner?: { name: string; phone: string };
  };
  timers?: { replyWindow?: string; followUp?: string | null; techAck?: string };
  voice?: {
    officePhone?: string;
    ringTimeout?: string;
    voicemail?: boolean;
    voicemailMaxLength?: string;
    greeting?: string;
  };
  [section: string]: unknown;
}

export class SettingsError extends Error {}

const ajv = new Ajv2020({ allErrors: true, strict: false });
const validateBusiness = ajv.compile(businessSchema);

/** Validates parsed settings; throws a SettingsError naming the file and each JSON path. */
export function parseSettings(json: unknown, source: string): BusinessSettings {
  if (!validateBusiness(json)) {
    const problems = (validateBusiness.errors ?? []).map(
      (error) => `${source}: ${error.instancePath || '/'}: ${error.message}`,
    );
    throw new SettingsError(`invalid business settings\n${problems.join('\n')}`);
  }
  const settings = json as BusinessSettings;
  if (!IANAZone.isValidZone(settings.company.timezone)) {
    throw new SettingsError(
      `invalid business settings\n${source}: /company/timezone: '${settings.company.timezone}' ` +
        'is not an IANA time zone such as America/Chicago',
    );
  }
  return settings;
}

export function settingsPath(): string {
  return resolve(process.env.RINGBACK_CONFIG ?? join(repoRoot, 'rules', 'business.json'));
}

export function loadSettings(path = settingsPath()): BusinessSettings {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new SettingsError(`${path}: cannot read business settings: ${(error as Error).message}`);
  }
  return parseSettings(json, path);
}

export function dataDir(): string {
  return resolve(process.env.RINGBACK_DATA_DIR ?? join(repoRoot, 'data'));
}

export function timerSettings(settings: BusinessSettings) {
  const timers = settings.timers ?? {};
  return {
    replyWindow: timers.replyWindow ?? '24h',
    followUp: timers.followUp === undefined ? '7d' : timers.followUp,
    techAck: timers.techAck ?? '15m',
  };
}
