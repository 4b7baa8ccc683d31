// Unit tests run in parallel; e2e tests share one Docker daemon, Nix store and registry, so they run in band.
const common = {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
}

export default {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/__tests__/unit/**/*.test.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/__tests__/e2e/**/*.test.ts'] },
  ],
  // e2e tests run real builds, loads and pushes: seconds each, minutes on a cold store.
  testTimeout: 300000,
  reporters: ['default', ['<rootDir>/scripts/count-reporter.cjs', {}]],
}
