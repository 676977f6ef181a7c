// The landmarker-bundle builder: metadata parses back, loader offsets, stored zip, determinism and clear errors.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DETECTOR_ENTRY, LANDMARKS_ENTRY, buildLandmarkerBundle, buildLandmarkerBundles,
} from '../../tools/landmarker-bundle/build.ts';
import {
  HANDS_PACKAGE_INPUT_FILES, type HandNetworks, findHandsPackage, parsePackedAssetRanges, readHandNetworks,
} from '../../tools/landmarker-bundle/hands-package.ts';
import { crc32, listZipEntries, readStoredZip, writeStoredZip } from '../../tools/landmarker-bundle/stored-zip.ts';
import { addImageModelMetadata, readModelMetadata } from '../../tools/landmarker-bundle/tflite-metadata.ts';
import {
  TFLITE_METADATA_NAME, readImageInputShape, readMetadataBuffer, readMetadataEntryNames, readOutputTensorNames,
} from '../../tools/landmarker-bundle/tflite-model.ts';

const handsDirectory = findHandsPackage();
const networks: HandNetworks = readHandNetworks(handsDirectory);
const about = { name: 'test_model', description: 'a model under test', version: 'test 1' };
const fileIdentifier = (bytes: Uint8Array) => new TextDecoder().decode(bytes.subarray(4, 8));

const sourceNetworks: [string, Uint8Array][] = [
  ['palm_detection_full', networks.palmDetectionFull],
  ['palm_detection_lite', networks.palmDetectionLite],
  ['hand_landmark_full', networks.handLandmarkFull],
  ['hand_landmark_lite', networks.handLandmarkLite],
];

describe('parsePackedAssetRanges', () => {
  it('finds both palm detectors in the real loader, back to back, ending at the package size', () => {
    const loader = readFileSync(join(handsDirectory, 'hands_solution_packed_assets_loader.js'), 'utf8');
    const { ranges, packageSize } = parsePackedAssetRanges(loader);
    const full = ranges.get('palm_detection_full.tflite');
    const lite = ranges.get('palm_detection_lite.tflite');
    expect(full).toBeDefined();
    expect(lite).toBeDefined();
    expect(full!.end).toBe(lite!.start);
    expect(lite!.end).toBe(packageSize);
    expect(packageSize).toBe(readFileSync(join(handsDirectory, 'hands_solution_packed_assets.data')).length);
  });

  it('slices real TFLite models out of the packed data', () => {
    expect(fileIdentifier(networks.palmDetectionFull)).toBe('TFL3');
    expect(fileIdentifier(networks.palmDetectionLite)).toBe('TFL3');
  });

  it('parses a synthetic loader, keyed by file name, with braces inside strings', () => {
    const loader = `var loadPackage = function(metadata) { if (x) { y(); } };
      loadPackage({"files": [{"filename": "/a/b/odd}{name.txt", "start": 0, "end": 4},
        {"filename": "/c/model.tflite", "start": 4, "end": 10}], "remote_package_size": 10});`;
    const { ranges, packageSize } = parsePackedAssetRanges(loader);
    expect(packageSize).toBe(10);
    expect(Object.fromEntries(ranges)).toEqual({
      'odd}{name.txt': { start: 0, end: 4 },
      'model.tflite': { start: 4, end: 10 },
    });
  });

  it('rejects a loader without a manifest, or with a range past the package end', () => {
    expect(() => parsePackedAssetRanges('console.log(1)')).toThrow(/no loadPackage/);
    expect(() => parsePackedAssetRanges(
      'loadPackage({"files": [{"filename": "x", "start": 0, "end": 11}], "remote_package_size": 10})',
    )).toThrow(/bad file entry/);
  });
});

describe('TFLite metadata', () => {
  it.each(sourceNetworks)('%s: parses back what was written, keeping the graph and old metadata', (label, model) => {
    const written = addImageModelMetadata(model, about, label);
    const input = readImageInputShape(model, label);
    const metadata = readModelMetadata(written, label);

    expect(fileIdentifier(written)).toBe('TFL3');
    expect(fileIdentifier(readMetadataBuffer(written, TFLITE_METADATA_NAME, label)!)).toBe('M001');
    expect(metadata.entryNames).toEqual([...readMetadataEntryNames(model, label), TFLITE_METADATA_NAME]);
    expect(metadata.entryNames).toContain('min_runtime_version');
    expect(metadata).toMatchObject({ name: 'test_model', version: 'test 1', minParserVersion: '1.0.0' });
    expect(metadata.inputs).toHaveLength(1);
    expect(metadata.inputs[0]).toMatchObject({
      name: input.tensorName,
      colorSpace: 1,
      imageSize: { width: input.width, height: input.height },
      normalization: { mean: [0], std: [255] },
      stats: { min: [0], max: [1] },
    });
    expect(metadata.outputNames).toEqual(readOutputTensorNames(model, label));

    // The old model is kept byte for byte after a 16-byte-multiple header, so its buffers stay aligned.
    expect((written.length - model.length) % 16).toBe(0);
    expect(Buffer.from(written.subarray(written.length - model.length)).equals(model)).toBe(true);
    expect(readImageInputShape(written, label)).toEqual(input);
    expect(readMetadataBuffer(written, 'min_runtime_version', label)).toEqual(readMetadataBuffer(model, 'min_runtime_version', label));
  });

  it('reads the input sizes from the models: 192x192 palm detectors, 224x224 landmark networks', () => {
    const sizes = sourceNetworks.map(([label, model]) => {
      const { width, height, channels } = readImageInputShape(model, label);
      return `${label} ${width}x${height}x${channels}`;
    });
    expect(sizes).toEqual([
      'palm_detection_full 192x192x3', 'palm_detection_lite 192x192x3',
      'hand_landmark_full 224x224x3', 'hand_landmark_lite 224x224x3',
    ]);
  });

  it('replaces an existing TFLITE_METADATA entry instead of adding a second one', () => {
    const once = addImageModelMetadata(networks.handLandmarkLite, about, 'lite');
    const twice = addImageModelMetadata(once, { ...about, name: 'second' }, 'lite');
    const names = readModelMetadata(twice).entryNames;
    expect(names.filter((name) => name === TFLITE_METADATA_NAME)).toHaveLength(1);
    expect(readModelMetadata(twice).name).toBe('second');
  });

  it('explains what is wrong with a truncated or foreign model, naming it', () => {
    const truncated = networks.palmDetectionLite.slice(0, 64);
    expect(() => addImageModelMetadata(truncated, about, 'palm.tflite')).toThrow(/^palm\.tflite: .*outside its 64 bytes/);
    const foreign = new TextEncoder().encode('PK\u0003\u0004 this is not a model');
    expect(() => addImageModelMetadata(foreign, about, 'x.tflite')).toThrow(/x\.tflite: file identifier is .*expected "TFL3"/);
    expect(() => readModelMetadata(networks.palmDetectionLite, 'plain')).toThrow(/plain: has no TFLITE_METADATA/);
  });
});

