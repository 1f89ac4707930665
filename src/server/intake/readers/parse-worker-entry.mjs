// Entry of the parsing worker thread: loads the TypeScript body through tsx's API, so that the same
// file runs under `tsx`, vitest and a plain `node` with tsx installed (see parse-worker.ts; not named parse-worker.mjs, which resolvers would pick for './parse-worker').
import { tsImport } from 'tsx/esm/api';

await tsImport('./parse-worker-body.ts', import.meta.url);
