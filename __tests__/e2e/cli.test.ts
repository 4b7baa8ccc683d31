// The CLI (the seed's just recipes) run as a developer would, from the bundle, on the real stack.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { readlink } from 'node:fs/promises'
import { join } from 'node:path'
import { githubApiStandIn, makeFixtureRepo, stackEnv } from '../helpers/fixture.js'
import { type Cli, cliIn } from '../helpers/cli.js'

let flake: string
let env: Record<string, string>
let cli: Cli

beforeAll(async () => {
  env = stackEnv()
  flake = await makeFixtureRepo()
  cli = cliIn(flake, env.NIX_CONFIG)
})

describe('nix-container-action CLI', () => {
  it('prints help with every command, and exits 2 on misuse', async () => {
    const help = await cli(['--help'])
    expect(help.code).toBe(0)
    for (const command of ['all', 'multiarch', 'build', 'build-multiarch', 'load', 'load-native', 'test', 'manifest', 'plan', 'matrix'])
      expect(help.stdout).toMatch(new RegExp(`^  ${command}( |$)`, 'm'))
    expect((await cli([])).code).toBe(2)
    expect((await cli(['frobnicate'])).stderr).toMatch(/unknown command 'frobnicate'/)
    expect((await cli(['build'])).code).toBe(2)
    expect((await cli(['build', 'x', '--bogus'])).code).toBe(2)
  })

  it('rejects bad input with the action’s own messages, exit 2', async () => {
    const run = await cli(['all', 'a;b', 'greet'])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/Input 'container': "a;b" is not a flake attribute name/)
    expect((await cli(['multiarch', 'greetContainer', 'greet', '--architectures', 'sparc'])).stderr).toMatch(/Input 'architectures'/)
  })

  it('plan prints how each system would be built here', async () => {
    const run = await cli(['plan', 'greetContainer', '--json'])
    expect(run.code).toBe(0)
    const plan = JSON.parse(run.stdout) as { entries: { system: string; build: string }[] }
    expect(plan.entries.map((e) => `${e.system}:${e.build}`)).toEqual(['x86_64-linux:native', 'aarch64-linux:emulated'])
    expect((await cli(['plan', 'greetContainer', '--emulate', 'false'])).stderr).toMatch(/Cannot build aarch64-linux/)
  })

  it('build, load and test: the atomic steps with result-<system> links', async () => {
    const build = await cli(['build', 'greetContainer', 'aarch64-linux'])
    expect(build.code).toBe(0)
    const target = await readlink(join(flake, 'result-aarch64-linux'))
    expect(target).toMatch(/^\/nix\/store\/[a-z0-9]{32}-greet\.tar$/)
    const load = await cli(['load', 'aarch64-linux'])
    expect(load.code).toBe(0)
    expect(load.stderr).toMatch(/loaded greet:latest-arm64/)
    const test = await cli(['test', 'greet', 'aarch64-linux'])
    expect(test.code).toBe(0)
    expect(test.stderr).toMatch(/arch: aarch64/)
    expect(test.stderr).toMatch(/greet:latest-arm64: passed/)
    expect((await cli(['load', 'x86_64-linux'])).stderr).toMatch(/no .*result-x86_64-linux: run 'nix-container-action build <container> x86_64-linux' first/)
  })

  it('all: the native system end to end; a failing tool exits 1', async () => {
    const ok = await cli(['all', 'greetContainer', 'greet', '--json'])
    expect(ok.code).toBe(0)
    const out = JSON.parse(ok.stdout) as { images: { platform: string; test: string }[] }
    expect(out.images.map((i) => `${i.platform}:${i.test}`)).toEqual(['linux/amd64:passed'])
    const fail = await cli(['all', 'failContainer', 'fail'])
    expect(fail.code).toBe(1)
    expect(fail.stderr).toMatch(/fail: broken on purpose/)
  })

  it('multiarch: both systems built in one nix build, both tested (aarch64 through QEMU)', async () => {
    const run = await cli(['multiarch', 'greetStream', 'greet'])
    expect(run.code).toBe(0)
    expect(run.stderr.match(/\[command\]\S*nix build/g)).toHaveLength(1)
    expect(run.stderr).toMatch(/greetStream\s+linux\/amd64\s+stream .* passed/)
    expect(run.stderr).toMatch(/greetStream\s+linux\/arm64\s+stream .* passed/)
  })

  it('manifest: pushes with the same environment the action gives the app; the token only from the environment', async () => {
    const repository = `acme/cli-${process.pid}`
    // The fixture's flocken app (GitHub mode) pushes to GITHUB_REPOSITORY, described by the API stand-in.
    const run = await cli(['manifest', 'greetContainer', '--registry', env.NCA_REGISTRY, '--username', env.NCA_REGISTRY_USER, '--version', '3.1.0'], {
      NCA_TOKEN: env.NCA_REGISTRY_PASSWORD,
      GITHUB_REPOSITORY: repository,
      NCA_GITHUB_API: githubApiStandIn(repository),
    })
    expect(run.stderr).toMatch(new RegExp(`published 127\\.0\\.0\\.1:5000/${repository}@sha256:[0-9a-f]{64} tags .*3\\.1\\.0`))
    expect(run.code).toBe(0)
    expect(run.stdout + run.stderr).not.toContain(env.NCA_REGISTRY_PASSWORD)
  })
})
