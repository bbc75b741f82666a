// Sends a Query-protocol request written as its flat form (`Tags.member.1.Key=…`) through the
// real AWS SDK v3 command of that name, and hands back the raw XML the server answered, read
// before the SDK parses it: for tests that compare the wire shape of answers while calling the
// way clients call (the SDK's own serialization, signing or no signing, and parsing).

import type { IAMClient } from "@aws-sdk/client-iam";
import * as iamCommands from "@aws-sdk/client-iam";
import type { STSClient } from "@aws-sdk/client-sts";
import * as stsCommands from "@aws-sdk/client-sts";

export interface SdkAnswer {
  status: number;
  body: string;
}

type Input = Record<string, unknown>;
type CommandClass = new (input: Input) => object;

/** `A.member.2.Key=v` as `{ A: [ , { Key: "v" } ] }`; scalars stay strings (the SDK writes String(value)). */
export function inputFromForm(form: Record<string, string>): Input {
  const input: Input = {};
  for (const [key, value] of Object.entries(form)) {
    if (key === "Action" || key === "Version") continue;
    const parts = key.split(".");
    let node: Input | unknown[] = input;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] ?? "";
      const last = i === parts.length - 1;
      const isList = parts[i + 1] === "member";
      const slot: string | number = Array.isArray(node) ? Number(part) - 1 : part;
      if (last) {
        (node as Record<string | number, unknown>)[slot] = value;
        break;
      }
      const container = node as Record<string | number, unknown>;
      container[slot] ??= isList ? [] : {};
      node = container[slot] as Input | unknown[];
      if (isList) i++; // skip "member": the next part is the 1-based index
    }
  }
  return input;
}

/**
 * Sends `form` (its `Action` names the command) with `client`, and returns the HTTP status and the
 * body as received. A refusal comes back as its status and error XML, not as a thrown error.
 */
export async function sendAsQuery(
  client: IAMClient | STSClient,
  form: Record<string, string>,
): Promise<SdkAnswer> {
  const action = form.Action ?? "";
  const commands = { ...stsCommands, ...iamCommands } as unknown as Record<string, CommandClass | undefined>;
  const Command = commands[`${action}Command`];
  if (!Command) throw new Error(`the AWS SDK v3 has no ${action}Command`);
  let answer: SdkAnswer | undefined;
  const command = new Command(inputFromForm(form)) as {
    middlewareStack: {
      add(
        mw: (next: (a: unknown) => Promise<{ response: unknown }>) => (a: unknown) => Promise<unknown>,
        o: object,
      ): void;
    };
  };
  // Innermost in the deserialize step: sees the response before the SDK's deserializer reads it.
  command.middlewareStack.add(
    (next) => async (args) => {
      const out = await next(args);
      const response = out.response as { statusCode: number; body: AsyncIterable<Uint8Array> | Uint8Array };
      const chunks: Uint8Array[] = [];
      if (response.body instanceof Uint8Array) chunks.push(response.body);
      else for await (const chunk of response.body) chunks.push(chunk);
      const bytes = Buffer.concat(chunks);
      answer = { status: response.statusCode, body: bytes.toString("utf8") };
      response.body = new Uint8Array(bytes);
      return out;
    },
    { step: "deserialize", priority: "low", name: "captureRawAnswer" },
  );
  try {
    await (client.send as (c: object) => Promise<unknown>)(command);
  } catch (err) {
    if (!answer) throw err;
  }
  if (!answer) throw new Error(`${action}: no answer captured`);
  return answer;
}
