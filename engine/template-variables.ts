/**
 * The variables that the product fills in message templates. A template that names any other
 * variable would fail each time it is sent, so the rule checks reject it at load.
 */

/** Variables every template may use: the business's own details. */
export const COMPANY_VARIABLES = [
  'company.name',
  'company.phone',
  'company.hours',
  'company.gasEmergencyLine',
] as const;

/** Variables of the texts about an emergency dispatch (notices, updates, the voice call). */
export const DISPATCH_VARIABLES = [
  'dispatch.headline',
  'dispatch.urgency',
  'dispatch.customerName',
  'dispatch.customerPhone',
  'dispatch.customerPhoneSpoken',
  'dispatch.address',
  'dispatch.issue',
  'dispatch.when',
  'dispatch.contact',
  'dispatch.contactRule',
  'dispatch.tried',
  'dispatch.holderName',
  'dispatch.detail',
] as const;

/** Variables that the conversation passes to particular texts, such as `slots` to slot offers. */
export const MESSAGE_VARIABLES = [
  'voicemail',
  'address',
  'afterHoursFee',
  'jobLabel',
  'priceRange',
  'place',
  'serviceArea',
  'referral',
  'slots',
  'day',
  'time',
  'technician',
] as const;

// NOTE: the check lists which variables exist, not which texts get each one, so a slot offer's
// {{slots}} moved into the opening text passes the check and fails when it is sent.
export const TEMPLATE_VARIABLES: ReadonlySet<string> = new Set([
  ...COMPANY_VARIABLES,
  ...DISPATCH_VARIABLES,
  ...MESSAGE_VARIABLES,
]);
