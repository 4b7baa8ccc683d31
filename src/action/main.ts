// The action's main step: read the inputs, run the pipeline, report. Runner glue only.
import type * as Core from '@actions/core'
import { actionInput, checkRenamedInputs, runnerContext } from './context.js'
import { registerSecret } from '../exec.js'
import type { HostFacts } from '../model.js'
import { probeHost } from '../pipeline/host.js'
import { type Settings, parseSettings } from '../config/settings.js'
import { runPipeline } from '../pipeline/run.js'
import { type RunReport, actionOutputs, summaryMarkdown } from '../pipeline/report.js'
import type { LoadedImage } from '../image/docker.js'
import { actionsUi } from '../pipeline/ui.js'
import { markMainStarted, saveBuilderDir } from './state.js'
import { inputBuilders } from '../config/machine-line.js'
import { messageOf } from '../errors.js'

/** Inputs whose values are masked in the log and refused on any command line. */
const SECRET_INPUTS = ['builder-ssh-key', 'cachix-auth-token', 'cachix-signing-key', 'binary-cache-secret-key', 'password', 'token', 'github-token'] as const

/** A multi-line secret is masked line by line too: the runner matches masks within one log line. */
function secretParts(value: string): string[] {
  if (!value.trim()) return []
  return [value, ...value.split(/\r?\n/).filter((l) => l.trim().length >= 8 && !l.startsWith('-----'))]
}

/** Every secret of the run: the secret inputs (line by line too) and the tokens the settings hold. */
function secretsOf(settings?: Settings): Set<string> {
  const values = [...SECRET_INPUTS.flatMap((input) => secretParts(actionInput(input))), settings?.password, settings?.githubToken]
  return new Set(values.filter((v): v is string => !!v))
}

interface Started {
  settings: Settings
  host: Promise<HostFacts>
}

/** Reads the inputs and starts probing the runner. Prints nothing: the secrets are not masked yet. */
function start(): Started {
  // Registered before parsing, so not even an error about an input can carry one onto a command line.
  secretsOf().forEach(registerSecret)
  checkRenamedInputs()
  const context = runnerContext()
  const settings = parseSettings(actionInput, context)
  secretsOf(settings).forEach(registerSecret)
  const host = probeHost(context.host, inputBuilders(settings.builders))
  // Awaited once @actions/core is loaded; a failure is reported then, not as an unhandled rejection.
  host.catch(() => undefined)
  return { settings, host }
}

export async function run(): Promise<void> {
  let started: Started | undefined
  let early: unknown
  try {
    started = start()
  } catch (e) {
    early = e
  }
  // @actions/core is slow to load (mostly the HTTP client it brings): it loads while the probes run.
  const core: typeof Core = await import('@actions/core')
  // Masked before anything is printed, so not even an error about an input can show a secret.
  secretsOf(started?.settings).forEach((secret) => core.setSecret(secret))
  const report: RunReport = { built: [], tests: [] }
  let loaded: LoadedImage[] = []
  let failure: string | undefined
  try {
    markMainStarted(core)
    if (!started) throw early
    const { settings, host } = started
    loaded = (await runPipeline(settings, await host, actionsUi(core), report, { installNix: true, onBuilderDir: (dir) => saveBuilderDir(core, dir) })).loaded
  } catch (e) {
    failure = messageOf(e)
    core.setFailed(failure)
  } finally {
    // Set even after a failure: what was built and tested is worth reporting.
    for (const [name, value] of Object.entries(actionOutputs(report, loaded))) core.setOutput(name, value)
    // Outside a runner (the CLI, local tests) there may be no summary file to write to.
    if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(summaryMarkdown(report, failure)).write()
  }
}
