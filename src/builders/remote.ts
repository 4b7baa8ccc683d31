// Remote builders: Nix machine lines (the `builders` setting and /etc/nix/machines), the builders
// this runner already has (nix-darwin's nix-rosetta-builder among them), the files a builder given
// by inputs needs (its ssh key, an ssh config for a port), and a bounded wait for a builder that
// may still be booting. Parsing and formatting are pure; only the last section touches the world.
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { CommandError, run, which } from '../exec.js'
import { canBeRoot, canSudo, isRoot, runAsRoot } from '../root.js'
import { type Plan, type Ui, type Builder, type MachineLine } from '../model.js'
import { hostKeyFingerprint, pickScannedKey } from '../config/ssh-keys.js'
import {
  FROM_INPUT,
  type PortRoute,
  type SshTarget,
  buildersValue,
  classifyPingFailure,
  formatSshUri,
  mergeBuilders,
  parseMachineLine,
  parseSshUri,
  pingArgs,
  rootSshConfigFile,
  rootSshConfigText,
  splitMachines,
  sshAlias,
  sshConfigText,
  toBuilder,
} from '../config/machine-line.js'
import { type Nix, configShowCommand, nixVersion } from '../nix/nix.js'
import { retry, untilDeadline } from '../retry.js'
import { readable, runnerTemp } from '../files.js'

const MACHINES_FILE = '/etc/nix/machines'
const DIR_PREFIX = 'nca-builder-'

async function readMachinesFile(path: string): Promise<string> {
  return readFile(path, 'utf8').catch(() => '')
}

/** The `builders` setting as this user's Nix sees it (nix.conf, NIX_CONFIG), or undefined without Nix. */
export async function readBuildersSetting(nixPath: string | undefined): Promise<string | undefined> {
  if (!nixPath) return undefined
  const command = configShowCommand(await nixVersion(nixPath).catch(() => ''))
  const r = await run(
    { cmd: nixPath, args: ['--extra-experimental-features', 'nix-command', ...command, '--json'] },
    { echo: false, check: false, timeoutMs: 30_000 },
  ).catch(() => undefined)
  if (r?.code !== 0) return undefined
  try {
    const value = (JSON.parse(r.stdout) as Record<string, { value?: unknown }>).builders?.value
    return typeof value === 'string' ? value : undefined
  } catch {
    return undefined
  }
}

/** The machine lines of a `builders` value, '@file' references read as Nix reads them. */
export async function resolveMachines(value: string, depth = 0): Promise<{ line: MachineLine; from: string }[]> {
  const { lines, files } = splitMachines(value)
  const out: { line: MachineLine; from: string }[] = []
  for (const text of lines) {
    try {
      out.push({ line: parseMachineLine(text), from: "Nix's builders setting" })
    } catch {
      // Nix would reject it too; it is not ours to report
    }
  }
  for (const file of files) {
    if (depth > 3) break
    for (const m of await resolveMachines(await readMachinesFile(file), depth + 1))
      out.push({ ...m, from: m.from === "Nix's builders setting" ? file : m.from })
  }
  return out
}

/** The builders this machine already has, from Nix's own setting, else from /etc/nix/machines. */
export async function detectBuilders(nixPath: string | undefined): Promise<Builder[]> {
  const setting = (await readBuildersSetting(nixPath)) ?? `@${MACHINES_FILE}`
  const machines = await resolveMachines(setting)
  return mergeBuilders(machines.map((m) => toBuilder(m.line, m.from)).filter((b): b is Builder => b !== undefined))
}

export interface BuilderInputs {
  builders: MachineLine[]
  builderSshKey: string
  builderHostKey?: string
  builderTimeoutSec: number
}

export interface PreparedBuilders {
  /** The temporary directory with the key and ssh config; the post step removes it. */
  dir?: string
  /** The input builders as Nix will see them (label = as written). */
  lines: MachineLine[]
  /** The `builders` value for nix.conf. */
  setting: string
  env: Record<string, string>
}

function deadlineAfter(seconds: number): () => number {
  const end = Date.now() + seconds * 1000
  return () => end - Date.now()
}

/** A host key from ssh-keyscan, retried until the deadline: an on-demand builder may be booting. */
async function scanHostKey(t: SshTarget, remaining: () => number): Promise<string> {
  const keyscan = await which('ssh-keyscan')
  if (!keyscan)
    throw new Error(
      `Input 'builder-host-key' is empty and ssh-keyscan is not installed: give the builder's public host key (ssh-ed25519 AAAA…) in builder-host-key.`,
    )
  let last = 'no host key offered'
  try {
    return await retry(
      async () => {
        const r = await run(
          { cmd: keyscan, args: ['-T', '10', ...(t.port ? ['-p', String(t.port)] : []), t.host] },
          { echo: false, check: false, timeoutMs: 20_000 },
        )
        const key = pickScannedKey(r.stdout)
        if (key) return key
        last =
          r.stderr
            .trim()
            .split('\n')
            .filter((l) => !l.startsWith('#'))
            .join(' ') || 'no host key offered'
        throw new Error(last)
      },
      { delayMs: untilDeadline(remaining, 2000) },
    )
  } catch (e) {
    throw new Error(
      `ssh-keyscan could not read a host key from ${t.host}${t.port ? ` port ${t.port}` : ''} (${last}): check that the builder is reachable, or give its key in builder-host-key.`,
      { cause: e },
    )
  }
}

