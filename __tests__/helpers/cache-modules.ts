// The cache modules' exports in one namespace, as the cache tests name them.
export const cache = {
  ...(await import('../../src/cache/args.js')),
  ...(await import('../../src/cache/report.js')),
  ...(await import('../../src/cache/substituters.js')),
  ...(await import('../../src/cache/session.js')),
  ...(await import('../../src/cache/hooks.js')),
  ...(await import('../../src/cache/actions-cache.js')),
  ...(await import('../../src/cache/builder-image.js')),
}
