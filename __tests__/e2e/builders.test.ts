// Remote builders for real: the stack's sshd on 127.0.0.1:2222 is a Linux aarch64 builder with its
// own Nix store (scripts/stack.sh). The bundled action is run as a runner runs it, main step then
// post step, and what it leaves on disk is checked in between and after.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { copyFile, chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { detectBuilders } from '../../src/builders/remote.js'
import { type ActionRun, DIST, images, nixBuildCalls, postEnv, runAction } from '../helpers/action.js'
import { FIXTURE_DIR, makeFixtureRepo, stackEnv } from '../helpers/fixture.js'
import { findNix } from '../../src/nix/nix.js'

let env: Record<string, string>
let key: string
let uri: string
/** The stack's host key as the action writes it: base64 of "ssh-ed25519 AAAA…", without the comment. */
let hostKey: string

beforeAll(async () => {
  env = stackEnv()
  process.env.NIX_CONFIG = env.NIX_CONFIG
  key = await readFile(env.NCA_SSH_KEY, 'utf8')
  // Nix 2.8 cannot take this port in the URI: the action routes it through an ssh config.
  uri = `ssh-ng://root@127.0.0.1:${env.NCA_SSH_PORT}`
  hostKey = Buffer.from(Buffer.from(env.NCA_SSH_HOST_KEY, 'base64').toString().split(' ').slice(0, 2).join(' ')).toString('base64')
})

/** A fixture whose images no store has yet, so the builder really builds them. */
async function freshFixture(): Promise<string> {
  const greet = await readFile(join(FIXTURE_DIR, 'greet.sh'), 'utf8')
  return makeFixtureRepo({ 'greet.sh': `${greet}# ${process.pid}-${Date.now()}-${Math.random()}\n` })
}

const mode = async (path: string) => ((await stat(path)).mode & 0o777).toString(8)
const post = (cwd: string, main: ActionRun, extra: Record<string, string> = {}) =>
  runAction({ cwd, inputs: {}, env: { ...postEnv(main), ...extra }, entry: DIST })

describe('a remote ssh-ng builder given by inputs, on a port', () => {
  let flake: string
  let main: ActionRun
  let dir: string
  let keyModeWhileRunning: string
  let dirModeWhileRunning: string
  let sshConfig: string
  let after: ActionRun

  beforeAll(async () => {
    flake = await freshFixture()
    main = await runAction({
      cwd: flake,
      inputs: {
        container: 'greetContainer',
        emulate: 'false',
        builders: `${uri} aarch64-linux`,
        'builder-ssh-key': key,
        'builder-host-key': env.NCA_SSH_HOST_KEY,
      },
    })
    dir = main.state.builderDir
    // Between the main and the post step, as later steps of the job would see it.
    keyModeWhileRunning = await mode(join(dir, 'ssh-key'))
    dirModeWhileRunning = await mode(dir)
    sshConfig = await readFile(join(dir, 'ssh_config'), 'utf8')
    after = await post(flake, main)
  })

  it('succeeds, building x86_64 natively and aarch64 on the builder, in one nix build', () => {
    expect(main.errors).toEqual([])
    expect(main.code).toBe(0)
    expect(main.summary).toMatch(/\| greetContainer \| aarch64-linux \| linux\/arm64 \| remote \(ssh-ng:\/\/root@127\.0\.0\.1:2222\) \|/)
    expect(main.summary).toMatch(/\| greetContainer \| x86_64-linux \| linux\/amd64 \| native \|/)
    expect(nixBuildCalls(main.log)).toHaveLength(1)
  })

  it('configures Nix with the builder (its port through an ssh config) and reaches it before building', () => {
    expect(main.log).toContain(`builder ${uri} is ssh-ng://root@nca-127.0.0.1-2222 in nix.conf: its port is in ${dir}/ssh_config (NIX_SSHOPTS -F)`)
    expect(main.log).toContain(
      `nix.conf for this run: builders = ssh-ng://root@nca-127.0.0.1-2222 aarch64-linux ${dir}/ssh-key 1 1 - - ${hostKey};@${process.env.NIX_CONF_DIR ?? '/etc/nix'}/machines`,
    )
    expect(main.log).toMatch(/builder ssh-ng:\/\/root@127\.0\.0\.1:2222 \(input 'builders'\) answered after [0-9.]+ s/)
  })

  it('built the aarch64 image on the builder and copied it back from its store', async () => {
    const arm = images(main).find((i) => i.system === 'aarch64-linux')!
    expect(main.log).toMatch(new RegExp(`building '/nix/store/[a-z0-9]{32}-greet\\.tar\\.drv' on 'ssh-ng://root@nca-127\\.0\\.0\\.1-2222'`))
    // Nix 2.8 names the whole builder URL here, Nix 2.2x only its scheme.
    expect(main.log).toMatch(new RegExp(`copying path '${arm.storePath}' from 'ssh-ng://(root@nca-127\\.0\\.0\\.1-2222)?'`))
    // The builder's store is a directory of this machine (bound over /nix in its ssh sessions).
    expect(existsSync(join(env.STACK_DIR, 'remote-nix', 'store', basename(arm.storePath)))).toBe(true)
    expect(existsSync(arm.storePath)).toBe(true)
    const x86 = images(main).find((i) => i.system === 'x86_64-linux')!
    expect(existsSync(join(env.STACK_DIR, 'remote-nix', 'store', basename(x86.storePath)))).toBe(false)
  })

  it('loads and smoke-tests both images', () => {
    expect(images(main).map((i) => [i.system, i.test])).toEqual([
      ['x86_64-linux', 'passed'],
      ['aarch64-linux', 'passed'],
    ])
  })

  it('kept the key in a 0700 directory, in a 0600 file, until the post step', async () => {
    expect(basename(dir)).toMatch(/^nca-builder-/)
    expect(dirModeWhileRunning).toBe('700')
    expect(keyModeWhileRunning).toBe('600')
    expect(sshConfig).toContain('Host nca-127.0.0.1-2222\n  HostName 127.0.0.1\n  Port 2222\n  HostKeyAlias nca-127.0.0.1-2222\n')
  })

  it('never showed the key, and saved only its directory in state', () => {
    const secretLines = key.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----'))
    expect(secretLines.length).toBeGreaterThan(0)
    for (const line of secretLines) {
      expect(main.visibleLog).not.toContain(line)
      expect(
        main.log
          .split('\n')
          .filter((l) => l.startsWith('[command]'))
          .join('\n'),
      ).not.toContain(line)
      expect(JSON.stringify(main.state)).not.toContain(line)
    }
    expect(main.state).toEqual({ isPost: 'true', builderDir: dir })
  })

  it('the post step removed the directory', () => {
    expect(after.code).toBe(0)
    expect(after.errors).toEqual([])
    expect(after.log).toContain(`removed the builder key directory ${dir}`)
    expect(existsSync(dir)).toBe(false)
    expect(after.log).not.toContain('[command]')
  })
})

