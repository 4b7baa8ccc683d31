// The Docker daemon: load each built image, give it a reference unique to its system, and
// smoke-test it in a throwaway container that cannot outlive its timeout.
import { randomBytes } from 'node:crypto'
import { posix } from 'node:path'
import { pipe, run, type Command } from '../exec.js'
import { type HttpResponse, httpRequest } from '../http.js'
import type { BuiltImage } from '../model.js'
import { ociArch } from '../config/platform.js'
import { type Nix } from '../nix/nix.js'
import { messageOf } from '../errors.js'

export interface LoadedImage extends BuiltImage {
  /** The reference `docker load` answered with (or the image id when it gave none). */
  loadedAs: string
  /** A reference unique to this container and system, e.g. greet:latest-arm64. */
  reference: string
  imageId: string
  /** Size of the image in the daemon. */
  imageSize: number
  /** Uncompressed layer digests (rootfs.diff_ids): the image's content, whatever a registry recompresses. */
  layers: string[]
  entrypoint: string[]
}

export interface TestResult {
  image: BuiltImage
  /** Absent when the image could not be loaded on this runner. */
  loaded?: LoadedImage
  status: 'passed' | 'failed' | 'skipped'
  /** The command run, for the log and summary. */
  command?: string[]
  output: string
  reason?: string
  durationMs: number
}

export function loadCommand(
  image: Pick<BuiltImage, 'kind' | 'storePath'> & Partial<Pick<BuiltImage, 'installable'>>,
  nix?: Pick<Nix, 'path' | 'env'>,
): { producer?: Command; load: Command } {
  switch (image.kind) {
    case 'archive':
    case 'archive-gz':
      return { load: { cmd: 'docker', args: ['load', '--input', image.storePath] } }
    case 'stream':
      // The stream script writes the archive to stdout: piped straight into the daemon, never to disk.
      return { producer: { cmd: image.storePath, args: [] }, load: { cmd: 'docker', args: ['load'] } }
    case 'nix2container':
      // The image.json only describes the layers; nix2container's own app builds them from the
      // store paths and copies them into the daemon (skopeo), so nothing is written to disk.
      if (!nix || !image.installable) throw new Error(`${image.storePath} is a nix2container image: loading it needs Nix and its installable.`)
      return { load: { cmd: nix.path, args: ['run', `${image.installable}.copyToDockerDaemon`], env: nix.env } }
  }
}

/**
 * What `docker load` says went wrong although it exited 0: on the containerd image store it imports
 * the archive, prints "Loaded image", then fails to unpack a layer whose bytes are not its diff_id
 * ("Error unpacking image …: wrong diff id calculated on extraction") and still exits 0.
 */
export function loadErrors(stdout: string): string[] {
  return stdout
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^Error\b/.test(l))
}

/** The references `docker load` reports, in order: "Loaded image: x:y" or "Loaded image ID: sha256:…". */
export function parseLoadOutput(stdout: string): string[] {
  const refs: string[] = []
  for (const line of stdout.split('\n')) {
    const m = /^Loaded image(?: ID)?: (\S+)\s*$/.exec(line.trim())
    if (m) refs.push(m[1])
  }
  return refs
}

/** `registry:5000/name:tag` → [`registry:5000/name`, `tag`]; no tag means `latest`. */
export function splitReference(reference: string): [name: string, tag: string] {
  const at = reference.lastIndexOf(':')
  return at > reference.lastIndexOf('/') ? [reference.slice(0, at), reference.slice(at + 1)] : [reference, 'latest']
}

/** name:tag → name:tag-<arch>; a bare id gets a name derived from the container. */
export function uniqueReference(loadedAs: string, fallbackName: string, system: BuiltImage['system']): string {
  const arch = ociArch(system)
  if (loadedAs.startsWith('sha256:')) return `${fallbackName}:${arch}`
  const [name, tag] = splitReference(loadedAs)
  return `${name}:${tag}-${arch}`
}

interface Inspect {
  Id: string
  Size: number
  Architecture: string
  Os: string
  Config?: { Entrypoint?: string[] | null; Cmd?: string[] | null }
  RootFS?: { Layers?: string[] }
}

// Inspecting and tagging sit between a load and its smoke test, and starting the docker CLI for each
// costs far more than the same request over the daemon's unix socket. Only the CLI's own endpoint is
// used (its current context, or DOCKER_HOST), and only when it is a unix socket; any other endpoint,
// or a socket that does not answer, goes through the CLI.

