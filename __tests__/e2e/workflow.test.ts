// The reusable workflow (.github/workflows/build.yml) and the project's workflows, checked where
// actionlint cannot see: its plan job's own script, run against the bundled CLI (dist/, so run
// `npm run build` first), must emit the matrix of the action's planner; its jobs must run this
// action at the workflow's own commit, with the inputs action.yml has; only publish may write.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { parse } from 'yaml'
import { parseSystems } from '../../src/config/settings.js'
import { runnerMatrix } from '../../src/pipeline/plan.js'
import { detectHost } from '../../src/config/platform.js'
import { REPO_DIR } from '../helpers/fixture.js'
import { type Job, type Step, findStep, makeWorkspace, readWorkflow, runStep } from '../helpers/workflow.js'
import { parseRunners } from '../../src/config/runners.js'

const exec = promisify(execFile)
const CLI = join(REPO_DIR, 'dist', 'cli', 'index.js')
const build = readWorkflow('build.yml')
const planStep = findStep(build.jobs.plan, 'plan')
let workspace: string

beforeAll(async () => {
  workspace = await makeWorkspace()
})

function planEnv(inputs: { architectures?: string; runners?: string; push?: string; installables?: string }, event = 'push'): Record<string, string> {
  const all = { architectures: 'x86_64-linux,aarch64-linux', runners: '{}', push: 'auto', installables: '', ...inputs }
  return { ARCHITECTURES: all.architectures, RUNNERS: all.runners, INSTALLABLES: all.installables, PUSH: all.push, EVENT: event, INPUTS: JSON.stringify(all) }
}

describe('the plan job', () => {
  it.each([
    ['the defaults', {}],
    ['one system', { architectures: 'aarch64-linux' }],
    ['other spellings, in another order', { architectures: 'linux/arm64, amd64' }],
    ['a runner override', { runners: '{"aarch64-linux": "my-arm-runner"}' }],
    ['a list of labels for a self-hosted runner', { architectures: 'x86_64', runners: '{"x86_64-linux": ["self-hosted", "x64"]}' }],
    ['a cross-compiled set (installables): one job', { installables: 'x86_64-linux=.#fd-x86_64\naarch64-linux=.#fd-aarch64' }],
  ])("emits the matrix of the action's planner: %s", async (_, inputs: { architectures?: string; runners?: string; installables?: string }) => {
    const run = await runStep(planStep, { cwd: workspace, env: planEnv(inputs) })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const env = planEnv(inputs)
    const planner = runnerMatrix(parseSystems(env.ARCHITECTURES, detectHost()), parseRunners(env.RUNNERS), env.INSTALLABLES !== '')
    expect(JSON.parse(run.outputs.matrix)).toEqual(planner)
    expect(planner.include.length).toBe(env.INSTALLABLES ? 1 : parseSystems(env.ARCHITECTURES, detectHost()).length)
  })

  it('the bundled CLI prints that matrix on one line, as $GITHUB_OUTPUT needs', async () => {
    const { stdout } = await exec(process.execPath, [CLI, 'matrix', '--architectures', 'arm64,x86_64-linux', '--runners', '{"arm64": "big-arm"}'])
    expect(stdout).toBe(`${JSON.stringify(runnerMatrix(['x86_64-linux', 'aarch64-linux'], { 'aarch64-linux': 'big-arm' }))}\n`)
    expect(stdout.trim()).not.toContain('\n')
  })

  it.each([
    ['push', 'auto', 'true'],
    ['push', 'true', 'true'],
    ['push', 'false', 'false'],
    ['workflow_dispatch', 'auto', 'true'],
    ['release', 'auto', 'true'],
    ['schedule', 'auto', 'false'],
    ['merge_group', 'auto', 'false'],
    ['schedule', 'true', 'true'],
    ['pull_request', 'auto', 'false'],
    ['pull_request', 'true', 'false'],
    ['pull_request_target', 'auto', 'false'],
  ])('on %s with push %s, publish is %s', async (event, push, publish) => {
    const run = await runStep(planStep, { cwd: workspace, env: planEnv({ push }, event) })
    expect(run.code).toBe(0)
    expect(run.outputs.publish).toBe(publish)
  })

  it("names the artifacts of one call apart from another call's", async () => {
    const a = await runStep(planStep, { cwd: workspace, env: planEnv({}) })
    const b = await runStep(planStep, { cwd: workspace, env: planEnv({ architectures: 'x86_64-linux' }) })
    expect(a.outputs.key).toMatch(/^[0-9a-f]{12}$/)
    expect(b.outputs.key).not.toBe(a.outputs.key)
  })

  it.each([
    ['an unknown architecture', { architectures: 'riscv64' }, /Input 'architectures': "riscv64" is not a supported architecture/],
    ['runners that are not JSON', { runners: 'aarch64-linux: my-arm' }, /Input 'runners': .* is not JSON/],
    ['a runner for an unknown system', { runners: '{"s390x": "z"}' }, /Input 'runners': "s390x" is not a system/],
    ['a bad push', { push: 'yes' }, /Input 'push': "yes" is not accepted; use auto, true or false/],
  ])('fails before any build job on %s, naming the input', async (_, inputs, message) => {
    const run = await runStep(planStep, { cwd: workspace, env: planEnv(inputs) })
    expect(run.code).not.toBe(0)
    expect(run.stderr).toMatch(message)
    expect(run.outputs.matrix ?? '').toBe('')
  })
})

