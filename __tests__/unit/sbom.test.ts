// The SBOM's pure parts (store names, hashes, recipes, the CycloneDX document
// validated by @cyclonedx/cyclonedx-library) and the fallback read of archives made by GNU tar.
import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdtemp, mkdir, readFile, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Spec, Validation } from '@cyclonedx/cyclonedx-library'
import { PackageURL } from 'packageurl-js'
import { bindToPush, buildSbom, closureWithin, contentUuid, licensesOf, summarize, topLevel, validPurl } from '../../src/image/sbom.js'
import { type PathInfo } from '../../src/nix/path-info.js'
import { type StoreName, decodeNix32, nixHashToHex, nixPurl, parseStoreName, storeNameOf } from '../../src/image/store-names.js'
import { confContents, nix2containerContents, scanContents, storePathOfEntry } from '../../src/image/contents.js'
import { listFiles, tarEntries } from '../../src/image/archive.js'
import type { PackageMeta } from '../../src/nix/meta.js'
import { TOOL } from '../../src/tool.js'

describe('store names, as builtins.parseDrvName splits them', () => {
  it.each([
    ['bash-interactive-5.2p37', { name: 'bash-interactive', version: '5.2p37' }],
    ['bash-5.2p37', { name: 'bash', version: '5.2p37' }],
    ['greet-motd', { name: 'greet-motd' }],
    ['python3.12-requests-2.32.3', { name: 'python3.12-requests', version: '2.32.3' }],
    ['gtk+3-3.24.43', { name: 'gtk+3', version: '3.24.43' }],
    ['openssl-3.0.15-bin', { name: 'openssl', version: '3.0.15', output: 'bin' }],
    ['glibc-2.40-36-dev', { name: 'glibc', version: '2.40-36', output: 'dev' }],
    ['util-linux-minimal-2.39.4-lib', { name: 'util-linux-minimal', version: '2.39.4', output: 'lib' }],
    ['tzdata-2024b', { name: 'tzdata', version: '2024b' }],
    ['source', { name: 'source' }],
    ['hello-', { name: 'hello-' }],
    ['nss-cacert-3.104', { name: 'nss-cacert', version: '3.104' }],
  ])('%s', (storeName, expected) => {
    expect(parseStoreName(storeName)).toEqual(expected)
  })

  it('takes the name from a store path', () => {
    expect(storeNameOf('/nix/store/day2fmi35gp1452bli5dvxjwrn1lcw4c-greet-1.0')).toBe('greet-1.0')
  })

  it.each([
    [{ name: 'bash-interactive', version: '5.2p37' }, 'pkg:nix/bash-interactive@5.2p37'],
    [{ name: 'gtk+3', version: '3.24.43' }, 'pkg:nix/gtk%2B3@3.24.43'],
    [{ name: 'greet-motd' }, 'pkg:nix/greet-motd'],
    [{ name: 'openssl', version: '3.0.15', output: 'bin' }, 'pkg:nix/openssl@3.0.15?output=bin'],
  ] as [StoreName, string][])('purl of %j is %s, and packageurl-js reads it back', (parsed, purl) => {
    expect(nixPurl(parsed)).toBe(purl)
    const back = PackageURL.fromString(purl)
    expect([back.type, back.name, back.version ?? undefined]).toEqual(['nix', parsed.name, parsed.version])
  })
})

describe('NAR hashes to CycloneDX hex (vectors from nix hash to-base32 / to-base16)', () => {
  const hex = 'f10159e16d95bad8f0100be10023a722d8bc8e92ee2dda177de7b54dfb972483'
  it.each([
    ['SRI (Nix 2.4+)', 'sha256-8QFZ4W2VutjwEAvhACOnIti8jpLuLdoXfee1TfuXJIM='],
    ['base-32 (Nix 2.3)', 'sha256:10r4jzxlvdg7glbxlbgfja7brn12lwih1q8b23qdiflmdphmj0gi'],
    ['base-16', `sha256:${hex}`],
  ])('%s', (_, hash) => {
    expect(nixHashToHex(hash)).toEqual({ alg: 'SHA-256', content: hex })
  })

  it('decodes a second base-32 vector', () => {
    expect(decodeNix32('1i31wdkmapxd3hma9mkhdqgbcm3jip3hgc4shhv0kyfkc2s2kl02', 32).toString('hex')).toBe(
      '02d029b460d3f90936849ab007c78d7254b61e6e70d6a42a1cad5f5567e361c4',
    )
  })

  it.each([[undefined], ['md5'], ['sha256-tooshort'], [42], [{ algorithm: 'sha256', hash: '8QFZ4W2VutjwEAvhACOnIti8jpLuLdoXfee1TfuXJIM=' }]])(
    'gives nothing for %j',
    (hash) => {
      expect(nixHashToHex(hash)).toBeUndefined()
    },
  )
})

