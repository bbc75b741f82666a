// The one error the protocol layer throws: a request that is malformed at the wire level (missing or
// unknown action, bad version, a value that fails the model's constraints). It carries AWS's code,
// HTTP status and fault side so the edge can render it with serializeErrorResponse.
// Pure: imports nothing.

export class QueryProtocolError extends Error {
  readonly code: string;
  readonly httpStatus: number;
  readonly fault: "Sender" | "Receiver";

  constructor(code: string, httpStatus: number, message: string, fault: "Sender" | "Receiver" = "Sender") {
    super(message);
    this.name = "QueryProtocolError";
    this.code = code;
    this.httpStatus = httpStatus;
    this.fault = fault;
  }
}
