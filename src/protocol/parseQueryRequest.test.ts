// Tests of the Query request parser against the real IAM and STS models: dispatch errors, wire
// shapes (lists, maps, empty lists, scalars), AWS's validation messages, and hostile input.

import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { iamModel } from "../generated/iam/iamModel.ts";
import type { ServiceModel } from "../generated/ServiceModel.ts";
import { stsModel } from "../generated/sts/stsModel.ts";
import { parseQueryRequest } from "./parseQueryRequest.ts";
import { QueryProtocolError } from "./QueryProtocolError.ts";

function form(fields: Record<string, string>, model: ServiceModel = iamModel): URLSearchParams {
  return new URLSearchParams({ Version: model.apiVersion, ...fields });
}

function parse(fields: Record<string, string>, model: ServiceModel = iamModel) {
  return parseQueryRequest(form(fields, model), model);
}

function failure(fields: Record<string, string>, model: ServiceModel = iamModel): QueryProtocolError {
  try {
    parse(fields, model);
  } catch (error) {
    assert.ok(error instanceof QueryProtocolError, `expected a QueryProtocolError, got ${String(error)}`);
    return error;
  }
  assert.fail("expected the parser to throw");
}

test("dispatch: missing action, unknown action, wrong or absent version", () => {
  const cases: { params: URLSearchParams; code: string; message: string }[] = [
    {
      params: new URLSearchParams({ Version: "2010-05-08" }),
      code: "MissingAction",
      message: "Missing Action",
    },
    {
      params: new URLSearchParams({ Action: "CreateFoo", Version: "2010-05-08" }),
      code: "InvalidAction",
      message: "Could not find operation CreateFoo for version 2010-05-08",
    },
    {
      params: new URLSearchParams({ Action: "createuser", Version: "2010-05-08" }),
      code: "InvalidAction",
      message: "Could not find operation createuser for version 2010-05-08",
    },
    {
      params: new URLSearchParams({ Action: "ListUsers", Version: "2011-06-15" }),
      code: "InvalidAction",
      message: "Could not find operation ListUsers for version 2011-06-15",
    },
    {
      params: new URLSearchParams({ Action: "ListUsers" }),
      code: "InvalidAction",
      message: "Could not find operation ListUsers for version NO_VERSION_SPECIFIED",
    },
    {
      params: new URLSearchParams({ Action: "toString", Version: "2010-05-08" }),
      code: "InvalidAction",
      message: "Could not find operation toString for version 2010-05-08",
    },
  ];
  for (const c of cases) {
    assert.throws(
      () => parseQueryRequest(c.params, iamModel),
      (e: unknown) =>
        e instanceof QueryProtocolError &&
        e.code === c.code &&
        e.httpStatus === 400 &&
        e.fault === "Sender" &&
        e.message === c.message,
      c.message,
    );
  }
});

