// Requests made by httpRequest in a process of their own, with only the environment a test gives it:
// what the action reads once per process (the trusted CAs, the proxy variables) is read afresh there,
// and this machine's NODE_EXTRA_CA_CERTS, SSL_CERT_FILE or proxies cannot hide a fault.
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { ROOT } from './action.js'

export type Outcome = { status: number; body: string } | { error: string; code?: string }

export interface ProcessRun {
  outcomes: Outcome[]
  stderr: string
  /** From the last answer to the process's exit. */
  exitAfterMs: number
}

export function requestsInProcess(requests: { url: string; socketPath?: string }[], env: Record<string, string> = {}): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(ROOT, '__tests__', 'helpers', 'http-process-main.ts'), JSON.stringify(requests)],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/root', ...env }, timeout: 120_000 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`${error.message}\n${stderr}`))
        const outcomes = stdout
          .split('\n')
          .filter((l) => l.startsWith('{'))
          .map((l) => JSON.parse(l) as Outcome)
        resolve({ outcomes, stderr, exitAfterMs: Number(/^exit after (\d+) ms$/m.exec(stdout)?.[1] ?? NaN) })
      },
    )
  })
}
