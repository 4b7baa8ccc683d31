import { describe, expect, it } from '@jest/globals'
import { parseCompression, parseSystems, defaultManifestName, imageBaseName, imageInstallable } from '../../src/config/settings.js'
import { InputError } from '../../src/config/inputs.js'
import { type Inputs, type RunnerContext, PUSH_TO_MAIN as ctx, onEvent, settingsOf as settings } from '../helpers/settings.js'
import { keyBase64, keyLine, opensshKey } from '../helpers/ssh-keys.js'

const base = { container: 'fdContainer', password: 'secret-token' }

describe('parseSettings: defaults', () => {
  it('builds both Linux systems from the current flake, tests with --help and pushes on push events', () => {
    const s = settings(base)
    expect(s).toMatchObject({
      containers: [{ name: 'fdContainer', tool: undefined, repository: 'octo-org/fd', manifest: 'fdManifest' }],
      systems: ['x86_64-linux', 'aarch64-linux'],
      flake: '.',
      test: true,
      testArgs: ['--help'],
      testTimeoutSec: 60,
      emulate: 'auto',
      push: true,
      publisher: 'flocken',
      registry: 'ghcr.io',
      username: 'Octo-Cat',
      tags: ['main', 'latest'],
    })
  })

  it.each<[string, boolean]>([
    ['push', true],
    ['release', true],
    ['workflow_dispatch', true],
    ['pull_request', false],
    ['pull_request_target', false],
    ['merge_group', false],
    ['schedule', false],
    ['', false],
  ])('push: auto on a %j event pushes: %s', (eventName, push) => {
    expect(settings({ container: 'fdContainer', password: 't' }, onEvent(eventName, ctx.ref.ref)).push).toBe(push)
  })

  it('pushes nothing on pull requests and needs no token there', () => {
    const s = settings({ container: 'fdContainer' }, onEvent('pull_request', 'refs/pull/133/merge'))
    expect(s.push).toBe(false)
    expect(s.tags).toEqual(['pr-133'])
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
    expect(s.containers).toEqual([
      { name: 'fdContainer', tool: 'fd', repository: 'octo-org/fd', manifest: 'fdManifest', installables: {} },
      { name: 'rgContainer', tool: 'rg', repository: 'octo-org/rg', manifest: 'rgManifest', installables: {} },
    ])
  })

  it('applies one tool to every container, each named by its container', () => {
    const s = settings({ ...base, container: 'fdContainer, fdStaticContainer', tool: 'fd' })
    expect(s.containers.map((c) => [c.tool, c.repository])).toEqual([
      ['fd', 'octo-org/fd'],
      ['fd', 'octo-org/fdstatic'],
    ])
  })

  it.each<[string, string, string[]]>([
    ["one container: where flocken's GitHub mode pushes", 'fdContainer', ['octo-org/tools']],
    ['several: one name each below it', 'fdContainer,rgContainer', ['octo-org/tools/fd', 'octo-org/tools/rg']],
  ])('the default repository with GITHUB_REPOSITORY known, %s, lowercased', (_, container, repositories) => {
    expect(settings({ ...base, container, tool: '' }, { ...ctx, repository: 'Octo-Org/Tools' }).containers.map((c) => c.repository)).toEqual(repositories)
  })

  it('derives manifest and image names from the container', () => {
    expect(defaultManifestName('fdContainer')).toBe('fdManifest')
    expect(defaultManifestName('web')).toBe('webManifest')
    expect(imageBaseName('RipGrepContainer')).toBe('ripgrep')
  })
})

