import * as zipcodes from 'zipcodes';
import type { BusinessSettings } from './settings.ts';

/**
 * Decides whether a customer's ZIP code (or city) is in the business's service area, offline:
 * ZIP coordinates come from the zipcodes package, which ships its US data in its own files.
 */
export type ServiceArea = NonNullable<BusinessSettings['serviceArea']> & {
  /** The area in customers' words, e.g. "Chicago and the near north suburbs". */
  name?: string;
  /** The referral for out-of-area customers, e.g. "Lakeside Plumbing at 217-555-0144". */
  referral?: string;
};

export interface AreaCheck {
  /** The ZIP code checked, or null when the area was decided from the city. */
  zip: string | null;
  /** True inside, false outside, null when undecidable (ZIP not in the data, city on the edge). */
  inArea: boolean | null;
  /** The rule that decided it. */
  reason: 'no_area_set' | 'zip_list' | 'radius' | 'outside' | 'unknown_zip' | 'city_split';
  /** Miles from the area's centre, rounded to one decimal; null without a radius. */
  distanceMiles: number | null;
  /** The customer's town for texts, e.g. "Springfield", from the text or the ZIP data. */
  place: string | null;
}

const EARTH_RADIUS_MILES = 3958.8;

export class ServiceAreaError extends Error {}

interface Point {
  lat: number;
  lon: number;
}

function zipPoint(zip: string): Point | null {
  const found = zipcodes.lookup(zip);
  return found ? { lat: found.latitude, lon: found.longitude } : null;
}

/** Great-circle distance in miles (haversine). */
export function milesBetween(a: Point, b: Point): number {
  const radians = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = radians(b.lat - a.lat);
  const dLon = radians(b.lon - a.lon);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_MILES * Math.asin(Math.sqrt(h));
}

/** Returns the centre of the radius, or null when the area has no radius. */
export function areaCenter(area: ServiceArea): Point | null {
  if (area.radiusMiles === undefined || !area.center) return null;
  const { zip, lat, lon } = area.center;
  if (lat !== undefined && lon !== undefined) return { lat, lon };
  const point = zip ? zipPoint(zip) : null;
  if (!point) {
    throw new ServiceAreaError(
      `serviceArea.center: ZIP '${zip}' is not in the zipcodes data; set lat and lon instead`,
    );
  }
  return point;
}

/** Checks one ZIP code against the ZIP list and the radius; either one lets it in. */
export function checkZip(area: ServiceArea | undefined, zip: string): AreaCheck {
  const place = zipcodes.lookup(zip)?.city ?? null;
  const result = (
    inArea: boolean | null,
    reason: AreaCheck['reason'],
    distanceMiles: number | null = null,
  ) => ({ zip, inArea, reason, distanceMiles, place });

  if (!area || (!area.zips?.length && area.radiusMiles === undefined))
    return result(true, 'no_area_set');
  if (area.zips?.includes(zip)) return result(true, 'zip_list');

  const center = areaCenter(area);
  if (!center) return result(false, 'outside');
  const point = zipPoint(zip);
  if (!point) return result(null, 'unknown_zip');

  const miles = Math.round(milesBetween(center, point) * 10) / 10;
  return miles <= area.radiusMiles!
    ? result(true, 'radius', miles)
    : result(false, 'outside', miles);
}

/**
 * Checks a city with no ZIP code: in when all its ZIP codes are in, out when none is, and
 * undecided when the area's edge runs through it. The state defaults to the area's own.
 */
export function checkCity(
  area: ServiceArea | undefined,
  city: string,
  state: string | null,
): AreaCheck {
  const areaState = state ?? stateOfArea(area);
  const zips = areaState
    ? zipcodes.lookupByName(city, areaState).map((entry) => String(entry.zip))
    : [];
  const undecided: AreaCheck = {
    zip: null,
    inArea: null,
    reason: 'unknown_zip',
    distanceMiles: null,
    place: city,
  };
  if (zips.length === 0) return undecided;

  const checks = zips.map((zip) => checkZip(area, zip));
  const inside = checks.filter((check) => check.inArea === true).length;
  if (inside === checks.length) return { ...checks[0], zip: null, place: city };
  if (inside === 0 && checks.every((check) => check.inArea === false)) {
    return { ...checks[0], zip: null, place: city };
  }
  return { ...undecided, reason: 'city_split' };
}

function stateOfArea(area: ServiceArea | undefined): string | null {
  const zip = area?.center?.zip ?? area?.zips?.[0];
  return zip ? (zipcodes.lookup(zip)?.state ?? null) : null;
}

/** Returns the town a ZIP code belongs to, from the zipcodes data. */
export function cityOfZip(zip: string): { city: string; state: string } | null {
  const found = zipcodes.lookup(zip);
  return found ? { city: found.city, state: found.state } : null;
}