/** The socket path of a `unix://` Docker endpoint; undefined for tcp://, ssh://, npipe:// and the rest. */
export function unixSocketOf(endpoint: string | undefined): string | undefined {
  return endpoint?.startsWith('unix://') ? endpoint.slice('unix://'.length) || undefined : undefined
}

const sockets = new Map<string, Promise<string | undefined>>()

/** The unix socket the docker CLI talks to, asked once per DOCKER_HOST/DOCKER_CONTEXT (probeHost asks first). */
export function dockerSocket(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const key = `${env.DOCKER_HOST ?? ''}\n${env.DOCKER_CONTEXT ?? ''}`
  let socket = sockets.get(key)
  if (!socket) {
    socket = run({ cmd: 'docker', args: ['context', 'inspect', '--format', '{{.Endpoints.docker.Host}}'], env }, { echo: false, check: false })
      .then((r) => (r.code === 0 ? unixSocketOf(r.stdout.trim()) : undefined))
      .catch(() => undefined)
    sockets.set(key, socket)
  }
  return socket
}

/** References and ids as the API takes them in a path (what `docker load` and our tags produce). */
const API_SAFE = /^[\w.:/@-]+$/

/**
 * One request to the daemon's API, or undefined when it cannot be made (no unix socket, or nobody
 * answers on it): the caller then runs the CLI. An answer the daemon gives, even an error, is final.
 */
async function api(method: string, path: string, what: string, ok: number): Promise<HttpResponse | undefined> {
  const socket = await dockerSocket()
  if (!socket) return undefined
  const res = await httpRequest(`http://docker${path}`, { method, socketPath: socket, idleTimeoutMs: 120_000 }).catch(() => undefined)
  if (!res || res.status === ok) return res
  throw new Error(`${what} failed (Docker API ${res.status}): ${daemonMessage(await res.text())}`)
}

/** What the daemon said in an error answer: its JSON `message`, or the text as it is. */
function daemonMessage(text: string): string {
  try {
    return (JSON.parse(text) as { message?: string }).message ?? text.trim()
  } catch {
    return text.trim()
  }
}

export async function inspect(ref: string): Promise<Inspect> {
  const res = API_SAFE.test(ref) ? await api('GET', `/images/${ref}/json`, `docker image inspect ${ref}`, 200) : undefined
  if (res) return res.json<Inspect>()
  const { stdout } = await run({ cmd: 'docker', args: ['image', 'inspect', '--format', '{{json .}}', ref] }, { echo: false })
  return JSON.parse(stdout) as Inspect
}

/**
 * The reference a nix2container image is copied to the daemon under: its imageName and imageTag
 * (skopeo says nothing like `docker load`'s "Loaded image:").
 */
export async function nix2containerReference(nix: Pick<Nix, 'path' | 'env'>, installable: string): Promise<string> {
  const apply = 'i: { name = i.imageName or null; tag = i.imageTag or null; app = i ? copyToDockerDaemon; }'
  const { stdout } = await run({ cmd: nix.path, args: ['eval', '--json', installable, '--apply', apply], env: nix.env }, { echo: false })
  const { name, tag, app } = JSON.parse(stdout) as { name: string | null; tag: string | null; app: boolean }
  if (!name || !tag || !app) {
    throw new Error(
      `${installable} builds a JSON file (a nix2container image.json) but has no ${[!name && 'imageName', !tag && 'imageTag', !app && 'copyToDockerDaemon'].filter(Boolean).join(', ')}: ` +
        'make it with nix2container.buildImage (which provides them), or use a dockerTools image.',
    )
  }
  return `${name}:${tag}`
}

function loadFailure(image: BuiltImage, text: string, cause?: unknown): Error {
  const what = `Loading ${image.container} ${image.platform} (${image.storePath}) into Docker failed`
  if (/no space left on device/i.test(text)) {
    return new Error(
      `${what}: the daemon's disk is full (no space left on device). Free space on the runner (docker system prune, or remove unused tools) or use a larger runner.\n${text.slice(-1000)}`,
    )
  }
  // A damaged or truncated archive: nothing of it may be pushed.
  if (/invalid tar header|unexpected EOF|gzip: invalid|checksum|corrupt|crc|wrong diff id/i.test(text)) {
    return new Error(
      `${what}: the daemon could not read the archive, which is damaged or cut short; nothing was pushed. Repair it (nix store repair ${image.storePath}) or rebuild it (nix build --rebuild).\n${text.slice(-1000)}`,
    )
  }
  return new Error(`${what}: ${text}`, { cause })
}

