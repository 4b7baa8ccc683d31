// Inspecting and tagging a loaded image: over the daemon's unix socket when the CLI's endpoint is one,
// through the docker CLI otherwise. A docker on PATH that logs its calls (then runs the real one)
// shows which way each request went; both ways must give the same answers.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createConnection, createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inspect, load, tagLoaded } from '../../src/image/docker.js'
import type { BuiltImage } from '../../src/model.js'
import { fixtureOnStack } from '../helpers/fixture.js'
import { docker } from '../helpers/docker.js'

let imageId: string
let streamScript: string
let server: Server
let tcpHost: string
const shimDir = mkdtempSync(join(tmpdir(), 'nca-docker-shim-'))
const calls = join(shimDir, 'calls')
const saved = { PATH: process.env.PATH, DOCKER_HOST: process.env.DOCKER_HOST }

beforeAll(async () => {
  const { env, flake } = await fixtureOnStack()
  const [built] = JSON.parse(
    execFileSync('nix', ['build', '--json', '--no-link', '.#packages.x86_64-linux.greetContainer'], {
      cwd: flake,
      env: { ...process.env, NIX_CONFIG: env.NIX_CONFIG },
      encoding: 'utf8',
    }),
  ) as { outputs: { out: string } }[]
  execFileSync('docker', ['load', '--input', built.outputs.out], { stdio: 'ignore' })
  streamScript = (
    JSON.parse(
      execFileSync('nix', ['build', '--json', '--no-link', '.#packages.x86_64-linux.greetStream'], {
        cwd: flake,
        env: { ...process.env, NIX_CONFIG: env.NIX_CONFIG },
        encoding: 'utf8',
      }),
    ) as { outputs: { out: string } }[]
  )[0].outputs.out
  imageId = docker('image', 'inspect', '--format', '{{.Id}}', 'greet:latest')
  const real = execFileSync('sh', ['-c', 'command -v docker'], { encoding: 'utf8' }).trim()
  writeFileSync(join(shimDir, 'docker'), `#!/bin/sh\necho "$*" >> '${calls}'\nexec '${real}' "$@"\n`)
  chmodSync(join(shimDir, 'docker'), 0o755)
  process.env.PATH = `${shimDir}:${process.env.PATH}`
  // The daemon over TCP, through a relay to its socket: an endpoint the API path does not take.
  server = createServer((client) => {
    const daemon = createConnection('/var/run/docker.sock')
    client.pipe(daemon).pipe(client)
    client.on('error', () => daemon.destroy())
    daemon.on('error', () => client.destroy())
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  tcpHost = `tcp://127.0.0.1:${(server.address() as { port: number }).port}`
})

afterAll(() => {
  Object.assign(process.env, saved)
  if (saved.DOCKER_HOST === undefined) delete process.env.DOCKER_HOST
  server.close()
})

const cliCalls = () =>
  readFileSync(calls, 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('context inspect'))
const cliInspect = (ref: string) => JSON.parse(docker('image', 'inspect', '--format', '{{json .}}', ref)) as Record<string, unknown>

describe.each([
  ['the unix socket (the API)', () => undefined, 0],
  ['a tcp:// endpoint (the CLI)', () => tcpHost, 2],
])('over %s', (_, host, cliCallsExpected) => {
  it('inspects and tags like the CLI does', async () => {
    const h = host()
    if (h) process.env.DOCKER_HOST = h
    else delete process.env.DOCKER_HOST
    writeFileSync(calls, '')
    const info = await inspect('greet:latest')
    const cli = cliInspect('greet:latest')
    expect({
      Id: info.Id,
      Os: info.Os,
      Architecture: info.Architecture,
      Size: info.Size,
      Layers: info.RootFS?.Layers,
      Entrypoint: info.Config?.Entrypoint,
    }).toEqual({
      Id: cli.Id,
      Os: cli.Os,
      Architecture: cli.Architecture,
      Size: cli.Size,
      Layers: (cli.RootFS as { Layers: string[] }).Layers,
      Entrypoint: (cli.Config as { Entrypoint: string[] }).Entrypoint,
    })
    const reference = `nca-api-test/greet:${h ? 'cli' : 'api'}-amd64`
    writeFileSync(calls, '')
    await inspect('greet:latest')
    await tagLoaded({ imageId, reference })
    expect(cliCalls()).toHaveLength(cliCallsExpected)
    expect(cliInspect(reference).Id).toBe(imageId)
    execFileSync('docker', ['rmi', reference], { stdio: 'ignore' })
  })

  const streamImage = (storePath: string) =>
    ({
      container: 'greetStream',
      system: 'x86_64-linux',
      platform: 'linux/amd64',
      installable: '.#packages.x86_64-linux.greetStream',
      storePath,
      kind: 'stream',
    }) as BuiltImage

  it('loads a stream image by piping its script into docker load, running the script once', async () => {
    const h = host()
    if (h) process.env.DOCKER_HOST = h
    else delete process.env.DOCKER_HOST
    writeFileSync(calls, '')
    const runs = join(shimDir, `runs-${h ? 'cli' : 'api'}`)
    const counted = join(shimDir, `counted-stream-${h ? 'cli' : 'api'}`)
    writeFileSync(counted, `#!/bin/sh\necho run >> '${runs}'\nexec '${streamScript}'\n`)
    chmodSync(counted, 0o755)
    const loaded = await load(streamImage(counted), 'greet-stream')
    expect(loaded.loadedAs).toBe('greet-stream:latest')
    expect(loaded.imageId).toBe(cliInspect('greet-stream:latest').Id)
    expect(readFileSync(runs, 'utf8')).toBe('run\n')
    expect(cliCalls().filter((c) => c.startsWith('load'))).toHaveLength(1)
  })

  it('a stream script that fails half-way fails the load with its own exit code and words', async () => {
    const h = host()
    if (h) process.env.DOCKER_HOST = h
    else delete process.env.DOCKER_HOST
    const broken = join(shimDir, 'broken-stream')
    writeFileSync(broken, `#!/bin/sh\n'${streamScript}' | head -c 20000\necho 'stream: out of disk' >&2\nexit 3\n`)
    chmodSync(broken, 0o755)
    await expect(load(streamImage(broken), 'greet-stream')).rejects.toThrow(/broken-stream.*(exit|code) 3[\s\S]*stream: out of disk/)
  })

  it('says what the daemon said about an image it does not have', async () => {
    const h = host()
    if (h) process.env.DOCKER_HOST = h
    else delete process.env.DOCKER_HOST
    await expect(inspect('nca-api-test/absent:nothing')).rejects.toThrow(/No such image: nca-api-test\/absent:nothing/i)
  })
})
