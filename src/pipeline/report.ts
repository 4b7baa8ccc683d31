// What a run reports: the action's outputs and the job summary, both from the same report.
import type { LoadedImage, TestResult } from '../image/docker.js'
import type { BuiltImage, Plan, PlanEntry, HostSystem } from '../model.js'
import type { Publication, PublishedImage } from '../publish/publish.js'
import type { UploadStats } from '../publish/builtin.js'
import type { AttestationResult } from '../publish/attest.js'
import { type SbomResult, sbomKey } from '../image/sbom.js'
import { type CacheReport, type ImageSource, imageSource } from '../cache/report.js'
import { displayUrl } from '../cache/args.js'

export interface RunReport {
  host?: HostSystem
  nixVersion?: string
  plan?: Plan
  built: BuiltImage[]
  tests: TestResult[]
  publication?: Publication
  pushSkipped?: string
  /** One CycloneDX SBOM per built image (input sbom). */
  sboms?: SbomResult[]
  /** What was attested through GitHub's attestation service (input attest). */
  attestations?: AttestationResult[]
  /** Substituters, what Nix built versus fetched, and what was pushed to which cache. */
  cache?: CacheReport
}

export interface ImageOutput {
  container: string
  system: string
  platform: string
  storePath: string
  kind: string
  reference?: string
  imageId?: string
  size?: number
  test: string
}

export function imagesOutput(report: RunReport): ImageOutput[] {
  return report.built.map((b) => {
    const t = report.tests.find((t) => t.image.installable === b.installable)
    return {
      container: b.container,
      system: b.system,
      platform: b.platform,
      storePath: b.storePath,
      kind: b.kind,
      reference: t?.loaded?.reference,
      imageId: t?.loaded?.imageId,
      size: t?.loaded?.imageSize ?? b.size,
      test: t?.status ?? 'not run',
    }
  })
}

/** What the metadata output says of one container. */
export interface ContainerMetadata {
  destinations: { name: string; digest: string; tags: string[] }[]
  platforms: string[]
  images: { system: string; platform: string; imageId?: string; reference?: string; test: string }[]
}

/** The metadata output: every container's destinations, platforms and images, by container. */
export function metadataOutput(report: RunReport): Record<string, ContainerMetadata> {
  const out: Record<string, ContainerMetadata> = {}
  const images = imagesOutput(report)
  for (const container of [...new Set(report.built.map((b) => b.container))]) {
    const published = (report.publication?.images ?? []).filter((p) => p.container === container)
    const own = images.filter((i) => i.container === container)
    out[container] = {
      destinations: published.map(({ name, digest, tags }) => ({ name, digest, tags })),
      platforms: published[0]?.platforms ?? own.map((i) => i.platform).sort(),
      images: own.map(({ system, platform, imageId, reference, test }) => ({ system, platform, imageId, reference, test })),
    }
  }
  return out
}

/**
 * Every output the action sets, from the report: none of the publishing ones when nothing was
 * pushed, so a later step can test `steps.<id>.outputs.digest != ''`. The first container (and its
 * native image) fills the single-valued outputs; `metadata` and `pushed` hold every container's.
 */
export function actionOutputs(report: RunReport, loaded: Pick<LoadedImage, 'run' | 'reference' | 'imageId' | 'container'>[]): Record<string, string> {
  const out: Record<string, string> = { images: JSON.stringify(imagesOutput(report)), metadata: JSON.stringify(metadataOutput(report)) }
  const first = report.built[0]?.container
  const ofFirst = loaded.filter((l) => l.container === first)
  const native = ofFirst.find((l) => l.run === 'native') ?? ofFirst[0]
  if (native) Object.assign(out, { image: native.reference, imageid: native.imageId })
  const published = report.publication?.images ?? []
  if (published.length > 0) {
    out.digest = published[0].digest
    out.index = JSON.stringify(published[0].manifest)
    out.pushed = published.map((p) => `${p.name}@${p.digest}`).join('\n')
    out.tags = published.flatMap((p) => p.tags.map((t) => `${p.name}:${t}`)).join('\n')
  }
  if (report.sboms) out.sboms = JSON.stringify(sbomsOutput(report))
  return out
}

