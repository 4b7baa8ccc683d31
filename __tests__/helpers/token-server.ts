// A registry token server (the distribution token spec) that a docker-registry trusts: RS256 JWTs
// signed by a key whose self-signed certificate the registry is given, named in each token's x5c.
// Tokens live `lifetimeMs`; the user 'reader' gets pull only, whatever it asks.
import { execFileSync } from 'node:child_process'
import { createPrivateKey, randomUUID, sign, X509Certificate } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { TokenAuth } from './registry-server.js'
import { tempDir } from './tmp.js'

// distribution allows 60 s of clock skew past a token's exp: a token meant to live a few seconds
// carries an exp that much earlier, or the registry would take it for a minute more.
const REGISTRY_LEEWAY_S = 60

export interface TokenServer {
  auth: TokenAuth
  /** Every token request: who asked, for what scope. */
  requests: { user?: string; scope?: string }[]
  stop(): Promise<void>
}

const base64url = (value: Buffer | string) => Buffer.from(value).toString('base64url')

export async function startTokenServer(options: { lifetimeMs: number; users: Record<string, string> }): Promise<TokenServer> {
  const dir = tempDir('token')
  const key = join(dir, 'key.pem')
  const cert = join(dir, 'cert.pem')
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-subj', '/CN=nca-token', '-days', '1'], {
    stdio: 'ignore',
  })
  const privateKey = createPrivateKey(readFileSync(key))
  const der = new X509Certificate(readFileSync(cert)).raw
  const service = 'nca-registry'
  const issuer = 'nca-token-server'
  const requests: TokenServer['requests'] = []

  const token = (user: string, scope: string | undefined): string => {
    const [type, name, actions] = (scope ?? '').split(':')
    const granted = user === 'reader' ? ['pull'] : (actions ?? '').split(',').filter(Boolean)
    const now = Math.floor(Date.now() / 1000)
    const claims = {
      iss: issuer,
      sub: user,
      aud: service,
      iat: now,
      nbf: now - 1,
      exp: now + Math.ceil(options.lifetimeMs / 1000) - REGISTRY_LEEWAY_S,
      jti: randomUUID(),
      access: scope ? [{ type, name, actions: granted }] : [],
    }
    const signed = `${base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', x5c: [der.toString('base64')] }))}.${base64url(JSON.stringify(claims))}`
    return `${signed}.${base64url(sign('sha256', Buffer.from(signed), privateKey))}`
  }

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url!, 'http://token')
    const [user, password] = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64')
      .toString()
      .split(':')
    const scope = url.searchParams.get('scope') ?? undefined
    requests.push({ user, scope })
    if (!user || options.users[user] !== password) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"details":"incorrect username or password"}')
      return
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: token(user, scope) }))
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const realm = `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`
  return {
    auth: { realm, service, issuer, rootCertBundle: cert },
    requests,
    stop: () => new Promise((done) => server.close(() => done())),
  }
}
