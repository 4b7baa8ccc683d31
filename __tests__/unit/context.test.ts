import { describe, expect, it } from '@jest/globals'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isForkPullRequest } from '../../src/action/context.js'

describe('isForkPullRequest (pushing to caches is off by default for forks)', () => {
  const event = async (body: object) => {
    const file = join(await mkdtemp(join(tmpdir(), 'nca-event-')), 'event.json')
    await writeFile(file, JSON.stringify(body))
    return file
  }
  it.each<[string, object, string, boolean]>([
    [
      'a pull request from a fork',
      { repository: { full_name: 'acme/app' }, pull_request: { head: { repo: { full_name: 'mallory/app' } } } },
      'pull_request',
      true,
    ],
    [
      'pull_request_target from a fork',
      { repository: { full_name: 'acme/app' }, pull_request: { head: { repo: { full_name: 'mallory/app' } } } },
      'pull_request_target',
      true,
    ],
    ['a pull request from a deleted fork', { repository: { full_name: 'acme/app' }, pull_request: { head: { repo: null } } }, 'pull_request', true],
    [
      'a pull request from a branch of this repository',
      { repository: { full_name: 'acme/app' }, pull_request: { head: { repo: { full_name: 'acme/app' } } } },
      'pull_request',
      false,
    ],
    ['a push', { repository: { full_name: 'acme/app' } }, 'push', false],
  ])('%s', async (_, body, eventName, fork) => {
    expect(isForkPullRequest(await event(body), eventName)).toBe(fork)
  })

  it('no event file: not a fork', () => {
    expect(isForkPullRequest(undefined, 'pull_request')).toBe(false)
  })
})
