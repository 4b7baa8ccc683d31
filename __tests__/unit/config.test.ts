import { describe, expect, it } from '@jest/globals'
import { makePlan } from '../../src/pipeline/plan.js'
import { type HostFacts } from '../../src/model.js'
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

  it('adds builders and builders-use-substitutes to nix.conf, before extra-conf so it can override them', () => {
    const host: HostFacts = {
      system: 'x86_64-linux',
      binfmt: [],
      canEmulate: true,
      docker: true,
      builders: [{ uri: 'ssh-ng://b@h', systems: ['aarch64-linux'] }],
    }
    const plan = makePlan({ containers: [{ name: 'c' }], systems: ['x86_64-linux', 'aarch64-linux'], flake: '.', emulate: 'false', test: true }, host)
    expect(
      nixConfig(plan, 'builders-use-substitutes = false', 'substituters =', 'ssh-ng://b@h aarch64-linux - 1 1 - - -;@/etc/nix/machines').split('\n'),
    ).toEqual([
      'substituters =',
      'extra-experimental-features = nix-command flakes',
      'builders = ssh-ng://b@h aarch64-linux - 1 1 - - -;@/etc/nix/machines',
      'builders-use-substitutes = true',
      'builders-use-substitutes = false',
    ])
    // A detected builder needs no builders line (Nix has it already), only the substitutes hint.
    expect(nixConfig(plan, '', '')).toBe('extra-experimental-features = nix-command flakes\nbuilders-use-substitutes = true')
    const local = makePlan({ containers: [{ name: 'c' }], systems: ['x86_64-linux'], flake: '.', emulate: 'false', test: true }, host)
    expect(nixConfig(local, '', '')).not.toContain('builders')
  })
})
