// The story of a run, shared by the action and the CLI: plan, set up, build, load, test, publish.
// Each stage records what it did in the report, so a failed run still reports what it got done.
import { type LoadedImage, type TestResult, load, smokeTest } from './docker.js'
import { setUpEmulation } from './emulation.js'
import { type Settings, imageBaseName } from './inputs.js'
import { installNix } from './install.js'
import { buildAll, findNix, nixConfig, useNix, type Nix } from './nix.js'
import { type HostFacts, type Plan, loadOrder, makePlan } from './plan.js'
import {
  type Publication,
  type PublishableImage,
  checkManifestUsesBuiltImages,
  manifestDerivations,
  pushBuiltin,
  runManifestApp,
  verifyPublished,
} from './publish.js'
import { type RunReport, planTable } from './summary.js'
import type { Ui } from './ui.js'

export class PipelineError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PipelineError'
  }
}

export function plan(settings: Settings, host: HostFacts, ui: Ui, report: RunReport): Plan {
  report.host = host.system
  const result = makePlan(settings, host)
  report.plan = result
  ui.info(planTable(result))
  for (const w of result.warnings) ui.warning(w)
  return result
}

export interface PipelineOptions {
  /** Install Nix when the machine has none (the action does; the CLI leaves a developer's machine alone). */
  installNix: boolean
}

export async function setUpNix(settings: Settings, planned: Plan, ui: Ui, report: RunReport, options: PipelineOptions): Promise<Nix> {
  let path = await findNix()
  if (!path && options.installNix) {
    await installNix(settings.nixInstaller, (m) => ui.info(m))
    path = await findNix()
  }
  if (!path) {
    throw new PipelineError(`nix is not installed${options.installNix ? ', and the installer did not leave it in /nix/var/nix/profiles/default/bin' : ''}: install Nix first (https://nixos.org/download).`)
  }
  const nix = await useNix(path, nixConfig(planned, settings.extraConf, process.env.NIX_CONFIG))
  report.nixVersion = nix.version
  ui.info(`nix ${nix.version} at ${path}`)
  if (planned.emulate.length > 0) await setUpEmulation(planned.emulate, (m) => ui.info(m))
  return nix
}

/** With flocken, every manifest app must exist before anything is built. */
export async function checkPublisher(settings: Settings, nix: Nix): Promise<string[][]> {
  if (!settings.push || settings.publisher !== 'flocken') return []
  return Promise.all(settings.containers.map((_, i) => manifestDerivations(nix, settings, i)))
}

export async function loadAll(report: RunReport, ui: Ui): Promise<LoadedImage[]> {
  const loaded: LoadedImage[] = []
  for (const image of loadOrder(report.built, report.host!)) {
    if (image.run === 'none') {
      ui.info(`${image.container} ${image.platform}: not loaded (${image.runNote})`)
      continue
    }
    loaded.push(await load(image, imageBaseName(image.container)))
  }
  return loaded
}

export async function testAll(settings: Settings, loaded: LoadedImage[], report: RunReport, ui: Ui): Promise<TestResult[]> {
  for (const image of loaded) {
    const tool = settings.tools[settings.containers.indexOf(image.container)]
    const result: TestResult = settings.test
      ? await smokeTest(image, { tool, args: settings.testArgs, timeoutSec: settings.testTimeoutSec })
      : { image, loaded: image, status: 'skipped', output: '', reason: 'test is false', durationMs: 0 }
    report.tests.push(result)
    const line = `${image.container} ${image.platform} (${image.reference}): ${result.status}${result.reason ? ` — ${result.reason}` : ''}`
    if (result.status === 'failed') ui.warning(`${line}\n${result.output.slice(-2000)}`)
    else ui.info(line)
  }
  for (const image of report.built.filter((b) => b.run === 'none')) {
    report.tests.push({ image, status: 'skipped', output: '', reason: image.runNote, durationMs: 0 })
  }
  const failed = report.tests.filter((t) => t.status === 'failed')
  if (failed.length > 0) {
    throw new PipelineError(
      `Smoke test failed for ${failed.map((t) => `${t.image.container} ${t.image.platform}`).join(', ')}; nothing was pushed.\n` +
        failed.map((t) => `${t.image.container} ${t.image.platform}: \`${t.command?.join(' ')}\` ${t.reason}:\n${t.output.slice(-2000)}`).join('\n'),
    )
  }
  return report.tests
}

export async function publish(settings: Settings, nix: Nix, manifestDrvs: string[][], loaded: LoadedImage[], report: RunReport, ui: Ui): Promise<Publication> {
  const publication: Publication = { images: [] }
  report.publication = publication
  for (const [i, container] of settings.containers.entries()) {
    const images: PublishableImage[] = report.built
      .filter((b) => b.container === container)
      .map((b) => ({ ...b, layers: loaded.find((l) => l.installable === b.installable)?.layers }))
    if (settings.publisher === 'flocken') {
      await checkManifestUsesBuiltImages(nix, manifestDrvs[i], images, settings.manifests[i])
      await runManifestApp(nix, settings, i, (m) => ui.warning(m))
    } else {
      await pushBuiltin(settings, i, images, (m) => ui.warning(m))
    }
    const published = await verifyPublished(settings, i, images)
    publication.images.push(published)
    ui.info(`${published.name}@${published.digest} (${published.platforms.join(', ')}) tagged ${published.tags.join(', ')}`)
  }
  return publication
}

/** A whole run; every phase in its own log group. */
export async function runPipeline(settings: Settings, host: HostFacts, ui: Ui, report: RunReport, options: PipelineOptions): Promise<LoadedImage[]> {
  const planned = await ui.group('Plan', async () => plan(settings, host, ui, report))
  const nix = await ui.group('Set up Nix', () => setUpNix(settings, planned, ui, report, options))
  const manifestDrvs = await checkPublisher(settings, nix)
  report.built = await ui.group(`Build ${planned.entries.length} image(s) with one nix build`, () => buildAll(nix, planned.entries))
  const loaded = await ui.group('Load into Docker', () => loadAll(report, ui))
  await ui.group('Smoke test', () => testAll(settings, loaded, report, ui))
  if (settings.push) {
    await ui.group(`Publish to ${settings.registry}`, () => publish(settings, nix, manifestDrvs, loaded, report, ui))
  } else {
    report.pushSkipped = settings.ref.eventName.startsWith('pull_request') ? 'Pull request: images were built and tested; nothing was pushed.' : 'push is false: nothing was pushed.'
  }
  return loaded
}
