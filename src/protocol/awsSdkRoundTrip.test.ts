// Round trips with the real AWS SDK for JavaScript v3: what the SDK writes, our parser reads into the
// input the caller gave; what our serializers write, the SDK reads back into the expected output or
// error. A custom requestHandler stands in for the network, so nothing leaves the process.

import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { test } from "node:test";
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  DeleteUserCommand,
  GetUserCommand,
  IAMClient,
  ListUsersCommand,
  ListUserTagsCommand,
  SimulateCustomPolicyCommand,
  UpdateAccessKeyCommand,
} from "@aws-sdk/client-iam";
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  GetSessionTokenCommand,
  STSClient,
} from "@aws-sdk/client-sts";
// @smithy/protocol-http's HttpResponse now lives in @smithy/core (installed with the SDK).
import { HttpResponse } from "@smithy/core/transport";
import { iamModel } from "../generated/iam/iamModel.ts";
import type { ServiceModel } from "../generated/ServiceModel.ts";
import { stsModel } from "../generated/sts/stsModel.ts";
import { parseQueryRequest } from "./parseQueryRequest.ts";
import { serializeErrorResponse } from "./serializeErrorResponse.ts";
import { serializeQueryResponse } from "./serializeQueryResponse.ts";

interface Canned {
  status: number;
  xml: string;
}

/** A stand-in for the network: records each request body and answers with whatever `respond` says. */
function fakeService(respond: (body: URLSearchParams) => Canned) {
  const bodies: URLSearchParams[] = [];
  const requestHandler = {
    async handle(request: { body?: unknown }) {
      const body = new URLSearchParams(String(request.body ?? ""));
      bodies.push(body);
      const { status, xml } = respond(body);
      return {
        response: new HttpResponse({
          statusCode: status,
          headers: { "content-type": "text/xml", "x-amzn-requestid": "req-1" },
          body: Readable.from([Buffer.from(xml, "utf8")]),
        }),
      };
    },
  };
  const config = {
    region: "us-east-1",
    credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "x" },
    maxAttempts: 1,
    requestHandler,
  };
  return { bodies, iam: new IAMClient(config), sts: new STSClient(config) };
}

/** Answers every call by parsing it with our parser and serializing `output` for that operation. */
function serving(model: ServiceModel, output: unknown) {
  return fakeService((body) => {
    const { operation } = parseQueryRequest(body, model);
    return { status: 200, xml: serializeQueryResponse(model, operation, output, "req-1") };
  });
}

function withoutMetadata<T extends { $metadata?: unknown }>(result: T): Omit<T, "$metadata"> {
  const { $metadata: _, ...rest } = result;
  return rest;
}

