// Which regions a request may be signed for. IAM is a global service with one signing region,
// us-east-1 (AWS's SigV4 documentation: "If you use a service like IAM that uses a globally unique
// endpoint, use the default region (us-east-1)"). STS has regional endpoints, so it accepts the
// regions the server is told to serve, by default AWS's commercial regions. The verified scope's
// region is what aws:RequestedRegion then says, so a caller cannot pick a value a policy trusts.

import { SignatureDoesNotMatch } from "../domain/errors/authErrors.ts";

export const IAM_SIGNING_REGION = "us-east-1";

/** AWS's commercial ("aws" partition) regions. */
export const COMMERCIAL_REGIONS: readonly string[] = [
  "af-south-1",
  "ap-east-1",
  "ap-east-2",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-south-1",
  "ap-south-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-southeast-5",
  "ap-southeast-7",
  "ca-central-1",
  "ca-west-1",
  "eu-central-1",
  "eu-central-2",
  "eu-north-1",
  "eu-south-1",
  "eu-south-2",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "il-central-1",
  "me-central-1",
  "me-south-1",
  "mx-central-1",
  "sa-east-1",
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
];

export const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

export interface SigningRegions {
  sts: ReadonlySet<string>;
}

export function defaultSigningRegions(): SigningRegions {
  return { sts: new Set(COMMERCIAL_REGIONS) };
}

/** Throws AWS's SignatureDoesNotMatch unless `service` may be signed for `region`. */
export function checkSigningRegion(service: "iam" | "sts", region: string, regions: SigningRegions): void {
  const valid = service === "iam" ? region === IAM_SIGNING_REGION : regions.sts.has(region);
  if (valid) return;
  // AWS echoes the region; a hostile one is cut short so the message (and its audit record) stays small.
  const shown = region.length > 64 ? `${region.slice(0, 64)}...` : region;
  throw new SignatureDoesNotMatch(`Credential should be scoped to a valid region, not '${shown}'. `);
}
