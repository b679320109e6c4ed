import { defineConfig } from 'vitest/config';

const packages = ['protocol-types', 'client', 'mock-server', 'recorder', 'conformance'];

// Resolve workspace packages to their TypeScript sources so tests never wait for a build.
const conditions = ['@ccr-kit/source', 'module', 'node', 'import', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['@ccr-kit/source'] } },
  test: {
    projects: packages.map((name) => ({
      extends: true,
      test: {
        name,
        root: `packages/${name}`,
        include: ['test/**/*.test.ts'],
        typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
        testTimeout: 30_000,
        hookTimeout: 30_000,
      },
    })),
  },
});
