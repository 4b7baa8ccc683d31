// The real tinyproxy (Debian's tinyproxy-bin, installed by scripts/install-stack.sh) in the foreground
// on a free loopback port, and the requests its log says reached it, as the proxy saw them:
// "CONNECT host:port" for a tunnel, "GET http://host:port/path" for a plain request.
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'

async function freePort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done))
  const { port } = probe.address() as AddressInfo
  await new Promise((done) => probe.close(done))
  return port
}

export class Tinyproxy {
  private constructor(
    private readonly child: ChildProcess,
    private readonly log: string,
    /** http://127.0.0.1:port */
    readonly url: string,
  ) {}

  /** Started in `dir` (its config and log), allowed to tunnel to `connectPorts` only; `more` config lines. */
  static async start(dir: string, connectPorts: number[], more: string[] = []): Promise<Tinyproxy> {
    if (!existsSync('/usr/bin/tinyproxy')) throw new Error('tinyproxy is missing: scripts/install-stack.sh installs tinyproxy-bin')
    const port = await freePort()
    const log = join(dir, `tinyproxy-${port}.log`)
    const config = join(dir, `tinyproxy-${port}.conf`)
    writeFileSync(
      config,
      [
        `Port ${port}`,
        'Listen 127.0.0.1',
        'Allow 127.0.0.1',
        ...connectPorts.map((p) => `ConnectPort ${p}`),
        `LogFile "${log}"`,
        'LogLevel Info',
        'Timeout 30',
        ...more,
        '',
      ].join('\n'),
    )
    writeFileSync(log, '')
    const child = spawn('/usr/bin/tinyproxy', ['-d', '-c', config], { stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()))
    const proxy = new Tinyproxy(child, log, `http://127.0.0.1:${port}`)
    for (let waited = 0; !readFileSync(log, 'utf8').includes('Accepting connections'); waited += 50) {
      if (child.exitCode !== null || waited > 10_000) {
        proxy.stop()
        throw new Error(`tinyproxy did not start: ${stderr}${readFileSync(log, 'utf8')}`)
      }
      await new Promise((done) => setTimeout(done, 50))
    }
    return proxy
  }

  /** Every request that reached the proxy so far, e.g. "CONNECT registry.nca.test:443". */
  requests(): string[] {
    return [...readFileSync(this.log, 'utf8').matchAll(/Request \(file descriptor \d+\): (\S+ \S+)/g)].map((m) => m[1])
  }

  stop(): void {
    if (this.child.exitCode === null) this.child.kill()
  }
}