describe('parseSettings: bad input fails naming the input and the accepted forms', () => {
  it.each<[string, Inputs, RegExp]>([
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
    ['compression typo', { publisher: 'builtin', compression: 'xz' }, /Input 'compression': "xz" is not accepted; use one of: none, gzip, zstd/],
    [
      'compression none with flocken',
      { compression: 'none' },
      /Input 'compression': is none, but publisher is flocken, which pushes gzip layers.*publisher: builtin/,
    ],
    ['zero timeout', { 'test-timeout': '0' }, /Input 'test-timeout'.*1 to 3600/],
    ['fractional timeout', { 'test-timeout': '1.5' }, /Input 'test-timeout'/],
    ['tool with slash', { tool: '/bin/sh' }, /Input 'tool'.*without slashes/],
    [
      'tool count mismatch',
      { container: 'a,b,c', tool: 'x,y' },
      /Input 'tool': gives 2 programs for 3 containers: give one for all of them, one per container/,
    ],
    ['unclosed quote', { 'test-args': `"--help` }, /Input 'test-args'.*never closed/],
    ['flake with spaces', { flake: 'my flake' }, /Input 'flake'/],
    ['manifest not an attribute', { 'manifest-app': 'x y' }, /Input 'manifest-app'/],
    ['version not a tag', { version: 'v1/2' }, /Input 'version'/],
    [
      'labels with flocken',
      { labels: 'org.example.team=tools' },
      /Input 'labels': needs publisher: builtin: flocken pushes the image archives exactly as the flake built them/,
    ],
    ['an annotation level a push has no place for', { annotations: 'index-descriptor:a=b' }, /Input 'annotations': level "index-descriptor" of a/],
    ['oversized container', { container: 'a'.repeat(5000) }, /Input 'container': is 5000 characters long; at most 4096/],
    ['oversized test-args', { 'test-args': 'x '.repeat(3000) }, /Input 'test-args': is 6000 characters long/],
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

describe('parseSettings: installables', () => {
  const cross = 'x86_64-linux=.#packages.x86_64-linux.fdContainer-x86_64\naarch64-linux=.#packages.x86_64-linux.fdContainer-aarch64'
  const two = { ...base, container: 'fdContainer,rgContainer' }
  const installablesOf = (inputs: Inputs) => {
    const s = settings(inputs)
    return s.containers.map((c) => [c.name, ...s.systems.map((system) => imageInstallable(s.flake, c, system))])
  }

  it.each<[string, Inputs, string[][]]>([
    [
      'none given: packages.<system>.<container> of the flake',
      { ...base, flake: 'github:octo-org/tools' },
      [['fdContainer', 'github:octo-org/tools#packages.x86_64-linux.fdContainer', 'github:octo-org/tools#packages.aarch64-linux.fdContainer']],
    ],
    [
      'both systems of one container, relative to the flake input',
      { ...base, flake: './sub', installables: cross },
      [['fdContainer', './sub#packages.x86_64-linux.fdContainer-x86_64', './sub#packages.x86_64-linux.fdContainer-aarch64']],
    ],
    [
      'one system in any spelling of architectures, #attr, blank lines and spaces; the other keeps the default',
      { ...base, installables: '\n  arm64 = #packages.x86_64-linux.fdCross  \n\n' },
      [['fdContainer', '.#packages.x86_64-linux.fdContainer', '.#packages.x86_64-linux.fdCross']],
    ],
    [
      'linux/arm64 is a system, not a container',
      { ...base, installables: 'linux/arm64=.#fdCross' },
      [['fdContainer', '.#packages.x86_64-linux.fdContainer', '.#fdCross']],
    ],
    [
      'an absolute attribute path and a whole installable of another flake, quoted names kept',
      { ...base, installables: 'x86_64-linux=.#.legacyPackages.x86_64-linux."fd-1.0"\naarch64-linux=github:acme/images#fd-arm64' },
      [['fdContainer', '.#.legacyPackages.x86_64-linux."fd-1.0"', 'github:acme/images#fd-arm64']],
    ],
    [
      'several containers, each named',
      { ...two, installables: 'rgContainer/aarch64-linux=.#rgCross\nfdContainer/arm64=.#fdCross' },
      [
        ['fdContainer', '.#packages.x86_64-linux.fdContainer', '.#fdCross'],
        ['rgContainer', '.#packages.x86_64-linux.rgContainer', '.#rgCross'],
      ],
    ],
  ])('%s', (_, inputs, expected) => {
    expect(installablesOf(inputs)).toEqual(expected)
  })

  const forms = /write one SYSTEM=INSTALLABLE per line, or CONTAINER\/SYSTEM=INSTALLABLE when there are several containers/
  it.each<[string, Inputs, RegExp[]]>([
    ['no =', { ...base, installables: 'aarch64-linux .#fdCross' }, [/^Input 'installables': line 1 "aarch64-linux \.#fdCross" has no '='/, forms]],
    ['an unknown system', { ...base, installables: 'riscv64-linux=.#fdRiscv' }, [/line 1 "riscv64-linux=\.#fdRiscv": "riscv64-linux" is not a system/, forms]],
    ['an unknown system after a container', { ...two, installables: 'fdContainer/sparc=.#x' }, [/"sparc" is not a system/]],
    [
      'a container not in container',
      { ...two, installables: 'batContainer/arm64=.#x' },
      [/batContainer is not one of the containers \(input container: fdContainer, rgContainer\)/],
    ],
    [
      'a system not in architectures',
      { ...base, architectures: 'amd64', installables: 'arm64=.#fdCross' },
      [/aarch64-linux is not built \(input architectures: x86_64-linux\)/],
    ],
    [
      'the same image twice, in two spellings',
      { ...base, installables: 'arm64=.#a\naarch64-linux=.#b' },
      [/line 2 "aarch64-linux=\.#b": fdContainer aarch64-linux is already given \(\.#a\)/],
    ],
    [
      'no container when there are several',
      { ...two, installables: 'arm64=.#x' },
      [/line 1 "arm64=\.#x" names no container, and there are 2 \(fdContainer, rgContainer\)/, forms],
    ],
    ['no #', { ...base, installables: 'arm64=packages.x86_64-linux.fdCross' }, [/is not a flake installable: use \.#<attribute path>/]],
    ['an empty attribute', { ...base, installables: 'arm64=.#' }, [/"\.#" is not a flake installable/]],
    ['an output spec', { ...base, installables: 'arm64=.#fdCross^out' }, [/is not a flake installable/]],
    ['shell or Nix syntax', { ...base, installables: 'arm64=.#x${builtins.abort "no"}' }, [/is not a flake installable/]],
    ['an unclosed quote', { ...base, installables: 'arm64=.#"x' }, [/is not a flake installable/]],
    ['a flake reference with spaces', { ...base, installables: 'arm64=my flake#x' }, [/is not a flake installable/]],
  ])('fails before any work: %s', (_, inputs, messages) => {
    const run = () => settings(inputs)
    expect(run).toThrow(InputError)
    for (const message of messages) expect(run).toThrow(message)
  })
})

describe('parseCompression', () => {
  it.each<[string, 'flocken' | 'builtin', boolean, string]>([
    ['gzip', 'flocken', false, 'gzip'],
    ['gzip', 'builtin', false, 'gzip'],
    ['none', 'builtin', false, 'none'],
    ['zstd', 'builtin', true, 'zstd'],
  ])('%s with %s (zstd in zlib: %s)', (value, publisher, zstd, expected) => {
    expect(parseCompression(value, publisher, zstd)).toBe(expected)
  })

  it("zstd where this Node's zlib has none names the Node version and the other choices", () => {
    expect(() => parseCompression('zstd', 'builtin', false)).toThrow(
      new RegExp(
        `Input 'compression': is zstd, which this runner's Node.js ${process.version.replace(/\./g, '\\.')} cannot write \\(it needs 22\\.15 or later.*use gzip or none`,
      ),
    )
  })
})

describe('parseSystems', () => {
  it('parseSystems is what the architectures input uses, native included', () => {
    expect(parseSystems('arm64, amd64', 'aarch64-linux')).toEqual(['x86_64-linux', 'aarch64-linux'])
    expect(parseSystems('native', 'aarch64-linux')).toEqual(['aarch64-linux'])
    expect(() => parseSystems('', 'x86_64-linux')).toThrow(/Input 'architectures': is empty/)
  })
})

describe('parseSettings: caching inputs', () => {
  const pub = 'cache.example.org-1:htmR6aSQp8FIUHN9s1uge7OLl/hkOO0uLYdEGQ98jag='
  const secret = `cache.example.org-1:${'A'.repeat(86)}==`
  const forkPr: RunnerContext = { ...ctx, ref: { ...ctx.ref, eventName: 'pull_request', ref: 'refs/pull/9/merge' }, forkPullRequest: true }
  const samePr: RunnerContext = { ...ctx, ref: { ...ctx.ref, eventName: 'pull_request', ref: 'refs/pull/9/merge' }, forkPullRequest: false }

  it.each<[string, Inputs, RunnerContext, object]>([
    [
      'nothing configured: the Actions cache',
      {},
      ctx,
      { cachix: undefined, binaryCache: undefined, extraPullNames: [], actionsCache: true, builderImage: undefined },
    ],
    ['actions-cache false', { 'actions-cache': 'false' }, ctx, { actionsCache: false }],
    [
      'cachix without a token: pull only',
      { 'cachix-name': 'acme' },
      ctx,
      { cachix: { name: 'acme', authToken: '', signingKey: '', push: false }, actionsCache: false },
    ],
    [
      'cachix with a token pushes',
      { 'cachix-name': 'acme', 'cachix-auth-token': 'tok-123' },
      ctx,
      { cachix: { name: 'acme', authToken: 'tok-123', signingKey: '', push: true } },
    ],
    ['cachix with a signing key pushes', { 'cachix-name': 'acme', 'cachix-signing-key': 'c2lnbmluZw==' }, ctx, { cachix: { push: true } }],
    ['cachix on a pull request from this repository pushes', { 'cachix-name': 'acme', 'cachix-auth-token': 'tok-123' }, samePr, { cachix: { push: true } }],
    ['cachix on a pull request from a fork does not push', { 'cachix-name': 'acme', 'cachix-auth-token': 'tok-123' }, forkPr, { cachix: { push: false } }],
    ['cachix-push false', { 'cachix-name': 'acme', 'cachix-auth-token': 'tok-123', 'cachix-push': 'false' }, ctx, { cachix: { push: false } }],
    ['cachix-push true on a fork', { 'cachix-name': 'acme', 'cachix-auth-token': 'tok-123', 'cachix-push': 'TRUE' }, forkPr, { cachix: { push: true } }],
    [
      'extra-pull-names, any separator',
      { 'extra-pull-names': 'nix-community, devenv\nhercules-ci cuda-maintainers' },
      ctx,
      { extraPullNames: ['nix-community', 'devenv', 'hercules-ci', 'cuda-maintainers'], actionsCache: true },
    ],
    [
      'a file:// cache',
      { 'binary-cache': 'file:///var/cache/nix' },
      ctx,
      { binaryCache: { url: 'file:///var/cache/nix', publicKeys: [], secretKey: '', push: true }, actionsCache: false },
    ],
    [
      'an https:// cache with keys',
      { 'binary-cache': 'https://cache.example.org', 'binary-cache-public-key': `${pub}, ${pub.replace('-1:', '-2:')}` },
      ctx,
      { binaryCache: { publicKeys: [pub, pub.replace('-1:', '-2:')] } },
    ],
    [
      'an s3:// cache with a secret key',
      { 'binary-cache': 's3://bucket?region=eu-west-1', 'binary-cache-secret-key': secret },
      ctx,
      { binaryCache: { url: 's3://bucket?region=eu-west-1', secretKey: secret } },
    ],
    ['a binary cache on a fork does not push', { 'binary-cache': 'http://127.0.0.1:8080' }, forkPr, { binaryCache: { push: false } }],
    ['a read-only binary cache', { 'binary-cache': 'https://cache.example.org', 'binary-cache-push': 'false' }, ctx, { binaryCache: { push: false } }],
    ['both caches, and the Actions cache too', { 'cachix-name': 'acme', 'binary-cache': 'file:///c', 'actions-cache': 'true' }, ctx, { actionsCache: true }],
    [
      'a builder image by store path',
      { 'cachix-name': 'acme', 'cache-builder-image': '/nix/store/711amsm396sxcq5yvkw6dn8c3142pqyi-nixos.qcow2' },
      ctx,
      { builderImage: { path: '/nix/store/711amsm396sxcq5yvkw6dn8c3142pqyi-nixos.qcow2' } },
    ],
    [
      'a builder image by attribute, in the flake input',
      { 'binary-cache': 'file:///c', 'cache-builder-image': 'darwinConfigurations.mac.config.nix-rosetta-builder.image', flake: './sub' },
      ctx,
      { builderImage: { installable: './sub#darwinConfigurations.mac.config.nix-rosetta-builder.image' } },
    ],
    [
      'a builder image as an installable',
      { 'binary-cache': 'file:///c', 'cache-builder-image': 'github:acme/nix-config#packages.aarch64-linux.builder' },
      ctx,
      { builderImage: { installable: 'github:acme/nix-config#packages.aarch64-linux.builder' } },
    ],
  ])('%s', (_, inputs, context, expected) => {
    expect(settings({ ...base, ...inputs }, context).cache).toMatchObject(expected)
  })

  it.each<[string, Inputs, RegExp]>([
    ['cachix name with uppercase', { 'cachix-name': 'Acme' }, /Input 'cachix-name': "Acme" is not a Cachix cache name: use lowercase letters, digits and -/],
    ['cachix name as a URL', { 'cachix-name': 'https://acme.cachix.org' }, /Input 'cachix-name'.*https:\/\/<name>\.cachix\.org/],
    ['extra pull name with a dot', { 'extra-pull-names': 'ok, not.ok' }, /Input 'extra-pull-names': "not\.ok" is not a Cachix cache name/],
    ['cachix-push typo', { 'cachix-name': 'acme', 'cachix-push': 'yes' }, /Input 'cachix-push': "yes" is not accepted; use one of: auto, true, false/],
    [
      'cachix-push true without a token',
      { 'cachix-name': 'acme', 'cachix-push': 'true' },
      /Input 'cachix-push': is true but neither cachix-auth-token nor cachix-signing-key is set/,
    ],
    ['cachix-push true without a cache', { 'cachix-push': 'true' }, /Input 'cachix-push': is true but cachix-name is empty/],
    ['a token without a cache', { 'cachix-auth-token': 'tok-123' }, /Input 'cachix-auth-token': is set but cachix-name is empty/],
    ['a signing key without a cache', { 'cachix-signing-key': 'abc' }, /Input 'cachix-signing-key': is set but cachix-name is empty/],
    [
      'binary cache not a URL',
      { 'binary-cache': 'cache.example.org' },
      /Input 'binary-cache': "cache\.example\.org" is not a Nix store URL: use file:\/\/\/path, https:\/\/host/,
    ],
    [
      'binary cache over ftp',
      { 'binary-cache': 'ftp://cache.example.org' },
      /Input 'binary-cache': .*uses ftp:\/\/, which is not accepted: use file:\/\/\/path/,
    ],
    ['binary cache with a daemon store', { 'binary-cache': 'daemon' }, /Input 'binary-cache'.*not a Nix store URL/],
    ['file:// with a host', { 'binary-cache': 'file://cache/dir' }, /Input 'binary-cache': .*use file:\/\/\/absolute\/path \(three slashes\)/],
    ['credentials in the URL', { 'binary-cache': 'https://me:hunter22@cache.example.org' }, /Input 'binary-cache': holds credentials: remove user:password@/],
    [
      'a bad public key',
      { 'binary-cache': 'file:///c', 'binary-cache-public-key': 'nokey' },
      /Input 'binary-cache-public-key': "nokey" is not a Nix public key: use NAME:BASE64/,
    ],
    ['a public key without a cache', { 'binary-cache-public-key': pub }, /Input 'binary-cache-public-key': is set but binary-cache is empty/],
    ['a secret key without a cache', { 'binary-cache-secret-key': secret }, /Input 'binary-cache-secret-key': is set but binary-cache is empty/],
    ['binary-cache-push true without a cache', { 'binary-cache-push': 'true' }, /Input 'binary-cache-push': is true but binary-cache is empty/],
    ['actions-cache typo', { 'actions-cache': 'on' }, /Input 'actions-cache': "on" is not accepted; use one of: auto, true, false/],
    [
      'a builder image without a cache',
      { 'cache-builder-image': '/nix/store/711amsm396sxcq5yvkw6dn8c3142pqyi-x' },
      /Input 'cache-builder-image': needs a cache to check and push to: set cachix-name or binary-cache/,
    ],
    [
      'a builder image that is not a store path',
      { 'cachix-name': 'acme', 'cache-builder-image': '/tmp/image.qcow2' },
      /Input 'cache-builder-image': "\/tmp\/image\.qcow2" is not a store path/,
    ],
    [
      'a builder image with shell',
      { 'cachix-name': 'acme', 'cache-builder-image': 'image; rm -rf /' },
      /Input 'cache-builder-image': .* is neither a store path nor a flake attribute/,
    ],
  ])('rejects %s', (_, inputs, message) => {
    const run = () => settings({ ...base, ...inputs })
    expect(run).toThrow(InputError)
    expect(run).toThrow(message)
  })

  it('never repeats a malformed secret key in its error', () => {
    const leaked = 'cache-1:this-is-the-secret-value'
    const run = () => settings({ ...base, 'binary-cache': 'file:///c', 'binary-cache-secret-key': leaked })
    expect(run).toThrow(/Input 'binary-cache-secret-key': is not a Nix secret signing key: give the whole contents of the file nix key generate-secret/)
    expect(run).not.toThrow(/this-is-the-secret-value/)
  })
})

describe('parseSettings: builder inputs', () => {
  // A pull request: nothing is pushed, so no password is needed.
  const inPullRequest = (inputs: Inputs) => settings(inputs, onEvent('pull_request', 'refs/pull/1/merge'))

  it('has no builders and waits 120 s by default', () => {
    expect(inPullRequest({ container: 'c' })).toMatchObject({ builders: [], builderSshKey: '', builderHostKey: undefined, builderTimeoutSec: 120 })
  })

  it('reads builder lines, a key and a host key', () => {
    const s = inPullRequest({
      container: 'c',
      builders: 'ssh-ng://root@127.0.0.1:2222 aarch64-linux\nbuilder@x86-box x86_64-linux',
      'builder-ssh-key': opensshKey('none'),
      'builder-host-key': keyLine,
      'builder-timeout': '5',
    })
    expect(s.builders.map((b) => b.uri)).toEqual(['ssh-ng://root@127.0.0.1:2222', 'ssh://builder@x86-box'])
    expect(s.builderSshKey).toBe(opensshKey('none'))
    expect(s.builderHostKey).toBe(keyBase64)
    expect(s.builderTimeoutSec).toBe(5)
  })

  it.each<[Inputs, RegExp]>([
    [
      { builders: 'ssh-ng://h' },
      /^Input 'builders': line 1 \(ssh-ng:\/\/h\) lists no system this action builds.*A line is: ssh-ng:\/\/user@host\[:port\] systems/,
    ],
    [{ builders: 'ssh-ng://h aarch64-linux\nftp://x aarch64-linux' }, /^Input 'builders': line 2 \(ftp:\/\/x\) "ftp:\/\/x" is not an ssh builder/],
    [{ builders: 'ssh-ng://h aarch64-linux; ssh-ng://h x86_64-linux' }, /^Input 'builders': ssh-ng:\/\/h is listed twice/],
    [{ builders: '@/etc/nix/machines' }, /^Input 'builders': @\/etc\/nix\/machines names a machines file/],
    [{ 'builder-ssh-key': opensshKey('none') }, /^Input 'builder-ssh-key': is set but builders is empty/],
    [{ builders: 'ssh-ng://h aarch64-linux', 'builder-ssh-key': opensshKey('aes256-ctr') }, /^Input 'builder-ssh-key': is protected by a passphrase/],
    [{ 'builder-host-key': 'AAAA' }, /^Input 'builder-host-key': is not an SSH public host key: give the builder's key line \(ssh-ed25519 AAAA…/],
    [{ 'builder-timeout': '0' }, /^Input 'builder-timeout': "0" is not accepted; use whole seconds from 1 to 3600\./],
    [{ 'builder-timeout': '2m' }, /^Input 'builder-timeout'/],
  ])('rejects %j', (inputs, message) => {
    expect(() => inPullRequest({ container: 'c', ...inputs })).toThrow(message)
  })
})

describe('inputs sbom, attest and github-token', () => {
  const base = { container: 'fdContainer', password: 'registry-token' }

  it.each([
    [{}, { sbom: true, attest: false, githubToken: '' }],
    [{ sbom: 'false' }, { sbom: false, attest: false }],
    [
      { attest: 'true', 'github-token': 'gh-token' },
      { sbom: true, attest: true, githubToken: 'gh-token' },
    ],
  ] as [Inputs, object][])('%j', (inputs, expected) => {
    expect(settings({ ...base, ...inputs })).toMatchObject(expected)
  })

  it.each([
    [{ attest: 'true' }, /Input 'github-token': is empty but attest is true: pass a GitHub token of this repository/],
    [{ attest: 'yes' }, /Input 'attest': "yes" is not a boolean; use true or false/],
    [{ sbom: 'maybe' }, /Input 'sbom': "maybe" is not a boolean/],
  ] as [Inputs, RegExp][])('refuses %j', (inputs, message) => {
    expect(() => settings({ ...base, ...inputs })).toThrow(message)
  })

  it('needs no github-token when nothing is pushed (a pull request)', () => {
    expect(settings({ container: 'fdContainer', attest: 'true' }, onEvent('pull_request', 'refs/pull/1/merge'))).toMatchObject({ attest: true, push: false })
  })
})
