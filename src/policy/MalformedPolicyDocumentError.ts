/**
 * Thrown by the strict parser for a document AWS would refuse with MalformedPolicyDocument.
 * `.message` is AWS's own text, ready for the wire. `.position` is ours, never part of the
 * message (AWS's has none): the 1-based line and column the refusal points at (where the JSON
 * stops parsing, else the start of the offending statement, else of the document), for tools
 * that show the document to a person (the console's editor). A plain Error subclass: the
 * domain layer maps it to its typed AWS error; this package imports nothing of ours.
 */
import type { SourcePosition } from "./parseJsonWithPositions.ts";

export class MalformedPolicyDocumentError extends Error {
  override name = "MalformedPolicyDocumentError";
  readonly code = "MalformedPolicyDocument";
  readonly position: SourcePosition | undefined;

  constructor(message: string, position?: SourcePosition) {
    super(message);
    this.position = position;
  }
}
