// What went wrong, as words: the message of whatever was thrown, and the last lines of a long one
// (a command's own complaint comes last).

export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}

export function lastLines(text: string, n = 6): string {
  return text.trim().split('\n').slice(-n).join('\n')
}
