// Jest reporter: writes the totals to $NCA_COUNTS (if set) so scripts/test.sh can add them up.
class CountReporter {
  onRunComplete(_contexts, results) {
    const file = process.env.NCA_COUNTS
    if (!file) return
    require('node:fs').appendFileSync(file, `${results.numPassedTests} ${results.numFailedTests + results.numRuntimeErrorTestSuites}\n`)
  }
}
module.exports = CountReporter
