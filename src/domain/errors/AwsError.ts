// The base of every error Portcullis answers with on purpose. Each subclass carries AWS's error
// code, HTTP status and fault side; the server renders it once, at the edge. Messages must never
// contain a secret: they are returned to the caller and written to the audit trail.

export type Fault = "Sender" | "Receiver";

export class AwsError extends Error {
  readonly code: string;
  readonly httpStatus: number;
  readonly fault: Fault;

  constructor(code: string, httpStatus: number, message: string, fault: Fault = "Sender") {
    super(message);
    this.name = code;
    this.code = code;
    this.httpStatus = httpStatus;
    this.fault = fault;
  }
}
