import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { createReadStream } from 'node:fs'
import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { listFiles } from '../../src/image/archive.js'
import { archiveLayout, sha256 } from '../../src/publish/builtin.js'

describe('reading an archive for its digests (GNU tar makes it)', () => {
  it('hashes every file, keeps only the JSON ones, and tells gzip layers apart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nca-push-'))
    await mkdir(join(dir, 'img', 'l1'), { recursive: true })
    await writeFile(join(dir, 'payload'), 'x'.repeat(5000))
    execFileSync('tar', ['-C', dir, '-cf', join(dir, 'img', 'l1', 'layer.tar'), 'payload'])
    execFileSync('sh', ['-c', 'gzip -c "$1" > "$2"', 'sh', join(dir, 'img', 'l1', 'layer.tar'), join(dir, 'img', 'l1', 'layer.tgz')])
    await writeFile(join(dir, 'img', 'manifest.json'), '[{"Config":"c.json","Layers":["l1/layer.tar"]}]')
    await writeFile(join(dir, 'img', 'c.json'), '{"os":"linux","architecture":"amd64"}')
    execFileSync('tar', ['-C', join(dir, 'img'), '-cf', join(dir, 'image.tar'), 'l1', 'manifest.json', 'c.json'])
    const files = await listFiles(createReadStream(join(dir, 'image.tar')), { hash: true })
    const layer = await readFile(join(dir, 'img', 'l1', 'layer.tar'))
    expect(files.get('l1/layer.tar')).toEqual({ digest: sha256(layer), size: layer.length, gzip: false, layer: true })
    expect(files.get('l1/layer.tgz')).toMatchObject({ gzip: true, layer: true })
    expect(files.get('c.json')!.bytes!.toString()).toBe('{"os":"linux","architecture":"amd64"}')
    expect(archiveLayout(files, 'x').layers).toEqual(['l1/layer.tar'])
  })
})