test("reads structures, lists of structures, nested lists, integers and booleans", () => {
  const cases: { name: string; model?: ServiceModel; fields: Record<string, string>; input: unknown }[] = [
    {
      name: "CreateUser with tags",
      fields: {
        Action: "CreateUser",
        UserName: "alice",
        Path: "/eng/",
        "Tags.member.1.Key": "team",
        "Tags.member.1.Value": "blue",
        "Tags.member.2.Key": "cost",
        "Tags.member.2.Value": "",
      },
      input: {
        Path: "/eng/",
        UserName: "alice",
        Tags: [
          { Key: "team", Value: "blue" },
          { Key: "cost", Value: "" },
        ],
      },
    },
    {
      name: "an empty list arrives as a bare name",
      fields: { Action: "CreateUser", UserName: "bob", Tags: "" },
      input: { UserName: "bob", Tags: [] },
    },
    {
      name: "ListUsers with MaxItems",
      fields: { Action: "ListUsers", MaxItems: "25", Marker: "abc" },
      input: { Marker: "abc", MaxItems: 25 },
    },
    {
      name: "booleans are case-insensitive",
      fields: {
        Action: "UpdateAccountPasswordPolicy",
        RequireSymbols: "TRUE",
        AllowUsersToChangePassword: "false",
      },
      input: { RequireSymbols: true, AllowUsersToChangePassword: false },
    },
    {
      name: "lists of strings and lists inside list members",
      fields: {
        Action: "SimulateCustomPolicy",
        "PolicyInputList.member.1": "{}",
        "ActionNames.member.1": "s3:GetObject",
        "ActionNames.member.2": "s3:PutObject",
        "ContextEntries.member.1.ContextKeyName": "aws:username",
        "ContextEntries.member.1.ContextKeyType": "stringList",
        "ContextEntries.member.1.ContextKeyValues.member.1": "a",
        "ContextEntries.member.1.ContextKeyValues.member.2": "b",
      },
      input: {
        PolicyInputList: ["{}"],
        ActionNames: ["s3:GetObject", "s3:PutObject"],
        ContextEntries: [
          { ContextKeyName: "aws:username", ContextKeyValues: ["a", "b"], ContextKeyType: "stringList" },
        ],
      },
    },
    {
      name: "unknown parameters are ignored, as are members past a gap",
      fields: {
        Action: "CreateUser",
        UserName: "carol",
        Bogus: "1",
        "UserName.member.1": "x",
        "Tags.member.1.Key": "k",
        "Tags.member.1.Value": "v",
        "Tags.member.3.Key": "ignored",
        "Tags.member.1.Colour": "red",
      },
      input: { UserName: "carol", Tags: [{ Key: "k", Value: "v" }] },
    },
    {
      name: "an operation without input",
      fields: { Action: "GetAccountSummary" },
      input: {},
    },
    {
      name: "STS GetSessionToken",
      model: stsModel,
      fields: {
        Action: "GetSessionToken",
        DurationSeconds: "3600",
        SerialNumber: "arn:aws:iam::123456789012:mfa/alice",
        TokenCode: "123456",
      },
      input: {
        DurationSeconds: 3600,
        SerialNumber: "arn:aws:iam::123456789012:mfa/alice",
        TokenCode: "123456",
      },
    },
  ];
  for (const c of cases) {
    const parsed = parse(c.fields, c.model);
    assert.equal(parsed.operation.name, c.fields.Action, c.name);
    assert.deepEqual(parsed.input, c.input, c.name);
  }
});

test("validation messages use AWS's exact wording", () => {
  const long = "a".repeat(65);
  const cases: { name: string; model?: ServiceModel; fields: Record<string, string>; message: string }[] = [
    {
      name: "65-character user name",
      fields: { Action: "CreateUser", UserName: long },
      message: `1 validation error detected: Value '${long}' at 'userName' failed to satisfy constraint: Member must have length less than or equal to 64`,
    },
    {
      name: "pattern",
      fields: { Action: "CreateUser", UserName: "bad name!" },
      message:
        "1 validation error detected: Value 'bad name!' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
    },
    {
      name: "empty string breaks both length and pattern",
      fields: { Action: "GetUser", UserName: "" },
      message:
        "2 validation errors detected: Value '' at 'userName' failed to satisfy constraint: Member must have length greater than or equal to 1; Value '' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
    },
    {
      name: "enum",
      fields: { Action: "UpdateAccessKey", AccessKeyId: "AKIAIOSFODNN7EXAMPLE", Status: "Paused" },
      message:
        "1 validation error detected: Value 'Paused' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive, Expired]",
    },
    {
      name: "missing required",
      fields: { Action: "CreateUser" },
      message:
        "1 validation error detected: Value null at 'userName' failed to satisfy constraint: Member must not be null",
    },
    {
      name: "nested tag key too long",
      fields: {
        Action: "CreateUser",
        UserName: "alice",
        "Tags.member.1.Key": "ok",
        "Tags.member.1.Value": "v",
        "Tags.member.2.Key": "k".repeat(129),
        "Tags.member.2.Value": "v",
      },
      message: `1 validation error detected: Value '${"k".repeat(129)}' at 'tags.2.member.key' failed to satisfy constraint: Member must have length less than or equal to 128`,
    },
    {
      name: "required member of a list element",
      fields: { Action: "TagUser", UserName: "alice", "Tags.member.1.Key": "k" },
      message:
        "1 validation error detected: Value null at 'tags.1.member.value' failed to satisfy constraint: Member must not be null",
    },
    {
      name: "number bounds",
      fields: { Action: "ListUsers", MaxItems: "0" },
      message:
        "1 validation error detected: Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1",
    },
    {
      name: "list too long",
      fields: {
        Action: "UntagUser",
        UserName: "alice",
        ...Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`TagKeys.member.${i + 1}`, "k"])),
      },
      message: `1 validation error detected: Value '[${Array(51).fill("k").join(", ")}]' at 'tagKeys' failed to satisfy constraint: Member must have length less than or equal to 50`,
    },
    {
      name: "sensitive values are never echoed",
      fields: { Action: "CreateLoginProfile", UserName: "alice", Password: "\u0001secret" },
      message:
        "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+",
    },
    {
      name: "several errors, in member order, joined by '; '",
      model: stsModel,
      fields: { Action: "AssumeRole", RoleSessionName: "x", DurationSeconds: "100" },
      message:
        "3 validation errors detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null; Value 'x' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2; Value '100' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    },
  ];
  for (const c of cases) {
    const error = failure(c.fields, c.model);
    assert.equal(error.code, "ValidationError", c.name);
    assert.equal(error.httpStatus, 400, c.name);
    assert.equal(error.message, c.message, c.name);
  }
});

