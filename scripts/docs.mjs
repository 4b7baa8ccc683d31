// Writes the README's inputs and outputs tables from action.yml, so the two never drift.
// `node scripts/docs.mjs` rewrites README.md; `--check` fails when it is out of date.
import { readFileSync, writeFileSync } from 'node:fs'
import { parse } from 'yaml'

const action = parse(readFileSync('action.yml', 'utf8'))
const cell = (s) => String(s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ').trim()
const inputs = Object.entries(action.inputs).map(
  ([name, i]) => `| \`${name}\` | ${i.required ? 'yes' : 'no'} | ${i.default === undefined ? '' : `\`${cell(i.default)}\``} | ${cell(i.description)} |`,
)
const outputs = Object.entries(action.outputs).map(([name, o]) => `| \`${name}\` | ${cell(o.description)} |`)
const table = [
  '## Inputs',
  '',
  '| input | required | default | description |',
  '|---|---|---|---|',
  ...inputs,
  '',
  '## Outputs',
  '',
  '| output | description |',
  '|---|---|',
  ...outputs,
].join('\n')

const readme = readFileSync('README.md', 'utf8')
const fresh = readme.replace(/<!-- inputs:start -->[\s\S]*<!-- inputs:end -->/, `<!-- inputs:start -->\n${table}\n<!-- inputs:end -->`)
if (process.argv.includes('--check')) {
  if (fresh !== readme) {
    console.error('README.md inputs/outputs are out of date: run node scripts/docs.mjs')
    process.exit(1)
  }
} else {
  writeFileSync('README.md', fresh)
}
