import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { detectKind } from '../../src/image/kind.js'
import { loadCommand, parseLoadOutput, smokeTestArgs, splitReference, uniqueReference, unixSocketOf, type LoadedImage } from '../../src/image/docker.js'
import { buildArgs } from '../../src/image/build.js'
import { makePlan } from '../../src/pipeline/plan.js'
import { nixConfig } from '../../src/nix/config.js'

describe('detectKind reads real files made by tar and gzip', () => {
  it('tells archives, compressed archives, stream scripts and nix2container descriptions apart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kinds-'))
    await writeFile(join(dir, 'manifest.json'), '[]')
    execFileSync('tar', ['-cf', join(dir, 'image.tar'), '-C', dir, 'manifest.json'])
    execFileSync('sh', ['-c', `gzip -c "$1" > "$2"`, 'sh', join(dir, 'image.tar'), join(dir, 'image.tar.gz')])
    await writeFile(join(dir, 'stream-fd'), '#!/bin/sh\nexec cat image.tar\n')
    await writeFile(join(dir, 'image.json'), '{"version":1,"layers":[]}')
    await writeFile(join(dir, 'garbage'), 'hello')
    await mkdir(join(dir, 'tree'))
    expect(await detectKind(join(dir, 'image.tar'))).toBe('archive')
    expect(await detectKind(join(dir, 'image.tar.gz'))).toBe('archive-gz')
    expect(await detectKind(join(dir, 'stream-fd'))).toBe('stream')
    expect(await detectKind(join(dir, 'image.json'))).toBe('nix2container')
    await expect(detectKind(join(dir, 'garbage'))).rejects.toThrow(/neither a docker archive/)
    await expect(detectKind(join(dir, 'tree'))).rejects.toThrow(/is a directory, not an image/)
    await rm(dir, { recursive: true })
  })
})

describe('docker arguments', () => {
  it.each([
    ['archive', { load: { cmd: 'docker', args: ['load', '--input', '/nix/store/x-image.tar'] } }],
    ['archive-gz', { load: { cmd: 'docker', args: ['load', '--input', '/nix/store/x-image.tar'] } }],
    ['stream', { producer: { cmd: '/nix/store/x-image.tar', args: [] }, load: { cmd: 'docker', args: ['load'] } }],
  ] as const)('loads a %s image', (kind, expected) => {
    expect(loadCommand({ kind, storePath: '/nix/store/x-image.tar' })).toEqual(expected)
  })

  it('reads references from docker load', () => {
    expect(parseLoadOutput('Loaded image: greet:latest\n')).toEqual(['greet:latest'])
    expect(parseLoadOutput('Loaded image ID: sha256:abc\n')).toEqual(['sha256:abc'])
    expect(parseLoadOutput('The image greet:latest already exists, renaming the old one with ID sha256:1 to empty string\nLoaded image: greet:latest')).toEqual(
      ['greet:latest'],
    )
  })

  it.each([
    ['greet:latest', 'aarch64-linux', 'greet:latest-arm64'],
    ['localhost:5000/acme/greet:1.0', 'x86_64-linux', 'localhost:5000/acme/greet:1.0-amd64'],
    ['localhost:5000/greet', 'x86_64-linux', 'localhost:5000/greet:latest-amd64'],
    ['sha256:abc', 'aarch64-linux', 'greet:arm64'],
  ] as const)('gives %s on %s the unique reference %s', (loaded, system, ref) => {
    expect(uniqueReference(loaded, 'greet', system)).toBe(ref)
  })

  it.each([
    ['greet:latest-arm64', ['greet', 'latest-arm64']],
    ['localhost:5000/acme/greet:1.0-amd64', ['localhost:5000/acme/greet', '1.0-amd64']],
    ['localhost:5000/greet', ['localhost:5000/greet', 'latest']],
  ] as const)('splits %s into the repository and tag the tag API takes', (reference, parts) => {
    expect(splitReference(reference)).toEqual(parts)
  })

  it('runs the smoke test offline, without pulling, on the image platform', () => {
    const image = { platform: 'linux/arm64', imageId: 'sha256:1', entrypoint: ['/bin/greet'] } as LoadedImage
    expect(smokeTestArgs(image, 'n', undefined, ['--help'])).toEqual([
      'run',
      '--rm',
      '--pull',
      'never',
      '--network',
      'none',
      '--platform',
      'linux/arm64',
      '--name',
      'n',
      'sha256:1',
      '--help',
    ])
    expect(smokeTestArgs(image, 'n', 'greet', ['$(id)'])).toEqual([
      'run',
      '--rm',
      '--pull',
      'never',
      '--network',
      'none',
      '--platform',
      'linux/arm64',
      '--name',
      'n',
      'sha256:1',
      '$(id)',
    ])
    expect(smokeTestArgs(image, 'n', 'busybox', [])).toContain('--entrypoint')
  })
})

describe('unixSocketOf: which Docker endpoints the API is used for', () => {
  it.each<[string | undefined, string | undefined]>([
    ['unix:///var/run/docker.sock', '/var/run/docker.sock'],
    ['unix:///Users/me/.colima/default/docker.sock', '/Users/me/.colima/default/docker.sock'],
    ['unix://', undefined],
    ['tcp://127.0.0.1:2375', undefined],
    ['ssh://builder@host', undefined],
    ['npipe:////./pipe/docker_engine', undefined],
    [undefined, undefined],
  ])('%s', (endpoint, socket) => {
    expect(unixSocketOf(endpoint)).toBe(socket)
  })
})

describe('nix arguments and configuration', () => {
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
