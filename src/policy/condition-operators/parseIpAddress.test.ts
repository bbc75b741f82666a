/** IP blocks for IpAddress/NotIpAddress, IPv4 and IPv6. */
import assert from "node:assert/strict";
import { it } from "node:test";
import { ipInBlock, parseIpBlock } from "./parseIpAddress.ts";

const inBlock = (addr: string, block: string) =>
  ipInBlock(
    parseIpBlock(addr) as NonNullable<ReturnType<typeof parseIpBlock>>,
    parseIpBlock(block) as NonNullable<ReturnType<typeof parseIpBlock>>,
  );

it("parses IPv4 and IPv6 forms", () => {
  assert.deepEqual(parseIpBlock("10.0.0.1"), { v6: false, words: [0x0a00, 0x0001], prefix: 32 });
  assert.deepEqual(parseIpBlock("::1")?.words, [0, 0, 0, 0, 0, 0, 0, 1]);
  assert.deepEqual(parseIpBlock("2001:db8::")?.words, [0x2001, 0xdb8, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(parseIpBlock("::ffff:192.0.2.1")?.words, [0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0201]);
  for (const bad of [
    "256.0.0.1",
    "1.2.3",
    "1.2.3.4/33",
    "::1/129",
    "1::2::3",
    "g::1",
    "1:2:3:4:5:6:7:8:9",
    "",
    "10.0.0.0/",
  ]) {
    assert.equal(parseIpBlock(bad), undefined, bad);
  }
});

it("tests membership by prefix", () => {
  assert.equal(inBlock("203.0.113.255", "203.0.113.0/24"), true);
  assert.equal(inBlock("203.0.114.0", "203.0.113.0/24"), false);
  assert.equal(inBlock("1.2.3.4", "0.0.0.0/0"), true);
  assert.equal(inBlock("192.0.2.200", "192.0.2.128/25"), true);
  assert.equal(inBlock("2001:db8:1234:5678:ffff::1", "2001:DB8:1234:5678::/64"), true);
  assert.equal(inBlock("2001:db8:1234:5679::1", "2001:DB8:1234:5678::/64"), false);
  assert.equal(inBlock("::ffff:192.0.2.1", "192.0.2.0/24"), false);
});
