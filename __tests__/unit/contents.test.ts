// What an image holds: its store paths, from its recipe or from its layers.
import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { confContents, nix2containerContents, scanContents, storePathOfEntry } from '../../src/image/contents.js'
import { A, B, C, makeArchive } from '../helpers/image-archive.js'
import { tempDir } from '../helpers/tmp.js'

describe('store paths in image layers', () => {
  it.each([
    ['nix/store/day2fmi35gp1452bli5dvxjwrn1lcw4c-greet-1.0/bin/greet', A],
    ['./nix/store/day2fmi35gp1452bli5dvxjwrn1lcw4c-greet-1.0/', A],
    ['/nix/store/day2fmi35gp1452bli5dvxjwrn1lcw4c-greet-1.0', A],
    ['nix/store/', undefined],
    ['nix/store/short-greet', undefined],
    ['bin/greet', undefined],
    ['etc/nix/store-thing', undefined],
  ])('%s', (name, path) => {
    expect(storePathOfEntry(name)).toBe(path)
  })

  it('reads a nix2container image.json, counting layers without paths (a base image)', () => {
    const json = JSON.stringify({
      version: 1,
      'image-config': {},
      layers: [
        { digest: 'sha256:1', paths: [{ path: A }, { path: `${B}` }] },
        { digest: 'sha256:2', paths: [{ path: C, options: { rewrite: { regex: '^/nix/store/[^/]*', repl: '' } } }] },
        { digest: 'sha256:3' },
      ],
      arch: 'amd64',
    })
    expect(nix2containerContents(json)).toEqual({ storePaths: [C, B, A].sort(), layers: 3, undescribedLayers: 1, source: 'nix2container the image.json' })
  })

  it("reads dockerTools' conf JSON: every layer's store paths, and the customisation layer counted", () => {
    const conf = JSON.stringify({
      architecture: 'amd64',
      store_layers: [[A], [B, C]],
      customisation_layer: '/nix/store/44444444444444444444444444444444-greet-customisation-layer',
      from_image: null,
    })
    expect(confContents(conf, '/nix/store/x-greet-conf.json')).toEqual({
      storePaths: [C, B, A].sort(),
      layers: 3,
      undescribedLayers: 0,
      source: 'dockerTools conf /nix/store/x-greet-conf.json',
    })
    expect(confContents(JSON.stringify({ store_layers: [], from_image: '/nix/store/y-base.tar' }), 'c').undescribedLayers).toBe(1)
    expect(() => confContents('{"config":{}}', '/nix/store/z-conf.json')).toThrow(/no store_layers/)
  })
})

describe('an archive read when Nix does not describe the image (zlib and tar-stream)', () => {
  it('finds every store path of every layer, plain or gzip, and counts the other files', async () => {
    const { archive } = await makeArchive()
    const contents = await scanContents({ kind: 'archive', storePath: archive, installable: '.#x' })
    expect(contents.storePaths).toEqual([`/nix/store/2222222222222222222222222222222k-${'x'.repeat(120)}-long-name-1.0`, B, A].sort())
    expect(contents).toMatchObject({ layers: 2, otherFiles: 2, undescribedLayers: 0 })
  })

  it('reads a .tar.gz archive the same way', async () => {
    const { archive } = await makeArchive()
    execFileSync('sh', ['-c', 'gzip -c "$1" > "$1.gz"', 'sh', archive])
    const plain = await scanContents({ kind: 'archive', storePath: archive, installable: '.#x' })
    expect(await scanContents({ kind: 'archive-gz', storePath: `${archive}.gz`, installable: '.#x' })).toEqual(plain)
  })

  it.each([
    ['a bit flipped inside the deflate stream', true, /incorrect data check|invalid/i],
    ['the last 100 bytes cut off', false, /unexpected end of file/i],
  ])('refuses a damaged .tar.gz (%s), naming the image', async (_, flip, message) => {
    const { archive } = await makeArchive()
    const gz = execFileSync('gzip', ['-c', archive])
    const damaged = flip ? Buffer.from(gz) : gz.subarray(0, gz.length - 100)
    if (flip) damaged[Math.floor(gz.length / 2)] ^= 0x10
    await writeFile(`${archive}.bad.gz`, damaged)
    const read = scanContents({ kind: 'archive-gz', storePath: `${archive}.bad.gz`, installable: '.#packages.x86_64-linux.greet' })
    await expect(read).rejects.toThrow(/Reading the image archive of \.#packages\.x86_64-linux\.greet .* failed: .*damaged or cut short/s)
    await expect(read).rejects.toThrow(message)
  })

  it('refuses what is not a tar', async () => {
    const dir = tempDir('not-a-tar')
    await writeFile(join(dir, 'x.tar'), Buffer.alloc(4096, 7))
    await expect(scanContents({ kind: 'archive', storePath: join(dir, 'x.tar'), installable: '.#x' })).rejects.toThrow(/damaged or cut short/)
  })
})
