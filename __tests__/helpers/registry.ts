// Reading the local test registry directly over HTTP, independently of the action's own client.
import { stackEnv } from './fixture.js'

/** The tags of a repository in the local registry, or undefined when nothing was ever pushed there. */
export async function registryTags(repository: string, env: Record<string, string> = stackEnv()): Promise<string[] | undefined> {
  const auth = Buffer.from(`${env.NCA_REGISTRY_USER}:${env.NCA_REGISTRY_PASSWORD}`).toString('base64')
  const res = await fetch(`http://${env.NCA_REGISTRY}/v2/${repository}/tags/list`, { headers: { authorization: `Basic ${auth}` } })
  if (res.status === 404) return undefined
  return ((await res.json()) as { tags: string[] }).tags.sort()
}