/** Loads one image: a stream's script piped into `docker load`, a file read by the daemon itself. */
export async function load(image: BuiltImage, fallbackName: string, nix?: Pick<Nix, 'path' | 'env'>): Promise<LoadedImage> {
  const { producer, load } = loadCommand(image, nix)
  // Asked before the copy, so a JSON file that is no nix2container image fails with a clear message.
  const named = image.kind === 'nix2container' ? await nix2containerReference(nix!, image.installable) : undefined
  const loading = producer ? pipe(producer, load) : run(load)
  const { stdout } = await loading.catch((e: unknown) => {
    throw loadFailure(image, messageOf(e), e)
  })
  const errors = loadErrors(stdout)
  if (errors.length) throw loadFailure(image, errors.join('\n'))
  // Inspected right after the copy: another system's image of the same container takes the name:tag next.
  const loadedAs = named ?? parseLoadOutput(stdout)[0]
  if (!loadedAs) throw new Error(`docker load gave no image reference for ${image.storePath}:\n${stdout}`)
  const info = await inspect(loadedAs)
  const expected = ociArch(image.system)
  if (info.Os !== 'linux' || info.Architecture !== expected) {
    throw new Error(
      `${image.installable} built an image for ${info.Os}/${info.Architecture}, not linux/${expected}: check the image's architecture in the flake.`,
    )
  }
  return {
    ...image,
    loadedAs,
    reference: uniqueReference(loadedAs, fallbackName, image.system),
    imageId: info.Id,
    imageSize: info.Size,
    layers: info.RootFS?.Layers ?? [],
    entrypoint: info.Config?.Entrypoint ?? info.Config?.Cmd ?? [],
  }
}

/** Gives a loaded image its reference unique to its system (the load left it the shared name:tag). */
export async function tagLoaded(image: Pick<LoadedImage, 'imageId' | 'reference'>): Promise<void> {
  const { imageId, reference } = image
  const [repo, tag] = splitReference(reference)
  const query = new URLSearchParams({ repo, tag })
  const res = API_SAFE.test(imageId) ? await api('POST', `/images/${imageId}/tag?${query}`, `docker tag ${imageId} ${reference}`, 201) : undefined
  if (res) return res.discard()
  await run({ cmd: 'docker', args: ['tag', imageId, reference] }, { echo: false })
}

/** The tool an image runs: its entrypoint's program name. */
export function entrypointTool(entrypoint: string[]): string | undefined {
  return entrypoint[0] ? posix.basename(entrypoint[0]) : undefined
}

export function smokeTestArgs(image: LoadedImage, name: string, tool: string | undefined, testArgs: string[]): string[] {
  const args = ['run', '--rm', '--pull', 'never', '--network', 'none', '--platform', image.platform, '--name', name]
  // A named tool that is not the entrypoint is run explicitly, so the test proves it is in the image.
  if (tool && entrypointTool(image.entrypoint) !== tool) args.push('--entrypoint', tool)
  return [...args, image.imageId, ...testArgs]
}

export async function smokeTest(image: LoadedImage, options: { tool?: string; args: string[]; timeoutSec: number }): Promise<TestResult> {
  const started = Date.now()
  const name = `nca-test-${randomBytes(6).toString('hex')}`
  const args = smokeTestArgs(image, name, options.tool, options.args)
  // Not echoed live: tests run side by side, so each one's output is printed whole afterwards.
  const result = await run({ cmd: 'docker', args }, { check: false, echo: false, timeoutMs: options.timeoutSec * 1000 })
  const output = (result.stdout + result.stderr).trim()
  if (result.timedOut) {
    // Killing the client leaves the container running: remove it so nothing outlives the test.
    await run({ cmd: 'docker', args: ['rm', '--force', name] }, { echo: false, check: false })
  }
  const passed = result.code === 0 && !result.timedOut
  return {
    image,
    loaded: image,
    status: passed ? 'passed' : 'failed',
    command: ['docker', ...args],
    output,
    reason: passed
      ? undefined
      : result.timedOut
        ? `timed out after ${options.timeoutSec}s (input test-timeout); the container was removed`
        : `exited with code ${result.code}`,
    durationMs: Date.now() - started,
  }
}

/** undefined when the daemon answers; otherwise what is wrong, in words for an error message. */
export async function dockerProblem(): Promise<string | undefined> {
  // Found out now, side by side with the version check, for the loads that follow (it never rejects).
  void dockerSocket()
  const r = await run({ cmd: 'docker', args: ['version', '--format', '{{.Server.Version}}'] }, { echo: false, check: false }).catch(() => undefined)
  if (!r) return 'docker is not installed on this runner'
  if (r.code !== 0) return `the Docker daemon is not reachable (${r.stderr.trim().split('\n').pop()})`
  return undefined
}
