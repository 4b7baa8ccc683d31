import { describe, expect, it } from '@jest/globals'
import { buildArgs } from '../../src/nix/build.js'

describe('nix build arguments', () => {
  it('builds everything in one call with explicit installables', () => {
    expect(buildArgs(['.#packages.x86_64-linux.a', '.#packages.aarch64-linux.a'])).toEqual([
      'build',
      '--json',
      '--no-link',
      '--print-build-logs',
      '--keep-going',
      '.#packages.x86_64-linux.a',
      '.#packages.aarch64-linux.a',
    ])
  })
})
