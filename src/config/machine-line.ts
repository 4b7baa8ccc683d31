// Nix's machines format, pure: machine lines (parse, format, the builders value), ssh store URIs,
// and the ssh config for a builder on a port. The builders input is written in it.
import { basename } from 'node:path'
import { LINUX_SYSTEMS } from './platform.js'
import type { Builder, MachineLine } from '../model.js'
import { parseHostKey } from './ssh-keys.js'

export interface SshTarget {
  scheme: 'ssh' | 'ssh-ng'
  user?: string
  /** Host name, IPv4 address, or IPv6 address without brackets. */
  host: string
  port?: number
}

/** Why a machine line was rejected; config/settings.ts turns it into an error naming the input. */
export class MachineLineError extends Error {}

const FIELD_NAMES = ['URI', 'systems', 'ssh key', 'max jobs', 'speed factor', 'supported features', 'mandatory features', 'public host key']
export const MACHINE_LINE_FORM =
  'ssh-ng://user@host[:port] systems [ssh-key [max-jobs [speed-factor [features [mandatory-features [host-key]]]]]], with - for a field left out'
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
  return v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : []
}

function wholeNumber(value: string | undefined, field: number): number | undefined {
  const v = optionalField(value)
  if (v === undefined) return undefined
  if (!/^[0-9]+$/.test(v) || Number(v) < 1)
    throw new MachineLineError(`field ${field + 1} (${FIELD_NAMES[field]}) ${JSON.stringify(v)} is not a whole number of at least 1, or -`)
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
    if (!target)
      throw new MachineLineError(
        `${JSON.stringify(uriField)} is not an ssh builder: use ssh-ng://user@host or ssh-ng://user@host:port (ssh:// for the older protocol), without a path or ?options`,
      )
    uri = formatSshUri(target)
  } else if (!uri.includes('://')) {
    uri = `ssh://${uri}`
  }
  const systems = listField(systemsField)
  for (const s of systems) {
    if (!SYSTEM.test(s)) throw new MachineLineError(`field 2 (systems) has ${JSON.stringify(s)}, which is not a Nix system such as aarch64-linux`)
  }
  if (strict && !systems.some((s) => (LINUX_SYSTEMS as readonly string[]).includes(s))) {
    throw new MachineLineError(
      `lists no system this action builds: name them in field 2, comma-separated, e.g. ${uri} aarch64-linux (accepted: ${LINUX_SYSTEMS.join(', ')})`,
    )
  }
  if (strict && optionalField(mandatoryField) !== undefined) {
    throw new MachineLineError(
      `field 7 (mandatory features) is ${JSON.stringify(mandatoryField)}: Nix sends such a machine only derivations that require those features, which images do not; write - there`,
    )
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

/**
 * ssh config for builders on a port, given to Nix's ssh as NIX_SSHOPTS="-F <file>". HostKeyAlias
 * makes ssh look the host key up under the alias, which is the name Nix writes the machine line's
 * host key under. `-F` replaces the user's and the system's config, so they are included after
 * ours, for every other host (the nix-rosetta-builder's Host entry lives in /etc/ssh/ssh_config.d).
 */
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
  const kept = (existing ?? '')
    .split(/[\n;]/)
    .map((e) => e.trim())
    .filter(Boolean)
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

/** The Linux systems a builder set covers, for messages. */
export function describeBuilders(builders: Builder[]): string {
  return builders
    .map((b) => `${b.uri} (${b.systems.join(', ')}${isRosettaBuilder(b.uri) ? ', nix-rosetta-builder' : ''}${b.from ? `; ${b.from}` : ''})`)
    .join(', ')
}

/** The builders input as the planner sees it. */
export function inputBuilders(lines: MachineLine[]): Builder[] {
  return lines.map((l) => toBuilder(l, FROM_INPUT)).filter((b): b is Builder => b !== undefined)
}
