/**
 * IP networks for Sigma's `cidr` modifier: `10.0.0.0/8`, `2001:db8::/32`. An address of the other
 * family never matches; a value that is not an address (`AWS Internal`, a service name in
 * sourceIPAddress) never matches. Pure.
 */

/** An IPv4 address as a 32-bit number, or undefined. */
function ipv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = (n << 8n) | BigInt(Number(p));
  }
  return n;
}

/** An IPv6 address (with `::` and an optional embedded IPv4 tail) as a 128-bit number, or undefined. */
function ipv6(text: string): bigint | undefined {
  const zone = text.indexOf('%');
  const plain = zone === -1 ? text : text.slice(0, zone);
  const halves = plain.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    const items = s.split(':');
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (i === items.length - 1 && item.includes('.')) {
        const v4 = ipv4(item);
        if (v4 === undefined) return undefined;
        out.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      } else if (/^[0-9a-f]{1,4}$/i.test(item)) out.push(parseInt(item, 16));
      else return undefined;
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  let n = 0n;
  for (const g of [...head, ...new Array(halves.length === 2 ? missing : 0).fill(0), ...tail]) n = (n << 16n) | BigInt(g);
  return n;
}

/** An address with its family's width in bits. */
export function parseAddress(text: string): { value: bigint; bits: 32 | 128 } | undefined {
  const v4 = ipv4(text.trim());
  if (v4 !== undefined) return { value: v4, bits: 32 };
  const v6 = ipv6(text.trim());
  return v6 === undefined ? undefined : { value: v6, bits: 128 };
}

/** A test for addresses inside `network` (`address/prefix`; a bare address is a /32 or /128), or undefined when it is not one. */
export function cidrTest(network: string): ((address: string) => boolean) | undefined {
  const slash = network.indexOf('/');
  const base = parseAddress(slash === -1 ? network : network.slice(0, slash));
  if (!base) return undefined;
  const prefixText = slash === -1 ? String(base.bits) : network.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > base.bits) return undefined;
  const shift = BigInt(base.bits - Number(prefixText));
  const want = base.value >> shift;
  return (address) => {
    const a = parseAddress(address);
    return a !== undefined && a.bits === base.bits && a.value >> shift === want;
  };
}