describe('stored zip', () => {
  const inputs = [
    { name: 'a.txt', data: new TextEncoder().encode('123456789') },
    { name: 'folder/b.bin', data: new Uint8Array([0, 255, 7]) },
    { name: 'empty', data: new Uint8Array(0) },
  ];

  it('computes the standard CRC-32 check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('reads back stored entries with their names, data and CRCs, each 16-byte aligned', () => {
    const entries = readStoredZip(writeStoredZip(inputs));
    expect(entries.map((entry) => entry.name)).toEqual(inputs.map((input) => input.name));
    entries.forEach((entry, i) => {
      expect(entry.method).toBe(0);
      expect(entry.data).toEqual(inputs[i].data);
      expect(entry.crc32).toBe(crc32(inputs[i].data));
      expect(entry.dataOffset % 16).toBe(0);
    });
  });

  it('rejects a wrong CRC, a compressed entry and bytes that are not a zip', () => {
    const archive = writeStoredZip(inputs);
    const [first] = listZipEntries(archive);
    const corrupt = archive.slice();
    corrupt[first.dataOffset] ^= 0xff;
    expect(() => readStoredZip(corrupt)).toThrow(/a\.txt: CRC-32/);

    const deflated = archive.slice();
    const view = new DataView(deflated.buffer);
    for (let i = 0; i + 4 <= deflated.length; i++) {
      if (view.getUint32(i, true) === 0x04034b50) view.setUint16(i + 8, 8, true);
      if (view.getUint32(i, true) === 0x02014b50) view.setUint16(i + 10, 8, true);
    }
    expect(() => readStoredZip(deflated)).toThrow(/compression method 8/);
    expect(() => listZipEntries(new Uint8Array(100))).toThrow(/not a zip archive/);
  });
});

describe('landmarker bundles', () => {
  const bundles = buildLandmarkerBundles(networks);

  it.each([
    ['full', networks.palmDetectionFull, networks.handLandmarkFull],
    ['lite', networks.palmDetectionLite, networks.handLandmarkLite],
  ] as const)('%s holds the detector and the landmark network, stored, with image metadata', (variant, palm, landmarks) => {
    const bundle = bundles.find((candidate) => candidate.variant === variant)!;
    const entries = readStoredZip(bundle.bytes);
    expect(entries.map((entry) => entry.name)).toEqual([DETECTOR_ENTRY, LANDMARKS_ENTRY]);
    const [detector, landmarker] = entries.map((entry) => readModelMetadata(entry.data, entry.name));
    const palmInput = readImageInputShape(palm, 'palm');
    const landmarkInput = readImageInputShape(landmarks, 'landmarks');
    expect(detector.inputs[0].imageSize).toEqual({ width: palmInput.width, height: palmInput.height });
    expect(landmarker.inputs[0].imageSize).toEqual({ width: landmarkInput.width, height: landmarkInput.height });
    expect(detector.inputs[0].normalization).toEqual({ mean: [0], std: [255] });
  });

  it('is deterministic: two builds give the same bytes', () => {
    for (const variant of ['full', 'lite'] as const) {
      const first = buildLandmarkerBundle(networks, variant);
      const second = buildLandmarkerBundle(readHandNetworks(handsDirectory), variant);
      expect(Buffer.compare(first, second)).toBe(0);
    }
  });
});

describe('hands package errors', () => {
  let scratch = '';
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'landmarker-bundle-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('says how to fix a missing @mediapipe/hands', () => {
    expect(() => findHandsPackage(scratch)).toThrow(/@mediapipe\/hands is not installed.*npm install/);
  });

  it('names the missing file of an incomplete package', () => {
    expect(() => readHandNetworks(scratch)).toThrow(/hands_solution_packed_assets\.data is missing/);
  });

  it('notices a truncated packed data file', () => {
    for (const file of HANDS_PACKAGE_INPUT_FILES) {
      const source = join(handsDirectory, file);
      if (file.endsWith('.data')) writeFileSync(join(scratch, file), readFileSync(source).subarray(0, 1000));
      else if (file.endsWith('.tflite')) symlinkSync(source, join(scratch, file));
      else copyFileSync(source, join(scratch, file));
    }
    expect(() => readHandNetworks(scratch)).toThrow(/is 1000 bytes but its loader says \d+/);
  });
});
