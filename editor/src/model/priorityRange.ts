/** Highest rule priority, the maximum that schemas/rule-set.schema.json sets for the field. */
export const MAX_PRIORITY = 1_000_000;