/** The annotations the pushed index carries, as the registry returned it; their absence is worth a word. */
export function annotationsLine(published: Pick<PublishedImage, 'name' | 'manifest'>): string {
  const annotations = (published.manifest as { annotations?: Record<string, string> } | undefined)?.annotations ?? {}
  const entries = Object.entries(annotations)
  if (entries.length === 0) {
    return `\`${published.name}\`'s index carries no OCI annotations: ghcr.io will not link the package to its repository (with flocken, use its GitHub mode or pass $ANNOTATIONS; see the README's quick start).`
  }
  return `Index annotations: ${entries.map(([k, v]) => `\`${k.replace(/^org\.opencontainers\.image\./, '')}\` ${v}`).join(' · ')}`
}

/** What the builtin publisher sent, and what it skipped because the registry already had it. */
export function uploadLine(name: string, u: UploadStats): string {
  return (
    `\`${name}\`: ${u.compression && u.compression !== 'none' ? `${u.compression} ` : ''}layers uploaded ${u.layersUploaded} (${formatBytes(u.layerBytesUploaded)}), ` +
    `already in the registry ${u.layersSkipped} (${formatBytes(u.layerBytesSkipped)} skipped); ` +
    `configs uploaded ${formatBytes(u.configBytesUploaded)}, skipped ${formatBytes(u.configBytesSkipped)}.`
  )
}

/** The sboms output: `<container>/<system>` → SBOM file. */
export function sbomsOutput(report: RunReport): Record<string, string> {
  return Object.fromEntries((report.sboms ?? []).map((s) => [sbomKey(s), s.file]))
}

/** The SBOM section: how many store paths each image holds, and which packages were asked for. */
export function sbomMarkdown(sboms: SbomResult[]): string[] {
  const shown = 8
  const rows = sboms.map((s) => [
    s.container,
    s.platform,
    String(s.components),
    String(s.described),
    s.topLevel.length ? s.topLevel.slice(0, shown).join(', ') + (s.topLevel.length > shown ? ` and ${s.topLevel.length - shown} more` : '') : '—',
    [
      s.notInStore ? `${s.notInStore} not in the local store` : '',
      s.otherFiles ? `${s.otherFiles} file${s.otherFiles === 1 ? '' : 's'} outside /nix/store` : '',
    ]
      .filter(Boolean)
      .join('; ') || '—',
    `\`${s.file}\`${s.pushed ? ` (names \`${s.pushed}\`)` : ''}`,
  ])
  return ['### SBOM (CycloneDX)', table(['container', 'platform', 'components', 'with meta', 'top-level packages', 'not described', 'file'], rows)]
}

export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB']
  let v = n
  let i = 0
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024
    i++
  }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`
}

function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.map((c) => c.replace(/\|/g, '\\|').replace(/\n/g, ' ')).join(' | ')} |`
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n')
}

/**
 * How an image is built, in the plan's words: native, cross-compiled, remote or emulated, and the
 * derivation's own system where it is not the image's.
 */
export function buildLabel(e: Pick<PlanEntry, 'build' | 'builder' | 'buildSystem'>): string {
  if (e.build === 'cross') return `cross-compiled on ${e.buildSystem}`
  const how = e.builder ? `${e.build} (${e.builder})` : e.build
  return e.buildSystem ? `${how}, as ${e.buildSystem}` : how
}

export function planTable(plan: Plan): string {
  return table(
    ['container', 'system', 'platform', 'build', 'smoke test'],
    plan.entries.map((e) => [e.container, e.system, e.platform, buildLabel(e), e.run === 'none' ? `not run: ${e.runNote}` : e.run]),
  )
}

const ICON: Record<string, string> = { passed: '✅ passed', failed: '❌ failed', skipped: '⏭️ skipped', 'not run': '—' }

export function summaryMarkdown(report: RunReport, error?: string): string {
  const parts = ['## nix-container-action']
  if (error) parts.push(`> [!CAUTION]\n> ${error.split('\n').join('\n> ')}`)
  const facts = [report.host && `runner: \`${report.host}\``, report.nixVersion && `nix: ${report.nixVersion}`].filter(Boolean)
  if (facts.length) parts.push(facts.join(' · '))
  if (report.plan) parts.push('### Plan', planTable(report.plan))
  const images = imagesOutput(report)
  if (images.length) {
    parts.push(
      '### Images',
      table(
        ['container', 'platform', 'kind', 'reference', 'size', 'smoke test'],
        images.map((i) => [
          i.container,
          i.platform,
          i.kind,
          i.reference ? `\`${i.reference}\`` : '—',
          i.size === undefined ? '—' : formatBytes(i.size),
          ICON[i.test] ?? i.test,
        ]),
      ),
    )
  }
  const failed = report.tests.filter((t) => t.status !== 'passed')
  for (const t of failed) {
    parts.push(
      `<details><summary>${t.image.container} ${t.image.platform}: ${t.status}${t.reason ? ` (${t.reason})` : ''}</summary>\n\n\`\`\`\n${t.output.slice(-4000)}\n\`\`\`\n</details>`,
    )
  }
  if (report.publication) {
    const p = report.publication
    parts.push(
      '### Published',
      table(
        ['container', 'image', 'digest', 'tags', 'platforms'],
        p.images.map((i) => [i.container, `\`${i.name}\``, `\`${i.digest}\``, i.tags.join(', '), i.platforms.join(', ')]),
      ),
    )
    for (const i of p.images.filter((i) => i.alsoTagged)) {
      parts.push(`The manifest app also tagged in \`${i.name}\`: ${i.alsoTagged!.map((a) => `${a.tag} (${a.is})`).join(', ')}.`)
    }
    for (const i of p.images.filter((i) => i.upload)) parts.push(uploadLine(i.name, i.upload!))
    parts.push(...p.images.slice(0, 1).map(annotationsLine))
  } else if (report.pushSkipped) {
    parts.push(`### Not published\n${report.pushSkipped}`)
  }
  if (report.sboms?.length) parts.push(...sbomMarkdown(report.sboms))
  if (report.attestations?.length) {
    parts.push(
      '### Attestations',
      table(
        ['statement', 'predicate type', 'subjects', 'attestation'],
        report.attestations.map((a) => [
          a.what,
          a.predicateType,
          a.subjects.map((s) => `\`${s.name}@sha256:${s.digest.sha256}\``).join('<br>'),
          a.attestationId ?? '—',
        ]),
      ),
    )
  }
  if (report.cache) parts.push(...cacheMarkdown(report.cache, report.built))
  return parts.join('\n\n') + '\n'
}

