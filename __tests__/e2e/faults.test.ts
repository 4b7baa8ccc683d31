// Faults on the real stack: each must end with a clear error, nothing half-pushed, nothing left
// running, and secrets nowhere but where they belong.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtemp, readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { images, runAction, type ActionRun } from '../helpers/action.js'
import { fixtureOnStack, makeFixtureRepo } from '../helpers/fixture.js'
import { pushInputs, registryTags, stackRegistry } from '../helpers/registry.js'
import { CountingProxy } from '../helpers/proxy.js'
import { docker } from '../helpers/docker.js'

let flake: string
let env: Record<string, string>
const unique = `${process.pid}-${Date.now().toString(36)}`

beforeAll(async () => {
  ;({ env, flake } = await fixtureOnStack())
})

function pushTo(repository: string): Record<string, string> {
  return { ...pushInputs(stackRegistry(false, env)), repository }
}
const onMain = { GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/main' }
/** A push to main of the GitHub repository `repository`: where the fixture's flocken app (GitHub mode) pushes. */
const onMainOf = (repository: string) => ({ ...onMain, GITHUB_REPOSITORY: repository })

const containers = (prefix: string) => docker('ps', '--all', '--filter', `name=${prefix}`, '--format', '{{.Names}}')

describe('bad input that only Nix can judge, before anything is built', () => {
  it('a flake path that does not exist', async () => {
    const run = await runAction({ cwd: flake, inputs: { container: 'greetContainer', flake: './nope' } })
    expect(run.errors.join('\n')).toMatch(/^Input 'flake': \.\/nope does not exist or is not a flake/)
    expect(images(run)).toEqual([])
  })

  it('a flake with no packages for a requested system', async () => {
    const x86Only = await makeFixtureRepo({
      'x86-only/flake.nix':
        '{ outputs = { self }: let fixture = (import ../flake.nix).outputs { self = fixture; }; in { packages.x86_64-linux.toolContainer = fixture.packages.x86_64-linux.greetContainer; }; }\n',
    })
    const run = await runAction({ cwd: join(x86Only, 'x86-only'), inputs: { container: 'toolContainer' } })
    expect(run.errors.join('\n')).toMatch(/Input 'container': the flake \. has no packages\.aarch64-linux\.toolContainer; it has no packages for aarch64-linux/)
  })
})

describe('faults', () => {
  it('Docker daemon down: fails before building, naming the way out', async () => {
    const run = await runAction({ cwd: flake, inputs: { container: 'greetContainer' }, env: { DOCKER_HOST: 'unix:///nonexistent/docker.sock' } })
    expect(run.errors.join('\n')).toMatch(
      /the Docker daemon is not reachable .*: the images cannot be loaded and smoke-tested\. Start the Docker daemon .*or set test: false/,
    )
    expect(run.log).not.toMatch(/\[command\]\S*nix build/)
  })

  it('one system fails to build: the other is still reported, nothing is pushed', async () => {
    const repository = `acme/half-${unique}`
    const run = await runAction({
      cwd: flake,
      inputs: { container: 'halfBrokenContainer', ...pushTo(repository), 'manifest-app': 'greetManifest' },
      env: onMainOf(repository),
    })
    const error = run.errors.join('\n')
    expect(error).toMatch(/nix build failed for halfBrokenContainer aarch64-linux \(built: halfBrokenContainer x86_64-linux\); nothing was pushed/)
    expect(error).toMatch(/half-broken: fails on aarch64 on purpose/)
    expect(images(run).map((i) => `${i.system}:${i.storePath.endsWith('-half-broken.tar')}`)).toEqual(['x86_64-linux:true'])
    expect(await registryTags(repository)).toBeUndefined()
  })

  it('a hanging smoke test is killed at test-timeout and its container removed', async () => {
    const run = await runAction({ cwd: flake, inputs: { container: 'hangContainer', architectures: 'x86_64-linux', 'test-timeout': '3' } })
    expect(run.errors.join('\n')).toMatch(/hangContainer linux\/amd64: .* timed out after 3s \(input test-timeout\); the container was removed/)
    expect(run.durationMs).toBeLessThan(60000)
    expect(containers('nca-test-')).toBe('')
  })

  it('a re-run after a failure converges: the same digest, the same tags', async () => {
    const repository = `acme/rerun-${unique}`
    const failed = await runAction({
      cwd: flake,
      inputs: { container: 'greetContainer', ...pushTo(repository), password: 'wrong-password' },
      env: onMainOf(repository),
    })
    expect(failed.code).not.toBe(0)
    const first = await runAction({ cwd: flake, inputs: { container: 'greetContainer', ...pushTo(repository) }, env: onMainOf(repository) })
    const second = await runAction({ cwd: flake, inputs: { container: 'greetContainer', ...pushTo(repository) }, env: onMainOf(repository) })
    expect(first.errors).toEqual([])
    expect(second.outputs.digest).toBe(first.outputs.digest)
    // flocken's tags for the default branch.
    expect(await registryTags(repository)).toEqual(['latest', 'main'])
  })
})

describe('a full disk while loading (a second Docker daemon whose data lives on a 1 MiB tmpfs)', () => {
  const dir = '/tmp/nca-small-docker'
  const socket = `unix://${dir}/docker.sock`

  beforeAll(async () => {
    execFileSync('mkdir', ['-p', `${dir}/data`, `${dir}/exec`])
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', `${dir}/data`])
    execFileSync('sh', [
      '-c',
      'setsid dockerd --iptables=false --ip-forward=false --ip-masq=false --bridge=none --data-root="$1/data" --exec-root="$1/exec" --pidfile="$1/dockerd.pid" -H "$2" >"$1/log" 2>&1 &',
      'sh',
      dir,
      socket,
    ])
    for (let i = 0; i < 100; i++) {
      try {
        execFileSync('docker', ['version'], { env: { ...process.env, DOCKER_HOST: socket }, stdio: 'ignore' })
        return
      } catch {
        await new Promise((r) => setTimeout(r, 200))
      }
    }
    throw new Error('the small dockerd did not start')
  })

  afterAll(async () => {
    execFileSync('sh', ['-c', 'kill "$(cat "$1/dockerd.pid")"; sleep 2; umount -l "$1/data"; rm -rf "$1"', 'sh', dir], { stdio: 'ignore' })
  })

  it('fails with a clear error that says the disk is full, and runs nothing', async () => {
    const run = await runAction({ cwd: flake, inputs: { container: 'greetContainer', architectures: 'x86_64-linux' }, env: { DOCKER_HOST: socket } })
    expect(run.errors.join('\n')).toMatch(
      /Loading greetContainer linux\/amd64 \(\/nix\/store\/[^)]*\) into Docker failed: the daemon's disk is full \(no space left on device\)\. Free space on the runner/,
    )
    expect(run.log).not.toMatch(/\[command\]docker run/)
    expect(containers('nca-test-')).toBe('')
  })
})

