// The action's main step: read the inputs, run the pipeline, report. Runner glue only.
import * as core from '@actions/core'
import { inputBuilders } from './builders.js'
import { runnerContext } from './context.js'
import { registerSecret } from './exec.js'
import { probeHost } from './host.js'
import { type Settings, parseSettings } from './inputs.js'
import { runPipeline } from './pipeline.js'
import { type RunReport, imagesOutput, sbomsOutput, summaryMarkdown } from './summary.js'
import { actionsUi } from './ui.js'
import { markMainStarted, saveBuilderDir } from './state.js'

/** A multi-line secret is masked line by line too: the runner matches masks within one log line. */
function maskSecret(value: string): void {
  if (!value.trim()) return
  for (const part of [value, ...value.split(/\r?\n/).filter((l) => l.trim().length >= 8 && !l.startsWith('-----'))]) {
    core.setSecret(part)
    registerSecret(part)
  }
}

export function readSettings(): Settings {
  // Masked before parsing, so not even an error about the key can show it.
  maskSecret(core.getInput('builder-ssh-key'))
  // Cache credentials reach cachix and nix through the environment or a 0600 file, never argv.
  for (const input of ['cachix-auth-token', 'cachix-signing-key', 'binary-cache-secret-key'] as const) maskSecret(core.getInput(input))
  const settings = parseSettings((name) => core.getInput(name), runnerContext())
  for (const secret of [settings.token, settings.githubToken]) {
    if (!secret) continue
    core.setSecret(secret)
    registerSecret(secret)
  }
  return settings
}

export async function run(): Promise<void> {
  const report: RunReport = { built: [], tests: [] }
  let failure: string | undefined
  try {
    markMainStarted()
    const settings = readSettings()
    const host = await probeHost(runnerContext().host, inputBuilders(settings.builders))
    const loaded = await runPipeline(settings, host, actionsUi, report, { installNix: true, onBuilderDir: saveBuilderDir })
    const native = loaded.find((l) => l.run === 'native') ?? loaded[0]
    if (native) core.setOutput('image', native.reference)
    const published = report.publication?.images[0]
    if (published) {
      core.setOutput('digest', published.digest)
      core.setOutput('tags', published.tags.join(','))
      core.setOutput('manifest', JSON.stringify(published.manifest))
    }
  } catch (e) {
    failure = e instanceof Error ? e.message : String(e)
    core.setFailed(failure)
  } finally {
    core.setOutput('images', JSON.stringify(imagesOutput(report)))
    if (report.sboms) core.setOutput('sboms', JSON.stringify(sbomsOutput(report)))
    // Outside a runner (the CLI, local tests) there may be no summary file to write to.
    if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(summaryMarkdown(report, failure)).write()
  }
}
