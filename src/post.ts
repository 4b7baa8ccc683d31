// The action's post step (post-if: always()): removes what the main step left on the runner. It
// runs after a failed main step too, and its own failures are warnings: the job's result is the
// main step's.
import { removeBuilderDir } from './builders.js'
import { savedBuilderDir } from './state.js'

export async function post(): Promise<void> {
  const dir = savedBuilderDir()
  if (!dir) return
  const core = await import('@actions/core')
  try {
    if (await removeBuilderDir(dir)) core.info(`removed the builder key directory ${dir}`)
  } catch (e) {
    core.warning(`Could not remove the builder key directory ${dir}: ${e instanceof Error ? e.message : String(e)}`)
  }
}
