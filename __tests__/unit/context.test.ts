import { describe, expect, it } from '@jest/globals'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { actionInput, checkRenamedInputs, isForkPullRequest } from '../../src/action/context.js'
import { tempDir } from '../helpers/tmp.js'

describe('isForkPullRequest (pushing to caches is off by default for forks)', () => {
  const event = async (body: object) => {
    const file = join(tempDir('event'), 'event.json')
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

describe('reading the runner environment as @actions/core does (main.ts reads it before loading @actions/core)', () => {
  it.each<[string, NodeJS.ProcessEnv, string]>([
    ['a plain input, trimmed', { INPUT_CONTAINER: '  fdContainer \n' }, 'fdContainer'],
    ['a dashed name keeps its dashes', { 'INPUT_TEST-ARGS': '--version' }, '--version'],
    ['an input that is not set', {}, ''],
  ])('%s', (_, env, value) => {
    const name =
      Object.keys(env)[0]
        ?.replace(/^INPUT_/, '')
        .toLowerCase() ?? 'container'
    expect(actionInput(name, env)).toBe(value)
  })

  it('matches @actions/core getInput on the same environment', async () => {
    const core = await import('@actions/core')
    const saved = { ...process.env }
    Object.assign(process.env, { 'INPUT_BUILDER-SSH-KEY': ' key\nline2 ', INPUT_TOOL: 'fd' })
    try {
      for (const name of ['builder-ssh-key', 'tool', 'missing-input']) expect(actionInput(name)).toBe(core.getInput(name))
    } finally {
      process.env = saved
    }
  })
})

describe('inputs renamed before v1', () => {
  it.each([
    ['INPUT_TOKEN', /Input 'token': is now named password: rename it in the workflow's with: \(same value\)\./],
    ['INPUT_MANIFEST', /Input 'manifest': is now named manifest-app/],
  ])('%s fails, naming the new name', (variable, message) => {
    expect(() => checkRenamedInputs({ [variable]: 'x' })).toThrow(message)
  })
  it('passes the current names', () => expect(() => checkRenamedInputs({ INPUT_PASSWORD: 'x', 'INPUT_MANIFEST-APP': 'fdManifest' })).not.toThrow())
})
