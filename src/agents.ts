// The connection pools requests go through, made once per process: straight to the host, or through
// the proxy HTTPS_PROXY / HTTP_PROXY names. Connections are kept for the next request (an idle one
// does not hold the process open at exit: Node unreferences it), and every TLS connection, tunnelled
// or not, trusts the CAs of ./trust.ts.
//
// Which requests a proxy carries is @actions/http-client's rule, the one the toolkit's own requests in
// this process (the Actions cache) follow, and in the main Go's (podman, skopeo, dockerd): lowercase
// variables first; a NO_PROXY entry matches its host, host:port, and its subdomains; loopback hosts
// never go through a proxy. Node's own rule proxies localhost and matches a bare domain only itself,
// so Node's agents only carry the decision out (CONNECT for https, the whole URL for http).
import { getProxyUrl } from '@actions/http-client/lib/proxy'
import { Agent as PlainAgent, type AgentOptions } from 'node:http'
import { Agent as TlsAgent } from 'node:https'
import { trustedContext } from './trust.js'

// Node 22.21 and 24.5 added agents' proxyEnv; older ones ignore the option without a word.
const [major, minor] = process.versions.node.split('.').map(Number)
const nodeProxies = major > 24 || (major === 24 && minor >= 5) || (major === 22 && minor >= 21)

// The options of Node's global agents, which requests used before.
const POOL: AgentOptions = { keepAlive: true, scheduling: 'lifo', timeout: 5000 }

const agents = new Map<string, PlainAgent>()
let warned = false

/** The agent for a request to `url`; one on a unix socket (Docker's) never goes through a proxy. */
export function agentFor(url: URL, socketPath?: string): PlainAgent {
  const proxy = socketPath ? undefined : proxyFor(url)
  const key = `${url.protocol} ${proxy ?? 'direct'}`
  let agent = agents.get(key)
  if (!agent) agents.set(key, (agent = newAgent(url.protocol, proxy)))
  return agent
}

function proxyFor(url: URL): string | undefined {
  const proxy = getProxyUrl(url)?.href
  if (!proxy || nodeProxies) return proxy
  if (!warned) {
    warned = true
    process.emitWarning(
      `HTTPS_PROXY or HTTP_PROXY names a proxy for ${url.host}, but Node ${process.version} cannot use a proxy (Node 22.21 and 24.5 can): ` +
        'requests go straight to their hosts.',
    )
  }
  return undefined
}

function newAgent(protocol: string, proxy: string | undefined): PlainAgent {
  // The proxy alone, without NO_PROXY: the decision is made above.
  const options = { ...POOL, ...(proxy ? { proxyEnv: { [protocol === 'https:' ? 'HTTPS_PROXY' : 'HTTP_PROXY']: proxy } } : {}) }
  return protocol === 'https:' ? new TlsAgent({ ...options, secureContext: trustedContext() }) : new PlainAgent(options)
}
