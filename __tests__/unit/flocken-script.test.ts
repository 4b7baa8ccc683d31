// Reading a flocken script's destinations. The e2e suite reads scripts the real flocken generated;
// here the relevant lines are written out in the shape flocken gives them, to pin each rule.
import { describe, expect, it } from '@jest/globals'
import { expandVariables, explainFlockenError, parseFlockenScript, splitPushReference, tagsNamedIn } from '../../src/publish/flocken-script.js'

const P = '/nix/store/aaaa-podman/bin/podman'
const C = '/nix/store/bbbb-crane/bin/crane'

function registryBlock(registry: string, repo: string, tags: string[], user = '$GITHUB_ACTOR', password = '$GITHUB_TOKEN'): string {
  return [
    `${P} login \\`,
    `  --username "${user}" \\`,
    `  --password "${password}" \\`,
    `  "${registry}"`,
    `${P} manifest push \\`,
    `  --all \\`,
    `  --format oci \\`,
    `  "flocken" \\`,
    `  "docker://${registry}/${repo}:${tags[0]}"`,
    ...tags.slice(1).flatMap((t) => [`${C} tag \\`, `  "${registry}/${repo}:${tags[0]}" \\`, `  "${t}"`]),
  ].join('\n')
}

describe('parseFlockenScript', () => {
  it('reads every registry, repository, tag and login, in push order', () => {
    const script = [
      '#!/bin/bash',
      registryBlock('ghcr.io', 'acme/fd', ['1.2.3', '1.2', '1']),
      registryBlock('127.0.0.1:5001', 'mirror/fd', ['1.2.3', '1.2', '1'], '$MIRROR_USER', '${MIRROR_PASSWORD}'),
    ].join('\n')
    expect(parseFlockenScript(script)).toEqual([
      { registry: 'ghcr.io', repository: 'acme/fd', tags: ['1.2.3', '1.2', '1'], username: '$GITHUB_ACTOR', password: '$GITHUB_TOKEN' },
      { registry: '127.0.0.1:5001', repository: 'mirror/fd', tags: ['1.2.3', '1.2', '1'], username: '$MIRROR_USER', password: '${MIRROR_PASSWORD}' },
    ])
  })

  it('keeps one tag when there are no crane tags', () => {
    expect(parseFlockenScript(registryBlock('ghcr.io', 'acme/a/b', ['latest']))).toEqual([
      { registry: 'ghcr.io', repository: 'acme/a/b', tags: ['latest'], username: '$GITHUB_ACTOR', password: '$GITHUB_TOKEN' },
    ])
  })

  it("returns undefined for a script that is not flocken's (its destinations are unknown)", () => {
    expect(parseFlockenScript('#!/bin/bash\npodman manifest push --all list docker://$REGISTRY/$REPOSITORY:$tag\n')).toBeUndefined()
    expect(parseFlockenScript('')).toBeUndefined()
  })

  it('ignores a crane tag of some other source', () => {
    const script = registryBlock('ghcr.io', 'acme/fd', ['1.0.0']) + `\n${C} tag \\\n  "ghcr.io/other/x:1.0.0" \\\n  "latest"`
    expect(parseFlockenScript(script)?.[0].tags).toEqual(['1.0.0'])
  })
})

describe('tagsNamedIn: the tags a script that is not flocken names for the repository', () => {
  // The lines of a multi-arch app like the seed's mkMultiArchManifest, as Nix writes them out.
  const seed = [
    'echo "Pushing ghcr.io/acme/tools/fd:1.0.0-arm64"',
    '"$skopeo" copy --dest-creds "acme:$GITHUB_TOKEN" "nix:/nix/store/aaaa-image-fd.json" "docker://ghcr.io/acme/tools/fd:1.0.0-arm64"',
    '"$skopeo" copy nix:/nix/store/bbbb-image-fd.json docker://ghcr.io/acme/tools/fd:1.0.0-amd64',
    '"$podman" manifest create "ghcr.io/acme/tools/fd:1.0.0"',
    '"$skopeo" copy docker://ghcr.io/acme/tools/fd:1.0.0 docker://ghcr.io/acme/tools/fd:latest',
  ].join('\n')
  it.each<[string, string, string, string, string[]]>([
    ['per-arch tags, the version and the other tags, once each', seed, 'ghcr.io', 'acme/tools/fd', ['1.0.0-arm64', '1.0.0-amd64', '1.0.0', 'latest']],
    ['not a longer repository that starts the same', 'docker://ghcr.io/acme/tools/fd-extra:2 ghcr.io/acme/tools/fdx:3', 'ghcr.io', 'acme/tools/fd', []],
    ['not the same path under another registry', 'docker://mirror.example/ghcr.io/acme/tools/fd:4 my.ghcr.io/acme/tools/fd:5', 'ghcr.io', 'acme/tools/fd', []],
    ['a port in the registry', '"docker://127.0.0.1:5000/n2c/greet:1.0.0-amd64"', '127.0.0.1:5000', 'n2c/greet', ['1.0.0-amd64']],
    ['a tag made at run time is not learned', 'docker://ghcr.io/acme/fd:$VERSION docker://ghcr.io/acme/fd:${TAG}', 'ghcr.io', 'acme/fd', []],
    ['at the very start of the text', 'ghcr.io/acme/fd:v1', 'ghcr.io', 'acme/fd', ['v1']],
    ['none in a script that names another repository', seed, 'ghcr.io', 'acme/other', []],
  ])('%s', (_, script, registry, repository, tags) => expect(tagsNamedIn(script, registry, repository)).toEqual(tags))
})

describe('splitPushReference', () => {
  it.each<[string, ReturnType<typeof splitPushReference>]>([
    ['ghcr.io/acme/fd:1.0', { registry: 'ghcr.io', repository: 'acme/fd', tag: '1.0' }],
    ['127.0.0.1:5000/a/b:latest', { registry: '127.0.0.1:5000', repository: 'a/b', tag: 'latest' }],
    ['127.0.0.1:5000/a/b', undefined],
    ['fd:1.0', undefined],
  ])('%s', (ref, parts) => expect(splitPushReference(ref)).toEqual(parts))
})

describe('expandVariables', () => {
  const env = { GITHUB_TOKEN: 'tok', USER_: 'me', EMPTY: '' }
  it.each<[string, string | undefined]>([
    ['$GITHUB_TOKEN', 'tok'],
    ['${GITHUB_TOKEN}', 'tok'],
    ['pre-$USER_-post', 'pre-me-post'],
    ['literal', 'literal'],
    ['$UNSET', undefined],
    ['$EMPTY', undefined],
    ['', undefined],
  ])('%s → %s', (value, expanded) => expect(expandVariables(value, env)).toBe(expanded))
})

describe('explainFlockenError', () => {
  it.each<[string, RegExp]>([
    ['error: At least one `tag` must be set', /derived no tag for refs\/heads\/topic .* version or tags input/],
    ['error: At least one `registry` must be set', /names no registry: flocken 2\.5 and later need registries/],
    ['error: `github.actor` and `github.repo` must be set when `github.enable` is true', /has github\.enable but no actor or repository/],
    ['error: At least one `imageFile` or `imageStream` must be set', /has no images: set imageFiles/],
  ])('%s', (stderr, explained) => expect(explainFlockenError(stderr, 'fdManifest', 'refs/heads/topic')).toMatch(explained))

  it("says nothing about errors that are not flocken's", () => {
    expect(explainFlockenError("error: attribute 'x' missing", 'fdManifest', 'refs/heads/main')).toBeUndefined()
  })
})
