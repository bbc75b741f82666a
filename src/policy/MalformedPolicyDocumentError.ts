/**
 * Thrown by the strict parser for a document AWS would refuse with MalformedPolicyDocument.
 * `.message` is AWS's own text, ready for the wire. A plain Error subclass: the domain layer
 * maps it to its typed AWS error; this package imports nothing of ours.
 */
export class MalformedPolicyDocumentError extends Error {
  override name = "MalformedPolicyDocumentError";
  readonly code = "MalformedPolicyDocument";
}
