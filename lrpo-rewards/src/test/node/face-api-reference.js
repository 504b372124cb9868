/*
 * Reference outputs for the Java port of face-api's networks (org.lrpo.rewards.faces).
 *
 * Runs @vladmandic/face-api 1.7.15 as its authors intended under Node 20: the package's
 * dist/face-api.node-wasm.js bundle on TensorFlow.js 4.22.0 with the WASM backend (or the pure-JS
 * 'cpu' backend: --backend cpu). Nothing here re-implements a network: every number comes from
 * face-api's own API (computeFaceDescriptor, detectLandmarks of the full and the tiny 68-point nets,
 * locateFaces of the tiny face detector).
 *
 * Pixels: JPEG/PNG decoding is done by the Java test, not here, so that both sides see identical
 * pixels (Node has no built-in image decoder, and two decoders may round differently). The Java test
 * writes each image as raw interleaved RGB bytes (height x width x 3, row-major) plus a JSON index:
 *
 *   { "modelDir": "...", "images": [ { "name": "...", "file": "x.rgb", "width": W, "height": H } ],
 *     "descriptor": ["name", ...], "landmarks": ["name", ...],
 *     "detection": [ { "image": "name", "inputSize": 416, "scoreThreshold": 0.5 } ],
 *     "benchmark": { "image": "name", "repeats": 5 } }
 *
 * Each image becomes a float32 tf.Tensor3D [H, W, 3] with values 0..255, which is what face-api does
 * with a decoded image (it casts to float32 before padding and resizing).
 *
 * Usage: node face-api-reference.js <inputs.json> <output.json> [--backend wasm|cpu]
 */
'use strict';

const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs');
const wasm = require('@tensorflow/tfjs-backend-wasm');
const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');

function parseArgs(argv) {
  const args = { backend: 'wasm', positional: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--backend') args.backend = argv[++i];
    else args.positional.push(argv[i]);
  }
  if (args.positional.length !== 2) {
    throw new Error('usage: node face-api-reference.js <inputs.json> <output.json> [--backend wasm|cpu]');
  }
  if (args.backend !== 'wasm' && args.backend !== 'cpu') {
    throw new Error(`--backend must be wasm or cpu, got ${args.backend}`);
  }
  return args;
}

function readImage(dir, entry) {
  const bytes = fs.readFileSync(path.join(dir, entry.file));
  const expected = entry.width * entry.height * 3;
  if (bytes.length !== expected) {
    throw new Error(`${entry.file}: expected ${expected} bytes for ${entry.width}x${entry.height} RGB, got ${bytes.length}`);
  }
  return tf.tensor3d(Float32Array.from(bytes), [entry.height, entry.width, 3], 'float32');
}

async function timeDescriptors(tensors, repeats) {
  // Warm-up once so that kernel compilation and first allocations are not timed.
  await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(tensors.length === 1 ? tensors[0] : tensors);
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < repeats; r++) {
    await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(tensors.length === 1 ? tensors[0] : tensors);
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return (repeats * tensors.length) / seconds;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const inputsPath = path.resolve(args.positional[0]);
  const spec = JSON.parse(fs.readFileSync(inputsPath, 'utf8'));
  const dir = path.dirname(inputsPath);

  if (args.backend === 'wasm') {
    // The .wasm binaries ship in the backend's own dist folder; never fetch them from a CDN.
    wasm.setWasmPaths(path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), '/'));
  }
  await tf.setBackend(args.backend);
  await tf.ready();

  await faceapi.nets.faceRecognitionNet.loadFromDisk(spec.modelDir);
  await faceapi.nets.faceLandmark68Net.loadFromDisk(spec.modelDir);
  await faceapi.nets.faceLandmark68TinyNet.loadFromDisk(spec.modelDir);
  await faceapi.nets.tinyFaceDetector.loadFromDisk(spec.modelDir);

  const images = {};
  for (const entry of spec.images) images[entry.name] = readImage(dir, entry);
  const image = (name) => {
    if (!images[name]) throw new Error(`unknown image ${name}`);
    return images[name];
  };

  const out = {
    faceApiVersion: faceapi.version,
    tfjsVersion: tf.version_core,
    backend: tf.getBackend(),
    descriptors: {},
    landmarks: {},
    landmarksTiny: {},
    detections: [],
    speed: {},
  };

  for (const name of spec.descriptor || []) {
    out.descriptors[name] = Array.from(await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(image(name)));
  }
  for (const name of spec.landmarks || []) {
    const lm = await faceapi.nets.faceLandmark68Net.detectLandmarks(image(name));
    out.landmarks[name] = lm.positions.map((p) => [p.x, p.y]);
    const tiny = await faceapi.nets.faceLandmark68TinyNet.detectLandmarks(image(name));
    out.landmarksTiny[name] = tiny.positions.map((p) => [p.x, p.y]);
  }
  for (const det of spec.detection || []) {
    const options = new faceapi.TinyFaceDetectorOptions({ inputSize: det.inputSize, scoreThreshold: det.scoreThreshold });
    const faces = await faceapi.nets.tinyFaceDetector.locateFaces(image(det.image), options);
    out.detections.push({
      image: det.image,
      inputSize: det.inputSize,
      scoreThreshold: det.scoreThreshold,
      faces: faces.map((f) => ({ x: f.box.x, y: f.box.y, width: f.box.width, height: f.box.height, score: f.score })),
    });
  }
  if (spec.benchmark) {
    const t = image(spec.benchmark.image);
    const repeats = spec.benchmark.repeats || 5;
    out.speed.descriptorsPerSecondBatch1 = await timeDescriptors([t], repeats * 9);
    out.speed.descriptorsPerSecondBatch9 = await timeDescriptors(Array(9).fill(t), repeats);
  }

  fs.writeFileSync(args.positional[1], JSON.stringify(out));
  process.stdout.write(`face-api ${out.faceApiVersion} on tfjs ${out.tfjsVersion} (${out.backend}): `
    + `${Object.keys(out.descriptors).length} descriptors, ${Object.keys(out.landmarks).length} landmark sets, `
    + `${out.detections.length} detection runs -> ${args.positional[1]}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err.stack || err}\n`);
  process.exit(1);
});
