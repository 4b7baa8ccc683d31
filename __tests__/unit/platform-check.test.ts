// The platform each image says it is for, read before anything is loaded or pushed
// (src/image/platform-check.ts), from what the fixture's builds recorded (__tests__/recorded/images):
// the configs of the images cross-compiled on x86_64-linux, a dockerTools conf and a
// nix2container-shaped image.json, both made by an x86_64 package set.
import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { checkPlatforms, platformOfConfig, platformOfNix2container, platformProblem, readArchiveNow, readPlatform } from '../../src/image/platform-check.js'
import { archiveConfig } from '../../src/image/archive.js'
import type { BuiltImage, ImageKind, LinuxSystem } from '../../src/model.js'
import type { Nix } from '../../src/nix/nix.js'
import { REPO_DIR } from '../helpers/fixture.js'
import { makeArchive } from '../helpers/image-archive.js'
import { tempDir } from '../helpers/tmp.js'

const recorded = (file: string) => readFileSync(join(REPO_DIR, '__tests__', 'recorded', 'images', file), 'utf8')
const CROSS = '.#packages.x86_64-linux.greetCrossContainer-aarch64'

function image(system: LinuxSystem, kind: ImageKind, storePath = '/nix/store/x', installable = CROSS): BuiltImage {
  const arch = system === 'x86_64-linux' ? 'amd64' : 'arm64'
  return {
    container: 'greetCrossContainer',
    system,
    platform: `linux/${arch}`,
    installable,
    build: 'cross',
    ...(system === 'x86_64-linux' ? {} : { buildSystem: 'x86_64-linux' }),
    run: 'emulated',
    storePath,
    drvPath: '/nix/store/missing.drv',
    kind,
    size: 1,
  }
}

describe('what an image says it is for', () => {
  it.each<[string, () => ReturnType<typeof platformOfConfig>, object]>([
    ['the config of the cross-compiled arm64 image', () => platformOfConfig(recorded('config-cross-arm64.json'), 'c'), { os: 'linux', architecture: 'arm64' }],
    ['the config of the mislabelled one', () => platformOfConfig(recorded('config-cross-mislabelled-amd64.json'), 'c'), { os: 'linux', architecture: 'amd64' }],
    [
      "dockerTools' conf (no os: the stream script writes linux)",
      () => platformOfConfig(recorded('docker-tools-conf-amd64.json'), 'c'),
      { architecture: 'amd64' },
    ],
    [
      "nix2container's image.json: its arch",
      () => platformOfNix2container(recorded('nix2container-image-amd64.json'), 'c'),
      { os: 'linux', architecture: 'amd64' },
    ],
    ['a config with a variant', () => platformOfConfig('{"os":"linux","architecture":"arm64","variant":"v8"}', 'c'), { variant: 'v8' }],
    ['an image.json without arch', () => platformOfNix2container('{"version":1}', 'c'), { os: 'linux', architecture: undefined }],
  ])('%s', (_, read, expected) => {
    expect(read()).toMatchObject({ ...expected, source: 'c' })
  })
})