test("a sensitive value is absent from every message, even on a length failure", () => {
  const password = `hunter2${"x".repeat(200)}`;
  const error = failure({ Action: "CreateLoginProfile", UserName: "alice", Password: password });
  assert.equal(error.message.includes("hunter2"), false);
  assert.match(
    error.message,
    /Value at 'password' failed to satisfy constraint: Member must have length less than/,
  );
});

test("malformed numbers and booleans are InvalidParameterValue", () => {
  for (const [field, value] of [
    ["MaxItems", "abc"],
    ["MaxItems", "1.5"],
    ["MaxItems", "99999999999"],
    ["MaxItems", ""],
  ] as const) {
    const error = failure({ Action: "ListUsers", [field]: value });
    assert.equal(error.code, "InvalidParameterValue");
    assert.equal(error.message, `Value '${value}' for parameter ${field} is invalid. Expected an integer.`);
  }
  const error = failure({ Action: "UpdateAccountPasswordPolicy", RequireSymbols: "yes" });
  assert.equal(error.code, "InvalidParameterValue");
});

test("Tag values accept the Unicode letters their Java pattern allows", () => {
  const parsed = parse({
    Action: "TagUser",
    UserName: "alice",
    "Tags.member.1.Key": "équipe",
    "Tags.member.1.Value": "日本 café",
  });
  assert.deepEqual(parsed.input.Tags, [{ Key: "équipe", Value: "日本 café" }]);
});

test("property: on arbitrary fields the parser returns or throws QueryProtocolError, nothing else", () => {
  const actions = [
    "CreateUser",
    "TagUser",
    "SimulateCustomPolicy",
    "ListUsers",
    "UpdateAccessKey",
    "Nope",
    "",
  ];
  const names = [
    "UserName",
    "Tags",
    "Tags.member.1.Key",
    "Tags.member.1.Value",
    "Tags.member.2.Key",
    "MaxItems",
  ];
  const key = fc.oneof(
    fc.constantFrom(...names, "ContextEntries.member.1.ContextKeyValues.member.1", "ActionNames.member.1"),
    fc.string(),
    fc
      .array(fc.constantFrom("Tags", "member", "1", "2", "entry", "key", "value", "Key", "Value"), {
        maxLength: 6,
      })
      .map((parts) => parts.join(".")),
  );
  const value = fc.oneof(
    fc.string(),
    fc.string({ unit: "grapheme" }),
    fc.constantFrom("", "1", "-1", "true", "x".repeat(300)),
  );
  fc.assert(
    fc.property(
      fc.constantFrom(...actions),
      fc.constantFrom("2010-05-08", "2011-06-15", ""),
      fc.array(fc.tuple(key, value), { maxLength: 12 }),
      (action, version, pairs) => {
        const params = new URLSearchParams([["Action", action], ["Version", version], ...pairs]);
        for (const model of [iamModel, stsModel]) {
          try {
            const parsed = parseQueryRequest(params, model);
            assert.equal(typeof parsed.input, "object");
          } catch (error) {
            if (!(error instanceof QueryProtocolError)) throw error;
          }
        }
      },
    ),
    { numRuns: 500 },
  );
});

test("string lengths count code points, so an emoji is one character", () => {
  const fields = { Action: "CreatePolicy", PolicyName: "p", PolicyDocument: "{}" };
  const fits = parse({ ...fields, Description: "😀".repeat(1000) });
  assert.equal(fits.input.Description, "😀".repeat(1000));
  const error = failure({ ...fields, Description: "😀".repeat(1001) });
  assert.match(
    error.message,
    /at 'description' failed to satisfy constraint: Member must have length less than or equal to 1000$/,
  );
});
