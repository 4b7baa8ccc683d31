// Installing Nix on a runner that has none: a pinned install script, checked against its SHA-256
// before it runs (it pins the release tarballs' hashes in turn), kept in the runner's tool cache.
import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { userInfo } from 'node:os'
import { join } from 'node:path'
import { run } from '../exec.js'
import { exists, runnerTemp } from '../files.js'
import type { Installer } from '../config/inputs.js'

const TOOL = 'nix-install-script'

async function sha256(file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex')
}

/** The install script, from the tool cache or downloaded, only ever returned once its hash matches. */
export async function fetchInstaller(installer: Installer, log: (m: string) => void): Promise<string> {
  // The tool cache wants a semver; the checksum is what identifies an installer.
  const version = `0.0.0-h${installer.sha256.slice(0, 16)}`
  // Loaded only here: most runners have Nix, and the tool cache is a large module to start with.
  const tc = await import('@actions/tool-cache')
  let dir = tc.find(TOOL, version)
  if (dir) {
    log(`nix installer ${installer.sha256.slice(0, 12)} found in the tool cache`)
  } else {
    log(`downloading the nix installer from ${installer.url}`)
    const file = await tc.downloadTool(installer.url)
    const actual = await sha256(file)
    if (actual !== installer.sha256) {
      throw new Error(
        `The nix installer from ${installer.url} has SHA-256 ${actual}, not the pinned ${installer.sha256}: it was not run. If you changed nix-installer-url, set nix-installer-sha256 to match.`,
      )
    }
    dir = await tc.cacheFile(file, 'install', TOOL, version)
  }
  const script = join(dir, 'install')
  // The cache is a directory on the runner: check again what is about to run.
  if ((await sha256(script)) !== installer.sha256)
    throw new Error(`The cached nix installer ${script} does not match the pinned SHA-256; remove it and re-run.`)
  return script
}

/**
 * What the CI installers (install-nix-action, nix-installer-action) put in nix.conf and the official
 * installer does not: flakes on, and the job's user trusted, so that the daemon accepts the run's
 * extra-platforms, substituters and builders.
 */
export function installerConf(user: string): string {
  return `experimental-features = nix-command flakes\ntrusted-users = root ${user}\n`
}

/** Runs the verified installer: multi-user where systemd runs (GitHub's runners), else single-user. */
export async function installNix(installer: Installer, log: (m: string) => void): Promise<void> {
  const script = await fetchInstaller(installer, log)
  const mode = process.platform === 'darwin' || (await exists('/run/systemd/system')) ? '--daemon' : '--no-daemon'
  const dir = await mkdtemp(join(runnerTemp(), 'nca-nix-conf-'))
  try {
    const conf = join(dir, 'nix.conf')
    await writeFile(conf, installerConf(userInfo().username))
    log(`installing Nix (${mode.slice(2)}) with flakes on and ${userInfo().username} a trusted user, as the CI installers set it up`)
    await run({
      cmd: 'sh',
      args: [script, mode, '--yes', '--no-channel-add', '--nix-extra-conf-file', conf],
      env: { ...process.env, NIX_INSTALLER_NO_CHANNEL_ADD: '1' },
    })
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