const A = '/nix/store/day2fmi35gp1452bli5dvxjwrn1lcw4c-greet-1.0'
const B = '/nix/store/cwvdy5szchw0fk5xmlc5cycm3shzc65y-busybox-1.35.0'
const C = '/nix/store/060gj2qd0vw4vz0ir3y2zcrvr7xpns14-greet-motd'
const SRI = 'sha256-8QFZ4W2VutjwEAvhACOnIti8jpLuLdoXfee1TfuXJIM='

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

/** A docker-archive made by GNU tar: one plain layer and one gzip layer with store paths. */
async function makeArchive(): Promise<{ dir: string; archive: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'nca-sbom-'))
  const long = `${'x'.repeat(120)}-long-name-1.0`
  const root = join(dir, 'root')
  for (const p of [A, B, `/nix/store/2222222222222222222222222222222k-${long}`]) {
    await mkdir(join(root, p, 'bin'), { recursive: true })
    await writeFile(join(root, p, 'bin', 'tool'), 'x'.repeat(700))
  }
  await mkdir(join(root, 'bin'))
  await symlink(`${A}/bin/tool`, join(root, 'bin', 'tool'))
  await writeFile(join(root, 'etc-file'), 'not from nix')
  const image = join(dir, 'image')
  await mkdir(join(image, 'one'), { recursive: true })
  await mkdir(join(image, 'two'))
  const tar = (...args: string[]) => execFileSync('tar', ['--format=gnu', '--owner=0', '--group=0', ...args])
  tar('-C', root, '-cf', join(image, 'one', 'layer.tar'), 'bin', 'etc-file', `nix/store/${A.slice(11)}`)
  // The second layer is POSIX (pax) and compressed, like an OCI blob.
  execFileSync('sh', ['-c', `tar --format=posix -C "$1" -cf - nix | gzip -c > "$2"`, 'sh', root, join(image, 'two', 'layer.tar')])
  await writeFile(join(image, 'manifest.json'), '[{"Config":"config.json","Layers":["one/layer.tar","two/layer.tar"]}]')
  await writeFile(join(image, 'config.json'), '{"architecture":"amd64"}')
  const archive = join(dir, 'image.tar')
  tar('-C', image, '-cf', archive, 'one', 'two', 'manifest.json', 'config.json')
  return { dir, archive }
}

describe('an archive read when Nix does not describe the image (zlib and tar-stream)', () => {
  it('lists GNU long names and pax paths', async () => {
    const { dir } = await makeArchive()
    const names: string[] = []
    for await (const entry of tarEntries(createReadStream(join(dir, 'image', 'one', 'layer.tar')))) names.push(`${entry.type} ${entry.name}`)
    expect(names).toContain('symlink bin/tool')
    expect(names).toContain(`file nix/store/${A.slice(11)}/bin/tool`)
  })

  it('lists the top-level files, keeping the small JSON ones and hashing on request', async () => {
    const { archive, dir } = await makeArchive()
    const files = await listFiles(createReadStream(archive), { hash: true })
    expect([...files.keys()]).toEqual(['one/layer.tar', 'two/layer.tar', 'manifest.json', 'config.json'])
    expect(files.get('two/layer.tar')).toMatchObject({ gzip: true, layer: true })
    expect(files.get('one/layer.tar')).toMatchObject({ gzip: false, layer: true })
    expect(JSON.parse(files.get('manifest.json')!.bytes!.toString())).toHaveLength(1)
    const layer = await readFile(join(dir, 'image', 'one', 'layer.tar'))
    expect(files.get('one/layer.tar')!.digest).toBe(`sha256:${createHash('sha256').update(layer).digest('hex')}`)
  })

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
    const dir = await mkdtemp(join(tmpdir(), 'nca-sbom-'))
    await writeFile(join(dir, 'x.tar'), Buffer.alloc(4096, 7))
    await expect(scanContents({ kind: 'archive', storePath: join(dir, 'x.tar'), installable: '.#x' })).rejects.toThrow(/damaged or cut short/)
  })
})

