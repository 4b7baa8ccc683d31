import { describe, expect, it } from '@jest/globals'
import { type InputName, type RunnerContext, InputError, parseSettings, splitArgs, defaultManifestName, imageBaseName } from '../../src/inputs.js'

const ctx: RunnerContext = {
  host: 'x86_64-linux',
  actor: 'Octo-Cat',
  repositoryOwner: 'Octo-Org',
  ref: { eventName: 'push', ref: 'refs/heads/main', sha: '0123456789abcdef0123456789abcdef01234567', defaultBranch: 'main' },
}

function settings(inputs: Partial<Record<InputName, string>>, context: RunnerContext = ctx) {
  return parseSettings((name) => inputs[name] ?? '', { ...context })
}

const base = { container: 'fdContainer', token: 'secret-token' }

describe('parseSettings: defaults', () => {
  it('builds both Linux systems from the current flake, tests with --help and pushes on push events', () => {
    const s = settings(base)
    expect(s).toMatchObject({
      containers: ['fdContainer'],
      systems: ['x86_64-linux', 'aarch64-linux'],
      flake: '.',
      tools: [undefined],
      test: true,
      testArgs: ['--help'],
      testTimeoutSec: 60,
      emulate: 'auto',
      push: true,
      publisher: 'flocken',
      registry: 'ghcr.io',
      repositories: ['octo-org/fd'],
      manifests: ['fdManifest'],
      username: 'Octo-Cat',
      tags: ['latest', 'main', 'sha-0123456'],
    })
  })

  it('pushes nothing on pull requests and needs no token there', () => {
    const s = settings({ container: 'fdContainer' }, { ...ctx, ref: { ...ctx.ref, eventName: 'pull_request', ref: 'refs/pull/133/merge' } })
    expect(s.push).toBe(false)
    expect(s.tags).toEqual(['pr-133', 'sha-0123456'])
  })
})

describe('parseSettings: accepted forms', () => {
  it.each([
    ['amd64', ['x86_64-linux']],
    ['arm64', ['aarch64-linux']],
    ['linux/arm64, linux/amd64', ['x86_64-linux', 'aarch64-linux']],
    ['aarch64\nx86_64', ['x86_64-linux', 'aarch64-linux']],
    ['native', ['x86_64-linux']],
    ['NATIVE', ['x86_64-linux']],
  ])('architectures %j → %j', (architectures, systems) => {
    expect(settings({ ...base, architectures }).systems).toEqual(systems)
  })

  it('maps native to the runner CPU, as the seed does on aarch64-darwin', () => {
    expect(settings({ ...base, architectures: 'native' }, { ...ctx, host: 'aarch64-darwin' }).systems).toEqual(['aarch64-linux'])
    expect(settings({ ...base, architectures: 'native' }, { ...ctx, host: 'x86_64-darwin' }).systems).toEqual(['x86_64-linux'])
  })

  it('takes several containers with one tool each', () => {
    const s = settings({ ...base, container: 'fdContainer, rgContainer', tool: 'fd,rg' })
    expect(s.containers).toEqual(['fdContainer', 'rgContainer'])
    expect(s.tools).toEqual(['fd', 'rg'])
    expect(s.repositories).toEqual(['octo-org/fd', 'octo-org/rg'])
    expect(s.manifests).toEqual(['fdManifest', 'rgManifest'])
  })

  it.each([
    ['--help', ['--help']],
    ['--version -v', ['--version', '-v']],
    [`"a b" 'c d' e`, ['a b', 'c d', 'e']],
    ['$(id) ; rm -rf / `x`', ['$(id)', ';', 'rm', '-rf', '/', '`x`']],
    ['', []],
  ])('test-args %j → %j, never expanded', (value, args) => {
    expect(splitArgs(value)).toEqual(args)
  })

  it('derives manifest and image names from the container', () => {
    expect(defaultManifestName('fdContainer')).toBe('fdManifest')
    expect(defaultManifestName('web')).toBe('webManifest')
    expect(imageBaseName('RipGrepContainer')).toBe('ripgrep')
  })
})