const SOURCE: Record<ImageSource, string> = {
  built: '🔨 built',
  substituted: '✅ substituted',
  restored: '✅ restored (Actions cache)',
  'in store': '✅ already in the store',
}

/** The Cache section: what Nix built and fetched, per-image hits, and every push. */
export function cacheMarkdown(cache: CacheReport, built: BuiltImage[]): string[] {
  const parts = ['### Cache']
  if (cache.substituters.length) parts.push(`Substituters: ${cache.substituters.map((s) => `\`${displayUrl(s.url)}\` (${s.name})`).join(', ')}`)
  const activity = cache.activity
  if (activity) {
    parts.push(`Nix's build log: **${activity.built.length} derivation(s) built**, **${activity.fetched.length} path(s) substituted** from caches.`)
    const rows = built.map((b) => [b.container, b.platform, SOURCE[imageSource(b, activity, cache.actions?.restored?.paths) ?? 'built']])
    const hits = built.filter((b) => imageSource(b, activity, cache.actions?.restored?.paths) !== 'built').length
    if (rows.length)
      parts.push(
        `Cache hits: ${hits} of ${built.length} image(s) were not built here (substituted, restored or already in the store).`,
        table(['container', 'platform', 'image'], rows),
      )
  }
  const actions = cache.actions
  if (actions) {
    const lines = [
      actions.restored && `restored \`${actions.restored.key}\` (${actions.restored.paths.length} store paths imported)`,
      actions.saved && `saved \`${actions.saved.key}\` (${actions.saved.paths} store paths, ${formatBytes(actions.saved.bytes ?? 0)})`,
      actions.note,
    ].filter(Boolean)
    if (lines.length) parts.push(`GitHub Actions cache: ${lines.join('; ')}`)
  }
  if (cache.pushes.length) {
    parts.push(
      table(
        ['cache', 'what', 'closure paths', 'already there', 'new paths', 'bytes stored', 'time', 'result'],
        cache.pushes.map((p) => [
          p.cache,
          p.what,
          String(p.closure),
          p.present === undefined ? '?' : String(p.present),
          p.pushed === undefined ? '?' : String(p.pushed),
          p.bytes === undefined ? '?' : formatBytes(p.bytes),
          `${(p.durationMs / 1000).toFixed(1)} s`,
          p.error ? `⚠️ ${lastLine(p.error)}` : '✅',
        ]),
      ),
    )
  }
  if (cache.builderImage) {
    const b = cache.builderImage
    parts.push(
      `Builder image \`${b.path}\`: ${b.caches.map((c) => `${c.cache} ${c.error ? `⚠️ ${lastLine(c.error)}` : c.pushed ? 'pushed' : c.present ? 'has it' : 'lacks it'}`).join('; ') || 'no cache to check'}`,
    )
  }
  return parts
}

/** The line of an error that says what went wrong (a command's own message comes last). */
const lastLine = (text: string): string => text.trim().split('\n').filter(Boolean).slice(-1)[0] ?? ''
