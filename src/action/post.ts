// The action's post step (post-if: always()): removes what the main step left on the runner. It
// runs after a failed main step too, and its own failures are warnings: the job's result is the
// main step's.
import { removeBuilderDir } from '../builders/remote.js'
import { runAsRoot } from '../root.js'
import { savedBuilderDir } from './state.js'
import { rootSshConfigFile } from '../config/machine-line.js'
import { exists } from '../files.js'
import { messageOf } from '../errors.js'

export async function post(): Promise<void> {
  const dir = savedBuilderDir()
  if (!dir) return
  const core = await import('@actions/core')
  try {
    if (await removeBuilderDir(dir)) core.info(`removed the builder key directory ${dir}`)
  } catch (e) {
    core.warning(`Could not remove the builder key directory ${dir}: ${messageOf(e)}`)
  }
  // Written (as root) only when Nix built through its daemon and a builder listens on a port.
  const sshConfig = rootSshConfigFile(dir)
  if (await exists(sshConfig)) {
    try {
      await runAsRoot('rm', ['-f', sshConfig], { echo: false })
      core.info(`removed ${sshConfig}`)
    } catch (e) {
      core.warning(`Could not remove ${sshConfig}: ${messageOf(e)}`)
    }
  }
}
