import { describe, expect, it } from '@jest/globals'
import { type HostFacts, makePlan, PlanError, loadOrder } from '../../src/plan.js'
import type { LinuxSystem } from '../../src/platform.js'
import type { Emulate } from '../../src/inputs.js'

const both: LinuxSystem[] = ['x86_64-linux', 'aarch64-linux']
const linuxX64: HostFacts = { system: 'x86_64-linux', binfmt: [], canEmulate: true, builders: [], docker: true }
const linuxArm: HostFacts = { ...linuxX64, system: 'aarch64-linux' }
const rosetta = { uri: 'ssh-ng://builder@rosetta-builder', systems: both }
// macOS cannot run here: these cases check the planner's choices for a darwin host, not a real Mac.
const macArm: HostFacts = { system: 'aarch64-darwin', binfmt: [], canEmulate: false, builders: [], docker: false }

function plan(host: HostFacts, emulate: Emulate = 'auto', systems = both, test = true) {
  return makePlan({ containers: ['fdContainer'], systems, flake: '.', emulate, test }, host)
}
const strategies = (p: ReturnType<typeof plan>) => p.entries.map((e) => `${e.system}:${e.build}/${e.run}`)

describe('makePlan', () => {
  it.each<[string, HostFacts, Emulate, string[], string[]]>([
    ['x86_64 runner, auto', linuxX64, 'auto', ['x86_64-linux:native/native', 'aarch64-linux:emulated/emulated'], ['aarch64-linux']],
    ['arm runner, auto', linuxArm, 'auto', ['x86_64-linux:emulated/emulated', 'aarch64-linux:native/native'], ['x86_64-linux']],
    ['x86_64 runner, emulate true', linuxX64, 'true', ['x86_64-linux:native/native', 'aarch64-linux:emulated/emulated'], ['aarch64-linux']],
    ['x86_64 runner with an aarch64 builder, auto: remote, tested under QEMU', { ...linuxX64, builders: [rosetta] }, 'auto', ['x86_64-linux:native/native', 'aarch64-linux:remote/emulated'], ['aarch64-linux']],
    ['x86_64 runner with a builder, emulate false: remote, not run', { ...linuxX64, builders: [rosetta] }, 'false', ['x86_64-linux:native/native', 'aarch64-linux:remote/none'], []],
    ['x86_64 runner with a builder, emulate true: QEMU wins', { ...linuxX64, builders: [rosetta] }, 'true', ['x86_64-linux:native/native', 'aarch64-linux:emulated/emulated'], ['aarch64-linux']],
    ['x86_64 runner without sudo but with binfmt registered', { ...linuxX64, canEmulate: false, binfmt: ['aarch64-linux'] }, 'auto', ['x86_64-linux:native/native', 'aarch64-linux:emulated/emulated'], ['aarch64-linux']],
    ['macOS (planner only, no Mac here) with the rosetta builder', { ...macArm, builders: [rosetta] }, 'auto', ['x86_64-linux:remote/none', 'aarch64-linux:remote/none'], []],
    ['macOS (planner only) with a builder and Docker Desktop', { ...macArm, builders: [rosetta], docker: true }, 'auto', ['x86_64-linux:remote/docker-vm', 'aarch64-linux:remote/docker-vm'], []],
    ['runner without docker builds but runs nothing', { ...linuxX64, docker: false }, 'auto', ['x86_64-linux:native/none', 'aarch64-linux:emulated/none'], ['aarch64-linux']],
  ])('%s', (_, host, emulate, expected, emulated) => {
    const p = plan(host, emulate)
    expect(strategies(p)).toEqual(expected)
    expect(p.emulate).toEqual(emulated)
  })

  it('uses explicit installables, never --system', () => {
    expect(plan(linuxX64).entries.map((e) => e.installable)).toEqual(['.#packages.x86_64-linux.fdContainer', '.#packages.aarch64-linux.fdContainer'])
    expect(plan(linuxX64).entries.map((e) => e.platform)).toEqual(['linux/amd64', 'linux/arm64'])
  })

  it('warns that emulated builds are slow', () => {
    expect(plan(linuxX64).warnings).toEqual([expect.stringMatching(/aarch64-linux is built under QEMU emulation.*many times slower.*ubuntu-24.04-arm/)])
  })

  it('does not set up QEMU for a remote-built image when tests are off', () => {
    expect(plan({ ...linuxX64, builders: [rosetta] }, 'auto', both, false).emulate).toEqual([])
  })

  it.each<[string, HostFacts, Emulate, RegExp]>([
    ['emulate false on x86_64', linuxX64, 'false', /Cannot build aarch64-linux on this x86_64-linux runner.*emulate is false[\s\S]*ubuntu-24.04-arm[\s\S]*builders and builder-ssh-key[\s\S]*set emulate: auto/],
    ['no sudo, no binfmt', { ...linuxX64, canEmulate: false }, 'auto', /QEMU cannot be set up[\s\S]*qemu-user-static/],
    ['macOS without a builder (planner only)', macArm, 'auto', /Cannot build x86_64-linux on this aarch64-darwin runner.*macOS runners need a Linux builder/],
  ])('fails before any work: %s', (_, host, emulate, message) => {
    expect(() => plan(host, emulate)).toThrow(PlanError)
    expect(() => plan(host, emulate)).toThrow(message)
  })

  it('a single native system needs nothing else', () => {
    expect(strategies(plan({ ...linuxX64, canEmulate: false }, 'false', ['x86_64-linux']))).toEqual(['x86_64-linux:native/native'])
  })

  it('loads the native image last so its plain tag wins', () => {
    const items = [{ system: 'x86_64-linux' as const, n: 1 }, { system: 'aarch64-linux' as const, n: 2 }]
    expect(loadOrder(items, 'x86_64-linux').map((i) => i.n)).toEqual([2, 1])
    expect(loadOrder(items, 'aarch64-darwin').map((i) => i.n)).toEqual([1, 2])
  })
})