/**
 * Writes what the builders given by inputs need into a fresh 0700 directory: the private key (0600)
 * and, for a builder on a port, an ssh config. `onDir` is told the directory before the key is
 * written, so the post step removes it even when this fails half-way.
 */
export async function prepareBuilders(
  inputs: BuilderInputs,
  nixPath: string,
  ui: Pick<Ui, 'info' | 'warning'>,
  onDir: (dir: string) => void,
  /** Nix builds through its daemon, which connects to builders as root and never sees NIX_SSHOPTS. */
  daemon = false,
): Promise<PreparedBuilders> {
  const dir = await mkdtemp(join(runnerTemp(), DIR_PREFIX))
  onDir(dir)
  // NIX_SSHOPTS is split on spaces, so the config's path must have none.
  if (/\s/.test(dir))
    throw new Error(`The temporary directory ${dir} contains a space, which NIX_SSHOPTS cannot carry: set RUNNER_TEMP to a path without spaces.`)
  await chmod(dir, 0o700)
  let keyFile: string | undefined
  if (inputs.builderSshKey) {
    keyFile = join(dir, 'ssh-key')
    await writeFile(keyFile, inputs.builderSshKey, { mode: 0o600, flag: 'wx' })
    await chmod(keyFile, 0o600) // whatever the umask
  }
  const remaining = deadlineAfter(inputs.builderTimeoutSec)
  const routes: PortRoute[] = []
  const lines: MachineLine[] = []
  for (const given of inputs.builders) {
    const target = parseSshUri(given.uri)!
    let publicHostKey = given.publicHostKey ?? inputs.builderHostKey
    if (!publicHostKey) {
      publicHostKey = await scanHostKey(target, remaining)
      ui.warning(
        `Input 'builder-host-key' is empty: trusting the host key ssh-keyscan read from ${given.uri} (${hostKeyFingerprint(publicHostKey)}). ` +
          `Anyone between this runner and the builder could have answered instead; pin the key with builder-host-key.`,
      )
    }
    const line: MachineLine = { ...given, label: given.uri, sshKey: given.sshKey ?? keyFile, publicHostKey }
    if (target.port !== undefined) {
      const alias = sshAlias(target)
      routes.push({ alias, host: target.host, port: target.port })
      line.uri = formatSshUri({ scheme: target.scheme, user: target.user, host: alias })
    }
    lines.push(line)
  }
  const env: Record<string, string> = {}
  if (routes.length > 0) {
    const config = join(dir, 'ssh_config')
    await writeFile(config, sshConfigText(routes), { mode: 0o600 })
    env.NIX_SSHOPTS = [process.env.NIX_SSHOPTS, `-F ${config}`].filter(Boolean).join(' ')
    for (const l of lines.filter((l) => l.label !== l.uri)) ui.info(`builder ${l.label} is ${l.uri} in nix.conf: its port is in ${config} (NIX_SSHOPTS -F)`)
    if (daemon) {
      const ports = routes.map((r) => `${r.host}:${r.port}`).join(', ')
      if (!(await canBeRoot())) {
        throw new Error(
          `Nix builds through its daemon here, which connects to builders as root and does not see NIX_SSHOPTS, and this user cannot write root's ssh config (no root, no passwordless sudo): ` +
            `put the port of ${ports} in root's ssh config (Host … Port …), or let the builder listen on port 22. Nothing was built.`,
        )
      }
      const file = rootSshConfigFile(dir)
      await runAsRoot('tee', [file], { input: rootSshConfigText(routes), echo: false })
      ui.info(`Nix builds through its daemon (as root), which does not see NIX_SSHOPTS: the port of ${ports} is also in ${file}, removed in the post step.`)
    }
  }
  return { dir, lines, setting: buildersValue(lines, await readBuildersSetting(nixPath)), env }
}

/** Removes a directory prepareBuilders made, and nothing else: the path comes back from saved state. */
export async function removeBuilderDir(dir: string): Promise<boolean> {
  if (!basename(dir).startsWith(DIR_PREFIX)) throw new Error(`refusing to remove ${dir}: it is not a directory this action created`)
  const info = await stat(dir).catch(() => undefined)
  if (!info) return false
  if (!info.isDirectory()) throw new Error(`refusing to remove ${dir}: it is not a directory`)
  await rm(dir, { recursive: true, force: true })
  return true
}

