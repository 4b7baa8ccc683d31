// The daemon as the docker CLI shows it: the tests' own view, independent of the action's API client.
import { execFileSync } from 'node:child_process'
import { tempDir } from './tmp.js'

/** What `docker <args>` prints, trimmed; a failure throws with its stderr. */
export function docker(...args: string[]): string {
  return execFileSync('docker', args, { encoding: 'utf8' }).trim()
}

/** The diff_ids of an image in the daemon: what a pushed config's rootfs must list. */
export function imageLayers(imageId: string): string[] {
  return JSON.parse(docker('image', 'inspect', '--format', '{{json .RootFS.Layers}}', imageId)) as string[]
}

/**
 * Pulls one platform of a pushed image into the daemon, as a user of it would (`docker login`, then
 * `docker pull --platform`), with a login of its own that leaves the caller's Docker config alone;
 * then runs it. Returns what it printed. The pulled reference is removed again.
 */
export function pullAndRun(at: { registry: string; user: string; password: string }, reference: string, platform: string, ...args: string[]): string {
  const config = tempDir('docker-config')
  const env = { ...process.env, DOCKER_CONFIG: config }
  const cli = (...a: string[]) => execFileSync('docker', a, { encoding: 'utf8', env }).trim()
  execFileSync('docker', ['login', '--username', at.user, '--password-stdin', at.registry], { input: at.password, env, stdio: ['pipe', 'ignore', 'pipe'] })
  cli('pull', '--quiet', '--platform', platform, reference)
  try {
    // Not checked with `docker image inspect`: on the containerd image store, an image whose layers are
    // already unpacked (the loaded, tested image, stored uncompressed) is pulled without its compressed
    // blobs, and inspect then reports no platform at all, although it runs.
    return cli('run', '--rm', '--pull', 'never', '--network', 'none', '--platform', platform, reference, ...args)
  } finally {
    cli('rmi', reference)
  }
}
