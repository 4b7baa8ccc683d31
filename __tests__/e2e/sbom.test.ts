// SBOMs for real: the action builds the fixture's store-path images (a dockerTools-like gzip archive,
// a stream script, and for contrast an image with no store paths), writes one CycloneDX file per
// image, and each file is validated with @cyclonedx/cyclonedx-library and compared with the closure
// the Nix store itself reports for the package inside the image.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Spec, Validation } from '@cyclonedx/cyclonedx-library'
import { images, runAction, type ActionRun } from '../helpers/action.js'
import { fixtureOnStack } from '../helpers/fixture.js'
import { type CycloneDx } from '../../src/image/sbom.js'
import { nixHashToHex } from '../../src/image/store-names.js'

let flake: string
let env: Record<string, string>
const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6)

beforeAll(async () => {
  ;({ env, flake } = await fixtureOnStack())
})

interface StoreInfo {
  path: string
  narHash: string
  references: string[]
}

/** What the store says the package in the images is: its recursive closure, read from either of Nix's JSON forms. */
function realClosure(system: string): StoreInfo[] {
  const nixEnv = { ...process.env, NIX_CONFIG: `${env.NIX_CONFIG}\nextra-platforms = aarch64-linux` }
  const [built] = JSON.parse(
    execFileSync('nix', ['build', '--json', '--no-link', `.#legacyPackages.${system}.greetPackage`], { cwd: flake, env: nixEnv, encoding: 'utf8' }),
  ) as { outputs: { out: string } }[]
  const data = JSON.parse(execFileSync('nix', ['path-info', '--recursive', '--json', built.outputs.out], { cwd: flake, env: nixEnv, encoding: 'utf8' })) as
    StoreInfo[] | Record<string, Omit<StoreInfo, 'path'>>
  // Nix 2.19 and later: an object keyed by path; before: an array of objects with their path.
  return Array.isArray(data) ? data : Object.entries(data).map(([path, info]) => ({ path, ...info }))
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

describe.each([
  ['greetStoreContainer', 'archive-gz'],
  ['greetStoreStream', 'stream'],
])('%s (%s): an SBOM per system, equal to the store closure of what the image holds', (container, kind) => {
  let run: ActionRun
  let sboms: Record<string, CycloneDx>
  let scriptRuns: string[]

  beforeAll(async () => {
    const counter = join(await mkdtemp(join(tmpdir(), 'nca-stream-runs-')), 'runs')
    run = await runAction({ cwd: flake, inputs: { container }, env: { NCA_STREAM_RUNS: counter } })
    sboms = await sbomsOf(run)
    scriptRuns = (await readFile(counter, 'utf8').catch(() => '')).split('\n').filter(Boolean)
  })

  if (kind === 'stream') {
    it('runs each stream script once: the SBOM is read from the archive docker load reads', () => {
      const scripts = images(run)
        .map((i) => i.storePath)
        .sort()
      expect(scriptRuns.sort()).toEqual(scripts)
    })
  }

  it('builds, loads and tests both images and writes two valid CycloneDX 1.6 files', () => {
    expect(run.errors).toEqual([])
    expect(images(run).map((i) => [i.system, i.kind, i.test])).toEqual([
      ['x86_64-linux', kind, 'passed'],
      ['aarch64-linux', kind, 'passed'],
    ])
    expect(Object.keys(sboms).sort()).toEqual([`${container}/aarch64-linux`, `${container}/x86_64-linux`])
  })

  it.each(['x86_64-linux', 'aarch64-linux'])('%s: components, hashes and dependencies are the real closure', (system) => {
    const bom = sboms[`${container}/${system}`]
    const closure = realClosure(system)
    expect(closure).toHaveLength(3)
    expect(bom.components.map((c) => c['bom-ref']).sort()).toEqual(closure.map((c) => c.path).sort())
    for (const info of closure) {
      const component = bom.components.find((c) => c['bom-ref'] === info.path)!
      expect(component.hashes).toEqual([nixHashToHex(info.narHash)])
      const dependsOn = bom.dependencies.find((d) => d.ref === info.path)!.dependsOn
      expect(dependsOn.sort()).toEqual(info.references.filter((r) => r !== info.path).sort())
    }
    expect(bom.components.map((c) => [c.name, c.version ?? null, c.purl]).sort()).toEqual([
      ['busybox', '1.35.0', 'pkg:nix/busybox@1.35.0'],
      ['greet', '1.0', 'pkg:nix/greet@1.0'],
      ['greet-motd', null, 'pkg:nix/greet-motd'],
    ])
    // The image depends on the package it was asked to hold, and on nothing else directly.
    const image = images(run).find((i) => i.system === system)!
    expect(bom.metadata.component['bom-ref']).toBe(image.storePath)
    expect(bom.dependencies.find((d) => d.ref === image.storePath)!.dependsOn).toEqual([closure.find((c) => c.path.endsWith('-greet-1.0'))!.path])
  })

  it('lists the counts and top-level packages in the job summary', () => {
    expect(run.summary).toContain('### SBOM (CycloneDX)')
    expect(run.summary).toMatch(new RegExp(`\\| ${container} \\| linux/arm64 \\| 3 \\| greet 1.0 \\| 1 file outside /nix/store \\|`))
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
