/**
 * IpAddress/NotIpAddress: the context address (IPv4 or IPv6) inside any of the policy's CIDR
 * blocks. An unparseable address or block matches nothing.
 */
import type { ConditionOperator } from "./ConditionOperator.ts";
import { type IpBlock, ipInBlock, parseIpBlock } from "./parseIpAddress.ts";

// Requests repeat context values (the same source IP, the same times): parse each text once.
const PARSED = new Map<string, IpBlock | undefined>();

function memo(text: string): IpBlock | undefined {
  if (PARSED.has(text)) return PARSED.get(text);
  const v = parseIpBlock(text);
  if (PARSED.size >= 4096) PARSED.clear();
  PARSED.set(text, v);
  return v;
}

function ip(name: string, negated: boolean): ConditionOperator<IpBlock> {
  return {
    name,
    family: "IpAddress",
    negated,
    allowsVariables: false,
    compileValue: parseIpBlock,
    matches(value, pv) {
      const addr = memo(value);
      return addr !== undefined && ipInBlock(addr, pv);
    },
  };
}

export const ipAddressOperators = [ip("IpAddress", false), ip("NotIpAddress", true)] as ConditionOperator[];
