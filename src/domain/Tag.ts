// A tag on an IAM resource. AWS keeps tags in the order they were added; so do we.

export interface Tag {
  readonly Key: string;
  readonly Value: string;
}

/** AWS allows at most 50 tags on one IAM resource. */
export const MAX_TAGS_PER_RESOURCE = 50;
