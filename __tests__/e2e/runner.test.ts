// Where users run: as the runner user against a multi-user Nix daemon (scripts/runner-lane.sh). In
// the untrusted lane the daemon trusts only root, as Nix's official installer leaves it: the action
// must put what the run needs into the daemon's nix.conf itself (with sudo), or fail before any build
// naming trusted-users. The daemon is restarted through the lane's stand-in for systemd's systemctl.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { images, nixBuildCalls, runAction } from '../helpers/action.js'
import { FIXTURE_DIR, fixtureOnStack, makeFixtureRepo } from '../helpers/fixture.js'

const lane = process.env.NCA_LANE
const confFile = join(process.env.NIX_CONF_DIR ?? '/etc/nix', 'nix.conf')
let flake: string
let env: Record<string, string>

beforeAll(async () => {
  if (lane) ({ env, flake } = await fixtureOnStack())
})

// Whether the daemon trusts this user, as Nix says it: 1 or 0 up to 2.32, true or false since.
const trusted = () => Boolean((JSON.parse(execFileSync('nix', ['store', 'info', '--json'], { encoding: 'utf8' })) as { trusted: number | boolean }).trusted)

;(lane === 'untrusted' ? describe : describe.skip)('a daemon that does not trust the runner user (untrusted lane)', () => {
  let pristine: string

  beforeAll(() => {
    // The daemon's nix.conf as the installer left it: what the action may have added before is gone.
    pristine = readFileSync(confFile, 'utf8').replace(/\n# Added by nix-container-action[^]*$/, '\n')
    execFileSync('sudo', ['-n', 'tee', confFile], { input: pristine, stdio: ['pipe', 'ignore', 'inherit'] })
    execFileSync('sudo', ['-n', execFileSync('sh', ['-c', 'command -v systemctl'], { encoding: 'utf8' }).trim(), 'restart', 'nix-daemon'])
    expect(trusted()).toBe(false)
  })

  it('without sudo, fails before building anything and names trusted-users', async () => {
    const run = await runAction({ cwd: flake, inputs: { container: 'greetContainer' }, asUser: 'nosudo' })
    const error = run.errors.join('\n')
    expect(error).toMatch(
      /Nix's daemon does not trust user 'nosudo', so it ignores settings this run needs: extra-platforms \(to build aarch64-linux under QEMU\)/,
    )
    expect(error).toMatch(/Nothing was built\. Add `trusted-users = root nosudo` to \S+nix\.conf and restart nix-daemon/)
    expect(nixBuildCalls(run.log)).toEqual([])
    expect(readFileSync(confFile, 'utf8')).toBe(pristine)
  })

  it("with passwordless sudo, adds extra-platforms to the daemon's nix.conf, restarts it, and builds both systems", async () => {
    const run = await runAction({ cwd: flake, inputs: { container: 'greetContainer' } })
    expect(run.errors).toEqual([])
    expect(run.log).toContain(
      `Nix's daemon does not trust user 'runner': added extra-platforms = aarch64-linux to ${confFile} and restarted it (systemctl restart nix-daemon.service).`,
    )
    expect(readFileSync(confFile, 'utf8')).toMatch(/^extra-platforms = aarch64-linux$/m)
    expect(images(run).map((i) => [i.system, i.test])).toEqual([
      ['x86_64-linux', 'passed'],
      ['aarch64-linux', 'passed'],
    ])
    // Still untrusted: the daemon has the setting itself now.
    expect(trusted()).toBe(false)
  })

  it('a second run finds the setting there and changes nothing', async () => {
    const run = await runAction({ cwd: flake, inputs: { container: 'greetContainer' } })
    expect(run.errors).toEqual([])
    expect(run.log).not.toContain('restarted it')
  })

  it('input builders need a trusted user: fails before building, naming trusted-users', async () => {
    const run = await runAction({
      cwd: flake,
      inputs: {
        container: 'greetContainer',
        builders: `ssh-ng://root@127.0.0.1:${env.NCA_SSH_PORT} aarch64-linux`,
        'builder-ssh-key': readFileSync(env.NCA_SSH_KEY, 'utf8'),
        'builder-host-key': env.NCA_SSH_HOST_KEY,
      },
    })
    expect(run.errors.join('\n')).toMatch(
      /ignores settings this run needs: builders \(to build on the machines of input builders\); the action does not write builders into the daemon's configuration\. Nothing was built\. Add `trusted-users = root runner`/,
    )
    expect(nixBuildCalls(run.log)).toEqual([])
  })
})

;(lane === 'trusted' ? describe : describe.skip)('a daemon that trusts the runner user (trusted lane)', () => {
  it("leaves the daemon's configuration alone and passes the run's settings as a client", async () => {
    const before = readFileSync(confFile, 'utf8')
    expect(trusted()).toBe(true)
    const run = await runAction({ cwd: flake, inputs: { container: 'greetContainer' } })
    expect(run.errors).toEqual([])
    expect(images(run).map((i) => i.test)).toEqual(['passed', 'passed'])
    expect(readFileSync(confFile, 'utf8')).toBe(before)
    expect(run.log).not.toMatch(/does not trust/)
  })
})

;(lane ? describe : describe.skip)(`a file:// binary cache through the daemon (${lane} lane)`, () => {
  it('pushes the image closures; after they are deleted from the store, a re-run substitutes them and builds nothing', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'nca-lane-cache-'))
    const secret = execFileSync('nix', ['key', 'generate-secret', '--key-name', `nca-lane-${lane}-1`], { encoding: 'utf8' }).trim()
    const pub = execFileSync('nix', ['key', 'convert-secret-to-public'], { input: secret, encoding: 'utf8' }).trim()
    const greet = readFileSync(join(FIXTURE_DIR, 'greet.sh'), 'utf8')
    const fresh = await makeFixtureRepo({ 'greet.sh': `${greet}# lane cache ${process.pid}-${Date.now()}\n` })
    const inputs = { container: 'greetContainer', 'binary-cache': `file://${cache}`, 'binary-cache-public-key': pub }
    const first = await runAction({ cwd: fresh, inputs: { ...inputs, 'binary-cache-secret-key': secret } })
    expect(first.errors).toEqual([])
    expect(first.log).not.toMatch(/^::warning::Pushing the images/m)
    expect(first.summary).toContain('**2 derivation(s) built**')
    const stored = readdirSync(cache)
      .filter((f) => f.endsWith('.narinfo'))
      .map((f) => readFileSync(join(cache, f), 'utf8'))
    for (const image of images(first)) expect(stored.some((n) => n.includes(`StorePath: ${image.storePath}\n`))).toBe(true)
    // What a fresh runner lacks: the images themselves. The job's end empties RUNNER_TEMP, where the
    // run's links kept them alive.
    rmSync(first.runnerTemp, { recursive: true, force: true })
    execFileSync('nix', ['store', 'delete', ...images(first).map((i) => i.storePath)], { stdio: 'ignore' })
    const second = await runAction({ cwd: fresh, inputs: { ...inputs, 'binary-cache-push': 'false' } })
    expect(second.errors).toEqual([])
    expect(second.summary).toContain('**0 derivation(s) built**, **2 path(s) substituted**')
    expect(images(second).map((i) => i.test)).toEqual(['passed', 'passed'])
  })
})
