// The CLI as a user without a clone gets it: `npm pack` of this repository, run with npm exec from
// the tarball alone, offline and with an empty npm cache, in the fixture repo (docs/cli.md).
import { beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { ROOT } from '../helpers/action.js'
import { makeFixtureRepo, stackEnv } from '../helpers/fixture.js'

const exec = promisify(execFile)
let tarball: string
let flake: string
let env: Record<string, string>
let packed: { bin?: Record<string, string>; dependencies?: Record<string, string> }

interface Run {
  code: number
  stdout: string
  stderr: string
}

/** `npm exec --offline --package=<tarball> -- nix-container-action …` in the fixture repo, with a cache of its own. */
function fromTarball(cache: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      'npm',
      ['exec', '--yes', '--offline', '--cache', cache, `--package=${tarball}`, '--', 'nix-container-action', ...args],
      { cwd: flake, env: { ...process.env, NIX_CONFIG: env.NIX_CONFIG, npm_config_update_notifier: 'false' }, maxBuffer: 64 << 20 },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    )
  })
}

beforeAll(async () => {
  env = stackEnv()
  const dir = await mkdtemp(join(tmpdir(), 'nca-pack-'))
  const { stdout } = await exec('npm', ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, maxBuffer: 64 << 20 })
  tarball = join(dir, (JSON.parse(stdout) as { filename: string }[])[0].filename)
  packed = JSON.parse((await exec('tar', ['-xOzf', tarball, 'package/package.json'])).stdout) as typeof packed
  flake = await makeFixtureRepo()
})

describe('the CLI from an npm pack tarball', () => {
  it('the tarball holds the bundle its bin names, and declares no dependency (the bundle has them all inside)', async () => {
    const bin = packed.bin?.['nix-container-action']
    expect(bin).toBe('dist/cli/index.js')
    const files = (await exec('tar', ['-tzf', tarball], { maxBuffer: 64 << 20 })).stdout.split('\n')
    // The bundle, its chunks, and the package.json that makes node read it as ESM.
    expect(files).toEqual(expect.arrayContaining([`package/${bin}`, 'package/dist/cli/package.json']))
    expect((await exec('tar', ['-xOzf', tarball, `package/${bin}`], { maxBuffer: 64 << 20 })).stdout.split('\n')[0]).toBe('#!/usr/bin/env node')
    // ncc bundles every dependency into dist/. A declared one is fetched by npm exec from the
    // registry, which fails offline (ENOTCACHED): they belong in devDependencies.
    expect(Object.keys(packed.dependencies ?? {})).toEqual([])
  })

  it('npm exec --offline --package=<tarball>, with an empty npm cache, runs matrix and plan greetContainer in the fixture repo', async () => {
    const cache = await mkdtemp(join(tmpdir(), 'nca-npm-cache-'))
    const matrix = await fromTarball(cache, ['matrix'])
    expect({ code: matrix.code, stderr: matrix.stderr }).toEqual({ code: 0, stderr: '' })
    const include = (JSON.parse(matrix.stdout) as { include: { system: string; platform: string }[] }).include
    expect(include.map((i) => `${i.system} ${i.platform}`)).toEqual(['x86_64-linux linux/amd64', 'aarch64-linux linux/arm64'])
    // The same line the repository's own bundle prints.
    expect(matrix.stdout).toBe((await exec(process.execPath, [join(ROOT, 'dist', 'cli', 'index.js'), 'matrix'])).stdout)

    const plan = await fromTarball(cache, ['plan', 'greetContainer', '--json'])
    expect({ code: plan.code, stderr: plan.stderr }).toMatchObject({ code: 0 })
    const entries = (JSON.parse(plan.stdout) as { entries: { system: string; build: string }[] }).entries
    expect(entries.map((e) => `${e.system}:${e.build}`)).toEqual(['x86_64-linux:native', 'aarch64-linux:emulated'])
  })
})
