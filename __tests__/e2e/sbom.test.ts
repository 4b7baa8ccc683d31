// SBOMs for real: the action builds the fixture's store-path images, made as nixpkgs' dockerTools
// makes them (its conf JSON, its own stream_layered_image.py, pigz), writes one CycloneDX file per
// image, and each file is validated with @cyclonedx/cyclonedx-library and compared with the store
// paths actually in the image's layers and with the closure the Nix store reports. The packages
// carry nixpkgs-shaped meta (nixpkgs' own licence attrsets), which the components must carry too.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Spec, Validation } from '@cyclonedx/cyclonedx-library'
import { PackageURL } from 'packageurl-js'
import { images, runAction, type ActionRun } from '../helpers/action.js'
import { fixtureOnStack } from '../helpers/fixture.js'
import { pushInputs, registryTags, skopeoInspect, stackRegistry } from '../helpers/registry.js'
import { type CycloneDx } from '../../src/image/sbom.js'
import type { BuiltImage } from '../../src/model.js'
import { pushBuiltin } from '../../src/publish/publish.js'
import { nixHashToHex } from '../../src/image/store-names.js'

let flake: string
let env: Record<string, string>
const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6)
const unique = `${process.pid}-${Date.now().toString(36)}`

beforeAll(async () => {
  ;({ env, flake } = await fixtureOnStack())
})

const nixEnv = () => ({ ...process.env, NIX_CONFIG: `${env.NIX_CONFIG}\nextra-platforms = aarch64-linux` })
const nix = (args: string[]) => execFileSync('nix', args, { cwd: flake, env: nixEnv(), encoding: 'utf8' })

interface StoreInfo {
  path: string
  narHash: string
  references: string[]
}

/** What the store says the package in the images is: its recursive closure, read from either of Nix's JSON forms. */
function realClosure(system: string): StoreInfo[] {
  const [built] = JSON.parse(nix(['build', '--json', '--no-link', `.#legacyPackages.${system}.greetPackage`])) as { outputs: { out: string } }[]
  // Nix 2.33 and later warn without --json-format (and will refuse); format 1 is 2.19's keyed object.
  const format = /\b2\.(3[3-9]|[4-9]\d)\b/.test(nix(['--version'])) ? ['--json-format', '1'] : []
  const data = JSON.parse(nix(['path-info', '--recursive', '--json', ...format, built.outputs.out])) as StoreInfo[] | Record<string, Omit<StoreInfo, 'path'>>
  // Nix 2.19 and later: an object keyed by path; before: an array of objects with their path.
  return Array.isArray(data) ? data : Object.entries(data).map(([path, info]) => ({ path, ...info }))
}

/**
 * The store paths in an image's layers, read by GNU tar from the archive itself (a .tar.gz, or what
 * a stream script writes), independently of the action's reader.
 */
function storePathsInLayers(storePath: string, kind: string): string[] {
  const dir = execFileSync('mktemp', ['-d'], { encoding: 'utf8' }).trim()
  const archive = kind === 'stream' ? `${storePath} | tar -xf - -C "$1"` : `tar -xzf '${storePath}' -C "$1"`
  execFileSync('sh', ['-c', archive, 'sh', dir], { stdio: ['ignore', 'ignore', 'ignore'] })
  const listing = execFileSync('sh', ['-c', 'for l in "$1"/*/layer.tar; do tar -tf "$l"; done', 'sh', dir], { encoding: 'utf8' })
  execFileSync('rm', ['-rf', dir])
  const paths = listing.split('\n').flatMap((line) => {
    const m = /^(?:\.?\/)?nix\/store\/([0-9a-z]{32}-[^/]+)/.exec(line)
    return m ? [`/nix/store/${m[1]}`] : []
  })
  return [...new Set(paths)].sort()
}

