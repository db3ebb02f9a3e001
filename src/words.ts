/** Words the outputs share. */

/** `n` and the noun that goes with it: `counted(1, 'file')` is "1 file", `counted(2, 'record was', 'records were')` "2 records were". */
export const counted = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