describe('builders: host keys, waiting, failures', () => {
  let flake: string
  beforeAll(async () => {
    flake = await freshFixture()
  })

  it('without builder-host-key, trusts ssh-keyscan with a warning naming the key', async () => {
    const main = await runAction({
      cwd: flake,
      inputs: { container: 'greetContainer', architectures: 'aarch64-linux', emulate: 'false', builders: `${uri} aarch64-linux`, 'builder-ssh-key': key },
    })
    expect(main.errors).toEqual([])
    expect(main.log).toMatch(
      /::warning::Input 'builder-host-key' is empty: trusting the host key ssh-keyscan read from ssh-ng:\/\/root@127\.0\.0\.1:2222 \(ssh-ed25519 SHA256:[A-Za-z0-9+/]{43}\)/,
    )
    expect(main.log).toContain(`/ssh-key 1 1 - - ${hostKey};@${process.env.NIX_CONF_DIR ?? '/etc/nix'}/machines`)
    const dir = main.state.builderDir
    expect((await post(flake, main)).code).toBe(0)
    expect(existsSync(dir)).toBe(false)
  })

  it('waits for a builder at most builder-timeout, names it, and builds nothing', async () => {
    const started = Date.now()
    const main = await runAction({
      cwd: flake,
      inputs: {
        container: 'greetContainer',
        emulate: 'false',
        builders: 'ssh-ng://root@127.0.0.1:2223 aarch64-linux',
        'builder-ssh-key': key,
        'builder-host-key': env.NCA_SSH_HOST_KEY,
        'builder-timeout': '3',
      },
    })
    const seconds = (Date.now() - started) / 1000
    expect(main.code).not.toBe(0)
    expect(main.errors.join('\n')).toMatch(
      /Remote builder ssh-ng:\/\/root@127\.0\.0\.1:2223 \(input 'builders'\) did not answer within 3 s \(input 'builder-timeout', [0-9]+ attempts\): .*Connection refused/,
    )
    expect(seconds).toBeLessThan(20)
    expect(nixBuildCalls(main.log)).toHaveLength(0)
    // Even after a failed main step, post-if: always() cleans up.
    const dir = main.state.builderDir
    expect(existsSync(join(dir, 'ssh-key'))).toBe(true)
    expect((await post(flake, main)).code).toBe(0)
    expect(existsSync(dir)).toBe(false)
  })

  it('fails at once on a wrong host key, naming the input', async () => {
    const other = Buffer.from(
      `ssh-ed25519 ${Buffer.concat([Buffer.from([0, 0, 0, 11]), Buffer.from('ssh-ed25519'), Buffer.from([0, 0, 0, 32]), Buffer.alloc(32, 9)]).toString('base64')}`,
    ).toString('base64')
    const started = Date.now()
    const main = await runAction({
      cwd: flake,
      inputs: {
        container: 'greetContainer',
        emulate: 'false',
        builders: `${uri} aarch64-linux`,
        'builder-ssh-key': key,
        'builder-host-key': other,
        'builder-timeout': '60',
      },
    })
    expect(main.errors.join('\n')).toMatch(
      /Remote builder ssh-ng:\/\/root@127\.0\.0\.1:2222 \(input 'builders'\): its host key does not match .*input 'builder-host-key'/,
    )
    expect(Date.now() - started).toBeLessThan(30_000)
    expect(nixBuildCalls(main.log)).toHaveLength(0)
    await post(flake, main)
  })

  it('the post step only warns when it cannot clean up, and never touches a directory it did not make', async () => {
    const run = await runAction({ cwd: flake, inputs: {}, env: { STATE_isPost: 'true', STATE_builderDir: '/tmp' } })
    expect(run.code).toBe(0)
    expect(run.log).toMatch(/::warning::Could not remove the builder key directory \/tmp: refusing to remove \/tmp: it is not a directory this action created/)
    expect(existsSync('/tmp')).toBe(true)
  })

  it('the post step does nothing when the main step saved no directory', async () => {
    const run = await runAction({ cwd: flake, inputs: {}, env: { STATE_isPost: 'true' } })
    expect(run.code).toBe(0)
    expect(run.log.trim()).toBe('')
  })

  it("state is a string: STATE_isPost 'false' runs the main step", async () => {
    const run = await runAction({ cwd: flake, inputs: {}, env: { STATE_isPost: 'false' } })
    expect(run.errors).toEqual([expect.stringMatching(/^Input 'container': is required/)])
  })
})