async function sbomsOf(run: ActionRun): Promise<Record<string, CycloneDx>> {
  const files = JSON.parse(run.outputs.sboms) as Record<string, string>
  const out: Record<string, CycloneDx> = {}
  for (const [key, file] of Object.entries(files)) {
    const text = await readFile(file, 'utf8')
    expect(await validator.validate(text)).toBeNull()
    out[key] = JSON.parse(text) as CycloneDx
  }
  return out
}

const component = (bom: CycloneDx, name: string) => bom.components.find((c) => c.name === name)!

describe.each([
  ['greetStoreContainer', 'archive-gz'],
  ['greetStoreStream', 'stream'],
])('%s (%s, dockerTools): an SBOM per system from its recipe, equal to the store paths in its layers', (container, kind) => {
  let run: ActionRun
  let sboms: Record<string, CycloneDx>
  let scriptRuns: string[]

  beforeAll(async () => {
    const counter = join(await mkdtemp(join(tmpdir(), 'nca-stream-runs-')), 'runs')
    run = await runAction({ cwd: flake, inputs: { container }, env: { NCA_STREAM_RUNS: counter } })
    sboms = await sbomsOf(run)
    scriptRuns = (await readFile(counter, 'utf8').catch(() => '')).split('\n').filter(Boolean)
  })

  it('builds, loads and tests both images and writes two valid CycloneDX 1.6 files', () => {
    expect(run.errors).toEqual([])
    expect(images(run).map((i) => [i.system, i.kind, i.test])).toEqual([
      ['x86_64-linux', kind, 'passed'],
      ['aarch64-linux', kind, 'passed'],
    ])
    expect(Object.keys(sboms).sort()).toEqual([`${container}/aarch64-linux`, `${container}/x86_64-linux`])
  })

  if (kind === 'stream') {
    it('runs each stream script once, for docker load: the SBOM reads no archive', () => {
      expect(scriptRuns.sort()).toEqual(
        images(run)
          .map((i) => i.storePath)
          .sort(),
      )
    })
  }

  it.each(['x86_64-linux', 'aarch64-linux'])('%s: the components are exactly the store paths in the layers, and their real closure', (system) => {
    const bom = sboms[`${container}/${system}`]
    const image = images(run).find((i) => i.system === system)!
    const inLayers = storePathsInLayers(image.storePath, kind)
    expect(inLayers).toHaveLength(3)
    expect(bom.components.map((c) => c['bom-ref']).sort()).toEqual(inLayers)
    expect(bom.metadata.properties).toContainEqual({
      name: 'nix-container-action:closure_source',
      value: expect.stringMatching(/^dockerTools conf \/nix\/store\/.*-conf\.json$/),
    })
    const closure = realClosure(system)
    expect(closure.map((c) => c.path).sort()).toEqual(inLayers)
    for (const info of closure) {
      const c = bom.components.find((x) => x['bom-ref'] === info.path)!
      expect(c.hashes).toEqual([nixHashToHex(info.narHash)])
      const dependsOn = bom.dependencies.find((d) => d.ref === info.path)!.dependsOn
      expect(dependsOn.sort()).toEqual(info.references.filter((r) => r !== info.path).sort())
    }
    // The image depends on the package it was asked to hold, and on nothing else directly.
    expect(bom.metadata.component['bom-ref']).toBe(image.storePath)
    expect(bom.dependencies.find((d) => d.ref === image.storePath)!.dependsOn).toEqual([closure.find((c) => c.path.endsWith('-greet-1.0'))!.path])
  })

  it.each(['x86_64-linux', 'aarch64-linux'])("%s: each component carries its package's meta from the flake", (system) => {
    const bom = sboms[`${container}/${system}`]
    expect(component(bom, 'greet')).toMatchObject({
      version: '1.0',
      description: 'Greets whoever it is given',
      licenses: [{ license: { id: 'MIT' } }],
      cpe: 'cpe:2.3:a:example:greet:1.0:*:*:*:*:*:*:*',
      purl: 'pkg:generic/greet@1.0',
      externalReferences: [{ type: 'website', url: 'https://example.org/greet' }],
    })
    expect(component(bom, 'busybox')).toMatchObject({
      version: '1.35.0',
      licenses: [{ license: { id: 'GPL-2.0-only' } }, { license: { id: '0BSD' } }],
      cpe: 'cpe:2.3:a:busybox:busybox:1.35.0:*:*:*:*:*:*:*',
      externalReferences: [{ type: 'website', url: 'https://busybox.net/' }],
    })
    // A plain file (builtins.toFile) has no meta, and says so.
    expect(component(bom, 'greet-motd').licenses).toBeUndefined()
    expect(component(bom, 'greet-motd').properties).toContainEqual({ name: 'nix:meta', value: 'false' })
  })

  it('lists the counts and top-level packages in the job summary', () => {
    expect(run.summary).toContain('### SBOM (CycloneDX)')
    expect(run.summary).toMatch(new RegExp(`\\| ${container} \\| linux/arm64 \\| 3 \\| 2 \\| greet 1.0 \\|`))
  })
})

