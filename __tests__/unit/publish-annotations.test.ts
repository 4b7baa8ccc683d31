// OCI annotations: the defaults from the source, and inputs over them.
import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { resolve } from 'node:path'
import { parseAnnotations } from '../../src/config/annotations.js'
import { annotationSet, commitTime, localFlakeDir, sourceFacts } from '../../src/publish/annotations.js'
import { tempDir } from '../helpers/tmp.js'

describe('annotationSet', () => {
  const facts = { source: 'https://github.com/acme/tools', revision: 'abc', created: '2026-12-01T10:00:00Z', version: '1.2.3', licenses: 'MIT' }
  it("writes the defaults on both levels, titled by the repository's last part", () => {
    const set = annotationSet(facts, 'acme/tools/fd', [])
    expect(set.index).toEqual({
      'org.opencontainers.image.source': 'https://github.com/acme/tools',
      'org.opencontainers.image.revision': 'abc',
      'org.opencontainers.image.created': '2026-12-01T10:00:00Z',
      'org.opencontainers.image.version': '1.2.3',
      'org.opencontainers.image.licenses': 'MIT',
      'org.opencontainers.image.title': 'fd',
    })
    expect(set.manifest).toEqual(set.index)
  })
  it('lets an input line override a default, on its level only', () => {
    const set = annotationSet(facts, 'acme/fd', parseAnnotations('index:org.opencontainers.image.licenses=Apache-2.0\nextra=1'))
    expect(set.index['org.opencontainers.image.licenses']).toBe('Apache-2.0')
    expect(set.manifest['org.opencontainers.image.licenses']).toBe('MIT')
    expect([set.index.extra, set.manifest.extra]).toEqual(['1', '1'])
  })
  it('leaves out what is not known', () => expect(annotationSet({}, 'fd', []).index).toEqual({ 'org.opencontainers.image.title': 'fd' }))
})

describe('where the facts come from', () => {
  it('turns a commit time into RFC 3339 UTC', () => {
    expect(commitTime('1764583200\n')).toBe('2025-12-01T10:00:00Z')
    expect(commitTime('')).toBeUndefined()
  })
  it.each<[string, string | undefined]>([
    ['.', resolve('.')],
    ['./sub', resolve('sub')],
    ['/abs/flake', '/abs/flake'],
    ['path:/abs/flake?dir=x', '/abs/flake'],
    ['git+file:///repo', '/repo'],
    ['github:acme/fd', undefined],
  ])('the flake %s is read from %s', (flake, dir) => expect(localFlakeDir(flake)).toBe(dir))

  it('reads the revision and its commit time from the flake checkout, and falls back to github.com', async () => {
    const dir = tempDir('annotations')
    const git = (...args: string[]) =>
      execFileSync('git', ['-C', dir, ...args], {
        encoding: 'utf8',
        env: { ...process.env, GIT_COMMITTER_DATE: '@1764583200 +0100', GIT_AUTHOR_DATE: '@1764583200 +0100' },
      })
    git('init', '-q')
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '--allow-empty', '-m', 'x')
    const head = git('rev-parse', 'HEAD').trim()
    const log: string[] = []
    // 127.0.0.1:9 (discard) answers no HTTP: the API's facts are left out and the log says so.
    const facts = await sourceFacts(
      {
        flakeDir: dir,
        sha: 'f'.repeat(40),
        repository: 'Acme/FD',
        serverUrl: 'https://github.com',
        apiUrl: 'http://127.0.0.1:9',
        githubToken: '',
        version: '1.0.0',
      },
      (m) => log.push(m),
    )
    expect(facts).toMatchObject({ source: 'https://github.com/Acme/FD', revision: head, created: '2025-12-01T10:00:00Z', version: '1.0.0' })
    expect(facts.description).toBeUndefined()
    expect(log.join('\n')).toMatch(/annotations: http:\/\/127\.0\.0\.1:9\/repos\/Acme\/FD did not answer .*give them with the annotations input/)
  })

  it('takes the commit from GITHUB_SHA outside a checkout', async () => {
    const facts = await sourceFacts(
      { flakeDir: tempDir('no-checkout'), sha: 'f'.repeat(40), repository: '', serverUrl: '', apiUrl: '', githubToken: '' },
      () => undefined,
    )
    expect(facts).toEqual({
      revision: 'f'.repeat(40),
      source: undefined,
      created: undefined,
      version: undefined,
      description: undefined,
      licenses: undefined,
      url: undefined,
    })
  })
})
