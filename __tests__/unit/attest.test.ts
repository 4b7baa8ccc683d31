// Attestations: GitHub's attestation service (and Sigstore) cannot be reached here, so these tests
// check what the action WOULD SEND: the subjects (image name and digest) and the predicates. The
// provenance predicate comes from @actions/attest's own builder, fed a real OIDC token signed by a
// local issuer on 127.0.0.1, as GitHub's would be.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { generateKeyPairSync, sign } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import {
  CYCLONEDX_PREDICATE_TYPE,
  SLSA_PROVENANCE_TYPE,
  attestationRequests,
  provenancePredicate,
  provenanceRequest,
  sbomRequests,
  subjectOf,
} from '../../src/publish/attest.js'
import { platformDigests } from '../../src/publish/verify.js'
import type { PublishedImage } from '../../src/publish/publish.js'
import type { CycloneDx, SbomResult } from '../../src/image/sbom.js'
import { tempDir } from '../helpers/tmp.js'

const hex = (c: string) => c.repeat(64)
const published: PublishedImage = {
  container: 'fdContainer',
  name: 'ghcr.io/acme/fd',
  digest: `sha256:${hex('a')}`,
  tags: ['1.2.3', 'latest'],
  platforms: ['linux/amd64', 'linux/arm64'],
  manifest: {
    schemaVersion: 2,
    manifests: [
      { digest: `sha256:${hex('b')}`, platform: { os: 'linux', architecture: 'amd64' } },
      { digest: `sha256:${hex('c')}`, platform: { os: 'linux', architecture: 'arm64' } },
      // A buildkit attestation manifest in an index is no platform image.
      { digest: `sha256:${hex('d')}`, platform: { os: 'unknown', architecture: 'unknown' } },
    ],
  },
}
const bom = (system: string) =>
  ({ bomFormat: 'CycloneDX', specVersion: '1.6', metadata: { component: { name: 'fdContainer', system } } }) as unknown as CycloneDx

describe('what the action would send to the attestation service: subjects', () => {
  it.each([
    [`sha256:${hex('a')}`, { name: 'ghcr.io/acme/fd', digest: { sha256: hex('a') } }],
    [`sha512:${'e'.repeat(128)}`, { name: 'ghcr.io/acme/fd', digest: { sha512: 'e'.repeat(128) } }],
  ])('%s', (digest, subject) => {
    expect(subjectOf('ghcr.io/acme/fd', digest)).toEqual(subject)
  })

  it('refuses a tag where a digest belongs', () => {
    expect(() => subjectOf('ghcr.io/acme/fd', 'latest')).toThrow(/ghcr\.io\/acme\/fd@latest: not a digest/)
  })

  it('takes the platform images from the pushed index, leaving out attestation manifests', () => {
    expect(platformDigests(published)).toEqual([
      { platform: 'linux/amd64', digest: `sha256:${hex('b')}` },
      { platform: 'linux/arm64', digest: `sha256:${hex('c')}` },
    ])
  })
})

describe('what the action would send to the attestation service: statements', () => {
  it('build provenance for the index digest and for every platform image digest, under the image name', () => {
    const request = provenanceRequest(published, { type: SLSA_PROVENANCE_TYPE, params: { buildDefinition: {} } })
    expect(request).toEqual({
      what: 'build provenance',
      subjects: [
        { name: 'ghcr.io/acme/fd', digest: { sha256: hex('a') } },
        { name: 'ghcr.io/acme/fd', digest: { sha256: hex('b') } },
        { name: 'ghcr.io/acme/fd', digest: { sha256: hex('c') } },
      ],
      predicateType: 'https://slsa.dev/provenance/v1',
      predicate: { buildDefinition: {} },
    })
  })

  it('one SBOM statement per platform image: that image digest, its own CycloneDX document', () => {
    const boms = new Map([
      ['linux/amd64', bom('x86_64-linux')],
      ['linux/arm64', bom('aarch64-linux')],
    ])
    expect(sbomRequests(published, boms)).toEqual([
      {
        what: 'SBOM linux/amd64',
        subjects: [{ name: 'ghcr.io/acme/fd', digest: { sha256: hex('b') } }],
        predicateType: 'https://cyclonedx.org/bom',
        predicate: bom('x86_64-linux'),
      },
      {
        what: 'SBOM linux/arm64',
        subjects: [{ name: 'ghcr.io/acme/fd', digest: { sha256: hex('c') } }],
        predicateType: CYCLONEDX_PREDICATE_TYPE,
        predicate: bom('aarch64-linux'),
      },
    ])
  })

  it('no SBOM statement for a platform without an SBOM', () => {
    expect(sbomRequests(published, new Map([['linux/arm64', bom('aarch64-linux')]])).map((r) => r.what)).toEqual(['SBOM linux/arm64'])
  })
})