describe('a pushed image', () => {
  it("its SBOMs name the platform manifests the registry holds, as pkg:oci purls; the tool's version is package.json's", async () => {
    const repository = `sbom-e2e/greet-${unique}`
    const run = await runAction({
      cwd: flake,
      inputs: {
        container: 'greetStoreContainer',
        publisher: 'builtin',
        ...pushInputs(stackRegistry(false, env)),
        repository,
        tags: 'sbom',
      },
      env: { GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/main' },
    })
    expect(run.errors).toEqual([])
    const index = JSON.parse(skopeoInspect(stackRegistry(false, env), repository, 'sbom')) as {
      manifests: { digest: string; platform: { architecture: string } }[]
    }
    const sboms = await sbomsOf(run)
    const pkg = JSON.parse(await readFile('package.json', 'utf8')) as { name: string; version: string }
    for (const [system, arch] of [
      ['x86_64-linux', 'amd64'],
      ['aarch64-linux', 'arm64'],
    ]) {
      const bom = sboms[`greetStoreContainer/${system}`]
      const digest = index.manifests.find((m) => m.platform.architecture === arch)!.digest
      const purl = PackageURL.fromString(bom.metadata.component.purl!)
      expect([purl.type, purl.version, purl.qualifiers]).toEqual(['oci', digest, { arch, repository_url: `${env.NCA_REGISTRY}/${repository}` }])
      expect(bom.metadata.tools.components[0]).toMatchObject({ name: pkg.name, version: pkg.version })
    }
  })
})

describe('an archive whose recipe is not in the local store (substituted from a cache)', () => {
  it('gets the same components, read from its layers with zlib and tar-stream, and says so', async () => {
    const attr = '.#packages.x86_64-linux.greetSubstitutedContainer'
    const [x86] = JSON.parse(nix(['build', '--json', '--no-link', attr])) as { outputs: { out: string } }[]
    const recipe = ['stream.outPath', 'stream.conf.outPath'].map((a) => nix(['eval', '--raw', `${attr}.${a}`]))
    // The archive has no runtime references: nothing keeps its stream script and conf alive, as
    // after a substitution. A run before this one may have removed them already.
    for (const path of recipe) spawnSync('nix', ['store', 'delete', path], { cwd: flake, env: nixEnv(), stdio: 'ignore' })
    expect(() => execFileSync('nix', ['path-info', recipe[1]], { cwd: flake, env: nixEnv(), stdio: 'ignore' })).toThrow()
    const run = await runAction({ cwd: flake, inputs: { container: 'greetSubstitutedContainer', architectures: 'x86_64-linux' } })
    expect(run.errors).toEqual([])
    const bom = (await sbomsOf(run))['greetSubstitutedContainer/x86_64-linux']
    expect(bom.components.map((c) => c['bom-ref']).sort()).toEqual(storePathsInLayers(x86.outputs.out, 'archive-gz'))
    expect(bom.metadata.properties).toContainEqual({
      name: 'nix-container-action:closure_source',
      value: 'the layers of the image archive (no recipe in the local store)',
    })
    // The meta still comes from the evaluation.
    expect(component(bom, 'greet').licenses).toEqual([{ license: { id: 'MIT' } }])
  })
})

describe('a damaged archive', () => {
  const damaged = () =>
    (JSON.parse(nix(['build', '--json', '--no-link', '.#packages.x86_64-linux.greetDamagedContainer'])) as { outputs: { out: string } }[])[0].outputs.out

  it('fails the run before anything is pushed, naming the image and the damage', async () => {
    const repository = `sbom-e2e/damaged-${unique}`
    const run = await runAction({
      cwd: flake,
      inputs: {
        container: 'greetDamagedContainer',
        architectures: 'x86_64-linux',
        publisher: 'builtin',
        ...pushInputs(stackRegistry(false, env)),
        repository,
        tags: 'damaged',
        test: 'false',
      },
      env: { GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/main' },
    })
    // Whichever reads the damaged layer first says so: the daemon's load, or the SBOM's own read of the
    // archive. Docker 28 does not read a layer it already holds (the same busybox layer as the
    // fixture's other images), so on a daemon that has one the load succeeds with the good bytes.
    expect(run.errors.join('\n')).toMatch(
      /(Loading greetDamagedContainer linux\/amd64|Reading the image archive of \.#packages\.x86_64-linux\.greetDamagedContainer) \(\/nix\/store\/.*-greet-damaged\.tar\.gz\)[^\n]* damaged or cut short/,
    )
    expect(run.errors.join('\n')).toContain('nothing was pushed')
    expect(await registryTags(repository)).toBeUndefined()
  })

  it('is refused by the builtin publisher, which reads it itself, before any manifest or tag is pushed', async () => {
    const repository = `sbom-e2e/damaged-publisher-${unique}`
    const image = {
      container: 'greetDamagedContainer',
      system: 'x86_64-linux',
      platform: 'linux/amd64',
      installable: '.#packages.x86_64-linux.greetDamagedContainer',
      storePath: damaged(),
      drvPath: '',
      kind: 'archive-gz',
      size: 0,
      build: 'native',
      run: 'native',
    } as BuiltImage
    const target = {
      registry: env.NCA_REGISTRY,
      repository,
      tags: ['damaged'],
      credentials: { username: env.NCA_REGISTRY_USER, password: env.NCA_REGISTRY_PASSWORD },
      source: 'inputs registry, repository and tags',
    }
    const push = pushBuiltin(target, [{ built: image }], { annotations: { index: {}, manifest: {} }, labels: {}, compression: 'gzip' }, () => undefined)
    await expect(push).rejects.toThrow(/Reading the image archive of \.#packages\.x86_64-linux\.greetDamagedContainer .* failed: .*damaged or cut short/s)
    expect(await registryTags(repository)).toBeUndefined()
  })
})

describe('an image without store paths', () => {
  it('gets an SBOM with no components that counts the files Nix cannot describe', async () => {
    const run = await runAction({ cwd: flake, inputs: { container: 'greetContainer', architectures: 'x86_64-linux' } })
    expect(run.errors).toEqual([])
    const bom = (await sbomsOf(run))['greetContainer/x86_64-linux']
    expect(bom.components).toEqual([])
    // /bin/busybox and /bin/greet, copied in by the fixture's builder.
    expect(bom.metadata.properties).toContainEqual({ name: 'nix-container-action:files_outside_store', value: '2' })
  })

  it('writes none with sbom: false', async () => {
    const run = await runAction({ cwd: flake, inputs: { container: 'greetContainer', architectures: 'x86_64-linux', sbom: 'false' } })
    expect(run.errors).toEqual([])
    expect(run.outputs.sboms).toBeUndefined()
    expect(run.summary).not.toContain('### SBOM')
  })
})