describe('builders this machine already has', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'nca-machines-'))
  })

  it("reads Nix's builders setting and the machines files it names, as for nix-darwin's nix-rosetta-builder", async () => {
    const machines = join(dir, 'machines')
    await writeFile(
      machines,
      '# written by nix-darwin\nssh-ng://rosetta-builder aarch64-linux,x86_64-linux - 8 1 benchmark,big-parallel,kvm,nixos-test - -\nssh://mac aarch64-darwin\n',
    )
    const saved = process.env.NIX_CONFIG
    process.env.NIX_CONFIG = `${env.NIX_CONFIG}\nbuilders = @${machines};ssh-ng://b@arm-box aarch64-linux - 2 1 - - -;@${join(dir, 'missing')}`
    try {
      const found = await detectBuilders(await findNix())
      expect(found.map((b) => [b.uri, b.systems, b.from])).toEqual([
        ['ssh-ng://b@arm-box', ['aarch64-linux'], "Nix's builders setting"],
        ['ssh-ng://rosetta-builder', ['x86_64-linux', 'aarch64-linux'], machines],
      ])
    } finally {
      process.env.NIX_CONFIG = saved
    }
  })

  it('plans, wakes and builds on a builder from the builders setting, with no builder inputs', async () => {
    // A self-hosted runner's own configuration: key, ssh config and machine line made by its admin.
    const key = join(dir, 'id')
    await copyFile(env.NCA_SSH_KEY, key)
    await chmod(key, 0o600)
    const config = join(dir, 'ssh_config')
    const hostBlock = `Host stack-builder\n  HostName 127.0.0.1\n  Port ${env.NCA_SSH_PORT}\n  HostKeyAlias stack-builder\n`
    await writeFile(config, hostBlock)
    // Under a daemon (a runner lane) the daemon connects as root: the admin puts the host in root's ssh config.
    const rootConfig = '/etc/ssh/ssh_config.d/nca-test-stack-builder.conf'
    if (process.env.NIX_REMOTE) execFileSync('sudo', ['-n', 'tee', rootConfig], { input: hostBlock, stdio: ['pipe', 'ignore', 'inherit'] })
    const flake = await freshFixture()
    const main = await runAction({
      cwd: flake,
      inputs: { container: 'greetContainer', architectures: 'aarch64-linux', emulate: 'false' },
      env: { NIX_CONFIG: `${env.NIX_CONFIG}\nbuilders = ssh-ng://root@stack-builder aarch64-linux ${key} 1 1 - - ${hostKey}`, NIX_SSHOPTS: `-F ${config}` },
    }).finally(() => {
      if (process.env.NIX_REMOTE) execFileSync('sudo', ['-n', 'rm', '-f', rootConfig])
    })
    expect(main.errors).toEqual([])
    expect(main.log).toContain(`remote builders: ssh-ng://root@stack-builder (aarch64-linux; Nix's builders setting)`)
    expect(main.summary).toMatch(/\| greetContainer \| aarch64-linux \| linux\/arm64 \| remote \(ssh-ng:\/\/root@stack-builder\) \|/)
    expect(main.log).toMatch(/builder ssh-ng:\/\/root@stack-builder \(Nix's builders setting\) answered after/)
    expect(main.log).toMatch(/building '\/nix\/store\/[a-z0-9]{32}-greet\.tar\.drv' on 'ssh-ng:\/\/root@stack-builder'/)
    // Nothing of ours to write or clean up: no builders line of our own, no key directory.
    expect(main.log).not.toContain('nix.conf for this run: builders')
    expect(main.state).toEqual({ isPost: 'true' })
  })

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })
})
