// Writes and reads zip archives whose entries are stored uncompressed, the only kind MediaPipe Tasks accepts.

export interface ZipInput {
  name: string;
  data: Uint8Array;
}

export interface ZipEntry {
  name: string;
  /** 0 = stored; 8 = deflated. */
  method: number;
  crc32: number;
  compressedSize: number;
  size: number;
  /** Where the entry's bytes start in the archive. */
  dataOffset: number;
  /** The entry's bytes as stored (a view into the archive). */
  data: Uint8Array;
}

const LOCAL_HEADER_SIGNATURE = 0x04034b50;
const CENTRAL_HEADER_SIGNATURE = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY_SIGNATURE = 0x06054b50;
const LOCAL_HEADER_SIZE = 30;
const CENTRAL_HEADER_SIZE = 46;
const END_RECORD_SIZE = 22;
const METHOD_STORED = 0;
/** Version 1.0 of the zip spec suffices for stored entries without zip64. */
const VERSION_NEEDED = 10;
const VERSION_MADE_BY = 20;
/** 1980-01-01 00:00, the earliest DOS time: a fixed stamp keeps two builds byte-identical. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
/**
 * MediaPipe hands TFLite a view into the archive, so entry data is aligned like TFLite's own buffers (16 bytes),
 * by padding the local header with an extra field of this id (the one zipalign uses for the same purpose).
 */
const DATA_ALIGNMENT = 16;
const ALIGNMENT_EXTRA_FIELD_ID = 0xd935;
const EXTRA_FIELD_HEADER_SIZE = 4;
const MAX_UINT32 = 0xffffffff;

/** A zip archive holding `inputs` in order, stored (not compressed), each entry's data 16-byte aligned. */
export function writeStoredZip(inputs: readonly ZipInput[]): Uint8Array {
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  const centralHeaders: Uint8Array[] = [];
  let offset = 0;
  for (const input of inputs) {
    const name = encoder.encode(input.name);
    const crc = crc32(input.data);
    const extra = alignmentExtraField(offset + LOCAL_HEADER_SIZE + name.length);
    const local = localHeader(name, extra, crc, input.data.length);
    centralHeaders.push(centralHeader(name, crc, input.data.length, offset));
    chunks.push(local, input.data);
    offset += local.length + input.data.length;
  }
  const centralDirectorySize = centralHeaders.reduce((sum, header) => sum + header.length, 0);
  const end = endRecord(inputs.length, centralDirectorySize, offset);
  if (offset + centralDirectorySize > MAX_UINT32) throw new Error('zip archive exceeds 4 GiB; zip64 is not supported');
  return concatBytes([...chunks, ...centralHeaders, end]);
}

