// A multi-user Nix builds through its daemon, which takes the restricted settings a run needs
// (extra-platforms for QEMU, the caches' substituters and keys, builders) from a client only when it
// trusts that user. GitHub's runners run jobs as `runner`, which Nix's own installer does not trust:
// the daemon then ignores those settings and a foreign system's build fails late with Nix's raw
// "a 'aarch64-linux' with features {} is required". So before anything is built, the run either gets
// what it needs into the daemon's own nix.conf (root, or passwordless sudo as on GitHub's runners),
// or fails saying what to change.
import { readFile } from 'node:fs/promises'
import { userInfo } from 'node:os'
import { basename, dirname, isAbsolute, join } from 'node:path'
import { run, which } from '../exec.js'
import { canBeRoot, runAsRoot } from '../root.js'
import { nixAtLeast } from './nix.js'
import { lastLines, messageOf } from '../errors.js'

export interface StoreFacts {
  /** Nix talks to a daemon (multi-user), not to the store directly. */
  daemon: boolean
  /** Whether the daemon trusts this user; undefined when Nix does not say (a local store: always). */
  trusted?: boolean
}

/** `nix store info` from Nix 2.19 on (its old name `store ping` warns there). */
export function storeInfoCommand(version: string): string[] {
  return nixAtLeast(version, 2, 19) ? ['store', 'info', '--json'] : ['store', 'ping', '--json']
}

/**
 * `nix store info --json` (`store ping` before Nix 2.19), from every Nix that has it (2.14 on). The
 * daemon's `url` is `daemon` or `unix://<socket>`, with the store's parameters after `?` since Nix
 * 2.31. `trusted` is missing before Nix 2.15, an integer up to 2.32 (and Determinate Nix before
 * 3.15), a boolean since; anything else says nothing about trust.
 */
export function parseStoreInfo(json: string): StoreFacts {
  const info = JSON.parse(json) as { url?: unknown; trusted?: unknown }
  const url = typeof info.url === 'string' ? info.url.replace(/\?.*$/, '') : ''
  const trusted = typeof info.trusted === 'boolean' ? info.trusted : typeof info.trusted === 'number' ? info.trusted !== 0 : undefined
  return { daemon: url === 'daemon' || url.startsWith('unix://'), trusted }
}

export async function storeFacts(nixPath: string, version: string, env: NodeJS.ProcessEnv = process.env): Promise<StoreFacts> {
  const r = await run(
    { cmd: nixPath, args: ['--extra-experimental-features', 'nix-command', ...storeInfoCommand(version)], env },
    { echo: false, check: false, timeoutMs: 30_000 },
  )
  if (r.code !== 0) return { daemon: false }
  try {
    return parseStoreInfo(r.stdout)
  } catch {
    return { daemon: false }
  }
}

/** The daemon's nix.conf: where NIX_CONF_DIR points (as the daemon reads it), else /etc/nix. */
export function daemonConfFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.NIX_CONF_DIR || '/etc/nix', 'nix.conf')
}

/**
 * Where the action's lines go: nix.conf itself, or the file it includes as nix.custom.conf.
 * Determinate Nix writes and rewrites /etc/nix/nix.conf itself (an upgrade would drop lines added
 * there) and includes nix.custom.conf for the machine's own settings.
 */
export function settingsFile(confFile: string, confText: string): string {
  for (const line of confText.split('\n')) {
    const m = /^\s*!?include\s+(\S+)\s*$/.exec(line)
    if (m && basename(m[1]) === 'nix.custom.conf') return isAbsolute(m[1]) ? m[1] : join(dirname(confFile), m[1])
  }
  return confFile
}

/** How the daemon is restarted where the installer set it up: systemd on Linux, launchd on macOS under Nix's or Determinate's label. */
export function restartCommand(platform: NodeJS.Platform, determinate: boolean): { cmd: string; args: string[] } {
  if (platform === 'darwin')
    return { cmd: 'launchctl', args: ['kickstart', '-k', `system/${determinate ? 'systems.determinate.nix-daemon' : 'org.nixos.nix-daemon'}`] }
  return { cmd: 'systemctl', args: ['restart', 'nix-daemon.service'] }
}

/** The lines of `wanted` the file does not have yet (compared without spaces around '='). */
export function missingLines(current: string, wanted: readonly string[]): string[] {
  const norm = (l: string) => l.trim().replace(/\s*=\s*/, ' = ')
  const have = new Set(current.split('\n').map(norm))
  return wanted.filter((l) => !have.has(norm(l)))
}

