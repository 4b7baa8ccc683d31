// nix2container images for real: the fixture's greetN2cContainer is an image.json (layers described
// by digest and store paths, not stored) with a copyToDockerDaemon app that builds the layer from the
// store paths and loads it into the real daemon, as nix2container's skopeo does. The action builds
// both systems, copies each into Docker with `nix run …copyToDockerDaemon`, and smoke-tests them.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import { images, runAction, type ActionRun } from '../helpers/action.js'
import { fixtureOnStack } from '../helpers/fixture.js'
import type { CycloneDx } from '../../src/image/sbom.js'
import { docker } from '../helpers/docker.js'

let flake: string

beforeAll(async () => {
  ;({ flake } = await fixtureOnStack())
})

describe('a nix2container image on both architectures', () => {
  let run: ActionRun

  beforeAll(async () => {
    run = await runAction({ cwd: flake, inputs: { container: 'greetN2cContainer' } })
  })

  it('is built, recognised as nix2container, loaded and tested for both systems', () => {
    expect(run.errors).toEqual([])
    expect(run.code).toBe(0)
    expect(images(run).map((i) => [i.system, i.kind, i.test])).toEqual([
      ['x86_64-linux', 'nix2container', 'passed'],
      ['aarch64-linux', 'nix2container', 'passed'],
    ])
  })

  it('copies each image into Docker with its own copyToDockerDaemon app', () => {
    for (const system of ['x86_64-linux', 'aarch64-linux']) {
      expect(run.log).toContain(`nix run .#packages.${system}.greetN2cContainer.copyToDockerDaemon`)
    }
    expect(run.log.match(/Copy to Docker daemon image greet-n2c:latest/g)).toHaveLength(2)
    expect(run.log).not.toMatch(/\[command\]docker load/)
  })

  it('leaves one image per architecture under a unique reference, the native one as greet-n2c:latest', () => {
    for (const image of images(run)) {
      const arch = image.platform.split('/')[1]
      expect(image.reference).toBe(`greet-n2c:latest-${arch}`)
      expect(docker('image', 'inspect', '--format', '{{.Id}} {{.Architecture}}', image.reference)).toBe(`${image.imageId} ${arch}`)
    }
    expect(docker('image', 'inspect', '--format', '{{.Architecture}}', 'greet-n2c:latest')).toBe('amd64')
  })

  it('ran each on its own architecture (aarch64 through QEMU)', () => {
    expect(run.log).toMatch(/greet: usage: greet \[NAME\]\narch: x86_64\nmotd: built by Nix, offline/)
    expect(run.log).toMatch(/greet: usage: greet \[NAME\]\narch: aarch64\nmotd: built by Nix, offline/)
  })

  it('has an SBOM from the store paths the image.json lists', async () => {
    const files = JSON.parse(run.outputs.sboms) as Record<string, string>
    const bom = JSON.parse(await readFile(files['greetN2cContainer/aarch64-linux'], 'utf8')) as CycloneDx
    const image = JSON.parse(await readFile(images(run)[1].storePath, 'utf8')) as { layers: { paths: { path: string }[] }[] }
    expect(bom.components.map((c) => c['bom-ref']).sort()).toEqual(image.layers[0].paths.map((p) => p.path).sort())
    expect(bom.metadata.properties).toContainEqual({
      name: 'nix-container-action:closure_source',
      value: `nix2container ${images(run)[1].storePath}`,
    })
  })
})

describe('a JSON image without nix2container passthru', () => {
  it('fails to load, naming what is missing and the way out', async () => {
    const run = await runAction({ cwd: flake, inputs: { container: 'greetN2cBareContainer', architectures: 'x86_64-linux' } })
    expect(run.errors.join('\n')).toMatch(
      /packages\.x86_64-linux\.greetN2cBareContainer builds a JSON file \(a nix2container image\.json\) but has no imageName, imageTag, copyToDockerDaemon: make it with nix2container\.buildImage/,
    )
  })
})
