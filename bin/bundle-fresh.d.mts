/** True when `root` (a file: URL ending in /) holds a bundle built from its current sources. */
export function bundleIsFresh(root: URL): boolean
