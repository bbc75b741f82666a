// Turns the form fields of an AWS Query request (`Action`, `Version`, `Tags.member.1.Key`…) into
// the operation it names and its typed, validated input. The first step of every request: errors
// here are AWS's own (MissingAction, InvalidAction, ValidationError, InvalidParameterValue).
// Pure: imports only src/generated/ and this folder.

import type { OperationModel, ServiceModel } from "../generated/ServiceModel.ts";
import { QueryProtocolError } from "./QueryProtocolError.ts";
import { readQueryInput } from "./readQueryInput.ts";

export interface ParsedQueryRequest {
  operation: OperationModel;
  input: Record<string, unknown>;
}

export function parseQueryRequest(params: URLSearchParams, model: ServiceModel): ParsedQueryRequest {
  const action = params.get("Action");
  if (action === null || action === "") {
    throw new QueryProtocolError("MissingAction", 400, "Missing Action");
  }
  // AWS resolves the operation by action *and* version, so an unknown action and a wrong or absent
  // version get the same answer; AWS spells an absent version NO_VERSION_SPECIFIED.
  const version = params.get("Version");
  const operation = Object.hasOwn(model.operations, action) ? model.operations[action] : undefined;
  if (operation === undefined || version !== model.apiVersion) {
    throw new QueryProtocolError(
      "InvalidAction",
      400,
      `Could not find operation ${action} for version ${version === null || version === "" ? "NO_VERSION_SPECIFIED" : version}`,
    );
  }
  const input = operation.input === undefined ? {} : readQueryInput(model, operation.input, params);
  return { operation, input };
}
