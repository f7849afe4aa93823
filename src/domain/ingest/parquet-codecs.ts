/**
 * Parquet decompressors for hyparquet without WebAssembly: the Content-Security-Policy has no
 * `wasm-unsafe-eval`, and hyparquet-compressors' own map compiles a WebAssembly Snappy codec
 * as it loads. Snappy is left to hyparquet's built-in JavaScript decoder; gzip, Brotli and LZ4
 * come from hyparquet-compressors' JavaScript sources, Zstandard from fzstd.
 */
import type { Compressors } from 'hyparquet'
import { decompress as decompressZstd } from 'fzstd'
import { decompressBrotli } from 'hyparquet-compressors/src/brotli.js'
import { gunzip } from 'hyparquet-compressors/src/gzip.js'
import { decompressLz4, decompressLz4Raw } from 'hyparquet-compressors/src/lz4.js'

export const PARQUET_CODECS: Compressors = {
  GZIP: (input, length) => gunzip(input, new Uint8Array(length)),
  BROTLI: decompressBrotli,
  ZSTD: (input) => decompressZstd(input),
  LZ4: decompressLz4,
  LZ4_RAW: decompressLz4Raw,
}
