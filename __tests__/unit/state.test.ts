import { describe, expect, it } from '@jest/globals'
import { isPost, savedBuilderDir } from '../../src/action/state.js'

describe('the state the main step saves for the post step', () => {
  it('tells the post step by its saved state, a string', () => {
    expect(isPost({ STATE_isPost: 'true' })).toBe(true)
    expect(isPost({ STATE_isPost: 'false' })).toBe(false)
    expect(isPost({})).toBe(false)
    expect(savedBuilderDir({ STATE_builderDir: '/tmp/x' })).toBe('/tmp/x')
    expect(savedBuilderDir({ STATE_builderDir: '' })).toBeUndefined()
  })
})
