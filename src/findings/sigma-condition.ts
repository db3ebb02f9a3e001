/**
 * Sigma conditions -> a syntax tree: `and`, `or`, `not`, parentheses, `1 of sel_*`, `all of
 * them`, `1 of them`, `all of filter*` (`any of` reads as `1 of`). Precedence: not, and, or. What
 * Sigma defines but this engine does not run (aggregations after `|`, `near`, counts other than
 * 1 and all) is refused by name. Pure.
 */

/** A condition's syntax tree; `of` names the selections its pattern matched. */
export type ConditionNode =
  | { readonly kind: 'ref'; readonly name: string }
  | { readonly kind: 'not'; readonly node: ConditionNode }
  | { readonly kind: 'and' | 'or'; readonly nodes: readonly ConditionNode[] }
  | { readonly kind: 'of'; readonly quantifier: 'one' | 'all'; readonly names: readonly string[] };

const TOKEN = /\s*(\(|\)|\||[^\s()|]+)/y;

function tokens(condition: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(condition); m !== null; m = TOKEN.exec(condition)) {
    out.push(m[1]);
  }
  return out;
}

/** Selection names a `them` or a wildcard pattern covers (`them` leaves out names starting with `_`). */
function namesOf(pattern: string, names: readonly string[]): string[] {
  if (pattern.toLowerCase() === 'them') return names.filter((n) => !n.startsWith('_'));
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return names.filter((n) => re.test(n));
}

/** Parses one condition against the rule's selection names; `refuse` names what cannot be run. */
export function parseCondition(condition: string, names: readonly string[], refuse: (reason: string) => never): ConditionNode {
  const list = tokens(condition);
  let at = 0;
  const peek = () => list[at]?.toLowerCase();
  const where = `condition ${JSON.stringify(condition)}`;
  const expect = (what: string): never => refuse(`${where}: expected ${what}${at < list.length ? ` at ${JSON.stringify(list[at])}` : ' at its end'}`);

  const parseOr = (): ConditionNode => {
    const nodes = [parseAnd()];
    while (peek() === 'or') {
      at++;
      nodes.push(parseAnd());
    }
    return nodes.length === 1 ? nodes[0] : { kind: 'or', nodes };
  };
  const parseAnd = (): ConditionNode => {
    const nodes = [parseNot()];
    while (peek() === 'and') {
      at++;
      nodes.push(parseNot());
    }
    return nodes.length === 1 ? nodes[0] : { kind: 'and', nodes };
  };
  const parseNot = (): ConditionNode => {
    if (peek() === 'not') {
      at++;
      return { kind: 'not', node: parseNot() };
    }
    return parsePrimary();
  };
  const parsePrimary = (): ConditionNode => {
    const token = list[at];
    const word = peek();
    if (token === undefined) return expect('a selection, "not", "(" or "1 of"');
    if (token === '(') {
      at++;
      const node = parseOr();
      if (list[at] !== ')') expect('")"');
      at++;
      return node;
    }
    if (token === '|') return refuse(`${where}: aggregations after "|" (count, min, max, avg, sum, near) are not supported`);
    if (word === 'near') return refuse(`${where}: "near" (temporal proximity) is not supported`);
    if (word === 'and' || word === 'or' || token === ')') return expect('a selection');
    if (list[at + 1]?.toLowerCase() === 'of') {
      if (word !== '1' && word !== 'all' && word !== 'any') return refuse(`${where}: "${token} of" is not supported (only "1 of" and "all of")`);
      at += 2;
      const pattern = list[at];
      if (pattern === undefined || pattern === '(' || pattern === ')' || pattern === '|') return expect('a selection pattern or "them" after "of"');
      at++;
      const matched = namesOf(pattern, names);
      if (matched.length === 0) return refuse(`${where}: "${pattern}" matches no selection of the rule`);
      return { kind: 'of', quantifier: word === 'all' ? 'all' : 'one', names: matched };
    }
    if (token.includes('*') || token.includes('?')) return refuse(`${where}: a wildcard name (${token}) needs "1 of" or "all of" before it`);
    if (!names.includes(token)) return refuse(`${where}: no selection named ${JSON.stringify(token)}`);
    at++;
    return { kind: 'ref', name: token };
  };

  const node = parseOr();
  if (at < list.length) {
    if (list[at] === '|') refuse(`${where}: aggregations after "|" (count, min, max, avg, sum, near) are not supported`);
    if (peek() === 'near') refuse(`${where}: "near" (temporal proximity) is not supported`);
    expect('"and", "or" or the end');
  }
  return node;
}
