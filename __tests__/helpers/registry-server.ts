// A distribution registry of the tests' own (Debian's docker-registry binary), on a loopback port the
// kernel picks, storing in a temporary directory; with `token`, it accepts only the token server's JWTs,
// with `htpasswd` only that file's users; with `tls`, it speaks HTTPS with that key and certificate.
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { tempDir } from './tmp.js'

export interface TokenAuth {
  realm: string
  service: string
  issuer: string
  /** A PEM file of the certificate whose key signs the tokens. */
  rootCertBundle: string
}

export interface RegistryServer {
  /** host:port */
  address: string
  stop(): Promise<void>
}

export interface RegistryOptions {
  token?: TokenAuth
  /** An htpasswd file (bcrypt) of the users it accepts. */
  htpasswd?: string
  /** PEM key and certificate: HTTPS. */
  tls?: { key: string; cert: string }
}

/** The config the registry runs with: JSON is YAML, so no YAML writer is needed. */
function registryConfig(dir: string, { token, htpasswd, tls }: RegistryOptions): object {
  let files = {}
  if (tls) {
    writeFileSync(join(dir, 'tls.key'), tls.key)
    writeFileSync(join(dir, 'tls.crt'), tls.cert)
    files = { tls: { key: join(dir, 'tls.key'), certificate: join(dir, 'tls.crt') } }
  }
  const auth = token
    ? { token: { realm: token.realm, service: token.service, issuer: token.issuer, rootcertbundle: token.rootCertBundle } }
    : htpasswd
      ? { htpasswd: { realm: 'nca-test', path: htpasswd } }
      : undefined
  return {
    version: 0.1,
    log: { level: 'info', accesslog: { disabled: true } },
    storage: { filesystem: { rootdirectory: join(dir, 'storage') }, delete: { enabled: true } },
    http: { addr: '127.0.0.1:0', secret: 'nca-test', ...files },
    ...(auth ? { auth } : {}),
  }
}

/** Starts a registry and waits until it says where it listens. */
export async function startRegistry(options: RegistryOptions = {}): Promise<RegistryServer> {
  const dir = tempDir('registry')
  const config = join(dir, 'config.yml')
  writeFileSync(config, JSON.stringify(registryConfig(dir, options)))
  const proc: ChildProcess = spawn('docker-registry', ['serve', config], { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const address = await new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString()
      const listening = /listening on (127\.0\.0\.1:\d+)/.exec(output)
      if (listening) resolve(listening[1])
    }
    proc.stdout!.on('data', read)
    proc.stderr!.on('data', read)
    proc.once('exit', (code) => reject(new Error(`docker-registry exited (${code}) before listening:\n${output}`)))
    proc.once('error', reject)
  })
  return {
    address,
    stop: async () => {
      if (proc.exitCode !== null) return
      proc.kill()
      await once(proc, 'exit')
    },
  }
}

/** What the registry itself holds, read without the proxy or the action's client. */
export async function registryGet(address: string, path: string, authorization?: string): Promise<{ status: number; body: Buffer; type: string }> {
  const res = await fetch(`http://${address}${path}`, {
    headers: {
      accept: 'application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, */*',
      ...(authorization ? { authorization } : {}),
    },
  })
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()), type: res.headers.get('content-type') ?? '' }
}