test("SDK requests parse into the input the caller gave", async () => {
  const { iam, sts, bodies } = fakeService(() => ({ status: 200, xml: "<Empty/>" }));
  const cases: { model: ServiceModel; send: () => Promise<unknown>; action: string; input: unknown }[] = [];
  const iamCase = (action: string, input: Record<string, unknown>, send: () => Promise<unknown>) =>
    cases.push({ model: iamModel, action, input, send });

  const createUser = {
    UserName: "alice",
    Path: "/eng/",
    PermissionsBoundary: "arn:aws:iam::aws:policy/PowerUserAccess",
    Tags: [
      { Key: "team", Value: "blue" },
      { Key: "cost-centre", Value: "" },
    ],
  };
  iamCase("CreateUser", createUser, () => iam.send(new CreateUserCommand(createUser)));
  const noTags = { UserName: "bob", Tags: [] };
  iamCase("CreateUser", noTags, () => iam.send(new CreateUserCommand(noTags)));
  const updateKey = { UserName: "alice", AccessKeyId: "AKIAIOSFODNN7EXAMPLE", Status: "Inactive" as const };
  iamCase("UpdateAccessKey", updateKey, () => iam.send(new UpdateAccessKeyCommand(updateKey)));
  const listUsers = { PathPrefix: "/eng/", MaxItems: 10, Marker: "m-1" };
  iamCase("ListUsers", listUsers, () => iam.send(new ListUsersCommand(listUsers)));
  const simulate = {
    PolicyInputList: ['{"Version":"2012-10-17","Statement":[]}'],
    ActionNames: ["s3:GetObject", "iam:CreateUser"],
    ResourceArns: ["arn:aws:s3:::bucket/*"],
    ContextEntries: [
      {
        ContextKeyName: "aws:MultiFactorAuthPresent",
        ContextKeyValues: ["true"],
        ContextKeyType: "boolean" as const,
      },
      {
        ContextKeyName: "aws:TagKeys",
        ContextKeyValues: ["a", "b", "c"],
        ContextKeyType: "stringList" as const,
      },
    ],
    MaxItems: 100,
  };
  iamCase("SimulateCustomPolicy", simulate, () => iam.send(new SimulateCustomPolicyCommand(simulate)));
  const mfa = { VirtualMFADeviceName: "alice-phone", Path: "/", Tags: [{ Key: "k", Value: "v" }] };
  iamCase("CreateVirtualMFADevice", mfa, () => iam.send(new CreateVirtualMFADeviceCommand(mfa)));

  const session = {
    DurationSeconds: 3600,
    SerialNumber: "arn:aws:iam::123456789012:mfa/alice",
    TokenCode: "123456",
  };
  cases.push({
    model: stsModel,
    action: "GetSessionToken",
    input: session,
    send: () => sts.send(new GetSessionTokenCommand(session)),
  });
  const assume = {
    RoleArn: "arn:aws:iam::123456789012:role/admin",
    RoleSessionName: "alice@example.com",
    PolicyArns: [{ arn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }],
    Tags: [{ Key: "project", Value: "portcullis" }],
    TransitiveTagKeys: ["project"],
    DurationSeconds: 900,
  };
  cases.push({
    model: stsModel,
    action: "AssumeRole",
    input: assume,
    send: () => sts.send(new AssumeRoleCommand(assume)),
  });
  cases.push({
    model: stsModel,
    action: "GetCallerIdentity",
    input: {},
    send: () => sts.send(new GetCallerIdentityCommand({})),
  });

  for (const c of cases) {
    await c.send().catch(() => undefined);
    const body = bodies.at(-1);
    assert.ok(body, c.action);
    const parsed = parseQueryRequest(body, c.model);
    assert.equal(parsed.operation.name, c.action);
    assert.deepEqual(parsed.input, c.input, c.action);
  }
});

