// The daemon as the docker CLI shows it: the tests' own view, independent of the action's API client.
import { execFileSync } from 'node:child_process'

/** What `docker <args>` prints, trimmed; a failure throws with its stderr. */
export function docker(...args: string[]): string {
  return execFileSync('docker', args, { encoding: 'utf8' }).trim()
}

/** The diff_ids of an image in the daemon: what a pushed config's rootfs must list. */
export function imageLayers(imageId: string): string[] {
  return JSON.parse(docker('image', 'inspect', '--format', '{{json .RootFS.Layers}}', imageId)) as string[]
}
