// Parsing the XML of SAML documents (IdP metadata, responses) strictly: well-formed, no document
// type declaration (so no entities, internal or external: no XXE and no entity expansion), every
// parser warning treated as a failure. Returns undefined for anything else; callers turn that
// into their operation's own error. Pure.

import { DOMParser, type Document, type Element, type Node } from "@xmldom/xmldom";

export const SAML_NS = {
  assertion: "urn:oasis:names:tc:SAML:2.0:assertion",
  protocol: "urn:oasis:names:tc:SAML:2.0:protocol",
  metadata: "urn:oasis:names:tc:SAML:2.0:metadata",
  dsig: "http://www.w3.org/2000/09/xmldsig#",
} as const;

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

export function parseSamlXml(text: string): Document | undefined {
  // A DTD is never part of SAML; refusing it before parsing keeps entity handling out entirely.
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) return undefined;
  try {
    const doc = new DOMParser({
      onError: (level, message) => {
        throw new Error(`${level}: ${message}`);
      },
    }).parseFromString(text, "application/xml");
    if (doc.doctype !== null || !doc.documentElement) return undefined;
    return doc;
  } catch {
    return undefined;
  }
}

/** Element children of `parent` with this namespace and local name, in document order. */
export function childElements(parent: Node, ns: string, localName: string): Element[] {
  const out: Element[] = [];
  for (let n = parent.firstChild; n !== null; n = n.nextSibling) {
    if (n.nodeType !== ELEMENT_NODE) continue;
    const e = n as Element;
    if (e.namespaceURI === ns && e.localName === localName) out.push(e);
  }
  return out;
}

/** The one such child, or undefined when there is none or more than one. */
export function onlyChild(parent: Node, ns: string, localName: string): Element | undefined {
  const found = childElements(parent, ns, localName);
  return found.length === 1 ? found[0] : undefined;
}

/**
 * The element's whole text: every text and CDATA node beneath it, concatenated, so a comment
 * placed inside a value cannot cut it short.
 */
export function textOf(node: Node): string {
  let out = "";
  for (let n = node.firstChild; n !== null; n = n.nextSibling) {
    if (n.nodeType === TEXT_NODE || n.nodeType === CDATA_SECTION_NODE) out += n.nodeValue ?? "";
    else if (n.nodeType === ELEMENT_NODE) out += textOf(n);
  }
  return out;
}

/** Every element beneath `root` (itself included), depth first. */
export function* allElements(root: Node): Generator<Element> {
  if (root.nodeType === ELEMENT_NODE) yield root as Element;
  for (let n = root.firstChild; n !== null; n = n.nextSibling) yield* allElements(n);
}

/** True when `root` holds a node of this type anywhere beneath it. */
export function containsNodeType(root: Node, nodeType: number): boolean {
  for (let n = root.firstChild; n !== null; n = n.nextSibling) {
    if (n.nodeType === nodeType || containsNodeType(n, nodeType)) return true;
  }
  return false;
}
