// The CycloneDX document, validated by @cyclonedx/cyclonedx-library.
import { describe, expect, it } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Spec, Validation } from '@cyclonedx/cyclonedx-library'
import { PackageURL } from 'packageurl-js'
import { bindToPush, buildSbom, closureWithin, contentUuid, licensesOf, summarize, topLevel, validPurl } from '../../src/image/sbom.js'
import { type PathInfo } from '../../src/nix/path-info.js'
import type { PackageMeta } from '../../src/nix/meta.js'
import { TOOL } from '../../src/tool.js'
import { A, B, C } from '../helpers/image-archive.js'

const SRI = 'sha256-8QFZ4W2VutjwEAvhACOnIti8jpLuLdoXfee1TfuXJIM='

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
