/**
 * IpAddress/NotIpAddress: the context address (IPv4 or IPv6) inside any of the policy's CIDR
 * blocks. An unparseable address or block matches nothing.
 */
import type { ConditionOperator } from "./ConditionOperator.ts";
import { type IpBlock, ipInBlock, parseIpBlock } from "./parseIpAddress.ts";

function ip(name: string, negated: boolean): ConditionOperator<IpBlock> {
  return {
    name,
    family: "IpAddress",
    negated,
    allowsVariables: false,
    compileValue: parseIpBlock,
    matches(value, pv) {
      const addr = parseIpBlock(value);
      return addr !== undefined && ipInBlock(addr, pv);
    },
  };
}

export const ipAddressOperators = [ip("IpAddress", false), ip("NotIpAddress", true)] as ConditionOperator[];
