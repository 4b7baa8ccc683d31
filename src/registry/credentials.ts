// The logins a runner already has for a registry, found where docker and podman keep them:
// docker/login-action and `docker login` write Docker's config.json (or hand the secret to a
// credential helper such as ECR's or GCR's), `podman login` writes its auth.json. The secret is
// read from the file or from the helper's stdout, never put on a command line.
import { readFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { run } from '../exec.js'
import { messageOf } from '../errors.js'
import type { Credentials } from './client.js'

export interface StoredLogin extends Credentials {
  /** Where it was found, for the log: never the secret. */
  from: string
}

/** One file's logins: Docker's config.json and podman's auth.json share `auths`; only Docker's has helpers. */
interface AuthFile {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string }>
  credHelpers?: Record<string, string>
  credsStore?: string
}

/** Docker Hub's logins are kept under its old index URL; every other key is the registry's host, maybe with a scheme or path. */
export function registryKey(key: string): string {
  const host = key
    .replace(/^[a-z]+:\/\//, '')
    .replace(/\/.*$/, '')
    .toLowerCase()
  return host === 'index.docker.io' || host === 'registry-1.docker.io' ? 'docker.io' : host
}

/** The files to look in, in docker's order, then podman's (which also reads Docker's config last). */
export function authFiles(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): { path: string; docker: boolean }[] {
  const docker = join(env.DOCKER_CONFIG || join(home, '.docker'), 'config.json')
  const podman = env.REGISTRY_AUTH_FILE
    ? [env.REGISTRY_AUTH_FILE]
    : [...(env.XDG_RUNTIME_DIR ? [join(env.XDG_RUNTIME_DIR, 'containers', 'auth.json')] : []), join(home, '.config', 'containers', 'auth.json')]
  return [{ path: docker, docker: true }, ...podman.map((path) => ({ path, docker: false }))]
}

/** What one file says for a registry: a login, a credential helper to ask, or nothing. */
export function lookUp(file: AuthFile, registry: string, docker: boolean): Credentials | { helper: string } | undefined {
  const wanted = registryKey(registry)
  if (docker) {
    const helper = Object.entries(file.credHelpers ?? {}).find(([key]) => registryKey(key) === wanted)?.[1]
    if (helper) return { helper }
  }
  const entry = Object.entries(file.auths ?? {}).find(([key]) => registryKey(key) === wanted)?.[1]
  if (entry?.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) }
  }
  if (entry?.username && entry.password) return { username: entry.username, password: entry.password }
  if (docker && file.credsStore) return { helper: file.credsStore }
  return undefined
}

/** The docker-credential-* protocol: `get`, the server on stdin, `{"Username","Secret"}` on stdout. */
export function parseHelperAnswer(stdout: string): Credentials | undefined {
  const answer = JSON.parse(stdout) as { Username?: unknown; Secret?: unknown }
  if (typeof answer.Username !== 'string' || typeof answer.Secret !== 'string' || !answer.Secret) return undefined
  // An identity token (an OAuth refresh token) is not a password the registry's token service takes.
  if (answer.Username === '<token>') return undefined
  return { username: answer.Username, password: answer.Secret }
}

async function askHelper(helper: string, registry: string, env: NodeJS.ProcessEnv): Promise<Credentials | undefined> {
  const cmd = `docker-credential-${helper}`
  const result = await run({ cmd, args: ['get'], env }, { input: registry, echo: false, check: false, timeoutMs: 30_000 }).catch((e: unknown) => {
    throw new Error(`the credential helper ${cmd} could not be run (${messageOf(e)})`, { cause: e })
  })
  // Helpers say "credentials not found in native keychain" and exit 1 when they have none.
  if (result.code !== 0) return undefined
  try {
    return parseHelperAnswer(result.stdout)
  } catch (e) {
    throw new Error(`the credential helper ${cmd} answered something that is not its JSON`, { cause: e })
  }
}

/** The runner's login for a registry, or undefined when no file and no helper has one. */
export async function storedLogin(registry: string, env: NodeJS.ProcessEnv = process.env, home: string = homedir()): Promise<StoredLogin | undefined> {
  for (const { path, docker } of authFiles(env, home)) {
    let file: AuthFile
    try {
      file = JSON.parse(await readFile(path, 'utf8')) as AuthFile
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue
      throw new Error(`${path} could not be read as JSON (${messageOf(e)})`, { cause: e })
    }
    const found = lookUp(file, registry, docker)
    if (!found) continue
    if (!('helper' in found)) return { ...found, from: path }
    // Docker Hub's logins are asked for by its old index URL, as docker itself asks.
    const server = registryKey(registry) === 'docker.io' ? 'https://index.docker.io/v1/' : registryKey(registry)
    const login = await askHelper(found.helper, server, env)
    if (login) return { ...login, from: `${path} (credential helper docker-credential-${found.helper})` }
  }
  return undefined
}
