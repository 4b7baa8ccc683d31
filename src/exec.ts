// The one way this project starts a process: an argument array (never a shell), an optional
// timeout, stdin from memory, live output in the log, and errors that carry the command's stderr.
import { spawn, type ChildProcess } from 'node:child_process'
import { closeSync, constants, openSync, promises as fs } from 'node:fs'
import { type OnReadOpts, Socket, type SocketConstructorOpts } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough, type Readable } from 'node:stream'

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

function start(command: Command, stdin: 'pipe' | 'ignore' | Readable, stdout: 'pipe' | number = 'pipe'): ChildProcess {
  assertNoSecretInArgs(command)
  return spawn(command.cmd, [...command.args], {
    cwd: command.cwd,
    env: command.env ?? process.env,
    stdio: [stdin, stdout, 'pipe'],
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

export interface PipeOptions extends RunOptions {
  /**
   * Given a copy of the producer's output as it flows, for a reader in this process. It must read to
   * the end: the producer goes only as fast as the slower of the two readers.
   */
  tee?: (copy: Readable) => void
}

/**
 * `producer | consumer` without a shell and without writing the stream anywhere: used to feed a
 * stream-shaped image straight into `docker load`. Both ends must succeed.
 */
export async function pipe(producer: Command, consumer: Command, options: PipeOptions = {}): Promise<RunResult> {
  const echo = options.echo ?? true
  if (echo) logStream.write(`[command]${redact(describe(producer))} | ${redact(describe(consumer))}\n`)
  const left = start(producer, 'ignore')
  // Without a copy to make, the consumer reads the producer's pipe itself: the bytes never pass
  // through this process (which costs a callback per 64 KiB, seconds for a 1 GiB image).
  const right = start(consumer, options.tee ? 'pipe' : left.stdout!)
  // The consumer holds its own copy of the pipe; ours would keep the producer writing after the consumer died.
  if (!options.tee) left.stdout?.destroy()
  const leftErr = collect(left, echo, false)
  const rightOut = collect(right, echo, true)
  if (options.tee) {
    const copy = new PassThrough({ highWaterMark: 1 << 20 })
    left.stdout?.pipe(copy)
    options.tee(copy)
    left.stdout?.pipe(right.stdin!)
    right.stdin?.on('error', () => undefined)
  }
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

/** A process whose output is lent out piece by piece, in buffers this process reads into again and again. */
export interface LendingRun {
  /**
   * Starts reading: each piece of output is lent to `take` and must be given back once nothing holds
   * it any more (it is read into again). Settles true at the end of the output, false when the run
   * was killed first.
   */
  lend(take: (chunk: Buffer, giveBack: () => void) => void): Promise<boolean>
  /** Settles when the process exits; rejects with a CommandError (stderr included) on failure. */
  done: Promise<RunResult>
  kill: () => void
}

const LEND_BYTES = 64 * 1024
const LENT_AT_MOST = 16

/**
 * A process whose stdout this process passes on (a stream image's archive, into the daemon),
 * read into a few buffers used again and again. Read as a stream, every 64 KiB piece of a pipe is a
 * new buffer in memory not yet touched: a 200 MiB archive cost 380-420 ms of CPU where the docker
 * CLI spends 230, and 200-310 in reused buffers. Only a socket made here takes buffers to read into,
 * so the process writes into a FIFO, removed as soon as both its ends are open.
 */
export async function lendStdout(command: Command, options: Pick<RunOptions, 'echo' | 'timeoutMs'> = {}): Promise<LendingRun> {
  const dir = await fs.mkdtemp(join(tmpdir(), 'nca-fifo-'))
  let fd: number | undefined
  let writeEnd: number
  try {
    const fifo = join(dir, 'stdout')
    await run({ cmd: 'mkfifo', args: ['-m', '600', fifo] }, { echo: false })
    // Opened for reading first, without waiting for a writer, so opening it for writing does not
    // wait either. Plain descriptors: the socket takes over the first, where a FileHandle would
    // close it when collected.
    fd = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK)
    writeEnd = openSync(fifo, constants.O_WRONLY)
  } catch (e) {
    if (fd !== undefined) closeSync(fd)
    throw e
  } finally {
    await fs.rm(dir, { recursive: true, force: true })
  }
  // Nothing awaited from the start to the listeners: a process that ends first would go unheard.
  if (options.echo ?? true) logStream.write(`[command]${redact(describe(command))}\n`)
  let child: ChildProcess
  try {
    child = start(command, 'ignore', writeEnd)
  } catch (e) {
    closeSync(fd)
    throw e
  } finally {
    closeSync(writeEnd)
  }
  const done = outcome(command, child, options)
  let socket: Socket | undefined
  return {
    done,
    kill: () => {
      killTree(child)
      if (socket) socket.destroy()
      else if (fd !== undefined) closeSync(fd)
      fd = undefined
    },
    lend: (take) =>
      new Promise<boolean>((resolve, reject) => {
        const free: Buffer[] = []
        let lent = 0
        const onread: OnReadOpts = {
          buffer: () => free.pop() ?? Buffer.allocUnsafeSlow(LEND_BYTES),
          callback: (n, read) => {
            // One of ours: `buffer` hands out nothing else.
            const buffer = read as Buffer
            lent++
            let given = false
            take(buffer.subarray(0, n), () => {
              // Given back twice, a buffer would be read into while its first reader still held it.
              if (given) return
              given = true
              free.push(buffer)
              // The one that brings the count back below the limit restarts reading.
              if (lent-- === LENT_AT_MOST) s.resume()
            })
            return lent < LENT_AT_MOST
          },
        }
        // Node takes `onread` from the constructor too; its types list it only for connect().
        const s = new Socket({ fd, readable: true, writable: false, onread } as SocketConstructorOpts)
        socket = s
        s.on('end', () => resolve(true))
        s.on('close', () => resolve(false))
        s.on('error', reject)
      }),
  }
}
