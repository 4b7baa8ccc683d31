// The README's "Hand the pushed image to other steps" job, run as a runner runs it: the action
// publishes for real (to the local registry, through the real flocken), then the steps after it get
// its outputs through their `${{ steps.image.outputs.* }}` expressions. The deploy step's script runs
// unchanged: it pulls the pushed image by digest and runs it. GitHub's attestation service cannot
// run here, so for actions/attest-build-provenance only its inputs are checked (a stand-in for the
// service): they must name exactly what was pushed.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { type ActionRun, runAction } from '../helpers/action.js'
import { REPO_DIR, fixtureOnStack, githubApiStandIn } from '../helpers/fixture.js'
import { type Step, makeWorkspace, runStep } from '../helpers/workflow.js'
import { docker } from '../helpers/docker.js'
import { pushInputs, stackRegistry } from '../helpers/registry.js'

const readme = readFileSync(join(REPO_DIR, 'README.md'), 'utf8')
const section = readme.slice(readme.indexOf('### Hand the pushed image to other steps'))
const block = /```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? ''
const steps = (parse(block) ?? []) as Step[]
const unique = `${process.pid}-${Date.now().toString(36)}`
// GitHub's repository of the run: where flocken's GitHub mode pushes (here on the local registry).
const repository = `acme/outputs-${unique}`

/** A step's `${{ … }}` expressions with this run's values: the action's outputs and the github context. */
function evaluate(value: string, outputs: Record<string, string>, registry: string): string {
  return value
    .replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (whole, expr: string) => {
      const output = /^steps\.image\.outputs\.([\w-]+)$/.exec(expr)
      if (output) return outputs[output[1]] ?? ''
      // The README names ghcr.io; this run's registry is the local one.
      if (expr === 'github.repository') return repository
      throw new Error(`the example uses ${whole}, which this test does not know`)
    })
    .replace(/\bghcr\.io\//g, `${registry}/`)
}

let env: Record<string, string>
let run: ActionRun

beforeAll(async () => {
  expect(steps.length).toBeGreaterThan(2)
  let flake: string
  ;({ env, flake } = await fixtureOnStack())
  githubApiStandIn(repository)
  const action = steps.find((s) => s.id === 'image')!
  // The example's action step, with the fixture's container and tool and the local registry's login.
  run = await runAction({
    cwd: flake,
    inputs: {
      ...(action.with as Record<string, string>),
      container: 'greetContainer',
      tool: 'greet',
      ...pushInputs(stackRegistry(false, env)),
    },
    env: { GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/main', GITHUB_REPOSITORY: repository },
  })
}, 300_000)

describe("the README's job that hands the pushed image to other steps", () => {
  it('is a checkout, Nix, the action (id: image), an attestation and a deploy step', () => {
    expect(steps.map((s) => s.uses?.replace(/@.*/, '') ?? 'run')).toEqual([
      'actions/checkout',
      'cachix/install-nix-action',
      '<owner>/nix-container-action',
      'actions/attest-build-provenance',
      'run',
    ])
    expect(run.errors).toEqual([])
  })

  it("gives actions/attest-build-provenance the pushed image's name and index digest (its service is not run here)", () => {
    const attest = steps.find((s) => s.uses?.startsWith('actions/attest-build-provenance'))!
    const given = Object.fromEntries(Object.entries(attest.with ?? {}).map(([k, v]) => [k, evaluate(String(v), run.outputs, env.NCA_REGISTRY)]))
    expect(given['subject-digest']).toMatch(/^sha256:[0-9a-f]{64}$/)
    // Exactly one destination the action pushed, as registry/repository@digest.
    expect(run.outputs.pushed.split('\n')).toContain(`${given['subject-name']}@${given['subject-digest']}`)
    expect(given['push-to-registry']).toBe('true')
  })

  it('runs the deploy step as written: it pulls the pushed image by digest and runs it', async () => {
    const deploy = steps.at(-1)!
    const stepEnv = Object.fromEntries(Object.entries(deploy.env ?? {}).map(([k, v]) => [k, evaluate(String(v), run.outputs, env.NCA_REGISTRY)]))
    // docker pull needs the registry's login: a config of the step's own, as a runner's docker login leaves one.
    const dockerConfig = mkdtempSync(join(tmpdir(), 'nca-docker-config-'))
    const auth = Buffer.from(`${env.NCA_REGISTRY_USER}:${env.NCA_REGISTRY_PASSWORD}`).toString('base64')
    writeFileSync(join(dockerConfig, 'config.json'), JSON.stringify({ auths: { [env.NCA_REGISTRY]: { auth } } }))
    const step = await runStep(deploy, { cwd: await makeWorkspace(), env: { ...stepEnv, DOCKER_CONFIG: dockerConfig } })
    expect(step.stderr).not.toMatch(/error/i)
    expect(step.code).toBe(0)
    const [first] = run.outputs.pushed.split('\n')
    expect(first).toMatch(new RegExp(`^${env.NCA_REGISTRY.replace(/\./g, '\\.')}/${repository}@sha256:[0-9a-f]{64}$`))
    // It ran the pushed image: the fixture's greet program answered --help.
    expect(step.stdout).toMatch(/usage: greet/i)
    const pulled = docker('image', 'inspect', '--format', '{{json .RepoDigests}}', first)
    expect(JSON.parse(pulled) as string[]).toContain(first)
  })

  it('names every pushed tag as a full reference, and every container in metadata', () => {
    expect(run.outputs.tags.split('\n')).toEqual(['main', 'latest'].map((t) => `${env.NCA_REGISTRY}/${repository}:${t}`))
    const metadata = JSON.parse(run.outputs.metadata) as Record<string, { destinations: { name: string; digest: string }[]; platforms: string[] }>
    expect(metadata.greetContainer.destinations).toEqual([{ name: `${env.NCA_REGISTRY}/${repository}`, digest: run.outputs.digest, tags: ['main', 'latest'] }])
    expect(metadata.greetContainer.platforms).toEqual(['linux/amd64', 'linux/arm64'])
    expect(run.outputs.imageid).toMatch(/^sha256:[0-9a-f]{64}$/)
  })
})