describe('registry faults, injected by a proxy in front of the real registry (builtin publisher)', () => {
  const writes = (method?: string) => method === 'POST' || method === 'PUT' || method === 'PATCH'

  async function through(proxy: CountingProxy, repository: string): Promise<ActionRun> {
    await proxy.start(env.NCA_REGISTRY)
    try {
      return await runAction({
        cwd: flake,
        inputs: { container: 'greetContainer', publisher: 'builtin', ...pushTo(repository), registry: proxy.address },
        env: onMain,
      })
    } finally {
      await proxy.stop()
    }
  }

  it('403 on every write: a clear error, nothing pushed, no retries', async () => {
    const repository = `acme/forbidden-${unique}`
    const proxy = new CountingProxy((req) =>
      writes(req.method) ? { status: 403, body: { errors: [{ code: 'DENIED', message: 'requested access to the resource is denied' }] } } : undefined,
    )
    const run = await through(proxy, repository)
    expect(run.errors.join('\n')).toMatch(
      /refused the credentials of user 'nca' \(inputs username and password; on ghcr\.io the workflow needs permissions: packages: write\)/,
    )
    expect(run.log).not.toMatch(/retrying/)
    expect(await registryTags(repository)).toBeUndefined()
  })

  it('the registry goes away in the middle of a push: bounded retries, then a clear error, and no tag', async () => {
    const repository = `acme/midpush-${unique}`
    // The first layer upload goes through; from then on every connection is dropped.
    const proxy = new CountingProxy((req, seen) =>
      seen.some((s) => s.method === 'PUT' && s.path.includes('/blobs/uploads/') && s.status === 201) && writes(req.method) ? 'drop' : undefined,
    )
    const run = await through(proxy, repository)
    expect(proxy.seen.some((s) => s.status === 201)).toBe(true)
    // The step that meets the first dropped connection (the next blob's upload) has five tries.
    expect(run.log.match(/retrying in/g)).toHaveLength(4)
    expect(run.errors.join('\n')).toMatch(/could not be reached after retries \(5 tries\); check that it is up and re-run \(pushing again is safe\)/)
    expect(await registryTags(repository)).toBeUndefined()
  })
})

