// Reading the local test registries directly (over HTTP, or with skopeo), independently of the action's own client.
import { execFileSync } from 'node:child_process'
import { stackEnv } from './fixture.js'

export interface RegistryLogin {
  registry: string
  user: string
  password: string
}

/** The stack's main registry (127.0.0.1:5000), or with `mirror` its second one (127.0.0.1:5001). */
export function stackRegistry(mirror = false, env: Record<string, string> = stackEnv()): RegistryLogin {
  return mirror
    ? { registry: env.NCA_MIRROR, user: env.NCA_MIRROR_USER, password: env.NCA_MIRROR_PASSWORD }
    : { registry: env.NCA_REGISTRY, user: env.NCA_REGISTRY_USER, password: env.NCA_REGISTRY_PASSWORD }
}

/** The action inputs that push to a local registry as its user. */
export function pushInputs(at: RegistryLogin): { registry: string; username: string; password: string } {
  return { registry: at.registry, username: at.user, password: at.password }
}

/** The tags of a repository in a local registry, or undefined when nothing was ever pushed there. */
export async function registryTags(repository: string, at: RegistryLogin = stackRegistry()): Promise<string[] | undefined> {
  const auth = Buffer.from(`${at.user}:${at.password}`).toString('base64')
  const res = await fetch(`http://${at.registry}/v2/${repository}/tags/list`, { headers: { authorization: `Basic ${auth}` } })
  if (res.status === 404) return undefined
  return ((await res.json()) as { tags: string[] }).tags.sort()
}

/** An image index as the tests read it back. */
export interface Index {
  mediaType: string
  manifests: { digest: string; mediaType: string; platform: { os: string; architecture: string } }[]
  annotations?: Record<string, string>
}

/**
 * What skopeo reads from a local registry for a tag or a digest: the manifest or index as stored
 * (--raw), or with `config` the image config it names.
 */
export function skopeoInspect(at: RegistryLogin, repository: string, reference: string, what: 'raw' | 'config' = 'raw'): string {
  const ref = reference.startsWith('sha256:') ? `@${reference}` : `:${reference}`
  const args = ['inspect', ...(what === 'config' ? ['--config'] : []), '--raw', '--tls-verify=false', '--creds', `${at.user}:${at.password}`]
  return execFileSync('skopeo', [...args, `docker://${at.registry}/${repository}${ref}`], { encoding: 'utf8' })
}
