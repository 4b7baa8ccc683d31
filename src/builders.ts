// Remote builders: Nix machine lines (the `builders` setting and /etc/nix/machines), the builders
// this runner already has (nix-darwin's nix-rosetta-builder among them), the files a builder given
// by inputs needs (its ssh key, an ssh config for a port), and a bounded wait for a builder that
// may still be booting. Parsing and formatting are pure; only the last section touches the world.
import { access, chmod, constants, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { CommandError, run, which } from './exec.js'
import { canBeRoot, canSudo, isRoot, runAsRoot } from './root.js'
import { type Nix, nixVersion } from './nix.js'
import type { Builder, Plan } from './plan.js'
import { LINUX_SYSTEMS } from './platform.js'
import { hostKeyFingerprint, parseHostKey, pickScannedKey } from './sshkeys.js'
import type { Ui } from './ui.js'

/** One line of Nix's machines format, every field but the URI optional ('-' in the text). */
export interface MachineLine {
  /** The store URI Nix connects to, e.g. ssh-ng://builder@host. */
  uri: string
  /** Every system the line lists, Linux or not. */
  systems: string[]
  sshKey?: string
  maxJobs?: number
  speedFactor?: number
  supportedFeatures: string[]
  mandatoryFeatures: string[]
  /** Base64 of the host's public key line ("ssh-ed25519 AAAA…"), as Nix wants it. */
  publicHostKey?: string
  /** The URI as the user wrote it, when the action rewrote it (a port moved into an ssh config). */
  label?: string
}

export interface SshTarget {
  scheme: 'ssh' | 'ssh-ng'
  user?: string
  /** Host name, IPv4 address, or IPv6 address without brackets. */
  host: string
  port?: number
}

/** Why a machine line was rejected; inputs.ts turns it into an error naming the input. */
export class MachineLineError extends Error {}

const FIELD_NAMES = ['URI', 'systems', 'ssh key', 'max jobs', 'speed factor', 'supported features', 'mandatory features', 'public host key']
export const MACHINE_LINE_FORM = 'ssh-ng://user@host[:port] systems [ssh-key [max-jobs [speed-factor [features [mandatory-features [host-key]]]]]], with - for a field left out'
const SYSTEM = /^[a-z0-9_]+-[a-z0-9_]+$/
const HOST_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/
const USER = /^[A-Za-z0-9._][A-Za-z0-9._-]*$/
/** Where a builder given by the action's inputs says it came from (plans and errors show it). */
export const FROM_INPUT = "input 'builders'"
/** The host name nix-darwin's nix-rosetta-builder gives its VM in /etc/ssh/ssh_config.d and /etc/nix/machines. */
export const ROSETTA_HOST = 'rosetta-builder'

/**
 * The entries of a `builders` value or a machines file, as Nix splits them: on newlines and ';',
 * '#' to the end of a line is a comment, and '@file' names a machines file to read.
 */
export function splitMachines(text: string): { lines: string[]; files: string[] } {
  const lines: string[] = []
  const files: string[] = []
  for (const raw of text.split(/[\n;]/)) {
    const entry = raw.replace(/#.*$/, '').trim()
    if (!entry) continue
    if (entry.startsWith('@')) files.push(entry.slice(1).trim())
    else lines.push(entry)
  }
  return { lines, files }
}

/** `[user@]host[:port]` after ssh:// or ssh-ng://; Nix itself reads a line without a scheme as ssh://. */
export function parseSshUri(uri: string): SshTarget | undefined {
  const m = /^(?:(ssh|ssh-ng):\/\/)?(?:([^@/?#\s]+)@)?(\[[0-9A-Fa-f:.]+\]|[^:/?#@\s[\]]+)(?::([0-9]{1,5}))?$/.exec(uri)
  if (!m) return undefined
  const [, scheme = 'ssh', user, rawHost, port] = m
  const host = rawHost.startsWith('[') ? rawHost.slice(1, -1) : rawHost
  if (user !== undefined && !USER.test(user)) return undefined
  if (!rawHost.startsWith('[') && !HOST_NAME.test(host)) return undefined
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return undefined
  return { scheme: scheme as SshTarget['scheme'], user, host, port: port === undefined ? undefined : Number(port) }
}

export function formatSshUri(t: SshTarget): string {
  const host = t.host.includes(':') ? `[${t.host}]` : t.host
  return `${t.scheme}://${t.user ? `${t.user}@` : ''}${host}${t.port === undefined ? '' : `:${t.port}`}`
}

function optionalField(value: string | undefined): string | undefined {
  return value === undefined || value === '-' || value === '' ? undefined : value
}

function listField(value: string | undefined): string[] {
  const v = optionalField(value)
  return v ? v.split(',').map((s) => s.trim()).filter(Boolean) : []
}

function wholeNumber(value: string | undefined, field: number): number | undefined {
  const v = optionalField(value)
  if (v === undefined) return undefined
  if (!/^[0-9]+$/.test(v) || Number(v) < 1) throw new MachineLineError(`field ${field + 1} (${FIELD_NAMES[field]}) ${JSON.stringify(v)} is not a whole number of at least 1, or -`)
  return Number(v)
}

/**
 * One machine line. `strict` (for the builders input) also insists on an ssh URI and on at least
 * one system; lines Nix itself reads are taken as Nix takes them.
 */
export function parseMachineLine(line: string, strict = false): MachineLine {
  const fields = line.trim().split(/\s+/)
  if (fields.length > 8) throw new MachineLineError(`has ${fields.length} fields; a machine line has at most 8: ${MACHINE_LINE_FORM}`)
  const [uriField, systemsField, keyField, jobsField, speedField, featuresField, mandatoryField, hostKeyField] = fields
  let uri = uriField
  if (strict) {
    const target = parseSshUri(uriField)
    if (!target) throw new MachineLineError(`${JSON.stringify(uriField)} is not an ssh builder: use ssh-ng://user@host or ssh-ng://user@host:port (ssh:// for the older protocol), without a path or ?options`)
    uri = formatSshUri(target)
  } else if (!uri.includes('://')) {
    uri = `ssh://${uri}`
  }
  const systems = listField(systemsField)
  for (const s of systems) {
    if (!SYSTEM.test(s)) throw new MachineLineError(`field 2 (systems) has ${JSON.stringify(s)}, which is not a Nix system such as aarch64-linux`)
  }
  if (strict && !systems.some((s) => (LINUX_SYSTEMS as readonly string[]).includes(s))) {
    throw new MachineLineError(`lists no system this action builds: name them in field 2, comma-separated, e.g. ${uri} aarch64-linux (accepted: ${LINUX_SYSTEMS.join(', ')})`)
  }
  if (strict && optionalField(mandatoryField) !== undefined) {
    throw new MachineLineError(`field 7 (mandatory features) is ${JSON.stringify(mandatoryField)}: Nix sends such a machine only derivations that require those features, which images do not; write - there`)
  }
  const hostKey = optionalField(hostKeyField)
  if (hostKey !== undefined && !parseHostKey(hostKey)) {
    throw new MachineLineError(`field 8 (public host key) is not the base64 of an SSH public key line (base64 -w0 /etc/ssh/ssh_host_ed25519_key.pub)`)
  }
  return {
    uri,
    systems,
    sshKey: optionalField(keyField),
    maxJobs: wholeNumber(jobsField, 3),
    speedFactor: wholeNumber(speedField, 4),
    supportedFeatures: listField(featuresField),
    mandatoryFeatures: listField(mandatoryField),
    publicHostKey: hostKey,
  }
}

/** Back to the text Nix reads, with '-' for what is left out. */
export function formatMachineLine(m: MachineLine): string {
  const list = (l: string[]) => (l.length ? l.join(',') : '-')
  const fields = [
    m.uri,
    list(m.systems),
    m.sshKey ?? '-',
    String(m.maxJobs ?? 1),
    String(m.speedFactor ?? 1),
    list(m.supportedFeatures),
    list(m.mandatoryFeatures),
    m.publicHostKey ?? '-',
  ]
  // Nix splits a `builders` value on ';' and cuts '#' comments, so neither may occur in a field.
  if (fields.some((f) => /[;#\s]/.test(f))) throw new MachineLineError(`cannot be written as a machine line: a field contains ';', '#' or a space`)
  return fields.join(' ')
}

/**
 * What the planner needs from a machine: the Linux systems it builds. A machine with mandatory
 * features only takes derivations that require them, so Nix would not send our images there.
 */
export function toBuilder(m: MachineLine, from: string): Builder | undefined {
  if (m.mandatoryFeatures.length > 0) return undefined
  const systems = LINUX_SYSTEMS.filter((s) => m.systems.includes(s))
  if (systems.length === 0) return undefined
  return { uri: m.label ?? m.uri, systems, from, line: m }
}

/** Builders given as inputs come first, so the plan names them; later duplicates are dropped. */
export function mergeBuilders(...sets: Builder[][]): Builder[] {
  const seen = new Set<string>()
  const out: Builder[] = []
  for (const b of sets.flat()) {
    if (seen.has(b.uri)) continue
    seen.add(b.uri)
    out.push(b)
  }
  return out
}

export function isRosettaBuilder(uri: string): boolean {
  return parseSshUri(uri)?.host === ROSETTA_HOST
}

// --- what the action writes -------------------------------------------------------------------------

/** The ssh Host alias for a builder on a port: Nix 2.8 (and Nix before 2.31) cannot put a port in a URI. */
export function sshAlias(t: SshTarget): string {
  return `nca-${t.host.replace(/[^A-Za-z0-9.-]+/g, '_')}-${t.port}`
}

export interface PortRoute {
  alias: string
  host: string
  port: number
}

/**
 * ssh config for builders on a port, given to Nix's ssh as NIX_SSHOPTS="-F <file>". HostKeyAlias
 * makes ssh look the host key up under the alias, which is the name Nix writes the machine line's
 * host key under. `-F` replaces the user's and the system's config, so they are included after
 * ours, for every other host (the nix-rosetta-builder's Host entry lives in /etc/ssh/ssh_config.d).
 */
/** Where the nix daemon's ssh (root's) finds the ports of a run's builders: a drop-in removed by the post step. */
export function rootSshConfigFile(builderDir: string): string {
  return `/etc/ssh/ssh_config.d/${basename(builderDir)}.conf`
}

function hostBlocks(routes: PortRoute[]): string[] {
  return routes.map((r) => [`Host ${r.alias}`, `  HostName ${r.host}`, `  Port ${r.port}`, `  HostKeyAlias ${r.alias}`].join('\n'))
}

/** The same routes as a drop-in of the system's ssh config, for a daemon that never sees NIX_SSHOPTS. */
export function rootSshConfigText(routes: PortRoute[]): string {
  return ['# Written by nix-container-action for remote builders on a port; removed in its post step.', ...hostBlocks(routes), ''].join('\n')
}

export function sshConfigText(routes: PortRoute[]): string {
  return [
    '# Written by nix-container-action for remote builders on a port; removed in its post step.',
    ...hostBlocks(routes),
    'Match all',
    '  Include /etc/ssh/ssh_config',
    '  Include ~/.ssh/config',
    '',
  ].join('\n')
}

/**
 * The `builders` value for this run: our lines first, then whatever Nix had (often @/etc/nix/machines).
 * Joined by a bare ';': Nix 2.8 reads an '@file' entry only when '@' is its very first character
 * (it does not trim the entry first), so ' ; @/etc/nix/machines' would become a machine of that name.
 */
export function buildersValue(lines: MachineLine[], existing: string | undefined): string {
  const kept = (existing ?? '').split(/[\n;]/).map((e) => e.trim()).filter(Boolean)
  return [...lines.map(formatMachineLine), ...kept].join(';')
}

/** `nix store ping`'s store URI: the key and host key as the store's own settings. */
export function pingStoreUri(m: MachineLine): string {
  const params = [
    m.sshKey && `ssh-key=${encodeURIComponent(m.sshKey)}`,
    m.publicHostKey && `base64-ssh-public-host-key=${encodeURIComponent(m.publicHostKey)}`,
  ].filter(Boolean)
  return params.length ? `${m.uri}?${params.join('&')}` : m.uri
}

export function pingArgs(m: MachineLine): string[] {
  // The flag, not NIX_CONFIG, enables the command: `sudo` drops the environment.
  return ['--extra-experimental-features', 'nix-command', 'store', 'ping', '--store', pingStoreUri(m)]
}

export type PingFailure = 'host-key' | 'auth' | 'unreadable-key' | 'transient'

/** Which ping failures waiting cannot fix: a booting machine refuses or drops connections. */
export function classifyPingFailure(stderr: string): PingFailure {
  if (/Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED|No (ED25519|ECDSA|RSA)? ?host key is known/i.test(stderr)) return 'host-key'
  if (/Load key .*: Permission denied|Permission denied, please try again|identity file .* not accessible/i.test(stderr)) return 'unreadable-key'
  if (/Permission denied \(/.test(stderr)) return 'auth'
  return 'transient'
}

// --- the world ----------------------------------------------------------------------------------

const MACHINES_FILE = '/etc/nix/machines'
const DIR_PREFIX = 'nca-builder-'

async function readMachinesFile(path: string): Promise<string> {
  return readFile(path, 'utf8').catch(() => '')
}

/** Nix 2.20 renamed `show-config` to `config show` (the old name warns there and may go). */
export function configShowCommand(version: string): string[] {
  const [major, minor] = version.split('.').map(Number)
  return major > 2 || (major === 2 && minor >= 20) ? ['config', 'show'] : ['show-config']
}

/** The `builders` setting as this user's Nix sees it (nix.conf, NIX_CONFIG), or undefined without Nix. */
export async function readBuildersSetting(nixPath: string | undefined): Promise<string | undefined> {
  if (!nixPath) return undefined
  const command = configShowCommand(await nixVersion(nixPath).catch(() => ''))
  const r = await run({ cmd: nixPath, args: ['--extra-experimental-features', 'nix-command', ...command, '--json'] }, { echo: false, check: false, timeoutMs: 30_000 }).catch(() => undefined)
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
    for (const m of await resolveMachines(await readMachinesFile(file), depth + 1)) out.push({ ...m, from: m.from === "Nix's builders setting" ? file : m.from })
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** A host key from ssh-keyscan, retried until the deadline: an on-demand builder may be booting. */
async function scanHostKey(t: SshTarget, remaining: () => number): Promise<string> {
  const keyscan = await which('ssh-keyscan')
  if (!keyscan) throw new Error(`Input 'builder-host-key' is empty and ssh-keyscan is not installed: give the builder's public host key (ssh-ed25519 AAAA…) in builder-host-key.`)
  let last = ''
  do {
    const r = await run({ cmd: keyscan, args: ['-T', '10', ...(t.port ? ['-p', String(t.port)] : []), t.host] }, { echo: false, check: false, timeoutMs: 20_000 })
    const key = pickScannedKey(r.stdout)
    if (key) return key
    last = r.stderr.trim().split('\n').filter((l) => !l.startsWith('#')).join(' ') || 'no host key offered'
    if (remaining() > 2000) await sleep(2000)
  } while (remaining() > 0)
  throw new Error(`ssh-keyscan could not read a host key from ${t.host}${t.port ? ` port ${t.port}` : ''} (${last}): check that the builder is reachable, or give its key in builder-host-key.`)
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
  const base = process.env.RUNNER_TEMP || tmpdir()
  const dir = await mkdtemp(join(base, DIR_PREFIX))
  onDir(dir)
  // NIX_SSHOPTS is split on spaces, so the config's path must have none.
  if (/\s/.test(dir)) throw new Error(`The temporary directory ${dir} contains a space, which NIX_SSHOPTS cannot carry: set RUNNER_TEMP to a path without spaces.`)
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


async function readable(path: string | undefined): Promise<boolean> {
  if (!path) return true
  return access(path, constants.R_OK).then(
    () => true,
    () => false,
  )
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
  let sudo = !isRoot() && !(await readable(line.sshKey)) && (await canSudo())
  let last = ''
  let attempts = 0
  ui.info(`waiting for builder ${name} to answer (at most ${timeoutSec} s)`)
  do {
    attempts++
    const cmd = sudo ? { cmd: 'sudo', args: ['-n', nix.path, ...pingArgs(line)] } : { cmd: nix.path, args: pingArgs(line), env: nix.env }
    const timeoutMs = Math.max(1000, Math.min(remaining(), 30_000))
    try {
      await run(cmd, { echo: false, timeoutMs })
      ui.info(`builder ${name} answered after ${((Date.now() - started) / 1000).toFixed(1)} s${attempts > 1 ? ` (${attempts} attempts)` : ''}${sudo ? ' (as root)' : ''}`)
      return
    } catch (e) {
      if (!(e instanceof CommandError)) throw e
      const stderr = e.result.timedOut ? 'no answer' : e.result.stderr
      last = e.message.replace(/\r/g, '').split('\n').slice(1).join(' ').trim() || stderr.trim() || 'no answer'
      const kind = classifyPingFailure(stderr)
      const ours = builder.from === FROM_INPUT
      if (kind === 'unreadable-key' || (kind === 'auth' && !ours)) {
        if (!sudo && !isRoot() && (await canSudo())) {
          sudo = true
          continue
        }
        if (!ours && !sudo) {
          ui.notice(`Could not check builder ${name} as this user (its ssh key is root's, and sudo is not available): the nix daemon connects to it as root when building.`)
          return
        }
      }
      if (kind === 'host-key') {
        throw new Error(
          ours
            ? `Remote builder ${name}: its host key does not match (${last}). Give the right key in input 'builder-host-key' (or field 8 of its line in input 'builders').`
            : `Remote builder ${name}: its host key does not match (${last}). Fix the host key in its machine line or in root's known_hosts.`,
        )
      }
      if (kind === 'auth' || kind === 'unreadable-key') {
        throw new Error(
          ours
            ? `Remote builder ${name} refused the ssh key (${last}): authorize the public half of input 'builder-ssh-key' for its user, or name the right key file in field 3 of its line in input 'builders'.`
            : `Remote builder ${name} refused root's ssh key (${last}): check the key in its machine line and root's ssh config for that host.`,
        )
      }
    }
    if (remaining() > 0) await sleep(Math.min(2000, Math.max(0, remaining())))
  } while (remaining() > 0)
  throw new Error(
    `Remote builder ${name} did not answer within ${timeoutSec} s (input 'builder-timeout', ${attempts} attempts): ${last}. ` +
      `Check that it is running and reachable from this runner; an on-demand builder may need a longer builder-timeout.`,
  )
}

/** Every builder the plan sends work to, as Nix will reach it, warmed one after the other. */
export async function warmBuilders(nix: Nix, planned: Plan, prepared: PreparedBuilders | undefined, timeoutSec: number, ui: Pick<Ui, 'info' | 'notice'>): Promise<void> {
  for (const builder of planned.builders) {
    const line = prepared?.lines.find((l) => l.label === builder.uri) ?? builder.line
    if (!line || !parseSshUri(line.uri)) continue // not an ssh machine: nothing to wake
    await warmBuilder(nix, builder, line, timeoutSec, ui)
  }
}

/** The Linux systems a builder set covers, for messages. */
export function describeBuilders(builders: Builder[]): string {
  return builders.map((b) => `${b.uri} (${b.systems.join(', ')}${isRosettaBuilder(b.uri) ? ', nix-rosetta-builder' : ''}${b.from ? `; ${b.from}` : ''})`).join(', ')
}

/** The builders input as the planner sees it. */
export function inputBuilders(lines: MachineLine[]): Builder[] {
  return lines.map((l) => toBuilder(l, FROM_INPUT)).filter((b): b is Builder => b !== undefined)
}
