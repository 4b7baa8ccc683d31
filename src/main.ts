// The action's main step: read the inputs, run the pipeline, report. Runner glue only.
import * as core from '@actions/core'
import { runnerContext } from './context.js'
import { registerSecret } from './exec.js'
import { probeHost } from './host.js'
import { type Settings, parseSettings } from './inputs.js'
import { runPipeline } from './pipeline.js'
import { type RunReport, imagesOutput, summaryMarkdown } from './summary.js'
import { actionsUi } from './ui.js'

export function readSettings(): Settings {
  const settings = parseSettings((name) => core.getInput(name), runnerContext())
  if (settings.token) {
    core.setSecret(settings.token)
    registerSecret(settings.token)
  }
  return settings
}

export async function run(): Promise<void> {
  const report: RunReport = { built: [], tests: [] }
  let failure: string | undefined
  try {
    const settings = readSettings()
    const host = await probeHost(runnerContext().host)
    const loaded = await runPipeline(settings, host, actionsUi, report, { installNix: true })
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
    // Outside a runner (the CLI, local tests) there may be no summary file to write to.
    if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(summaryMarkdown(report, failure)).write()
  }
}