/** Restarts the nix daemon, returning the command it took; throws with what the command said. */
async function restartDaemon(determinate: boolean): Promise<string> {
  const { cmd, args } = restartCommand(process.platform, determinate)
  const path = await which(cmd)
  if (!path) throw new Error(`there is no ${cmd} on this machine`)
  try {
    await runAsRoot(path, args)
  } catch (e) {
    throw new Error(lastLines(messageOf(e), 3), { cause: e })
  }
  return [cmd, ...args].join(' ')
}

async function waitForDaemon(nixPath: string, version: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    if ((await storeFacts(nixPath, version)).daemon) return
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error('nix-daemon did not answer within 10 s of its restart')
}

export interface DaemonNeeds {
  /** nix.conf lines the daemon must have for this run, and why, e.g. "to build aarch64-linux under QEMU". */
  lines: { line: string; why: string }[]
  /** Settings only a trusted user can pass (input builders): no line in nix.conf stands in for them. */
  trustOnly: { setting: string; why: string }[]
}

/** What a run needs from the daemon: extra platforms to emulate, the caches to substitute from, input builders. */
export function daemonNeeds(
  platformsLine: string | undefined,
  emulated: readonly string[],
  cacheLines: readonly string[],
  builders: { input: boolean; clientConfig: boolean },
): DaemonNeeds {
  return {
    lines: [
      ...(platformsLine ? [{ line: platformsLine, why: `to build ${emulated.join(', ')} under QEMU` }] : []),
      ...cacheLines.map((line) => ({ line, why: 'to substitute from the caches' })),
    ],
    trustOnly: [
      ...(builders.input ? [{ setting: 'builders', why: 'to build on the machines of input builders' }] : []),
      ...(builders.clientConfig ? [{ setting: 'builders', why: 'to build on the machines NIX_CONFIG names' }] : []),
    ],
  }
}

/** A builders line in the client's own NIX_CONFIG: only a trusted user's daemon takes it. */
export function buildersInClientConfig(nixConfig: string | undefined): boolean {
  return /^\s*(extra-)?builders\s*=\s*\S/m.test(nixConfig ?? '')
}

/**
 * Makes sure an untrusted user's daemon has what the run needs, before anything is built: appends
 * the missing lines to its nix.conf and restarts it (as root or with passwordless sudo), saying so;
 * otherwise fails naming trusted-users.
 */
export async function ensureDaemonHas(nixPath: string, version: string, facts: StoreFacts, needs: DaemonNeeds, log: (m: string) => void): Promise<void> {
  if (!facts.daemon || facts.trusted !== false || (needs.lines.length === 0 && needs.trustOnly.length === 0)) return
  const user = userInfo().username
  const conf = daemonConfFile()
  const fix = `Add \`trusted-users = root ${user}\` to ${conf} and restart nix-daemon, or install Nix with cachix/install-nix-action or DeterminateSystems/nix-installer-action, which trust the runner's user.`
  const ignored = [...needs.lines.map((n) => `${n.line.split('=')[0].trim()} (${n.why})`), ...needs.trustOnly.map((n) => `${n.setting} (${n.why})`)]
  const refuse = (why: string) =>
    new Error(
      `Nix's daemon does not trust user '${user}', so it ignores settings this run needs: ${[...new Set(ignored)].join(', ')}; ${why}. Nothing was built. ${fix}`,
    )
  if (needs.trustOnly.length > 0) throw refuse("the action does not write builders into the daemon's configuration")
  if (!(await canBeRoot())) throw refuse("this user is not root and has no passwordless sudo to add them to the daemon's nix.conf")
  const confText = await readFile(conf, 'utf8').catch(() => '')
  const file = settingsFile(conf, confText)
  const current = file === conf ? confText : await readFile(file, 'utf8').catch(() => '')
  const missing = missingLines(
    current,
    needs.lines.map((n) => n.line),
  )
  if (missing.length === 0) return
  const text = `\n# Added by nix-container-action: settings the daemon ignores from the untrusted user ${user}.\n${missing.join('\n')}\n`
  await runAsRoot('tee', ['-a', file], { input: text, echo: false })
  let how: string
  try {
    how = await restartDaemon(file !== conf)
  } catch (e) {
    throw new Error(
      `Nix's daemon does not trust user '${user}', so the action added ${missing.join('; ')} to ${file}, but could not restart nix-daemon to read them (${messageOf(e)}). ` +
        `The daemon reads its configuration only when it starts: restart it the way this machine runs it, then run again. ` +
        `Or add \`trusted-users = root ${user}\` to ${conf} and restart it once: the action then passes these settings itself. Nothing was built.`,
      { cause: e },
    )
  }
  await waitForDaemon(nixPath, version)
  log(`Nix's daemon does not trust user '${user}': added ${missing.join('; ')} to ${file} and restarted it (${how}).`)
}
