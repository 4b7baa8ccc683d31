// The one way this project starts a process: an argument array (never a shell), an optional
// timeout, stdin from memory, live output in the log, and errors that carry the command's stderr.
import { spawn, type ChildProcess } from 'node:child_process'
import { type Readable } from 'node:stream'

export interface Command {
  cmd: string
  args: readonly string[]
  env?: NodeJS.ProcessEnv
  cwd?: string
}

export interface RunOptions {
  /** Written to the process's stdin, then closed. Secrets travel this way, never in args. */
  input?: string | Buffer
  timeoutMs?: number
  /** Print the command and stream its output into the log (default true). */
  echo?: boolean
  /** Throw a CommandError on a non-zero exit (default true). */
  check?: boolean
  /** Told every line of stderr as it comes (the whole stream, not only the tail kept for errors). */
  onStderrLine?: (line: string) => void
}

export interface RunResult {
  code: number
  stdout: string
  stderr: string
  timedOut: boolean
}

const STDOUT_LIMIT = 16 * 1024 * 1024
const STDERR_TAIL = 16 * 1024

const secrets = new Set<string>()

/** Where commands and their output are echoed: the Actions log is stdout; the CLI keeps stdout for results. */
let logStream: NodeJS.WritableStream = process.stdout
export function setLogStream(stream: NodeJS.WritableStream): void {
  logStream = stream
}

/** Values that must never reach a command line, and are cut out of error messages. */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 4) secrets.add(value)
}

export function redact(text: string): string {
  let out = text
  for (const s of secrets) out = out.split(s).join('***')
  return out
}

export class CommandError extends Error {
  constructor(
    readonly command: Command,
    readonly result: RunResult,
  ) {
    const why = result.timedOut ? 'timed out' : `failed with exit code ${result.code}`
    const detail = (result.stderr.trim() || result.stdout.trim()).slice(-STDERR_TAIL)
    super(redact(`${describe(command)} ${why}${detail ? `:\n${detail}` : ''}`))
    this.name = 'CommandError'
  }
}

export function describe(command: Command): string {
  return [command.cmd, ...command.args].map(quoteForDisplay).join(' ')
}

function quoteForDisplay(word: string): string {
  return /^[\w@%+=:,./#-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`
}

function assertNoSecretInArgs(command: Command): void {
  for (const arg of command.args) {
    for (const s of secrets) {
      if (arg.includes(s)) throw new Error(`refusing to put a secret on the command line of ${command.cmd}`)
    }
  }
}

function start(command: Command, stdin: 'pipe' | 'ignore' | Readable): ChildProcess {
  assertNoSecretInArgs(command)
  return spawn(command.cmd, [...command.args], {
    cwd: command.cwd,
    env: command.env ?? process.env,
    stdio: [stdin, 'pipe', 'pipe'],
    // Its own process group, so a timeout ends the whole tree it started.
    detached: true,
  })
}

interface Collected {
  stdout: () => string
  stderr: () => string
}

/** stdout is captured (and echoed) unless another process consumes it. */
function collect(child: ChildProcess, echo: boolean, captureStdout: boolean, onStderrLine?: (line: string) => void): Collected {
  const out: Buffer[] = []
  let outLen = 0
  let err = ''
  let partial = ''
  if (captureStdout) {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (outLen < STDOUT_LIMIT) {
        out.push(chunk)
        outLen += chunk.length
      }
      if (echo) logStream.write(redact(chunk.toString()))
    })
  }
  child.stderr?.on('data', (chunk: Buffer) => {
    err = (err + chunk.toString()).slice(-STDERR_TAIL * 4)
    if (echo) logStream.write(redact(chunk.toString()))
    if (onStderrLine) {
      const lines = (partial + chunk.toString()).split('\n')
      partial = lines.pop()!
      lines.forEach(onStderrLine)
    }
  })
  if (onStderrLine) child.stderr?.on('end', () => partial && onStderrLine(partial))
  return { stdout: () => Buffer.concat(out).toString(), stderr: () => err }
}

function exited(child: ChildProcess, timeoutMs?: number): Promise<{ code: number; timedOut: boolean }> {
  return new Promise((resolve, reject) => {
    let timedOut = false
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true
            killTree(child)
          }, timeoutMs)
    child.on('error', (e) => {
      if (timer) clearTimeout(timer)
      reject(e)
    })
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer)
      resolve({ code: code ?? (signal ? 128 : 1), timedOut })
    })
  })
}

function killTree(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL')
  } catch {
    child.kill('SIGKILL')
  }
}

