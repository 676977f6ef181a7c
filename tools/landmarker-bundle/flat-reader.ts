// Reads FlatBuffer tables field by field, checking every offset, so a corrupt model fails with a clear message.

/** Thrown when bytes do not hold the FlatBuffer we expect; the message says where it went wrong. */
export class FlatBufferError extends Error {
  override name = 'FlatBufferError';
}

/** A table inside a FlatBuffer: the bytes it lives in and the absolute position of its start. */
export class FlatTable {
  constructor(readonly view: DataView, readonly position: number) {}

  /**
   * The absolute position of field `id`, or null when the field is absent.
   * Field ids count from 0 in schema order; the vtable stores them from byte 4 on, 2 bytes each.
   */
  fieldPosition(id: number): number | null {
    const vtable = this.position - readInt32(this.view, this.position);
    const vtableSize = readUint16(this.view, vtable);
    const slot = 4 + 2 * id;
    if (slot + 2 > vtableSize) return null;
    const offsetInTable = readUint16(this.view, vtable + slot);
    return offsetInTable === 0 ? null : this.position + offsetInTable;
  }

  /** How many field slots the vtable has: lets a writer refuse tables from a newer schema. */
  fieldCount(): number {
    const vtable = this.position - readInt32(this.view, this.position);
    return (readUint16(this.view, vtable) - 4) / 2;
  }

  /** Where a reference field (table, vector or string) points, as an absolute position; null when absent. */
  referencedPosition(id: number): number | null {
    const field = this.fieldPosition(id);
    return field === null ? null : followOffset(this.view, field);
  }

  uint32(id: number, defaultValue: number): number {
    const field = this.fieldPosition(id);
    return field === null ? defaultValue : readUint32(this.view, field);
  }

  uint64(id: number, defaultValue: bigint): bigint {
    const field = this.fieldPosition(id);
    if (field === null) return defaultValue;
    checkRange(this.view, field, 8);
    return this.view.getBigUint64(field, true);
  }

  int8(id: number, defaultValue: number): number {
    const field = this.fieldPosition(id);
    if (field === null) return defaultValue;
    checkRange(this.view, field, 1);
    return this.view.getInt8(field);
  }

  table(id: number): FlatTable | null {
    const target = this.referencedPosition(id);
    return target === null ? null : new FlatTable(this.view, target);
  }

  tables(id: number): FlatTable[] {
    const vector = this.vector(id, 4);
    if (vector === null) return [];
    return Array.from({ length: vector.length }, (_, i) => {
      const element = vector.start + 4 * i;
      return new FlatTable(this.view, followOffset(this.view, element));
    });
  }

  string(id: number): string | null {
    const bytes = this.bytes(id);
    return bytes === null ? null : new TextDecoder().decode(bytes);
  }

  /** A [ubyte] vector (or a string's bytes) as a view into the buffer, not a copy. */
  bytes(id: number): Uint8Array | null {
    const vector = this.vector(id, 1);
    if (vector === null) return null;
    return new Uint8Array(this.view.buffer, this.view.byteOffset + vector.start, vector.length);
  }

  int32s(id: number): number[] {
    const vector = this.vector(id, 4);
    if (vector === null) return [];
    return Array.from({ length: vector.length }, (_, i) => this.view.getInt32(vector.start + 4 * i, true));
  }

  float32s(id: number): number[] {
    const vector = this.vector(id, 4);
    if (vector === null) return [];
    return Array.from({ length: vector.length }, (_, i) => this.view.getFloat32(vector.start + 4 * i, true));
  }

  /** The element area of vector field `id`, checked to lie inside the buffer. */
  private vector(id: number, elementSize: number): { start: number; length: number } | null {
    const target = this.referencedPosition(id);
    if (target === null) return null;
    const length = readUint32(this.view, target);
    checkRange(this.view, target + 4, length * elementSize);
    return { start: target + 4, length };
  }
}

/**
 * The root table of a FlatBuffer, after checking its 4-character file identifier.
 * `label` names the buffer in error messages (a file name, say).
 */
export function readFlatRoot(bytes: Uint8Array, fileIdentifier: string, label: string): FlatTable {
  if (bytes.length < 8) {
    throw new FlatBufferError(`${label}: ${bytes.length} bytes is too short for a FlatBuffer`);
  }
  const found = new TextDecoder().decode(bytes.subarray(4, 8));
  if (found !== fileIdentifier) {
    throw new FlatBufferError(
      `${label}: file identifier is ${JSON.stringify(found)}, expected ${JSON.stringify(fileIdentifier)}`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return new FlatTable(view, followOffset(view, 0));
}

/** Runs `read`, turning any out-of-range read into an error that names the buffer. */
export function withReadContext<T>(label: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof FlatBufferError && !error.message.startsWith(label)) {
      throw new FlatBufferError(`${label}: ${error.message}`, { cause: error });
    }
    throw error;
  }
}

function followOffset(view: DataView, position: number): number {
  const target = position + readUint32(view, position);
  checkRange(view, target, 4);
  return target;
}

function readUint16(view: DataView, position: number): number {
  checkRange(view, position, 2);
  return view.getUint16(position, true);
}

function readUint32(view: DataView, position: number): number {
  checkRange(view, position, 4);
  return view.getUint32(position, true);
}

function readInt32(view: DataView, position: number): number {
  checkRange(view, position, 4);
  return view.getInt32(position, true);
}

function checkRange(view: DataView, position: number, size: number): void {
  if (position < 0 || position + size > view.byteLength) {
    throw new FlatBufferError(
      `corrupt FlatBuffer: ${size} bytes at offset ${position} lie outside its ${view.byteLength} bytes`,
    );
  }
}
