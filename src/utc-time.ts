/**
 * CloudTrail's timestamps (`2026-01-05T10:20:00Z`, fractions allowed) as instants. JavaScript's
 * Date.parse rolls an impossible date over (`2026-02-30` became March 2) and cannot place a leap
 * second (`23:59:60Z` became NaN, so a time filter dropped the event); here an impossible date is
 * no instant at all, and a leap second is the last millisecond of its minute, so it sorts and
 * filters where it belongs. Pure.
 */

const UTC_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?Z$/;

/** True when year-month-day is a date of the proleptic Gregorian calendar. */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return month >= 1 && month <= 12 && day >= 1 && day <= days;
}

/** Epoch milliseconds of a UTC date-time in CloudTrail's form, undefined when it is not a real one. */
export function utcInstant(text: string): number | undefined {
  const m = UTC_DATE_TIME.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (!isCalendarDate(year, month, day) || hour > 23 || minute > 59 || second > 60) return undefined;
  const ms = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0;
  // Date.UTC takes years 0-99 as 1900-1999; setUTCFullYear does not.
  const at = new Date(Date.UTC(2000, month - 1, day, hour, minute, Math.min(second, 59), second === 60 ? 999 : ms));
  return at.setUTCFullYear(year);
}