/** A local stand-in for GitHub's OIDC: the runner's token endpoint and the issuer's JWKS. */
class LocalOidc {
  private server?: Server
  private readonly keys = generateKeyPairSync('rsa', { modulusLength: 2048 })
  url = ''
  claims: Record<string, unknown> = {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const json = (body: unknown) => void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body))
      if (req.url === '/.well-known/openid-configuration') json({ issuer: this.url, jwks_uri: `${this.url}/jwks` })
      else if (req.url === '/jwks') json({ keys: [{ ...this.keys.publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'RS256', use: 'sig' }] })
      else if (req.url?.startsWith('/token?') && req.headers.authorization === 'Bearer runtime-token') {
        json({ value: this.jwt({ ...this.claims, aud: new URL(req.url, this.url).searchParams.get('audience') }) })
      } else res.writeHead(404).end()
    })
    await new Promise<void>((done) => this.server!.listen(0, '127.0.0.1', done))
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`
  }

  private jwt(claims: Record<string, unknown>): string {
    const now = Math.floor(Date.now() / 1000)
    const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url')
    const body = `${part({ alg: 'RS256', typ: 'JWT', kid: 'k1' })}.${part({ iss: this.url, iat: now, nbf: now - 5, exp: now + 300, ...claims })}`
    return `${body}.${sign('sha256', Buffer.from(body), this.keys.privateKey).toString('base64url')}`
  }

  async stop(): Promise<void> {
    await new Promise((done) => this.server?.close(done))
  }
}

describe('what the action would send to the attestation service: the provenance predicate', () => {
  const oidc = new LocalOidc()
  const saved = { ...process.env }

  beforeAll(async () => {
    await oidc.start()
    oidc.claims = {
      ref: 'refs/tags/v1.2.3',
      sha: '0123456789abcdef0123456789abcdef01234567',
      repository: 'acme/fd',
      event_name: 'push',
      job_workflow_ref: 'acme/fd/.github/workflows/release.yml@refs/tags/v1.2.3',
      workflow_ref: 'acme/fd/.github/workflows/release.yml@refs/tags/v1.2.3',
      repository_id: '123',
      repository_owner_id: '456',
      runner_environment: 'github-hosted',
      run_id: '789',
      run_attempt: '1',
    }
    process.env.ACTIONS_ID_TOKEN_REQUEST_URL = `${oidc.url}/token?api-version=2.0`
    process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = 'runtime-token'
    process.env.GITHUB_SERVER_URL = 'https://github.com'
  })

  afterAll(async () => {
    process.env = saved
    await oidc.stop()
  })

  it('is SLSA v1 provenance of this workflow run, built by @actions/attest from the OIDC claims', async () => {
    const predicate = await provenancePredicate(oidc.url)
    expect(predicate).toEqual({
      type: 'https://slsa.dev/provenance/v1',
      params: {
        buildDefinition: {
          buildType: 'https://actions.github.io/buildtypes/workflow/v1',
          externalParameters: { workflow: { ref: 'refs/tags/v1.2.3', repository: 'https://github.com/acme/fd', path: '.github/workflows/release.yml' } },
          internalParameters: { github: { event_name: 'push', repository_id: '123', repository_owner_id: '456', runner_environment: 'github-hosted' } },
          resolvedDependencies: [{ uri: 'git+https://github.com/acme/fd@refs/tags/v1.2.3', digest: { gitCommit: '0123456789abcdef0123456789abcdef01234567' } }],
        },
        runDetails: {
          builder: { id: 'https://github.com/acme/fd/.github/workflows/release.yml@refs/tags/v1.2.3' },
          metadata: { invocationId: 'https://github.com/acme/fd/actions/runs/789/attempts/1' },
        },
      },
    })
  })

  it('all the statements for a pushed container: provenance, then each platform SBOM read from its file', async () => {
    const dir = tempDir('attest')
    const sboms: SbomResult[] = []
    for (const [system, platform] of [
      ['x86_64-linux', 'linux/amd64'],
      ['aarch64-linux', 'linux/arm64'],
    ]) {
      const file = join(dir, `fdContainer-${system}.cdx.json`)
      await writeFile(file, JSON.stringify(bom(system)))
      sboms.push({ container: 'fdContainer', system, platform, file, components: 0, described: 0, topLevel: [], notInStore: 0, source: 'test' })
    }
    const requests = await attestationRequests(published, sboms, oidc.url)
    expect(requests.map((r) => [r.what, r.predicateType, r.subjects.map((s) => s.digest.sha256.slice(0, 1))])).toEqual([
      ['build provenance', 'https://slsa.dev/provenance/v1', ['a', 'b', 'c']],
      ['SBOM linux/amd64', 'https://cyclonedx.org/bom', ['b']],
      ['SBOM linux/arm64', 'https://cyclonedx.org/bom', ['c']],
    ])
    expect(requests[2].predicate).toEqual(bom('aarch64-linux'))
  })

  it('without an OIDC token (job lacks id-token: write) it says which permissions to give', async () => {
    delete process.env.ACTIONS_ID_TOKEN_REQUEST_URL
    await expect(provenancePredicate(oidc.url)).rejects.toThrow(/OIDC token is not available .*permissions: id-token: write and attestations: write/)
  })
})
