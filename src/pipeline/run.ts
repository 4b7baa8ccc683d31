// The story of a run, shared by the action and the CLI: plan, set up, build, load, test, publish.
// Each stage records what it did in the report, so a failed run still reports what it got done.
import { rmSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { join } from 'node:path'
import { runnerTemp } from '../files.js'
import { type LoadedImage, type TestResult, load, smokeTest, tagLoaded } from '../image/docker.js'
import { type PreparedBuilders, prepareBuilders, warmBuilders } from '../builders/remote.js'
import { setUpEmulation } from '../nix/emulation.js'
import { type Settings, imageBaseName, PUSH_EVENTS } from '../config/settings.js'
import type { BuiltImage, Derivation, HostFacts, HostSystem, Plan, Ui } from '../model.js'
import { installNix } from '../nix/install.js'
import { BuildError, buildAll, emptyActivity } from '../image/build.js'
import { checkPlatforms } from '../image/platform-check.js'
import { buildersInClientConfig, daemonNeeds, ensureDaemonHas, storeFacts } from '../nix/daemon.js'
import { loadOrder, makePlan } from './plan.js'
import type { Publication } from '../publish/publish.js'
import { openPublisher, sourceContext } from '../publish/publisher.js'
import { type SbomResult, sbomDirectory } from '../image/sbom.js'
import { type ImageRecord, recordsOf } from '../image/record.js'
import { bindSboms, writeSboms } from '../image/describe.js'
import { type RunReport, planTable } from './report.js'
import { FROM_INPUT, describeBuilders } from '../config/machine-line.js'
import { emulatedBuilds, evalConfig, extraPlatformsLine, nixConfig } from '../nix/config.js'
import { InstallableError, evaluateDerivations } from '../nix/installables.js'
import { InputError } from '../config/inputs.js'
import { type Nix, findNix, nixVersion, useNix } from '../nix/nix.js'
import { afterBuild, afterPublish, beforeBuild, openCache, reportActivity } from '../cache/hooks.js'
import { emptyCacheReport } from '../cache/report.js'
import { resolveSubstituters } from '../cache/substituters.js'
import { substituterLines } from '../cache/args.js'
import { messageOf } from '../errors.js'
import { platformDigests } from '../publish/verify.js'
import { type SourceFacts, sourceFacts } from '../publish/annotations.js'

export class PipelineError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PipelineError'
  }
}

/**
 * The images the installables input names, evaluated before planning (one nix eval per flake, and
 * none when the input is empty): how each is built follows its derivation's own system.
 */
