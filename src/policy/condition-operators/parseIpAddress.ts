/**
 * IPv4 and IPv6 addresses and CIDR blocks for IpAddress/NotIpAddress, as 16-bit words
 * (2 for IPv4, 8 for IPv6) plus a prefix length. An address without a prefix is a /32 or /128.
 */
export interface IpBlock {
  v6: boolean;
  words: number[];
  prefix: number;
}

const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function parseV4(s: string): number[] | undefined {
  const m = V4.exec(s);
  if (!m) return undefined;
  const b = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
  if (b.some((x) => x > 255)) return undefined;
  return [((b[0] as number) << 8) | (b[1] as number), ((b[2] as number) << 8) | (b[3] as number)];
}

function parseV6(s: string): number[] | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(s)) return undefined;
  const halves = s.split("::");
  if (halves.length > 2) return undefined;
  const side = (part: string): number[] | undefined => {
    if (part === "") return [];
    const out: number[] = [];
    const groups = part.split(":");
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i] as string;
      if (i === groups.length - 1 && g.includes(".")) {
        const v4 = parseV4(g);
        if (!v4) return undefined;
        out.push(...v4);
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
        out.push(Number.parseInt(g, 16));
      }
    }
    return out;
  };
  const head = side(halves[0] as string);
  const tail = halves.length === 2 ? side(halves[1] as string) : [];
  if (!head || !tail) return undefined;
  if (halves.length === 1) return head.length === 8 ? head : undefined;
  const fill = 8 - head.length - tail.length;
  if (fill < 1) return undefined;
  return [...head, ...new Array<number>(fill).fill(0), ...tail];
}

export function parseIpBlock(text: string): IpBlock | undefined {
  const slash = text.indexOf("/");
  const addr = slash < 0 ? text : text.slice(0, slash);
  const prefixText = slash < 0 ? undefined : text.slice(slash + 1);
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return undefined;
  const v4 = parseV4(addr);
  if (v4) {
    const prefix = prefixText === undefined ? 32 : Number(prefixText);
    return prefix > 32 ? undefined : { v6: false, words: v4, prefix };
  }
  const v6 = parseV6(addr);
  if (v6) {
    const prefix = prefixText === undefined ? 128 : Number(prefixText);
    return prefix > 128 ? undefined : { v6: true, words: v6, prefix };
  }
  return undefined;
}

/** Whether `addr` lies inside `block` (same family only). */
export function ipInBlock(addr: IpBlock, block: IpBlock): boolean {
  if (addr.v6 !== block.v6) return false;
  let bits = block.prefix;
  for (let i = 0; bits > 0; i++, bits -= 16) {
    const a = addr.words[i] as number;
    const b = block.words[i] as number;
    if (bits >= 16) {
      if (a !== b) return false;
    } else {
      const mask = (0xffff << (16 - bits)) & 0xffff;
      if ((a & mask) !== (b & mask)) return false;
    }
  }
  return true;
}
