import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { detectKind } from '../../src/image/kind.js'
import { tempDir } from '../helpers/tmp.js'

describe('detectKind reads real files made by tar and gzip', () => {
  it('tells archives, compressed archives, stream scripts and nix2container descriptions apart', async () => {
    const dir = tempDir('kinds')
    await writeFile(join(dir, 'manifest.json'), '[]')
    execFileSync('tar', ['-cf', join(dir, 'image.tar'), '-C', dir, 'manifest.json'])
    execFileSync('sh', ['-c', `gzip -c "$1" > "$2"`, 'sh', join(dir, 'image.tar'), join(dir, 'image.tar.gz')])
    await writeFile(join(dir, 'stream-fd'), '#!/bin/sh\nexec cat image.tar\n')
    await writeFile(join(dir, 'image.json'), '{"version":1,"layers":[]}')
    await writeFile(join(dir, 'garbage'), 'hello')
    await mkdir(join(dir, 'tree'))
    expect(await detectKind(join(dir, 'image.tar'))).toBe('archive')
    expect(await detectKind(join(dir, 'image.tar.gz'))).toBe('archive-gz')
    expect(await detectKind(join(dir, 'stream-fd'))).toBe('stream')
    expect(await detectKind(join(dir, 'image.json'))).toBe('nix2container')
    await expect(detectKind(join(dir, 'garbage'))).rejects.toThrow(/neither a docker archive/)
    await expect(detectKind(join(dir, 'tree'))).rejects.toThrow(/is a directory, not an image/)
  })
})
