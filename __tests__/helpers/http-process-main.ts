// The script http-process.ts runs: each request of argv[2] (JSON) through httpRequest, one JSON line
// per request on stdout with its status and body, or its error's message and code; then, at exit, how
// long after the last answer the process ended.
import { writeSync } from 'node:fs'
import { httpRequest } from '../../src/http.js'

for (const { url, socketPath } of JSON.parse(process.argv[2]) as { url: string; socketPath?: string }[]) {
  try {
    const res = await httpRequest(url, { socketPath, idleTimeoutMs: 20_000 })
    console.log(JSON.stringify({ status: res.status, body: await res.text() }))
  } catch (e) {
    console.log(JSON.stringify({ error: e instanceof Error ? e.message : String(e), code: (e as { code?: string }).code }))
  }
}
const done = Date.now()
process.on('exit', () => writeSync(1, `exit after ${Date.now() - done} ms\n`))