function notFound(command: Command, e: unknown): Error {
  const code = (e as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return new Error(`${command.cmd} was not found on PATH: install it or add it to PATH.`)
  return e instanceof Error ? e : new Error(String(e))
}

export async function run(command: Command, options: RunOptions = {}): Promise<RunResult> {
  const echo = options.echo ?? true
  if (echo) logStream.write(`[command]${redact(describe(command))}\n`)
  const child = start(command, options.input === undefined ? 'ignore' : 'pipe')
  const output = collect(child, echo, true, options.onStderrLine)
  if (options.input !== undefined) {
    child.stdin?.on('error', () => undefined)
    child.stdin?.end(options.input)
  }
  let status
  try {
    status = await exited(child, options.timeoutMs)
  } catch (e) {
    throw notFound(command, e)
  }
  const result: RunResult = { ...status, stdout: output.stdout(), stderr: output.stderr() }
  if ((options.check ?? true) && (result.code !== 0 || result.timedOut)) throw new CommandError(command, result)
  return result
}

/**
 * `producer | consumer` without a shell and without writing the stream anywhere: used to feed a
 * stream-shaped image straight into `docker load`. Both ends must succeed.
 */
export async function pipe(producer: Command, consumer: Command, options: RunOptions = {}): Promise<RunResult> {
  const echo = options.echo ?? true
  if (echo) logStream.write(`[command]${redact(describe(producer))} | ${redact(describe(consumer))}\n`)
  const left = start(producer, 'ignore')
  // The consumer reads the producer's pipe itself: the bytes never pass through this process.
  const right = start(consumer, left.stdout!)
  // The consumer holds its own copy of the pipe; ours would keep the producer writing after the consumer died.
  left.stdout?.destroy()
  const leftErr = collect(left, echo, false)
  const rightOut = collect(right, echo, true)
  let statuses
  try {
    statuses = await Promise.all([exited(left, options.timeoutMs), exited(right, options.timeoutMs)])
  } catch (e) {
    killTree(left)
    killTree(right)
    throw notFound(producer, e)
  }
  const [l, r] = statuses
  const leftResult: RunResult = { ...l, stdout: '', stderr: leftErr.stderr() }
  const result: RunResult = { ...r, stdout: rightOut.stdout(), stderr: rightOut.stderr() }
  if (options.check ?? true) {
    if (l.code !== 0 || l.timedOut) throw new CommandError(producer, leftResult)
    if (r.code !== 0 || r.timedOut) throw new CommandError(consumer, result)
  }
  return result
}

export interface StreamingRun {
  /** The process's stdout, read as it comes: never buffered whole, never written to disk. */
  stdout: Readable
  /** Settles when the process exits; rejects with a CommandError (stderr included) on failure. */
  done: Promise<RunResult>
  /** Ends the process tree, for a reader that stops early (the writer would block otherwise). */
  kill: () => void
}

/**
 * A process whose output is consumed by this process as a stream, e.g. a stream-shaped image's
 * script or `docker save`, read once for its SBOM or pushed to a registry.
 */
export function streamStdout(command: Command, options: Pick<RunOptions, 'echo' | 'timeoutMs'> = {}): StreamingRun {
  const echo = options.echo ?? true
  if (echo) logStream.write(`[command]${redact(describe(command))}\n`)
  const child = start(command, 'ignore')
  return { stdout: child.stdout!, done: outcome(command, child, options), kill: () => killTree(child) }
}

/** How a process whose stdout someone else reads ends: its stderr is kept for the error. */
function outcome(command: Command, child: ChildProcess, options: Pick<RunOptions, 'echo' | 'timeoutMs'>): Promise<RunResult> {
  const err = collect(child, options.echo ?? true, false)
  const done = exited(child, options.timeoutMs)
    .catch((e: unknown) => {
      throw notFound(command, e)
    })
    .then((status) => {
      const result: RunResult = { ...status, stdout: '', stderr: err.stderr() }
      if (result.code !== 0 || result.timedOut) throw new CommandError(command, result)
      return result
    })
  // Whoever reads stdout awaits done; until then a failure must not be reported as unhandled.
  done.catch(() => undefined)
  return done
}

/** The first directory on PATH that holds an executable `name`, or undefined. */
export async function which(name: string, path: string = process.env.PATH ?? ''): Promise<string | undefined> {
  const { access, constants } = await import('node:fs/promises')
  const { join } = await import('node:path')
  for (const dir of path.split(':').filter(Boolean)) {
    const candidate = join(dir, name)
    try {
      await access(candidate, constants.X_OK)
      return candidate
    } catch {
      // not here; keep looking
    }
  }
  return undefined
}