describe('platformProblem: the image against the system it is published as', () => {
  const from = (json: string) => platformOfConfig(json, 'its config')
  it.each<[string, BuiltImage, ReturnType<typeof platformOfConfig>]>([
    ['the cross-compiled arm64 image as aarch64-linux', image('aarch64-linux', 'archive'), from(recorded('config-cross-arm64.json'))],
    ['arm64 with the variant v8', image('aarch64-linux', 'archive'), from('{"os":"linux","architecture":"arm64","variant":"v8"}')],
    ["dockerTools' amd64 conf as x86_64-linux", image('x86_64-linux', 'archive-gz'), from(recorded('docker-tools-conf-amd64.json'))],
  ])('none: %s', (_, built, platform) => {
    expect(platformProblem(built, platform)).toBeUndefined()
  })

  it.each<[string, BuiltImage, ReturnType<typeof platformOfConfig>, RegExp]>([
    [
      'the mislabelled archive mapped to aarch64-linux: names the system, the installable, what the image says and where',
      image('aarch64-linux', 'archive'),
      from(recorded('config-cross-mislabelled-amd64.json')),
      /^greetCrossContainer aarch64-linux \(\.#packages\.x86_64-linux\.greetCrossContainer-aarch64\) says linux\/amd64 \(its config\), not linux\/arm64: build it with the dockerTools of a aarch64-linux package set \(pkgsCross\) or set architecture = "arm64"\.$/,
    ],
    [
      "a nix2container image left with its package set's arch",
      image('aarch64-linux', 'nix2container'),
      platformOfNix2container(recorded('nix2container-image-amd64.json'), 'its image.json'),
      /says linux\/amd64 \(its image\.json\), not linux\/arm64: set arch = "arm64" in its nix2container\.buildImage/,
    ],
    ["dockerTools' amd64 conf as aarch64-linux", image('aarch64-linux', 'stream'), from(recorded('docker-tools-conf-amd64.json')), /says linux\/amd64/],
    ['a config without os', image('aarch64-linux', 'archive'), from('{"architecture":"amd64"}'), /says \(no os\)\/amd64/],
    ['a variant amd64 has not', image('x86_64-linux', 'archive'), from('{"os":"linux","architecture":"amd64","variant":"v8"}'), /says linux\/amd64\/v8/],
    ['another os', image('x86_64-linux', 'archive'), from('{"os":"windows","architecture":"amd64"}'), /says windows\/amd64/],
    ['no architecture', image('x86_64-linux', 'nix2container'), platformOfNix2container('{}', 'x'), /says linux\/\(no architecture\)/],
  ])('%s', (_, built, platform, message) => {
    expect(platformProblem(built, platform)).toMatch(message)
  })
})

describe('reading the image itself', () => {
  const dir = tempDir('platform')
  /** A docker archive as dockerTools' stream writes it: the layer, then the config, then manifest.json. */
  async function archive(name: string, config: string, gzip = false): Promise<string> {
    const root = join(dir, name)
    await mkdir(join(root, 'layer'), { recursive: true })
    execFileSync('tar', ['-C', root, '-cf', join(root, 'layer', 'layer.tar'), '--files-from=/dev/null'])
    await writeFile(join(root, 'cfg.json'), config)
    await writeFile(join(root, 'manifest.json'), '[{"Config":"./cfg.json","Layers":["layer/layer.tar"]}]')
    const out = join(dir, `${name}.tar${gzip ? '.gz' : ''}`)
    execFileSync('tar', ['-C', root, gzip ? '-czf' : '-cf', out, 'layer', 'cfg.json', 'manifest.json'])
    return out
  }

  it('finds the config manifest.json names, in a plain and a gzip archive', async () => {
    const plain = await archive('plain', recorded('config-cross-arm64.json'))
    const gz = await archive('gz', recorded('config-cross-mislabelled-amd64.json'), true)
    expect(await archiveConfig(image('aarch64-linux', 'archive', plain))).toEqual({ name: 'cfg.json', json: recorded('config-cross-arm64.json') })
    expect((await readPlatform(image('aarch64-linux', 'archive-gz', gz))).architecture).toBe('amd64')
    // GNU tar's order here: manifest.json before the config.
    const { archive: gnu } = await makeArchive()
    expect(await archiveConfig(image('x86_64-linux', 'archive', gnu))).toEqual({ name: 'config.json', json: '{"architecture":"amd64"}' })
  })

  it('reads a recipe or an image.json instead of any archive', async () => {
    const conf = join(dir, 'conf.json')
    await writeFile(conf, recorded('docker-tools-conf-amd64.json'))
    expect(await readPlatform(image('x86_64-linux', 'archive-gz', '/nix/store/not-read.tar.gz'), conf)).toEqual({
      os: 'linux',
      architecture: 'amd64',
      variant: undefined,
      source: `its dockerTools conf ${conf}`,
    })
    const n2c = join(dir, 'image.json')
    await writeFile(n2c, recorded('nix2container-image-amd64.json'))
    expect(await readPlatform(image('aarch64-linux', 'nix2container', n2c))).toMatchObject({ architecture: 'amd64', source: `its image.json ${n2c}` })
  })

  it('says an archive without manifest.json is none', async () => {
    const odd = join(dir, 'odd.tar')
    execFileSync('tar', ['-C', dir, '-cf', odd, 'conf.json'])
    await expect(archiveConfig(image('x86_64-linux', 'archive', odd))).rejects.toThrow(
      /neither manifest\.json \(docker save\) nor index\.json \(OCI layout\) is in the archive/,
    )
  })

  it.each<[string, Partial<BuiltImage>, boolean]>([
    ['cross-compiled, loaded next', { buildSystem: 'x86_64-linux', run: 'emulated' }, true],
    ["its own system's derivation, loaded next", { run: 'emulated' }, false],
    ["its own system's derivation, not loaded on this runner", { run: 'none' }, true],
  ])('readArchiveNow: %s', (_, entry, read) => {
    expect(readArchiveNow({ system: 'aarch64-linux', run: 'native', ...entry })).toBe(read)
  })

  it("checkPlatforms: an archive of its own system's derivation, without its recipe here, is left to the load; not loaded, it is read", async () => {
    const bad = await archive('native-bad', recorded('config-cross-mislabelled-amd64.json'))
    const nix = { path: '/nonexistent/nix', version: '2.34', env: {} } as Nix
    const native = { ...image('aarch64-linux', 'archive', bad, '.#packages.aarch64-linux.greetContainer'), build: 'emulated' as const, buildSystem: undefined }
    const log: string[] = []
    await checkPlatforms(nix, [native], (m) => log.push(m))
    expect(log).toEqual(['greetCrossContainer aarch64-linux: checked as it is loaded (its recipe is not in this store)'])
    await expect(checkPlatforms(nix, [{ ...native, run: 'none' }], () => undefined)).rejects.toThrow(/says linux\/amd64/)
  })

  it('checkPlatforms: fails before any load, naming each mislabelled image and logging the others', async () => {
    const good = await archive('good', recorded('config-cross-arm64.json'))
    const bad = await archive('bad', recorded('config-cross-mislabelled-amd64.json'))
    const nix = { path: '/nonexistent/nix', version: '2.34', env: {} } as Nix
    const log: string[] = []
    await checkPlatforms(nix, [image('aarch64-linux', 'archive', good)], (m) => log.push(m))
    expect(log).toEqual([`greetCrossContainer aarch64-linux: linux/arm64, read from its config cfg.json, read from the archive`])
    const mislabelled = image('aarch64-linux', 'archive', bad, '.#packages.x86_64-linux.greetCrossMislabelledContainer-aarch64')
    await expect(checkPlatforms(nix, [image('aarch64-linux', 'archive', good), mislabelled], () => undefined)).rejects.toThrow(
      /^An image is not for the system it was built as; nothing was loaded or pushed\.\n {2}- greetCrossContainer aarch64-linux \(\.#packages\.x86_64-linux\.greetCrossMislabelledContainer-aarch64\) says linux\/amd64 \(its config cfg\.json, read from the archive\), not linux\/arm64/,
    )
  })
})
