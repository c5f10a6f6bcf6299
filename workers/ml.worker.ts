/// <reference lib="webworker" />
/**
 * The ML worker: forecasts, anomalies, churn and demand, on TensorFlow.js's wasm backend with its wasm
 * files bundled by us. Started by the db worker, which sends it plain series read from DuckDB.
 */
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import * as Comlink from 'comlink';
import { localMl } from '../src/ml/predictions';
import { initTf } from '../src/ml/tf';

const url = (u: string) => new URL(u, self.location.href).href;

Comlink.expose(
  localMl(() =>
    initTf({
      'tfjs-backend-wasm.wasm': url(wasmPlain),
      'tfjs-backend-wasm-simd.wasm': url(wasmSimd),
      'tfjs-backend-wasm-threaded-simd.wasm': url(wasmThreaded),
    }),
  ),
);
