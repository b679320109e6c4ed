import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/cli.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  // Optional at run time: loaded only by the official-client adapter, with a message when missing.
  external: ['@anthropic-ai/claude-agent-sdk', '@anthropic-ai/claude-agent-sdk/browser', 'ws'],
});
