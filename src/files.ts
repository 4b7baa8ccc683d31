// Whether a path is there (or readable) for this user, without throwing; and where a run's own
// temporary files go.
import { access, constants } from 'node:fs/promises'
import { tmpdir } from 'node:os'

/** The runner's temporary folder (emptied after every job), or the system's outside a runner. */
export function runnerTemp(env: NodeJS.ProcessEnv = process.env): string {
  return env.RUNNER_TEMP || tmpdir()
}

export function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  )
}

export function readable(path: string): Promise<boolean> {
  return access(path, constants.R_OK).then(
    () => true,
    () => false,
  )
}