test("our responses deserialize in the SDK into the output we serialized", async () => {
  const created = new Date("2024-01-01T00:00:00Z");
  const alice = {
    Path: "/",
    UserName: "alice",
    UserId: "AIDAIOSFODNN7EXAMPLE",
    Arn: "arn:aws:iam::123456789012:user/alice",
    CreateDate: created,
  };
  const bob = {
    ...alice,
    UserName: "bob",
    Arn: "arn:aws:iam::123456789012:user/bob",
    PasswordLastUsed: new Date("2024-06-30T12:34:56Z"),
  };

  const createUser = { User: { ...alice, Tags: [{ Key: "note", Value: `<&>"' ünïcødé 😀` }] } };
  assert.deepEqual(
    withoutMetadata(
      await serving(iamModel, createUser).iam.send(new CreateUserCommand({ UserName: "alice" })),
    ),
    createUser,
  );

  const listUsers = {
    Users: [alice, bob, { ...alice, UserName: "carol" }],
    IsTruncated: true,
    Marker: "next-page",
  };
  assert.deepEqual(
    withoutMetadata(await serving(iamModel, listUsers).iam.send(new ListUsersCommand({ MaxItems: 3 }))),
    listUsers,
  );

  const emptyList = { Users: [], IsTruncated: false };
  assert.deepEqual(
    withoutMetadata(await serving(iamModel, emptyList).iam.send(new ListUsersCommand({}))),
    emptyList,
  );

  const tags = {
    Tags: [
      { Key: "a", Value: "1" },
      { Key: "b", Value: "" },
    ],
    IsTruncated: false,
  };
  assert.deepEqual(
    withoutMetadata(await serving(iamModel, tags).iam.send(new ListUserTagsCommand({ UserName: "alice" }))),
    tags,
  );

  const accessKey = {
    AccessKey: {
      UserName: "alice",
      AccessKeyId: "AKIAIOSFODNN7EXAMPLE",
      Status: "Active",
      SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      CreateDate: created,
    },
  };
  assert.deepEqual(
    withoutMetadata(
      await serving(iamModel, accessKey).iam.send(new CreateAccessKeyCommand({ UserName: "alice" })),
    ),
    accessKey,
  );

  const identity = {
    UserId: "AIDAIOSFODNN7EXAMPLE",
    Account: "123456789012",
    Arn: "arn:aws:iam::123456789012:user/alice",
  };
  assert.deepEqual(
    withoutMetadata(await serving(stsModel, identity).sts.send(new GetCallerIdentityCommand({}))),
    identity,
  );

  const session = {
    Credentials: {
      AccessKeyId: "ASIAIOSFODNN7EXAMPLE",
      SecretAccessKey: "secret",
      SessionToken: "token",
      Expiration: new Date("2030-01-01T12:00:00Z"),
    },
  };
  assert.deepEqual(
    withoutMetadata(
      await serving(stsModel, session).sts.send(new GetSessionTokenCommand({ DurationSeconds: 900 })),
    ),
    session,
  );

  const deleted = await serving(iamModel, undefined).iam.send(new DeleteUserCommand({ UserName: "alice" }));
  assert.equal(deleted.$metadata.httpStatusCode, 200);
});

test("our error responses become the SDK's errors with the right name, message, fault and status", async () => {
  const cases: {
    model: ServiceModel;
    status: number;
    error: { fault: "Sender" | "Receiver"; code: string; message: string };
    name: string;
    fault: "client" | "server";
  }[] = [
    {
      model: iamModel,
      status: 404,
      error: { fault: "Sender", code: "NoSuchEntity", message: "The user with name bob cannot be found." },
      name: "NoSuchEntityException",
      fault: "client",
    },
    {
      model: iamModel,
      status: 400,
      error: {
        fault: "Sender",
        code: "ValidationError",
        message:
          "1 validation error detected: Value 'a b' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
      },
      name: "ValidationError",
      fault: "client",
    },
    {
      model: iamModel,
      status: 409,
      error: {
        fault: "Sender",
        code: "EntityAlreadyExists",
        message: "User with name alice & <co> already exists.",
      },
      name: "EntityAlreadyExistsException",
      fault: "client",
    },
    {
      model: iamModel,
      status: 500,
      error: { fault: "Receiver", code: "ServiceFailure", message: "The request processing has failed." },
      name: "ServiceFailureException",
      fault: "server",
    },
    {
      model: stsModel,
      status: 403,
      error: {
        fault: "Sender",
        code: "AccessDenied",
        message: "User: arn:aws:iam::123456789012:user/alice is not authorized",
      },
      name: "AccessDenied",
      fault: "client",
    },
  ];
  for (const c of cases) {
    const { iam, sts } = fakeService(() => ({
      status: c.status,
      xml: serializeErrorResponse(c.error, "req-err", c.model.xmlNamespace),
    }));
    const call =
      c.model === iamModel
        ? iam.send(new GetUserCommand({ UserName: "bob" }))
        : sts.send(new GetCallerIdentityCommand({}));
    await assert.rejects(call, (e: unknown) => {
      const error = e as Error & { $fault: string; $metadata: { httpStatusCode?: number } };
      assert.equal(error.name, c.name);
      assert.equal(error.message, c.error.message);
      assert.equal(error.$fault, c.fault);
      assert.equal(error.$metadata.httpStatusCode, c.status);
      return true;
    });
  }
});
