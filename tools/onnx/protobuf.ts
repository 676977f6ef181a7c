// A minimal protocol-buffers writer: varints, fixed32 floats, length-delimited bytes and nested messages.

/** Wire types of the protobuf encoding: how a field's bytes are laid out after its tag. */
const WIRE_VARINT = 0;
const WIRE_LENGTH_DELIMITED = 2;
const WIRE_FIXED32 = 5;

const TWO_TO_64 = 1n << 64n;
const UTF8 = new TextEncoder();

/**
 * Appends fields to a growing byte buffer. Fields are written in call order; a nested message is built by a
 * callback on a fresh writer, then written length-prefixed (its size is only known once it is complete).
 */
export class ProtoWriter {
  private buffer = new Uint8Array(256);
  private length = 0;

  /** An unsigned or signed integer field (int32, int64, enum, bool) as a varint; negatives take ten bytes. */
  int(field: number, value: number | bigint): this {
    this.tag(field, WIRE_VARINT);
    this.varint(value);
    return this;
  }

  /** A float field (fixed32, little-endian IEEE 754 single). */
  float(field: number, value: number): this {
    this.tag(field, WIRE_FIXED32);
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setFloat32(0, value, true);
    this.append(bytes);
    return this;
  }

  /** A bytes field. */
  bytes(field: number, data: Uint8Array): this {
    this.tag(field, WIRE_LENGTH_DELIMITED);
    this.varint(data.length);
    this.append(data);
    return this;
  }

  /** A string field, UTF-8 encoded. */
  string(field: number, text: string): this {
    return this.bytes(field, UTF8.encode(text));
  }

  /** A repeated integer field in packed form: one length-delimited run of varints. */
  packedInts(field: number, values: readonly (number | bigint)[]): this {
    const inner = new ProtoWriter();
    for (const value of values) inner.varint(value);
    return this.bytes(field, inner.finish());
  }

  /** A nested message: `build` writes its fields. */
  message(field: number, build: (writer: ProtoWriter) => void): this {
    const inner = new ProtoWriter();
    build(inner);
    return this.bytes(field, inner.finish());
  }

  /** The bytes written so far (a copy). */
  finish(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }

  /** The key of a field: its number and wire type in one varint. */
  private tag(field: number, wireType: number): void {
    if (!Number.isInteger(field) || field < 1 || field > 536_870_911) throw new RangeError(`field number ${field} is out of range`);
    this.varint(field * 8 + wireType);
  }

  /** Base-128, least significant group first, high bit set on all but the last byte. Negatives: two's complement on 64 bits. */
  varint(value: number | bigint): void {
    let rest = typeof value === 'bigint' ? value : BigInt(checkedInteger(value));
    if (rest < 0n) rest += TWO_TO_64;
    if (rest < 0n || rest >= TWO_TO_64) throw new RangeError(`${value} does not fit 64 bits`);
    do {
      const low = Number(rest & 0x7fn);
      rest >>= 7n;
      this.push(rest === 0n ? low : low | 0x80);
    } while (rest !== 0n);
  }

  private push(byte: number): void {
    this.reserve(1);
    this.buffer[this.length++] = byte;
  }

  private append(data: Uint8Array): void {
    this.reserve(data.length);
    this.buffer.set(data, this.length);
    this.length += data.length;
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + extra));
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }
}

function checkedInteger(value: number): number {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${value} is not a safe integer`);
  return value;
}
