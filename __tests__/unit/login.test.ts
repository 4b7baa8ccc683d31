import { describe, expect, it } from '@jest/globals'
import { inputsLogin } from '../../src/publish/login.js'

describe('whether the inputs name a login', () => {
  it.each<[string, { registry: string; password: string; githubToken: string }, boolean]>([
    ['the workflow token on ghcr.io', { registry: 'ghcr.io', password: 'ghs_x', githubToken: 'ghs_x' }, true],
    ['the workflow token elsewhere is no login there', { registry: 'registry.example.com', password: 'ghs_x', githubToken: 'ghs_x' }, false],
    ['a password of its own', { registry: 'registry.example.com', password: 'pw', githubToken: 'ghs_x' }, true],
    ['no password', { registry: 'ghcr.io', password: '', githubToken: 'ghs_x' }, false],
  ])('%s', (_, settings, given) => expect(inputsLogin(settings)).toBe(given))
})
