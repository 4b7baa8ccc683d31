// The read-back check against the real registry: an index is pushed with the action, then checked
// against a description of what was built that differs from it. A mismatch must fail.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { images, runAction, type ActionRun, type ImageOutput } from '../helpers/action.js'
import { makeFixtureRepo, stackEnv } from '../helpers/fixture.js'
import { type Settings } from '../../src/config/settings.js'
import { PublishError, inputTarget, type PublishableImage } from '../../src/publish/publish.js'
import { verifyPublished } from '../../src/publish/verify.js'
import { imageLayers } from '../helpers/docker.js'
import { pushInputs, stackRegistry } from '../helpers/registry.js'
import { settingsOf } from '../helpers/settings.js'

let env: Record<string, string>
let run: ActionRun
let settings: Settings
let layers: Record<string, string[]>
const repository = `acme/verify-${process.pid}`

beforeAll(async () => {
  env = stackEnv()
  process.env.NIX_CONFIG = env.NIX_CONFIG
  const inputs = {
    container: 'greetContainer',
    ...pushInputs(stackRegistry(false, env)),
    repository,
    tags: 'v1,latest',
    publisher: 'builtin',
  }
  run = await runAction({ cwd: await makeFixtureRepo(), inputs, env: { GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/main' } })
  layers = Object.fromEntries(images(run).map((i) => [i.platform, imageLayers(i.imageId)]))
  settings = settingsOf(inputs)
})

const built = (i: ImageOutput, overrides: Partial<PublishableImage> = {}): PublishableImage =>
  ({ ...i, installable: '', build: 'native', run: 'native', drvPath: '', layers: layers[i.platform], ...overrides }) as unknown as PublishableImage

describe('reading the published index back', () => {
  it('accepts the index of exactly the built images, under every tag', async () => {
    expect(run.errors).toEqual([])
    const published = await verifyPublished(
      inputTarget(settings, settings.containers[0]),
      'greetContainer',
      images(run).map((i) => built(i)),
    )
    expect(published.digest).toBe(run.outputs.digest)
    expect(published.platforms).toEqual(['linux/amd64', 'linux/arm64'])
  })

  it('fails when the index lists other platforms than were built', async () => {
    const amd64Only = images(run)
      .filter((i) => i.platform === 'linux/amd64')
      .map((i) => built(i))
    await expect(verifyPublished(inputTarget(settings, settings.containers[0]), 'greetContainer', amd64Only)).rejects.toThrow(PublishError)
    await expect(verifyPublished(inputTarget(settings, settings.containers[0]), 'greetContainer', amd64Only)).rejects.toThrow(
      /lists platforms linux\/amd64, linux\/arm64 but linux\/amd64 were built and tested/,
    )
  })

  it('fails when a pushed image holds other layers than the one tested', async () => {
    const other = images(run).map((i) => (i.platform === 'linux/arm64' ? built(i, { layers: [`sha256:${'0'.repeat(64)}`] }) : built(i)))
    await expect(verifyPublished(inputTarget(settings, settings.containers[0]), 'greetContainer', other)).rejects.toThrow(
      /has linux\/arm64 layers sha256:[0-9a-f]{64}, but the image built and tested has sha256:0{64}/,
    )
  })

  it('fails when a tag is missing from the registry', async () => {
    await expect(
      verifyPublished(
        { ...inputTarget(settings, settings.containers[0]), tags: ['v1', 'never-pushed'] },
        'greetContainer',
        images(run).map((i) => built(i)),
      ),
    ).rejects.toThrow(/Reading back 127\.0\.0\.1:5000\/acme\/verify-\d+:never-pushed failed: .*not found/)
  })
})
