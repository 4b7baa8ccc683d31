// Certificate authorities and the server certificates they sign, made with openssl, for https servers
// on loopback that a test trusts (or not) the way a company registry is trusted.
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'

export interface Authority {
  name: string
  key: string
  /** The CA certificate's PEM file, what a trust store or SSL_CERT_FILE is given. */
  certFile: string
}

const openssl = (args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] })
// P-256 keys: a certificate in milliseconds, where RSA takes a noticeable part of a second.
const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']

/** A self-signed CA named `name`, its files in `dir`. */
export function makeAuthority(dir: string, name: string): Authority {
  const key = join(dir, `${name}.key`)
  const certFile = join(dir, `${name}.crt`)
  openssl(['req', '-x509', ...newKey, '-keyout', key, '-out', certFile, '-subj', `/CN=${name}`, '-days', '1', '-addext', 'basicConstraints=critical,CA:TRUE'])
  return { name, key, certFile }
}

/** A server key and certificate for `names` (DNS names or IP addresses), signed by `ca`. */
export function issue(ca: Authority, dir: string, names: string[]): { key: string; cert: string } {
  const base = join(dir, `${ca.name}-${names[0]}`)
  const san = names.map((n) => (/^[\d.]+$/.test(n) ? `IP:${n}` : `DNS:${n}`)).join(',')
  writeFileSync(`${base}.ext`, `subjectAltName=${san}\n`)
  openssl(['req', ...newKey, '-keyout', `${base}.key`, '-out', `${base}.csr`, '-subj', `/CN=${names[0]}`])
  openssl([
    'x509',
    '-req',
    '-in',
    `${base}.csr`,
    '-CA',
    ca.certFile,
    '-CAkey',
    ca.key,
    '-CAcreateserial',
    '-out',
    `${base}.crt`,
    '-days',
    '1',
    '-extfile',
    `${base}.ext`,
  ])
  return { key: readFileSync(`${base}.key`, 'utf8'), cert: readFileSync(`${base}.crt`, 'utf8') }
}

/** An https server on 127.0.0.1 with `identity`, answering every request with its path. */
export async function httpsServer(identity: { key: string; cert: string }): Promise<{ server: Server; port: number }> {
  const server = createServer(identity, (req, res) => res.end(`tls ${req.url}`))
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  return { server, port: (server.address() as AddressInfo).port }
}
