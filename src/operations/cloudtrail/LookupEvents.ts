// LookupEvents, with CloudTrail's semantics, over the caller's account's audit trail: lookup
// attributes EventName and Username, StartTime/EndTime, MaxResults (1–50, default 50) and
// NextToken, newest first. Portcullis serves no CloudTrail endpoint: this is an internal
// operation the console calls through AwsRequestHandler.handleInternal, authorized as
// cloudtrail:LookupEvents (which has no resource-level permissions: the resource is "*").
// Unlike CloudTrail, which takes one lookup attribute, EventName and Username may be given
// together (both must match), so the console can filter by both.

import {
  decodeNextToken,
  encodeNextToken,
  type LookedUpEvent,
  lookedUp,
  usernameOf,
} from "../../audit/lookupEventsSemantics.ts";
import {
  InvalidLookupAttributesException,
  InvalidMaxResultsException,
  InvalidNextTokenException,
  InvalidTimeRangeException,
} from "../../domain/errors/cloudtrailErrors.ts";
import type { AuditPosition } from "../../store/ports.ts";
import { defineOperation } from "../Operation.ts";

export interface LookupEventsInput {
  LookupAttributes?: Array<{ AttributeKey: string; AttributeValue: string }>;
  /** ISO 8601 text or epoch seconds, as CloudTrail's JSON protocol sends timestamps. */
  StartTime?: string | number;
  EndTime?: string | number;
  MaxResults?: number;
  NextToken?: string;
}

export interface LookupEventsOutput {
  Events: LookedUpEvent[];
  NextToken?: string;
}

const SUPPORTED_KEYS = new Set(["EventName", "Username"]);
/** Records read per store query while filtering by user name, and at most per request. */
const BATCH = 200;
const SCAN_LIMIT = 5_000;

function timeOf(value: string | number | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const at = typeof value === "number" ? new Date(value * 1000) : new Date(value);
  // AWS wording unconfirmed
  if (Number.isNaN(at.getTime())) throw new InvalidTimeRangeException("The time is not a valid timestamp.");
  return at;
}

function attributesOf(input: LookupEventsInput): { eventName?: string; username?: string } {
  const out: { eventName?: string; username?: string } = {};
  for (const a of input.LookupAttributes ?? []) {
    if (
      !SUPPORTED_KEYS.has(a?.AttributeKey) ||
      typeof a.AttributeValue !== "string" ||
      a.AttributeValue === ""
    ) {
      // AWS wording unconfirmed
      throw new InvalidLookupAttributesException(
        `The lookup attribute ${String(a?.AttributeKey)} is not supported here, or has no value.`,
      );
    }
    if (a.AttributeKey === "EventName") out.eventName = a.AttributeValue;
    else out.username = a.AttributeValue;
  }
  return out;
}

export const LookupEvents = defineOperation<LookupEventsInput, LookupEventsOutput>({
  service: "iam",
  name: "LookupEvents",
  action: "cloudtrail:LookupEvents",
  mutating: false,
  resource: () => "*",
  async execute(input, { caller, store }) {
    const maxResults = input.MaxResults ?? 50;
    if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 50) {
      // AWS wording unconfirmed
      throw new InvalidMaxResultsException("MaxResults must be from 1 to 50.");
    }
    const since = timeOf(input.StartTime);
    const until = timeOf(input.EndTime);
    if (since && until && since > until) {
      // AWS wording unconfirmed
      throw new InvalidTimeRangeException("Start time must be before end time.");
    }
    const { eventName, username } = attributesOf(input);
    let after: AuditPosition | undefined;
    if (input.NextToken !== undefined) {
      after = decodeNextToken(input.NextToken);
      // AWS wording unconfirmed
      if (!after) throw new InvalidNextTokenException("Invalid NextToken.");
    }
    const events: LookedUpEvent[] = [];
    // One past the page tells whether another follows; a user-name filter reads in batches and
    // stops after SCAN_LIMIT records, answering what it found and a token to go on from there.
    for (let scanned = 0; scanned < SCAN_LIMIT; ) {
      const batch = await store.audit.query({
        accountId: caller.accountId,
        order: "newest-first",
        ...(since ? { since } : {}),
        // CloudTrail's EndTime is inclusive; the store's bound is not.
        ...(until ? { until: new Date(until.getTime() + 1000) } : {}),
        ...(eventName ? { eventName } : {}),
        ...(after ? { after } : {}),
        limit: username ? BATCH : maxResults + 1,
      });
      for (const record of batch) {
        scanned++;
        if (username && usernameOf(record) !== username) {
          after = { eventTime: record.eventTime, eventId: record.eventID };
          continue;
        }
        if (events.length === maxResults)
          return { Events: events, NextToken: encodeNextToken(after as AuditPosition) };
        events.push(lookedUp(record));
        after = { eventTime: record.eventTime, eventId: record.eventID };
      }
      const exhausted = batch.length < (username ? BATCH : maxResults + 1);
      if (exhausted) return { Events: events };
    }
    return { Events: events, ...(after ? { NextToken: encodeNextToken(after) } : {}) };
  },
});
