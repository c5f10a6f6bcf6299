import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

/**
 * TensorFlow.js on its wasm backend, set explicitly, with the wasm files served by us (the browser worker
 * passes the URLs of its bundled copies; Node passes the package's dist folder). Never fetched elsewhere.
 */
let ready: Promise<void> | null = null;

export type WasmPaths =
  | string
  | Record<'tfjs-backend-wasm.wasm' | 'tfjs-backend-wasm-simd.wasm' | 'tfjs-backend-wasm-threaded-simd.wasm', string>;

export function initTf(paths: WasmPaths): Promise<void> {
  ready ??= (async () => {
    setWasmPaths(paths as string);
    if (!(await tf.setBackend('wasm'))) throw new Error('the TensorFlow.js wasm backend did not start');
    await tf.ready();
  })();
  return ready;
}

/**
 * Cᵀ Y for a column-orthonormal C (n × p) and many series Y (n × s), both row-major: the batched product
 * of every fit. C is orthonormal, so float32 loses nothing that matters (the error in fitted values is
 * about 1e-7 of ‖y‖).
 */
export function projectAll(c: Float64Array, n: number, p: number, y: Float64Array, s: number): Float64Array {
  if (tf.getBackend() !== 'wasm') throw new Error('initTf() first');
  const a = tf.tensor2d(Float32Array.from(c), [n, p]);
  const b = tf.tensor2d(Float32Array.from(y), [n, s]);
  const out = tf.matMul(a, b, true, false);
  try {
    return Float64Array.from(out.dataSync());
  } finally {
    tf.dispose([a, b, out]);
  }
}
