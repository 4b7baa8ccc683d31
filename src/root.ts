// Root on the runner: GitHub's runners run jobs as `runner` with passwordless sudo. One place asks
// whether we are root or may become it, and runs a command as root.
import { run, which } from './exec.js'

export function isRoot(): boolean {
  return process.getuid?.() === 0
}

let sudo: Promise<boolean> | undefined

/** Passwordless sudo (never a prompt: -n), asked once per run. */
export function canSudo(): Promise<boolean> {
  sudo ??= (async () => {
    if (!(await which('sudo'))) return false
    const r = await run({ cmd: 'sudo', args: ['-n', 'true'] }, { echo: false, check: false }).catch(() => undefined)
    return r?.code === 0
  })()
  return sudo
}

/** Root itself, or passwordless sudo. */
export async function canBeRoot(): Promise<boolean> {
  return isRoot() || (await canSudo())
}

/** Runs a command as root: directly when we are root, else through passwordless sudo. */
export async function runAsRoot(cmd: string, args: string[], options: { input?: string; echo?: boolean } = {}): Promise<void> {
  if (isRoot()) await run({ cmd, args }, options)
  else await run({ cmd: 'sudo', args: ['-n', cmd, ...args] }, options)
}