async function mappedDerivations(settings: Settings, host: HostFacts, ui: Ui, options: Pick<PipelineOptions, 'installNix'>): Promise<Map<string, Derivation>> {
  const mapped = settings.containers.flatMap((c) => settings.systems.flatMap((s) => c.installables[s] ?? []))
  if (mapped.length === 0) return new Map()
  const nix = await useNix(await nixAtHand(settings, ui, options), evalConfig(settings.extraConf, process.env.NIX_CONFIG))
  const started = Date.now()
  let found: Map<string, Derivation>
  try {
    found = await evaluateDerivations(nix, mapped, host.system)
  } catch (e) {
    if (e instanceof InstallableError) throw new InputError('installables', e.message)
    throw new PipelineError(`Evaluating the images of the input installables failed: ${messageOf(e)}`)
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(2)
  ui.info(`installables: ${[...found].map(([i, d]) => `${i} is a ${d.system} derivation`).join('; ')} (evaluated in ${seconds} s)`)
  return found
}

export async function plan(settings: Settings, host: HostFacts, ui: Ui, report: RunReport, options: Pick<PipelineOptions, 'installNix'>): Promise<Plan> {
  report.host = host.system
  const result = makePlan(settings, host, await mappedDerivations(settings, host, ui, options))
  report.plan = result
  if (host.builders.length > 0) ui.info(`remote builders: ${describeBuilders(host.builders)}`)
  ui.info(planTable(result))
  for (const w of result.warnings) ui.warning(w)
  for (const n of result.notices) ui.notice(n)
  return result
}

export interface PipelineOptions {
  /** Install Nix when the machine has none (the action does; the CLI leaves a developer's machine alone). */
  installNix: boolean
  /**
   * Told the temporary directory that holds a builder's ssh key as soon as it exists; the action
   * saves it for its post step, which removes it. Without it the directory is removed after the run.
   */
  onBuilderDir?: (dir: string) => void
  /** Stop after this stage: 'build' (the CLI's build command) builds and caches, and loads nothing. */
  until?: 'build'
}

/** What a run made, stage by stage (also recorded in the report, which a failed run still has). */
export interface PipelineResult {
  built: BuiltImage[]
  loaded: LoadedImage[]
  publication?: Publication
}

/** The nix to run: the machine's, else (the action) one installed now. */
async function nixAtHand(settings: Settings, ui: Ui, options: Pick<PipelineOptions, 'installNix'>): Promise<string> {
  let path = await findNix()
  if (!path && options.installNix) {
    await installNix(settings.nixInstaller, (m) => ui.info(m))
    path = await findNix()
  }
  if (!path) {
    throw new PipelineError(
      `nix is not installed${options.installNix ? ', and the installer did not leave it in /nix/var/nix/profiles/default/bin' : ''}: install Nix first (https://nixos.org/download).`,
    )
  }
  return path
}

async function setUpNix(settings: Settings, planned: Plan, ui: Ui, report: RunReport, options: PipelineOptions): Promise<Nix> {
  const path = await nixAtHand(settings, ui, options)
  const version = await nixVersion(path)
  const inputBuilders = planned.builders.some((b) => b.from === FROM_INPUT)
  const cacheReport = (report.cache = emptyCacheReport())
  cacheReport.substituters = await resolveSubstituters(settings.cache, path, ui)
  const cacheLines = substituterLines(cacheReport.substituters)
  const remote = planned.entries.some((e) => e.build === 'remote')
  const needs = daemonNeeds(extraPlatformsLine(planned), emulatedBuilds(planned), cacheLines, {
    input: inputBuilders,
    clientConfig: remote && !inputBuilders && buildersInClientConfig(process.env.NIX_CONFIG),
  })
  // Asked only when it matters: whether Nix builds through a daemon, and whether it trusts this user.
  const store = needs.lines.length || needs.trustOnly.length ? await storeFacts(path, version) : { daemon: false }
  // Before anything is written or built: an untrusted user's daemon would ignore these settings.
  await ensureDaemonHas(path, version, store, needs, (m) => ui.info(m))
  let builders: PreparedBuilders | undefined
  if (inputBuilders) {
    builders = await prepareBuilders(
      settings,
      path,
      ui,
      options.onBuilderDir ?? ((dir) => process.once('exit', () => rmSync(dir, { recursive: true, force: true }))),
      store.daemon,
    )
    ui.info(`nix.conf for this run: builders = ${builders.setting}`)
  }
  const config = nixConfig(planned, settings.extraConf, process.env.NIX_CONFIG, builders?.setting, cacheLines)
  const nix = await useNix(path, config, builders?.env)
  report.nixVersion = nix.version
  ui.info(`nix ${nix.version} at ${path}`)
  await warmBuilders(nix, planned, builders, settings.builderTimeoutSec, ui)
  if (planned.emulate.length > 0) await setUpEmulation(planned.emulate, (m) => ui.info(m))
  return nix
}

/**
 * Loads in turn (an image of the same name:tag moves that tag, so each is inspected before the next
 * load). nix is needed for nix2container images, which are copied into the daemon by their own app.
 */
async function loadAll(records: ImageRecord[], host: HostSystem, ui: Ui, nix?: Nix, onLoaded?: (image: LoadedImage) => void): Promise<LoadedImage[]> {
  const loaded: LoadedImage[] = []
  const tagged: Promise<void>[] = []
  for (const { record } of loadOrder(
    records.map((record) => ({ system: record.built.system, record })),
    host,
  )) {
    const image = record.built
    if (image.run === 'none') {
      ui.info(`${image.container} ${image.platform}: not loaded (${image.runNote})`)
      continue
    }
    const one = (record.loaded = await load(image, imageBaseName(image.container), nix))
    loaded.push(one)
    onLoaded?.(one)
    // Tagged by id, so the tag needs nothing from the next load and runs while it does (a failure
    // is handled now and reported below, not left to crash the process as an unhandled rejection).
    const tag = tagLoaded(one)
    tag.catch(() => undefined)
    tagged.push(tag)
  }
  await Promise.all(tagged)
  return loaded
}

/**
 * One image's smoke test, started at once. It never rejects (a test that cannot even start is a
 * failed test), so a test left running while a later load fails cannot crash the process.
 */
function startTest(settings: Settings, image: LoadedImage): Promise<TestResult> {
  if (!settings.test) return Promise.resolve({ image, loaded: image, status: 'skipped', output: '', reason: 'test is false', durationMs: 0 })
  const tool = settings.containers.find((c) => c.name === image.container)?.tool
  return smokeTest(image, { tool, args: settings.testArgs, timeoutSec: settings.testTimeoutSec }).catch((e: unknown): TestResult => ({
    image,
    loaded: image,
    status: 'failed',
    output: messageOf(e),
    reason: 'could not be run',
    durationMs: 0,
  }))
}

/** Logs every result and fails the run, before anything is pushed, when any test failed. */
function reportTests(results: TestResult[], report: RunReport, ui: Ui): TestResult[] {
  for (const result of results) {
    report.tests.push(result)
    const image = result.loaded!
    const line = `${image.container} ${image.platform} (${image.reference}): ${result.status}${result.reason ? ` — ${result.reason}` : ''}`
    const detail = result.command ? `[command]${result.command.join(' ')}\n${result.output}` : ''
    if (result.status === 'failed') ui.warning(`${line}\n${detail.slice(-2000)}`)
    else ui.info(`${detail}\n${line}`.trim())
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

/** Loads every image and starts each one's smoke test as soon as it is in the daemon, while the next one loads. */
async function loadAndStartTests(
  settings: Settings,
  records: ImageRecord[],
  host: HostSystem,
  ui: Ui,
  nix: Nix,
): Promise<{ loaded: LoadedImage[]; tests: Promise<TestResult>[] }> {
  const tests: Promise<TestResult>[] = []
  const loaded = await loadAll(records, host, ui, nix, (image) => {
    ui.info(`${image.container} ${image.platform}: loaded as ${image.reference}${settings.test ? '; smoke test started' : ''}`)
    tests.push(startTest(settings, image))
  })
  return { loaded, tests }
}

/** Why a run pushed nothing, for the summary. */
export function notPushedReason(eventName: string): string {
  if (eventName.startsWith('pull_request')) return 'Pull request: images were built and tested; nothing was pushed.'
  if (PUSH_EVENTS.includes(eventName)) return 'push is false: nothing was pushed.'
  return `On ${eventName ? `a ${eventName} event` : 'a run outside GitHub Actions'} push: auto publishes nothing (it publishes on ${PUSH_EVENTS.join(', ')}): images were built and tested. Set push: true to publish.`
}

/**
 * The SBOMs, started now and made while the images load and are tested; their messages wait for
 * their own log group, which the returned function writes when it is awaited.
 */
function startSboms(nix: Nix, built: BuiltImage[]): (ui: Ui) => Promise<SbomResult[]> {
  const lines: { warning: boolean; text: string }[] = []
  const made = writeSboms(
    nix,
    built,
    sbomDirectory(),
    (text) => lines.push({ warning: false, text }),
    (text) => lines.push({ warning: true, text }),
  )
  made.catch(() => undefined)
  return async (ui) => {
    const results = await made
    for (const line of lines) (line.warning ? ui.warning : ui.info)(line.text)
    return results
  }
}

/** A whole run; every phase in its own log group. */
export async function runPipeline(settings: Settings, host: HostFacts, ui: Ui, report: RunReport, options: PipelineOptions): Promise<PipelineResult> {
  const planned = await ui.group('Plan', () => plan(settings, host, ui, report, options))
  // What the annotations say of the source (git, GitHub's API): asked while Nix is set up.
  const factsLog: string[] = []
  const facts = settings.push ? sourceFacts(sourceContext(settings), (m) => factsLog.push(m)) : Promise.resolve<SourceFacts>({})
  const nix = await ui.group('Set up Nix', () => setUpNix(settings, planned, ui, report, options))
  const cacheReport = report.cache ?? emptyCacheReport()
  // One after the other, not side by side: two Nix processes opening a store for the first time race
  // on creating its state directory (seen here on a fresh store).
  const publisher = await openPublisher(settings, nix, await facts, ui)
  const cache = await ui.group('Cache: set up and restore', async () => {
    const session = await openCache(nix, settings.cache, cacheReport, ui)
    await beforeBuild(session, { host: host.system, systems: settings.systems, containers: settings.containers.map((c) => c.name), flake: settings.flake })
    return session
  })
  // What was built and substituted is read from the build's own log as it runs.
  const activity = (cacheReport.activity = emptyActivity())
  const { alsoBuild } = publisher
  const what = `${planned.entries.length} image(s)${alsoBuild.length ? ` and ${alsoBuild.length} manifest app(s)` : ''}`
  // The results' links live as long as the job's temporary folder: roots until the run is done.
  const roots = await mkdtemp(join(runnerTemp(), 'nca-build-'))
  const { images: built, otherOutputs: appOutputs } = await ui.group(`Build ${what} with one nix build`, async () => {
    try {
      return await buildAll(publisher.buildNix, planned.entries, activity, alsoBuild, roots)
    } catch (e) {
      if (e instanceof BuildError) report.built = e.built
      throw e
    } finally {
      reportActivity(activity, ui)
    }
  })
  report.built = built
  // Before anything is loaded or pushed, to a cache too: an image that says another platform than its
  // system's (a cross-compiled one left with its build system's architecture) must go nowhere.
  await ui.group('Check the platform each image says it is for', () => checkPlatforms(nix, built, (m) => ui.info(m)))
  // Right after the build, before the tests: a built image is worth caching even if its test fails.
  await ui.group('Cache: push the image closures', () => afterBuild(cache, built))
  if (options.until === 'build') return { built, loaded: [] }
  const sboms = settings.sbom ? startSboms(nix, built) : undefined
  const images = recordsOf(built)
  const { loaded, tests } = await ui.group('Load into Docker', () => loadAndStartTests(settings, images, host.system, ui, nix))
  await ui.group('Smoke test', async () => reportTests(await Promise.all(tests), report, ui))
  if (sboms) report.sboms = await ui.group('SBOM of each image, from Nix', () => sboms(ui))
  if (!settings.push) {
    report.pushSkipped = notPushedReason(settings.ref.eventName)
    if (settings.attest) ui.info('attest: nothing was pushed, so nothing is attested.')
    return { built, loaded }
  }
  const publication = await ui.group(`Publish to ${settings.registry}`, async () => {
    for (const line of factsLog) ui.info(line)
    return publisher.publish(images, ui, (report.publication = { images: [] }))
  })
  if (report.sboms) {
    const sbomsToBind = report.sboms
    await ui.group('SBOMs: name the pushed images', () =>
      bindSboms(
        sbomsToBind,
        publication.images.map((p) => ({ name: p.name, container: p.container, platforms: platformDigests(p) })),
        (m) => ui.info(m),
      ),
    )
  }
  if (settings.attest) {
    // Loaded only when asked for: the attestation client (Sigstore) is most of the bundle.
    const { attestPublished } = await import('../publish/attest.js')
    report.attestations = await ui.group('Attest build provenance and SBOMs', () =>
      attestPublished(publication.images, report.sboms, settings.githubToken, (m) => ui.info(m)),
    )
  }
  if (appOutputs.length > 0) await ui.group('Cache: push the manifest app', () => afterPublish(cache, appOutputs))
  return { built, loaded, publication }
}