/**
 * Waits until a builder answers `nix store ping`, at most `timeoutSec`: an on-demand builder (the
 * nix-rosetta-builder VM with onDemand) boots on the first connection, and a build started while it
 * boots fails. A machine whose key only root can read (nix-darwin's builders are root's) is pinged
 * through sudo, as the nix daemon would connect as root.
 */
export async function warmBuilder(nix: Nix, builder: Builder, line: MachineLine, timeoutSec: number, ui: Pick<Ui, 'info' | 'notice'>): Promise<void> {
  const remaining = deadlineAfter(timeoutSec)
  const started = Date.now()
  const name = `${builder.uri}${builder.from ? ` (${builder.from})` : ''}`
  let sudo = !isRoot() && !(line.sshKey === undefined || (await readable(line.sshKey))) && (await canSudo())
  let last = 'no answer'
  let attempts = 0
  const ours = builder.from === FROM_INPUT
  ui.info(`waiting for builder ${name} to answer (at most ${timeoutSec} s)`)
  // 'unchecked': only root could reach it, and this user cannot become root (the daemon can).
  const ping = async (): Promise<'answered' | 'unchecked'> => {
    attempts++
    const cmd = sudo ? { cmd: 'sudo', args: ['-n', nix.path, ...pingArgs(line)] } : { cmd: nix.path, args: pingArgs(line), env: nix.env }
    try {
      await run(cmd, { echo: false, timeoutMs: Math.max(1000, Math.min(remaining(), 30_000)) })
      return 'answered'
    } catch (e) {
      if (!(e instanceof CommandError)) throw e
      const stderr = e.result.timedOut ? 'no answer' : e.result.stderr
      last = e.message.replace(/\r/g, '').split('\n').slice(1).join(' ').trim() || stderr.trim() || 'no answer'
      const kind = classifyPingFailure(stderr)
      if (kind === 'unreadable-key' || (kind === 'auth' && !ours)) {
        if (!sudo && !isRoot() && (await canSudo())) {
          sudo = true
          return ping()
        }
        if (!ours && !sudo) return 'unchecked'
      }
      if (kind === 'host-key') {
        throw new BuilderRefused(
          ours
            ? `Remote builder ${name}: its host key does not match (${last}). Give the right key in input 'builder-host-key' (or field 8 of its line in input 'builders').`
            : `Remote builder ${name}: its host key does not match (${last}). Fix the host key in its machine line or in root's known_hosts.`,
        )
      }
      if (kind === 'auth' || kind === 'unreadable-key') {
        throw new BuilderRefused(
          ours
            ? `Remote builder ${name} refused the ssh key (${last}): authorize the public half of input 'builder-ssh-key' for its user, or name the right key file in field 3 of its line in input 'builders'.`
            : `Remote builder ${name} refused root's ssh key (${last}): check the key in its machine line and root's ssh config for that host.`,
        )
      }
      throw e
    }
  }
  let outcome
  try {
    outcome = await retry(ping, { delayMs: untilDeadline(remaining, 2000), retryable: (e) => !(e instanceof BuilderRefused) })
  } catch (e) {
    if (e instanceof BuilderRefused) throw e
    throw new Error(
      `Remote builder ${name} did not answer within ${timeoutSec} s (input 'builder-timeout', ${attempts} attempts): ${last}. ` +
        `Check that it is running and reachable from this runner; an on-demand builder may need a longer builder-timeout.`,
      { cause: e },
    )
  }
  if (outcome === 'unchecked') {
    ui.notice(
      `Could not check builder ${name} as this user (its ssh key is root's, and sudo is not available): the nix daemon connects to it as root when building.`,
    )
    return
  }
  ui.info(
    `builder ${name} answered after ${((Date.now() - started) / 1000).toFixed(1)} s${attempts > 1 ? ` (${attempts} attempts)` : ''}${sudo ? ' (as root)' : ''}`,
  )
}

/** A builder that answered and refused us: waiting longer will not help. */
class BuilderRefused extends Error {}

/** Every builder the plan sends work to, as Nix will reach it, warmed one after the other. */
export async function warmBuilders(
  nix: Nix,
  planned: Plan,
  prepared: PreparedBuilders | undefined,
  timeoutSec: number,
  ui: Pick<Ui, 'info' | 'notice'>,
): Promise<void> {
  for (const builder of planned.builders) {
    const line = prepared?.lines.find((l) => l.label === builder.uri) ?? builder.line
    if (!line || !parseSshUri(line.uri)) continue // not an ssh machine: nothing to wake
    await warmBuilder(nix, builder, line, timeoutSec, ui)
  }
}
