// Runs the bundled action exactly as a runner does: `node dist/index.js` with INPUT_* variables and
// the runner's files for outputs, summary and state, then reads those files back.
import { spawn } from 'node:child_process'
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { githubApiStandIn } from './fixture.js'

export const ROOT = resolve(import.meta.dirname, '..', '..')
export const DIST = join(ROOT, 'dist', 'index.js')

export interface ActionRun {
  code: number
  log: string
  /** The log as a reader sees it: the runner consumes ::add-mask:: lines and shows *** for secrets. */
  visibleLog: string
  outputs: Record<string, string>
  summary: string
  errors: string[]
  durationMs: number
  /** What the step saved with core.saveState (GITHUB_STATE). */
  state: Record<string, string>
  /** The run's RUNNER_TEMP, which a runner empties after the job (its build results' GC roots are there). */
  runnerTemp: string
}

/** Parses the GITHUB_OUTPUT file format (`name<<delimiter` blocks). */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i])
    if (!m) continue
    const value: string[] = []
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i])
    outputs[m[1]] = value.join('\n')
  }
  return outputs
}

export interface RunActionOptions {
  cwd: string
  inputs: Record<string, string>
  env?: Record<string, string>
  entry?: string
  /** Run as this other user, through passwordless sudo (a runner lane's second account). */
  asUser?: string
}

export async function runAction({ cwd, inputs, env = {}, entry = DIST, asUser }: RunActionOptions): Promise<ActionRun> {
  const dir = await mkdtemp(join(tmpdir(), 'nca-runner-'))
  const files = { GITHUB_OUTPUT: join(dir, 'output'), GITHUB_STEP_SUMMARY: join(dir, 'summary'), GITHUB_STATE: join(dir, 'state') }
  await Promise.all(Object.values(files).map((f) => writeFile(f, '')))
  // The other user writes the runner's files too.
  if (asUser) await Promise.all([chmod(dir, 0o777), ...Object.values(files).map((f) => chmod(f, 0o666))])
  const inputEnv = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]))
  // The runner's own environment that reaches every step: the user, and how it talks to Docker (the
  // containerd-store lane's daemon) and to Nix (a runner lane's daemon socket and nix.conf).
  const runnerEnv = Object.fromEntries(
    ['USER', 'XDG_RUNTIME_DIR', 'DOCKER_HOST', 'NIX_REMOTE', 'NIX_DAEMON_SOCKET_PATH', 'NIX_CONF_DIR']
      .filter((k) => process.env[k])
      .map((k) => [k, process.env[k]]),
  )
  const childEnv: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NIX_CONFIG: process.env.NIX_CONFIG,
    ...runnerEnv,
    RUNNER_TEMP: dir,
    RUNNER_TOOL_CACHE: join(dir, 'tool-cache'),
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: cwd,
    GITHUB_REPOSITORY: 'acme/fixture',
    GITHUB_REPOSITORY_OWNER: 'Acme',
    GITHUB_ACTOR: 'nca',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_REF: 'refs/pull/7/merge',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    ...files,
    ...inputEnv,
    ...env,
  }
  childEnv.NCA_GITHUB_API ??= githubApiStandIn(childEnv.GITHUB_REPOSITORY!)
  const started = Date.now()
  const { code, log } = await new Promise<{ code: number; log: string }>((done, fail) => {
    const [cmd, args] = asUser
      ? [
          'sudo',
          [
            '-n',
            '-u',
            asUser,
            'env',
            '-i',
            ...Object.entries({ ...childEnv, HOME: `/home/${asUser}`, USER: asUser }).flatMap(([k, v]) => (v === undefined ? [] : [`${k}=${v}`])),
            process.execPath,
            entry,
          ],
        ]
      : [process.execPath, [entry]]
    const child = spawn(cmd, args, { cwd, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] })
    let log = ''
    child.stdout.on('data', (c: Buffer) => (log += c.toString()))
    child.stderr.on('data', (c: Buffer) => (log += c.toString()))
    child.on('error', fail)
    child.on('close', (code) => done({ code: code ?? 1, log }))
  })
  const [output, summary, state] = await Promise.all([
    readFile(files.GITHUB_OUTPUT, 'utf8'),
    readFile(files.GITHUB_STEP_SUMMARY, 'utf8'),
    readFile(files.GITHUB_STATE, 'utf8'),
  ])
  const errors = log
    .split('\n')
    .filter((l) => l.startsWith('::error'))
    .map((l) =>
      l
        .replace(/^::error[^:]*::/, '')
        .replace(/%0A/g, '\n')
        .replace(/%25/g, '%'),
    )
  const visibleLog = log
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n')
  return {
    code,
    log,
    visibleLog,
    outputs: parseOutputs(output),
    summary,
    errors,
    durationMs: Date.now() - started,
    state: parseOutputs(state),
    runnerTemp: dir,
  }
}

/** The runner passes a step's saved state to its post step as STATE_<name> variables. */
/** The nix build commands a run's log shows it started (the [command] lines @actions/exec writes). */
export function nixBuildCalls(log: string): string[] {
  return log.split('\n').filter((l) => /^\[command\]\S*nix build/.test(l))
}

export function postEnv(main: ActionRun): Record<string, string> {
  return Object.fromEntries(Object.entries(main.state).map(([k, v]) => [`STATE_${k}`, v]))
}

import type { ImageOutput as Reported } from '../../src/pipeline/report.js'

/** An image as the action reports it, once loaded (the fields a loaded image always has). */
export type ImageOutput = Required<Reported>

export function images(run: ActionRun): ImageOutput[] {
  return JSON.parse(run.outputs.images ?? '[]') as ImageOutput[]
}
