// DecodeAuthorizationMessage: the clear text of an encoded authorization message, for a caller of
// the account it concerns that may call sts:DecodeAuthorizationMessage. A message sealed for
// another account, or not sealed here, is InvalidAuthorizationMessageException: it tells nothing.

import { decodeAuthorizationMessage } from "../../auth/session/AuthorizationMessage.ts";
import { InvalidAuthorizationMessageException } from "../../domain/errors/stsErrors.ts";
import type {
  DecodeAuthorizationMessageRequest,
  DecodeAuthorizationMessageResponse,
} from "../../generated/sts/stsShapes.ts";
import { defineOperation } from "../Operation.ts";

export const DecodeAuthorizationMessage = defineOperation<
  DecodeAuthorizationMessageRequest,
  DecodeAuthorizationMessageResponse
>({
  service: "sts",
  name: "DecodeAuthorizationMessage",
  action: "sts:DecodeAuthorizationMessage",
  mutating: false,
  resource: () => "*",
  async execute(input, { caller, sealer }) {
    const message = decodeAuthorizationMessage(input.EncodedMessage, caller.accountId, sealer);
    if (!message) throw new InvalidAuthorizationMessageException();
    return { DecodedMessage: JSON.stringify(message) };
  },
});
