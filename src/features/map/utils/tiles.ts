/** An online tile layer: a URL template ({z}/{x}/{y}) and the attribution its provider asks for. */
export interface TileSettings {
  readonly url: string
  readonly attribution: string
}

/** Accepts only http(s) tile URL templates with {z}, {x} and {y}. */
export function isTileUrl(url: string): boolean {
  return /^https?:\/\/\S+$/i.test(url) && ['{z}', '{x}', '{y}'].every((p) => url.includes(p))
}
