import { defineConfig } from 'tsup';

export default defineConfig({
  // The WebSocket default is picked at run time through the package.json "imports" map (#ws):
  // the ws package on Node, the global WebSocket elsewhere. Both variants are built as entries.
  entry: { index: 'src/index.ts', 'ws-node': 'src/internal/ws-node.ts', 'ws-browser': 'src/internal/ws-browser.ts' },
  external: ['#ws'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
});