describe('parseSettings: bad input fails naming the input and the accepted forms', () => {
  it.each<[string, Partial<Record<InputName, string>>, RegExp]>([
    ['empty container', { container: ' ' }, /Input 'container': is required/],
    ['shell in container', { container: 'a; rm -rf /' }, /Input 'container': "a; rm -rf \/" is not a flake attribute name/],
    ['command substitution', { container: '$(id)' }, /Input 'container'.*not a flake attribute/],
    ['path traversal', { container: '../x' }, /Input 'container'.*not a flake attribute/],
    ['duplicate container', { container: 'a,a' }, /Input 'container': a is listed twice/],
    ['unknown architecture', { architectures: 'riscv64' }, /Input 'architectures': "riscv64" is not a supported architecture; use x86_64-linux, aarch64-linux/],
    ['duplicate architecture', { architectures: 'amd64,x86_64-linux' }, /Input 'architectures': "x86_64-linux" names x86_64-linux, which is already listed/],
    ['empty architectures list', { architectures: ', ,' }, /Input 'architectures': is empty/],
    ['registry with scheme', { registry: 'https://ghcr.io' }, /Input 'registry'.*without a scheme/],
    ['uppercase registry', { registry: 'GHCR.io' }, /Input 'registry'.*lowercase/],
    ['uppercase repository owner', { repository: 'Octo/fd' }, /Input 'repository'.*must be lowercase/],
    ['repository count mismatch', { container: 'a,b', repository: 'x/a' }, /Input 'repository': gives 1 repositories for 2 containers/],
    ['invalid tag', { tags: 'feature/x' }, /Input 'tags': "feature\/x" is not a valid OCI tag/],
    ['tag starting with a dot', { tags: '.hidden' }, /Input 'tags'/],
    ['boolean typo', { test: 'yes' }, /Input 'test': "yes" is not a boolean; use true or false/],
    ['push typo', { push: 'sometimes' }, /Input 'push'.*use true or false/],
    ['emulate typo', { emulate: 'maybe' }, /Input 'emulate': "maybe" is not accepted; use one of: auto, true, false/],
    ['publisher typo', { publisher: 'docker' }, /Input 'publisher'.*one of: flocken, builtin/],
    ['zero timeout', { 'test-timeout': '0' }, /Input 'test-timeout'.*1 to 3600/],
    ['fractional timeout', { 'test-timeout': '1.5' }, /Input 'test-timeout'/],
    ['tool with slash', { tool: '/bin/sh' }, /Input 'tool'.*without slashes/],
    ['tool count mismatch', { container: 'a,b', tool: 'x' }, /Input 'tool': gives 1 programs for 2 containers/],
    ['unclosed quote', { 'test-args': `"--help` }, /Input 'test-args'.*never closed/],
    ['flake with spaces', { flake: 'my flake' }, /Input 'flake'/],
    ['manifest not an attribute', { manifest: 'x y' }, /Input 'manifest'/],
    ['version not a tag', { version: 'v1/2' }, /Input 'version'/],
    ['oversized container', { container: 'a'.repeat(5000) }, /Input 'container': is 5000 characters long; at most 4096/],
    ['oversized test-args', { 'test-args': 'x '.repeat(3000) }, /Input 'test-args': is 6000 characters long/],
    ['push without token', { token: '' }, /Input 'token': is empty but push is on/],
  ])('%s', (_, inputs, message) => {
    const run = () => settings({ ...base, ...inputs })
    expect(run).toThrow(InputError)
    expect(run).toThrow(message)
  })

  it('push without any derivable tag', () => {
    const run = () => settings(base, { ...ctx, ref: { eventName: 'workflow_dispatch', ref: '', sha: '', defaultBranch: 'main' } })
    expect(run).toThrow(/Input 'tags': no tag could be derived/)
  })
})
