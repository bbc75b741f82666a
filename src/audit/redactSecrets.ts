// Which members of a request or response an audit record must never keep. CloudTrail writes
// "HIDDEN_DUE_TO_SECURITY_REASONS" for such fields; we do the same, by member name at any depth.
// The names come from the service models' `sensitive` trait (every member whose shape AWS marks
// sensitive: secret keys, passwords, private keys, seeds…), plus the members the models leave
// unmarked that are credentials all the same (MFA codes, tokens, assertions).

import { iamModel } from "../generated/iam/iamModel.ts";
import type { ServiceModel } from "../generated/ServiceModel.ts";
import { stsModel } from "../generated/sts/stsModel.ts";

/** Secrets the models do not mark sensitive. */
const UNMARKED_SECRETS = [
  "SessionToken",
  "Password",
  "NewPassword",
  "OldPassword",
  "QRCodePNG",
  "AuthenticationCode1",
  "AuthenticationCode2",
  "TokenCode",
  "SAMLAssertion",
  "WebIdentityToken",
  "SSHPublicKeyBody",
];

function sensitiveMembers(model: ServiceModel): string[] {
  const names: string[] = [];
  for (const shape of Object.values(model.shapes)) {
    if (shape.type !== "structure") continue;
    for (const [name, ref] of Object.entries(shape.members)) {
      const target = model.shapes[ref.shape];
      if (target && "sensitive" in target && target.sensitive) names.push(name);
    }
  }
  return names;
}

export const SECRET_MEMBERS: ReadonlySet<string> = new Set([
  ...sensitiveMembers(iamModel),
  ...sensitiveMembers(stsModel),
  ...UNMARKED_SECRETS,
]);

export const HIDDEN = "HIDDEN_DUE_TO_SECURITY_REASONS";
