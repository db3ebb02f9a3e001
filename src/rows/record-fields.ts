/**
 * Typed reads of the open JSON of a CloudTrail record: a field is used only when it has the
 * expected type, so a malformed optional field reads as absent instead of throwing. Pure.
 */

export type Obj = Record<string, unknown>;

/** The value when it is a plain object, else undefined. */
export const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);

/** The value when it is a string, else null. */
export const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The strings of an array (others dropped), or [] when the value is not an array. */
export const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** What follows the last `/` of an ARN, or null. */
export const lastSegment = (arn: string | null): string | null => (arn ? arn.slice(arn.lastIndexOf('/') + 1) || null : null);