describe('the reusable workflow', () => {
  const action = parse(readFileSync(join(REPO_DIR, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown> }
  const jobs = Object.entries(build.jobs)
  const actionSteps = jobs.flatMap(([id, job]) => (job.steps ?? []).filter((s) => s.uses?.startsWith('./')).map((s) => [id, job, s] as [string, Job, Step]))

  it('has the interface the README documents', () => {
    const call = build.on.workflow_call as {
      inputs: Record<string, { required?: boolean }>
      secrets: Record<string, unknown>
      outputs: Record<string, unknown>
    }
    expect(Object.keys(call.inputs)).toEqual(
      expect.arrayContaining(['container', 'tool', 'architectures', 'registry', 'flake', 'push', 'version', 'tags', 'cachix-name', 'runners']),
    )
    expect(call.inputs.container.required).toBe(true)
    expect(Object.keys(call.secrets).sort()).toEqual([
      'BINARY_CACHE_SECRET_KEY',
      'CACHIX_AUTH_TOKEN',
      'REGISTRY_PASSWORD',
      'binary-cache-secret-key',
      'cachix-auth-token',
      'registry-password',
    ])
    expect(Object.keys(call.outputs).sort()).toEqual(['digest', 'images', 'metadata', 'pushed', 'tags'])
  })

  // What a split build cannot use: emulation and remote builders (each system has its own runner),
  // the installer (install-nix-action sets Nix up), the Actions cache (the closures travel as
  // artifacts or through a binary cache), the builder VM's image (macOS only).
  const NOT_IN_A_SPLIT_BUILD = [
    'emulate',
    'builders',
    'builder-ssh-key',
    'builder-host-key',
    'builder-timeout',
    'nix-installer-url',
    'nix-installer-sha256',
    'actions-cache',
    'cache-builder-image',
    'cachix-signing-key',
    'cachix-push',
    'binary-cache-push',
    'github-token',
  ]

  it('passes the action every input that makes sense in a split build, and says which it leaves out', () => {
    const passed = new Set(actionSteps.flatMap(([, , step]) => Object.keys(step.with ?? {})))
    const missing = Object.keys(action.inputs).filter((k) => !passed.has(k) && !NOT_IN_A_SPLIT_BUILD.includes(k))
    expect(missing).toEqual([])
    // Each input is the workflow's own (or a secret, or the matrix), never a value the caller cannot set.
    for (const [, , step] of actionSteps) {
      for (const [k, v] of Object.entries(step.with ?? {})) {
        if (/^'?(true|false)'?$/.test(String(v)) || String(v).includes('matrix.')) continue
        expect([k, /\$\{\{ (inputs|secrets)\./.test(String(v))]).toEqual([k, true])
      }
    }
  })

  it('pushes to caches only from the action (image closures, never from a fork), and uploads the SBOMs', () => {
    const buildSteps = build.jobs.build.steps ?? []
    expect(buildSteps.filter((s) => s.uses?.startsWith('cachix/cachix-action'))).toEqual([])
    expect(buildSteps.filter((s) => s.run?.includes('cachix push'))).toEqual([])
    const upload = buildSteps.find((s) => s.uses?.startsWith('actions/upload-artifact') && String(s.with?.name).startsWith('sboms-'))
    expect(upload?.if).toBe("inputs.sbom == 'true'")
    const publishSteps = build.jobs.publish.steps ?? []
    expect(publishSteps.find((s) => s.uses?.startsWith('cachix/cachix-action'))?.with?.skipPush).toBe(true)
  })

  it("runs this action at the workflow's own commit, never the caller's ./", () => {
    expect(actionSteps.map(([id, , step]) => [id, step.uses])).toEqual([
      ['build', './.nca'],
      ['publish', './.nca'],
    ])
    for (const id of ['plan', 'build', 'publish']) {
      const steps = build.jobs[id].steps ?? []
      const checkout = steps.findIndex((s) => s.uses?.startsWith('actions/checkout@') && s.with?.path === '.nca')
      expect(steps[checkout]?.with).toEqual({
        repository: '${{ job.workflow_repository }}',
        ref: '${{ job.workflow_sha }}',
        path: '.nca',
        'persist-credentials': false,
      })
      const firstUse = steps.findIndex((s) => s.uses === './.nca' || s.run?.includes('.nca/'))
      expect([id, checkout < firstUse]).toEqual([id, true])
    }
  })

  it('gives the action only inputs that action.yml has', () => {
    for (const [, , step] of actionSteps) {
      expect(Object.keys(step.with ?? {}).filter((k) => !(k in action.inputs))).toEqual([])
    }
  })

  it('builds with push off on the matrix runners, and publishes from one job with push on', () => {
    const buildStep = actionSteps.find(([id]) => id === 'build')![2]
    const publishStep = actionSteps.find(([id]) => id === 'publish')![2]
    expect(build.jobs.build['runs-on']).toBe('${{ matrix.runner }}')
    expect(build.jobs.build.strategy?.matrix).toBe('${{ fromJSON(needs.plan.outputs.matrix) }}')
    // A job builds its system, or the whole set the installables cross-compile on its runner.
    expect(buildStep.with).toMatchObject({ architectures: '${{ matrix.architectures }}', installables: '${{ inputs.installables }}', push: 'false' })
    expect(publishStep.with).toMatchObject({ architectures: '${{ inputs.architectures }}', installables: '${{ inputs.installables }}', push: 'true' })
    expect(build.jobs.publish.needs).toEqual(['plan', 'build'])
    expect(build.jobs.publish.if).toBe("needs.plan.outputs.publish == 'true'")
    // The closures are imported before the action builds, so it finds every image in the store.
    const steps = build.jobs.publish.steps ?? []
    expect(steps.indexOf(findStep(build.jobs.publish, /^Import the image closures/))).toBeLessThan(steps.indexOf(publishStep))
  })

  it('lets only the publish job write packages', () => {
    expect(build.permissions).toEqual({ contents: 'read' })
    const writers = jobs.filter(([, job]) => typeof job.permissions === 'object' && Object.values(job.permissions).includes('write'))
    expect(writers.map(([id, job]) => [id, job.permissions])).toEqual([
      ['publish', { contents: 'read', packages: 'write', 'id-token': 'write', attestations: 'write' }],
    ])
  })

  it("merges every build job's images in plan order", async () => {
    const temp = await makeWorkspace()
    await mkdir(join(temp, 'nca-images'))
    await writeFile(join(temp, 'nca-images', '1-aarch64-linux.json'), JSON.stringify([{ system: 'aarch64-linux', test: 'passed' }]))
    await writeFile(join(temp, 'nca-images', '0-x86_64-linux.json'), JSON.stringify([{ system: 'x86_64-linux', test: 'passed' }]))
    const run = await runStep(findStep(build.jobs.report, 'images'), { cwd: temp, env: {}, runnerTemp: temp })
    expect(run.code).toBe(0)
    expect(JSON.parse(run.outputs.images)).toEqual([
      { system: 'x86_64-linux', test: 'passed' },
      { system: 'aarch64-linux', test: 'passed' },
    ])
  })
})

describe("the README's caller example", () => {
  const readme = readFileSync(join(REPO_DIR, 'README.md'), 'utf8')
  const section = readme.slice(readme.indexOf('## Reusable workflow'))
  const text = /```yaml\n([\s\S]*?)```/.exec(section)![1]
  const caller = parse(text) as { jobs: Record<string, Job & { with?: Record<string, string>; secrets?: unknown }> }
  const call = build.on.workflow_call as { inputs: Record<string, { required?: boolean }> }

  it('calls build.yml at a version tag, with its inputs, secrets: inherit', () => {
    const job = caller.jobs.image
    expect(job.uses).toBe('<owner>/nix-container-action/.github/workflows/build.yml@v1')
    expect(Object.keys(job.with ?? {}).filter((k) => !(k in call.inputs))).toEqual([])
    const required = Object.entries(call.inputs)
      .filter(([, i]) => i.required)
      .map(([k]) => k)
    expect(required.filter((k) => !(k in (job.with ?? {})))).toEqual([])
    expect(job.secrets).toBe('inherit')
  })

  it('grants every permission a job of build.yml asks for', () => {
    const granted = caller.jobs.image.permissions as Record<string, string>
    const level = { none: 0, read: 1, write: 2 } as Record<string, number>
    for (const job of Object.values(build.jobs)) {
      for (const [scope, wanted] of Object.entries({ ...(build.permissions as object), ...(typeof job.permissions === 'object' ? job.permissions : {}) })) {
        expect([scope, level[granted[scope] ?? 'none'] >= level[wanted as string]]).toEqual([scope, true])
      }
    }
  })

  it('passes actionlint', async () => {
    const dir = await makeWorkspace()
    await mkdir(join(dir, '.github', 'workflows'), { recursive: true })
    await writeFile(join(dir, '.github', 'workflows', 'containers.yml'), text.replaceAll('<owner>', 'octo-org'))
    const { stdout } = await exec(process.execPath, [join(REPO_DIR, 'scripts', 'actionlint.mjs')], { cwd: dir })
    expect(stdout).toContain('actionlint: 1 workflow(s) clean: containers.yml')
  })
})

describe("the project's workflows", () => {
  it('e2e runs the action itself, uses: ./, on a native runner of each architecture with the fixture', () => {
    const job = readWorkflow('e2e.yml').jobs.action
    expect((job.strategy?.matrix as { include: { runner: string }[] }).include.map((i) => i.runner)).toEqual(['ubuntu-24.04', 'ubuntu-24.04-arm'])
    expect(findStep(job, 'image')).toMatchObject({
      uses: './',
      with: { flake: './__tests__/fixture', architectures: 'native', 'extra-conf': 'sandbox = false' },
    })
  })

  it("ci runs what the project's machines run, and release moves the major tag", () => {
    const ci = readWorkflow('ci.yml')
    expect(ci.jobs.test.steps?.at(-1)?.run).toBe('bash .ci/run')
    expect(ci.jobs.lint.steps?.map((s) => s.run).filter(Boolean)).toEqual(
      expect.arrayContaining(['npm run lint:workflows', 'npm run test:unit', 'bash scripts/check-dist.sh']),
    )
    const release = readWorkflow('release.yml')
    expect(release.on.push).toEqual({ tags: ['v*'] })
    expect(findStep(release.jobs.release, /^Move .* to this release$/).run).toContain('git push --force origin "refs/tags/$MAJOR"')
  })
})
