/** Frames of an animation, drawn on demand onto one canvas. */
export interface FrameSource {
  readonly count: number
  /** Draws frame `i` onto the canvas (the whole canvas). */
  draw(i: number): void
}

export type Progress = (done: number, total: number) => void

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

function checkAbort(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new DOMException('The timelapse was cancelled', 'AbortError')
}

/**
 * An animated GIF of the frames through gifenc (loaded on first use): a palette of 256 colours
 * per frame, each frame shown `frameMs` (GIF counts in hundredths, at least 2), looping.
 * Yields to the page between frames so progress paints and Cancel works.
 */
export async function encodeGif(canvas: HTMLCanvasElement, source: FrameSource, frameMs: number, onProgress: Progress, signal?: AbortSignal): Promise<Blob> {
  const { GIFEncoder, quantize, applyPalette } = await import('gifenc')
  const ctx = canvas.getContext('2d', { willReadFrequently: true })
  if (!ctx) throw new Error('This browser cannot draw on a canvas')
  const gif = GIFEncoder()
  const delay = Math.max(20, Math.round(frameMs / 10) * 10)
  for (let i = 0; i < source.count; i++) {
    checkAbort(signal)
    source.draw(i)
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height)
    const palette = quantize(data, 256)
    gif.writeFrame(applyPalette(data, palette), canvas.width, canvas.height, { palette, delay, ...(i === 0 ? { repeat: 0 } : {}) })
    onProgress(i + 1, source.count)
    await pause(0)
  }
  gif.finish()
  return new Blob([gif.bytes() as Uint8Array<ArrayBuffer>], { type: 'image/gif' })
}

/** Whether this browser can record a canvas as WebM. */
export function canRecordWebm(): boolean {
  return typeof MediaRecorder !== 'undefined' && typeof HTMLCanvasElement.prototype.captureStream === 'function' && MediaRecorder.isTypeSupported('video/webm')
}

/**
 * A WebM video of the frames: the canvas captured as a stream (a frame on each request) and
 * recorded by MediaRecorder in real time, `frameMs` a frame.
 */
export async function recordWebm(canvas: HTMLCanvasElement, source: FrameSource, frameMs: number, onProgress: Progress, signal?: AbortSignal): Promise<Blob> {
  if (!canRecordWebm()) throw new Error('This browser cannot record video; choose GIF instead')
  const stream = canvas.captureStream(0)
  const track = stream.getVideoTracks()[0] as CanvasCaptureMediaStreamTrack | undefined
  if (!track) throw new Error('The canvas gave no video track')
  const mimeType = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'].find((t) => MediaRecorder.isTypeSupported(t))!
  const recorder = new MediaRecorder(stream, { mimeType, videoBitsPerSecond: 4_000_000 })
  const chunks: Blob[] = []
  recorder.ondataavailable = (e) => {
    if (e.data.size > 0) chunks.push(e.data)
  }
  const stopped = new Promise<void>((resolve) => (recorder.onstop = () => resolve()))
  source.draw(0)
  recorder.start()
  try {
    for (let i = 0; i < source.count; i++) {
      checkAbort(signal)
      source.draw(i)
      track.requestFrame()
      onProgress(i + 1, source.count)
      await pause(frameMs)
    }
  } finally {
    recorder.stop()
    await stopped
    track.stop()
  }
  checkAbort(signal)
  return new Blob(chunks, { type: 'video/webm' })
}
