// Attestations (input attest): after the push, GitHub's attestation service signs (Sigstore, with
// the workflow's OIDC identity) and stores two kinds of in-toto statements about what was pushed:
//   - SLSA build provenance, for the index digest and each platform's image digest, so
//     `gh attestation verify oci://<image>:<tag>` works whichever digest a client resolved;
//   - the CycloneDX SBOM of each platform's image (image/sbom.ts), for that image's digest.
// The digests are the ones read back from the registry, so they hold for either publisher.
// The statements are built here as plain data (and tested so); only attestAll talks to GitHub.
import { readFile } from 'node:fs/promises'
import { type Predicate, type Subject, attest, buildSLSAProvenancePredicate } from '@actions/attest'
import type { PublishedImage } from './publish.js'
import { platformDigests } from './verify.js'
import { type SbomResult, type CycloneDx } from '../image/sbom.js'
import { messageOf } from '../errors.js'

/** The predicate type GitHub's attest-sbom action uses for CycloneDX documents. */
export const CYCLONEDX_PREDICATE_TYPE = 'https://cyclonedx.org/bom'
export const SLSA_PROVENANCE_TYPE = 'https://slsa.dev/provenance/v1'

export interface AttestationRequest {
  /** For the log and summary, e.g. `provenance` or `SBOM linux/arm64`. */
  what: string
  subjects: Subject[]
  predicateType: string
  predicate: object
}

export interface AttestationResult {
  what: string
  subjects: Subject[]
  predicateType: string
  attestationId?: string
  /** The Rekor log index, when the public-good Sigstore instance signed it. */
  tlogId?: string
}

/** `sha256:<hex>` as an in-toto subject of the image `registry/repository`. */
export function subjectOf(name: string, digest: string): Subject {
  const m = /^(sha256|sha512):([0-9a-f]+)$/.exec(digest)
  if (!m) throw new Error(`${name}@${digest}: not a digest that can be attested`)
  return { name, digest: { [m[1]]: m[2] } }
}

export function provenanceRequest(published: Pick<PublishedImage, 'name' | 'digest' | 'manifest'>, predicate: Predicate): AttestationRequest {
  return {
    what: 'build provenance',
    subjects: [subjectOf(published.name, published.digest), ...platformDigests(published).map((p) => subjectOf(published.name, p.digest))],
    predicateType: predicate.type,
    predicate: predicate.params,
  }
}

/** One SBOM statement per platform image; `boms` maps a platform (linux/arm64) to its document. */
export function sbomRequests(published: Pick<PublishedImage, 'name' | 'manifest'>, boms: Map<string, CycloneDx>): AttestationRequest[] {
  return platformDigests(published).flatMap(({ platform, digest }) => {
    const bom = boms.get(platform)
    return bom ? [{ what: `SBOM ${platform}`, subjects: [subjectOf(published.name, digest)], predicateType: CYCLONEDX_PREDICATE_TYPE, predicate: bom }] : []
  })
}

/** The SBOM documents of one container's images, by platform. */
export async function sbomsByPlatform(sboms: SbomResult[], container: string): Promise<Map<string, CycloneDx>> {
  const out = new Map<string, CycloneDx>()
  for (const s of sboms.filter((s) => s.container === container)) out.set(s.platform, JSON.parse(await readFile(s.file, 'utf8')) as CycloneDx)
  return out
}

/**
 * The SLSA provenance predicate of this workflow run, from its OIDC token's claims (the library's
 * own builder; `issuer` only for a test's local token issuer).
 */
export async function provenancePredicate(issuer?: string): Promise<Predicate> {
  try {
    return await buildSLSAProvenancePredicate(issuer)
  } catch (e) {
    throw explain(e)
  }
}

function explain(e: unknown): Error {
  const text = messageOf(e)
  if (/ID token|ACTIONS_ID_TOKEN_REQUEST/i.test(text)) {
    return new Error(
      `attest: the workflow's OIDC token is not available (${text.split('\n')[0]}). Give the job permissions: id-token: write and attestations: write (and packages: write to push), or set attest: false.`,
    )
  }
  if (/\b(401|403)\b|Resource not accessible|Bad credentials/i.test(text)) {
    return new Error(
      `attest: GitHub refused to store the attestation (${text.split('\n')[0]}): the job needs permissions: attestations: write, and input github-token must be a token of this repository.`,
    )
  }
  return e instanceof Error ? e : new Error(text)
}

/** Signs and stores every statement; stops at the first failure (the images stay pushed). */
export async function attestAll(requests: AttestationRequest[], token: string, log: (m: string) => void): Promise<AttestationResult[]> {
  const results: AttestationResult[] = []
  for (const r of requests) {
    let a
    try {
      a = await attest({ subjects: r.subjects, predicateType: r.predicateType, predicate: r.predicate, token })
    } catch (e) {
      throw explain(e)
    }
    results.push({ what: r.what, subjects: r.subjects, predicateType: r.predicateType, attestationId: a.attestationID, tlogId: a.tlogID })
    log(
      `attested ${r.what} (${r.predicateType}) for ${r.subjects.map((s) => `${s.name}@sha256:${s.digest.sha256}`).join(', ')}${a.attestationID ? `: attestation ${a.attestationID}` : ''}`,
    )
  }
  return results
}

/** Every statement for one published container: provenance first (it needs the OIDC token), then SBOMs. */
export async function attestationRequests(published: PublishedImage, sboms: SbomResult[] | undefined, issuer?: string): Promise<AttestationRequest[]> {
  const predicate = await provenancePredicate(issuer)
  return [provenanceRequest(published, predicate), ...sbomRequests(published, await sbomsByPlatform(sboms ?? [], published.container))]
}

/** The attest stage: every published container's statements, signed and stored. */
export async function attestPublished(
  published: PublishedImage[],
  sboms: SbomResult[] | undefined,
  token: string,
  log: (m: string) => void,
): Promise<AttestationResult[]> {
  const requests: AttestationRequest[] = []
  for (const p of published) requests.push(...(await attestationRequests(p, sboms)))
  if (!sboms?.length) log('attest: sbom is false, so only build provenance is attested.')
  return attestAll(requests, token, log)
}
