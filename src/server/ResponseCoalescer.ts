// Holds the AWS endpoint's answers back until the event loop has served every request that arrived
// with them, then sends them one after another. Under load one loop turn reads many connections;
// sending each answer the moment it is ready wakes the client side once per answer, and on a
// virtual machine waking an idle CPU costs the sender tens of microseconds (the profile of a
// loaded server put a quarter of its time there). Sent together, the first answer wakes the
// client and the rest find it awake. An answer waits at most for the rest of its loop turn, which
// the requests it arrived with take anyway; alone it goes out at the end of the same turn.
// (Corking the socket is not enough: node:http uncorks it fully when a response ends.)

export class ResponseCoalescer {
  readonly #held: Array<() => void> = [];
  #scheduled = false;
  readonly #flush = (): void => {
    this.#scheduled = false;
    const held = this.#held.splice(0);
    for (const send of held) {
      try {
        send();
      } catch (err) {
        this.onError(err);
      }
    }
  };

  constructor(private readonly onError: (err: unknown) => void) {}

  /** Runs `send` (which writes one answer) once the current loop turn has read what it will. */
  hold(send: () => void): void {
    this.#held.push(send);
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(this.#flush);
    }
  }
}
