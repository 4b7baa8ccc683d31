import { describe, expect, it } from '@jest/globals'
import {
  loadCommand,
  loadErrors,
  parseLoadOutput,
  smokeTestArgs,
  splitReference,
  uniqueReference,
  unixSocketOf,
  type LoadedImage,
} from '../../src/image/docker.js'

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

  it("finds the unpack error a containerd-store daemon prints while docker load exits 0 (Docker 28.5's words)", () => {
    const out =
      'Loaded image: greet-damaged:latest\nError unpacking image greet-damaged:latest: apply layer error for "docker.io/library/greet-damaged:latest": wrong diff id calculated on extraction "sha256:c03639f2a45ea21c3334f2f1fbcc5f309e5bcdc3c7b5954357cbca673f997857"\n'
    expect(loadErrors(out)).toEqual([out.split('\n')[1]])
    expect(loadErrors('The image greet:latest already exists, renaming the old one with ID sha256:1 to empty string\nLoaded image: greet:latest\n')).toEqual([])
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

describe('loading a nix2container image', () => {
  it('runs its copyToDockerDaemon app with nix, never docker load', () => {
    const nix = { path: '/nix/bin/nix', env: { NIX_CONFIG: 'x' } }
    expect(loadCommand({ kind: 'nix2container', storePath: '/nix/store/x-image.json', installable: '.#packages.aarch64-linux.fdContainer' }, nix)).toEqual({
      load: { cmd: '/nix/bin/nix', args: ['run', '.#packages.aarch64-linux.fdContainer.copyToDockerDaemon'], env: { NIX_CONFIG: 'x' } },
    })
  })

  it('needs nix and the installable', () => {
    expect(() => loadCommand({ kind: 'nix2container', storePath: '/nix/store/x-image.json' })).toThrow(
      /nix2container image: loading it needs Nix and its installable/,
    )
  })
})
