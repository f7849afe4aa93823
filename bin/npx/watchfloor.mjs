#!/usr/bin/env node
// `npx watchfloor` in this repository. npm exec runs a command that the project's own
// package.json declares in "bin" by installing the project into its npx cache first, which reads
// every package in node_modules (about 0.6 s of CPU on each run); a command it finds in
// node_modules/.bin it runs at once. So the root package declares no bin, and this package
// (a `file:` dependency, linked by `npm ci`) puts `watchfloor` in node_modules/.bin. It only
// hands over to the launcher, bin/watchfloor.mjs.
import '../watchfloor.mjs'