/** Lists an archive's entries from its central directory, whatever their compression. */
export function listZipEntries(archive: Uint8Array): ZipEntry[] {
  const view = new DataView(archive.buffer, archive.byteOffset, archive.byteLength);
  const end = findEndRecord(view);
  const entryCount = view.getUint16(end + 10, true);
  let position = view.getUint32(end + 16, true);
  const decoder = new TextDecoder();
  const entries: ZipEntry[] = [];
  for (let i = 0; i < entryCount; i++) {
    requireBytes(view, position, CENTRAL_HEADER_SIZE, 'central directory');
    if (view.getUint32(position, true) !== CENTRAL_HEADER_SIGNATURE) {
      throw new Error(`zip: no central directory header at offset ${position}`);
    }
    const nameLength = view.getUint16(position + 28, true);
    const extraLength = view.getUint16(position + 30, true);
    const commentLength = view.getUint16(position + 32, true);
    requireBytes(view, position + CENTRAL_HEADER_SIZE, nameLength, 'entry name');
    const name = decoder.decode(archive.subarray(position + CENTRAL_HEADER_SIZE, position + CENTRAL_HEADER_SIZE + nameLength));
    const compressedSize = view.getUint32(position + 20, true);
    const dataOffset = localDataOffset(view, view.getUint32(position + 42, true), name);
    requireBytes(view, dataOffset, compressedSize, `data of ${name}`);
    entries.push({
      name,
      method: view.getUint16(position + 10, true),
      crc32: view.getUint32(position + 16, true),
      compressedSize,
      size: view.getUint32(position + 24, true),
      dataOffset,
      data: archive.subarray(dataOffset, dataOffset + compressedSize),
    });
    position += CENTRAL_HEADER_SIZE + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The entries of an archive MediaPipe would accept: every entry stored, and its CRC-32 right. */
export function readStoredZip(archive: Uint8Array): ZipEntry[] {
  const entries = listZipEntries(archive);
  for (const entry of entries) {
    if (entry.method !== METHOD_STORED) {
      throw new Error(`zip entry ${entry.name} uses compression method ${entry.method}; MediaPipe expects stored (0)`);
    }
    if (entry.size !== entry.compressedSize) {
      throw new Error(`zip entry ${entry.name} is stored but its sizes differ (${entry.compressedSize} vs ${entry.size})`);
    }
    const actual = crc32(entry.data);
    if (actual !== entry.crc32) {
      throw new Error(`zip entry ${entry.name}: CRC-32 is ${hex(actual)}, header says ${hex(entry.crc32)}`);
    }
  }
  return entries;
}

const CRC_TABLE = makeCrcTable();

/** CRC-32 as zip uses it (reflected polynomial 0xEDB88320, initial and final XOR 0xFFFFFFFF). */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function makeCrcTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let bit = 0; bit < 8; bit++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

/** An extra field that pads the local header so the data after it starts on a DATA_ALIGNMENT boundary. */
function alignmentExtraField(unpaddedDataOffset: number): Uint8Array {
  let padding = (DATA_ALIGNMENT - (unpaddedDataOffset % DATA_ALIGNMENT)) % DATA_ALIGNMENT;
  if (padding === 0) return new Uint8Array(0);
  if (padding < EXTRA_FIELD_HEADER_SIZE + 2) padding += DATA_ALIGNMENT;
  const field = new Uint8Array(padding);
  const view = new DataView(field.buffer);
  view.setUint16(0, ALIGNMENT_EXTRA_FIELD_ID, true);
  view.setUint16(2, padding - EXTRA_FIELD_HEADER_SIZE, true);
  view.setUint16(4, DATA_ALIGNMENT, true);
  return field;
}

function localHeader(name: Uint8Array, extra: Uint8Array, crc: number, size: number): Uint8Array {
  const header = new Uint8Array(LOCAL_HEADER_SIZE + name.length + extra.length);
  const view = new DataView(header.buffer);
  view.setUint32(0, LOCAL_HEADER_SIGNATURE, true);
  view.setUint16(4, VERSION_NEEDED, true);
  view.setUint16(8, METHOD_STORED, true);
  view.setUint16(10, DOS_TIME, true);
  view.setUint16(12, DOS_DATE, true);
  view.setUint32(14, crc, true);
  view.setUint32(18, size, true);
  view.setUint32(22, size, true);
  view.setUint16(26, name.length, true);
  view.setUint16(28, extra.length, true);
  header.set(name, LOCAL_HEADER_SIZE);
  header.set(extra, LOCAL_HEADER_SIZE + name.length);
  return header;
}

function centralHeader(name: Uint8Array, crc: number, size: number, localHeaderOffset: number): Uint8Array {
  const header = new Uint8Array(CENTRAL_HEADER_SIZE + name.length);
  const view = new DataView(header.buffer);
  view.setUint32(0, CENTRAL_HEADER_SIGNATURE, true);
  view.setUint16(4, VERSION_MADE_BY, true);
  view.setUint16(6, VERSION_NEEDED, true);
  view.setUint16(10, METHOD_STORED, true);
  view.setUint16(12, DOS_TIME, true);
  view.setUint16(14, DOS_DATE, true);
  view.setUint32(16, crc, true);
  view.setUint32(20, size, true);
  view.setUint32(24, size, true);
  view.setUint16(28, name.length, true);
  view.setUint32(42, localHeaderOffset, true);
  header.set(name, CENTRAL_HEADER_SIZE);
  return header;
}

function endRecord(entryCount: number, centralDirectorySize: number, centralDirectoryOffset: number): Uint8Array {
  const record = new Uint8Array(END_RECORD_SIZE);
  const view = new DataView(record.buffer);
  view.setUint32(0, END_OF_CENTRAL_DIRECTORY_SIGNATURE, true);
  view.setUint16(8, entryCount, true);
  view.setUint16(10, entryCount, true);
  view.setUint32(12, centralDirectorySize, true);
  view.setUint32(16, centralDirectoryOffset, true);
  return record;
}

/** The end record sits in the last 22 bytes, or earlier by the length of an archive comment (at most 65535). */
function findEndRecord(view: DataView): number {
  const lowest = Math.max(0, view.byteLength - END_RECORD_SIZE - 0xffff);
  for (let position = view.byteLength - END_RECORD_SIZE; position >= lowest; position--) {
    if (view.getUint32(position, true) === END_OF_CENTRAL_DIRECTORY_SIGNATURE) return position;
  }
  throw new Error(`not a zip archive: no end-of-central-directory record in its ${view.byteLength} bytes`);
}

function localDataOffset(view: DataView, headerOffset: number, name: string): number {
  requireBytes(view, headerOffset, LOCAL_HEADER_SIZE, `local header of ${name}`);
  if (view.getUint32(headerOffset, true) !== LOCAL_HEADER_SIGNATURE) {
    throw new Error(`zip: no local header for ${name} at offset ${headerOffset}`);
  }
  const nameLength = view.getUint16(headerOffset + 26, true);
  const extraLength = view.getUint16(headerOffset + 28, true);
  return headerOffset + LOCAL_HEADER_SIZE + nameLength + extraLength;
}

function requireBytes(view: DataView, position: number, size: number, what: string): void {
  if (position + size > view.byteLength) {
    throw new Error(`zip: ${what} (${size} bytes at offset ${position}) runs past the archive's end`);
  }
}

function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const result = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    result.set(part, offset);
    offset += part.length;
  }
  return result;
}

function hex(value: number): string {
  return `0x${value.toString(16).padStart(8, '0')}`;
}
