import { describe, expect, it } from '@jest/globals'
import { notPushedReason } from '../../src/pipeline/run.js'

describe('notPushedReason: what the summary says when nothing was pushed', () => {
  it.each<[string, RegExp]>([
    ['pull_request', /^Pull request: images were built and tested; nothing was pushed\.$/],
    ['push', /^push is false: nothing was pushed\.$/],
    ['schedule', /^On a schedule event push: auto publishes nothing \(it publishes on push, release, workflow_dispatch\): .* Set push: true to publish\.$/],
    ['merge_group', /^On a merge_group event push: auto/],
    ['', /^On a run outside GitHub Actions push: auto/],
  ])('%j', (event, reason) => expect(notPushedReason(event)).toMatch(reason))
})
