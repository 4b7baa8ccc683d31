import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type ArchiveFile, archiveLayout, lent, listFiles, tarEntries } from '../../src/image/archive.js'
import { sha256 } from '../../src/publish/builtin.js'
import { A, makeArchive, makeImageArchive } from '../helpers/image-archive.js'
import { tempDir } from '../helpers/tmp.js'

describe('reading an archive for its digests (GNU tar makes it)', () => {
  it('hashes every file, keeps only the JSON ones, and tells gzip layers apart', async () => {
    const dir = tempDir('archive')
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

describe('an archive read when Nix does not describe the image (zlib and tar-stream)', () => {
  it('lists GNU long names and pax paths', async () => {
    const { dir } = await makeArchive()
    const names: string[] = []
    for await (const entry of tarEntries(createReadStream(join(dir, 'image', 'one', 'layer.tar')))) names.push(`${entry.type} ${entry.name}`)
    expect(names).toContain('symlink bin/tool')
    expect(names).toContain(`file nix/store/${A.slice(11)}/bin/tool`)
  })

  it('lists the top-level files, keeping the small JSON ones and hashing on request', async () => {
    const { archive, dir } = await makeArchive()
    const files = await listFiles(createReadStream(archive), { hash: true })
    expect([...files.keys()]).toEqual(['one/layer.tar', 'two/layer.tar', 'manifest.json', 'config.json'])
    expect(files.get('two/layer.tar')).toMatchObject({ gzip: true, layer: true })
    expect(files.get('one/layer.tar')).toMatchObject({ gzip: false, layer: true })
    expect(JSON.parse(files.get('manifest.json')!.bytes!.toString())).toHaveLength(1)
    const layer = await readFile(join(dir, 'image', 'one', 'layer.tar'))
    expect(files.get('one/layer.tar')!.digest).toBe(`sha256:${createHash('sha256').update(layer).digest('hex')}`)
  })
})

describe('a tar entry lent to a reader that stops early (an upload that failed)', () => {
  it('leaves the rest of the entry to be skipped, and the archive read goes on to the next entries', async () => {
    const { archive } = await makeImageArchive(3, 256 * 1024)
    const seen: string[] = []
    for await (const { name, body } of tarEntries(createReadStream(archive))) {
      if (!name.endsWith('layer.tar')) continue
      for await (const chunk of lent(body)) {
        seen.push(`${name}: ${chunk.length > 0 ? 'some bytes' : 'none'}`)
        break
      }
    }
    expect(seen).toEqual(['l0/layer.tar: some bytes', 'l1/layer.tar: some bytes', 'l2/layer.tar: some bytes'])
  })
})

describe('archive layouts', () => {
  const file = (text: string): ArchiveFile => ({ digest: 'sha256:x', size: text.length, gzip: false, layer: false, bytes: Buffer.from(text) })

  it('docker save (dockerTools, Docker 20–24): manifest.json', () => {
    const files = new Map([
      ['manifest.json', file('[{"Config":"abc.json","RepoTags":["a:b"],"Layers":["l1/layer.tar","l2/layer.tar"]}]')],
      ['abc.json', file('{"architecture":"amd64"}')],
    ])
    expect(archiveLayout(files, 'x')).toEqual({
      config: Buffer.from('{"architecture":"amd64"}'),
      configEntry: 'abc.json',
      layers: ['l1/layer.tar', 'l2/layer.tar'],
    })
  })

  it('OCI layout (Docker 25+): index.json', () => {
    const files = new Map([
      ['index.json', file('{"manifests":[{"digest":"sha256:m"}]}')],
      ['blobs/sha256/m', file('{"config":{"digest":"sha256:c"},"layers":[{"digest":"sha256:l"}]}')],
      ['blobs/sha256/c', file('{"os":"linux"}')],
    ])
    expect(archiveLayout(files, 'x')).toEqual({ config: Buffer.from('{"os":"linux"}'), configEntry: 'blobs/sha256/c', layers: ['blobs/sha256/l'] })
  })

  it.each([
    [
      new Map([['manifest.json', file('[{"Config":"a.json","Layers":[]},{"Config":"b.json","Layers":[]}]')]]),
      /holds 2 images; an image file must hold exactly one/,
    ],
    [new Map([['manifest.json', file('[{"Config":"a.json","Layers":[]}]')]]), /the archive has no a\.json/],
    [new Map([['other', file('')]]), /neither manifest\.json \(docker save\) nor index\.json \(OCI layout\)/],
  ])('refuses an archive it cannot read (%#)', (files, message) => {
    expect(() => archiveLayout(files, 'img')).toThrow(message)
  })
})