describe('secrets', () => {
  /** Runs the action while watching every process's command line and the credential files. */
  async function watched(inputs: Record<string, string>): Promise<{ run: ActionRun; argvHits: string[]; looseModes: string[]; samples: number; tmp: string }> {
    const secret = env.NCA_REGISTRY_PASSWORD
    // Short: podman refuses a run root path longer than 50 characters.
    const tmp = await mkdtemp('/tmp/s-')
    const argvHits: string[] = []
    const looseModes: string[] = []
    let samples = 0
    let done = false
    const watch = (async () => {
      while (!done) {
        samples++
        for (const pid of await readdir('/proc').catch(() => [] as string[])) {
          if (!/^\d+$/.test(pid)) continue
          const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')
          if (cmdline.includes(secret)) argvHits.push(cmdline.replace(/\0/g, ' '))
        }
        for (const dir of await readdir(tmp).catch(() => [] as string[])) {
          const file = join(tmp, dir, 'auth.json')
          const mode = await stat(file).then(
            (s) => s.mode & 0o777,
            () => undefined,
          )
          if (mode !== undefined && mode !== 0o600) looseModes.push(`${file} ${mode.toString(8)}`)
        }
        await new Promise((r) => setTimeout(r, 10))
      }
    })()
    const run = await runAction({ cwd: flake, inputs, env: { ...onMainOf(inputs.repository), TMPDIR: tmp } })
    done = true
    await watch
    return { run, argvHits, looseModes, samples, tmp }
  }

  it.each(['flocken', 'builtin'])(
    'publisher %s: the token is masked first, never in any argv, never in the log; credential files are private and removed',
    async (publisher) => {
      const { run, argvHits, looseModes, samples, tmp } = await watched({
        container: 'greetContainer',
        ...pushTo(`acme/secret-${publisher}-${unique}`),
        publisher,
      })
      expect(run.errors).toEqual([])
      expect(samples).toBeGreaterThan(10)
      // flocken's own script hands the password to podman login and crane auth login as an argument
      // (upstream's choice, which the action cannot change); no other process may have it, the action's least of all.
      expect(argvHits.filter((c) => !/\/bin\/(podman|crane) (auth )?login /.test(c))).toEqual([])
      expect(looseModes).toEqual([])
      expect(run.log.indexOf(`::add-mask::${env.NCA_REGISTRY_PASSWORD}`)).toBeLessThan(run.log.indexOf('[command]'))
      expect(run.visibleLog).not.toContain(env.NCA_REGISTRY_PASSWORD)
      expect(run.summary).not.toContain(env.NCA_REGISTRY_PASSWORD)
      expect(await readdir(tmp)).toEqual([])
    },
  )
})
