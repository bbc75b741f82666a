// AWS-managed policies every catalog test expects, as [path, name]: one per kind of path, and
// ReadOnlyAccess, once abridged.

export const WELL_KNOWN_AWS_MANAGED_POLICIES: readonly (readonly [path: string, name: string])[] = [
  ["/", "AdministratorAccess"],
  ["/", "ReadOnlyAccess"],
  ["/", "AmazonS3ReadOnlyAccess"],
  ["/service-role/", "AWSLambdaBasicExecutionRole"],
  ["/job-function/", "ViewOnlyAccess"],
];
