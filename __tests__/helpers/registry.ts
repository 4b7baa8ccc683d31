// Reading the local test registries directly over HTTP, independently of the action's own client.
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

/** The tags of a repository in a local registry, or undefined when nothing was ever pushed there. */
export async function registryTags(repository: string, at: RegistryLogin = stackRegistry()): Promise<string[] | undefined> {
  const auth = Buffer.from(`${at.user}:${at.password}`).toString('base64')
  const res = await fetch(`http://${at.registry}/v2/${repository}/tags/list`, { headers: { authorization: `Basic ${auth}` } })
  if (res.status === 404) return undefined
  return ((await res.json()) as { tags: string[] }).tags.sort()
}
