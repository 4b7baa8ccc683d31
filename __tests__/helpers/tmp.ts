// Temporary directories for tests, removed once the test file is done. Jest gives each test file its
// own module registry, so each file that imports this gets its own list and its own afterAll.
import { afterAll } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const made: string[] = []

afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A new empty directory, nca-<name>-XXXXXX in the system's temporary directory. */
export function tempDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `nca-${name}-`))
  made.push(dir)
  return dir
}
