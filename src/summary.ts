// What a run reports: the action's outputs and the job summary, both from the same report.
import type { TestResult } from './docker.js'
import type { BuiltImage } from './images.js'
import type { Plan } from './plan.js'
import type { HostSystem } from './platform.js'
import type { Publication } from './publish.js'

export interface RunReport {
  host?: HostSystem
  nixVersion?: string
  plan?: Plan
  built: BuiltImage[]
  tests: TestResult[]
  publication?: Publication
  pushSkipped?: string
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

export function planTable(plan: Plan): string {
  return table(
    ['container', 'system', 'platform', 'build', 'smoke test'],
    plan.entries.map((e) => [e.container, e.system, e.platform, e.builder ? `${e.build} (${e.builder})` : e.build, e.run === 'none' ? `not run: ${e.runNote}` : e.run]),
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
        images.map((i) => [i.container, i.platform, i.kind, i.reference ? `\`${i.reference}\`` : '—', i.size === undefined ? '—' : formatBytes(i.size), ICON[i.test] ?? i.test]),
      ),
    )
  }
  const failed = report.tests.filter((t) => t.status !== 'passed')
  for (const t of failed) {
    parts.push(`<details><summary>${t.image.container} ${t.image.platform}: ${t.status}${t.reason ? ` (${t.reason})` : ''}</summary>\n\n\`\`\`\n${t.output.slice(-4000)}\n\`\`\`\n</details>`)
  }
  if (report.publication) {
    const p = report.publication
    parts.push(
      '### Published',
      table(
        ['image', 'digest', 'tags', 'platforms'],
        p.images.map((i) => [`\`${i.name}\``, `\`${i.digest}\``, i.tags.join(', '), i.platforms.join(', ')]),
      ),
    )
  } else if (report.pushSkipped) {
    parts.push(`### Not published\n${report.pushSkipped}`)
  }
  return parts.join('\n\n') + '\n'
}
