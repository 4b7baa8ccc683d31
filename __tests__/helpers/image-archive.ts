// Store paths as image layers hold them, and docker-archives made by GNU tar: one that holds them,
// and one of a whole image whose layers are random bytes.
import { execFileSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { tempDir } from './tmp.js'

export const A = '/nix/store/day2fmi35gp1452bli5dvxjwrn1lcw4c-greet-1.0'
export const B = '/nix/store/cwvdy5szchw0fk5xmlc5cycm3shzc65y-busybox-1.35.0'
export const C = '/nix/store/060gj2qd0vw4vz0ir3y2zcrvr7xpns14-greet-motd'

/** A docker-archive made by GNU tar: one plain layer and one gzip layer with store paths. */
export async function makeArchive(): Promise<{ dir: string; archive: string }> {
  const dir = tempDir('archive')
  const long = `${'x'.repeat(120)}-long-name-1.0`
  const root = join(dir, 'root')
  for (const p of [A, B, `/nix/store/2222222222222222222222222222222k-${long}`]) {
    await mkdir(join(root, p, 'bin'), { recursive: true })
    await writeFile(join(root, p, 'bin', 'tool'), 'x'.repeat(700))
  }
  await mkdir(join(root, 'bin'))
  await symlink(`${A}/bin/tool`, join(root, 'bin', 'tool'))
  await writeFile(join(root, 'etc-file'), 'not from nix')
  const image = join(dir, 'image')
  await mkdir(join(image, 'one'), { recursive: true })
  await mkdir(join(image, 'two'))
  const tar = (...args: string[]) => execFileSync('tar', ['--format=gnu', '--owner=0', '--group=0', ...args])
  tar('-C', root, '-cf', join(image, 'one', 'layer.tar'), 'bin', 'etc-file', `nix/store/${A.slice(11)}`)
  // The second layer is POSIX (pax) and compressed, like an OCI blob.
  execFileSync('sh', ['-c', `tar --format=posix -C "$1" -cf - nix | gzip -c > "$2"`, 'sh', root, join(image, 'two', 'layer.tar')])
  await writeFile(join(image, 'manifest.json'), '[{"Config":"config.json","Layers":["one/layer.tar","two/layer.tar"]}]')
  await writeFile(join(image, 'config.json'), '{"architecture":"amd64"}')
  const archive = join(dir, 'image.tar')
  tar('-C', image, '-cf', archive, 'one', 'two', 'manifest.json', 'config.json')
  return { dir, archive }
}

/**
 * A docker-archive (docker save layout) of one linux/amd64 image with `layers` uncompressed layers,
 * each one file of `bytes` random bytes, and a config whose diff_ids are those layers' digests.
 */
export async function makeImageArchive(layers: number, bytes: number): Promise<{ archive: string; diffIds: string[]; config: Buffer }> {
  const dir = tempDir('image')
  const image = join(dir, 'image')
  const names: string[] = []
  const diffIds: string[] = []
  for (let i = 0; i < layers; i++) {
    const root = join(dir, `root${i}`)
    await mkdir(join(root, 'data'), { recursive: true })
    await writeFile(join(root, 'data', `part${i}`), randomBytes(bytes))
    await mkdir(join(image, `l${i}`), { recursive: true })
    execFileSync('tar', ['--format=gnu', '--owner=0', '--group=0', '--mtime=@0', '-C', root, '-cf', join(image, `l${i}`, 'layer.tar'), 'data'])
    names.push(`l${i}/layer.tar`)
    diffIds.push(
      `sha256:${createHash('sha256')
        .update(await readFile(join(image, `l${i}`, 'layer.tar')))
        .digest('hex')}`,
    )
  }
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', config: {}, rootfs: { type: 'layers', diff_ids: diffIds } }))
  await writeFile(join(image, 'config.json'), config)
  await writeFile(join(image, 'manifest.json'), JSON.stringify([{ Config: 'config.json', Layers: names }]))
  const archive = join(dir, 'image.tar')
  execFileSync('tar', ['--format=gnu', '-C', image, '-cf', archive, ...names.map((n) => n.split('/')[0]), 'manifest.json', 'config.json'])
  return { archive, diffIds, config }
}
