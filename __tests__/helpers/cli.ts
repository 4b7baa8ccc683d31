// Runs the bundled CLI (dist/cli) as a developer runs it, in a fixture checkout.
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { ROOT } from './action.js'

// The committed bundle; NCA_CLI runs another build of src/cli (e.g. one made with ncc before dist/ is rebuilt).
export const CLI = process.env.NCA_CLI ?? join(ROOT, 'dist', 'cli', 'index.js')

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

/** The CLI with `args` in `cwd`, with the stack's NIX_CONFIG; never rejects (the exit code is in the result). */
export function runCli(cwd: string, nixConfig: string, args: string[], extraEnv: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd, env: { ...process.env, NIX_CONFIG: nixConfig, ...extraEnv }, maxBuffer: 64 << 20 },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    )
  })
}

export type Cli = (args: string[], extraEnv?: Record<string, string>) => Promise<CliRun>

/** The CLI bound to one checkout and NIX_CONFIG, for a file whose tests all run it there. */
export function cliIn(cwd: string, nixConfig: string): Cli {
  return (args, extraEnv = {}) => runCli(cwd, nixConfig, args, extraEnv)
}
