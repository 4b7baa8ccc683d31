// The connection pools requests go through, made once per process: connections are kept for the next
// request (an idle one does not hold the process open at exit: Node unreferences it), and every TLS
// connection trusts the CAs of ./trust.ts.
import { Agent as PlainAgent, type AgentOptions } from 'node:http'
import { Agent as TlsAgent } from 'node:https'
import { trustedContext } from './trust.js'

// The options of Node's global agents, which requests used before.
const POOL: AgentOptions = { keepAlive: true, scheduling: 'lifo', timeout: 5000 }

let plain: PlainAgent | undefined
let secure: TlsAgent | undefined

export function agentFor(url: URL): PlainAgent {
  if (url.protocol === 'https:') return (secure ??= new TlsAgent({ ...POOL, secureContext: trustedContext() }))
  return (plain ??= new PlainAgent(POOL))
}
