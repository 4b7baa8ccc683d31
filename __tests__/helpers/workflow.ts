// Reads the project's GitHub workflows and runs one step's `run:` script the way a runner does
// (bash -eo pipefail, GITHUB_OUTPUT and RUNNER_TEMP files), so tests exercise the workflow's own
// shell code rather than a copy of it.
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { parseOutputs } from './action.js'
import { REPO_DIR } from './fixture.js'

export interface Step {
  name?: string
  id?: string
  if?: string
  uses?: string
  run?: string
  env?: Record<string, string>
  with?: Record<string, string | number | boolean>
}

export interface Job {
  name?: string
  needs?: string | string[]
  if?: string
  'runs-on'?: string | string[]
  permissions?: Record<string, string> | string
  strategy?: { matrix?: unknown; 'fail-fast'?: boolean }
  outputs?: Record<string, string>
  uses?: string
  steps?: Step[]
}

export interface Workflow {
  name?: string
  on: Record<string, unknown>
  permissions?: Record<string, string> | string
  jobs: Record<string, Job>
}

export function readWorkflow(file: string): Workflow {
  return parse(readFileSync(join(REPO_DIR, '.github', 'workflows', file), 'utf8')) as Workflow
}

/** The step of a job with this id or name (a name may be matched by a pattern). */
export function findStep(job: Job, key: string | RegExp): Step {
  const step = job.steps?.find((s) => (typeof key === 'string' ? s.id === key || s.name === key : key.test(s.name ?? '')))
  if (!step) throw new Error(`no step ${String(key)} in job ${job.name ?? ''}`)
  return step
}

/** A workspace like a job's after it checked this repository out into .nca (a symlink here). */
export async function makeWorkspace(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'nca-workspace-'))
  await symlink(REPO_DIR, join(dir, '.nca'))
  return dir
}

export interface StepRun {
  code: number
  stdout: string
  stderr: string
  outputs: Record<string, string>
}

/**
 * Runs a step's script with the values its `env:` would get. Every variable the step declares must
 * be given, so a new one in the workflow makes the test say so instead of running with it unset.
 */
export async function runStep(step: Step, options: { cwd: string; env: Record<string, string>; runnerTemp?: string }): Promise<StepRun> {
  if (!step.run) throw new Error(`step ${step.name ?? step.id} has no run script`)
  const missing = Object.keys(step.env ?? {}).filter((k) => !(k in options.env))
  if (missing.length > 0) throw new Error(`step ${step.name ?? step.id} needs env ${missing.join(', ')}`)
  const dir = await mkdtemp(join(tmpdir(), 'nca-step-'))
  const script = join(dir, 'step.sh')
  const output = join(dir, 'output')
  await writeFile(script, step.run)
  await writeFile(output, '')
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NIX_CONFIG: process.env.NIX_CONFIG,
    ...(process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {}),
    GITHUB_OUTPUT: output,
    RUNNER_TEMP: options.runnerTemp ?? dir,
    ...options.env,
  }
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((done, fail) => {
    // What a runner runs for `shell: bash`.
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
    child.on('error', fail)
    child.on('close', (code) => done({ code: code ?? 1, stdout, stderr }))
  })
  // The runner's GITHUB_OUTPUT takes name=value lines as well as name<<delimiter blocks.
  const text = await readFile(output, 'utf8')
  const outputs = parseOutputs(text)
  for (const line of text.split('\n')) {
    const m = /^([A-Za-z_][A-Za-z0-9_-]*)=(.*)$/.exec(line)
    if (m) outputs[m[1]] = m[2]
  }
  return { code, stdout, stderr, outputs }
}
