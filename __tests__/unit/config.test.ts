import { describe, expect, it } from '@jest/globals'
import { makePlan } from '../../src/pipeline/plan.js'
import { nixConfig } from '../../src/nix/config.js'

describe('nix.conf for the build', () => {
  it('adds extra-platforms only for emulated builds, after the runner config', () => {
    const host = { system: 'x86_64-linux' as const, binfmt: [], canEmulate: true, builders: [], docker: true }
    const emulated = makePlan({ containers: [{ name: 'a' }], systems: ['x86_64-linux', 'aarch64-linux'], flake: '.', emulate: 'auto', test: true }, host)
    expect(nixConfig(emulated, 'max-jobs = 4', 'substituters =')).toBe(
      'substituters =\nextra-experimental-features = nix-command flakes\nextra-platforms = aarch64-linux\nmax-jobs = 4',
    )
    const native = makePlan({ containers: [{ name: 'a' }], systems: ['x86_64-linux'], flake: '.', emulate: 'auto', test: true }, host)
    expect(nixConfig(native, '')).toBe('extra-experimental-features = nix-command flakes')
  })
})