describe('the CycloneDX document', () => {
  const closure: PathInfo[] = [
    { path: A, valid: true, narHash: SRI, narSize: 600, references: [B, C, A] },
    { path: B, valid: true, narHash: 'sha256:10r4jzxlvdg7glbxlbgfja7brn12lwih1q8b23qdiflmdphmj0gi', narSize: 1982256, references: [] },
    { path: C, valid: true, narHash: SRI, narSize: 150, references: [] },
  ]
  const subject = {
    container: 'greetStoreContainer',
    system: 'x86_64-linux',
    platform: 'linux/amd64',
    installable: '.#packages.x86_64-linux.greetStoreContainer',
    storePath: '/nix/store/yhmv3fh7wi6kxglvnm8h5c17bak5r0ly-greet-store.tar.gz',
    kind: 'archive-gz',
  }
  const contents = {
    storePaths: [A, B, C, '/nix/store/11111111111111111111111111111111-remote-only-2.0'],
    otherFiles: 1,
    layers: 1,
    undescribedLayers: 0,
    source: 'dockerTools conf /nix/store/x-conf.json',
  }
  // nixpkgs-shaped meta: a licence attrset, a list of two, a licence without an SPDX id, a CPE and a purl.
  const greetMeta: PackageMeta = {
    outputs: [A],
    name: 'greet-1.0',
    pname: 'greet',
    version: '1.0',
    description: 'Says hello',
    homepage: 'https://example.org/greet',
    licenses: [{ id: 'MIT', name: 'MIT License' }],
    cpe: 'cpe:2.3:a:example:greet:1.0:*:*:*:*:*:*:*',
  }
  const busyboxMeta: PackageMeta = {
    outputs: [B],
    pname: 'busybox',
    version: '1.35.0',
    licenses: [
      { id: 'GPL-2.0-only', name: 'GNU General Public License v2.0 only' },
      { id: 'BSD-3-Clause', name: 'BSD 3-clause' },
    ],
    purl: 'pkg:generic/busybox@1.35.0',
  }
  const motdMeta: PackageMeta = { outputs: [C], licenses: [{ name: 'Unfree redistributable' }], homepage: 'not a url' }
  const packages = new Map([
    [A, greetMeta],
    [B, busyboxMeta],
    [C, motdMeta],
  ])
  const bom = buildSbom(subject, contents, closure, packages)

  it('is valid CycloneDX 1.6 (strict schema, @cyclonedx/cyclonedx-library)', async () => {
    const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6)
    expect(await validator.validate(JSON.stringify(bom))).toBeNull()
    expect(await validator.validate(JSON.stringify(buildSbom(subject, contents, closure)))).toBeNull()
  })

  it('has one component per store path, with name, version, purl and NAR hash', () => {
    expect(bom.components.map((c) => [c.name, c.version, c.purl])).toEqual([
      ['greet-motd', undefined, 'pkg:nix/greet-motd'],
      ['remote-only', '2.0', 'pkg:nix/remote-only@2.0'],
      ['busybox', '1.35.0', 'pkg:generic/busybox@1.35.0'],
      ['greet', '1.0', 'pkg:nix/greet@1.0'],
    ])
    expect(bom.components.find((c) => c.name === 'greet')!.hashes).toEqual([
      { alg: 'SHA-256', content: 'f10159e16d95bad8f0100be10023a722d8bc8e92ee2dda177de7b54dfb972483' },
    ])
    // A path the image holds but the store lacks is listed, and says so.
    expect(bom.components[1].hashes).toBeUndefined()
    expect(bom.components[1].properties).toContainEqual({ name: 'nix:in_local_store', value: 'false' })
  })

  it("carries each package's meta: licences (SPDX ids, or the name), description, homepage, CPE", () => {
    const greet = bom.components.find((c) => c.name === 'greet')!
    expect(greet).toMatchObject({
      description: 'Says hello',
      licenses: [{ license: { id: 'MIT' } }],
      cpe: 'cpe:2.3:a:example:greet:1.0:*:*:*:*:*:*:*',
      externalReferences: [{ type: 'website', url: 'https://example.org/greet' }],
    })
    expect(bom.components.find((c) => c.name === 'busybox')!.licenses).toEqual([{ license: { id: 'GPL-2.0-only' } }, { license: { id: 'BSD-3-Clause' } }])
    const motd = bom.components.find((c) => c.name === 'greet-motd')!
    expect(motd.licenses).toEqual([{ license: { name: 'Unfree redistributable' } }])
    expect(motd.externalReferences).toBeUndefined()
    // What the evaluation did not reach says so.
    expect(bom.components.find((c) => c.name === 'remote-only')!.properties).toContainEqual({ name: 'nix:meta', value: 'false' })
  })

  it.each([
    [[{ id: 'MIT' }], [{ license: { id: 'MIT' } }]],
    [[{ id: 'LicenseRef-Custom', name: 'Custom' }], [{ license: { name: 'Custom' } }]],
    [[{ id: 'NotAnSpdxId' }], [{ license: { name: 'NotAnSpdxId' } }]],
    [[{}], []],
  ])('licences %j become %j', (licenses, expected) => {
    expect(licensesOf({ licenses })).toEqual(expected)
  })

  it.each([
    ['pkg:github/sharkdp/fd@v10.2.0', 'pkg:github/sharkdp/fd@v10.2.0'],
    ['not a purl', undefined],
    [undefined, undefined],
  ])('a purl from meta %j is kept only when it parses: %j', (purl, expected) => {
    expect(validPurl(purl)).toBe(expected)
  })

  it('names the tool and its version from package.json', async () => {
    const pkg = JSON.parse(await readFile(join(process.cwd(), 'package.json'), 'utf8')) as { name: string; version: string }
    expect(bom.metadata.tools.components[0]).toMatchObject({ name: pkg.name, version: pkg.version })
    expect(TOOL).toEqual({ name: pkg.name, version: pkg.version })
  })

  it('once pushed, names the platform manifest by digest as a pkg:oci purl, and stays valid', async () => {
    const digest = `sha256:${'ab'.repeat(32)}`
    const bound = bindToPush(bom, { name: 'ghcr.io/acme/greet', digest }, 'linux/arm64')
    const purl = PackageURL.fromString(bound.metadata.component.purl!)
    expect([purl.type, purl.name, purl.version, purl.qualifiers]).toEqual(['oci', 'greet', digest, { arch: 'arm64', repository_url: 'ghcr.io/acme/greet' }])
    expect(bound.metadata.component.version).toBe(digest)
    expect(bound.serialNumber).not.toBe(bom.serialNumber)
    expect(bindToPush(bound, { name: 'ghcr.io/acme/greet', digest }, 'linux/arm64')).toEqual(bound)
    const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6)
    expect(await validator.validate(JSON.stringify(bound))).toBeNull()
  })

  it("takes each image's closure from one query of the store for every image", () => {
    const other = { path: '/nix/store/33333333333333333333333333333333-other-1', valid: true, references: [C] }
    const infos = new Map([...closure, other].map((c) => [c.path, c]))
    expect(closureWithin(infos, [A]).map((c) => c.path)).toEqual([C, B, A].sort())
    expect(closureWithin(infos, [other.path]).map((c) => c.path)).toEqual([C, other.path].sort())
    expect(closureWithin(infos, ['/nix/store/11111111111111111111111111111111-remote-only-2.0'])).toEqual([])
  })

  it('has the store references as dependencies, and the image depending on the top-level paths', () => {
    expect(bom.dependencies).toContainEqual({ ref: A, dependsOn: [B, C] })
    expect(bom.dependencies).toContainEqual({ ref: B, dependsOn: [] })
    expect(bom.dependencies[0]).toEqual({ ref: subject.storePath, dependsOn: ['/nix/store/11111111111111111111111111111111-remote-only-2.0', A] })
    expect(topLevel(closure).map((c) => c.path)).toEqual([A])
  })

  it('is the same document for the same image (no timestamp; serial number from the content)', () => {
    expect(JSON.stringify(buildSbom(subject, contents, closure, packages))).toBe(JSON.stringify(bom))
    expect(bom.serialNumber).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(contentUuid('a')).not.toBe(contentUuid('b'))
  })

  it('summarizes counts and top-level packages for the job summary', () => {
    expect(summarize(subject, bom, '/tmp/x.cdx.json', contents)).toEqual({
      container: 'greetStoreContainer',
      system: 'x86_64-linux',
      platform: 'linux/amd64',
      file: '/tmp/x.cdx.json',
      components: 4,
      described: 3,
      topLevel: ['remote-only 2.0', 'greet 1.0'],
      notInStore: 1,
      otherFiles: 1,
      source: 'dockerTools conf /nix/store/x-conf.json',
    })
  })
})
