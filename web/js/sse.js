// A text/event-stream reader for fetch bodies: EventSource cannot POST, and the copilot's question
// travels in a POST body. Follows the HTML spec's parsing rules (any line ending, "field: value",
// several data lines joined by "\n", comments ignored), fed with whatever chunks the network brings.

export class EventStreamParser {
  /** @param {(event: {event: string, data: string, id: string|null}) => void} onEvent */
  constructor(onEvent) {
    this.onEvent = onEvent;
    this.buffer = '';
    this.eventType = '';
    this.data = [];
    this.lastId = null;
  }

  push(chunk) {
    this.buffer += chunk;
    for (;;) {
      const end = this.buffer.search(/\r\n|\r|\n/);
      if (end < 0) return;
      // A lone \r at the end of a chunk may be the first half of \r\n: wait for the next chunk.
      if (this.buffer[end] === '\r' && end === this.buffer.length - 1) return;
      const length = this.buffer.startsWith('\r\n', end) ? 2 : 1;
      const line = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + length);
      this.line(line);
    }
  }

  /** The stream ended: a last event without its blank line still counts (a server that closes early). */
  end() {
    if (this.buffer) this.line(this.buffer);
    this.buffer = '';
    this.dispatch();
  }

  line(line) {
    if (line === '') {
      this.dispatch();
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.eventType = value;
    else if (field === 'data') this.data.push(value);
    else if (field === 'id' && !value.includes('\0')) this.lastId = value;
  }

  dispatch() {
    if (this.data.length === 0) {
      this.eventType = '';
      return;
    }
    const event = { event: this.eventType || 'message', data: this.data.join('\n'), id: this.lastId };
    this.eventType = '';
    this.data = [];
    this.onEvent(event);
  }
}
