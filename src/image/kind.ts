// What kind of image a Nix build produced, read from the file itself rather than from its name.
import { open, stat } from 'node:fs/promises'
import { run } from '../exec.js'
import type { ImageKind } from '../model.js'
import { type Nix } from '../nix/nix.js'

export function isGzip(head: Buffer): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b
}

export async function detectKind(path: string): Promise<ImageKind> {
  const info = await stat(path)
  if (!info.isFile()) {
    throw new Error(
      `${path} is a directory, not an image: the container attribute must be a dockerTools image (buildImage, buildLayeredImage, streamLayeredImage) or a nix2container image.`,
    )
  }
  const fh = await open(path, 'r')
  try {
    const head = Buffer.alloc(512)
    const { bytesRead } = await fh.read(head, 0, 512, 0)
    const bytes = head.subarray(0, bytesRead)
    if (isGzip(bytes)) return 'archive-gz'
    if (bytes.subarray(257, 262).toString() === 'ustar') return 'archive'
    if (bytes.subarray(0, 2).toString() === '#!') return 'stream'
    if (bytes.subarray(0, 1).toString() === '{') return 'nix2container'
  } finally {
    await fh.close()
  }
  throw new Error(`${path} is neither a docker archive (.tar, .tar.gz), a stream script nor a nix2container image description.`)
}

/**
 * Whether a flake attribute is a nix2container image (it carries copyToDockerDaemon), asked before
 * building; false when it cannot be evaluated (the build then says why).
 */
export async function isNix2container(nix: Pick<Nix, 'path' | 'env'>, installable: string): Promise<boolean> {
  const r = await run(
    { cmd: nix.path, args: ['eval', '--json', installable, '--apply', 'i: i ? copyToDockerDaemon'], env: nix.env },
    { echo: false, check: false },
  )
  return r.code === 0 && r.stdout.trim() === 'true'
}
