// Where a run's messages go: the Actions log (groups, annotations) or a terminal for the CLI.
import type * as Core from '@actions/core'
import type { Ui } from '../model.js'

/** The Actions log, through @actions/core (loaded by action/main.ts, not by this module: see there). */
export function actionsUi(core: typeof Core): Ui {
  return {
    group: (name, fn) =>
      core.group(name, async () => {
        const started = Date.now()
        try {
          return await fn()
        } finally {
          core.info(`(${((Date.now() - started) / 1000).toFixed(2)}s)`)
        }
      }),
    info: (m) => core.info(m),
    notice: (m) => core.notice(m),
    warning: (m) => core.warning(m),
    mask: (secret) => core.setSecret(secret),
  }
}

export function terminalUi(write: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Ui {
  return {
    async group(name, fn) {
      write(`==> ${name}`)
      const started = Date.now()
      try {
        return await fn()
      } finally {
        write(`    (${((Date.now() - started) / 1000).toFixed(1)}s)`)
      }
    },
    info: (m) => write(m),
    notice: (m) => write(`note: ${m}`),
    warning: (m) => write(`warning: ${m}`),
  }
}
