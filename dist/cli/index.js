#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 73057:
/***/ ((module) => {

function isBuffer(value) {
  return Buffer.isBuffer(value) || value instanceof Uint8Array
}

function isEncoding(encoding) {
  return Buffer.isEncoding(encoding)
}

function alloc(size, fill, encoding) {
  return Buffer.alloc(size, fill, encoding)
}

function allocUnsafe(size) {
  return Buffer.allocUnsafe(size)
}

function allocUnsafeSlow(size) {
  return Buffer.allocUnsafeSlow(size)
}

function byteLength(string, encoding) {
  return Buffer.byteLength(string, encoding)
}

function compare(a, b) {
  return Buffer.compare(a, b)
}

function concat(buffers, totalLength) {
  return Buffer.concat(buffers, totalLength)
}

function copy(source, target, targetStart, start, end) {
  return toBuffer(source).copy(target, targetStart, start, end)
}

function equals(a, b) {
  return toBuffer(a).equals(b)
}

function fill(buffer, value, offset, end, encoding) {
  return toBuffer(buffer).fill(value, offset, end, encoding)
}

function from(value, encodingOrOffset, length) {
  return Buffer.from(value, encodingOrOffset, length)
}

function includes(buffer, value, byteOffset, encoding) {
  return toBuffer(buffer).includes(value, byteOffset, encoding)
}

function indexOf(buffer, value, byfeOffset, encoding) {
  return toBuffer(buffer).indexOf(value, byfeOffset, encoding)
}

function lastIndexOf(buffer, value, byteOffset, encoding) {
  return toBuffer(buffer).lastIndexOf(value, byteOffset, encoding)
}

function swap16(buffer) {
  return toBuffer(buffer).swap16()
}

function swap32(buffer) {
  return toBuffer(buffer).swap32()
}

function swap64(buffer) {
  return toBuffer(buffer).swap64()
}

function toBuffer(buffer) {
  if (Buffer.isBuffer(buffer)) return buffer
  return Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength)
}

function toString(buffer, encoding, start, end) {
  return toBuffer(buffer).toString(encoding, start, end)
}

function toHex(buffer, start, end) {
  return toBuffer(buffer).toString('hex', start, end)
}

function write(buffer, string, offset, length, encoding) {
  return toBuffer(buffer).write(string, offset, length, encoding)
}

function readDoubleBE(buffer, offset) {
  return toBuffer(buffer).readDoubleBE(offset)
}

function readDoubleLE(buffer, offset) {
  return toBuffer(buffer).readDoubleLE(offset)
}

function readFloatBE(buffer, offset) {
  return toBuffer(buffer).readFloatBE(offset)
}

function readFloatLE(buffer, offset) {
  return toBuffer(buffer).readFloatLE(offset)
}

function readInt32BE(buffer, offset) {
  return toBuffer(buffer).readInt32BE(offset)
}

function readInt32LE(buffer, offset) {
  return toBuffer(buffer).readInt32LE(offset)
}

function readUInt32BE(buffer, offset) {
  return toBuffer(buffer).readUInt32BE(offset)
}

function readUInt32LE(buffer, offset) {
  return toBuffer(buffer).readUInt32LE(offset)
}

function writeDoubleBE(buffer, value, offset) {
  return toBuffer(buffer).writeDoubleBE(value, offset)
}

function writeDoubleLE(buffer, value, offset) {
  return toBuffer(buffer).writeDoubleLE(value, offset)
}

function writeFloatBE(buffer, value, offset) {
  return toBuffer(buffer).writeFloatBE(value, offset)
}

function writeFloatLE(buffer, value, offset) {
  return toBuffer(buffer).writeFloatLE(value, offset)
}

function writeInt32BE(buffer, value, offset) {
  return toBuffer(buffer).writeInt32BE(value, offset)
}

function writeInt32LE(buffer, value, offset) {
  return toBuffer(buffer).writeInt32LE(value, offset)
}

function writeUInt32BE(buffer, value, offset) {
  return toBuffer(buffer).writeUInt32BE(value, offset)
}

function writeUInt32LE(buffer, value, offset) {
  return toBuffer(buffer).writeUInt32LE(value, offset)
}

module.exports = {
  isBuffer,
  isEncoding,
  alloc,
  allocUnsafe,
  allocUnsafeSlow,
  byteLength,
  compare,
  concat,
  copy,
  equals,
  fill,
  from,
  includes,
  indexOf,
  lastIndexOf,
  swap16,
  swap32,
  swap64,
  toBuffer,
  toString,
  toHex,
  write,
  readDoubleBE,
  readDoubleLE,
  readFloatBE,
  readFloatLE,
  readInt32BE,
  readInt32LE,
  readUInt32BE,
  readUInt32LE,
  writeDoubleBE,
  writeDoubleLE,
  writeFloatBE,
  writeFloatLE,
  writeInt32BE,
  writeInt32LE,
  writeUInt32BE,
  writeUInt32LE
}


/***/ }),

/***/ 29580:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

module.exports = __nccwpck_require__(24434)


/***/ }),

/***/ 13587:
/***/ ((module) => {

module.exports = class FixedFIFO {
  constructor (hwm) {
    if (!(hwm > 0) || ((hwm - 1) & hwm) !== 0) throw new Error('Max size for a FixedFIFO should be a power of two')
    this.buffer = new Array(hwm)
    this.mask = hwm - 1
    this.top = 0
    this.btm = 0
    this.next = null
  }

  clear () {
    this.top = this.btm = 0
    this.next = null
    this.buffer.fill(undefined)
  }

  push (data) {
    if (this.buffer[this.top] !== undefined) return false
    this.buffer[this.top] = data
    this.top = (this.top + 1) & this.mask
    return true
  }

  shift () {
    const last = this.buffer[this.btm]
    if (last === undefined) return undefined
    this.buffer[this.btm] = undefined
    this.btm = (this.btm + 1) & this.mask
    return last
  }

  peek () {
    return this.buffer[this.btm]
  }

  isEmpty () {
    return this.buffer[this.btm] === undefined
  }
}


/***/ }),

/***/ 83867:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

const FixedFIFO = __nccwpck_require__(13587)

module.exports = class FastFIFO {
  constructor (hwm) {
    this.hwm = hwm || 16
    this.head = new FixedFIFO(this.hwm)
    this.tail = this.head
    this.length = 0
  }

  clear () {
    this.head = this.tail
    this.head.clear()
    this.length = 0
  }

  push (val) {
    this.length++
    if (!this.head.push(val)) {
      const prev = this.head
      this.head = prev.next = new FixedFIFO(2 * this.head.buffer.length)
      this.head.push(val)
    }
  }

  shift () {
    if (this.length !== 0) this.length--
    const val = this.tail.shift()
    if (val === undefined && this.tail.next) {
      const next = this.tail.next
      this.tail.next = null
      this.tail = next
      return this.tail.shift()
    }

    return val
  }

  peek () {
    const val = this.tail.peek()
    if (val === undefined && this.tail.next) return this.tail.next.peek()
    return val
  }

  isEmpty () {
    return this.length === 0
  }
}


/***/ }),

/***/ 87091:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

/*!
Copyright (c) the purl authors

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
*/


const {
  PackageURL,
  PurlComponent,
  PurlQualifierNames,
  PurlType
} = __nccwpck_require__(36686)

module.exports = {
  PackageURL,
  PurlComponent,
  PurlQualifierNames,
  PurlType
}


/***/ }),

/***/ 93779:
/***/ ((module) => {



const LOOP_SENTINEL = 1_000_000

const REUSED_SEARCH_PARAMS = new URLSearchParams()

const REUSED_SEARCH_PARAMS_KEY = '_'

const REUSED_SEARCH_PARAMS_OFFSET = 2 // '_='.length

module.exports = {
    LOOP_SENTINEL,
    REUSED_SEARCH_PARAMS,
    REUSED_SEARCH_PARAMS_KEY,
    REUSED_SEARCH_PARAMS_OFFSET
}


/***/ }),

/***/ 50782:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const { PurlError } = __nccwpck_require__(616)

const { decodeURIComponent } = globalThis

function decodePurlComponent(comp, encodedURIComponent) {
    try {
        return decodeURIComponent(encodedURIComponent)
    } catch {}
    throw new PurlError(`unable to decode "${comp}" component`)
}

module.exports = {
    decodePurlComponent
}


/***/ }),

/***/ 75954:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const {
    REUSED_SEARCH_PARAMS,
    REUSED_SEARCH_PARAMS_KEY,
    REUSED_SEARCH_PARAMS_OFFSET
} = __nccwpck_require__(93779)
const { isObject } = __nccwpck_require__(57018)
const { isNonEmptyString } = __nccwpck_require__(22764)

const { encodeURIComponent } = globalThis

function encodeNamespace(namespace) {
    return isNonEmptyString(namespace)
        ? encodeURIComponent(namespace)
              .replace(/%3A/g, ':')
              .replace(/%2F/g, '/')
        : ''
}

function encodeQualifierParam(param) {
    if (isNonEmptyString(param)) {
        // Param key and value are encoded with `percentEncodeSet` of
        // 'application/x-www-form-urlencoded' and `spaceAsPlus` of `true`.
        // https://url.spec.whatwg.org/#urlencoded-serializing
        REUSED_SEARCH_PARAMS.set(REUSED_SEARCH_PARAMS_KEY, param)
        return replacePlusSignWithPercentEncodedSpace(
            REUSED_SEARCH_PARAMS.toString().slice(REUSED_SEARCH_PARAMS_OFFSET)
        )
    }
    return ''
}

function encodeQualifiers(qualifiers) {
    if (isObject(qualifiers)) {
        // Sort this list of qualifier strings lexicographically.
        const qualifiersKeys = Object.keys(qualifiers).sort()
        const searchParams = new URLSearchParams()
        for (let i = 0, { length } = qualifiersKeys; i < length; i += 1) {
            const key = qualifiersKeys[i]
            searchParams.set(key, qualifiers[key])
        }
        return replacePlusSignWithPercentEncodedSpace(searchParams.toString())
    }
    return ''
}

function encodeSubpath(subpath) {
    return isNonEmptyString(subpath)
        ? encodeURIComponent(subpath).replace(/%2F/g, '/')
        : ''
}

function encodeVersion(version) {
    return isNonEmptyString(version)
        ? encodeURIComponent(version).replace(/%3A/g, ':').replace(/%2B/g, '+')
        : ''
}

function replacePlusSignWithPercentEncodedSpace(str) {
    // Convert plus signs to %20 for better portability.
    return str.replace(/\+/g, '%20')
}

module.exports = {
    encodeNamespace,
    encodeVersion,
    encodeQualifiers,
    encodeQualifierParam,
    encodeSubpath,
    encodeURIComponent
}


/***/ }),

/***/ 616:
/***/ ((module) => {



function formatPurlErrorMessage(message = '') {
    const { length } = message
    let formatted = ''
    if (length) {
        // Lower case start of message.
        const code0 = message.charCodeAt(0)
        formatted =
            code0 >= 65 /*'A'*/ || code0 <= 90 /*'Z'*/
                ? `${message[0].toLowerCase()}${message.slice(1)}`
                : message
        // Remove period from end of message.
        if (
            length > 1 &&
            message.charCodeAt(length - 1) === 46 /*'.'*/ &&
            message.charCodeAt(length - 2) !== 46
        ) {
            formatted = formatted.slice(0, -1)
        }
    }
    return `Invalid purl: ${formatted}`
}

class PurlError extends Error {
    constructor(message) {
        super(formatPurlErrorMessage(message))
    }
}

module.exports = {
    formatPurlErrorMessage,
    PurlError
}


/***/ }),

/***/ 54947:
/***/ ((module) => {



function createHelpersNamespaceObject(helpers, options_ = {}) {
    const { comparator, ...defaults } = { __proto__: null, ...options_ }
    const helperNames = Object.keys(helpers).sort()
    const propNames = [
        ...new Set([...Object.values(helpers)].map(Object.keys).flat())
    ].sort(comparator)
    const nsObject = Object.create(null)
    for (let i = 0, { length } = propNames; i < length; i += 1) {
        const propName = propNames[i]
        const helpersForProp = Object.create(null)
        for (
            let j = 0, { length: length_j } = helperNames;
            j < length_j;
            j += 1
        ) {
            const helperName = helperNames[j]
            const helperValue =
                helpers[helperName][propName] ?? defaults[helperName]
            if (helperValue !== undefined) {
                helpersForProp[helperName] = helperValue
            }
        }
        nsObject[propName] = helpersForProp
    }
    return nsObject
}

module.exports = {
    createHelpersNamespaceObject
}


/***/ }),

/***/ 86808:
/***/ ((module) => {



function isNullishOrEmptyString(value) {
    return (
        value === null ||
        value === undefined ||
        (typeof value === 'string' && value.length === 0)
    )
}

module.exports = {
    isNullishOrEmptyString
}


/***/ }),

/***/ 44265:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const { isObject } = __nccwpck_require__(57018)
const { isBlank } = __nccwpck_require__(22764)

function normalizeName(rawName) {
    return typeof rawName === 'string' ? rawName.trim() : undefined
}

function normalizeNamespace(rawNamespace) {
    return typeof rawNamespace === 'string'
        ? normalizePath(rawNamespace)
        : undefined
}

function normalizePath(pathname, callback) {
    let collapsed = ''
    let start = 0
    // Leading and trailing slashes, i.e. '/', are not significant and should be
    // stripped in the canonical form.
    while (pathname.charCodeAt(start) === 47 /*'/'*/) {
        start += 1
    }
    let nextIndex = pathname.indexOf('/', start)
    if (nextIndex === -1) {
        return pathname.slice(start)
    }
    // Discard any empty string segments by collapsing repeated segment
    // separator slashes, i.e. '/'.
    while (nextIndex !== -1) {
        const segment = pathname.slice(start, nextIndex)
        if (callback === undefined || callback(segment)) {
            collapsed =
                collapsed + (collapsed.length === 0 ? '' : '/') + segment
        }
        start = nextIndex + 1
        while (pathname.charCodeAt(start) === 47) {
            start += 1
        }
        nextIndex = pathname.indexOf('/', start)
    }
    const lastSegment = pathname.slice(start)
    if (
        lastSegment.length !== 0 &&
        (callback === undefined || callback(lastSegment))
    ) {
        collapsed = collapsed + '/' + lastSegment
    }
    return collapsed
}

function normalizeQualifiers(rawQualifiers) {
    let qualifiers
    for (const { 0: key, 1: value } of qualifiersToEntries(rawQualifiers)) {
        const strValue = typeof value === 'string' ? value : String(value)
        const trimmed = strValue.trim()
        // A key=value pair with an empty value is the same as no key/value
        // at all for this key.
        if (trimmed.length === 0) {
            continue
        }
        if (qualifiers === undefined) {
            qualifiers = { __proto__: null }
        }
        // A key is case insensitive. The canonical form is lowercase.
        qualifiers[key.toLowerCase()] = trimmed
    }
    return qualifiers
}

function normalizeSubpath(rawSubpath) {
    return typeof rawSubpath === 'string'
        ? normalizePath(rawSubpath, subpathFilter)
        : undefined
}

function normalizeType(rawType) {
    // The type must NOT be percent-encoded.
    // The type is case insensitive. The canonical form is lowercase.
    return typeof rawType === 'string'
        ? rawType.trim().toLowerCase()
        : undefined
}

function normalizeVersion(rawVersion) {
    return typeof rawVersion === 'string' ? rawVersion.trim() : undefined
}

function qualifiersToEntries(rawQualifiers) {
    if (isObject(rawQualifiers)) {
        return rawQualifiers instanceof URLSearchParams
            ? rawQualifiers.entries()
            : Object.entries(rawQualifiers)
    }
    return typeof rawQualifiers === 'string'
        ? new URLSearchParams(rawQualifiers).entries()
        : Object.entries({})
}

function subpathFilter(segment) {
    // When percent-decoded, a segment
    //   - must not be any of '.' or '..'
    //   - must not be empty
    const { length } = segment
    if (length === 1 && segment.charCodeAt(0) === 46 /*'.'*/) return false
    if (
        length === 2 &&
        segment.charCodeAt(0) === 46 &&
        segment.charCodeAt(1) === 46
    ) {
        return false
    }
    return !isBlank(segment)
}

module.exports = {
    normalizeName,
    normalizeNamespace,
    normalizePath,
    normalizeQualifiers,
    normalizeSubpath,
    normalizeType,
    normalizeVersion
}


/***/ }),

/***/ 57018:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const { LOOP_SENTINEL } = __nccwpck_require__(93779)

function isObject(value) {
    return value !== null && typeof value === 'object'
}

function recursiveFreeze(value_) {
    if (
        value_ === null ||
        !(typeof value_ === 'object' || typeof value_ === 'function') ||
        Object.isFrozen(value_)
    ) {
        return value_
    }
    const queue = [value_]
    let { length: queueLength } = queue
    let pos = 0
    while (pos < queueLength) {
        if (pos === LOOP_SENTINEL) {
            throw new Error(
                'Detected infinite loop in object crawl of recursiveFreeze'
            )
        }
        const obj = queue[pos++]
        Object.freeze(obj)
        if (Array.isArray(obj)) {
            for (let i = 0, { length } = obj; i < length; i += 1) {
                const item = obj[i]
                if (
                    item !== null &&
                    (typeof item === 'object' || typeof item === 'function') &&
                    !Object.isFrozen(item)
                ) {
                    queue[queueLength++] = item
                }
            }
        } else {
            const keys = Reflect.ownKeys(obj)
            for (let i = 0, { length } = keys; i < length; i += 1) {
                const propValue = obj[keys[i]]
                if (
                    propValue !== null &&
                    (typeof propValue === 'object' ||
                        typeof propValue === 'function') &&
                    !Object.isFrozen(propValue)
                ) {
                    queue[queueLength++] = propValue
                }
            }
        }
    }
    return value_
}

module.exports = {
    isObject,
    recursiveFreeze
}


/***/ }),

/***/ 36686:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

/*!
Copyright (c) the purl authors

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
*/


const { decodePurlComponent } = __nccwpck_require__(50782)
const { isObject, recursiveFreeze } = __nccwpck_require__(57018)
const { isBlank, isNonEmptyString, trimLeadingSlashes } = __nccwpck_require__(22764)

const { PurlComponent } = __nccwpck_require__(71487)
const { PurlQualifierNames } = __nccwpck_require__(37197)
const { PurlType } = __nccwpck_require__(48958)
const { PurlError } = __nccwpck_require__(616)

class PackageURL {
    static Component = recursiveFreeze(PurlComponent)
    static KnownQualifierNames = recursiveFreeze(PurlQualifierNames)
    static Type = recursiveFreeze(PurlType)

    constructor(
        rawType,
        rawNamespace,
        rawName,
        rawVersion,
        rawQualifiers,
        rawSubpath
    ) {
        const type = isNonEmptyString(rawType)
            ? PurlComponent.type.normalize(rawType)
            : rawType
        PurlComponent.type.validate(type, true)

        const namespace = isNonEmptyString(rawNamespace)
            ? PurlComponent.namespace.normalize(rawNamespace)
            : rawNamespace
        PurlComponent.namespace.validate(namespace, true)

        const name = isNonEmptyString(rawName)
            ? PurlComponent.name.normalize(rawName)
            : rawName
        PurlComponent.name.validate(name, true)

        const version = isNonEmptyString(rawVersion)
            ? PurlComponent.version.normalize(rawVersion)
            : rawVersion
        PurlComponent.version.validate(version, true)

        const qualifiers =
            typeof rawQualifiers === 'string' || isObject(rawQualifiers)
                ? PurlComponent.qualifiers.normalize(rawQualifiers)
                : rawQualifiers
        PurlComponent.qualifiers.validate(qualifiers, true)

        const subpath = isNonEmptyString(rawSubpath)
            ? PurlComponent.subpath.normalize(rawSubpath)
            : rawSubpath
        PurlComponent.subpath.validate(subpath, true)

        this.type = type
        this.name = name
        this.namespace = namespace ?? undefined
        this.version = version ?? undefined
        this.qualifiers = qualifiers ?? undefined
        this.subpath = subpath ?? undefined

        const typeHelpers = PurlType[type]
        if (typeHelpers) {
            typeHelpers.normalize(this)
            typeHelpers.validate(this, true)
        }
    }

    toString() {
        const { namespace, name, version, qualifiers, subpath, type } = this
        let purlStr = `pkg:${PurlComponent.type.encode(type)}/`
        if (namespace) {
            purlStr = `${purlStr}${PurlComponent.namespace.encode(namespace)}/`
        }
        purlStr = `${purlStr}${PurlComponent.name.encode(name)}`
        if (version) {
            purlStr = `${purlStr}@${PurlComponent.version.encode(version)}`
        }
        if (qualifiers) {
            purlStr = `${purlStr}?${PurlComponent.qualifiers.encode(qualifiers)}`
        }
        if (subpath) {
            purlStr = `${purlStr}#${PurlComponent.subpath.encode(subpath)}`
        }
        return purlStr
    }

    static fromString(purlStr) {
        return new PackageURL(...PackageURL.parseString(purlStr))
    }

    static parseString(purlStr) {
        // https://github.com/package-url/purl-spec/blob/master/PURL-SPECIFICATION.rst#how-to-parse-a-purl-string-in-its-components
        if (typeof purlStr !== 'string') {
            throw new Error('A purl string argument is required.')
        }
        if (isBlank(purlStr)) {
            return [
                undefined,
                undefined,
                undefined,
                undefined,
                undefined,
                undefined
            ]
        }

        // Split the remainder once from left on ':'.
        const colonIndex = purlStr.indexOf(':')
        // Use WHATWG URL to split up the purl string.
        //   - Split the purl string once from right on '#'
        //   - Split the remainder once from right on '?'
        //   - Split the remainder once from left on ':'
        let url
        let maybeUrlWithAuth
        if (colonIndex !== -1) {
            try {
                // Since a purl never contains a URL Authority, its scheme
                // must not be suffixed with double slash as in 'pkg://'
                // and should use instead 'pkg:'. Purl parsers must accept
                // URLs such as 'pkg://' and must ignore the '//'
                const beforeColon = purlStr.slice(0, colonIndex)
                const afterColon = purlStr.slice(colonIndex + 1)
                const trimmedAfterColon = trimLeadingSlashes(afterColon)
                url = new URL(`${beforeColon}:${trimmedAfterColon}`)
                maybeUrlWithAuth =
                    afterColon.length === trimmedAfterColon.length
                        ? url
                        : new URL(purlStr)
            } catch (e) {
                throw new PurlError('failed to parse as URL', {
                    cause: e
                })
            }
        }
        // The scheme is a constant with the value "pkg".
        if (url?.protocol !== 'pkg:') {
            throw new PurlError('missing required "pkg" scheme component')
        }
        // A purl must NOT contain a URL Authority i.e. there is no support for
        // username, password, host and port components.
        if (
            maybeUrlWithAuth.username !== '' ||
            maybeUrlWithAuth.password !== ''
        ) {
            throw new PurlError('cannot contain a "user:pass@host:port"')
        }

        const { pathname } = url
        const firstSlashIndex = pathname.indexOf('/')
        const rawType = decodePurlComponent(
            'type',
            firstSlashIndex === -1
                ? pathname
                : pathname.slice(0, firstSlashIndex)
        )
        if (firstSlashIndex < 1) {
            return [
                rawType,
                undefined,
                undefined,
                undefined,
                undefined,
                undefined
            ]
        }

        let rawVersion
        let atSignIndex = pathname.lastIndexOf('@')
        // Handle unencoded leading '@' characters. This is a small break from
        // the specification to make parsing more forgiving so that users don't
        // have to deal with it.
        if (
            atSignIndex !== -1 &&
            pathname.charCodeAt(atSignIndex - 1) === 47 /*'/'*/
        ) {
            atSignIndex = -1
        }
        const beforeVersion = pathname.slice(
            rawType.length + 1,
            atSignIndex === -1 ? pathname.length : atSignIndex
        )
        if (atSignIndex !== -1) {
            // Split the remainder once from right on '@'.
            rawVersion = decodePurlComponent(
                'version',
                pathname.slice(atSignIndex + 1)
            )
        }

        let rawNamespace
        let rawName
        const lastSlashIndex = beforeVersion.lastIndexOf('/')
        if (lastSlashIndex === -1) {
            // Split the remainder once from right on '/'.
            rawName = decodePurlComponent('name', beforeVersion)
        } else {
            // Split the remainder once from right on '/'.
            rawName = decodePurlComponent(
                'name',
                beforeVersion.slice(lastSlashIndex + 1)
            )
            // Split the remainder on '/'.
            rawNamespace = decodePurlComponent(
                'namespace',
                beforeVersion.slice(0, lastSlashIndex)
            )
        }

        let rawQualifiers
        const { searchParams } = url
        if (searchParams.size !== 0) {
            searchParams.forEach((value) =>
                decodePurlComponent('qualifiers', value)
            )
            // Split the remainder once from right on '?'.
            rawQualifiers = searchParams
        }

        let rawSubpath
        const { hash } = url
        if (hash.length !== 0) {
            // Split the purl string once from right on '#'.
            rawSubpath = decodePurlComponent('subpath', hash.slice(1))
        }

        return [
            rawType,
            rawNamespace,
            rawName,
            rawVersion,
            rawQualifiers,
            rawSubpath
        ]
    }
}

for (const staticProp of ['Component', 'KnownQualifierNames', 'Type']) {
    Reflect.defineProperty(PackageURL, staticProp, {
        ...Reflect.getOwnPropertyDescriptor(PackageURL, staticProp),
        writable: false
    })
}

Reflect.setPrototypeOf(PackageURL.prototype, null)

module.exports = {
    PackageURL,
    PurlComponent,
    PurlQualifierNames,
    PurlType
}


/***/ }),

/***/ 71487:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const {
    encodeNamespace,
    encodeVersion,
    encodeQualifiers,
    encodeQualifierParam,
    encodeSubpath,
    encodeURIComponent
} = __nccwpck_require__(75954)

const { createHelpersNamespaceObject } = __nccwpck_require__(54947)

const {
    normalizeType,
    normalizeNamespace,
    normalizeName,
    normalizeVersion,
    normalizeQualifiers,
    normalizeSubpath
} = __nccwpck_require__(44265)

const { localeCompare, isNonEmptyString } = __nccwpck_require__(22764)

const {
    validateType,
    validateNamespace,
    validateName,
    validateVersion,
    validateQualifiers,
    validateQualifierKey,
    validateSubpath
} = __nccwpck_require__(93206)

const PurlComponentEncoder = (comp) =>
    isNonEmptyString(comp) ? encodeURIComponent(comp) : ''

const PurlComponentStringNormalizer = (comp) =>
    typeof comp === 'string' ? comp : undefined

const PurlComponentValidator = (_comp, _throws) => true

const componentSortOrderLookup = {
    __proto__: null,
    type: 0,
    namespace: 1,
    name: 2,
    version: 3,
    qualifiers: 4,
    qualifierKey: 5,
    qualifierValue: 6,
    subpath: 7
}

function componentSortOrder(comp) {
    return componentSortOrderLookup[comp] ?? comp
}

function componentComparator(compA, compB) {
    return localeCompare(componentSortOrder(compA), componentSortOrder(compB))
}

module.exports = {
    // Rules for each purl component:
    // https://github.com/package-url/purl-spec/blob/master/PURL-SPECIFICATION.rst#rules-for-each-purl-component
    PurlComponent: createHelpersNamespaceObject(
        {
            encode: {
                namespace: encodeNamespace,
                version: encodeVersion,
                qualifiers: encodeQualifiers,
                qualifierKey: encodeQualifierParam,
                qualifierValue: encodeQualifierParam,
                subpath: encodeSubpath
            },
            normalize: {
                type: normalizeType,
                namespace: normalizeNamespace,
                name: normalizeName,
                version: normalizeVersion,
                qualifiers: normalizeQualifiers,
                subpath: normalizeSubpath
            },
            validate: {
                type: validateType,
                namespace: validateNamespace,
                name: validateName,
                version: validateVersion,
                qualifierKey: validateQualifierKey,
                qualifiers: validateQualifiers,
                subpath: validateSubpath
            }
        },
        {
            comparator: componentComparator,
            encode: PurlComponentEncoder,
            normalize: PurlComponentStringNormalizer,
            validate: PurlComponentValidator
        }
    )
}


/***/ }),

/***/ 37197:
/***/ ((module) => {



module.exports = {
    // Known qualifiers:
    // https://github.com/package-url/purl-spec/blob/master/PURL-SPECIFICATION.rst#known-qualifiers-keyvalue-pairs
    PurlQualifierNames: {
        __proto__: null,
        RepositoryUrl: 'repository_url',
        DownloadUrl: 'download_url',
        VcsUrl: 'vcs_url',
        FileName: 'file_name',
        Checksum: 'checksum'
    }
}


/***/ }),

/***/ 48958:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const { isNullishOrEmptyString } = __nccwpck_require__(86808)

const { createHelpersNamespaceObject } = __nccwpck_require__(54947)

const {
    isSemverString,
    lowerName,
    lowerNamespace,
    lowerVersion,
    replaceDashesWithUnderscores,
    replaceUnderscoresWithDashes
} = __nccwpck_require__(22764)

const { validateEmptyByType, validateRequiredByType } = __nccwpck_require__(93206)
const { PurlError } = __nccwpck_require__(616)

const PurlTypNormalizer = (purl) => purl

const PurlTypeValidator = (_purl, _throws) => true

module.exports = {
    // PURL types:
    // https://github.com/package-url/purl-spec/blob/master/PURL-TYPES.rst
    PurlType: createHelpersNamespaceObject(
        {
            normalize: {
                // https://github.com/package-url/purl-spec/blob/master/PURL-TYPES.rst#alpm
                alpm(purl) {
                    lowerNamespace(purl)
                    lowerName(purl)
                    return purl
                },
                // https://github.com/package-url/purl-spec/blob/master/PURL-TYPES.rst#apk
                apk(purl) {
                    lowerNamespace(purl)
                    lowerName(purl)
                    return purl
                },
                // https://github.com/package-url/purl-spec/blob/master/PURL-TYPES.rst#bitbucket
                bitbucket(purl) {
                    lowerNamespace(purl)
                    lowerName(purl)
                    return purl
                },
                // https://github.com/package-url/purl-spec/blob/master/PURL-TYPES.rst#bitnami
                bitnami(purl) {
                    lowerName(purl)
                    return purl
                },
                // https://github.com/package-url/purl-spec/blob/master/PURL-TYPES.rst#composer
                composer(purl) {
                    lowerNamespace(purl)
                    lowerName(purl)
                    return purl
                },
                // https://github.com/package-url/purl-spec/blob/master/PURL-TYPES.rst#deb
                deb(purl) {
                    lowerNamespace(purl)
                    lowerName(purl)
                    return purl
                },
                // https://github.com/package-url/purl-spec/blob/master/PURL-TYPES.rst#other-candidate-types-to-define
                gitlab(purl) {
                    lowerNamespace(purl)
                    lowerName(purl)
                    return purl
                },
                // https://github.com/package-url/purl-spec/blob/master/PURL-TYPES.rst#github
                github(purl) {
                    lowerNamespace(purl)
                    lowerName(purl)
                    return purl
                },
                // https://github.com/package-url/purl-spec/blob/master/PURL-TYPES.rst#golang
                // golang(purl) {
                //     // Ignore case-insensitive rule because go.mod are case-sensitive.
                //     // Pending spec change: https://github.com/package-url/purl-spec/pull/196
                //     lowerNamespace(purl)
                //     lowerName(purl)
                //     return purl
                // },
                // https://github.com/package-url/purl-spec/blob/master/PURL-TYPES.rst#hex
                hex(purl) {
                    lowerNamespace(purl)
                    lowerName(purl)
                    return purl
                },
                // https://github.com/package-url/purl-spec/blob/master/PURL-TYPES.rst#huggingface
                huggingface(purl) {
                    lowerVersion(purl)
                    return purl
                },
                // https://github.com/package-url/purl-spec/blob/master/PURL-TYPES.rst#mlflow
                mlflow(purl) {
                    if (
                        purl.qualifiers?.repository_url?.includes('databricks')
                    ) {
                        lowerName(purl)
                    }
                    return purl
                },
                // https://github.com/package-url/purl-spec/blob/master/PURL-TYPES.rst#npm
                npm(purl) {
                    lowerNamespace(purl)
                    lowerName(purl)
                    return purl
                },
                // https://github.com/package-url/purl-spec/blob/master/PURL-TYPES.rst#luarocks
                luarocks(purl) {
                    lowerVersion(purl)
                    return purl
                },
                // https://github.com/package-url/purl-spec/blob/master/PURL-TYPES.rst#oci
                oci(purl) {
                    lowerName(purl)
                    return purl
                },
                // https://github.com/package-url/purl-spec/blob/master/PURL-TYPES.rst#pub
                pub(purl) {
                    lowerName(purl)
                    purl.name = replaceDashesWithUnderscores(purl.name)
                    return purl
                },
                // https://github.com/package-url/purl-spec/blob/master/PURL-TYPES.rst#pypi
                pypi(purl) {
                    lowerNamespace(purl)
                    lowerName(purl)
                    purl.name = replaceUnderscoresWithDashes(purl.name)
                    return purl
                },
                // https://github.com/package-url/purl-spec/blob/master/PURL-TYPES.rst#qpkg
                qpkg(purl) {
                    lowerNamespace(purl)
                    return purl
                },
                // https://github.com/package-url/purl-spec/blob/master/PURL-TYPES.rst#rpm
                rpm(purl) {
                    lowerNamespace(purl)
                    return purl
                }
            },
            validate: {
                // TODO: cocoapods name validation
                // TODO: cpan namespace validation
                // TODO: swid qualifier validation
                // https://github.com/package-url/purl-spec/blob/master/PURL-TYPES.rst#conan
                conan(purl, throws) {
                    if (isNullishOrEmptyString(purl.namespace)) {
                        if (purl.qualifiers?.channel) {
                            if (throws) {
                                throw new PurlError(
                                    'conan requires a "namespace" component when a "channel" qualifier is present'
                                )
                            }
                            return false
                        }
                    } else if (isNullishOrEmptyString(purl.qualifiers)) {
                        if (throws) {
                            throw new PurlError(
                                'conan requires a "qualifiers" component when a namespace is present'
                            )
                        }
                        return false
                    }
                    return true
                },
                // https://github.com/package-url/purl-spec/blob/master/PURL-TYPES.rst#cran
                cran(purl, throws) {
                    return validateRequiredByType(
                        'cran',
                        'version',
                        purl.version,
                        throws
                    )
                },
                // https://github.com/package-url/purl-spec/blob/master/PURL-TYPES.rst#golang
                golang(purl) {
                    // Still being lenient here since the standard changes aren't official.
                    // Pending spec change: https://github.com/package-url/purl-spec/pull/196
                    const { version } = purl
                    const length =
                        typeof version === 'string' ? version.length : 0
                    // If the version starts with a "v" then ensure its a valid semver version.
                    // This, by semver semantics, also supports pseudo-version number.
                    // https://go.dev/doc/modules/version-numbers#pseudo-version-number
                    if (
                        length &&
                        version.charCodeAt(0) === 118 /*'v'*/ &&
                        !isSemverString(version.slice(1))
                    ) {
                        if (throws) {
                            throw new PurlError(
                                'golang "version" component starting with a "v" must be followed by a valid semver version'
                            )
                        }
                        return false
                    }
                    return true
                },
                // https://github.com/package-url/purl-spec/blob/master/PURL-TYPES.rst#maven
                maven(purl, throws) {
                    return validateRequiredByType(
                        'maven',
                        'namespace',
                        purl.namespace,
                        throws
                    )
                },
                // https://github.com/package-url/purl-spec/blob/master/PURL-TYPES.rst#mlflow
                mlflow(purl, throws) {
                    return validateEmptyByType(
                        'mlflow',
                        'namespace',
                        purl.namespace,
                        throws
                    )
                },
                // https://github.com/package-url/purl-spec/blob/master/PURL-TYPES.rst#oci
                oci(purl, throws) {
                    return validateEmptyByType(
                        'oci',
                        'namespace',
                        purl.namespace,
                        throws
                    )
                },
                // https://github.com/package-url/purl-spec/blob/master/PURL-TYPES.rst#pub
                pub(purl, throws) {
                    const { name } = purl
                    for (let i = 0, { length } = name; i < length; i += 1) {
                        const code = name.charCodeAt(i)
                        // prettier-ignore
                        if (
                  !(
                      (
                          (code >= 48 && code <= 57)  || // 0-9
                          (code >= 97 && code <= 122) || // a-z
                          code === 95 // _
                      )
                  )
              ) {
                  if (throws) {
                      throw new PurlError(
                          'pub "name" component may only contain [a-z0-9_] characters'
                      )
                  }
                  return false
              }
                    }
                    return true
                },
                // https://github.com/package-url/purl-spec/blob/master/PURL-TYPES.rst#swift
                swift(purl, throws) {
                    return (
                        validateRequiredByType(
                            'swift',
                            'namespace',
                            purl.namespace,
                            throws
                        ) &&
                        validateRequiredByType(
                            'swift',
                            'version',
                            purl.version,
                            throws
                        )
                    )
                }
            }
        },
        {
            normalize: PurlTypNormalizer,
            validate: PurlTypeValidator
        }
    )
}


/***/ }),

/***/ 22764:
/***/ ((module) => {



// Intl.Collator is faster than String#localeCompare
// https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/String/localeCompare:
// > When comparing large numbers of strings, such as in sorting large arrays,
// > it is better to create an Intl.Collator object and use the function provided
// > by its compare() method.
const { compare: localeCompare } = new Intl.Collator()

// This regexp is valid as of 2024-08-01.
// https://semver.org/#is-there-a-suggested-regular-expression-regex-to-check-a-semver-string
const regexSemverNumberedGroups =
    /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/

function isBlank(str) {
    for (let i = 0, { length } = str; i < length; i += 1) {
        const code = str.charCodeAt(i)
        // prettier-ignore
        if (
            !(
                // Whitespace characters according to ECMAScript spec:
                // https://tc39.es/ecma262/#sec-white-space
                (
                    code === 0x0020 || // Space
                    code === 0x0009 || // Tab
                    code === 0x000a || // Line Feed
                    code === 0x000b || // Vertical Tab
                    code === 0x000c || // Form Feed
                    code === 0x000d || // Carriage Return
                    code === 0x00a0 || // No-Break Space
                    code === 0x1680 || // Ogham Space Mark
                    code === 0x2000 || // En Quad
                    code === 0x2001 || // Em Quad
                    code === 0x2002 || // En Space
                    code === 0x2003 || // Em Space
                    code === 0x2004 || // Three-Per-Em Space
                    code === 0x2005 || // Four-Per-Em Space
                    code === 0x2006 || // Six-Per-Em Space
                    code === 0x2007 || // Figure Space
                    code === 0x2008 || // Punctuation Space
                    code === 0x2009 || // Thin Space
                    code === 0x200a || // Hair Space
                    code === 0x2028 || // Line Separator
                    code === 0x2029 || // Paragraph Separator
                    code === 0x202f || // Narrow No-Break Space
                    code === 0x205f || // Medium Mathematical Space
                    code === 0x3000 || // Ideographic Space
                    code === 0xfeff    // Byte Order Mark
                )
            )
        ) {
            return false
        }
    }
    return true
}

function isNonEmptyString(value) {
    return typeof value === 'string' && value.length > 0
}

function isSemverString(value) {
    return typeof value === 'string' && regexSemverNumberedGroups.test(value)
}

function lowerName(purl) {
    purl.name = purl.name.toLowerCase()
}

function lowerNamespace(purl) {
    const { namespace } = purl
    if (typeof namespace === 'string') {
        purl.namespace = namespace.toLowerCase()
    }
}

function lowerVersion(purl) {
    const { version } = purl
    if (typeof version === 'string') {
        purl.version = version.toLowerCase()
    }
}

function replaceDashesWithUnderscores(str) {
    // Replace all "-" with "_"
    let result = ''
    let fromIndex = 0
    let index = 0
    while ((index = str.indexOf('-', fromIndex)) !== -1) {
        result = result + str.slice(fromIndex, index) + '_'
        fromIndex = index + 1
    }
    return fromIndex ? result + str.slice(fromIndex) : str
}

function replaceUnderscoresWithDashes(str) {
    // Replace all "_" with "-"
    let result = ''
    let fromIndex = 0
    let index = 0
    while ((index = str.indexOf('_', fromIndex)) !== -1) {
        result = result + str.slice(fromIndex, index) + '-'
        fromIndex = index + 1
    }
    return fromIndex ? result + str.slice(fromIndex) : str
}

function trimLeadingSlashes(str) {
    let start = 0
    while (str.charCodeAt(start) === 47 /*'/'*/) {
        start += 1
    }
    return start === 0 ? str : str.slice(start)
}

module.exports = {
    isBlank,
    isNonEmptyString,
    isSemverString,
    localeCompare,
    lowerName,
    lowerNamespace,
    lowerVersion,
    replaceDashesWithUnderscores,
    replaceUnderscoresWithDashes,
    trimLeadingSlashes
}


/***/ }),

/***/ 93206:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const { PurlError } = __nccwpck_require__(616)
const { isNullishOrEmptyString } = __nccwpck_require__(86808)
const { isNonEmptyString } = __nccwpck_require__(22764)

function validateEmptyByType(type, name, value, throws) {
    if (!isNullishOrEmptyString(value)) {
        if (throws) {
            throw new PurlError(`${type} "${name}" component must be empty`)
        }
        return false
    }
    return true
}

function validateName(name, throws) {
    return (
        validateRequired('name', name, throws) &&
        validateStrings('name', name, throws)
    )
}

function validateNamespace(namespace, throws) {
    return validateStrings('namespace', namespace, throws)
}

function validateQualifiers(qualifiers, throws) {
    if (qualifiers === null || qualifiers === undefined) {
        return true
    }
    if (typeof qualifiers !== 'object') {
        if (throws) {
            throw new PurlError('"qualifiers" must be an object')
        }
        return false
    }
    const keysIterable =
        // URL searchParams have an "keys" method that returns an iterator.
        typeof qualifiers.keys === 'function'
            ? qualifiers.keys()
            : Object.keys(qualifiers)
    for (const key of keysIterable) {
        if (!validateQualifierKey(key, throws)) {
            return false
        }
    }
    return true
}

function validateQualifierKey(key, throws) {
    // A key cannot start with a number.
    if (!validateStartsWithoutNumber('qualifier', key, throws)) {
        return false
    }
    // The key must be composed only of ASCII letters and numbers,
    // '.', '-' and '_' (period, dash and underscore).
    for (let i = 0, { length } = key; i < length; i += 1) {
        const code = key.charCodeAt(i)
        // prettier-ignore
        if (
            !(
                (
                    (code >= 48 && code <= 57)  || // 0-9
                    (code >= 65 && code <= 90)  || // A-Z
                    (code >= 97 && code <= 122) || // a-z
                    code === 46 || // .
                    code === 45 || // -
                    code === 95    // _
                )
            )
        ) {
            if (throws) {
                throw new PurlError(
                    `qualifier "${key}" contains an illegal character`
                )
            }
            return false
        }
    }
    return true
}

function validateRequired(name, value, throws) {
    if (isNullishOrEmptyString(value)) {
        if (throws) {
            throw new PurlError(`"${name}" is a required component`)
        }
        return false
    }
    return true
}

function validateRequiredByType(type, name, value, throws) {
    if (isNullishOrEmptyString(value)) {
        if (throws) {
            throw new PurlError(`${type} requires a "${name}" component`)
        }
        return false
    }
    return true
}

function validateStartsWithoutNumber(name, value, throws) {
    if (isNonEmptyString(value)) {
        const code = value.charCodeAt(0)
        if (code >= 48 /*'0'*/ && code <= 57 /*'9'*/) {
            if (throws) {
                throw new PurlError(
                    `${name} "${value}" cannot start with a number`
                )
            }
            return false
        }
    }
    return true
}

function validateStrings(name, value, throws) {
    if (value === null || value === undefined || typeof value === 'string') {
        return true
    }
    if (throws) {
        throw new PurlError(`"'${name}" must be a string`)
    }
    return false
}

function validateSubpath(subpath, throws) {
    return validateStrings('subpath', subpath, throws)
}

function validateType(type, throws) {
    // The type cannot be nullish, an empty string, or start with a number.
    if (
        !validateRequired('type', type, throws) ||
        !validateStrings('type', type, throws) ||
        !validateStartsWithoutNumber('type', type, throws)
    ) {
        return false
    }
    // The package type is composed only of ASCII letters and numbers,
    // '.', '+' and '-' (period, plus, and dash)
    for (let i = 0, { length } = type; i < length; i += 1) {
        const code = type.charCodeAt(i)
        // prettier-ignore
        if (
            !(
                (
                    (code >= 48 && code <= 57)  || // 0-9
                    (code >= 65 && code <= 90)  || // A-Z
                    (code >= 97 && code <= 122) || // a-z
                    code === 46 || // .
                    code === 43 || // +
                    code === 45    // -
                )
            )
        ) {
            if (throws) {
                throw new PurlError(
                    `type "${type}" contains an illegal character`
                )
            }
            return false
        }
    }
    return true
}

function validateVersion(version, throws) {
    return validateStrings('version', version, throws)
}

module.exports = {
    validateEmptyByType,
    validateName,
    validateNamespace,
    validateQualifiers,
    validateQualifierKey,
    validateRequired,
    validateRequiredByType,
    validateStartsWithoutNumber,
    validateStrings,
    validateSubpath,
    validateType,
    validateVersion
}


/***/ }),

/***/ 36204:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

const { EventEmitter } = __nccwpck_require__(29580)
const FIFO = __nccwpck_require__(83867)
const TextDecoder = __nccwpck_require__(97934)

const StreamError = __nccwpck_require__(45657)

// if we do a future major, expect queue microtask to be there always, for now a bit defensive
const qmt =
  typeof queueMicrotask === 'undefined' ? (fn) => global.process.nextTick(fn) : queueMicrotask

// 29 bits used total (4 from shared, 14 from read, and 11 from write)
const MAX = (1 << 29) - 1

// Shared state
const OPENING = 0b0001
const PREDESTROYING = 0b0010
const DESTROYING = 0b0100
const DESTROYED = 0b1000

const NOT_OPENING = MAX ^ OPENING
const NOT_PREDESTROYING = MAX ^ PREDESTROYING

// Read state (4 bit offset from shared state)
const READ_ACTIVE = 0b00000000000001 << 4
const READ_UPDATING = 0b00000000000010 << 4
const READ_PRIMARY = 0b00000000000100 << 4
const READ_QUEUED = 0b00000000001000 << 4
const READ_RESUMED = 0b00000000010000 << 4
const READ_PIPE_DRAINED = 0b00000000100000 << 4
const READ_ENDING = 0b00000001000000 << 4
const READ_EMIT_DATA = 0b00000010000000 << 4
const READ_EMIT_READABLE = 0b00000100000000 << 4
const READ_EMITTED_READABLE = 0b00001000000000 << 4
const READ_DONE = 0b00010000000000 << 4
const READ_NEXT_TICK = 0b00100000000000 << 4
const READ_NEEDS_PUSH = 0b01000000000000 << 4
const READ_READ_AHEAD = 0b10000000000000 << 4

// Combined read state
const READ_FLOWING = READ_RESUMED | READ_PIPE_DRAINED
const READ_ACTIVE_AND_NEEDS_PUSH = READ_ACTIVE | READ_NEEDS_PUSH
const READ_PRIMARY_AND_ACTIVE = READ_PRIMARY | READ_ACTIVE
const READ_EMIT_READABLE_AND_QUEUED = READ_EMIT_READABLE | READ_QUEUED
const READ_RESUMED_READ_AHEAD = READ_RESUMED | READ_READ_AHEAD

const READ_NOT_ACTIVE = MAX ^ READ_ACTIVE
const READ_NON_PRIMARY = MAX ^ READ_PRIMARY
const READ_NON_PRIMARY_AND_PUSHED = MAX ^ (READ_PRIMARY | READ_NEEDS_PUSH)
const READ_PUSHED = MAX ^ READ_NEEDS_PUSH
const READ_PAUSED = MAX ^ READ_RESUMED
const READ_NOT_QUEUED = MAX ^ (READ_QUEUED | READ_EMITTED_READABLE)
const READ_NOT_ENDING = MAX ^ READ_ENDING
const READ_PIPE_NOT_DRAINED = MAX ^ READ_FLOWING
const READ_NOT_NEXT_TICK = MAX ^ READ_NEXT_TICK
const READ_NOT_UPDATING = MAX ^ READ_UPDATING
const READ_NO_READ_AHEAD = MAX ^ READ_READ_AHEAD
const READ_PAUSED_NO_READ_AHEAD = MAX ^ READ_RESUMED_READ_AHEAD

// Write state (18 bit offset, 4 bit offset from shared state and 14 from read state)
const WRITE_ACTIVE = 0b00000000001 << 18
const WRITE_UPDATING = 0b00000000010 << 18
const WRITE_PRIMARY = 0b00000000100 << 18
const WRITE_QUEUED = 0b00000001000 << 18
const WRITE_UNDRAINED = 0b00000010000 << 18
const WRITE_DONE = 0b00000100000 << 18
const WRITE_EMIT_DRAIN = 0b00001000000 << 18
const WRITE_NEXT_TICK = 0b00010000000 << 18
const WRITE_WRITING = 0b00100000000 << 18
const WRITE_FINISHING = 0b01000000000 << 18
const WRITE_CORKED = 0b10000000000 << 18

const WRITE_NOT_ACTIVE = MAX ^ (WRITE_ACTIVE | WRITE_WRITING)
const WRITE_NON_PRIMARY = MAX ^ WRITE_PRIMARY
const WRITE_NOT_FINISHING = MAX ^ (WRITE_ACTIVE | WRITE_FINISHING)
const WRITE_DRAINED = MAX ^ WRITE_UNDRAINED
const WRITE_NOT_QUEUED = MAX ^ WRITE_QUEUED
const WRITE_NOT_NEXT_TICK = MAX ^ WRITE_NEXT_TICK
const WRITE_NOT_UPDATING = MAX ^ WRITE_UPDATING
const WRITE_NOT_CORKED = MAX ^ WRITE_CORKED

// Combined shared state
const ACTIVE = READ_ACTIVE | WRITE_ACTIVE
const NOT_ACTIVE = MAX ^ ACTIVE
const DONE = READ_DONE | WRITE_DONE
const DESTROY_STATUS = DESTROYING | DESTROYED | PREDESTROYING
const OPEN_STATUS = DESTROY_STATUS | OPENING
const AUTO_DESTROY = DESTROY_STATUS | DONE
const NON_PRIMARY = WRITE_NON_PRIMARY & READ_NON_PRIMARY
const ACTIVE_OR_TICKING = WRITE_NEXT_TICK | READ_NEXT_TICK
const TICKING = ACTIVE_OR_TICKING & NOT_ACTIVE
const IS_OPENING = OPEN_STATUS | TICKING

// Combined shared state and read state
const READ_PRIMARY_STATUS = OPEN_STATUS | READ_ENDING | READ_DONE
const READ_STATUS = OPEN_STATUS | READ_DONE | READ_QUEUED
const READ_ENDING_STATUS = OPEN_STATUS | READ_ENDING | READ_QUEUED
const READ_READABLE_STATUS = OPEN_STATUS | READ_EMIT_READABLE | READ_QUEUED | READ_EMITTED_READABLE
const SHOULD_NOT_READ =
  OPEN_STATUS | READ_ACTIVE | READ_ENDING | READ_DONE | READ_NEEDS_PUSH | READ_READ_AHEAD
const READ_BACKPRESSURE_STATUS = DESTROY_STATUS | READ_ENDING | READ_DONE
const READ_UPDATE_SYNC_STATUS = READ_UPDATING | OPEN_STATUS | READ_NEXT_TICK | READ_PRIMARY
const READ_NEXT_TICK_OR_OPENING = READ_NEXT_TICK | OPENING

// Combined write state
const WRITE_PRIMARY_STATUS = OPEN_STATUS | WRITE_FINISHING | WRITE_DONE
const WRITE_QUEUED_AND_UNDRAINED = WRITE_QUEUED | WRITE_UNDRAINED
const WRITE_QUEUED_AND_ACTIVE = WRITE_QUEUED | WRITE_ACTIVE
const WRITE_DRAIN_STATUS = WRITE_QUEUED | WRITE_UNDRAINED | OPEN_STATUS | WRITE_ACTIVE
const WRITE_STATUS = OPEN_STATUS | WRITE_ACTIVE | WRITE_QUEUED | WRITE_CORKED
const WRITE_PRIMARY_AND_ACTIVE = WRITE_PRIMARY | WRITE_ACTIVE
const WRITE_ACTIVE_AND_WRITING = WRITE_ACTIVE | WRITE_WRITING
const WRITE_FINISHING_STATUS = OPEN_STATUS | WRITE_FINISHING | WRITE_QUEUED_AND_ACTIVE | WRITE_DONE
const WRITE_BACKPRESSURE_STATUS = WRITE_UNDRAINED | DESTROY_STATUS | WRITE_FINISHING | WRITE_DONE
const WRITE_UPDATE_SYNC_STATUS = WRITE_UPDATING | OPEN_STATUS | WRITE_NEXT_TICK | WRITE_PRIMARY
const WRITE_DROP_DATA = WRITE_FINISHING | WRITE_DONE | DESTROY_STATUS

const asyncIterator = Symbol.asyncIterator || Symbol('asyncIterator')

class WritableState {
  constructor(
    stream,
    { highWaterMark = 16384, map = null, mapWritable, byteLength, byteLengthWritable } = {}
  ) {
    this.stream = stream
    this.queue = new FIFO()
    this.highWaterMark = highWaterMark
    this.buffered = 0
    this.error = null
    this.pipeline = null
    this.drains = null // if we add more seldomly used helpers we might them into a subobject so its a single ptr
    this.byteLength = byteLengthWritable || byteLength || defaultByteLength
    this.map = mapWritable || map
    this.afterWrite = afterWrite.bind(this)
    this.afterUpdateNextTick = updateWriteNT.bind(this)
  }

  get ending() {
    return (this.stream._duplexState & WRITE_FINISHING) !== 0
  }

  get ended() {
    return (this.stream._duplexState & WRITE_DONE) !== 0
  }

  push(data) {
    if ((this.stream._duplexState & WRITE_DROP_DATA) !== 0) return false
    if (this.map !== null) data = this.map(data)

    this.buffered += this.byteLength(data)
    this.queue.push(data)

    if (this.buffered < this.highWaterMark) {
      this.stream._duplexState |= WRITE_QUEUED
      return true
    }

    this.stream._duplexState |= WRITE_QUEUED_AND_UNDRAINED
    return false
  }

  shift() {
    const data = this.queue.shift()

    this.buffered -= this.byteLength(data)
    if (this.buffered === 0) this.stream._duplexState &= WRITE_NOT_QUEUED

    return data
  }

  end(data) {
    if (typeof data === 'function') {
      this.stream.once('finish', data)
    } else if (data !== undefined && data !== null) {
      this.push(data)
    }

    this.stream._duplexState = (this.stream._duplexState | WRITE_FINISHING) & WRITE_NON_PRIMARY
  }

  autoBatch(data, cb) {
    const buffer = []
    const stream = this.stream

    buffer.push(data)
    while ((stream._duplexState & WRITE_STATUS) === WRITE_QUEUED_AND_ACTIVE) {
      buffer.push(stream._writableState.shift())
    }

    if ((stream._duplexState & OPEN_STATUS) !== 0) return cb(null)
    stream._writev(buffer, cb)
  }

  update() {
    const stream = this.stream

    stream._duplexState |= WRITE_UPDATING

    do {
      while ((stream._duplexState & WRITE_STATUS) === WRITE_QUEUED) {
        const data = this.shift()
        stream._duplexState |= WRITE_ACTIVE_AND_WRITING
        stream._write(data, this.afterWrite)
      }

      if ((stream._duplexState & WRITE_PRIMARY_AND_ACTIVE) === 0) this.updateNonPrimary()
    } while (this.continueUpdate() === true)

    stream._duplexState &= WRITE_NOT_UPDATING
  }

  updateNonPrimary() {
    const stream = this.stream

    if ((stream._duplexState & WRITE_FINISHING_STATUS) === WRITE_FINISHING) {
      stream._duplexState = stream._duplexState | WRITE_ACTIVE
      stream._final(afterFinal.bind(this))
      return
    }

    if ((stream._duplexState & DESTROY_STATUS) === DESTROYING) {
      if ((stream._duplexState & ACTIVE_OR_TICKING) === 0) {
        stream._duplexState |= ACTIVE
        stream._destroy(afterDestroy.bind(this))
      }
      return
    }

    if ((stream._duplexState & IS_OPENING) === OPENING) {
      stream._duplexState = (stream._duplexState | ACTIVE) & NOT_OPENING
      stream._open(afterOpen.bind(this))
    }
  }

  continueUpdate() {
    if ((this.stream._duplexState & WRITE_NEXT_TICK) === 0) return false
    this.stream._duplexState &= WRITE_NOT_NEXT_TICK
    return true
  }

  updateCallback() {
    if ((this.stream._duplexState & WRITE_UPDATE_SYNC_STATUS) === WRITE_PRIMARY) {
      this.update()
    } else {
      this.updateNextTick()
    }
  }

  updateNextTick() {
    if ((this.stream._duplexState & WRITE_NEXT_TICK) !== 0) return
    this.stream._duplexState |= WRITE_NEXT_TICK
    if ((this.stream._duplexState & WRITE_UPDATING) === 0) qmt(this.afterUpdateNextTick)
  }
}

class ReadableState {
  constructor(
    stream,
    { highWaterMark = 16384, map = null, mapReadable, byteLength, byteLengthReadable } = {}
  ) {
    this.stream = stream
    this.queue = new FIFO()
    this.highWaterMark = highWaterMark === 0 ? 1 : highWaterMark
    this.buffered = 0
    this.readAhead = highWaterMark > 0
    this.error = null
    this.pipeline = null
    this.byteLength = byteLengthReadable || byteLength || defaultByteLength
    this.map = mapReadable || map
    this.pipeTo = null
    this.afterRead = afterRead.bind(this)
    this.afterUpdateNextTick = updateReadNT.bind(this)
  }

  get ending() {
    return (this.stream._duplexState & READ_ENDING) !== 0
  }

  get ended() {
    return (this.stream._duplexState & READ_DONE) !== 0
  }

  pipe(pipeTo, cb) {
    if (this.pipeTo !== null) throw StreamError.BAD_ARGUMENT('Can only pipe to one destination')
    if (typeof cb !== 'function') cb = null

    this.stream._duplexState |= READ_PIPE_DRAINED
    this.pipeTo = pipeTo
    this.pipeline = new Pipeline(this.stream, pipeTo, cb)

    if (cb) this.stream.on('error', noop) // We already error handle this so supress crashes

    if (isStreamx(pipeTo)) {
      pipeTo._writableState.pipeline = this.pipeline
      if (cb) pipeTo.on('error', noop) // We already error handle this so supress crashes
      pipeTo.on('finish', this.pipeline.finished.bind(this.pipeline)) // TODO: just call finished from pipeTo itself
    } else {
      const onerror = this.pipeline.done.bind(this.pipeline, pipeTo)
      const onclose = this.pipeline.done.bind(this.pipeline, pipeTo, null) // onclose has a weird bool arg
      pipeTo.on('error', onerror)
      pipeTo.on('close', onclose)
      pipeTo.on('finish', this.pipeline.finished.bind(this.pipeline))
    }

    pipeTo.on('drain', afterDrain.bind(this))
    this.stream.emit('piping', pipeTo)
    pipeTo.emit('pipe', this.stream)
  }

  push(data) {
    const stream = this.stream

    if (data === null) {
      this.highWaterMark = 0
      stream._duplexState = (stream._duplexState | READ_ENDING) & READ_NON_PRIMARY_AND_PUSHED
      return false
    }

    if (this.map !== null) {
      data = this.map(data)
      if (data === null) {
        stream._duplexState &= READ_PUSHED
        return this.buffered < this.highWaterMark
      }
    }

    this.buffered += this.byteLength(data)
    this.queue.push(data)

    stream._duplexState = (stream._duplexState | READ_QUEUED) & READ_PUSHED

    return this.buffered < this.highWaterMark
  }

  shift() {
    const data = this.queue.shift()

    this.buffered -= this.byteLength(data)
    if (this.buffered === 0) {
      this.stream._duplexState &= READ_NOT_QUEUED
    }

    return data
  }

  unshift(data) {
    const pending = [this.map !== null ? this.map(data) : data]
    while (this.buffered > 0) pending.push(this.shift())

    for (let i = 0; i < pending.length - 1; i++) {
      const data = pending[i]
      this.buffered += this.byteLength(data)
      this.queue.push(data)
    }

    this.push(pending[pending.length - 1])
  }

  read() {
    const stream = this.stream

    if ((stream._duplexState & READ_STATUS) === READ_QUEUED) {
      const data = this.shift()

      if (this.pipeTo !== null && this.pipeTo.write(data) === false) {
        stream._duplexState &= READ_PIPE_NOT_DRAINED
      }

      if ((stream._duplexState & READ_EMIT_DATA) !== 0) {
        stream.emit('data', data)
      }

      return data
    }

    if (this.readAhead === false) {
      stream._duplexState |= READ_READ_AHEAD
      this.updateNextTick()
    }

    return null
  }

  drain() {
    const stream = this.stream

    while (
      (stream._duplexState & READ_STATUS) === READ_QUEUED &&
      (stream._duplexState & READ_FLOWING) !== 0
    ) {
      const data = this.shift()

      if (this.pipeTo !== null && this.pipeTo.write(data) === false) {
        stream._duplexState &= READ_PIPE_NOT_DRAINED
      }

      if ((stream._duplexState & READ_EMIT_DATA) !== 0) {
        stream.emit('data', data)
      }
    }
  }

  update() {
    const stream = this.stream

    stream._duplexState |= READ_UPDATING

    do {
      this.drain()

      while (
        this.buffered < this.highWaterMark &&
        (stream._duplexState & SHOULD_NOT_READ) === READ_READ_AHEAD
      ) {
        stream._duplexState |= READ_ACTIVE_AND_NEEDS_PUSH
        stream._read(this.afterRead)
        this.drain()
      }

      if ((stream._duplexState & READ_READABLE_STATUS) === READ_EMIT_READABLE_AND_QUEUED) {
        stream._duplexState |= READ_EMITTED_READABLE
        stream.emit('readable')
      }

      if ((stream._duplexState & READ_PRIMARY_AND_ACTIVE) === 0) {
        this.updateNonPrimary()
      }
    } while (this.continueUpdate() === true)

    stream._duplexState &= READ_NOT_UPDATING
  }

  updateNonPrimary() {
    const stream = this.stream

    if ((stream._duplexState & READ_ENDING_STATUS) === READ_ENDING) {
      stream._duplexState = (stream._duplexState | READ_DONE) & READ_NOT_ENDING
      stream.emit('end')

      if ((stream._duplexState & AUTO_DESTROY) === DONE) {
        stream._duplexState |= DESTROYING
      }

      if (this.pipeTo !== null) {
        this.pipeTo.end()
      }
    }

    if ((stream._duplexState & DESTROY_STATUS) === DESTROYING) {
      if ((stream._duplexState & ACTIVE_OR_TICKING) === 0) {
        stream._duplexState |= ACTIVE
        stream._destroy(afterDestroy.bind(this))
      }
      return
    }

    if ((stream._duplexState & IS_OPENING) === OPENING) {
      stream._duplexState = (stream._duplexState | ACTIVE) & NOT_OPENING
      stream._open(afterOpen.bind(this))
    }
  }

  continueUpdate() {
    if ((this.stream._duplexState & READ_NEXT_TICK) === 0) return false
    this.stream._duplexState &= READ_NOT_NEXT_TICK
    return true
  }

  updateCallback() {
    if ((this.stream._duplexState & READ_UPDATE_SYNC_STATUS) === READ_PRIMARY) {
      this.update()
    } else {
      this.updateNextTick()
    }
  }

  updateNextTickIfOpen() {
    if ((this.stream._duplexState & READ_NEXT_TICK_OR_OPENING) !== 0) return
    this.stream._duplexState |= READ_NEXT_TICK
    if ((this.stream._duplexState & READ_UPDATING) === 0) qmt(this.afterUpdateNextTick)
  }

  updateNextTick() {
    if ((this.stream._duplexState & READ_NEXT_TICK) !== 0) return
    this.stream._duplexState |= READ_NEXT_TICK
    if ((this.stream._duplexState & READ_UPDATING) === 0) qmt(this.afterUpdateNextTick)
  }
}

class TransformState {
  constructor(stream) {
    this.data = null
    this.afterTransform = afterTransform.bind(stream)
    this.afterFinal = null
  }
}

class Pipeline {
  constructor(src, dst, cb) {
    this.from = src
    this.to = dst
    this.afterPipe = cb
    this.error = null
    this.pipeToFinished = false
  }

  finished() {
    this.pipeToFinished = true
  }

  done(stream, err) {
    if (err) this.error = err

    if (stream === this.to) {
      this.to = null

      if (this.from !== null) {
        if ((this.from._duplexState & READ_DONE) === 0 || !this.pipeToFinished) {
          this.from.destroy(this.error || StreamError.PREMATURE_CLOSE('Writable stream closed'))
        }
        return
      }
    }

    if (stream === this.from) {
      this.from = null

      if (this.to !== null) {
        if ((stream._duplexState & READ_DONE) === 0) {
          this.to.destroy(this.error || StreamError.PREMATURE_CLOSE('Readable stream closed'))
        }
        return
      }
    }

    if (this.afterPipe !== null) this.afterPipe(this.error)
    this.to = this.from = this.afterPipe = null
  }
}

function afterDrain() {
  this.stream._duplexState |= READ_PIPE_DRAINED
  this.updateCallback()
}

function afterFinal(err) {
  const stream = this.stream
  if (err) stream.destroy(err)

  if ((stream._duplexState & DESTROY_STATUS) === 0) {
    stream._duplexState |= WRITE_DONE
    stream.emit('finish')
  }

  if ((stream._duplexState & AUTO_DESTROY) === DONE) {
    stream._duplexState |= DESTROYING
  }

  stream._duplexState &= WRITE_NOT_FINISHING

  // no need to wait the extra tick here, so we short circuit that
  if ((stream._duplexState & WRITE_UPDATING) === 0) {
    this.update()
  } else {
    this.updateNextTick()
  }
}

function afterDestroy(err) {
  const stream = this.stream

  if (!err && !StreamError.isStreamDestroyed(this.error)) err = this.error
  if (err) stream.emit('error', err)

  stream._duplexState |= DESTROYED
  stream.emit('close')

  const rs = stream._readableState
  const ws = stream._writableState

  if (rs !== null && rs.pipeline !== null) {
    rs.pipeline.done(stream, err)
  }

  if (ws !== null) {
    while (ws.drains !== null && ws.drains.length > 0) {
      ws.drains.shift().resolve(false)
    }

    if (ws.pipeline !== null) {
      ws.pipeline.done(stream, err)
    }
  }
}

function afterWrite(err) {
  const stream = this.stream

  if (err) stream.destroy(err)
  stream._duplexState &= WRITE_NOT_ACTIVE

  if (this.drains !== null) tickDrains(this.drains)

  if ((stream._duplexState & WRITE_DRAIN_STATUS) === WRITE_UNDRAINED) {
    stream._duplexState &= WRITE_DRAINED

    if ((stream._duplexState & WRITE_EMIT_DRAIN) === WRITE_EMIT_DRAIN) {
      stream.emit('drain')
    }
  }

  this.updateCallback()
}

function afterRead(err) {
  if (err) this.stream.destroy(err)
  this.stream._duplexState &= READ_NOT_ACTIVE

  if (this.readAhead === false && (this.stream._duplexState & READ_RESUMED) === 0) {
    this.stream._duplexState &= READ_NO_READ_AHEAD
  }

  this.updateCallback()
}

function updateReadNT() {
  if ((this.stream._duplexState & READ_UPDATING) === 0) {
    this.stream._duplexState &= READ_NOT_NEXT_TICK
    this.update()
  }
}

function updateWriteNT() {
  if ((this.stream._duplexState & WRITE_UPDATING) === 0) {
    this.stream._duplexState &= WRITE_NOT_NEXT_TICK
    this.update()
  }
}

function tickDrains(drains) {
  for (let i = 0; i < drains.length; i++) {
    // drains.writes are monotonic, so if one is 0 its always the first one
    if (--drains[i].writes === 0) {
      drains.shift().resolve(true)
      i--
    }
  }
}

function afterOpen(err) {
  const stream = this.stream

  if (err) stream.destroy(err)

  if ((stream._duplexState & DESTROYING) === 0) {
    if ((stream._duplexState & READ_PRIMARY_STATUS) === 0) {
      stream._duplexState |= READ_PRIMARY
    }

    if ((stream._duplexState & WRITE_PRIMARY_STATUS) === 0) {
      stream._duplexState |= WRITE_PRIMARY
    }

    stream.emit('open')
  }

  stream._duplexState &= NOT_ACTIVE

  if (stream._writableState !== null) {
    stream._writableState.updateCallback()
  }

  if (stream._readableState !== null) {
    stream._readableState.updateCallback()
  }
}

function afterTransform(err, data) {
  if (data !== undefined && data !== null) this.push(data)
  this._writableState.afterWrite(err)
}

function newListener(name) {
  if (this._readableState !== null) {
    if (name === 'data') {
      this._duplexState |= READ_EMIT_DATA | READ_RESUMED_READ_AHEAD
      this._readableState.updateNextTick()
    }
    if (name === 'readable') {
      this._duplexState |= READ_EMIT_READABLE
      this._readableState.updateNextTick()
    }
  }

  if (this._writableState !== null) {
    if (name === 'drain') {
      this._duplexState |= WRITE_EMIT_DRAIN
      this._writableState.updateNextTick()
    }
  }
}

class Stream extends EventEmitter {
  constructor(opts) {
    super()

    this._duplexState = 0
    this._readableState = null
    this._writableState = null

    if (opts) {
      if (opts.open) this._open = opts.open
      if (opts.destroy) this._destroy = opts.destroy
      if (opts.predestroy) this._predestroy = opts.predestroy
      if (opts.signal) opts.signal.addEventListener('abort', abort.bind(this))
    }

    this.on('newListener', newListener)
  }

  _open(cb) {
    cb(null)
  }

  _destroy(cb) {
    cb(null)
  }

  _predestroy() {
    // does nothing
  }

  get readable() {
    return this._readableState !== null ? true : undefined
  }

  get writable() {
    return this._writableState !== null ? true : undefined
  }

  get destroyed() {
    return (this._duplexState & DESTROYED) !== 0
  }

  get destroying() {
    return (this._duplexState & DESTROY_STATUS) !== 0
  }

  destroy(err) {
    if ((this._duplexState & DESTROY_STATUS) === 0) {
      if (!err) err = StreamError.STREAM_DESTROYED()
      this._duplexState = (this._duplexState | DESTROYING) & NON_PRIMARY

      if (this._readableState !== null) {
        this._readableState.highWaterMark = 0
        this._readableState.error = err
      }

      if (this._writableState !== null) {
        this._writableState.highWaterMark = 0
        this._writableState.error = err
      }

      this._duplexState |= PREDESTROYING
      this._predestroy()
      this._duplexState &= NOT_PREDESTROYING

      if (this._readableState !== null) {
        this._readableState.updateNextTick()
      }

      if (this._writableState !== null) {
        this._writableState.updateNextTick()
      }
    }
  }
}

class Readable extends Stream {
  constructor(opts) {
    super(opts)

    this._duplexState |= OPENING | WRITE_DONE | READ_READ_AHEAD
    this._readableState = new ReadableState(this, opts)

    if (opts) {
      if (this._readableState.readAhead === false) this._duplexState &= READ_NO_READ_AHEAD
      if (opts.read) this._read = opts.read
      if (opts.eagerOpen) this._readableState.updateNextTick()
      if (opts.encoding) this.setEncoding(opts.encoding)
    }
  }

  static deferred(fn, opts) {
    const out = new PassThrough(opts)

    fn()
      .then((src) => {
        if (src === null) return out.end()
        if (out.destroying) return
        pipeline(src, out, noop)
      })
      .catch((err) => out.destroy(err))

    return out
  }

  setEncoding(encoding) {
    const dec = new TextDecoder(encoding)
    const map = this._readableState.map || echo
    this._readableState.map = mapOrSkip
    return this

    function mapOrSkip(data) {
      const next = dec.push(data)
      return next === '' && (data.byteLength !== 0 || dec.remaining > 0) ? null : map(next)
    }
  }

  _read(cb) {
    cb(null)
  }

  pipe(dest, cb) {
    this._readableState.updateNextTick()
    this._readableState.pipe(dest, cb)
    return dest
  }

  read() {
    this._readableState.updateNextTick()
    return this._readableState.read()
  }

  push(data) {
    this._readableState.updateNextTickIfOpen()
    return this._readableState.push(data)
  }

  unshift(data) {
    this._readableState.updateNextTickIfOpen()
    return this._readableState.unshift(data)
  }

  resume() {
    this._duplexState |= READ_RESUMED_READ_AHEAD
    this._readableState.updateNextTick()
    return this
  }

  pause() {
    this._duplexState &=
      this._readableState.readAhead === false ? READ_PAUSED_NO_READ_AHEAD : READ_PAUSED
    return this
  }

  static _fromAsyncIterator(ite, opts) {
    let destroy

    const rs = new Readable({
      ...opts,
      read(cb) {
        ite.next().then(push).then(cb.bind(null, null)).catch(cb)
      },
      predestroy() {
        destroy = ite.return()
      },
      destroy(cb) {
        if (!destroy) return cb(null)
        destroy.then(cb.bind(null, null)).catch(cb)
      }
    })

    return rs

    function push(data) {
      if (data.done) rs.push(null)
      else rs.push(data.value)
    }
  }

  static from(data, opts) {
    if (isReadStreamx(data)) return data
    if (data[asyncIterator]) return this._fromAsyncIterator(data[asyncIterator](), opts)
    if (!Array.isArray(data)) data = data === undefined ? [] : [data]

    let i = 0
    return new Readable({
      ...opts,
      read(cb) {
        this.push(i === data.length ? null : data[i++])
        cb(null)
      }
    })
  }

  static isBackpressured(rs) {
    return (
      (rs._duplexState & READ_BACKPRESSURE_STATUS) !== 0 ||
      rs._readableState.buffered >= rs._readableState.highWaterMark
    )
  }

  static isPaused(rs) {
    return (rs._duplexState & READ_RESUMED) === 0
  }

  [asyncIterator]() {
    const stream = this

    let error = null
    let promiseResolve = null
    let promiseReject = null

    this.on('error', (err) => {
      error = err
    })
    this.on('readable', onreadable)
    this.on('close', onclose)

    return {
      [asyncIterator]() {
        return this
      },
      next() {
        return new Promise(function (resolve, reject) {
          promiseResolve = resolve
          promiseReject = reject
          const data = stream.read()
          if (data !== null) ondata(data)
          else if ((stream._duplexState & DESTROYED) !== 0) ondata(null)
        })
      },
      return() {
        return destroy(null)
      },
      throw(err) {
        return destroy(err)
      }
    }

    function onreadable() {
      if (promiseResolve !== null) ondata(stream.read())
    }

    function onclose() {
      if (promiseResolve !== null) ondata(null)
    }

    function ondata(data) {
      if (promiseReject === null) return
      if (error) {
        promiseReject(error)
      } else if (data === null && (stream._duplexState & READ_DONE) === 0) {
        promiseReject(StreamError.STREAM_DESTROYED())
      } else {
        promiseResolve({ value: data, done: data === null })
      }
      promiseReject = promiseResolve = null
    }

    function destroy(err) {
      stream.destroy(err)
      return new Promise((resolve, reject) => {
        if (stream._duplexState & DESTROYED) return resolve({ value: undefined, done: true })
        stream.once('close', function () {
          if (err) reject(err)
          else resolve({ value: undefined, done: true })
        })
      })
    }
  }
}

class Writable extends Stream {
  constructor(opts) {
    super(opts)

    this._duplexState |= OPENING | READ_DONE
    this._writableState = new WritableState(this, opts)

    if (opts) {
      if (opts.writev) this._writev = opts.writev
      if (opts.write) this._write = opts.write
      if (opts.final) this._final = opts.final
      if (opts.eagerOpen) this._writableState.updateNextTick()
    }
  }

  cork() {
    this._duplexState |= WRITE_CORKED
  }

  uncork() {
    this._duplexState &= WRITE_NOT_CORKED
    this._writableState.updateNextTick()
  }

  _writev(batch, cb) {
    cb(null)
  }

  _write(data, cb) {
    this._writableState.autoBatch(data, cb)
  }

  _final(cb) {
    cb(null)
  }

  static isBackpressured(ws) {
    return (ws._duplexState & WRITE_BACKPRESSURE_STATUS) !== 0
  }

  static drained(ws) {
    if (ws.destroyed) return Promise.resolve(false)

    const state = ws._writableState
    const pending = isWritev(ws) ? Math.min(1, state.queue.length) : state.queue.length
    const writes = pending + (ws._duplexState & WRITE_WRITING ? 1 : 0)
    if (writes === 0) return Promise.resolve(true)

    if (state.drains === null) state.drains = []
    return new Promise((resolve) => {
      state.drains.push({ writes, resolve })
    })
  }

  write(data) {
    this._writableState.updateNextTick()
    return this._writableState.push(data)
  }

  end(data) {
    this._writableState.updateNextTick()
    this._writableState.end(data)
    return this
  }
}

class Duplex extends Readable {
  // and Writable
  constructor(opts) {
    super(opts)

    this._duplexState = OPENING | (this._duplexState & READ_READ_AHEAD)
    this._writableState = new WritableState(this, opts)

    if (opts) {
      if (opts.writev) this._writev = opts.writev
      if (opts.write) this._write = opts.write
      if (opts.final) this._final = opts.final
    }
  }

  cork() {
    this._duplexState |= WRITE_CORKED
  }

  uncork() {
    this._duplexState &= WRITE_NOT_CORKED
    this._writableState.updateNextTick()
  }

  _writev(batch, cb) {
    cb(null)
  }

  _write(data, cb) {
    this._writableState.autoBatch(data, cb)
  }

  _final(cb) {
    cb(null)
  }

  write(data) {
    this._writableState.updateNextTick()
    return this._writableState.push(data)
  }

  end(data) {
    this._writableState.updateNextTick()
    this._writableState.end(data)
    return this
  }
}

class Transform extends Duplex {
  constructor(opts) {
    super(opts)
    this._transformState = new TransformState(this)

    if (opts) {
      if (opts.transform) this._transform = opts.transform
      if (opts.flush) this._flush = opts.flush
    }
  }

  _write(data, cb) {
    if (this._readableState.buffered >= this._readableState.highWaterMark) {
      this._transformState.data = data
    } else {
      this._transform(data, this._transformState.afterTransform)
    }
  }

  _read(cb) {
    if (this._transformState.data !== null) {
      const data = this._transformState.data
      this._transformState.data = null
      cb(null)
      this._transform(data, this._transformState.afterTransform)
    } else {
      cb(null)
    }
  }

  destroy(err) {
    super.destroy(err)
    if (this._transformState.data !== null) {
      this._transformState.data = null
      this._transformState.afterTransform()
    }
  }

  _transform(data, cb) {
    cb(null, data)
  }

  _flush(cb) {
    cb(null)
  }

  _final(cb) {
    this._transformState.afterFinal = cb
    this._flush(transformAfterFlush.bind(this))
  }
}

class PassThrough extends Transform {}

function transformAfterFlush(err, data) {
  const cb = this._transformState.afterFinal
  if (err) return cb(err)

  if (data !== null && data !== undefined) this.push(data)
  this.push(null)
  cb(null)
}

function pipelinePromise(...streams) {
  return new Promise((resolve, reject) => {
    return pipeline(...streams, (err) => {
      if (err) return reject(err)
      resolve()
    })
  })
}

function pipeline(stream, ...streams) {
  const all = Array.isArray(stream) ? [...stream, ...streams] : [stream, ...streams]
  const done = all.length && typeof all[all.length - 1] === 'function' ? all.pop() : null

  if (all.length < 2) throw StreamError.BAD_ARGUMENT('Pipeline requires at least 2 streams')

  let src = all[0]
  let dest = null
  let error = null

  for (let i = 1; i < all.length; i++) {
    dest = all[i]

    if (isStreamx(src)) {
      src.pipe(dest, onerror)
    } else {
      errorHandle(src, true, i > 1, onerror)
      src.pipe(dest)
    }

    src = dest
  }

  if (done) {
    let fin = false

    const autoDestroy =
      isStreamx(dest) || !!(dest._writableState && dest._writableState.autoDestroy)

    dest.on('error', (err) => {
      if (error === null) error = err
    })

    dest.on('finish', () => {
      fin = true
      if (!autoDestroy) done(error)
    })

    if (autoDestroy) {
      dest.on('close', () => done(error || (fin ? null : StreamError.PREMATURE_CLOSE())))
    }
  }

  return dest

  function errorHandle(s, rd, wr, onerror) {
    s.on('error', onerror)
    s.on('close', onclose)

    function onclose() {
      if (rd && s._readableState && !s._readableState.ended) {
        return onerror(StreamError.PREMATURE_CLOSE())
      }
      if (wr && s._writableState && !s._writableState.ended) {
        return onerror(StreamError.PREMATURE_CLOSE())
      }
    }
  }

  function onerror(err) {
    if (!err || error) return
    error = err

    for (const s of all) {
      s.destroy(err)
    }
  }
}

function echo(s) {
  return s
}

function isStream(stream) {
  return !!stream._readableState || !!stream._writableState
}

function isStreamx(stream) {
  return typeof stream._duplexState === 'number' && isStream(stream)
}

function isEnding(stream) {
  return !!stream._readableState && stream._readableState.ending
}

function isEnded(stream) {
  return !!stream._readableState && stream._readableState.ended
}

function isFinishing(stream) {
  return !!stream._writableState && stream._writableState.ending
}

function isFinished(stream) {
  return !!stream._writableState && stream._writableState.ended
}

function getStreamError(stream, opts = {}) {
  const err =
    (stream._readableState && stream._readableState.error) ||
    (stream._writableState && stream._writableState.error)

  // avoid implicit errors by default
  return !opts.all && StreamError.isStreamDestroyed(err) ? null : err
}

function isReadStreamx(stream) {
  return isStreamx(stream) && stream.readable
}

function isDisturbed(stream) {
  return (
    (stream._duplexState & OPENING) !== OPENING ||
    (stream._duplexState & DESTROYING) === DESTROYING ||
    (stream._duplexState & ACTIVE_OR_TICKING) !== 0
  )
}

function isTypedArray(data) {
  return typeof data === 'object' && data !== null && typeof data.byteLength === 'number'
}

function defaultByteLength(data) {
  return isTypedArray(data) ? data.byteLength : 1024
}

function noop() {}

function abort() {
  this.destroy(StreamError.ABORTED())
}

function isWritev(s) {
  return s._writev !== Writable.prototype._writev && s._writev !== Duplex.prototype._writev
}

module.exports = {
  pipeline,
  pipelinePromise,
  isStream,
  isStreamx,
  isEnding,
  isEnded,
  isFinishing,
  isFinished,
  isDisturbed,
  getStreamError,
  Stream,
  Writable,
  Readable,
  Duplex,
  Transform,
  // Export PassThrough for compatibility with Node.js core's stream module
  PassThrough
}


/***/ }),

/***/ 45657:
/***/ ((module) => {

module.exports = class StreamError extends Error {
  constructor(msg, code, fn = StreamError) {
    super(msg)

    this.code = code

    if (Error.captureStackTrace) {
      Error.captureStackTrace(this, fn)
    }
  }

  static isStreamDestroyed(err) {
    return err && err.code === 'STREAM_DESTROYED'
  }

  static isPrematureClose(err) {
    return err && err.code === 'PREMATURE_CLOSE'
  }

  static isAborted(err) {
    return err && err.code === 'ABORTED'
  }

  static isBadArgument(err) {
    return err && err.code === 'BAD_ARGUMENT'
  }

  get name() {
    return 'StreamError'
  }

  static STREAM_DESTROYED() {
    return new StreamError('Stream was destroyed', 'STREAM_DESTROYED', StreamError.STREAM_DESTROYED)
  }

  static PREMATURE_CLOSE(msg = 'Premature close') {
    return new StreamError(msg, 'PREMATURE_CLOSE', StreamError.PREMATURE_CLOSE)
  }

  static ABORTED() {
    return new StreamError('Stream aborted', 'ABORTED', StreamError.ABORTED)
  }

  static BAD_ARGUMENT(msg = 'Bad argument') {
    return new StreamError(msg, 'BAD_ARGUMENT', StreamError.BAD_ARGUMENT)
  }
}


/***/ }),

/***/ 20775:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

const constants = { // just for envs without fs
  S_IFMT: 61440,
  S_IFDIR: 16384,
  S_IFCHR: 8192,
  S_IFBLK: 24576,
  S_IFIFO: 4096,
  S_IFLNK: 40960
}

try {
  module.exports = (__nccwpck_require__(79896).constants) || constants
} catch {
  module.exports = constants
}


/***/ }),

/***/ 35763:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

const { Writable, Readable, getStreamError } = __nccwpck_require__(36204)
const FIFO = __nccwpck_require__(83867)
const b4a = __nccwpck_require__(73057)
const headers = __nccwpck_require__(88428)

const EMPTY = b4a.alloc(0)
const MAX_HEADER_SIZE = 4 * 1024 * 1024 // arbitrary big number

class BufferList {
  constructor () {
    this.buffered = 0
    this.shifted = 0
    this.queue = new FIFO()

    this._offset = 0
  }

  push (buffer) {
    this.buffered += buffer.byteLength
    this.queue.push(buffer)
  }

  shiftFirst (size) {
    return this.buffered === 0 ? null : this._next(size)
  }

  shift (size) {
    if (size > this.buffered) return null
    if (size === 0) return EMPTY

    let chunk = this._next(size)

    if (size === chunk.byteLength) return chunk // likely case

    const chunks = [chunk]

    while ((size -= chunk.byteLength) > 0) {
      chunk = this._next(size)
      chunks.push(chunk)
    }

    return b4a.concat(chunks)
  }

  _next (size) {
    const buf = this.queue.peek()
    const rem = buf.byteLength - this._offset

    if (size >= rem) {
      const sub = this._offset ? buf.subarray(this._offset, buf.byteLength) : buf
      this.queue.shift()
      this._offset = 0
      this.buffered -= rem
      this.shifted += rem
      return sub
    }

    this.buffered -= size
    this.shifted += size

    return buf.subarray(this._offset, (this._offset += size))
  }
}

class Source extends Readable {
  constructor (self, header, offset) {
    super()

    this.header = header
    this.offset = offset

    this._parent = self

    // errors are always forwarded to the parent, so the entry itself should never throw an unhandled one
    this.on('error', noop)
  }

  _read (cb) {
    if (this.header.size === 0) {
      this.push(null)
    }
    if (this._parent._stream === this) {
      this._parent._update()
    }
    cb(null)
  }

  _predestroy () {
    this._parent.destroy(getStreamError(this))
  }

  _detach () {
    if (this._parent._stream === this) {
      this._parent._stream = null
      this._parent._missing = overflow(this.header.size)
      this._parent._update()
    }
  }

  _destroy (cb) {
    this._detach()
    cb(null)
  }
}

class Extract extends Writable {
  constructor (opts) {
    super(opts)

    if (!opts) opts = {}

    this._buffer = new BufferList()
    this._offset = 0
    this._header = null
    this._stream = null
    this._missing = 0
    this._longHeader = false
    this._callback = noop
    this._locked = false
    this._updating = false
    this._finished = false
    this._pax = null
    this._paxGlobal = null
    this._gnuLongPath = null
    this._gnuLongLinkPath = null
    this._filenameEncoding = opts.filenameEncoding || 'utf-8'
    this._allowUnknownFormat = !!opts.allowUnknownFormat
    this._unlockBound = this._unlock.bind(this)
  }

  _unlock (err) {
    this._locked = false

    if (err) {
      this.destroy(err)
      this._continueWrite(err)
      return
    }

    this._update()
  }

  _consumeHeader () {
    if (this._locked) return false

    this._offset = this._buffer.shifted

    try {
      this._header = headers.decode(this._buffer.shift(512), this._filenameEncoding, this._allowUnknownFormat)
    } catch (err) {
      this._continueWrite(err)
      return false
    }

    if (!this._header) return true

    this._header.byteOffset = this._buffer.shifted

    switch (this._header.type) {
      case 'gnu-long-path':
      case 'gnu-long-link-path':
      case 'pax-global-header':
      case 'pax-header':
        this._longHeader = true
        this._missing = this._header.size
        if (this._missing > MAX_HEADER_SIZE) {
          this._continueWrite(new Error('Header exceeds max size'))
          return false
        }
        return true
    }

    this._locked = true
    this._applyLongHeaders()

    if (!(this._header.size >= 0)) {
      this._continueWrite(new Error('Invalid header'))
      return false
    }

    if (this._header.size === 0 || this._header.type === 'directory') {
      this.emit('entry', this._header, this._createStream(), this._unlockBound)
      return true
    }

    this._stream = this._createStream()
    this._missing = this._header.size

    this.emit('entry', this._header, this._stream, this._unlockBound)
    return true
  }

  _applyLongHeaders () {
    if (this._gnuLongPath) {
      this._header.name = this._gnuLongPath
      this._gnuLongPath = null
    }

    if (this._gnuLongLinkPath) {
      this._header.linkname = this._gnuLongLinkPath
      this._gnuLongLinkPath = null
    }

    if (this._pax) {
      if (this._pax.path) this._header.name = this._pax.path
      if (this._pax.linkpath) this._header.linkname = this._pax.linkpath
      if (this._pax.size) this._header.size = parseInt(this._pax.size, 10)
      this._header.pax = this._pax
      this._pax = null
    }
  }

  _decodeLongHeader (buf) {
    switch (this._header.type) {
      case 'gnu-long-path':
        this._gnuLongPath = headers.decodeLongPath(buf, this._filenameEncoding)
        break
      case 'gnu-long-link-path':
        this._gnuLongLinkPath = headers.decodeLongPath(buf, this._filenameEncoding)
        break
      case 'pax-global-header':
        this._paxGlobal = validatePax(headers.decodePax(buf))
        break
      case 'pax-header':
        this._pax = this._paxGlobal === null
          ? validatePax(headers.decodePax(buf))
          : Object.assign({}, this._paxGlobal, validatePax(headers.decodePax(buf)))
        break
    }
  }

  _consumeLongHeader () {
    this._longHeader = false
    this._missing = overflow(this._header.size)

    const buf = this._buffer.shift(this._header.size)

    try {
      this._decodeLongHeader(buf)
    } catch (err) {
      this._continueWrite(err)
      return false
    }

    return true
  }

  _consumeStream () {
    const buf = this._buffer.shiftFirst(this._missing)
    if (buf === null) return false

    this._missing -= buf.byteLength
    const drained = this._stream.push(buf)

    if (this._missing === 0) {
      this._stream.push(null)
      if (drained) this._stream._detach()
      return drained && this._locked === false
    }

    return drained
  }

  _createStream () {
    return new Source(this, this._header, this._offset)
  }

  _update () {
    if (this._updating) return // the running update picks up any state changes
    this._updating = true
    const done = this._consume()
    this._updating = false
    if (done) this._continueWrite(null)
  }

  _consume () {
    while (this._buffer.buffered > 0 && !this.destroying) {
      if (this._missing > 0) {
        if (this._stream !== null) {
          if (this._consumeStream() === false) return false
          continue
        }

        if (this._longHeader === true) {
          if (this._missing > this._buffer.buffered) break
          if (this._consumeLongHeader() === false) return false
          continue
        }

        const ignore = this._buffer.shiftFirst(this._missing)
        if (ignore !== null) this._missing -= ignore.byteLength
        continue
      }

      if (this._buffer.buffered < 512) break
      if (this._stream !== null || this._consumeHeader() === false) return false
    }

    return true
  }

  _continueWrite (err) {
    const cb = this._callback
    this._callback = noop
    cb(err)
  }

  _write (data, cb) {
    this._callback = cb
    this._buffer.push(data)
    this._update()
  }

  _final (cb) {
    this._finished = this._missing === 0 && this._buffer.buffered === 0
    cb(this._finished ? null : new Error('Unexpected end of data'))
  }

  _predestroy () {
    this._continueWrite(null)
  }

  _destroy (cb) {
    if (this._stream) this._stream.destroy(getStreamError(this))
    cb(null)
  }

  [Symbol.asyncIterator] () {
    let error = null

    let promiseResolve = null
    let promiseReject = null

    let entryStream = null
    let entryCallback = null

    const extract = this

    this.on('entry', onentry)
    this.on('error', (err) => { error = err })
    this.on('close', onclose)

    return {
      [Symbol.asyncIterator] () {
        return this
      },
      next () {
        return new Promise(onnext)
      },
      return () {
        return destroy(null)
      },
      throw (err) {
        return destroy(err)
      }
    }

    function consumeCallback (err) {
      if (!entryCallback) return
      const cb = entryCallback
      entryCallback = null
      cb(err)
    }

    function onnext (resolve, reject) {
      if (error) {
        return reject(error)
      }

      if (entryStream) {
        resolve({ value: entryStream, done: false })
        entryStream = null
        return
      }

      promiseResolve = resolve
      promiseReject = reject

      consumeCallback(null)

      if (extract._finished && promiseResolve) {
        promiseResolve({ value: undefined, done: true })
        promiseResolve = promiseReject = null
      }
    }

    function onentry (header, stream, callback) {
      entryCallback = callback
      stream.on('error', noop) // no way around this due to tick sillyness

      if (promiseResolve) {
        promiseResolve({ value: stream, done: false })
        promiseResolve = promiseReject = null
      } else {
        entryStream = stream
      }
    }

    function onclose () {
      consumeCallback(error)
      if (!promiseResolve) return
      if (error) promiseReject(error)
      else promiseResolve({ value: undefined, done: true })
      promiseResolve = promiseReject = null
    }

    function destroy (err) {
      extract.destroy(err)
      consumeCallback(err)
      return new Promise((resolve, reject) => {
        if (extract.destroyed) return resolve({ value: undefined, done: true })
        extract.once('close', function () {
          if (err) reject(err)
          else resolve({ value: undefined, done: true })
        })
      })
    }
  }
}

module.exports = function extract (opts) {
  return new Extract(opts)
}

function noop () {}

function validatePax (pax) {
  if (hasNull(pax.path) || hasNull(pax.linkpath)) throw new Error('Invalid tar header: pax path contains a null byte.')
  return pax
}

function hasNull (str) {
  return typeof str === 'string' && str.indexOf('\0') !== -1
}

function overflow (size) {
  size &= 511
  return size && 512 - size
}


/***/ }),

/***/ 88428:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

const b4a = __nccwpck_require__(73057)

const ZEROS = '0000000000000000000'
const SEVENS = '7777777777777777777'
const ZERO_OFFSET = '0'.charCodeAt(0)
const USTAR_MAGIC = b4a.from([0x75, 0x73, 0x74, 0x61, 0x72, 0x00]) // ustar\x00
const USTAR_VER = b4a.from([ZERO_OFFSET, ZERO_OFFSET])
const GNU_MAGIC = b4a.from([0x75, 0x73, 0x74, 0x61, 0x72, 0x20]) // ustar\x20
const GNU_VER = b4a.from([0x20, 0x00])
const MASK = 0o7777
const MAGIC_OFFSET = 257
const VERSION_OFFSET = 263

exports.decodeLongPath = function decodeLongPath (buf, encoding) {
  return decodeStr(buf, 0, buf.length, encoding)
}

exports.encodePax = function encodePax (opts) { // TODO: encode more stuff in pax
  let result = ''
  if (opts.name) result += addLength(' path=' + opts.name + '\n')
  if (opts.linkname) result += addLength(' linkpath=' + opts.linkname + '\n')
  const pax = opts.pax
  if (pax) {
    for (const key in pax) {
      result += addLength(' ' + key + '=' + pax[key] + '\n')
    }
  }
  return b4a.from(result)
}

exports.decodePax = function decodePax (buf) {
  const result = {}

  while (buf.length) {
    let i = 0
    while (i < buf.length && buf[i] !== 32) i++
    const len = parseInt(b4a.toString(buf.subarray(0, i)), 10)
    if (!len) return result

    const b = b4a.toString(buf.subarray(i + 1, len - 1))
    const keyIndex = b.indexOf('=')
    if (keyIndex === -1) return result
    result[b.slice(0, keyIndex)] = b.slice(keyIndex + 1)

    buf = buf.subarray(len)
  }

  return result
}

exports.encode = function encode (opts) {
  const buf = b4a.alloc(512)
  let name = opts.name
  let prefix = ''

  if (opts.typeflag === 5 && name[name.length - 1] !== '/') name += '/'
  if (b4a.byteLength(name) !== name.length) return null // utf-8

  while (b4a.byteLength(name) > 100) {
    const i = name.indexOf('/')
    if (i === -1) return null
    prefix += prefix ? '/' + name.slice(0, i) : name.slice(0, i)
    name = name.slice(i + 1)
  }

  if (b4a.byteLength(name) > 100 || b4a.byteLength(prefix) > 155) return null
  if (opts.linkname && b4a.byteLength(opts.linkname) > 100) return null

  b4a.write(buf, name)
  b4a.write(buf, encodeOct(opts.mode & MASK, 6), 100)
  b4a.write(buf, encodeOct(opts.uid, 6), 108)
  b4a.write(buf, encodeOct(opts.gid, 6), 116)
  encodeSize(opts.size, buf, 124)
  encodeSize(Math.floor(opts.mtime.getTime() / 1000) || 0, buf, 136)

  buf[156] = ZERO_OFFSET + toTypeflag(opts.type)

  if (opts.linkname) b4a.write(buf, opts.linkname, 157)

  b4a.copy(USTAR_MAGIC, buf, MAGIC_OFFSET)
  b4a.copy(USTAR_VER, buf, VERSION_OFFSET)
  if (opts.uname) b4a.write(buf, opts.uname, 265)
  if (opts.gname) b4a.write(buf, opts.gname, 297)
  b4a.write(buf, encodeOct(opts.devmajor || 0, 6), 329)
  b4a.write(buf, encodeOct(opts.devminor || 0, 6), 337)

  if (prefix) b4a.write(buf, prefix, 345)

  b4a.write(buf, encodeOct(cksum(buf), 6), 148)

  return buf
}

exports.decode = function decode (buf, filenameEncoding, allowUnknownFormat) {
  let typeflag = buf[156] === 0 ? 0 : buf[156] - ZERO_OFFSET

  let name = decodeStr(buf, 0, 100, filenameEncoding)
  const mode = decodeOct(buf, 100, 8)
  const uid = decodeOct(buf, 108, 8)
  const gid = decodeOct(buf, 116, 8)
  const size = decodeOct(buf, 124, 12)
  const mtime = decodeOct(buf, 136, 12)
  const type = toType(typeflag)
  const linkname = buf[157] === 0 ? null : decodeStr(buf, 157, 100, filenameEncoding)
  const uname = decodeStr(buf, 265, 32)
  const gname = decodeStr(buf, 297, 32)
  const devmajor = decodeOct(buf, 329, 8)
  const devminor = decodeOct(buf, 337, 8)

  const c = cksum(buf)

  // checksum is still initial value if header was null.
  if (c === 8 * 32) return null

  // valid checksum
  if (c !== decodeOct(buf, 148, 8)) throw new Error('Invalid tar header. Maybe the tar is corrupted or it needs to be gunzipped?')

  if (isUSTAR(buf)) {
    // ustar (posix) format.
    // prepend prefix, if present.
    if (buf[345]) name = decodeStr(buf, 345, 155, filenameEncoding) + '/' + name
  } else if (isGNU(buf)) {
    // 'gnu'/'oldgnu' format. Similar to ustar, but has support for incremental and
    // multi-volume tarballs.
  } else {
    if (!allowUnknownFormat) {
      throw new Error('Invalid tar header: unknown format.')
    }
  }

  // to support old tar versions that use trailing / to indicate dirs
  if (typeflag === 0 && name && name[name.length - 1] === '/') typeflag = 5

  return {
    name,
    mode,
    uid,
    gid,
    size,
    byteOffset: 0,
    mtime: new Date(1000 * mtime),
    type,
    linkname,
    uname,
    gname,
    devmajor,
    devminor,
    pax: null
  }
}

function isUSTAR (buf) {
  return b4a.equals(USTAR_MAGIC, buf.subarray(MAGIC_OFFSET, MAGIC_OFFSET + 6))
}

function isGNU (buf) {
  return b4a.equals(GNU_MAGIC, buf.subarray(MAGIC_OFFSET, MAGIC_OFFSET + 6)) &&
    b4a.equals(GNU_VER, buf.subarray(VERSION_OFFSET, VERSION_OFFSET + 2))
}

function clamp (index, len, defaultValue) {
  if (typeof index !== 'number') return defaultValue
  index = ~~index // Coerce to integer.
  if (index >= len) return len
  if (index >= 0) return index
  index += len
  if (index >= 0) return index
  return 0
}

function toType (flag) {
  switch (flag) {
    case 0:
      return 'file'
    case 1:
      return 'link'
    case 2:
      return 'symlink'
    case 3:
      return 'character-device'
    case 4:
      return 'block-device'
    case 5:
      return 'directory'
    case 6:
      return 'fifo'
    case 7:
      return 'contiguous-file'
    case 72:
      return 'pax-header'
    case 55:
      return 'pax-global-header'
    case 27:
      return 'gnu-long-link-path'
    case 28:
    case 30:
      return 'gnu-long-path'
  }

  return null
}

function toTypeflag (flag) {
  switch (flag) {
    case 'file':
      return 0
    case 'link':
      return 1
    case 'symlink':
      return 2
    case 'character-device':
      return 3
    case 'block-device':
      return 4
    case 'directory':
      return 5
    case 'fifo':
      return 6
    case 'contiguous-file':
      return 7
    case 'pax-header':
      return 72
  }

  return 0
}

function indexOf (block, num, offset, end) {
  for (; offset < end; offset++) {
    if (block[offset] === num) return offset
  }
  return end
}

function cksum (block) {
  let sum = 8 * 32
  for (let i = 0; i < 148; i++) sum += block[i]
  for (let j = 156; j < 512; j++) sum += block[j]
  return sum
}

function encodeOct (val, n) {
  val = val.toString(8)
  if (val.length > n) return SEVENS.slice(0, n) + ' '
  return ZEROS.slice(0, n - val.length) + val + ' '
}

function encodeSizeBin (num, buf, off) {
  buf[off] = num < 0 ? 0xff : 0x80
  for (let i = 11; i > 0; i--) {
    buf[off + i] = num & 0xff
    num = Math.floor(num / 0x100)
  }
}

function encodeSize (num, buf, off) {
  if (num < 0 || num.toString(8).length > 11) {
    encodeSizeBin(num, buf, off)
  } else {
    b4a.write(buf, encodeOct(num, 11), off)
  }
}

/* Copied from the node-tar repo and modified to meet
 * tar-stream coding standard.
 *
 * Source: https://github.com/npm/node-tar/blob/51b6627a1f357d2eb433e7378e5f05e83b7aa6cd/lib/header.js#L349
 */
function parse256 (buf) {
  // first byte MUST be either 80 or FF
  // 80 for positive, FF for 2's comp
  let positive
  if (buf[0] === 0x80) positive = true
  else if (buf[0] === 0xFF) positive = false
  else return null

  // build up a base-256 tuple from the least sig to the highest
  const tuple = []
  let i
  for (i = buf.length - 1; i > 0; i--) {
    const byte = buf[i]
    if (positive) tuple.push(byte)
    else tuple.push(0xFF - byte)
  }

  let sum = 0
  const l = tuple.length
  for (i = 0; i < l; i++) {
    sum += tuple[i] * Math.pow(256, i)
  }

  return positive ? sum : -(sum + 1)
}

function decodeOct (val, offset, length) {
  val = val.subarray(offset, offset + length)
  offset = 0

  // If prefixed with 0x80 then parse as a base-256 integer
  if (val[offset] & 0x80) {
    return parse256(val)
  } else {
    // Older versions of tar can prefix with spaces
    while (offset < val.length && val[offset] === 32) offset++
    const end = clamp(indexOf(val, 32, offset, val.length), val.length, val.length)
    while (offset < end && val[offset] === 0) offset++
    if (end === offset) return 0
    return parseInt(b4a.toString(val.subarray(offset, end)), 8)
  }
}

function decodeStr (val, offset, length, encoding) {
  return b4a.toString(val.subarray(offset, indexOf(val, 0, offset, offset + length)), encoding)
}

function addLength (str) {
  const len = b4a.byteLength(str)
  let digits = Math.floor(Math.log(len) / Math.log(10)) + 1
  if (len + digits >= Math.pow(10, digits)) digits++

  return (len + digits) + str
}


/***/ }),

/***/ 56118:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

exports.extract = __nccwpck_require__(35763)
/* unused reexport */ __nccwpck_require__(80861)


/***/ }),

/***/ 80861:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

const { Readable, Writable, getStreamError } = __nccwpck_require__(36204)
const b4a = __nccwpck_require__(73057)

const constants = __nccwpck_require__(20775)
const headers = __nccwpck_require__(88428)

const DMODE = 0o755
const FMODE = 0o644

const END_OF_TAR = b4a.alloc(1024)

class Sink extends Writable {
  constructor (pack, header, callback) {
    super({ mapWritable, eagerOpen: true })

    this.written = 0
    this.header = header

    this._callback = callback
    this._linkname = null
    this._isLinkname = header.type === 'symlink' && !header.linkname
    this._isVoid = header.type !== 'file' && header.type !== 'contiguous-file'
    this._finished = false
    this._pack = pack
    this._openCallback = null

    if (this._pack._stream === null) this._pack._stream = this
    else this._pack._pending.push(this)
  }

  _open (cb) {
    this._openCallback = cb
    if (this._pack._stream === this) this._continueOpen()
  }

  _continuePack (err) {
    if (this._callback === null) return

    const callback = this._callback
    this._callback = null

    callback(err)
  }

  _continueOpen () {
    if (this._pack._stream === null) this._pack._stream = this

    const cb = this._openCallback
    this._openCallback = null
    if (cb === null) return

    if (this._pack.destroying) return cb(new Error('pack stream destroyed'))
    if (this._pack._finalized) return cb(new Error('pack stream is already finalized'))

    this._pack._stream = this

    if (!this._isLinkname) {
      this._pack._encode(this.header)
    }

    if (this._isVoid && !this._isLinkname) {
      this._finish()
      this._continuePack(null)
    }

    cb(null)
  }

  _write (data, cb) {
    if (this._isLinkname) {
      this._linkname = this._linkname ? b4a.concat([this._linkname, data]) : data
      return cb(null)
    }

    if (this._isVoid) {
      if (data.byteLength > 0) {
        return cb(new Error('No body allowed for this entry'))
      }
      return cb()
    }

    this.written += data.byteLength
    if (this._pack.push(data)) return cb()
    this._pack._drain = cb
  }

  _finish () {
    if (this._finished) return
    this._finished = true

    if (this._isLinkname) {
      this.header.linkname = this._linkname ? b4a.toString(this._linkname, 'utf-8') : ''
      this._pack._encode(this.header)
    }

    overflow(this._pack, this.header.size)

    this._pack._done(this)
  }

  _final (cb) {
    if (this.written !== this.header.size) { // corrupting tar
      return cb(new Error('Size mismatch'))
    }

    this._finish()
    cb(null)
  }

  _getError () {
    return getStreamError(this) || new Error('tar entry destroyed')
  }

  _predestroy () {
    this._pack.destroy(this._getError())
  }

  _destroy (cb) {
    this._pack._done(this)

    this._continuePack(this._finished ? null : this._getError())

    cb()
  }
}

class Pack extends Readable {
  constructor (opts) {
    super(opts)
    this._drain = noop
    this._finalized = false
    this._finalizing = false
    this._pending = []
    this._stream = null
  }

  entry (header, buffer, callback) {
    if (this._finalized || this.destroying) throw new Error('already finalized or destroyed')

    if (typeof buffer === 'function') {
      callback = buffer
      buffer = null
    }

    if (!callback) callback = noop

    if (!header.size || header.type === 'symlink') header.size = 0
    if (!header.type) header.type = modeToType(header.mode)
    if (!header.mode) header.mode = header.type === 'directory' ? DMODE : FMODE
    if (!header.uid) header.uid = 0
    if (!header.gid) header.gid = 0
    if (!header.mtime) header.mtime = new Date()

    if (typeof buffer === 'string') buffer = b4a.from(buffer)

    const sink = new Sink(this, header, callback)

    if (b4a.isBuffer(buffer)) {
      header.size = buffer.byteLength
      sink.write(buffer)
      sink.end()
      return sink
    }

    if (sink._isVoid) {
      return sink
    }

    return sink
  }

  finalize () {
    if (this._stream || this._pending.length > 0) {
      this._finalizing = true
      return
    }

    if (this._finalized) return
    this._finalized = true

    this.push(END_OF_TAR)
    this.push(null)
  }

  _done (stream) {
    if (stream !== this._stream) return

    this._stream = null

    if (this._finalizing) this.finalize()
    if (this._pending.length) this._pending.shift()._continueOpen()
  }

  _encode (header) {
    if (!header.pax) {
      const buf = headers.encode(header)
      if (buf) {
        this.push(buf)
        return
      }
    }
    this._encodePax(header)
  }

  _encodePax (header) {
    const paxHeader = headers.encodePax({
      name: header.name,
      linkname: header.linkname,
      pax: header.pax
    })

    const newHeader = {
      name: 'PaxHeader',
      mode: header.mode,
      uid: header.uid,
      gid: header.gid,
      size: paxHeader.byteLength,
      mtime: header.mtime,
      type: 'pax-header',
      linkname: header.linkname && 'PaxHeader',
      uname: header.uname,
      gname: header.gname,
      devmajor: header.devmajor,
      devminor: header.devminor
    }

    this.push(headers.encode(newHeader))
    this.push(paxHeader)
    overflow(this, paxHeader.byteLength)

    newHeader.size = header.size
    newHeader.type = header.type
    this.push(headers.encode(newHeader))
  }

  _doDrain () {
    const drain = this._drain
    this._drain = noop
    drain()
  }

  _predestroy () {
    const err = getStreamError(this)

    if (this._stream) this._stream.destroy(err)

    while (this._pending.length) {
      const stream = this._pending.shift()
      stream.destroy(err)
      stream._continueOpen()
    }

    this._doDrain()
  }

  _read (cb) {
    this._doDrain()
    cb()
  }
}

module.exports = function pack (opts) {
  return new Pack(opts)
}

function modeToType (mode) {
  switch (mode & constants.S_IFMT) {
    case constants.S_IFBLK: return 'block-device'
    case constants.S_IFCHR: return 'character-device'
    case constants.S_IFDIR: return 'directory'
    case constants.S_IFIFO: return 'fifo'
    case constants.S_IFLNK: return 'symlink'
  }

  return 'file'
}

function noop () {}

function overflow (self, size) {
  size &= 511
  if (size) self.push(END_OF_TAR.subarray(0, 512 - size))
}

function mapWritable (buf) {
  return b4a.isBuffer(buf) ? buf : b4a.from(buf)
}


/***/ }),

/***/ 97934:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

const PassThroughDecoder = __nccwpck_require__(47256)
const UTF8Decoder = __nccwpck_require__(86414)

module.exports = class TextDecoder {
  constructor(encoding = 'utf8') {
    this.encoding = normalizeEncoding(encoding)

    switch (this.encoding) {
      case 'utf8':
        this.decoder = new UTF8Decoder()
        break
      case 'utf16le':
      case 'base64':
        throw new Error('Unsupported encoding: ' + this.encoding)
      default:
        this.decoder = new PassThroughDecoder(this.encoding)
    }
  }

  get remaining() {
    return this.decoder.remaining
  }

  push(data) {
    if (typeof data === 'string') return data
    return this.decoder.decode(data)
  }

  // For Node.js compatibility
  write(data) {
    return this.push(data)
  }

  end(data) {
    let result = ''
    if (data) result = this.push(data)
    result += this.decoder.flush()
    return result
  }
}

function normalizeEncoding(encoding) {
  encoding = encoding.toLowerCase()

  switch (encoding) {
    case 'utf8':
    case 'utf-8':
      return 'utf8'
    case 'ucs2':
    case 'ucs-2':
    case 'utf16le':
    case 'utf-16le':
      return 'utf16le'
    case 'latin1':
    case 'binary':
      return 'latin1'
    case 'base64':
    case 'ascii':
    case 'hex':
      return encoding
    default:
      throw new Error('Unknown encoding: ' + encoding)
  }
}


/***/ }),

/***/ 47256:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

const b4a = __nccwpck_require__(73057)

module.exports = class PassThroughDecoder {
  constructor(encoding) {
    this.encoding = encoding
  }

  get remaining() {
    return 0
  }

  decode(data) {
    return b4a.toString(data, this.encoding)
  }

  flush() {
    return ''
  }
}


/***/ }),

/***/ 86414:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

const b4a = __nccwpck_require__(73057)

/**
 * https://encoding.spec.whatwg.org/#utf-8-decoder
 */
module.exports = class UTF8Decoder {
  constructor() {
    this._reset()
  }

  get remaining() {
    return this.bytesSeen
  }

  decode(data) {
    if (data.byteLength === 0) return ''

    if (this.bytesNeeded === 0 && trailingIncomplete(data, 0) === 0) {
      this.bytesSeen = trailingBytesSeen(data)
      return b4a.toString(data, 'utf8')
    }

    let result = ''
    let start = 0

    if (this.bytesNeeded > 0) {
      while (start < data.byteLength) {
        const byte = data[start]

        if (byte < this.lowerBoundary || byte > this.upperBoundary) {
          result += '\ufffd'
          this._reset()
          break
        }

        this.lowerBoundary = 0x80
        this.upperBoundary = 0xbf
        this.codePoint = (this.codePoint << 6) | (byte & 0x3f)
        this.bytesSeen++
        start++

        if (this.bytesSeen === this.bytesNeeded) {
          result += String.fromCodePoint(this.codePoint)
          this._reset()
          break
        }
      }

      if (this.bytesNeeded > 0) return result
    }

    const trailing = trailingIncomplete(data, start)
    const end = data.byteLength - trailing

    if (end > start) result += b4a.toString(data, 'utf8', start, end)

    for (let i = end; i < data.byteLength; i++) {
      const byte = data[i]

      if (this.bytesNeeded === 0) {
        if (byte <= 0x7f) {
          this.bytesSeen = 0
          result += String.fromCharCode(byte)
        } else if (byte >= 0xc2 && byte <= 0xdf) {
          this.bytesNeeded = 2
          this.bytesSeen = 1
          this.codePoint = byte & 0x1f
        } else if (byte >= 0xe0 && byte <= 0xef) {
          if (byte === 0xe0) this.lowerBoundary = 0xa0
          else if (byte === 0xed) this.upperBoundary = 0x9f
          this.bytesNeeded = 3
          this.bytesSeen = 1
          this.codePoint = byte & 0xf
        } else if (byte >= 0xf0 && byte <= 0xf4) {
          if (byte === 0xf0) this.lowerBoundary = 0x90
          else if (byte === 0xf4) this.upperBoundary = 0x8f
          this.bytesNeeded = 4
          this.bytesSeen = 1
          this.codePoint = byte & 0x7
        } else {
          this.bytesSeen = 1
          result += '\ufffd'
        }

        continue
      }

      if (byte < this.lowerBoundary || byte > this.upperBoundary) {
        result += '\ufffd'
        i--
        this._reset()

        continue
      }

      this.lowerBoundary = 0x80
      this.upperBoundary = 0xbf

      this.codePoint = (this.codePoint << 6) | (byte & 0x3f)
      this.bytesSeen++

      if (this.bytesSeen === this.bytesNeeded) {
        result += String.fromCodePoint(this.codePoint)
        this._reset()
      }
    }

    return result
  }

  flush() {
    const result = this.bytesNeeded > 0 ? '\ufffd' : ''
    this._reset()
    return result
  }

  _reset() {
    this.codePoint = 0
    this.bytesNeeded = 0
    this.bytesSeen = 0
    this.lowerBoundary = 0x80
    this.upperBoundary = 0xbf
  }
}

function trailingIncomplete(data, start) {
  const len = data.byteLength
  if (len <= start) return 0

  const limit = Math.max(start, len - 4)

  let i = len - 1
  while (i > limit && (data[i] & 0xc0) === 0x80) i--

  if (i < start) return 0

  const byte = data[i]

  let needed
  if (byte <= 0x7f) return 0
  if (byte >= 0xc2 && byte <= 0xdf) needed = 2
  else if (byte >= 0xe0 && byte <= 0xef) needed = 3
  else if (byte >= 0xf0 && byte <= 0xf4) needed = 4
  else return 0

  const available = len - i
  return available < needed ? available : 0
}

function trailingBytesSeen(data) {
  const len = data.byteLength
  if (len === 0) return 0

  const last = data[len - 1]

  if (last <= 0x7f) return 0
  if ((last & 0xc0) !== 0x80) return 1

  const limit = Math.max(0, len - 4)

  let i = len - 2
  while (i >= limit && (data[i] & 0xc0) === 0x80) i--

  if (i < 0) return 1

  const first = data[i]

  let needed
  if (first >= 0xc2 && first <= 0xdf) needed = 2
  else if (first >= 0xe0 && first <= 0xef) needed = 3
  else if (first >= 0xf0 && first <= 0xf4) needed = 4
  else return 1

  if (len - i !== needed) return 1

  if (needed >= 3) {
    const second = data[i + 1]
    if (first === 0xe0 && second < 0xa0) return 1
    if (first === 0xed && second > 0x9f) return 1
    if (first === 0xf0 && second < 0x90) return 1
    if (first === 0xf4 && second > 0x8f) return 1
  }

  return 0
}


/***/ }),

/***/ 10072:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   l: () => (/* binding */ parseCacheSettings),
/* harmony export */   o: () => (/* binding */ NIX_PUBLIC_KEY)
/* harmony export */ });
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(64389);
// The caching inputs, read and checked (src/cache/ does the work): Cachix, a Nix binary cache, the
// GitHub Actions cache, a builder image.

const CACHIX_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;
// Ed25519 keys as Nix writes them: NAME:BASE64, 32 bytes public, 64 bytes secret.
const NIX_PUBLIC_KEY = /^[A-Za-z0-9._+-]+:[A-Za-z0-9+/]{43}=$/;
const NIX_SECRET_KEY = /^[A-Za-z0-9._+-]+:[A-Za-z0-9+/]{86}==$/;
const CACHE_SCHEMES = ['file:', 'http:', 'https:', 's3:'];
const CACHE_URL_FORMS = 'file:///path, https://host[/path] (http:// too) or s3://bucket[?region=…]';
// A store path in any store directory: <dir>/<32 base-32 characters>-<name>.
const STORE_PATH = /^\/(?:[^/\s]+\/)+[0-9a-df-np-sv-z]{32}-[A-Za-z0-9+._?=-]+$/;
const ATTR_PATH = /^[A-Za-z_][A-Za-z0-9_'-]*(?:\.[A-Za-z_][A-Za-z0-9_'-]*)*$/;
function parseCachixName(input, name) {
    if (!CACHIX_NAME.test(name)) {
        throw new _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `${JSON.stringify(name)} is not a Cachix cache name: use lowercase letters, digits and -, the <name> of https://<name>.cachix.org.`);
    }
    return name;
}
function parseBinaryCacheUrl(value) {
    const text = value.trim();
    let url;
    try {
        url = new URL(text);
    }
    catch {
        throw new _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('binary-cache', `${JSON.stringify(text)} is not a Nix store URL: use ${CACHE_URL_FORMS}.`);
    }
    if (!CACHE_SCHEMES.includes(url.protocol)) {
        throw new _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('binary-cache', `${JSON.stringify(text)} uses ${url.protocol}//, which is not accepted: use ${CACHE_URL_FORMS}.`);
    }
    if (url.protocol === 'file:' && (url.host || url.pathname === '/' || url.pathname === '')) {
        throw new _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('binary-cache', `${JSON.stringify(text)} is not a local directory: use file:///absolute/path (three slashes).`);
    }
    // Credentials in the URL would end up on nix's command line and in the logs.
    if (url.username || url.password) {
        throw new _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('binary-cache', 'holds credentials: remove user:password@ and give them to Nix through a netrc file (netrc-file in extra-conf) or, for s3://, the AWS_* environment.');
    }
    if (/\s/.test(text))
        throw new _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('binary-cache', `${JSON.stringify(text)} contains whitespace; give one URL.`);
    return text;
}
function parsePublicKeys(value) {
    const keys = value.split(/[\s,]+/).filter(Boolean);
    for (const key of keys) {
        if (!NIX_PUBLIC_KEY.test(key)) {
            throw new _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('binary-cache-public-key', `${JSON.stringify(key)} is not a Nix public key: use NAME:BASE64 as printed by nix key convert-secret-to-public, e.g. cache.example.org-1:…= (several separated by commas, spaces or newlines).`);
        }
    }
    return [...new Set(keys)];
}
function parseSecretKey(value) {
    const key = value.trim();
    // The value is a secret: the message describes it without repeating it.
    if (!NIX_SECRET_KEY.test(key)) {
        throw new _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('binary-cache-secret-key', 'is not a Nix secret signing key: give the whole contents of the file nix key generate-secret (or nix-store --generate-binary-cache-key) writes, NAME:BASE64.');
    }
    return key;
}
function parseBuilderImage(value, flake) {
    const v = value.trim();
    if (!v)
        return undefined;
    if (v.startsWith('/')) {
        if (!STORE_PATH.test(v))
            throw new _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('cache-builder-image', `${JSON.stringify(v)} is not a store path: use /nix/store/<hash>-<name>, or a flake attribute such as darwinConfigurations.mac.config.nix-rosetta-builder.image.`);
        return { path: v };
    }
    const hash = v.indexOf('#');
    const ref = hash === -1 ? flake : v.slice(0, hash);
    const attr = hash === -1 ? v : v.slice(hash + 1);
    if (!_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .FLAKE */ .aH.test(ref) || !ATTR_PATH.test(attr)) {
        throw new _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('cache-builder-image', `${JSON.stringify(v)} is neither a store path nor a flake attribute: use /nix/store/<hash>-<name>, an attribute path such as packages.aarch64-linux.builderImage, or <flake>#<attribute>.`);
    }
    return { installable: `${ref}#${attr}` };
}
/**
 * The caching inputs. Pushing defaults to on unless the run is a pull request from a fork, whose
 * code must not write to a cache others substitute from; Cachix also needs a token or signing key.
 */
function parseCacheSettings(raw, ctx, flake) {
    const fromFork = ctx.forkPullRequest === true;
    const cachixName = raw('cachix-name').trim();
    const authToken = raw('cachix-auth-token').trim();
    const signingKey = raw('cachix-signing-key').trim();
    const cachixPush = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .parseAutoBoolean */ .NE)('cachix-push', raw('cachix-push'));
    let cachix;
    if (cachixName) {
        const name = parseCachixName('cachix-name', cachixName);
        const canPush = Boolean(authToken || signingKey);
        if (cachixPush === true && !canPush) {
            throw new _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('cachix-push', 'is true but neither cachix-auth-token nor cachix-signing-key is set: give the token of a cache you may write to (e.g. secrets.CACHIX_AUTH_TOKEN), or set cachix-push to auto or false.');
        }
        cachix = { name, authToken, signingKey, push: cachixPush === 'auto' ? canPush && !fromFork : cachixPush };
    }
    else {
        for (const input of ['cachix-auth-token', 'cachix-signing-key']) {
            if (raw(input).trim())
                throw new _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, 'is set but cachix-name is empty: name the Cachix cache it belongs to.');
        }
        if (cachixPush === true)
            throw new _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('cachix-push', 'is true but cachix-name is empty: name the Cachix cache to push to.');
    }
    const extraPullNames = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .splitList */ .ry)(raw('extra-pull-names').replace(/\s+/g, ',')).map((n) => parseCachixName('extra-pull-names', n));
    const url = raw('binary-cache').trim();
    const publicKeys = parsePublicKeys(raw('binary-cache-public-key'));
    const secretKey = raw('binary-cache-secret-key').trim();
    const binaryPush = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .parseAutoBoolean */ .NE)('binary-cache-push', raw('binary-cache-push'));
    let binaryCache;
    if (url) {
        binaryCache = {
            url: parseBinaryCacheUrl(url),
            publicKeys,
            secretKey: secretKey ? parseSecretKey(secretKey) : '',
            push: binaryPush === 'auto' ? !fromFork : binaryPush,
        };
    }
    else {
        if (publicKeys.length > 0)
            throw new _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('binary-cache-public-key', 'is set but binary-cache is empty: give the URL of the cache it signs, e.g. https://cache.example.org.');
        if (secretKey)
            throw new _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('binary-cache-secret-key', 'is set but binary-cache is empty: give the URL of the cache to push to, e.g. s3://my-bucket?region=eu-west-1.');
        if (binaryPush === true)
            throw new _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('binary-cache-push', `is true but binary-cache is empty: give the URL of the cache to push to (${CACHE_URL_FORMS}).`);
    }
    const actions = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .parseAutoBoolean */ .NE)('actions-cache', raw('actions-cache'));
    const builderImage = parseBuilderImage(raw('cache-builder-image'), flake);
    if (builderImage && !cachix && !binaryCache) {
        throw new _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('cache-builder-image', 'needs a cache to check and push to: set cachix-name or binary-cache (the GitHub Actions cache cannot be asked for one store path).');
    }
    return {
        cachix,
        extraPullNames,
        binaryCache,
        actionsCache: actions === 'auto' ? !cachix && !binaryCache : actions,
        builderImage,
    };
}


/***/ }),

/***/ 64389:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   NE: () => (/* binding */ parseAutoBoolean),
/* harmony export */   W_: () => (/* binding */ MAX_LONG),
/* harmony export */   aH: () => (/* binding */ FLAKE),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   fL: () => (/* binding */ parseSeconds),
/* harmony export */   mz: () => (/* binding */ MAX_INPUT),
/* harmony export */   ry: () => (/* binding */ splitList),
/* harmony export */   sG: () => (/* binding */ splitArgs),
/* harmony export */   yG: () => (/* binding */ parseBoolean),
/* harmony export */   yL: () => (/* binding */ oneOf),
/* harmony export */   zY: () => (/* binding */ DEFAULTS)
/* harmony export */ });
/* unused harmony exports NIX_INSTALLER, INPUT_NAMES */
const NIX_INSTALLER = {
    url: 'https://releases.nixos.org/nix/nix-2.24.11/install',
    sha256: '5c610a0e97c8a2dd48c1a630608502e43fdecd7d2572463dd4166126106d9188',
};
class InputError extends Error {
    constructor(input, message) {
        super(`Input '${input}': ${message}`);
        this.name = 'InputError';
    }
}
const INPUT_NAMES = (/* unused pure expression or super */ null && ([
    'container',
    'tool',
    'architectures',
    'installables',
    'flake',
    'test',
    'test-args',
    'test-timeout',
    'emulate',
    'extra-conf',
    'push',
    'publisher',
    'registry',
    'repository',
    'manifest-app',
    'version',
    'tags',
    'annotations',
    'labels',
    'compression',
    'username',
    'password',
    'cachix-name',
    'cachix-auth-token',
    'cachix-signing-key',
    'cachix-push',
    'extra-pull-names',
    'binary-cache',
    'binary-cache-public-key',
    'binary-cache-secret-key',
    'binary-cache-push',
    'actions-cache',
    'cache-builder-image',
    'nix-installer-url',
    'nix-installer-sha256',
    'builders',
    'builder-ssh-key',
    'builder-host-key',
    'builder-timeout',
    'sbom',
    'attest',
    'github-token',
]));
const DEFAULTS = {
    architectures: 'x86_64-linux,aarch64-linux',
    flake: '.',
    test: 'true',
    'test-args': '--help',
    'test-timeout': '60',
    emulate: 'auto',
    push: 'auto',
    publisher: 'flocken',
    compression: 'gzip',
    registry: 'ghcr.io',
    'cachix-push': 'auto',
    'binary-cache-push': 'auto',
    'actions-cache': 'auto',
    'nix-installer-url': NIX_INSTALLER.url,
    'nix-installer-sha256': NIX_INSTALLER.sha256,
    'builder-timeout': '120',
    sbom: 'true',
    attest: 'false',
};
const MAX_INPUT = 4096;
const MAX_EXTRA_CONF = 65536;
// An RSA private key of 8192 bits is about 6,600 characters; builder lines carry host keys.
const MAX_LONG = { 'extra-conf': MAX_EXTRA_CONF, 'builder-ssh-key': 16384, builders: 16384, installables: 16384 };
const FLAKE = /^[A-Za-z0-9+._:/?=&@~-]+$/;
/** Split a list input on commas and newlines, dropping blanks. */
function splitList(value) {
    return value
        .split(/[,\n]/)
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
}
/**
 * Split test arguments like a shell would split words, with '…' and "…" quoting, but never
 * expanding anything: `$(id)` or `;` stay literal characters of an argument.
 */
function splitArgs(value, input = 'test-args') {
    const args = [];
    let current = '';
    let inWord = false;
    let quote;
    for (let i = 0; i < value.length; i++) {
        const c = value[i];
        if (quote) {
            if (c === quote)
                quote = undefined;
            else if (c === '\\' && quote === '"' && (value[i + 1] === '"' || value[i + 1] === '\\'))
                current += value[++i];
            else
                current += c;
        }
        else if (c === '"' || c === "'") {
            quote = c;
            inWord = true;
        }
        else if (/\s/.test(c)) {
            if (inWord)
                args.push(current);
            current = '';
            inWord = false;
        }
        else {
            current += c;
            inWord = true;
        }
    }
    if (quote)
        throw new InputError(input, `the quote ${quote} is never closed in ${JSON.stringify(value)}.`);
    if (inWord)
        args.push(current);
    return args;
}
function parseBoolean(input, value) {
    const v = value.trim().toLowerCase();
    if (v === 'true')
        return true;
    if (v === 'false')
        return false;
    throw new InputError(input, `${JSON.stringify(value)} is not a boolean; use true or false.`);
}
function oneOf(input, value, allowed) {
    const v = value.trim().toLowerCase();
    if (allowed.includes(v))
        return v;
    throw new InputError(input, `${JSON.stringify(value)} is not accepted; use one of: ${allowed.join(', ')}.`);
}
/** Whole seconds from 1 to 3600 (test-timeout, builder-timeout). */
function parseSeconds(input, value) {
    const v = value.trim();
    const n = Number(v);
    if (!/^[0-9]+$/.test(v) || n < 1 || n > 3600) {
        throw new InputError(input, `${JSON.stringify(value)} is not accepted; use whole seconds from 1 to 3600.`);
    }
    return n;
}
/** auto | true | false, where auto is decided by the caller. */
function parseAutoBoolean(input, value) {
    const v = value.trim().toLowerCase() || 'auto';
    if (v === 'auto')
        return 'auto';
    if (v === 'true' || v === 'false')
        return v === 'true';
    throw new InputError(input, `${JSON.stringify(value)} is not accepted; use one of: auto, true, false.`);
}


/***/ }),

/***/ 60006:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   AY: () => (/* binding */ MachineLineError),
/* harmony export */   BD: () => (/* binding */ sshAlias),
/* harmony export */   Gr: () => (/* binding */ formatSshUri),
/* harmony export */   NZ: () => (/* binding */ toBuilder),
/* harmony export */   OV: () => (/* binding */ buildersValue),
/* harmony export */   QZ: () => (/* binding */ describeBuilders),
/* harmony export */   RN: () => (/* binding */ mergeBuilders),
/* harmony export */   WA: () => (/* binding */ sshConfigText),
/* harmony export */   Yw: () => (/* binding */ FROM_INPUT),
/* harmony export */   am: () => (/* binding */ parseSshUri),
/* harmony export */   bP: () => (/* binding */ rootSshConfigFile),
/* harmony export */   hF: () => (/* binding */ parseMachineLine),
/* harmony export */   iO: () => (/* binding */ pingArgs),
/* harmony export */   jl: () => (/* binding */ splitMachines),
/* harmony export */   uu: () => (/* binding */ rootSshConfigText),
/* harmony export */   vE: () => (/* binding */ classifyPingFailure),
/* harmony export */   wX: () => (/* binding */ MACHINE_LINE_FORM)
/* harmony export */ });
/* unused harmony exports ROSETTA_HOST, formatMachineLine, isRosettaBuilder, pingStoreUri, inputBuilders */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _platform_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(15063);
/* harmony import */ var _ssh_keys_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(32005);
// Nix's machines format, pure: machine lines (parse, format, the builders value), ssh store URIs,
// and the ssh config for a builder on a port. The builders input is written in it.



/** Why a machine line was rejected; config/settings.ts turns it into an error naming the input. */
class MachineLineError extends Error {
}
const FIELD_NAMES = ['URI', 'systems', 'ssh key', 'max jobs', 'speed factor', 'supported features', 'mandatory features', 'public host key'];
const MACHINE_LINE_FORM = 'ssh-ng://user@host[:port] systems [ssh-key [max-jobs [speed-factor [features [mandatory-features [host-key]]]]]], with - for a field left out';
const SYSTEM = /^[a-z0-9_]+-[a-z0-9_]+$/;
const HOST_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;
const USER = /^[A-Za-z0-9._][A-Za-z0-9._-]*$/;
/** Where a builder given by the action's inputs says it came from (plans and errors show it). */
const FROM_INPUT = "input 'builders'";
/** The host name nix-darwin's nix-rosetta-builder gives its VM in /etc/ssh/ssh_config.d and /etc/nix/machines. */
const ROSETTA_HOST = 'rosetta-builder';
/**
 * The entries of a `builders` value or a machines file, as Nix splits them: on newlines and ';',
 * '#' to the end of a line is a comment, and '@file' names a machines file to read.
 */
function splitMachines(text) {
    const lines = [];
    const files = [];
    for (const raw of text.split(/[\n;]/)) {
        const entry = raw.replace(/#.*$/, '').trim();
        if (!entry)
            continue;
        if (entry.startsWith('@'))
            files.push(entry.slice(1).trim());
        else
            lines.push(entry);
    }
    return { lines, files };
}
/** `[user@]host[:port]` after ssh:// or ssh-ng://; Nix itself reads a line without a scheme as ssh://. */
function parseSshUri(uri) {
    const m = /^(?:(ssh|ssh-ng):\/\/)?(?:([^@/?#\s]+)@)?(\[[0-9A-Fa-f:.]+\]|[^:/?#@\s[\]]+)(?::([0-9]{1,5}))?$/.exec(uri);
    if (!m)
        return undefined;
    const [, scheme = 'ssh', user, rawHost, port] = m;
    const host = rawHost.startsWith('[') ? rawHost.slice(1, -1) : rawHost;
    if (user !== undefined && !USER.test(user))
        return undefined;
    if (!rawHost.startsWith('[') && !HOST_NAME.test(host))
        return undefined;
    if (port !== undefined && (Number(port) < 1 || Number(port) > 65535))
        return undefined;
    return { scheme: scheme, user, host, port: port === undefined ? undefined : Number(port) };
}
function formatSshUri(t) {
    const host = t.host.includes(':') ? `[${t.host}]` : t.host;
    return `${t.scheme}://${t.user ? `${t.user}@` : ''}${host}${t.port === undefined ? '' : `:${t.port}`}`;
}
function optionalField(value) {
    return value === undefined || value === '-' || value === '' ? undefined : value;
}
function listField(value) {
    const v = optionalField(value);
    return v
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : [];
}
function wholeNumber(value, field) {
    const v = optionalField(value);
    if (v === undefined)
        return undefined;
    if (!/^[0-9]+$/.test(v) || Number(v) < 1)
        throw new MachineLineError(`field ${field + 1} (${FIELD_NAMES[field]}) ${JSON.stringify(v)} is not a whole number of at least 1, or -`);
    return Number(v);
}
/**
 * One machine line. `strict` (for the builders input) also insists on an ssh URI and on at least
 * one system; lines Nix itself reads are taken as Nix takes them.
 */
function parseMachineLine(line, strict = false) {
    const fields = line.trim().split(/\s+/);
    if (fields.length > 8)
        throw new MachineLineError(`has ${fields.length} fields; a machine line has at most 8: ${MACHINE_LINE_FORM}`);
    const [uriField, systemsField, keyField, jobsField, speedField, featuresField, mandatoryField, hostKeyField] = fields;
    let uri = uriField;
    if (strict) {
        const target = parseSshUri(uriField);
        if (!target)
            throw new MachineLineError(`${JSON.stringify(uriField)} is not an ssh builder: use ssh-ng://user@host or ssh-ng://user@host:port (ssh:// for the older protocol), without a path or ?options`);
        uri = formatSshUri(target);
    }
    else if (!uri.includes('://')) {
        uri = `ssh://${uri}`;
    }
    const systems = listField(systemsField);
    for (const s of systems) {
        if (!SYSTEM.test(s))
            throw new MachineLineError(`field 2 (systems) has ${JSON.stringify(s)}, which is not a Nix system such as aarch64-linux`);
    }
    if (strict && !systems.some((s) => _platform_js__WEBPACK_IMPORTED_MODULE_1__/* .LINUX_SYSTEMS */ .K.includes(s))) {
        throw new MachineLineError(`lists no system this action builds: name them in field 2, comma-separated, e.g. ${uri} aarch64-linux (accepted: ${_platform_js__WEBPACK_IMPORTED_MODULE_1__/* .LINUX_SYSTEMS */ .K.join(', ')})`);
    }
    if (strict && optionalField(mandatoryField) !== undefined) {
        throw new MachineLineError(`field 7 (mandatory features) is ${JSON.stringify(mandatoryField)}: Nix sends such a machine only derivations that require those features, which images do not; write - there`);
    }
    const hostKey = optionalField(hostKeyField);
    if (hostKey !== undefined && !(0,_ssh_keys_js__WEBPACK_IMPORTED_MODULE_2__/* .parseHostKey */ .xK)(hostKey)) {
        throw new MachineLineError(`field 8 (public host key) is not the base64 of an SSH public key line (base64 -w0 /etc/ssh/ssh_host_ed25519_key.pub)`);
    }
    return {
        uri,
        systems,
        sshKey: optionalField(keyField),
        maxJobs: wholeNumber(jobsField, 3),
        speedFactor: wholeNumber(speedField, 4),
        supportedFeatures: listField(featuresField),
        mandatoryFeatures: listField(mandatoryField),
        publicHostKey: hostKey,
    };
}
/** Back to the text Nix reads, with '-' for what is left out. */
function formatMachineLine(m) {
    const list = (l) => (l.length ? l.join(',') : '-');
    const fields = [
        m.uri,
        list(m.systems),
        m.sshKey ?? '-',
        String(m.maxJobs ?? 1),
        String(m.speedFactor ?? 1),
        list(m.supportedFeatures),
        list(m.mandatoryFeatures),
        m.publicHostKey ?? '-',
    ];
    // Nix splits a `builders` value on ';' and cuts '#' comments, so neither may occur in a field.
    if (fields.some((f) => /[;#\s]/.test(f)))
        throw new MachineLineError(`cannot be written as a machine line: a field contains ';', '#' or a space`);
    return fields.join(' ');
}
/**
 * What the planner needs from a machine: the Linux systems it builds. A machine with mandatory
 * features only takes derivations that require them, so Nix would not send our images there.
 */
function toBuilder(m, from) {
    if (m.mandatoryFeatures.length > 0)
        return undefined;
    const systems = _platform_js__WEBPACK_IMPORTED_MODULE_1__/* .LINUX_SYSTEMS */ .K.filter((s) => m.systems.includes(s));
    if (systems.length === 0)
        return undefined;
    return { uri: m.label ?? m.uri, systems, from, line: m };
}
/** Builders given as inputs come first, so the plan names them; later duplicates are dropped. */
function mergeBuilders(...sets) {
    const seen = new Set();
    const out = [];
    for (const b of sets.flat()) {
        if (seen.has(b.uri))
            continue;
        seen.add(b.uri);
        out.push(b);
    }
    return out;
}
function isRosettaBuilder(uri) {
    return parseSshUri(uri)?.host === ROSETTA_HOST;
}
// --- what the action writes -------------------------------------------------------------------------
/** The ssh Host alias for a builder on a port: Nix 2.8 (and Nix before 2.31) cannot put a port in a URI. */
function sshAlias(t) {
    return `nca-${t.host.replace(/[^A-Za-z0-9.-]+/g, '_')}-${t.port}`;
}
/** Where the nix daemon's ssh (root's) finds the ports of a run's builders: a drop-in removed by the post step. */
function rootSshConfigFile(builderDir) {
    return `/etc/ssh/ssh_config.d/${(0,node_path__WEBPACK_IMPORTED_MODULE_0__.basename)(builderDir)}.conf`;
}
function hostBlocks(routes) {
    return routes.map((r) => [`Host ${r.alias}`, `  HostName ${r.host}`, `  Port ${r.port}`, `  HostKeyAlias ${r.alias}`].join('\n'));
}
/** The same routes as a drop-in of the system's ssh config, for a daemon that never sees NIX_SSHOPTS. */
function rootSshConfigText(routes) {
    return ['# Written by nix-container-action for remote builders on a port; removed in its post step.', ...hostBlocks(routes), ''].join('\n');
}
/**
 * ssh config for builders on a port, given to Nix's ssh as NIX_SSHOPTS="-F <file>". HostKeyAlias
 * makes ssh look the host key up under the alias, which is the name Nix writes the machine line's
 * host key under. `-F` replaces the user's and the system's config, so they are included after
 * ours, for every other host (the nix-rosetta-builder's Host entry lives in /etc/ssh/ssh_config.d).
 */
function sshConfigText(routes) {
    return [
        '# Written by nix-container-action for remote builders on a port; removed in its post step.',
        ...hostBlocks(routes),
        'Match all',
        '  Include /etc/ssh/ssh_config',
        '  Include ~/.ssh/config',
        '',
    ].join('\n');
}
/**
 * The `builders` value for this run: our lines first, then whatever Nix had (often @/etc/nix/machines).
 * Joined by a bare ';': Nix 2.8 reads an '@file' entry only when '@' is its very first character
 * (it does not trim the entry first), so ' ; @/etc/nix/machines' would become a machine of that name.
 */
function buildersValue(lines, existing) {
    const kept = (existing ?? '')
        .split(/[\n;]/)
        .map((e) => e.trim())
        .filter(Boolean);
    return [...lines.map(formatMachineLine), ...kept].join(';');
}
/** `nix store ping`'s store URI: the key and host key as the store's own settings. */
function pingStoreUri(m) {
    const params = [
        m.sshKey && `ssh-key=${encodeURIComponent(m.sshKey)}`,
        m.publicHostKey && `base64-ssh-public-host-key=${encodeURIComponent(m.publicHostKey)}`,
    ].filter(Boolean);
    return params.length ? `${m.uri}?${params.join('&')}` : m.uri;
}
function pingArgs(m) {
    // The flag, not NIX_CONFIG, enables the command: `sudo` drops the environment.
    return ['--extra-experimental-features', 'nix-command', 'store', 'ping', '--store', pingStoreUri(m)];
}
/** Which ping failures waiting cannot fix: a booting machine refuses or drops connections. */
function classifyPingFailure(stderr) {
    if (/Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED|No (ED25519|ECDSA|RSA)? ?host key is known/i.test(stderr))
        return 'host-key';
    if (/Load key .*: Permission denied|Permission denied, please try again|identity file .* not accessible/i.test(stderr))
        return 'unreadable-key';
    if (/Permission denied \(/.test(stderr))
        return 'auth';
    return 'transient';
}
// --- the world ----------------------------------------------------------------------------------
/** The Linux systems a builder set covers, for messages. */
function describeBuilders(builders) {
    return builders
        .map((b) => `${b.uri} (${b.systems.join(', ')}${isRosettaBuilder(b.uri) ? ', nix-rosetta-builder' : ''}${b.from ? `; ${b.from}` : ''})`)
        .join(', ');
}
/** The builders input as the planner sees it. */
function inputBuilders(lines) {
    return lines.map((l) => toBuilder(l, FROM_INPUT)).filter((b) => b !== undefined);
}


/***/ }),

/***/ 15063:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   As: () => (/* binding */ ociArch),
/* harmony export */   Dr: () => (/* binding */ ociPlatform),
/* harmony export */   K: () => (/* binding */ LINUX_SYSTEMS),
/* harmony export */   QE: () => (/* binding */ ARCHITECTURE_FORMS),
/* harmony export */   V: () => (/* binding */ parseSystem),
/* harmony export */   j9: () => (/* binding */ isLinux),
/* harmony export */   k3: () => (/* binding */ detectHost),
/* harmony export */   p_: () => (/* binding */ nativeLinuxSystem)
/* harmony export */ });
const LINUX_SYSTEMS = ['x86_64-linux', 'aarch64-linux'];
const OCI_ARCH = {
    'x86_64-linux': 'amd64',
    'aarch64-linux': 'arm64',
};
/** Every spelling a user may write for a Linux system, lowercased. */
const ALIASES = {
    'x86_64-linux': 'x86_64-linux',
    x86_64: 'x86_64-linux',
    amd64: 'x86_64-linux',
    'linux/amd64': 'x86_64-linux',
    'aarch64-linux': 'aarch64-linux',
    aarch64: 'aarch64-linux',
    arm64: 'aarch64-linux',
    'linux/arm64': 'aarch64-linux',
    'linux/arm64/v8': 'aarch64-linux',
};
const ARCHITECTURE_FORMS = `x86_64-linux, aarch64-linux, amd64, arm64, x86_64, aarch64, linux/amd64, linux/arm64 or native`;
function ociArch(system) {
    return OCI_ARCH[system];
}
function ociPlatform(system) {
    return `linux/${OCI_ARCH[system]}`;
}
/** One architecture as written by a user, or undefined when it is not one we build. */
function parseSystem(value, host) {
    const v = value.trim().toLowerCase();
    if (v === 'native')
        return nativeLinuxSystem(host);
    return ALIASES[v];
}
/** The seed's auto-detection: the Linux system of the same CPU as the host. */
function nativeLinuxSystem(host) {
    return host.startsWith('aarch64-') ? 'aarch64-linux' : 'x86_64-linux';
}
function isLinux(host) {
    return host.endsWith('-linux');
}
/** The Nix system of the machine this process runs on. */
function detectHost(platform = process.platform, arch = process.arch) {
    const cpu = arch === 'arm64' ? 'aarch64' : arch === 'x64' ? 'x86_64' : undefined;
    const os = platform === 'linux' ? 'linux' : platform === 'darwin' ? 'darwin' : undefined;
    if (!cpu || !os) {
        throw new Error(`This runner (${platform}/${arch}) is not supported: the action runs on Linux or macOS, on x64 or arm64.`);
    }
    return `${cpu}-${os}`;
}


/***/ }),

/***/ 39393:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Rv: () => (/* binding */ PUSH_EVENTS),
  on: () => (/* binding */ imageBaseName),
  vP: () => (/* binding */ imageInstallable),
  d: () => (/* binding */ isValidRepository),
  P$: () => (/* binding */ parseSettings),
  gi: () => (/* binding */ parseSystems)
});

// UNUSED EXPORTS: defaultManifestName, parseCompression

// EXTERNAL MODULE: ./src/model.ts
var model = __nccwpck_require__(10182);
// EXTERNAL MODULE: ./src/config/platform.ts
var platform = __nccwpck_require__(15063);
// EXTERNAL MODULE: ./src/config/tags.ts
var config_tags = __nccwpck_require__(1189);
// EXTERNAL MODULE: ./src/config/inputs.ts
var inputs = __nccwpck_require__(64389);
;// CONCATENATED MODULE: ./src/config/annotations.ts
// The annotations and labels inputs, as docker/metadata-action writes its outputs: one
// `[levels:]key=value` per line. Parsed before any work starts, so a bad line fails the run at once.

const OCI = 'org.opencontainers.image';
const LEVELS = ['index', 'manifest'];
// metadata-action also writes these levels; they describe descriptors inside an index or an OCI
// layout, which a registry push has no place for.
const UNSUPPORTED_LEVELS = ['manifest-descriptor', 'index-descriptor'];
const KEY = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
/** `key=value` lines (blank lines and `#` comments skipped), the shape both inputs take. */
function keyValueLines(input, value) {
    const out = [];
    for (const raw of value.split(/\r?\n/)) {
        const line = raw.trim();
        if (!line || line.startsWith('#'))
            continue;
        const eq = line.indexOf('=');
        if (eq <= 0)
            throw new inputs/* InputError */.dz(input, `${JSON.stringify(line)} is not key=value: give one annotation or label per line, e.g. ${OCI}.title=fd.`);
        out.push({ key: line.slice(0, eq).trim(), value: line.slice(eq + 1).trim() });
    }
    return out;
}
function checkKey(input, key) {
    if (!KEY.test(key))
        throw new inputs/* InputError */.dz(input, `${JSON.stringify(key)} is not a valid key: use letters, digits, '.', '_', '/' and '-', e.g. ${OCI}.title.`);
}
/** The annotations input: metadata-action's `annotations` output as it is, or lines written by hand. */
function parseAnnotations(value) {
    return keyValueLines('annotations', value).map(({ key: left, value }) => {
        const colon = left.indexOf(':');
        const prefix = colon >= 0 ? left.slice(0, colon) : undefined;
        const key = left.slice(colon + 1);
        checkKey('annotations', key);
        // Without a level a line applies to the index and to every manifest.
        const levels = prefix === undefined ? [...LEVELS] : prefix.split(',').map((l) => l.trim());
        for (const level of levels) {
            if (LEVELS.includes(level))
                continue;
            const why = UNSUPPORTED_LEVELS.includes(level) ? ' (descriptors are not pushed on their own)' : '';
            throw new inputs/* InputError */.dz('annotations', `level ${JSON.stringify(level)} of ${key} is not one of index, manifest${why}: write index:${key}=…, manifest:${key}=… or ${key}=… for both.`);
        }
        return { levels: levels, key, value };
    });
}
/** The labels input: metadata-action's `labels` output, `key=value` per line. */
function parseLabels(value) {
    const labels = {};
    for (const { key, value: v } of keyValueLines('labels', value)) {
        checkKey('labels', key);
        labels[key] = v;
    }
    return labels;
}

// EXTERNAL MODULE: ./src/config/ssh-keys.ts
var ssh_keys = __nccwpck_require__(32005);
// EXTERNAL MODULE: ./src/config/machine-line.ts
var machine_line = __nccwpck_require__(60006);
;// CONCATENATED MODULE: ./src/config/builder-settings.ts
// The remote builder inputs, read and checked (src/builders/ does the work): machine lines, the
// private key that opens them and the host key that proves them.



function parseBuilderSettings(read) {
    const builders = parseBuilders(read('builders'));
    return { builders, builderSshKey: parseBuilderSshKey(read('builder-ssh-key'), builders), builderHostKey: parseBuilderHostKey(read('builder-host-key')) };
}
function parseBuilders(value) {
    const lines = (0,machine_line/* splitMachines */.jl)(value);
    if (lines.files.length > 0) {
        throw new inputs/* InputError */.dz('builders', `@${lines.files[0]} names a machines file; give the machine lines themselves (builders in /etc/nix/machines are found without this input).`);
    }
    const seen = new Set();
    return lines.lines.map((text, i) => {
        let line;
        try {
            line = (0,machine_line/* parseMachineLine */.hF)(text, true);
        }
        catch (e) {
            if (!(e instanceof machine_line/* MachineLineError */.AY))
                throw e;
            throw new inputs/* InputError */.dz('builders', `line ${i + 1} (${text.split(/\s+/)[0]}) ${e.message}. A line is: ${machine_line/* MACHINE_LINE_FORM */.wX}.`);
        }
        if (seen.has(line.uri))
            throw new inputs/* InputError */.dz('builders', `${line.uri} is listed twice.`);
        seen.add(line.uri);
        return line;
    });
}
function parseBuilderSshKey(value, builders) {
    if (!value.trim())
        return '';
    if (builders.length === 0)
        throw new inputs/* InputError */.dz('builder-ssh-key', 'is set but builders is empty: list the machines it opens in builders, e.g. ssh-ng://builder@host aarch64-linux.');
    try {
        return (0,ssh_keys/* parsePrivateKey */.QW)(value);
    }
    catch (e) {
        if (e instanceof ssh_keys/* KeyError */.eN)
            throw new inputs/* InputError */.dz('builder-ssh-key', `${e.message}.`);
        throw e;
    }
}
function parseBuilderHostKey(value) {
    if (!value.trim())
        return undefined;
    const key = (0,ssh_keys/* parseHostKey */.xK)(value);
    if (!key) {
        throw new inputs/* InputError */.dz('builder-host-key', "is not an SSH public host key: give the builder's key line (ssh-ed25519 AAAA…, from its /etc/ssh/ssh_host_ed25519_key.pub or ssh-keyscan), or that line in base64 as /etc/nix/machines has it.");
    }
    return key;
}

;// CONCATENATED MODULE: ./src/config/installables.ts


const FORMS = 'write one SYSTEM=INSTALLABLE per line, or CONTAINER/SYSTEM=INSTALLABLE when there are several containers, e.g. aarch64-linux=.#packages.x86_64-linux.fdContainer-aarch64';
// An attribute path as Nix parses one: names joined by dots, a name with dots in "quotes". No
// outputs (^out) and nothing a shell or a Nix string would treat specially.
const ATTR_PATH = /^(?:[A-Za-z0-9_'+-]+|"[A-Za-z0-9_'+.-]+")(?:\.(?:[A-Za-z0-9_'+-]+|"[A-Za-z0-9_'+.-]+"))*$/;
/**
 * `.#attr` and `#attr` are attributes of the flake input, joined to it as the default installables
 * are; anything else must be a whole installable, `<flake reference>#<attribute path>`.
 */
function resolve(text, flake, where) {
    const hash = text.indexOf('#');
    const ref = hash < 0 ? text : text.slice(0, hash);
    const attr = hash < 0 ? '' : text.slice(hash + 1);
    // A leading dot makes the path absolute for Nix (no packages.<system> prefix is tried).
    const path = attr.startsWith('.') ? attr.slice(1) : attr;
    if (hash < 0 || !ATTR_PATH.test(path) || (ref !== '' && ref !== '.' && !inputs/* FLAKE */.aH.test(ref))) {
        throw new inputs/* InputError */.dz('installables', `${where}: ${JSON.stringify(text)} is not a flake installable: use .#<attribute path> (an attribute of the flake input) or <flake reference>#<attribute path>, e.g. .#packages.x86_64-linux.fdContainer-aarch64.`);
    }
    return ref === '' || ref === '.' ? `${flake}#${attr}` : text;
}
/**
 * The installables input, one `SYSTEM=INSTALLABLE` or `CONTAINER/SYSTEM=INSTALLABLE` per line,
 * checked against the containers and systems the run builds. SYSTEM takes every spelling the
 * architectures input takes; `linux/arm64` is a system, not a container.
 */
function parseInstallables(value, containers, systems, flake, host) {
    const map = new Map(containers.map((c) => [c, {}]));
    const lines = value.split('\n').map((l, i) => ({ line: l.trim(), where: `line ${i + 1}` }));
    for (const { line, where } of lines.filter((l) => l.line !== '')) {
        const eq = line.indexOf('=');
        if (eq < 0)
            throw new inputs/* InputError */.dz('installables', `${where} ${JSON.stringify(line)} has no '=': ${FORMS}.`);
        const key = line.slice(0, eq).trim();
        const quoted = `${where} ${JSON.stringify(line)}`;
        let container;
        let system = (0,platform/* parseSystem */.V)(key, host);
        if (!system && key.includes('/')) {
            container = key.slice(0, key.indexOf('/'));
            system = (0,platform/* parseSystem */.V)(key.slice(key.indexOf('/') + 1), host);
        }
        if (!system) {
            const named = container === undefined ? key : key.slice(container.length + 1);
            throw new inputs/* InputError */.dz('installables', `${quoted}: ${JSON.stringify(named)} is not a system (use x86_64-linux or aarch64-linux); ${FORMS}.`);
        }
        if (container === undefined) {
            if (containers.length > 1) {
                throw new inputs/* InputError */.dz('installables', `${quoted} names no container, and there are ${containers.length} (${containers.join(', ')}); ${FORMS}.`);
            }
            container = containers[0];
        }
        const mine = map.get(container);
        if (!mine)
            throw new inputs/* InputError */.dz('installables', `${quoted}: ${container} is not one of the containers (input container: ${containers.join(', ')}).`);
        if (!systems.includes(system)) {
            throw new inputs/* InputError */.dz('installables', `${quoted}: ${system} is not built (input architectures: ${systems.join(', ')}).`);
        }
        if (mine[system])
            throw new inputs/* InputError */.dz('installables', `${quoted}: ${container} ${system} is already given (${mine[system]}).`);
        mine[system] = resolve(line.slice(eq + 1).trim(), flake, quoted);
    }
    return map;
}

// EXTERNAL MODULE: ./src/config/cache-settings.ts
var cache_settings = __nccwpck_require__(10072);
;// CONCATENATED MODULE: ./src/config/settings.ts
// Every input is read and validated here, once, into one typed Settings object. Nothing else in
// the action reads inputs, so a bad value fails before any work starts, naming the input.








/** The installable of a container's image for a system: the installables input's, else packages.<system>.<name>. */
function imageInstallable(flake, container, system) {
    return container.installables?.[system] ?? (0,model/* installable */.wB)(flake, system, container.name);
}
const ATTR = /^[A-Za-z_][A-Za-z0-9_'-]*$/;
const TOOL = /^[A-Za-z0-9_][A-Za-z0-9._+-]*$/;
const REGISTRY = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::[0-9]{1,5})?$/;
const REPO_COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
/** The conventional manifest attribute for a container: fdContainer → fdManifest. */
function defaultManifestName(container) {
    return container.endsWith('Container') && container.length > 'Container'.length
        ? `${container.slice(0, -'Container'.length)}Manifest`
        : `${container}Manifest`;
}
/** A short image name for a container: fdContainer → fd. */
function imageBaseName(container) {
    const stripped = container.endsWith('Container') ? container.slice(0, -'Container'.length) : container;
    return ((stripped || container)
        .toLowerCase()
        .replace(/[^a-z0-9._-]+/g, '-')
        .replace(/^[._-]+|[._-]+$/g, '') || 'image');
}
function parseContainers(value) {
    const containers = (0,inputs/* splitList */.ry)(value);
    if (containers.length === 0) {
        throw new inputs/* InputError */.dz('container', 'is required: name the flake attribute of the image, e.g. fdContainer (several: comma- or newline-separated).');
    }
    const seen = new Set();
    for (const c of containers) {
        if (!ATTR.test(c) || c.length > 100) {
            throw new inputs/* InputError */.dz('container', `${JSON.stringify(c)} is not a flake attribute name: use letters, digits, _, ' and -, starting with a letter or _, e.g. fdContainer.`);
        }
        if (seen.has(c))
            throw new inputs/* InputError */.dz('container', `${c} is listed twice.`);
        seen.add(c);
    }
    return containers;
}
/** The architectures input (also the CLI's --architectures) as systems, in the fixed build order. */
function parseSystems(value, host) {
    const words = (0,inputs/* splitList */.ry)(value);
    if (words.length === 0)
        throw new inputs/* InputError */.dz('architectures', `is empty: list one or more of ${platform/* ARCHITECTURE_FORMS */.QE}.`);
    const systems = [];
    for (const w of words) {
        const system = (0,platform/* parseSystem */.V)(w, host);
        if (!system) {
            throw new inputs/* InputError */.dz('architectures', `${JSON.stringify(w)} is not a supported architecture; use ${platform/* ARCHITECTURE_FORMS */.QE}.`);
        }
        if (systems.includes(system)) {
            throw new inputs/* InputError */.dz('architectures', `${JSON.stringify(w)} names ${system}, which is already listed.`);
        }
        systems.push(system);
    }
    // Build order is fixed (x86_64 first) so plans and outputs do not depend on how the input was written.
    return platform/* LINUX_SYSTEMS */.K.filter((s) => systems.includes(s));
}
function parseFlake(value) {
    const flake = value.trim() || '.';
    if (!inputs/* FLAKE */.aH.test(flake)) {
        throw new inputs/* InputError */.dz('flake', `${JSON.stringify(flake)} is not a flake reference: use a path such as . or ./sub, or a reference such as github:owner/repo.`);
    }
    return flake;
}
function parseTools(value, containers) {
    const tools = (0,inputs/* splitList */.ry)(value);
    if (tools.length === 0)
        return containers.map(() => undefined);
    if (tools.length !== 1 && tools.length !== containers.length) {
        throw new inputs/* InputError */.dz('tool', `gives ${tools.length} programs for ${containers.length} containers: give one for all of them, one per container in the same order, or none to use each image's entrypoint.`);
    }
    for (const tool of tools) {
        if (!TOOL.test(tool) || tool.length > 100) {
            throw new inputs/* InputError */.dz('tool', `${JSON.stringify(tool)} is not a program name: use letters, digits, '.', '_', '+' and '-', without slashes, e.g. fd.`);
        }
    }
    // One program for several containers (the same tool in different images) applies to each.
    return containers.map((_, i) => tools[tools.length === 1 ? 0 : i]);
}
function parseRegistry(value) {
    const registry = value.trim();
    if (!REGISTRY.test(registry) || registry.length > 253) {
        const hint = registry !== registry.toLowerCase() ? ' (registry hosts are lowercase)' : '';
        throw new inputs/* InputError */.dz('registry', `${JSON.stringify(registry)} is not a registry host${hint}: use a host name with an optional port, e.g. ghcr.io or 127.0.0.1:5000, without a scheme or path.`);
    }
    return registry;
}
function isValidRepository(path) {
    return path.length <= 255 && path.split('/').every((c) => REPO_COMPONENT.test(c));
}
function parseRepositories(value, containers, tools, ctx) {
    const given = (0,inputs/* splitList */.ry)(value);
    if (given.length === 0) {
        // Where flocken's GitHub mode pushes, ghcr.io/<owner>/<repo>, so the package links to the
        // repository; several containers get a name each below it. Registries reject uppercase.
        const repo = ctx.repository?.toLowerCase();
        // Named by tool only when each container has its own: a shared tool would give them one name.
        const ownTools = new Set(tools).size === containers.length;
        const name = (i) => (ownTools ? tools[i]?.toLowerCase() : undefined) ?? imageBaseName(containers[i]);
        if (repo)
            return containers.map((_, i) => (containers.length === 1 ? repo : `${repo}/${name(i)}`));
        const owner = ctx.repositoryOwner.toLowerCase();
        return containers.map((_, i) => (owner ? `${owner}/${name(i)}` : name(i)));
    }
    if (given.length !== containers.length) {
        throw new inputs/* InputError */.dz('repository', `gives ${given.length} repositories for ${containers.length} containers: give one per container, in the same order.`);
    }
    for (const r of given) {
        if (!isValidRepository(r)) {
            const hint = r !== r.toLowerCase() ? ' Repository names must be lowercase (ghcr.io rejects an uppercase owner).' : '';
            throw new inputs/* InputError */.dz('repository', `${JSON.stringify(r)} is not a valid repository path: use lowercase components of letters, digits, '.', '_' and '-', separated by '/', e.g. acme/fd.${hint}`);
        }
    }
    return given;
}
function parseManifests(value, containers) {
    const given = (0,inputs/* splitList */.ry)(value);
    if (given.length === 0)
        return containers.map(defaultManifestName);
    if (given.length !== containers.length) {
        throw new inputs/* InputError */.dz('manifest-app', `gives ${given.length} manifest attributes for ${containers.length} containers: give one per container, in the same order.`);
    }
    for (const m of given) {
        if (!ATTR.test(m))
            throw new inputs/* InputError */.dz('manifest-app', `${JSON.stringify(m)} is not a flake attribute name, e.g. fdManifest.`);
    }
    return given;
}
function parseVersion(value) {
    const v = value.trim();
    if (!v)
        return undefined;
    if (!(0,config_tags/* isValidTag */.r_)(v.replace(/^v(?=[0-9])/, ''))) {
        throw new inputs/* InputError */.dz('version', `${JSON.stringify(v)} is not usable as an image tag: use letters, digits, '.', '_' and '-' (at most 128), e.g. 1.2.3.`);
    }
    return v.replace(/^v(?=[0-9])/, '');
}
function parseTags(value) {
    const tags = (0,inputs/* splitList */.ry)(value);
    if (tags.length === 0)
        return undefined;
    for (const t of tags) {
        if (!(0,config_tags/* isValidTag */.r_)(t)) {
            throw new inputs/* InputError */.dz('tags', `${JSON.stringify(t)} is not a valid OCI tag: start with a letter, digit or _, then letters, digits, '.', '_' or '-', at most 128 characters.`);
        }
    }
    return [...new Set(tags)];
}
function parseInstaller(url, sha256) {
    let parsed;
    try {
        parsed = new URL(url.trim());
    }
    catch {
        throw new inputs/* InputError */.dz('nix-installer-url', `${JSON.stringify(url)} is not a URL; use an https:// URL of a Nix install script.`);
    }
    const loopback = /^(localhost|127\.[0-9.]+|\[::1\])$/.test(parsed.hostname);
    if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) {
        throw new inputs/* InputError */.dz('nix-installer-url', `${JSON.stringify(url)} must use https:// (plain http only for a loopback test server).`);
    }
    const hash = sha256.trim().toLowerCase();
    if (!/^[0-9a-f]{64}$/.test(hash)) {
        throw new inputs/* InputError */.dz('nix-installer-sha256', `${JSON.stringify(sha256)} is not a SHA-256: use 64 hexadecimal digits, as printed by sha256sum.`);
    }
    return { url: parsed.toString(), sha256: hash };
}
/**
 * The events on which push: auto publishes: a push of a branch or tag, a release, a manual run. Not
 * pull requests, and not merge queues or schedules, whose refs and timing would move tags no one chose.
 */
const PUSH_EVENTS = ['push', 'release', 'workflow_dispatch'];
function parsePush(value, ctx) {
    const v = value.trim().toLowerCase() || 'auto';
    if (v === 'auto')
        return PUSH_EVENTS.includes(ctx.ref.eventName);
    return (0,inputs/* parseBoolean */.yG)('push', v);
}
function parseSettings(read, ctx) {
    const raw = (name) => {
        const value = read(name) || inputs/* DEFAULTS */.zY[name] || '';
        const limit = inputs/* MAX_LONG */.W_[name] ?? inputs/* MAX_INPUT */.mz;
        if (value.length > limit)
            throw new inputs/* InputError */.dz(name, `is ${value.length} characters long; at most ${limit} are accepted.`);
        return value;
    };
    const names = parseContainers(raw('container'));
    const tools = parseTools(raw('tool'), names);
    const systems = parseSystems(raw('architectures'), ctx.host);
    const flake = parseFlake(raw('flake'));
    const test = (0,inputs/* parseBoolean */.yG)('test', raw('test'));
    const testArgs = (0,inputs/* splitArgs */.sG)(raw('test-args'));
    const testTimeoutSec = (0,inputs/* parseSeconds */.fL)('test-timeout', raw('test-timeout'));
    const emulate = (0,inputs/* oneOf */.yL)('emulate', raw('emulate'), ['auto', 'true', 'false']);
    const extraConf = raw('extra-conf');
    const push = parsePush(raw('push'), ctx);
    const publisher = (0,inputs/* oneOf */.yL)('publisher', raw('publisher'), ['flocken', 'builtin']);
    const registry = parseRegistry(raw('registry'));
    const repositories = parseRepositories(raw('repository'), names, tools, ctx);
    const manifests = parseManifests(raw('manifest-app'), names);
    const installables = parseInstallables(raw('installables'), names, systems, flake, ctx.host);
    const containers = names.map((name, i) => ({
        name,
        tool: tools[i],
        repository: repositories[i],
        manifest: manifests[i],
        installables: installables.get(name) ?? {},
    }));
    const version = parseVersion(raw('version'));
    const username = raw('username').trim() || ctx.actor;
    const password = raw('password');
    const tags = parseTags(raw('tags')) ?? (0,config_tags/* computeTags */.$o)(ctx.ref, version);
    const annotations = parseAnnotations(raw('annotations'));
    const labels = parseLabels(raw('labels'));
    if (Object.keys(labels).length > 0 && publisher === 'flocken') {
        throw new inputs/* InputError */.dz('labels', "needs publisher: builtin: flocken pushes the image archives exactly as the flake built them. Set config.Labels in the flake's image, or use publisher: builtin.");
    }
    const compression = parseCompression(raw('compression'), publisher);
    const nixInstaller = parseInstaller(raw('nix-installer-url'), raw('nix-installer-sha256'));
    const cache = (0,cache_settings/* parseCacheSettings */.l)(raw, ctx, flake);
    const { builders, builderSshKey, builderHostKey } = parseBuilderSettings(raw);
    const builderTimeoutSec = (0,inputs/* parseSeconds */.fL)('builder-timeout', raw('builder-timeout'));
    const sbom = (0,inputs/* parseBoolean */.yG)('sbom', raw('sbom'));
    const attest = (0,inputs/* parseBoolean */.yG)('attest', raw('attest'));
    const githubToken = raw('github-token').trim();
    if (attest && push && !githubToken) {
        throw new inputs/* InputError */.dz('github-token', 'is empty but attest is true: pass a GitHub token of this repository (the default, github.token, works when the job has permissions attestations: write and id-token: write).');
    }
    if (push) {
        if (tags.length === 0) {
            throw new inputs/* InputError */.dz('tags', `no tag could be derived from the ref ${ctx.ref.ref || '(none)'}: set tags or version.`);
        }
        if (!username)
            throw new inputs/* InputError */.dz('username', 'is empty but push is on: name the registry user.');
    }
    return {
        containers,
        systems,
        flake,
        test,
        testArgs,
        testTimeoutSec,
        emulate,
        extraConf,
        push,
        publisher,
        registry,
        version,
        tags,
        annotations,
        labels,
        compression,
        github: { serverUrl: ctx.serverUrl || 'https://github.com', apiUrl: ctx.apiUrl || 'https://api.github.com' },
        username,
        password,
        ref: ctx.ref,
        githubRepository: ctx.repository ?? '',
        nixInstaller,
        cache,
        builders,
        builderSshKey,
        builderHostKey,
        builderTimeoutSec,
        sbom,
        attest,
        githubToken,
    };
}
/** The compression input: zstd only where this Node's zlib has it, and flocken only with its own gzip. */
function parseCompression(value, publisher, hasZstd = (0,model/* zstdAvailable */.xE)()) {
    const compression = (0,inputs/* oneOf */.yL)('compression', value, model/* COMPRESSIONS */._7);
    if (compression === 'zstd' && !hasZstd)
        throw new inputs/* InputError */.dz('compression', `is zstd, which this runner's Node.js ${process.version} cannot write (it needs 22.15 or later, as GitHub's node24 runtime has): use gzip or none.`);
    if (publisher === 'flocken' && compression !== 'gzip')
        throw new inputs/* InputError */.dz('compression', `is ${compression}, but publisher is flocken, which pushes gzip layers (podman's): use publisher: builtin to push ${compression === 'none' ? 'uncompressed' : 'zstd'} layers.`);
    return compression;
}


/***/ }),

/***/ 32005:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $U: () => (/* binding */ pickScannedKey),
/* harmony export */   E_: () => (/* binding */ hostKeyFingerprint),
/* harmony export */   QW: () => (/* binding */ parsePrivateKey),
/* harmony export */   eN: () => (/* binding */ KeyError),
/* harmony export */   xK: () => (/* binding */ parseHostKey)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
// SSH keys as the action meets them: a builder's public host key (a .pub or known_hosts line, or
// the base64 form Nix's machines format wants) and the private key pasted into a secret. Pure
// functions; no message ever quotes a private key.

/** Why a key was rejected; config/settings.ts turns it into an error naming the input. */
class KeyError extends Error {
}
const KEY_TYPE = /^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com)$/;
/** A public key line's type and base64 blob, checked to agree with each other. */
function keyFromLine(line) {
    const words = line.trim().split(/\s+/);
    // A known_hosts or ssh-keyscan line starts with the host: skip to the key type.
    const at = words.findIndex((w) => KEY_TYPE.test(w));
    if (at < 0 || at > 1 || words.length < at + 2)
        return undefined;
    const [type, blob] = [words[at], words[at + 1]];
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(blob))
        return undefined;
    const bytes = Buffer.from(blob, 'base64');
    // The blob starts with its own type: a uint32 length, then the name.
    if (bytes.length < 4)
        return undefined;
    const len = bytes.readUInt32BE(0);
    if (bytes.subarray(4, 4 + len).toString('latin1') !== type)
        return undefined;
    return { type, blob };
}
/** The base64 form Nix's machines file wants, from a key line or from that base64 itself. */
function parseHostKey(value) {
    const v = value.trim();
    if (!v)
        return undefined;
    let key = keyFromLine(v);
    if (!key && /^[A-Za-z0-9+/]+={0,2}$/.test(v))
        key = keyFromLine(Buffer.from(v, 'base64').toString('latin1'));
    return key ? Buffer.from(`${key.type} ${key.blob}`).toString('base64') : undefined;
}
/** `SHA256:…` as ssh prints it, so a warning names the key it trusted. */
function hostKeyFingerprint(base64Line) {
    const key = keyFromLine(Buffer.from(base64Line, 'base64').toString('latin1'));
    if (!key)
        return 'unknown key';
    const digest = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(Buffer.from(key.blob, 'base64')).digest('base64').replace(/=+$/, '');
    return `${key.type} SHA256:${digest}`;
}
const KEY_PREFERENCE = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'ssh-rsa'];
/** The best key in ssh-keyscan's output (ed25519 first), in Nix's base64 form. */
function pickScannedKey(output) {
    const keys = output
        .split('\n')
        .filter((l) => l.trim() && !l.startsWith('#'))
        .map((l) => keyFromLine(l))
        .filter((k) => k !== undefined);
    const rank = (t) => KEY_PREFERENCE.indexOf(t) + 1 || KEY_PREFERENCE.length + 1;
    const best = keys.sort((a, b) => rank(a.type) - rank(b.type))[0];
    return best && Buffer.from(`${best.type} ${best.blob}`).toString('base64');
}
/**
 * A private key as pasted into a secret: line endings normalised and a final newline added (ssh
 * refuses a key file without one). Error messages never quote the key.
 */
function parsePrivateKey(value) {
    const text = value.replace(/\r\n?/g, '\n').trim();
    if (keyFromLine(text.split('\n')[0]))
        throw new KeyError('is a public key: give the private key (the file without .pub), from -----BEGIN to -----END');
    const m = /^-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----\n([\s\S]+)\n-----END \1PRIVATE KEY-----$/.exec(text);
    if (!m)
        throw new KeyError('is not a private key: paste the whole key file, from its -----BEGIN … PRIVATE KEY----- line to its -----END … PRIVATE KEY----- line');
    const passphrase = new KeyError('is protected by a passphrase, which nothing can type in a workflow: use a key without one, kept only as a secret');
    if (m[1] === 'ENCRYPTED ' || /^Proc-Type: 4,ENCRYPTED$/m.test(m[2]))
        throw passphrase;
    if (m[1] === 'OPENSSH ') {
        const body = Buffer.from(m[2].replace(/\s+/g, ''), 'base64');
        const magic = 'openssh-key-v1\0';
        if (body.length < magic.length + 4 || body.subarray(0, magic.length).toString('latin1') !== magic)
            throw new KeyError('is not a readable OpenSSH private key: its body is damaged');
        const len = body.readUInt32BE(magic.length);
        if (body.subarray(magic.length + 4, magic.length + 4 + len).toString('latin1') !== 'none')
            throw passphrase;
    }
    return `${text}\n`;
}


/***/ }),

/***/ 1189:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $o: () => (/* binding */ computeTags),
/* harmony export */   YN: () => (/* binding */ versionFromRef),
/* harmony export */   hr: () => (/* binding */ cleanedRefEnv),
/* harmony export */   r_: () => (/* binding */ isValidTag)
/* harmony export */ });
/* unused harmony exports cleanTag, parseRef, splitVersion, versionTags */
// Image tags from the git ref, by flocken's rule for both publishers, and the cleaned ref names
// handed to flocken (which would otherwise turn `feature/x` or `133/merge` into a bad tag).
const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
function isValidTag(tag) {
    return TAG.test(tag);
}
/** Anything that is not a tag character becomes '-', then leading separators go. */
function cleanTag(name) {
    return name
        .replace(/[^a-zA-Z0-9._-]+/g, '-')
        .replace(/^[.-]+/, '')
        .slice(0, 128);
}
function parseRef(ref) {
    const m = /^refs\/(heads|tags|pull)\/(.+)$/.exec(ref);
    if (!m)
        return { type: 'other', name: ref };
    if (m[1] === 'heads')
        return { type: 'branch', name: m[2] };
    if (m[1] === 'tags')
        return { type: 'tag', name: m[2] };
    return { type: 'pull', number: m[2].split('/')[0] };
}
/**
 * The version a tag ref stands for, as flocken reads $VERSION: refs/tags/v1.2.3 → 1.2.3,
 * refs/tags/nightly → nightly; a branch or pull request has none.
 */
function versionFromRef(ref) {
    const kind = parseRef(ref);
    return kind.type === 'tag' ? cleanTag(kind.name.replace(/^v/, '')) || undefined : undefined;
}
/** Nix's builtins.splitVersion: runs of digits, or of other characters, between '.' and '-'. */
function splitVersion(version) {
    return version.match(/[0-9]+|[^0-9.-]+/g) ?? [];
}
/** A version's tags as flocken makes them: 1.2.3, 1.2 and 1; a pre-release (any '-') only itself. */
function versionTags(version) {
    const v = version.replace(/^v/, '');
    if (v.includes('-'))
        return [v];
    const parts = splitVersion(v);
    return [v, parts.slice(0, 2).join('.'), parts[0] ?? ''];
}
/**
 * The tags of a run, one rule for both publishers (flocken's own): the branch, `latest` only on the
 * default branch (so a version tag never moves it), then the version (the `version` input, or the
 * git tag) with its major.minor and major. A pull request, pushed only with push: true, gets pr-<n>.
 */
function computeTags(ctx, version) {
    const tags = [];
    const kind = parseRef(ctx.ref);
    if (kind.type === 'branch') {
        tags.push(cleanTag(kind.name));
        if (kind.name === ctx.defaultBranch)
            tags.push('latest');
    }
    else if (kind.type === 'pull') {
        tags.push(`pr-${cleanTag(kind.number)}`);
    }
    const v = version ?? versionFromRef(ctx.ref);
    if (v)
        tags.push(...versionTags(v));
    return [...new Set(tags.filter(isValidTag))];
}
/** GITHUB_REF_NAME and GITHUB_REF_TYPE as flocken should see them: always valid tags. */
function cleanedRefEnv(ctx) {
    const kind = parseRef(ctx.ref);
    switch (kind.type) {
        case 'branch':
            return { GITHUB_REF_NAME: cleanTag(kind.name), GITHUB_REF_TYPE: 'branch' };
        case 'tag':
            return { GITHUB_REF_NAME: cleanTag(kind.name), GITHUB_REF_TYPE: 'tag' };
        case 'pull':
            // Not 'branch': flocken would otherwise tag the image with the pull request's ref.
            return { GITHUB_REF_NAME: `pr-${cleanTag(kind.number)}`, GITHUB_REF_TYPE: 'pull_request' };
        default:
            return { GITHUB_REF_NAME: cleanTag(kind.name), GITHUB_REF_TYPE: '' };
    }
}


/***/ }),

/***/ 83916:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   b: () => (/* binding */ messageOf),
/* harmony export */   w: () => (/* binding */ lastLines)
/* harmony export */ });
// What went wrong, as words: the message of whatever was thrown, and the last lines of a long one
// (a command's own complaint comes last).
function messageOf(e) {
    return e instanceof Error ? e.message : String(e);
}
function lastLines(text, n = 6) {
    return text.trim().split('\n').slice(-n).join('\n');
}


/***/ }),

/***/ 14981:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Qd: () => (/* binding */ CommandError),
  Fs: () => (/* binding */ pipe),
  cl: () => (/* binding */ registerSecret),
  eF: () => (/* binding */ run),
  lH: () => (/* binding */ setLogStream),
  sy: () => (/* binding */ streamStdout),
  K7: () => (/* binding */ which)
});

// UNUSED EXPORTS: describe, redact

;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
;// CONCATENATED MODULE: ./src/exec.ts
// The one way this project starts a process: an argument array (never a shell), an optional
// timeout, stdin from memory, live output in the log, and errors that carry the command's stderr.

const STDOUT_LIMIT = 16 * 1024 * 1024;
const STDERR_TAIL = 16 * 1024;
const secrets = new Set();
/** Where commands and their output are echoed: the Actions log is stdout; the CLI keeps stdout for results. */
let logStream = process.stdout;
function setLogStream(stream) {
    logStream = stream;
}
/** Values that must never reach a command line, and are cut out of error messages. */
function registerSecret(value) {
    if (value && value.length >= 4)
        secrets.add(value);
}
function redact(text) {
    let out = text;
    for (const s of secrets)
        out = out.split(s).join('***');
    return out;
}
class CommandError extends Error {
    command;
    result;
    constructor(command, result) {
        const why = result.timedOut ? 'timed out' : `failed with exit code ${result.code}`;
        const detail = (result.stderr.trim() || result.stdout.trim()).slice(-STDERR_TAIL);
        super(redact(`${describe(command)} ${why}${detail ? `:\n${detail}` : ''}`));
        this.command = command;
        this.result = result;
        this.name = 'CommandError';
    }
}
function describe(command) {
    return [command.cmd, ...command.args].map(quoteForDisplay).join(' ');
}
function quoteForDisplay(word) {
    return /^[\w@%+=:,./#-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
function assertNoSecretInArgs(command) {
    for (const arg of command.args) {
        for (const s of secrets) {
            if (arg.includes(s))
                throw new Error(`refusing to put a secret on the command line of ${command.cmd}`);
        }
    }
}
function start(command, stdin) {
    assertNoSecretInArgs(command);
    return (0,external_node_child_process_namespaceObject.spawn)(command.cmd, [...command.args], {
        cwd: command.cwd,
        env: command.env ?? process.env,
        stdio: [stdin, 'pipe', 'pipe'],
        // Its own process group, so a timeout ends the whole tree it started.
        detached: true,
    });
}
/** stdout is captured (and echoed) unless another process consumes it. */
function collect(child, echo, captureStdout, onStderrLine) {
    const out = [];
    let outLen = 0;
    let err = '';
    let partial = '';
    if (captureStdout) {
        child.stdout?.on('data', (chunk) => {
            if (outLen < STDOUT_LIMIT) {
                out.push(chunk);
                outLen += chunk.length;
            }
            if (echo)
                logStream.write(redact(chunk.toString()));
        });
    }
    child.stderr?.on('data', (chunk) => {
        err = (err + chunk.toString()).slice(-STDERR_TAIL * 4);
        if (echo)
            logStream.write(redact(chunk.toString()));
        if (onStderrLine) {
            const lines = (partial + chunk.toString()).split('\n');
            partial = lines.pop();
            lines.forEach(onStderrLine);
        }
    });
    if (onStderrLine)
        child.stderr?.on('end', () => partial && onStderrLine(partial));
    return { stdout: () => Buffer.concat(out).toString(), stderr: () => err };
}
function exited(child, timeoutMs) {
    return new Promise((resolve, reject) => {
        let timedOut = false;
        const timer = timeoutMs === undefined
            ? undefined
            : setTimeout(() => {
                timedOut = true;
                killTree(child);
            }, timeoutMs);
        child.on('error', (e) => {
            if (timer)
                clearTimeout(timer);
            reject(e);
        });
        child.on('close', (code, signal) => {
            if (timer)
                clearTimeout(timer);
            resolve({ code: code ?? (signal ? 128 : 1), timedOut });
        });
    });
}
function killTree(child) {
    try {
        if (child.pid)
            process.kill(-child.pid, 'SIGKILL');
    }
    catch {
        child.kill('SIGKILL');
    }
}
function notFound(command, e) {
    const code = e.code;
    if (code === 'ENOENT')
        return new Error(`${command.cmd} was not found on PATH: install it or add it to PATH.`);
    return e instanceof Error ? e : new Error(String(e));
}
async function run(command, options = {}) {
    const echo = options.echo ?? true;
    if (echo)
        logStream.write(`[command]${redact(describe(command))}\n`);
    const child = start(command, options.input === undefined ? 'ignore' : 'pipe');
    const output = collect(child, echo, true, options.onStderrLine);
    if (options.input !== undefined) {
        child.stdin?.on('error', () => undefined);
        child.stdin?.end(options.input);
    }
    let status;
    try {
        status = await exited(child, options.timeoutMs);
    }
    catch (e) {
        throw notFound(command, e);
    }
    const result = { ...status, stdout: output.stdout(), stderr: output.stderr() };
    if ((options.check ?? true) && (result.code !== 0 || result.timedOut))
        throw new CommandError(command, result);
    return result;
}
/**
 * `producer | consumer` without a shell and without writing the stream anywhere: used to feed a
 * stream-shaped image straight into `docker load`. Both ends must succeed.
 */
async function pipe(producer, consumer, options = {}) {
    const echo = options.echo ?? true;
    if (echo)
        logStream.write(`[command]${redact(describe(producer))} | ${redact(describe(consumer))}\n`);
    const left = start(producer, 'ignore');
    // The consumer reads the producer's pipe itself: the bytes never pass through this process.
    const right = start(consumer, left.stdout);
    // The consumer holds its own copy of the pipe; ours would keep the producer writing after the consumer died.
    left.stdout?.destroy();
    const leftErr = collect(left, echo, false);
    const rightOut = collect(right, echo, true);
    let statuses;
    try {
        statuses = await Promise.all([exited(left, options.timeoutMs), exited(right, options.timeoutMs)]);
    }
    catch (e) {
        killTree(left);
        killTree(right);
        throw notFound(producer, e);
    }
    const [l, r] = statuses;
    const leftResult = { ...l, stdout: '', stderr: leftErr.stderr() };
    const result = { ...r, stdout: rightOut.stdout(), stderr: rightOut.stderr() };
    if (options.check ?? true) {
        if (l.code !== 0 || l.timedOut)
            throw new CommandError(producer, leftResult);
        if (r.code !== 0 || r.timedOut)
            throw new CommandError(consumer, result);
    }
    return result;
}
/**
 * A process whose output is consumed by this process as a stream, e.g. a stream-shaped image's
 * script or `docker save`, read once for its SBOM or pushed to a registry.
 */
function streamStdout(command, options = {}) {
    const echo = options.echo ?? true;
    if (echo)
        logStream.write(`[command]${redact(describe(command))}\n`);
    const child = start(command, 'ignore');
    return { stdout: child.stdout, done: outcome(command, child, options), kill: () => killTree(child) };
}
/** How a process whose stdout someone else reads ends: its stderr is kept for the error. */
function outcome(command, child, options) {
    const err = collect(child, options.echo ?? true, false);
    const done = exited(child, options.timeoutMs)
        .catch((e) => {
        throw notFound(command, e);
    })
        .then((status) => {
        const result = { ...status, stdout: '', stderr: err.stderr() };
        if (result.code !== 0 || result.timedOut)
            throw new CommandError(command, result);
        return result;
    });
    // Whoever reads stdout awaits done; until then a failure must not be reported as unhandled.
    done.catch(() => undefined);
    return done;
}
/** The first directory on PATH that holds an executable `name`, or undefined. */
async function which(name, path = process.env.PATH ?? '') {
    const { access, constants } = await Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 51455, 23));
    const { join } = await Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 76760, 23));
    for (const dir of path.split(':').filter(Boolean)) {
        const candidate = join(dir, name);
        try {
            await access(candidate, constants.X_OK);
            return candidate;
        }
        catch {
            // not here; keep looking
        }
    }
    return undefined;
}


/***/ }),

/***/ 39109:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  j: () => (/* binding */ HttpError),
  a: () => (/* binding */ httpRequest)
});

// EXTERNAL MODULE: external "node:events"
var external_node_events_ = __nccwpck_require__(78474);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __nccwpck_require__(37067);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __nccwpck_require__(44708);
// EXTERNAL MODULE: ./node_modules/@actions/http-client/lib/proxy.js
var lib_proxy = __nccwpck_require__(19783);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(73024);
// EXTERNAL MODULE: external "node:tls"
var external_node_tls_ = __nccwpck_require__(41692);
;// CONCATENATED MODULE: ./src/trust.ts
// The certificate authorities https requests trust: Node's own (its bundled roots and
// NODE_EXTRA_CA_CERTS) and the system's, which Node leaves out by default but podman, skopeo and curl
// on the same runner use: a company registry's private CA installed with update-ca-certificates, or a
// bundle named by SSL_CERT_FILE.


// Node 22.15 and 23.10 added it; on Linux, 'system' reads OpenSSL's default file and directory
// (/etc/ssl/certs on Debian and Ubuntu), or SSL_CERT_FILE and SSL_CERT_DIR where they are set.
const getCACertificates = external_node_tls_.getCACertificates;
let context;
/** One context for the whole process: reading the system store and making a context are each worth doing once. */
function trustedContext() {
    return (context ??= external_node_tls_.createSecureContext({ ca: trustedCertificates() }));
}
function trustedCertificates() {
    if (getCACertificates)
        return [...new Set([...getCACertificates('default'), ...getCACertificates('system')])];
    // An older Node: a list of CAs replaces its own, NODE_EXTRA_CA_CERTS included, so that file is read
    // again here; of the system's store, only what SSL_CERT_FILE names is known.
    return [...external_node_tls_.rootCertificates, ...[process.env.NODE_EXTRA_CA_CERTS, process.env.SSL_CERT_FILE].flatMap(pemFile)];
}
function pemFile(path) {
    if (!path)
        return [];
    try {
        return [(0,external_node_fs_.readFileSync)(path, 'utf8')];
    }
    catch {
        return []; // as Node does with a file it cannot read (it has warned about NODE_EXTRA_CA_CERTS already)
    }
}

;// CONCATENATED MODULE: ./src/agents.ts
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




// Node 22.21 and 24.5 added agents' proxyEnv; older ones ignore the option without a word.
const [major, minor] = process.versions.node.split('.').map(Number);
const nodeProxies = major > 24 || (major === 24 && minor >= 5) || (major === 22 && minor >= 21);
// The options of Node's global agents, which requests used before.
const POOL = { keepAlive: true, scheduling: 'lifo', timeout: 5000 };
const agents = new Map();
let warned = false;
/** The agent for a request to `url`; one on a unix socket (Docker's) never goes through a proxy. */
function agentFor(url, socketPath) {
    const proxy = socketPath ? undefined : proxyFor(url);
    const key = `${url.protocol} ${proxy ?? 'direct'}`;
    let agent = agents.get(key);
    if (!agent)
        agents.set(key, (agent = newAgent(url.protocol, proxy)));
    return agent;
}
function proxyFor(url) {
    const proxy = (0,lib_proxy/* getProxyUrl */.s)(url)?.href;
    if (!proxy || nodeProxies)
        return proxy;
    if (!warned) {
        warned = true;
        process.emitWarning(`HTTPS_PROXY or HTTP_PROXY names a proxy for ${url.host}, but Node ${process.version} cannot use a proxy (Node 22.21 and 24.5 can): ` +
            'requests go straight to their hosts.');
    }
    return undefined;
}
function newAgent(protocol, proxy) {
    // The proxy alone, without NO_PROXY: the decision is made above.
    const options = { ...POOL, ...(proxy ? { proxyEnv: { [protocol === 'https:' ? 'HTTPS_PROXY' : 'HTTP_PROXY']: proxy } } : {}) };
    return protocol === 'https:' ? new external_node_https_.Agent({ ...options, secureContext: trustedContext() }) : new external_node_http_.Agent(options);
}

;// CONCATENATED MODULE: ./src/http.ts
// Every HTTP request the action makes (registries, Cachix, GitHub's API, Docker's socket), on
// node:http(s) rather than the global fetch: Node loads fetch's implementation on its first use, and
// fetch's idle keep-alive connections hold the process open at exit; node:http costs neither.




class HttpError extends Error {
    constructor(message) {
        super(message);
        this.name = 'HttpError';
    }
}
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;
const DEFAULT_IDLE_TIMEOUT_MS = 60_000;
/**
 * One request. Redirects are followed when the request can be sent again (no streamed body), and
 * an authorization header never follows a redirect to another origin (a registry's blob storage).
 */
async function httpRequest(url, options = {}) {
    let target = new URL(url);
    let headers = { ...options.headers };
    let method = options.method ?? 'GET';
    let body = options.body;
    const replayable = body === undefined || Buffer.isBuffer(body);
    for (let hop = 0;; hop++) {
        const res = await send(target, method, headers, body, options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS, options.socketPath);
        const location = res.headers.location;
        if (!REDIRECTS.has(res.statusCode ?? 0) || !location || !replayable || hop >= MAX_REDIRECTS)
            return wrap(res, target);
        res.resume();
        const next = new URL(location, target);
        if (next.origin !== target.origin)
            headers = Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== 'authorization'));
        if (res.statusCode === 303 || ((res.statusCode === 301 || res.statusCode === 302) && method === 'POST')) {
            method = 'GET';
            body = undefined;
        }
        target = next;
    }
}
function send(url, method, headers, body, idleTimeoutMs, socketPath) {
    const request = url.protocol === 'https:' ? external_node_https_.request : url.protocol === 'http:' ? external_node_http_.request : undefined;
    if (!request)
        return Promise.reject(new HttpError(`${url.origin}: only http and https URLs are supported`));
    const sized = Buffer.isBuffer(body) ? { 'content-length': String(body.length) } : {};
    return new Promise((resolve, reject) => {
        const req = request(url, { method, headers: { ...sized, ...headers }, agent: agentFor(url, socketPath), ...(socketPath ? { socketPath } : {}) }, resolve);
        req.setTimeout(idleTimeoutMs, () => req.destroy(new HttpError(`${method} ${url.origin}${url.pathname}: no answer for ${idleTimeoutMs / 1000}s (ETIMEDOUT)`)));
        req.on('error', reject);
        if (body === undefined || Buffer.isBuffer(body)) {
            req.end(body);
            return;
        }
        const write = typeof body === 'function'
            ? body
            : async () => {
                for await (const chunk of body) {
                    if (req.destroyed)
                        return;
                    if (!req.write(chunk))
                        await (0,external_node_events_.once)(req, 'drain');
                }
                req.end();
            };
        write(req).catch((e) => req.destroy(e instanceof Error ? e : new Error(String(e))));
    });
}
function wrap(res, url) {
    let read;
    const bytes = () => (read ??= (async () => {
        const chunks = [];
        for await (const chunk of res)
            chunks.push(chunk);
        return Buffer.concat(chunks);
    })());
    return {
        status: res.statusCode ?? 0,
        url: url.toString(),
        header: (name) => {
            const value = res.headers[name.toLowerCase()];
            return Array.isArray(value) ? value.join(', ') : value;
        },
        text: async () => (await bytes()).toString('utf8'),
        json: async () => JSON.parse((await bytes()).toString('utf8')),
        discard: async () => {
            if (read)
                return void (await read.catch(() => undefined));
            res.resume();
            if (!res.readableEnded)
                await (0,external_node_events_.once)(res, 'end').catch(() => undefined);
        },
    };
}


/***/ }),

/***/ 18031:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   CS: () => (/* binding */ listFiles),
/* harmony export */   O_: () => (/* binding */ tarEntries),
/* harmony export */   bA: () => (/* binding */ archiveLayout),
/* harmony export */   fO: () => (/* binding */ archiveConfig),
/* harmony export */   oh: () => (/* binding */ lent),
/* harmony export */   p_: () => (/* binding */ openArchive),
/* harmony export */   q: () => (/* binding */ processArchive),
/* harmony export */   uv: () => (/* binding */ archiveName),
/* harmony export */   xc: () => (/* binding */ withArchive)
/* harmony export */ });
/* unused harmony exports peek, isTar, keepsBytes */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(57075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(38522);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__nccwpck_require__.n(node_zlib__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var tar_stream__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(56118);
/* harmony import */ var _exec_js__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(14981);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_7__ = __nccwpck_require__(83916);
/* harmony import */ var _kind_js__WEBPACK_IMPORTED_MODULE_6__ = __nccwpck_require__(98243);
// The docker-archive bytes of a built image, for the few readers that need them (the builtin
// publisher, and the SBOM when Nix does not describe the image): the file, inflated by Node's zlib
// when it is a .tar.gz (so a damaged file fails its CRC check), or what its stream script writes.
// Tar is read by tar-stream.








/** The archive a program writes to stdout (a stream script, `docker save`). */
function processArchive(cmd, args) {
    const proc = (0,_exec_js__WEBPACK_IMPORTED_MODULE_5__/* .streamStdout */ .sy)({ cmd, args }, { echo: false });
    return {
        stream: proc.stdout,
        close: async (completed) => {
            if (!completed) {
                proc.kill();
                await proc.done.catch(() => undefined);
                return;
            }
            proc.stdout.resume();
            await proc.done;
        },
    };
}
/** A file, inflated on the way when it is gzip. */
function fileArchive(path, gzip) {
    const file = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createReadStream)(path, { highWaterMark: 1 << 20 });
    if (!gzip)
        return { stream: file, close: async () => void file.destroy() };
    const inflate = (0,node_stream__WEBPACK_IMPORTED_MODULE_2__.pipeline)(file, (0,node_zlib__WEBPACK_IMPORTED_MODULE_3__.createGunzip)(), () => undefined);
    return {
        stream: inflate,
        close: async () => {
            file.destroy();
            inflate.destroy();
        },
    };
}
function openArchive(image) {
    switch (image.kind) {
        case 'archive':
        case 'archive-gz':
            return fileArchive(image.storePath, image.kind === 'archive-gz');
        case 'stream':
            return processArchive(image.storePath, []);
        case 'nix2container':
            throw new Error(`${image.storePath} is a nix2container image.json, not an archive: its layers exist only when nix2container copies them.`);
    }
}
/** Errors met reading an archive (zlib's, tar-stream's), told apart from those of whoever reads it. */
const readErrors = new WeakSet();
const markRead = (e) => {
    if (e && typeof e === 'object')
        readErrors.add(e);
};
/**
 * Reads an image's archive with `read`, always closing it. A stream that cannot be read whole (a
 * damaged gzip member, a truncated tar) fails with the image named, so nothing read from it is used.
 */
async function withArchive(archive, where, read) {
    archive.stream.once('error', markRead);
    let result;
    try {
        result = await read(archive.stream);
    }
    catch (e) {
        await archive.close(false);
        if (!readErrors.has(e))
            throw e;
        throw new Error(`Reading the image archive of ${where} failed: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_7__/* .messageOf */ .b)(e)}. The archive is damaged or cut short: repair it (nix store repair <path>) or rebuild it (nix build --rebuild); nothing was pushed from it.`, { cause: e });
    }
    await archive.close(true);
    return result;
}
/** The entries of a tar stream, in order. A source that fails fails the iteration. */
async function* tarEntries(source) {
    const input = source instanceof node_stream__WEBPACK_IMPORTED_MODULE_2__.Readable ? source : node_stream__WEBPACK_IMPORTED_MODULE_2__.Readable.from(source);
    const extract = tar_stream__WEBPACK_IMPORTED_MODULE_4__.extract();
    extract.on('error', markRead);
    input.once('error', (e) => {
        markRead(e);
        extract.destroy(e);
    });
    input.pipe(extract);
    try {
        for await (const entry of extract) {
            const body = entry;
            yield { name: entry.header.name, type: entry.header.type ?? 'file', size: entry.header.size ?? 0, body };
            body.resume();
        }
    }
    finally {
        input.unpipe(extract);
        extract.destroy();
    }
}
/**
 * A tar entry's bytes, lent to a reader that may stop early (an upload that failed): what it leaves
 * is skipped by tarEntries, and the archive read goes on. Ending an iteration over the entry itself
 * would destroy the entry, and tar-stream destroys its extractor with it: the read would stall.
 */
async function* lent(body) {
    const chunks = body[Symbol.asyncIterator]();
    for (let next = await chunks.next(); !next.done; next = await chunks.next())
        yield next.value;
}
/** The first `bytes` of a stream, and the whole stream again (those bytes first). */
async function peek(body, bytes) {
    const iterator = body[Symbol.asyncIterator]();
    const taken = [];
    let length = 0;
    let done = false;
    while (length < bytes) {
        const next = await iterator.next();
        if (next.done) {
            done = true;
            break;
        }
        taken.push(next.value);
        length += next.value.length;
    }
    async function* again() {
        yield* taken;
        if (done)
            return;
        for (let next = await iterator.next(); !next.done; next = await iterator.next())
            yield next.value;
    }
    return { head: Buffer.concat(taken).subarray(0, bytes), stream: again() };
}
/** A tar stream starts with a ustar header (what every image tool writes). */
function isTar(head) {
    return head.length >= 262 && head.subarray(257, 262).toString('latin1') === 'ustar';
}
/** JSON files up to this size are kept in memory (manifest.json, the config); layers are not. */
const KEEP = 4 * 1024 * 1024;
/** Whether an archive file is kept whole: only what looks like JSON, however small a layer is. */
function keepsBytes(size, head) {
    return size <= KEEP && /^\s*[[{]/.test(head.subarray(0, 16).toString('latin1'));
}
/** An archive entry's name as manifest.json and index.json spell it (no leading ./). */
function archiveName(name) {
    return name.replace(/^\.\//, '');
}
/**
 * The files at the top of an archive: size, whether each is a layer and gzip, the small JSON ones
 * kept whole; with `hash`, every file's digest too (a read of every byte). `onLayer` may read a
 * layer's bytes itself (the SBOM's fallback); whatever it leaves is skipped.
 */
async function listFiles(stream, options = {}) {
    const files = new Map();
    for await (const entry of tarEntries(stream)) {
        if (entry.type !== 'file' && entry.type !== 'contiguous-file')
            continue;
        const hash = options.hash ? (0,node_crypto__WEBPACK_IMPORTED_MODULE_1__.createHash)('sha256') : undefined;
        const { head, stream: body } = await peek(entry.body, 512);
        const gzip = (0,_kind_js__WEBPACK_IMPORTED_MODULE_6__/* .isGzip */ .bf)(head);
        const file = { size: entry.size, gzip, layer: gzip || isTar(head) };
        files.set(archiveName(entry.name), file);
        const keep = !file.layer && keepsBytes(entry.size, head);
        const kept = [];
        async function* seen() {
            for await (const chunk of body) {
                hash?.update(chunk);
                if (keep)
                    kept.push(chunk);
                yield chunk;
            }
        }
        const bytes = seen();
        if (file.layer && options.onLayer)
            await options.onLayer(bytes, gzip);
        // What the layer reader left (a tar's end padding), or the whole file.
        for await (const chunk of bytes)
            void chunk;
        if (hash)
            file.digest = `sha256:${hash.digest('hex')}`;
        if (keep)
            file.bytes = Buffer.concat(kept);
    }
    return files;
}
/**
 * Where config and layers are in an archive: `docker save` layout (manifest.json, what dockerTools
 * and Docker 20–24 write) or OCI layout (index.json, what Docker 25+ writes).
 */
function archiveLayout(files, where) {
    const text = (name) => {
        const file = files.get(archiveName(name));
        if (!file?.bytes)
            throw new Error(`${where}: the archive has no ${name}, or it is too large to be one.`);
        return file.bytes.toString('utf8');
    };
    if (files.has('manifest.json')) {
        const manifest = JSON.parse(text('manifest.json'));
        if (manifest.length !== 1)
            throw new Error(`${where}: the archive holds ${manifest.length} images; an image file must hold exactly one.`);
        const configEntry = archiveName(manifest[0].Config);
        return { config: Buffer.from(text(configEntry)), configEntry, layers: manifest[0].Layers };
    }
    if (files.has('index.json')) {
        const blob = (digest) => `blobs/${digest.replace(':', '/')}`;
        const index = JSON.parse(text('index.json'));
        if (index.manifests?.length !== 1)
            throw new Error(`${where}: the OCI layout lists ${index.manifests?.length ?? 0} images; an image file must hold exactly one.`);
        const manifest = JSON.parse(text(blob(index.manifests[0].digest)));
        const configEntry = blob(manifest.config.digest);
        return { config: Buffer.from(text(configEntry)), configEntry, layers: manifest.layers.map((l) => blob(l.digest)) };
    }
    throw new Error(`${where}: neither manifest.json (docker save) nor index.json (OCI layout) is in the archive.`);
}
/** The config JSON of a docker archive or OCI layout, and its entry name. */
async function archiveConfig(image) {
    const where = `${image.installable} (${image.storePath})`;
    const layout = archiveLayout(await withArchive(openArchive(image), where, (stream) => listFiles(stream)), where);
    return { name: layout.configEntry, json: layout.config.toString('utf8') };
}


/***/ }),

/***/ 98243:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   bf: () => (/* binding */ isGzip),
/* harmony export */   i_: () => (/* binding */ detectKind),
/* harmony export */   lE: () => (/* binding */ isNix2container)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _exec_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(14981);
// What kind of image a Nix build produced, read from the file itself rather than from its name.


function isGzip(head) {
    return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}
async function detectKind(path) {
    const info = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(path);
    if (!info.isFile()) {
        throw new Error(`${path} is a directory, not an image: the container attribute must be a dockerTools image (buildImage, buildLayeredImage, streamLayeredImage) or a nix2container image.`);
    }
    const fh = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.open)(path, 'r');
    try {
        const head = Buffer.alloc(512);
        const { bytesRead } = await fh.read(head, 0, 512, 0);
        const bytes = head.subarray(0, bytesRead);
        if (isGzip(bytes))
            return 'archive-gz';
        if (bytes.subarray(257, 262).toString() === 'ustar')
            return 'archive';
        if (bytes.subarray(0, 2).toString() === '#!')
            return 'stream';
        if (bytes.subarray(0, 1).toString() === '{')
            return 'nix2container';
    }
    finally {
        await fh.close();
    }
    throw new Error(`${path} is neither a docker archive (.tar, .tar.gz), a stream script nor a nix2container image description.`);
}
/**
 * Whether a flake attribute is a nix2container image (it carries copyToDockerDaemon), asked before
 * building; false when it cannot be evaluated (the build then says why).
 */
async function isNix2container(nix, installable) {
    const r = await (0,_exec_js__WEBPACK_IMPORTED_MODULE_1__/* .run */ .eF)({ cmd: nix.path, args: ['eval', '--json', installable, '--apply', 'i: i ? copyToDockerDaemon'], env: nix.env }, { echo: false, check: false });
    return r.code === 0 && r.stdout.trim() === 'true';
}


/***/ }),

/***/ 10182:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Jx: () => (/* binding */ builtAs),
/* harmony export */   _7: () => (/* binding */ COMPRESSIONS),
/* harmony export */   wB: () => (/* binding */ installable),
/* harmony export */   xE: () => (/* binding */ zstdAvailable)
/* harmony export */ });
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(38522);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_zlib__WEBPACK_IMPORTED_MODULE_0__);

/** The flake attribute of one container's image for one system. */
function installable(flake, system, container) {
    return `${flake}#packages.${system}.${container}`;
}
/** The system an entry's derivation is built as: its own, when the installables input names one of another. */
function builtAs(entry) {
    return entry.buildSystem ?? entry.system;
}
const COMPRESSIONS = ['none', 'gzip', 'zstd'];
/** zstd is in Node's zlib from 22.15 and 23.8 (the runners' node24 has it). */
function zstdAvailable(z = node_zlib__WEBPACK_IMPORTED_MODULE_0__) {
    return typeof z.createZstdCompress === 'function' && z.constants.ZSTD_c_compressionLevel !== undefined;
}


/***/ }),

/***/ 68756:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  RT: () => (/* binding */ FROM_INPUTS),
  R8: () => (/* binding */ LoginLapsed),
  S1: () => (/* binding */ PublishError),
  VJ: () => (/* binding */ checkTargets),
  Eg: () => (/* binding */ describeTargets),
  sA: () => (/* binding */ explainPushFailure),
  AO: () => (/* binding */ inputTarget),
  DQ: () => (/* binding */ loginOf),
  al: () => (/* binding */ loginsAccepted),
  AL: () => (/* binding */ pushBuiltin),
  Vj: () => (/* binding */ verdictOf),
  LH: () => (/* binding */ withRetries)
});

// UNUSED EXPORTS: isTransient

// EXTERNAL MODULE: ./src/config/settings.ts + 3 modules
var settings = __nccwpck_require__(39393);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(77598);
// EXTERNAL MODULE: ./src/registry/client.ts
var registry_client = __nccwpck_require__(32440);
// EXTERNAL MODULE: ./src/registry/retry-policy.ts
var retry_policy = __nccwpck_require__(30736);
// EXTERNAL MODULE: ./src/image/archive.ts
var archive = __nccwpck_require__(18031);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __nccwpck_require__(38522);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __nccwpck_require__(57075);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(48161);
// EXTERNAL MODULE: ./src/model.ts
var model = __nccwpck_require__(10182);
;// CONCATENATED MODULE: ./src/publish/compression.ts
// Layer compression for the builtin publisher. An uncompressed layer's digest is its diff_id, the same
// on every run; a compressed one's is whatever the compressor wrote, which a new zlib may change. So a
// layer whose content was pushed before is not compressed again: the tags about to move are read
// first, and a layer whose diff_id one of their images already holds, compressed the same way, is
// pointed at that blob. Unchanged content then keeps its digests, whatever this runner's zlib is.





const LAYER_MEDIA_TYPES = {
    none: 'application/vnd.oci.image.layer.v1.tar',
    gzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
    zstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
};
/** Docker's own layer media types name the same formats. */
const DOCKER_LAYER_TYPES = {
    'application/vnd.docker.image.rootfs.diff.tar': 'none',
    'application/vnd.docker.image.rootfs.diff.tar.gzip': 'gzip',
    'application/vnd.docker.image.rootfs.diff.tar.zstd': 'zstd',
};
/** The compression a layer media type names, or undefined for one that is not a layer. */
function compressionOf(mediaType) {
    const oci = model/* COMPRESSIONS */._7.find((c) => LAYER_MEDIA_TYPES[c] === mediaType);
    return oci ?? DOCKER_LAYER_TYPES[mediaType];
}
/**
 * gzip at level 1 and zstd at level 3 (its own default), one zstd thread: the output depends only on
 * the content and the library's version. Level 1 because gzip is the slow one: level 6 takes about
 * twice as long for 8% less (docs/performance.md).
 */
const LEVELS = { gzip: 1, zstd: 3 };
/** gzip's pieces: a fixed header (no name, no time, Unix) and the trailer of CRC-32 and size. */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03]);
const BLOCK = 1 << 20;
const WINDOW = 32 * 1024;
function gzipTrailer(crc, size) {
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(crc >>> 0, 0);
    trailer.writeUInt32LE(size >>> 0, 4);
    return trailer;
}
const deflateRaw = (block, options) => new Promise((resolve, reject) => external_node_zlib_.deflateRaw(block, options, (e, out) => (e ? reject(e) : resolve(out))));
const SAMPLE = 8 * 1024;
/** A stored deflate block holds at most this many bytes. */
const STORED_MAX = 65535;
/**
 * Deflate's stored blocks around the bytes as they are, built here (5 bytes of header per 64 KiB,
 * no copy of the data): what zlib would write for bytes that do not compress, without its work.
 * The previous block ended on a byte boundary, so each header starts on one.
 */
function storedBlocks(block, last) {
    const out = [];
    let offset = 0;
    do {
        const length = Math.min(STORED_MAX, block.length - offset);
        const final = last && offset + length === block.length;
        const header = Buffer.alloc(5);
        header[0] = final ? 1 : 0;
        header.writeUInt16LE(length, 1);
        header.writeUInt16LE(~length & 0xffff, 3);
        out.push(header, block.subarray(offset, offset + length));
        offset += length;
    } while (offset < block.length);
    return out;
}
/**
 * One block, or the block stored as it is when it will not compress (already compressed files,
 * random bytes): four 8 KiB samples across it are tried first, and if they do not shrink by 3% the
 * block is stored. The choice depends only on the block's bytes.
 */
async function deflateBlock(block, options, last) {
    if (block.length >= 4 * SAMPLE) {
        const quarter = Math.floor(block.length / 4);
        const sample = Buffer.concat([0, 1, 2, 3].map((i) => block.subarray(i * quarter, i * quarter + SAMPLE)));
        const trial = await deflateRaw(sample, { level: options.level, chunkSize: 2 * sample.length });
        if (trial.length > sample.length * 0.97)
            return storedBlocks(block, last);
    }
    // One output buffer: zlib's default 16 KiB pieces cost a callback and a copy each.
    return [await deflateRaw(block, { ...options, chunkSize: block.length + 64 * 1024 })];
}
/**
 * gzip made as pigz makes it: the content cut into 1 MiB blocks, each deflated on its own in Node's
 * thread pool with the 32 KiB before it as its dictionary and ended on a byte boundary, the pieces
 * joined in order into one gzip member. Every core compresses, and the bytes depend only on the
 * content (the cuts fall every 1 MiB however the input arrives).
 */
async function* blockGzip(body, level = LEVELS.gzip, inFlight = Math.max(2, (0,external_node_os_.availableParallelism)() * 2)) {
    yield GZIP_HEADER;
    let crc = 0;
    let size = 0;
    let window;
    const queue = [];
    const submit = (block, last) => {
        crc = external_node_zlib_.crc32(block, crc);
        size = (size + block.length) % 2 ** 32;
        const piece = deflateBlock(block, { level, finishFlush: last ? external_node_zlib_.constants.Z_FINISH : external_node_zlib_.constants.Z_SYNC_FLUSH, ...(window ? { dictionary: window } : {}) }, last);
        // Awaited in order below; a failure after an earlier one must not go unhandled meanwhile.
        piece.catch(() => undefined);
        queue.push(piece);
        window = block.length >= WINDOW ? block.subarray(block.length - WINDOW) : Buffer.concat([window ?? Buffer.alloc(0), block]).subarray(-WINDOW);
    };
    let pending = [];
    let pendingBytes = 0;
    for await (const chunk of body) {
        pending.push(chunk);
        pendingBytes += chunk.length;
        // Strictly more than a block: the last block is the one ended with Z_FINISH.
        while (pendingBytes > BLOCK) {
            const all = Buffer.concat(pending, pendingBytes);
            submit(all.subarray(0, BLOCK), false);
            pending = [all.subarray(BLOCK)];
            pendingBytes -= BLOCK;
            while (queue.length >= inFlight)
                yield* await queue.shift();
        }
    }
    submit(Buffer.concat(pending, pendingBytes), true);
    while (queue.length)
        yield* await queue.shift();
    yield gzipTrailer(crc, size);
}
function zstdCompressor() {
    const z = external_node_zlib_;
    if (!z.createZstdCompress || z.constants.ZSTD_c_compressionLevel === undefined)
        throw new Error(`zstd is not in this Node's zlib (${process.version})`);
    return z.createZstdCompress({ chunkSize: 1 << 20, params: { [z.constants.ZSTD_c_compressionLevel]: LEVELS.zstd } });
}
/** A layer's bytes, compressed as they are read. */
function compressed(body, compression) {
    return compression === 'gzip' ? blockGzip(body) : (0,external_node_stream_.pipeline)(external_node_stream_.Readable.from(body), zstdCompressor(), () => undefined);
}
/**
 * Pairs an image's diff_ids with its manifest's layers: the blob each diff_id was pushed as. A
 * manifest and config that disagree on the number of layers pair nothing.
 */
function pairLayers(diffIds, layers) {
    const pairs = new Map();
    if (diffIds.length !== layers.length)
        return pairs;
    diffIds.forEach((id, i) => pairs.set(id, { mediaType: layers[i].mediaType, digest: layers[i].digest, size: layers[i].size }));
    return pairs;
}
/**
 * The compressed blobs the repository's images under `tags` hold, by diff_id. Only an answer is
 * used: a tag that is not there yet, or any failure to read one, just leaves its layers out (the
 * layers are then compressed and uploaded, which is always right).
 */
async function pushedLayers(client, tags, log) {
    const found = new Map();
    const manifests = async (reference) => {
        const fetched = await client.manifest(reference);
        if (!registry_client/* INDEX_TYPES */.V.includes(fetched.mediaType) && !fetched.body.manifests)
            return [fetched.body];
        const children = await Promise.all((fetched.body.manifests ?? []).map((m) => client.manifest(m.digest).then((c) => c.body)));
        return children;
    };
    const results = await Promise.allSettled(tags.map(async (tag) => {
        const images = await manifests(tag);
        return Promise.all(images
            .filter((m) => m.config && m.layers)
            .map(async (m) => pairLayers((await client.blob(m.config.digest)).rootfs?.diff_ids ?? [], m.layers)));
    }));
    results.forEach((r, i) => {
        if (r.status === 'rejected') {
            if (!/not found/.test(r.reason.message))
                log(`  ${tags[i]}: not read for its layers (${r.reason.message}); its layers are compressed again`);
            return;
        }
        for (const pairs of r.value)
            for (const [id, d] of pairs)
                if (!found.has(id))
                    found.set(id, d);
    });
    return found;
}

;// CONCATENATED MODULE: ./src/publish/builtin.ts
// The builtin publisher, in this process over the registry's HTTP API: each system's image is
// pushed by digest (its blobs, then its manifest under its own digest), one OCI index is made from
// those digests, and only then are the tags pointed at it. Before any blob is sent the registry is
// asked whether it has it (HEAD /v2/<repo>/blobs/<digest>); what it has is skipped and counted, so
// a second publish of unchanged images sends no layer bytes at all.
//
// Layers are compressed on the way as the compression input asks (publish/compression.ts), or pushed
// as the image holds them with compression: none, when the layer digest is the diff_id itself.
//
// Every step that can be repeated is tried again on its own when the registry fails it briefly
// (registry/retry-policy.ts): each blob's upload, each manifest, each tag. A layer's failed try is
// sent again from another read of the archive, not from memory: layers can be gigabytes, and the
// archive source can be read as often as needed. Whatever that read gives is checked as the first
// was (the registry checks the blob's digest; a compressed layer's content is checked against its
// diff_id before the upload is closed), so bytes that differ are refused, never pushed.





const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json';
const OCI_LAYER = 'application/vnd.oci.image.layer.v1.tar';
const OCI_LAYER_GZIP = 'application/vnd.oci.image.layer.v1.tar+gzip';
// ---- pure parts --------------------------------------------------------------------------------
function sha256(bytes) {
    return `sha256:${(0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex')}`;
}
/** JSON bytes whose digest is what the registry will compute: no whitespace, keys as given. */
function jsonBytes(value) {
    return Buffer.from(JSON.stringify(value));
}
/** Annotations only when there are any: an empty object would change the digest for nothing. */
const annotated = (annotations = {}) => (Object.keys(annotations).length ? { annotations } : {});
function ociManifest(config, layers, annotations) {
    return jsonBytes({ schemaVersion: 2, mediaType: OCI_MANIFEST, config, layers, ...annotated(annotations) });
}
function ociIndex(manifests, annotations) {
    return jsonBytes({ schemaVersion: 2, mediaType: OCI_INDEX, manifests, ...annotated(annotations) });
}
/**
 * The image config with the labels input added to its Labels. Without labels the built config's
 * bytes are kept as they are; with them only config.Labels changes (the layers are the tested ones).
 */
function withLabels(config, labels) {
    if (Object.keys(labels).length === 0)
        return config;
    const parsed = JSON.parse(config.toString('utf8'));
    parsed.config = { ...parsed.config, Labels: { ...parsed.config?.Labels, ...labels } };
    return jsonBytes(parsed);
}
/** The index entry's platform, from the image's own config (so it can never disagree with it). */
function platformOf(config, where) {
    if (!config.os || !config.architecture)
        throw new Error(`${where}: the image config names no os/architecture, so the index cannot say which platform it is.`);
    return { os: config.os, architecture: config.architecture, ...(config.variant ? { variant: config.variant } : {}) };
}
function totals(images) {
    const layers = images.flatMap((i) => i.layers);
    const configs = images.map((i) => i.config);
    const sum = (list) => list.reduce((n, b) => n + b.size, 0);
    return {
        layersUploaded: layers.filter((l) => l.uploaded).length,
        layerBytesUploaded: sum(layers.filter((l) => l.uploaded)),
        layersSkipped: layers.filter((l) => !l.uploaded).length,
        layerBytesSkipped: sum(layers.filter((l) => !l.uploaded)),
        configBytesUploaded: sum(configs.filter((c) => c.uploaded)),
        configBytesSkipped: sum(configs.filter((c) => !c.uploaded)),
    };
}
/**
 * The docker-archive of an image, readable as often as needed: the file itself (decompressed when
 * it is a .tar.gz), what a stream script writes, or, for nix2container (whose layers exist only
 * when copied), `docker save` of the very image that was loaded and tested.
 */
function archiveSource(image, loaded) {
    if (image.kind !== 'nix2container')
        return () => (0,archive/* openArchive */.p_)(image);
    if (!loaded) {
        throw new Error(`${image.installable} is a nix2container image that was not loaded into Docker on this runner (${image.runNote ?? 'it could not be run here'}); its layers exist only when nix2container copies them, so it cannot be pushed from here. Build and publish it on a runner that can run ${image.system} (or with emulation).`);
    }
    return () => (0,archive/* processArchive */.q)('docker', ['save', loaded.imageId]);
}
/** A stream and the SHA-256 of what was read of it. */
function hashed(body) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    async function* stream() {
        for await (const chunk of body) {
            hash.update(chunk);
            yield chunk;
        }
    }
    let digest;
    return { stream: stream(), digest: () => (digest ??= `sha256:${hash.digest('hex')}`) };
}
/**
 * Each layer's blob digest without hashing it where the archive says it: an OCI layout names its
 * blobs by digest, and an uncompressed layer is its own diff_id (which `docker load` checked, and
 * the registry checks again on upload). A gzip layer of a docker-save archive is known only once
 * hashed: undefined then.
 */
function layerDigests(layers, files, diffIds, where) {
    if (diffIds.length !== layers.length)
        throw new Error(`${where}: the config lists ${diffIds.length} layers but the archive has ${layers.length}.`);
    return layers.map((name, i) => {
        const file = files.get((0,archive/* archiveName */.uv)(name));
        if (!file)
            throw new Error(`${where}: the archive's manifest names layer ${name}, which is not in the archive.`);
        const blob = /^blobs\/sha256\/([0-9a-f]{64})$/.exec((0,archive/* archiveName */.uv)(name));
        if (blob)
            return `sha256:${blob[1]}`;
        if (file.gzip)
            return file.digest;
        // An uncompressed layer that was hashed must be its own diff_id: if not, the archive contradicts its config.
        if (file.digest && file.digest !== diffIds[i])
            throw new Error(`${where}: layer ${name} has digest ${file.digest} but the config says ${diffIds[i]}; the archive is inconsistent.`);
        return diffIds[i];
    });
}
/**
 * What the image is made of, and where each layer is in the archive: one read that skips the
 * layers, and a second that hashes them only when a layer's digest is nowhere else (a gzip layer
 * in a docker-save archive).
 */
async function prepare(image, source, labels) {
    const where = `${image.installable} (${image.storePath})`;
    let files = await (0,archive/* withArchive */.xc)(source(), where, (stream) => (0,archive/* listFiles */.CS)(stream));
    const layout = (0,archive/* archiveLayout */.bA)(files, where);
    const config = JSON.parse(layout.config.toString('utf8'));
    const diffIds = config.rootfs?.diff_ids ?? [];
    let digests = layerDigests(layout.layers, files, diffIds, where);
    if (digests.some((d) => !d)) {
        files = await (0,archive/* withArchive */.xc)(source(), where, (stream) => (0,archive/* listFiles */.CS)(stream, { hash: true }));
        digests = layerDigests(layout.layers, files, diffIds, where);
    }
    const layers = layout.layers.map((name, i) => {
        const file = files.get((0,archive/* archiveName */.uv)(name));
        return { mediaType: file.gzip ? OCI_LAYER_GZIP : OCI_LAYER, digest: digests[i], size: file.size, entry: (0,archive/* archiveName */.uv)(name), diffId: diffIds[i] };
    });
    const platform = platformOf(config, where);
    const bytes = withLabels(layout.config, labels);
    return {
        system: image.system,
        platform,
        config: { mediaType: OCI_CONFIG, digest: sha256(bytes), size: bytes.length, bytes },
        layers,
        source,
        where,
    };
}
/**
 * The blob a layer should be in the registry as, if that blob may already be there: the archive's
 * own (uncompressed, or compressed in the archive already, which is never compressed again), or,
 * to compress, the blob an earlier push compressed the same content to. Undefined: compress it.
 */
function candidateBlob(layer, compression, pushed) {
    if (!compresses(layer, compression))
        return { mediaType: layer.mediaType, digest: layer.digest, size: layer.size };
    const earlier = pushed.get(layer.diffId);
    return earlier && compressionOf(earlier.mediaType) === compression ? earlier : undefined;
}
/** Whether the layer is compressed on its way: only an uncompressed one, and only when asked. */
function compresses(layer, compression) {
    return compression !== 'none' && compressionOf(layer.mediaType) === 'none';
}
/** Sends one layer's bytes, compressed on the way when asked; returns the blob the registry now holds for it. */
async function sendLayer(client, image, layer, compression, body, log) {
    if (!compresses(layer, compression)) {
        log(`  uploading layer ${layer.digest} (${layer.size} bytes)`);
        await client.uploadBlob(layer.digest, body);
        return { mediaType: layer.mediaType, digest: layer.digest, size: layer.size };
    }
    log(`  compressing (${compression}) and uploading layer ${layer.diffId} (${layer.size} bytes uncompressed)`);
    // The registry checks only the compressed bytes' digest: the content is checked against the
    // config's diff_id here, before the upload is closed, so damaged bytes are never committed.
    const content = hashed(body);
    const blob = await client.uploadComputed(compressed(content.stream, compression), `layer ${layer.diffId} (${compression})`, () => {
        if (content.digest() !== layer.diffId)
            throw new Error(`layer ${layer.entry} of ${image.where} has digest ${content.digest()}, but its config says ${layer.diffId}: the archive is damaged. Rebuild it (nix build --rebuild).`);
    });
    return { mediaType: LAYER_MEDIA_TYPES[compression], ...blob };
}
/** One layer's bytes from another read of the archive, for `use`: how a layer is sent again after a failed try. */
async function rereadLayer(image, layer, use) {
    return (0,archive/* withArchive */.xc)(image.source(), image.where, async (stream) => {
        for await (const { name, body } of (0,archive/* tarEntries */.O_)(stream)) {
            if ((0,archive/* archiveName */.uv)(name) !== layer.entry)
                continue;
            // Awaited inside the loop: leaving it ends the read.
            const result = await use(body);
            return result;
        }
        throw new Error(`layer ${layer.entry} was not found on another read of the archive (does the stream script write the same archive every time?).`);
    });
}
/**
 * Sends the blobs the registry lacks (one more read of the archive when a layer is missing), each
 * layer compressed on the way when `compression` asks and no earlier push has it so, each blob
 * tried again on its own. `pushed` (blobs by diff_id) learns every layer sent, for the next image.
 */
async function sendBlobs(client, image, compression, pushed, log, retries) {
    const configPresent = await retries.step(`uploading config ${image.config.digest}`, async () => {
        if (await client.hasBlob(image.config.digest))
            return true;
        await client.uploadBlob(image.config.digest, image.config.bytes);
        return false;
    });
    // Each distinct layer once: a layer listed twice is checked, sent and counted once.
    const distinct = [...new Map(image.layers.map((l) => [l.digest, l])).values()];
    const resolved = new Map();
    const missing = new Map();
    for (const layer of distinct) {
        const candidate = candidateBlob(layer, compression, pushed);
        const size = candidate && (await retries.step(`asking for blob ${candidate.digest}`, () => client.blobSize(candidate.digest)));
        if (candidate && size !== undefined) {
            // A layer taken by its diff_id without hashing must be what the registry holds under it.
            if (candidate.digest === layer.digest && size >= 0 && size !== layer.size)
                throw new Error(`layer ${layer.entry} is ${layer.size} bytes, but the registry's blob ${layer.digest} is ${size}: the archive does not match its config's diff_ids. Rebuild the image.`);
            // An earlier push's blob of another size is not that blob: compressed and sent again.
            if (candidate.digest === layer.digest || size < 0 || size === candidate.size) {
                resolved.set(layer.digest, candidate);
                continue;
            }
        }
        missing.set(layer.entry, layer);
    }
    const sent = new Set();
    if (missing.size > 0) {
        await (0,archive/* withArchive */.xc)(image.source(), image.where, async (stream) => {
            for await (const { name, body } of (0,archive/* tarEntries */.O_)(stream)) {
                const layer = missing.get((0,archive/* archiveName */.uv)(name));
                if (!layer || sent.has(layer.digest))
                    continue;
                // The first try reads on in this pass; a failed one leaves the rest of the entry to it.
                const blob = await retries.step(`uploading layer ${layer.digest}`, (attempt) => attempt === 1
                    ? sendLayer(client, image, layer, compression, (0,archive/* lent */.oh)(body), log)
                    : rereadLayer(image, layer, (again) => sendLayer(client, image, layer, compression, again, log)));
                resolved.set(layer.digest, blob);
                pushed.set(layer.diffId, blob);
                sent.add(layer.digest);
            }
        });
        const unsent = [...missing.values()].filter((l) => !sent.has(l.digest));
        if (unsent.length)
            throw new Error(`layers ${unsent.map((l) => l.entry).join(', ')} were not found on the second read of the archive (does the stream script write the same archive every time?).`);
    }
    const layers = distinct.map((l) => ({ digest: resolved.get(l.digest).digest, size: resolved.get(l.digest).size, uploaded: sent.has(l.digest) }));
    return {
        config: { digest: image.config.digest, size: image.config.size, uploaded: !configPresent },
        layers,
        descriptors: image.layers.map((l) => resolved.get(l.digest)),
    };
}
/**
 * Pushes every image of one container by digest, then one index under every tag. Each step is
 * tried again on its own as `retries` allow, all of them within its one budget.
 */
async function pushByDigest(target, images, metadata, log, retries = retry_policy/* PUSH_RETRIES */.CA) {
    const { tags, annotations, labels, compression } = metadata;
    const client = new registry_client/* RegistryClient */.bP(target.registry, target.repository, target.credentials, 'pull,push');
    const name = `${target.registry}/${target.repository}`;
    // What the tags about to move already hold, so unchanged layers keep the blobs they were pushed as.
    const blobsByDiffId = compression === 'none' ? new Map() : await pushedLayers(client, tags, log);
    const steps = new retry_policy/* PushRetries */.rb(retries, log);
    const pushed = [];
    const entries = [];
    for (const { image, loaded } of images) {
        const prepared = await prepare(image, archiveSource(image, loaded), labels);
        const { descriptors, ...blobs } = await sendBlobs(client, prepared, compression, blobsByDiffId, log, steps);
        const manifest = ociManifest({ mediaType: OCI_CONFIG, digest: prepared.config.digest, size: prepared.config.size }, descriptors, annotations.manifest);
        const digest = sha256(manifest);
        await steps.step(`pushing ${name}@${digest}`, () => client.putManifest(digest, OCI_MANIFEST, manifest));
        pushed.push({ system: image.system, platform: image.platform, digest, ...blobs });
        entries.push({ mediaType: OCI_MANIFEST, digest, size: manifest.length, platform: prepared.platform });
        const up = blobs.layers.filter((l) => l.uploaded);
        log(`${name}@${digest} (${image.platform}): ${blobs.layers.length} layer(s), ${up.length} uploaded (${up.reduce((n, l) => n + l.size, 0)} bytes), ` +
            `${blobs.layers.length - up.length} already in the registry (${blobs.layers.filter((l) => !l.uploaded).reduce((n, l) => n + l.size, 0)} bytes skipped); config ${blobs.config.uploaded ? 'uploaded' : 'already there'}`);
    }
    const index = ociIndex(entries, annotations.index);
    const indexDigest = sha256(index);
    // The tags move last, all to the same index, once every image it lists is in the registry.
    for (const tag of tags)
        await steps.step(`tagging ${name}:${tag}`, () => client.putManifest(tag, OCI_INDEX, index));
    return { index: indexDigest, images: pushed, upload: { ...totals(pushed), compression } };
}

// EXTERNAL MODULE: ./src/config/tags.ts
var tags = __nccwpck_require__(1189);
// EXTERNAL MODULE: ./src/retry.ts
var retry = __nccwpck_require__(49809);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __nccwpck_require__(83916);
;// CONCATENATED MODULE: ./src/publish/publish.ts







class PublishError extends Error {
    constructor(message) {
        super(message);
        this.name = 'PublishError';
    }
}
// podman's words and Node's for a registry that did not answer at all.
const UNREACHABLE = /connection refused|connection reset|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EPIPE|no such host|socket hang up|other side closed|fetch failed|cannot reach|i\/o timeout|unexpected EOF|TLS handshake timeout/i;
// Their words for a registry that answered it is overloaded or failing (whole words: a digest may hold "429").
const OVERLOADED = /\b(?:HTTP )?50[0234]\b|Service Unavailable|Bad Gateway|Gateway Timeout|too many requests|\b429\b/i;
const AUTH = /unauthorized|authentication required|invalid username\/password|incorrect username or password|denied|\b401\b|\b403\b/i;
// Node's words (and Go's) for a proxy that would not open the tunnel: neither the registry's answer
// nor its absence, so neither a login nor an outage.
const PROXY = /ERR_PROXY_TUNNEL[^\n]*|Failed to establish tunnel[^\n]*|Proxy Authentication Required|proxyconnect tcp[^\n]*/i;
// Node's and Go's words for a certificate this runner does not trust: the registry answered, so
// trying again cannot help.
const CERTIFICATE = /unable to verify the first certificate|self[- ]signed certificate|unable to get (?:local )?issuer certificate|certificate has expired|certificate is not yet valid|does not match certificate|x509: certificate/i;
/** Whether a tool's failure (the manifest app's) looks brief: a registry gone or overloaded, not a refused login or certificate. */
function isTransient(text) {
    return (UNREACHABLE.test(text) || OVERLOADED.test(text)) && !AUTH.test(text) && !CERTIFICATE.test(text) && !PROXY.test(text);
}
/**
 * A manifest app refused part-way through its push although the registry, asked again by the
 * action, still takes the login: its tool's token ran out mid-push (short-lived registry tokens;
 * podman does not renew one inside an upload). A fresh run logs in anew, so it is worth another try.
 */
class LoginLapsed extends Error {
    constructor(cause) {
        super((0,errors/* messageOf */.b)(cause), { cause });
        this.name = 'LoginLapsed';
    }
}
/** Whether each target's registry lets its login push now (an upload opened and cancelled). */
async function loginsAccepted(targets) {
    const accepted = await Promise.all(targets.map((t) => new registry_client/* RegistryClient */.bP(t.registry, t.repository, t.credentials, 'pull,push').canPush().catch(() => undefined)));
    return accepted.every((a) => a === true);
}
/**
 * The verdict on a failure: from a RegistryError's status and fields (the builtin publisher), else
 * from the words of a tool's output (the manifest app's podman); undefined when neither tells.
 */
function verdictOf(e) {
    const text = (0,errors/* messageOf */.b)(e);
    const proxy = PROXY.exec(text);
    if (proxy)
        return { kind: 'proxy', words: proxy[0] };
    if (e instanceof LoginLapsed)
        return { kind: 'login-lapsed' };
    if (e instanceof registry_client/* RegistryError */.gl) {
        const { status, answer } = e;
        if (status === 401 || status === 403)
            return { kind: 'refused-login' };
        if (status !== undefined)
            return { kind: 'answered', answer: `HTTP ${status}${answer.codes ? ` (${answer.codes.join(', ')})` : ''}` };
        if (answer.unanswered === 'unreachable')
            return { kind: 'unreachable' };
    }
    if (AUTH.test(text))
        return { kind: 'refused-login' };
    const certificate = CERTIFICATE.exec(text);
    if (certificate)
        return { kind: 'certificate', words: certificate[0] };
    const overloaded = OVERLOADED.exec(text);
    if (overloaded)
        return { kind: 'answered', answer: overloaded[0] };
    return UNREACHABLE.test(text) ? { kind: 'unreachable' } : undefined;
}
/**
 * A manifest app is retried whole, as often and as long as the builtin publisher retries one step
 * (2, 4, 8, 16 s): podman's `manifest push` retries nothing itself, so each run gets one failure
 * past, and blobs already sent are skipped the next time.
 */
const APP_DELAYS = Array.from({ length: retry_policy/* PUSH_RETRIES */.CA.attempts - 1 }, (_, i) => Math.min(retry_policy/* PUSH_RETRIES */.CA.firstDelayMs * 2 ** i, retry_policy/* PUSH_RETRIES */.CA.maxDelayMs));
/**
 * Retries an idempotent push with bounded backoff when the registry seems briefly unavailable, or
 * took the login again after refusing the push part-way (LoginLapsed).
 */
function withRetries(what, fn, log, delaysMs = APP_DELAYS) {
    const text = (e) => (0,errors/* messageOf */.b)(e);
    return (0,retry/* retry */.L5)(fn, {
        delayMs: (0,retry/* afterDelays */.t_)(delaysMs),
        retryable: (e) => e instanceof LoginLapsed || isTransient(text(e)),
        onRetry: (e, failures, delay) => log(`${what} failed (attempt ${failures} of ${delaysMs.length + 1}), retrying in ${delay / 1000}s: ${text(e).split('\n').slice(-1)[0]}`),
    });
}
/** Where the action's inputs say to push (the builtin publisher, and a manifest app that is not flocken). */
function inputTarget(settings, container, login = { username: settings.username, password: settings.password }) {
    return {
        registry: settings.registry,
        repository: container.repository,
        tags: settings.tags,
        credentials: login,
        source: 'inputs registry, repository and tags',
    };
}
/** Refuses, before anything is pushed, a destination the registry would reject half-way through. */
function checkTargets(targets, manifest) {
    for (const t of targets) {
        const bad = t.tags.find((tag) => !(0,tags/* isValidTag */.r_)(tag));
        if (bad !== undefined) {
            throw new PublishError(`The manifest app ${manifest} would push ${t.registry}/${t.repository}:${bad}, and '${bad}' is not a valid tag (letters, digits, '.', '_' and '-', at most 128, not starting with '.' or '-'); nothing was pushed. ` +
                `Tags come from flocken's tags, branch and version options in the flake (see ${t.source}).`);
        }
        if (!(0,settings/* isValidRepository */.d)(t.repository)) {
            throw new PublishError(`The manifest app ${manifest} would push to ${t.registry}/${t.repository}, which is not a valid repository name (lowercase letters, digits and separators); nothing was pushed. Fix repo (or github.repo) in the flake (see ${t.source}).`);
        }
    }
}
function describeTargets(targets) {
    return targets.map((t) => `${t.registry}/${t.repository} (tags ${t.tags.join(', ')})`).join('; ');
}
const FROM_INPUTS = 'inputs username and password';
/** Whose login a registry refused, and where it came from. */
function loginOf(targets, settings) {
    const users = [...new Set(targets.map((t) => t.credentials.username))];
    const from = [...new Set(targets.map((t) => t.credentials.from ?? FROM_INPUTS))];
    if (users.length === 1 && users[0] === settings.username)
        return { user: users[0], from: from.join(' or ') };
    return { user: users.join("' or '"), from: "the logins of the flake's registries" };
}
/** How the tries of a failed push ended, as far as the builtin publisher's say. */
function afterRetries(e) {
    if (!(e instanceof retry_policy/* RetriesSpent */.R1))
        return 'after retries';
    return `after retries (${e.tries} tries${e.why === 'budget' ? "; the push's retry budget was spent" : ''})`;
}
/** A failed push in words that say what the registry did (refused, answered a failure, was not reached) and what to do. */
function explainPushFailure(e, targets, login, what) {
    const text = (0,errors/* messageOf */.b)(e);
    const registries = [...new Set(targets.map((t) => t.registry))].join(' or ');
    const verdict = verdictOf(e);
    const explained = (lead) => new PublishError(`${what}: ${registries} ${lead}\n${text.slice(-1500)}`);
    switch (verdict?.kind) {
        case 'refused-login':
            return explained(`refused the credentials of user '${login.user}' (${login.from}; on ghcr.io the workflow needs permissions: packages: write).`);
        case 'login-lapsed':
            return explained(`refused the push part-way, each time, although it took the login of user '${login.user}' when the action asked again: the token the app's tool got ran out during the push, as registries with short-lived tokens do. Re-run, or lengthen the registry's token lifetime.`);
        case 'certificate':
            return explained(`answered with a certificate this runner does not trust (${verdict.words}); nothing was retried. ` +
                `For a registry whose CA is a private one, install the CA in the runner's system store (/usr/local/share/ca-certificates, then update-ca-certificates) or give the job a PEM file holding it in SSL_CERT_FILE or NODE_EXTRA_CA_CERTS.`);
        case 'proxy':
            return explained(`could not be reached through the proxy, which did not open the connection (${verdict.words}). Check HTTPS_PROXY and HTTP_PROXY (a login goes in the proxy's URL), or list the registry in NO_PROXY if it needs no proxy.`);
        case 'answered':
            // A failure that is not worth another try (a 404, a digest refused) says what it is itself.
            if (e instanceof registry_client/* RegistryError */.gl && !(e instanceof retry_policy/* RetriesSpent */.R1))
                break;
            return explained(`answered ${verdict.answer} ${afterRetries(e)}; re-run once it is healthy (pushing again is safe).`);
        case 'unreachable':
            return explained(`could not be reached ${afterRetries(e)}; check that it is up and re-run (pushing again is safe).`);
    }
    return e instanceof Error ? e : new Error(text);
}
/**
 * The builtin publisher (builtin.ts): every system's image by digest, one index from those digests,
 * then the tags; blobs the registry has are skipped. Credentials stay in this process.
 */
async function pushBuiltin(target, images, metadata, log, retries = retry_policy/* PUSH_RETRIES */.CA) {
    try {
        return await pushByDigest(target, images.map(({ built, loaded }) => ({ image: built, loaded })), { tags: target.tags, ...metadata }, log, retries);
    }
    catch (e) {
        throw explainPushFailure(e, [target], { user: target.credentials.username, from: target.credentials.from ?? FROM_INPUTS }, `Pushing ${target.registry}/${target.repository}`);
    }
}


/***/ }),

/***/ 89458:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ platformDigests),
/* harmony export */   u: () => (/* binding */ verifyPublished)
/* harmony export */ });
/* harmony import */ var _registry_client_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(32440);
/* harmony import */ var _registry_retry_policy_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(30736);
/* harmony import */ var _publish_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(68756);
// Reading what was published back from the registry, and checking it against what was built and tested.



/** Each platform's image digest in a pushed index (attestation manifests, os "unknown", left out). */
function platformDigests(published) {
    return (published.manifest.manifests ?? [])
        .filter((m) => m.platform && m.platform.os !== 'unknown')
        .map((m) => ({ platform: `${m.platform.os}/${m.platform.architecture}`, digest: m.digest }));
}
const sameLayers = (a, b) => a.length === b.length && a.every((d, i) => d === b[i]);
/**
 * Reads every tag back and checks it is one index of exactly the built platforms and images. Each
 * read is retried as a push's steps are: the tags have moved by now, and a registry's brief 503 must
 * not fail a release that is in place.
 */
async function verifyPublished(target, container, images, log = () => undefined, retries = _registry_retry_policy_js__WEBPACK_IMPORTED_MODULE_1__/* .PUSH_RETRIES */ .CA) {
    const steps = new _registry_retry_policy_js__WEBPACK_IMPORTED_MODULE_1__/* .PushRetries */ .rb(retries, log);
    const client = new _registry_client_js__WEBPACK_IMPORTED_MODULE_0__/* .RegistryClient */ .bP(target.registry, target.repository, target.credentials);
    const name = `${target.registry}/${target.repository}`;
    const [first, ...rest] = target.tags;
    const readBack = (tag, e) => new _publish_js__WEBPACK_IMPORTED_MODULE_2__/* .PublishError */ .S1(`Reading back ${name}:${tag} failed: ${e.message}. The action looked there because of ${target.source}${e instanceof _registry_client_js__WEBPACK_IMPORTED_MODULE_0__/* .RegistryError */ .gl && e.status === 404 ? '; if the app pushes elsewhere, that is where the images are' : ''}.`);
    let fetched;
    try {
        fetched = await steps.step(`reading back ${name}:${first}`, () => client.manifest(first));
    }
    catch (e) {
        throw readBack(first, e);
    }
    const manifests = fetched.body.manifests;
    if (!manifests)
        throw new _publish_js__WEBPACK_IMPORTED_MODULE_2__/* .PublishError */ .S1(`${name}:${first} is a single-platform manifest, not a multi-arch index.`);
    const pushed = manifests
        .filter((m) => m.platform && m.platform.os !== 'unknown')
        .map((m) => `${m.platform.os}/${m.platform.architecture}`)
        .sort();
    const built = images.map((i) => i.platform).sort();
    if (JSON.stringify(pushed) !== JSON.stringify(built)) {
        throw new _publish_js__WEBPACK_IMPORTED_MODULE_2__/* .PublishError */ .S1(`${name}:${first} lists platforms ${pushed.join(', ') || '(none)'} but ${built.join(', ')} were built and tested.`);
    }
    // Publishers rewrite configs and recompress layers, so the content is compared by diff_ids.
    const layersOf = async (digest) => {
        const child = await steps.step(`reading back ${name}@${digest}`, () => client.manifest(digest));
        if (!child.body.config)
            return undefined;
        const config = await steps.step(`reading back the config of ${name}@${digest}`, () => client.blob(child.body.config.digest));
        return { platform: `${config.os}/${config.architecture}`, layers: config.rootfs?.diff_ids ?? [] };
    };
    // The reads are independent: all of them go out at once.
    const checkLayers = images
        .filter((i) => i.layers?.length)
        .map(async (image) => {
        const entry = manifests.find((m) => `${m.platform?.os}/${m.platform?.architecture}` === image.platform);
        const pushedLayers = (await layersOf(entry.digest))?.layers ?? [];
        if (!sameLayers(pushedLayers, image.layers)) {
            throw new _publish_js__WEBPACK_IMPORTED_MODULE_2__/* .PublishError */ .S1(`${name}:${first} has ${image.platform} layers ${pushedLayers.join(', ')}, but the image built and tested has ${image.layers.join(', ')}.`);
        }
    });
    /** A tag's manifest; with `mayBeMissing`, undefined when the registry has no such tag. */
    const readTag = (tag, mayBeMissing = false) => steps
        .step(`reading back ${name}:${tag}`, () => client.manifest(tag))
        .catch((e) => {
        if (mayBeMissing && e instanceof _registry_client_js__WEBPACK_IMPORTED_MODULE_0__/* .RegistryError */ .gl && e.status === 404)
            return undefined;
        throw readBack(tag, e);
    });
    const checkTags = rest.map(async (tag) => {
        const other = (await readTag(tag));
        if (other.digest !== fetched.digest)
            throw new _publish_js__WEBPACK_IMPORTED_MODULE_2__/* .PublishError */ .S1(`${name}:${tag} points at ${other.digest}, not at ${fetched.digest} like ${first}.`);
    });
    // A tag the app's script names besides: the index itself, one of its images, or an image of a
    // tested platform with the tested layers (converted on the way); anything else moved a tag to an
    // image that was not tested.
    const checkAlso = (target.alsoTagged ?? []).map(async (tag) => {
        // A tag named in a branch of the script that did not run is not there: nothing was pushed to it.
        const other = await readTag(tag, true);
        if (!other) {
            log(`${name}:${tag}, which the manifest app's script names, is not in the registry: it was not pushed.`);
            return undefined;
        }
        if (other.digest === fetched.digest)
            return { tag, is: 'the index' };
        const entry = manifests.find((m) => m.digest === other.digest && m.platform);
        if (entry)
            return { tag, is: `the ${entry.platform.os}/${entry.platform.architecture} image` };
        const pushed = other.body.manifests ? undefined : await layersOf(other.digest);
        const image = pushed && images.find((i) => i.platform === pushed.platform);
        if (pushed && image && (!image.layers?.length || sameLayers(pushed.layers, image.layers)))
            return { tag, is: `a ${pushed.platform} image with the tested layers` };
        throw new _publish_js__WEBPACK_IMPORTED_MODULE_2__/* .PublishError */ .S1(`${name}:${tag}, a tag the manifest app's script names, points at ${other.digest}, which is ` +
            (other.body.manifests
                ? `another index than ${first} (${fetched.digest})`
                : pushed
                    ? `a ${pushed.platform} image that was not built and tested here`
                    : 'not an image') +
            `: this run's tested images are ${manifests.map((m) => m.digest).join(', ')}.`);
    });
    const [checked] = await Promise.all([Promise.all(checkAlso), ...checkLayers, ...checkTags]);
    const alsoTagged = checked.filter((a) => a !== undefined);
    return {
        container,
        name,
        digest: fetched.digest,
        tags: target.tags,
        platforms: pushed,
        manifest: fetched.body,
        ...(alsoTagged.length ? { alsoTagged } : {}),
    };
}


/***/ }),

/***/ 32440:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   V: () => (/* binding */ INDEX_TYPES),
/* harmony export */   bP: () => (/* binding */ RegistryClient),
/* harmony export */   gl: () => (/* binding */ RegistryError)
/* harmony export */ });
/* unused harmony exports MANIFEST_TYPES, registryUrl, parseChallenge, registryFailure, unansweredBy */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _http_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(39109);
// A registry's HTTP API (distribution spec): blobs and manifests up and down, with Basic or
// Bearer auth. Credentials stay in this process: no helper program, no command line.


const INDEX_TYPES = ['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json'];
const MANIFEST_TYPES = ['application/vnd.oci.image.manifest.v1+json', 'application/vnd.docker.distribution.manifest.v2+json'];
class RegistryError extends Error {
    status;
    answer;
    constructor(message, 
    /** The HTTP status the registry answered, or undefined when it did not answer. */
    status, answer = {}) {
        super(message);
        this.status = status;
        this.answer = answer;
        this.name = 'RegistryError';
    }
}
function isLoopback(host) {
    const name = host.replace(/:\d+$/, '');
    return name === 'localhost' || name.startsWith('127.') || name === '[::1]';
}
// Docker Hub is named docker.io in image references, but its registry API answers on another host.
const API_HOSTS = { 'docker.io': 'registry-1.docker.io', 'index.docker.io': 'registry-1.docker.io' };
/** Loopback registries speak plain HTTP (as Docker allows); every other registry HTTPS. */
function registryUrl(registry, path) {
    return `${isLoopback(registry) ? 'http' : 'https'}://${API_HOSTS[registry] ?? registry}${path}`;
}
function basic(c) {
    return `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
}
/** Parses `Bearer realm="…",service="…",scope="…"`. */
function parseChallenge(header) {
    const [scheme, ...rest] = header.trim().split(/\s+/);
    const params = {};
    for (const m of rest.join(' ').matchAll(/(\w+)="([^"]*)"/g))
        params[m[1]] = m[2];
    return { scheme: scheme.toLowerCase(), params };
}
/**
 * A failed registry call as an error with its status, the registry's own words and codes, and when
 * it asks to be tried again (no credentials in any of them).
 */
function registryFailure(status, text, what, retryAfter) {
    let detail = text.trim().slice(0, 500);
    let codes;
    try {
        const body = JSON.parse(text);
        if (body.errors?.length) {
            detail = body.errors.map((e) => `${e.code ?? ''} ${e.message ?? ''}`.trim()).join('; ');
            codes = body.errors.flatMap((e) => (e.code ? [e.code] : []));
        }
    }
    catch {
        // not JSON: keep the text
    }
    const hint = status === 401 ? ' (unauthorized: check the username and password)' : status === 403 ? ' (denied: the password or token lacks push permission)' : '';
    return new RegistryError(`${what}: HTTP ${status}${hint}${detail ? `: ${detail}` : ''}`, status, {
        ...(codes?.length ? { codes } : {}),
        ...(retryAfter ? { retryAfter } : {}),
    });
}
async function failure(res, what) {
    return registryFailure(res.status, await res.text().catch(() => ''), what, res.header('retry-after'));
}
// Node's codes for a connection that failed or broke: nothing (or only half an answer) came back.
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
// OpenSSL's and Node's codes for a certificate this runner does not trust (UNABLE_TO_VERIFY_LEAF_SIGNATURE, CERT_HAS_EXPIRED, …).
const CERTIFICATE_CODE = /CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE/;
/**
 * What a request's own error says of the registry: not reached, or reached with a certificate not
 * trusted; undefined for an error that is not the connection's (a body that failed to read).
 */
function unansweredBy(e) {
    const code = e?.code;
    if (typeof code === 'string' && CERTIFICATE_CODE.test(code))
        return 'certificate';
    if (typeof code === 'string' && NETWORK_CODES.has(code))
        return 'unreachable';
    // http.ts's idle timeout, which carries no code.
    return e instanceof _http_js__WEBPACK_IMPORTED_MODULE_1__/* .HttpError */ .j && /\(ETIMEDOUT\)/.test(e.message) ? 'unreachable' : undefined;
}
class RegistryClient {
    registry;
    repository;
    credentials;
    actions;
    authorization;
    constructor(registry, repository, credentials, 
    /** The token scope's actions: `pull`, or `pull,push` for a client that uploads. */
    actions = 'pull') {
        this.registry = registry;
        this.repository = repository;
        this.credentials = credentials;
        this.actions = actions;
    }
    async authorize(challenge) {
        const { scheme, params } = parseChallenge(challenge);
        if (scheme === 'basic') {
            if (!this.credentials)
                throw new RegistryError(`${this.registry} needs credentials`, 401);
            this.authorization = basic(this.credentials);
            return;
        }
        const url = new URL(params.realm);
        if (params.service)
            url.searchParams.set('service', params.service);
        url.searchParams.set('scope', params.scope ?? `repository:${this.repository}:${this.actions}`);
        const res = await (0,_http_js__WEBPACK_IMPORTED_MODULE_1__/* .httpRequest */ .a)(url, { headers: this.credentials ? { authorization: basic(this.credentials) } : {} });
        if (res.status === 401 || res.status === 403) {
            await res.discard();
            throw new RegistryError(`${this.registry} refused a token for ${this.repository} (HTTP ${res.status}): check the username and password`, res.status);
        }
        // Any other failure is the token service's (overloaded, down), not the login's.
        if (res.status !== 200)
            throw await failure(res, `${this.registry}: asking ${url.origin}${url.pathname} for a token`);
        const body = (await res.json());
        this.authorization = `Bearer ${body.token ?? body.access_token}`;
    }
    async get(path, accept) {
        return this.send('GET', path, { headers: { accept: accept.join(', ') } });
    }
    /**
     * One request to `/v2/<repository>/<path>` (or to an absolute upload URL the registry handed out),
     * authorized on a 401 and sent again. A streamed body cannot be sent twice: a 401 to one (a token
     * that ran out during a long push) renews the token and fails with tokenRenewed, so the caller
     * starts that upload over. Every upload starts with a bodiless request, so the first token is
     * fetched there.
     */
    async send(method, path, init = {}) {
        const url = /^https?:/.test(path) ? path : registryUrl(this.registry, `/v2/${this.repository}/${path}`);
        const streamed = init.body !== undefined && !Buffer.isBuffer(init.body);
        // An upload URL may point at other storage: the registry's credentials go to the registry only.
        const ours = new URL(url).origin === new URL(registryUrl(this.registry, '/')).origin;
        const request = () => (0,_http_js__WEBPACK_IMPORTED_MODULE_1__/* .httpRequest */ .a)(url, { method, headers: { ...init.headers, ...(this.authorization && ours ? { authorization: this.authorization } : {}) }, body: init.body });
        let res;
        try {
            res = await request();
            const challenge = res.header('www-authenticate');
            if (res.status === 401 && challenge) {
                await res.discard();
                await this.authorize(challenge);
                if (streamed)
                    throw new RegistryError(`${this.registry}: the token ran out during an upload; a new one was fetched to start it over`, 401, { tokenRenewed: true });
                res = await request();
            }
        }
        catch (e) {
            if (e instanceof RegistryError)
                throw e;
            const unanswered = unansweredBy(e);
            // Not the connection's: the body's own (an archive that failed to read), which says what it is.
            if (!unanswered)
                throw e;
            const message = e.message;
            throw new RegistryError(unanswered === 'certificate'
                ? `${this.registry} presented a certificate this runner does not trust: ${message}`
                : `cannot reach ${this.registry}: ${message}`, undefined, { unanswered });
        }
        return res;
    }
    /** True when the registry already has the blob (HEAD /v2/<repository>/blobs/<digest>). */
    async hasBlob(digest) {
        return (await this.blobSize(digest)) !== undefined;
    }
    /** The size of a blob the registry has (its HEAD answer's Content-Length), or undefined when it has none. */
    async blobSize(digest) {
        const res = await this.send('HEAD', `blobs/${digest}`);
        if (res.status === 200 || res.status === 404) {
            await res.discard();
            const length = Number(res.header('content-length'));
            return res.status === 404 ? undefined : Number.isFinite(length) ? length : -1;
        }
        throw await failure(res, `${this.registry}/${this.repository}: asking for blob ${digest}`);
    }
    /**
     * Uploads one blob: POST to open an upload, then the bytes (a buffer in one PUT; a stream in one
     * PATCH, chunked, as docker push does), then PUT ?digest= to close it; the registry checks the digest.
     */
    async uploadBlob(digest, body) {
        await this.upload(body, () => digest, `uploading ${digest}`);
    }
    /**
     * Uploads a stream whose digest is known only once it is sent (a layer compressed on the way):
     * the bytes are hashed as they go, and the upload is closed under that digest.
     */
    async uploadComputed(body, what, check) {
        const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
        let size = 0;
        async function* counted() {
            for await (const chunk of body) {
                hash.update(chunk);
                size += chunk.length;
                yield chunk;
            }
        }
        const digest = await this.upload(counted(), () => {
            check?.();
            return `sha256:${hash.digest('hex')}`;
        }, `uploading ${what}`);
        return { digest, size };
    }
    async upload(body, digestOf, what) {
        const where = `${this.registry}/${this.repository}: ${what}`;
        const opened = await this.send('POST', 'blobs/uploads/', { headers: { 'content-length': '0' } });
        if (opened.status !== 202)
            throw await failure(opened, where);
        await opened.discard();
        let location = this.uploadUrl(opened);
        if (!Buffer.isBuffer(body)) {
            const patched = await this.send('PATCH', location, { headers: { 'content-type': 'application/octet-stream' }, body });
            if (patched.status !== 202)
                throw await failure(patched, where);
            await patched.discard();
            location = this.uploadUrl(patched);
        }
        // Asked only now, when every byte was sent: it may still refuse to close the upload.
        const digest = digestOf();
        const url = new URL(location);
        url.searchParams.set('digest', digest);
        const closed = await this.send('PUT', url.toString(), {
            headers: { 'content-type': 'application/octet-stream', 'content-length': String(Buffer.isBuffer(body) ? body.length : 0) },
            body: Buffer.isBuffer(body) ? body : undefined,
        });
        if (closed.status !== 201)
            throw await failure(closed, where);
        await closed.discard();
        return digest;
    }
    /**
     * Whether the registry lets this login push here now: an upload is opened, then cancelled, so
     * nothing is written. False when it refuses (401, 403); undefined when it says neither.
     */
    async canPush() {
        const opened = await this.send('POST', 'blobs/uploads/', { headers: { 'content-length': '0' } });
        await opened.discard();
        if (opened.status === 401 || opened.status === 403)
            return false;
        if (opened.status !== 202)
            return undefined;
        const cancelled = await this.send('DELETE', this.uploadUrl(opened));
        await cancelled.discard();
        return true;
    }
    /** PUT a manifest or index under a tag or its digest; returns the digest the registry computed. */
    async putManifest(reference, mediaType, bytes) {
        const res = await this.send('PUT', `manifests/${reference}`, { headers: { 'content-type': mediaType }, body: bytes });
        if (res.status !== 201)
            throw await failure(res, `${this.registry}/${this.repository}:${reference}: pushing the manifest`);
        await res.discard();
        return res.header('docker-content-digest') ?? `sha256:${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(bytes).digest('hex')}`;
    }
    uploadUrl(res) {
        const location = res.header('location');
        if (!location)
            throw new RegistryError(`${this.registry} opened an upload but gave no Location`);
        return new URL(location, registryUrl(this.registry, '/')).toString();
    }
    async blob(digest) {
        const res = await this.get(`blobs/${digest}`, ['*/*']);
        if (res.status !== 200) {
            await res.discard();
            throw new RegistryError(`${this.registry}/${this.repository}@${digest}: HTTP ${res.status}`, res.status);
        }
        return (await res.json());
    }
    async manifest(reference, accept = [...INDEX_TYPES, ...MANIFEST_TYPES]) {
        const res = await this.get(`manifests/${reference}`, accept);
        if (res.status !== 200) {
            await res.discard();
            const what = res.status === 401
                ? 'unauthorized: check the username and password'
                : res.status === 403
                    ? 'forbidden: the token lacks permission'
                    : res.status === 404
                        ? 'not found'
                        : `HTTP ${res.status}`;
            throw new RegistryError(`${this.registry}/${this.repository}:${reference}: ${what}`, res.status);
        }
        const raw = await res.text();
        const digest = `sha256:${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(raw).digest('hex')}`;
        return { digest, mediaType: res.header('content-type') ?? '', body: JSON.parse(raw), raw };
    }
}


/***/ }),

/***/ 30736:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   CA: () => (/* binding */ PUSH_RETRIES),
/* harmony export */   R1: () => (/* binding */ RetriesSpent),
/* harmony export */   rb: () => (/* binding */ PushRetries)
/* harmony export */ });
/* unused harmony exports RETRYABLE_STATUSES, retryAfterMs, isRetryable, nextTry */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(83916);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(49809);
/* harmony import */ var _client_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(32440);
// When a registry request is worth another try, and how long to wait first. Each idempotent step of
// a push (one blob's upload, one manifest, one tag) has its own tries; all of them share one budget,
// so a registry that keeps failing ends the push in bounded time. What counts against the budget is
// time lost to failures (failed tries and the waits after them): a push that is slow but working is
// never cut short by it.



/** 2, 4, 8 and 16 s between five tries, a Retry-After honoured up to a minute, five minutes in all. */
const PUSH_RETRIES = { attempts: 5, firstDelayMs: 2000, maxDelayMs: 60_000, budgetMs: 5 * 60_000 };
/** The answers that say the registry is briefly unable (timeout, too many requests, overloaded, a proxy's upstream gone). */
const RETRYABLE_STATUSES = [408, 429, 500, 502, 503, 504];
/** A Retry-After header (seconds, or an HTTP date) as a wait from `now`; undefined when absent or not understood. */
function retryAfterMs(value, now) {
    const text = value?.trim();
    if (!text)
        return undefined;
    if (/^\d+$/.test(text))
        return Number(text) * 1000;
    const at = Date.parse(text);
    // Only a date in HTTP's own form: Date.parse also takes many things a registry would never send.
    if (Number.isNaN(at) || !/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(text))
        return undefined;
    return Math.max(0, at - now);
}
/**
 * Whether a failure may pass if tried again: an answer that says so, a connection that failed or
 * broke, or a token renewed for a streamed upload. Never a refused login, another 4xx, a
 * certificate, or anything that is not the registry's (a damaged archive, a digest that does not match).
 */
function isRetryable(e) {
    if (!(e instanceof _client_js__WEBPACK_IMPORTED_MODULE_0__/* .RegistryError */ .gl))
        return false;
    if (e.answer.tokenRenewed)
        return true;
    if (e.status !== undefined)
        return RETRYABLE_STATUSES.includes(e.status);
    return e.answer.unanswered === 'unreachable';
}
/** The wait before a step's next try after `failures` failures, the last `error`, with `leftMs` of the budget left; or why there is none. */
function nextTry(failures, error, options, leftMs, now) {
    if (!isRetryable(error))
        return { giveUp: 'final' };
    if (failures >= options.attempts)
        return { giveUp: 'attempts' };
    const answer = error instanceof _client_js__WEBPACK_IMPORTED_MODULE_0__/* .RegistryError */ .gl ? error.answer : {};
    // A renewed token is all the next try needed: no wait.
    const asked = answer.tokenRenewed ? 0 : retryAfterMs(answer.retryAfter, now);
    const delayMs = Math.min(options.maxDelayMs, asked ?? options.firstDelayMs * 2 ** (failures - 1));
    return leftMs <= 0 || delayMs > leftMs ? { giveUp: 'budget' } : { delayMs };
}
const seconds = (ms) => `${Number((ms / 1000).toFixed(2))} s`;
/** A step that was tried until its tries or the push's budget ran out; it keeps the last answer's status and codes. */
class RetriesSpent extends _client_js__WEBPACK_IMPORTED_MODULE_0__/* .RegistryError */ .gl {
    last;
    tries;
    why;
    constructor(last, tries, why, budgetMs) {
        super(why === 'budget'
            ? `${last.message} (${tries} tries; the push's retry budget of ${seconds(budgetMs)}, for failed tries and the waits after them, is spent)`
            : `${last.message} (${tries} tries)`, last.status, last.answer);
        this.last = last;
        this.tries = tries;
        this.why = why;
        this.name = 'RetriesSpent';
    }
}
/** The steps of one push, each tried again as the policy allows, against the push's one budget. */
class PushRetries {
    options;
    log;
    lostMs = 0;
    constructor(options, log) {
        this.options = options;
        this.log = log;
    }
    /** Runs `fn`, an idempotent step (attempt 2 and on must start it over), until it succeeds or gives up. */
    async step(what, fn) {
        let started = 0;
        let gaveUp = 'final';
        let tries = 0;
        try {
            return await (0,_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .retry */ .L5)((attempt) => {
                started = Date.now();
                tries = attempt;
                return fn(attempt);
            }, {
                delayMs: (failures, error) => {
                    this.lostMs += Date.now() - started;
                    const next = nextTry(failures, error, this.options, this.options.budgetMs - this.lostMs, Date.now());
                    if ('giveUp' in next) {
                        gaveUp = next.giveUp;
                        return undefined;
                    }
                    this.lostMs += next.delayMs;
                    return next.delayMs;
                },
                onRetry: (e, failures, delayMs) => this.log(`  ${what} failed (attempt ${failures} of ${this.options.attempts}), retrying in ${seconds(delayMs)}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .messageOf */ .b)(e)}`),
            });
        }
        catch (e) {
            if (gaveUp === 'final' || !(e instanceof _client_js__WEBPACK_IMPORTED_MODULE_0__/* .RegistryError */ .gl))
                throw e;
            throw new RetriesSpent(e, tries, gaveUp, this.options.budgetMs);
        }
    }
}


/***/ }),

/***/ 49809:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Hm: () => (/* binding */ untilDeadline),
/* harmony export */   L5: () => (/* binding */ retry),
/* harmony export */   t_: () => (/* binding */ afterDelays)
/* harmony export */ });
// One retry loop for every caller: a registry push, a builder that may still be booting, a host key
// scan. The caller says which failures are worth another try and how long to wait before it (which
// may depend on the failure: a registry's Retry-After).
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Calls `fn` until it succeeds; the last failure is thrown once the policy gives up. */
async function retry(fn, policy) {
    for (let failures = 0;;) {
        try {
            return await fn(failures + 1);
        }
        catch (e) {
            failures++;
            const delay = policy.retryable && !policy.retryable(e) ? undefined : policy.delayMs(failures, e);
            if (delay === undefined)
                throw e;
            policy.onRetry?.(e, failures, delay);
            await sleep(delay);
        }
    }
}
/** A fixed list of waits: [2000, 5000] tries three times. */
const afterDelays = (delaysMs) => (failures) => delaysMs[failures - 1];
/** Waits of `stepMs` until `remaining()` runs out (the last wait is cut to what is left). */
const untilDeadline = (remaining, stepMs) => () => {
    const left = remaining();
    return left > 0 ? Math.min(stepMs, left) : undefined;
};


/***/ }),

/***/ 42613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 20181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 35317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 76982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 72250:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("dns");

/***/ }),

/***/ 24434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 79896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 91943:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs/promises");

/***/ }),

/***/ 58611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 85675:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http2");

/***/ }),

/***/ 65692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 69278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 34589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 16698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 37540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 77598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 53053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 40610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 78474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 73024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 51455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 37067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 32467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 44708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 77030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 48161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 76760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:process");

/***/ }),

/***/ 41792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 57075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 46193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:string_decoder");

/***/ }),

/***/ 41692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 73136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 57975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 73429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 75919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 38522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 70857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 16928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 13193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 53557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ }),

/***/ 16460:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers/promises");

/***/ }),

/***/ 64756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 52018:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tty");

/***/ }),

/***/ 87016:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ }),

/***/ 39023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 43106:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("zlib");

/***/ }),

/***/ 61290:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

var __webpack_unused_export__;

/*!
This file is part of CycloneDX JavaScript Library.

Licensed under the Apache License, Version 2.0 (the "License");
you may not use this file except in compliance with the License.
You may obtain a copy of the License at

   http://www.apache.org/licenses/LICENSE-2.0

Unless required by applicable law or agreed to in writing, software
distributed under the License is distributed on an "AS IS" BASIS,
WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
See the License for the specific language governing permissions and
limitations under the License.

SPDX-License-Identifier: Apache-2.0
Copyright (c) OWASP Foundation. All Rights Reserved.
*/
__webpack_unused_export__ = ({ value: true });
exports.JD = isSupportedSpdxId;
__webpack_unused_export__ = fixupSpdxId;
const spdx_SNAPSHOT_schema_json_1 = __nccwpck_require__(52094);
const spdxIds = new Set(spdx_SNAPSHOT_schema_json_1.enum);
const spdxLowerToActual = Object.freeze(Object.fromEntries(spdx_SNAPSHOT_schema_json_1.enum.map(spdxId => [spdxId.toLowerCase(), spdxId])));
function isSupportedSpdxId(value) {
    return spdxIds.has(value);
}
function fixupSpdxId(value) {
    return typeof value === 'string' && value.length > 0
        ? spdxLowerToActual[value.toLowerCase()]
        : undefined;
}
//# sourceMappingURL=spdx.js.map

/***/ }),

/***/ 19783:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   s: () => (/* binding */ getProxyUrl)
/* harmony export */ });
/* unused harmony export checkBypass */
function getProxyUrl(reqUrl) {
    const usingSsl = reqUrl.protocol === 'https:';
    if (checkBypass(reqUrl)) {
        return undefined;
    }
    const proxyVar = (() => {
        if (usingSsl) {
            return process.env['https_proxy'] || process.env['HTTPS_PROXY'];
        }
        else {
            return process.env['http_proxy'] || process.env['HTTP_PROXY'];
        }
    })();
    if (proxyVar) {
        try {
            return new DecodedURL(proxyVar);
        }
        catch (_a) {
            if (!proxyVar.startsWith('http://') && !proxyVar.startsWith('https://'))
                return new DecodedURL(`http://${proxyVar}`);
        }
    }
    else {
        return undefined;
    }
}
function checkBypass(reqUrl) {
    if (!reqUrl.hostname) {
        return false;
    }
    const reqHost = reqUrl.hostname;
    if (isLoopbackAddress(reqHost)) {
        return true;
    }
    const noProxy = process.env['no_proxy'] || process.env['NO_PROXY'] || '';
    if (!noProxy) {
        return false;
    }
    // Determine the request port
    let reqPort;
    if (reqUrl.port) {
        reqPort = Number(reqUrl.port);
    }
    else if (reqUrl.protocol === 'http:') {
        reqPort = 80;
    }
    else if (reqUrl.protocol === 'https:') {
        reqPort = 443;
    }
    // Format the request hostname and hostname with port
    const upperReqHosts = [reqUrl.hostname.toUpperCase()];
    if (typeof reqPort === 'number') {
        upperReqHosts.push(`${upperReqHosts[0]}:${reqPort}`);
    }
    // Compare request host against noproxy
    for (const upperNoProxyItem of noProxy
        .split(',')
        .map(x => x.trim().toUpperCase())
        .filter(x => x)) {
        if (upperNoProxyItem === '*' ||
            upperReqHosts.some(x => x === upperNoProxyItem ||
                x.endsWith(`.${upperNoProxyItem}`) ||
                (upperNoProxyItem.startsWith('.') &&
                    x.endsWith(`${upperNoProxyItem}`)))) {
            return true;
        }
    }
    return false;
}
function isLoopbackAddress(host) {
    const hostLower = host.toLowerCase();
    return (hostLower === 'localhost' ||
        hostLower.startsWith('127.') ||
        hostLower.startsWith('[::1]') ||
        hostLower.startsWith('[0:0:0:0:0:0:0:1]'));
}
class DecodedURL extends URL {
    constructor(url, base) {
        super(url, base);
        this._decodedUsername = decodeURIComponent(super.username);
        this._decodedPassword = decodeURIComponent(super.password);
    }
    get username() {
        return this._decodedUsername;
    }
    get password() {
        return this._decodedPassword;
    }
}
//# sourceMappingURL=proxy.js.map

/***/ }),

/***/ 52094:
/***/ ((module) => {

module.exports = /*#__PURE__*/JSON.parse('{"$schema":"http://json-schema.org/draft-07/schema#","$id":"http://cyclonedx.org/schema/spdx.schema.json","$comment":"v1.1-3.29.0","type":"string","enum":["0BSD","3D-Slicer-1.0","AAL","Abstyles","AdaCore-doc","Adobe-2006","Adobe-Display-PostScript","Adobe-Glyph","Adobe-Utopia","ADSL","Advanced-Cryptics-Dictionary","AFL-1.1","AFL-1.2","AFL-2.0","AFL-2.1","AFL-3.0","Afmparse","AGPL-1.0","AGPL-1.0-only","AGPL-1.0-or-later","AGPL-3.0","AGPL-3.0-only","AGPL-3.0-or-later","Aladdin","ALGLIB-Documentation","AMD-newlib","AMDPLPA","AML","AML-glslang","AMPAS","ANTLR-PD","ANTLR-PD-fallback","any-OSI","any-OSI-perl-modules","Apache-1.0","Apache-1.1","Apache-2.0","APAFML","APL-1.0","App-s2p","APSL-1.0","APSL-1.1","APSL-1.2","APSL-2.0","Arphic-1999","Artistic-1.0","Artistic-1.0-cl8","Artistic-1.0-Perl","Artistic-2.0","Artistic-dist","Aspell-RU","ASWF-Digital-Assets-1.0","ASWF-Digital-Assets-1.1","atc-game","Baekmuk","Bahyph","Barr","bcrypt-Solar-Designer","Beerware","Bitstream-Charter","Bitstream-Vera","BitTorrent-1.0","BitTorrent-1.1","blessing","BlueOak-1.0.0","Boehm-GC","Boehm-GC-without-fee","BOLA-1.1","Borceux","Brian-Gladman-2-Clause","Brian-Gladman-3-Clause","Brian-Gladman-3-Clause-no-conversion","BSD-1-Clause","BSD-2-Clause","BSD-2-Clause-Darwin","BSD-2-Clause-first-lines","BSD-2-Clause-FreeBSD","BSD-2-Clause-NetBSD","BSD-2-Clause-Patent","BSD-2-Clause-pkgconf-disclaimer","BSD-2-Clause-pos-unchanged","BSD-2-Clause-Views","BSD-3-Clause","BSD-3-Clause-acpica","BSD-3-Clause-Attribution","BSD-3-Clause-Clear","BSD-3-Clause-flex","BSD-3-Clause-HP","BSD-3-Clause-LBNL","BSD-3-Clause-Modification","BSD-3-Clause-No-Military-License","BSD-3-Clause-No-Nuclear-License","BSD-3-Clause-No-Nuclear-License-2014","BSD-3-Clause-No-Nuclear-Warranty","BSD-3-Clause-Open-MPI","BSD-3-Clause-OpenWebUI","BSD-3-Clause-Sun","BSD-3-Clause-Tso","BSD-4-Clause","BSD-4-Clause-Shortened","BSD-4-Clause-UC","BSD-4.3RENO","BSD-4.3TAHOE","BSD-Advertising-Acknowledgement","BSD-ask-to-endorse","BSD-Attribution-HPND-disclaimer","BSD-Inferno-Nettverk","BSD-Mark-Modifications","BSD-Protection","BSD-Source-alt-GPL","BSD-Source-beginning-file","BSD-Source-Code","BSD-Source-Code-no-disclaimer","BSD-Systemics","BSD-Systemics-W3Works","BSL-1.0","Buddy","Bugroff","BUSL-1.1","bzip2-1.0.5","bzip2-1.0.6","C-UDA-1.0","CAL-1.0","CAL-1.0-Combined-Work-Exception","Caldera","Caldera-no-preamble","CAPEC-tou","Catharon","CATOSL-1.1","CC-BY-1.0","CC-BY-2.0","CC-BY-2.5","CC-BY-2.5-AU","CC-BY-3.0","CC-BY-3.0-AT","CC-BY-3.0-AU","CC-BY-3.0-DE","CC-BY-3.0-IGO","CC-BY-3.0-NL","CC-BY-3.0-US","CC-BY-4.0","CC-BY-NC-1.0","CC-BY-NC-2.0","CC-BY-NC-2.5","CC-BY-NC-3.0","CC-BY-NC-3.0-DE","CC-BY-NC-3.0-IGO","CC-BY-NC-4.0","CC-BY-NC-ND-1.0","CC-BY-NC-ND-2.0","CC-BY-NC-ND-2.5","CC-BY-NC-ND-3.0","CC-BY-NC-ND-3.0-DE","CC-BY-NC-ND-3.0-IGO","CC-BY-NC-ND-4.0","CC-BY-NC-SA-1.0","CC-BY-NC-SA-2.0","CC-BY-NC-SA-2.0-DE","CC-BY-NC-SA-2.0-FR","CC-BY-NC-SA-2.0-UK","CC-BY-NC-SA-2.5","CC-BY-NC-SA-3.0","CC-BY-NC-SA-3.0-DE","CC-BY-NC-SA-3.0-IGO","CC-BY-NC-SA-4.0","CC-BY-ND-1.0","CC-BY-ND-2.0","CC-BY-ND-2.5","CC-BY-ND-3.0","CC-BY-ND-3.0-DE","CC-BY-ND-4.0","CC-BY-SA-1.0","CC-BY-SA-2.0","CC-BY-SA-2.0-UK","CC-BY-SA-2.1-JP","CC-BY-SA-2.5","CC-BY-SA-3.0","CC-BY-SA-3.0-AT","CC-BY-SA-3.0-DE","CC-BY-SA-3.0-IGO","CC-BY-SA-4.0","CC-PDDC","CC-PDM-1.0","CC-SA-1.0","CC0-1.0","CDDL-1.0","CDDL-1.1","CDL-1.0","CDLA-Permissive-1.0","CDLA-Permissive-2.0","CDLA-Sharing-1.0","CECILL-1.0","CECILL-1.1","CECILL-2.0","CECILL-2.1","CECILL-B","CECILL-C","CERN-OHL-1.1","CERN-OHL-1.2","CERN-OHL-P-2.0","CERN-OHL-S-2.0","CERN-OHL-W-2.0","CFITSIO","check-cvs","checkmk","ClArtistic","Clips","CMU-Mach","CMU-Mach-nodoc","CNRI-Jython","CNRI-Python","CNRI-Python-GPL-Compatible","COIL-1.0","Community-Spec-1.0","Condor-1.1","copyleft-next-0.3.0","copyleft-next-0.3.1","Cornell-Lossless-JPEG","CPAL-1.0","CPL-1.0","CPOL-1.02","Cronyx","Crossword","CryptoSwift","CrystalStacker","CUA-OPL-1.0","Cube","curl","cve-tou","D-FSL-1.0","DEC-3-Clause","diffmark","DL-DE-BY-2.0","DL-DE-ZERO-2.0","DOC","DocBook-DTD","DocBook-Schema","DocBook-Stylesheet","DocBook-XML","Dotseqn","DRL-1.0","DRL-1.1","DSDP","dtoa","dvipdfm","ECL-1.0","ECL-2.0","eCos-2.0","EFL-1.0","EFL-2.0","eGenix","Elastic-2.0","Entessa","EPICS","EPL-1.0","EPL-2.0","ErlPL-1.1","ESA-PL-permissive-2.4","ESA-PL-strong-copyleft-2.4","ESA-PL-weak-copyleft-2.4","etalab-2.0","EUDatagrid","EUPL-1.0","EUPL-1.1","EUPL-1.2","Eurosym","Fair","FBM","FDK-AAC","FDK-MPEG-H","Ferguson-Twofish","Frameworx-1.0","FreeBSD-DOC","FreeImage","FSFAP","FSFAP-no-warranty-disclaimer","FSFUL","FSFULLR","FSFULLRSD","FSFULLRWD","FSL-1.1-ALv2","FSL-1.1-MIT","FTL","Furuseth","fwlw","Game-Programming-Gems","GCR-docs","GD","generic-xts","GFDL-1.1","GFDL-1.1-invariants-only","GFDL-1.1-invariants-or-later","GFDL-1.1-no-invariants-only","GFDL-1.1-no-invariants-or-later","GFDL-1.1-only","GFDL-1.1-or-later","GFDL-1.2","GFDL-1.2-invariants-only","GFDL-1.2-invariants-or-later","GFDL-1.2-no-invariants-only","GFDL-1.2-no-invariants-or-later","GFDL-1.2-only","GFDL-1.2-or-later","GFDL-1.3","GFDL-1.3-invariants-only","GFDL-1.3-invariants-or-later","GFDL-1.3-no-invariants-only","GFDL-1.3-no-invariants-or-later","GFDL-1.3-only","GFDL-1.3-or-later","Giftware","GL2PS","Glide","Glulxe","GLWTPL","gnuplot","GPL-1.0","GPL-1.0+","GPL-1.0-only","GPL-1.0-or-later","GPL-2.0","GPL-2.0+","GPL-2.0-only","GPL-2.0-or-later","GPL-2.0-with-autoconf-exception","GPL-2.0-with-bison-exception","GPL-2.0-with-classpath-exception","GPL-2.0-with-font-exception","GPL-2.0-with-GCC-exception","GPL-3.0","GPL-3.0+","GPL-3.0-only","GPL-3.0-or-later","GPL-3.0-with-autoconf-exception","GPL-3.0-with-GCC-exception","Graphics-Gems","gSOAP-1.3b","gtkbook","Gutmann","HaskellReport","HDF5","hdparm","HIDAPI","Hippocratic-2.1","Hippocratic-3.0-core","HP-1986","HP-1989","HPND","HPND-DEC","HPND-doc","HPND-doc-sell","HPND-export-US","HPND-export-US-acknowledgement","HPND-export-US-modify","HPND-export2-US","HPND-Fenneberg-Livingston","HPND-INRIA-IMAG","HPND-Intel","HPND-Kevlin-Henney","HPND-Markus-Kuhn","HPND-merchantability-variant","HPND-MIT-disclaimer","HPND-Netrek","HPND-Pbmplus","HPND-sell-MIT-disclaimer-xserver","HPND-sell-regexpr","HPND-sell-variant","HPND-sell-variant-critical-systems","HPND-sell-variant-MIT-disclaimer","HPND-sell-variant-MIT-disclaimer-rev","HPND-SMC","HPND-UC","HPND-UC-export-US","HTMLTIDY","hyphen-bulgarian","IBM-pibs","ICU","IEC-Code-Components-EULA","IJG","IJG-short","ImageMagick","iMatix","Imlib2","Info-ZIP","Informatica","Inner-Net-2.0","InnoSetup","Intel","Intel-ACPI","Interbase-1.0","IPA","IPL-1.0","ISC","ISC-Veillard","ISO-permission","Jam","JasPer-2.0","jove","JPL-image","JPNIC","JSON","Kastrup","Kazlib","Knuth-CTAN","LAL-1.2","LAL-1.3","Latex2e","Latex2e-translated-notice","Leptonica","LGPL-2.0","LGPL-2.0+","LGPL-2.0-only","LGPL-2.0-or-later","LGPL-2.1","LGPL-2.1+","LGPL-2.1-only","LGPL-2.1-or-later","LGPL-3.0","LGPL-3.0+","LGPL-3.0-only","LGPL-3.0-or-later","LGPLLR","Libpng","libpng-1.6.35","libpng-2.0","libselinux-1.0","libtiff","libutil-David-Nugent","LiLiQ-P-1.1","LiLiQ-R-1.1","LiLiQ-Rplus-1.1","Linux-man-pages-1-para","Linux-man-pages-copyleft","Linux-man-pages-copyleft-2-para","Linux-man-pages-copyleft-var","Linux-OpenIB","LOOP","LPD-document","LPL-1.0","LPL-1.02","LPPL-1.0","LPPL-1.1","LPPL-1.2","LPPL-1.3a","LPPL-1.3c","lsof","Lucida-Bitmap-Fonts","LZMA-SDK-9.11-to-9.20","LZMA-SDK-9.22","Mackerras-3-Clause","Mackerras-3-Clause-acknowledgment","magaz","mailprio","MakeIndex","man2html","Martin-Birgmeier","McPhee-slideshow","metamail","Minpack","MIPS","MirOS","MIT","MIT-0","MIT-advertising","MIT-Click","MIT-CMU","MIT-enna","MIT-feh","MIT-Festival","MIT-Khronos-old","MIT-Modern-Variant","MIT-open-group","MIT-STK","MIT-testregex","MIT-Wu","MITNFA","MMIXware","MMPL-1.0.1","Motosoto","MPEG-SSG","mpi-permissive","mpich2","MPL-1.0","MPL-1.1","MPL-2.0","MPL-2.0-no-copyleft-exception","mplus","MS-LPL","MS-PL","MS-RL","MTLL","MulanPSL-1.0","MulanPSL-2.0","Multics","Mup","MVT-1.1","NAIST-2003","NASA-1.3","Naumen","NBPL-1.0","NCBI-PD","NCGL-UK-2.0","NCL","NCSA","Net-SNMP","NetCDF","Newsletr","NGPL","ngrep","NICTA-1.0","NIST-PD","NIST-PD-fallback","NIST-PD-TNT","NIST-Software","NLOD-1.0","NLOD-2.0","NLPL","Nokia","NOSL","Noweb","NPL-1.0","NPL-1.1","NPOSL-3.0","NRL","NTIA-PD","NTP","NTP-0","Nunit","O-UDA-1.0","OAR","OCCT-PL","OCLC-2.0","ODbL-1.0","ODC-By-1.0","OFFIS","OFL-1.0","OFL-1.0-no-RFN","OFL-1.0-RFN","OFL-1.1","OFL-1.1-no-RFN","OFL-1.1-RFN","OGC-1.0","OGDL-Taiwan-1.0","OGL-Canada-2.0","OGL-UK-1.0","OGL-UK-2.0","OGL-UK-3.0","OGTSL","OLDAP-1.1","OLDAP-1.2","OLDAP-1.3","OLDAP-1.4","OLDAP-2.0","OLDAP-2.0.1","OLDAP-2.1","OLDAP-2.2","OLDAP-2.2.1","OLDAP-2.2.2","OLDAP-2.3","OLDAP-2.4","OLDAP-2.5","OLDAP-2.6","OLDAP-2.7","OLDAP-2.8","OLFL-1.3","OML","OpenMDW-1.0","OpenPBS-2.3","OpenSSL","OpenSSL-standalone","OpenVision","OPL-1.0","OPL-UK-3.0","OPUBL-1.0","OSC-1.0","OSET-PL-2.1","OSL-1.0","OSL-1.1","OSL-2.0","OSL-2.1","OSL-3.0","OSSP","PADL","ParaType-Free-Font-1.3","Parity-6.0.0","Parity-7.0.0","PDDL-1.0","PHP-3.0","PHP-3.01","Pixar","pkgconf","Plexus","pnmstitch","PolyForm-Noncommercial-1.0.0","PolyForm-Small-Business-1.0.0","PostgreSQL","PPL","PSF-2.0","psfrag","psutils","Python-2.0","Python-2.0.1","python-ldap","Qhull","QPL-1.0","QPL-1.0-INRIA-2004","radvd","Rdisc","RHeCos-1.1","RPL-1.1","RPL-1.5","RPSL-1.0","RSA-MD","RSCPL","Ruby","Ruby-pty","SAX-PD","SAX-PD-2.0","Saxpath","SCEA","SchemeReport","Sendmail","Sendmail-8.23","Sendmail-Open-Source-1.1","SGI-B-1.0","SGI-B-1.1","SGI-B-2.0","SGI-OpenGL","SGMLUG-PM","SGP4","SHL-0.5","SHL-0.51","SimPL-2.0","SISSL","SISSL-1.2","SL","Sleepycat","SMAIL-GPL","SMLNJ","SMPPL","SNIA","snprintf","SOFA","softSurfer","Soundex","Spencer-86","Spencer-94","Spencer-99","SPL-1.0","ssh-keyscan","SSH-OpenSSH","SSH-short","SSLeay-standalone","SSPL-1.0","StandardML-NJ","SugarCRM-1.1.3","SUL-1.0","Sun-PPP","Sun-PPP-2000","SunPro","SWL","swrule","Symlinks","TAPR-OHL-1.0","TCL","TCP-wrappers","TekHVC","TermReadKey","TGPPL-1.0","ThirdEye","threeparttable","TMate","TORQUE-1.1","TOSL","TPDL","TPL-1.0","TrustedQSL","TTWL","TTYP0","TU-Berlin-1.0","TU-Berlin-2.0","Ubuntu-font-1.0","UCAR","UCL-1.0","ulem","UMich-Merit","Unicode-3.0","Unicode-DFS-2015","Unicode-DFS-2016","Unicode-TOU","UnixCrypt","Unlicense","Unlicense-libtelnet","Unlicense-libwhirlpool","UnRAR","UPL-1.0","URT-RLE","Vim","Vixie-Cron","VOSTROM","VSL-1.0","W3C","W3C-19980720","W3C-20150513","w3m","Watcom-1.0","Widget-Workshop","WordNet","Wsuipa","WTFNMFPL","WTFPL","wwl","wxWindows","X11","X11-distribute-modifications-variant","X11-no-permit-persons","X11-swapped","Xdebug-1.03","Xerox","Xfig","XFree86-1.1","xinetd","xkeyboard-config-Zinoviev","xlock","Xnet","xpp","XSkat","xzoom","YPL-1.0","YPL-1.1","Zed","Zeeff","Zend-2.0","Zimbra-1.3","Zimbra-1.4","Zlib","zlib-acknowledgement","ZPL-1.1","ZPL-2.0","ZPL-2.1","389-exception","Asterisk-exception","Asterisk-linking-protocols-exception","Autoconf-exception-2.0","Autoconf-exception-3.0","Autoconf-exception-generic","Autoconf-exception-generic-3.0","Autoconf-exception-macro","Bison-exception-1.24","Bison-exception-2.2","Bootloader-exception","CGAL-linking-exception","Classpath-exception-2.0","Classpath-exception-2.0-short","CLISP-exception-2.0","cryptsetup-OpenSSL-exception","Digia-Qt-LGPL-exception-1.1","DigiRule-FOSS-exception","eCos-exception-2.0","erlang-otp-linking-exception","Fawkes-Runtime-exception","FLTK-exception","fmt-exception","Font-exception-2.0","freertos-exception-2.0","GCC-exception-2.0","GCC-exception-2.0-note","GCC-exception-3.1","Gmsh-exception","GNAT-exception","GNOME-examples-exception","GNU-compiler-exception","gnu-javamail-exception","Google-Patent-WebM","GPL-3.0-389-ds-base-exception","GPL-3.0-interface-exception","GPL-3.0-linking-exception","GPL-3.0-linking-source-exception","GPL-CC-1.0","GStreamer-exception-2005","GStreamer-exception-2008","harbour-exception","i2p-gpl-java-exception","Independent-modules-exception","KiCad-libraries-exception","kvirc-openssl-exception","LGPL-3.0-linking-exception","libpri-OpenH323-exception","Libtool-exception","Linux-syscall-note","LLGPL","LLVM-exception","LZMA-exception","mif-exception","mxml-exception","Nokia-Qt-exception-1.1","OCaml-LGPL-linking-exception","OCCT-exception-1.0","OpenJDK-assembly-exception-1.0","openvpn-openssl-exception","PCRE2-exception","polyparse-exception","PS-or-PDF-font-exception-20170817","QPL-1.0-INRIA-2004-exception","Qt-GPL-exception-1.0","Qt-LGPL-exception-1.1","Qwt-exception-1.0","romic-exception","RRDtool-FLOSS-exception-2.0","rsync-linking-exception","SANE-exception","SHL-2.0","SHL-2.1","Simple-Library-Usage-exception","Spelling-Provider-LGPL-exception","sqlitestudio-OpenSSL-exception","stunnel-exception","SWI-exception","Swift-exception","Texinfo-exception","u-boot-exception-2.0","UBDL-exception","Universal-FOSS-exception-1.0","vsftpd-openssl-exception","WxWindows-exception-3.1","x11vnc-openssl-exception"],"meta:enum":{"0BSD":"BSD Zero Clause License","3D-Slicer-1.0":"3D Slicer License v1.0","AAL":"Attribution Assurance License","Abstyles":"Abstyles License","AdaCore-doc":"AdaCore Doc License","Adobe-2006":"Adobe Systems Incorporated Source Code License Agreement","Adobe-Display-PostScript":"Adobe Display PostScript License","Adobe-Glyph":"Adobe Glyph List License","Adobe-Utopia":"Adobe Utopia Font License","ADSL":"Amazon Digital Services License","Advanced-Cryptics-Dictionary":"Advanced Cryptics Dictionary License","AFL-1.1":"Academic Free License v1.1","AFL-1.2":"Academic Free License v1.2","AFL-2.0":"Academic Free License v2.0","AFL-2.1":"Academic Free License v2.1","AFL-3.0":"Academic Free License v3.0","Afmparse":"Afmparse License","AGPL-1.0":"Affero General Public License v1.0","AGPL-1.0-only":"Affero General Public License v1.0 only","AGPL-1.0-or-later":"Affero General Public License v1.0 or later","AGPL-3.0":"GNU Affero General Public License v3.0","AGPL-3.0-only":"GNU Affero General Public License v3.0 only","AGPL-3.0-or-later":"GNU Affero General Public License v3.0 or later","Aladdin":"Aladdin Free Public License","ALGLIB-Documentation":"ALGLIB Documentation License","AMD-newlib":"AMD newlib License","AMDPLPA":"AMD\'s plpa_map.c License","AML":"Apple MIT License","AML-glslang":"AML glslang variant License","AMPAS":"Academy of Motion Picture Arts and Sciences BSD","ANTLR-PD":"ANTLR Software Rights Notice","ANTLR-PD-fallback":"ANTLR Software Rights Notice with license fallback","any-OSI":"Any OSI License","any-OSI-perl-modules":"Any OSI License - Perl Modules","Apache-1.0":"Apache License 1.0","Apache-1.1":"Apache License 1.1","Apache-2.0":"Apache License 2.0","APAFML":"Adobe Postscript AFM License","APL-1.0":"Adaptive Public License 1.0","App-s2p":"App::s2p License","APSL-1.0":"Apple Public Source License 1.0","APSL-1.1":"Apple Public Source License 1.1","APSL-1.2":"Apple Public Source License 1.2","APSL-2.0":"Apple Public Source License 2.0","Arphic-1999":"Arphic Public License","Artistic-1.0":"Artistic License 1.0","Artistic-1.0-cl8":"Artistic License 1.0 w/clause 8","Artistic-1.0-Perl":"Artistic License 1.0 (Perl)","Artistic-2.0":"Artistic License 2.0","Artistic-dist":"Artistic License 1.0 (dist)","Aspell-RU":"Aspell Russian License","ASWF-Digital-Assets-1.0":"ASWF Digital Assets License version 1.0","ASWF-Digital-Assets-1.1":"ASWF Digital Assets License 1.1","atc-game":"atc Game License","Baekmuk":"Baekmuk License","Bahyph":"Bahyph License","Barr":"Barr License","bcrypt-Solar-Designer":"bcrypt Solar Designer License","Beerware":"Beerware License","Bitstream-Charter":"Bitstream Charter Font License","Bitstream-Vera":"Bitstream Vera Font License","BitTorrent-1.0":"BitTorrent Open Source License v1.0","BitTorrent-1.1":"BitTorrent Open Source License v1.1","blessing":"SQLite Blessing","BlueOak-1.0.0":"Blue Oak Model License 1.0.0","Boehm-GC":"Boehm-Demers-Weiser GC License","Boehm-GC-without-fee":"Boehm-Demers-Weiser GC License (without fee)","BOLA-1.1":"Buena Onda License Agreement v1.1","Borceux":"Borceux license","Brian-Gladman-2-Clause":"Brian Gladman 2-Clause License","Brian-Gladman-3-Clause":"Brian Gladman 3-Clause License","Brian-Gladman-3-Clause-no-conversion":"Brian Gladman 3-Clause License (no conversion clause)","BSD-1-Clause":"BSD 1-Clause License","BSD-2-Clause":"BSD 2-Clause \\"Simplified\\" License","BSD-2-Clause-Darwin":"BSD 2-Clause - Ian Darwin variant","BSD-2-Clause-first-lines":"BSD 2-Clause - first lines requirement","BSD-2-Clause-FreeBSD":"BSD 2-Clause FreeBSD License","BSD-2-Clause-NetBSD":"BSD 2-Clause NetBSD License","BSD-2-Clause-Patent":"BSD-2-Clause Plus Patent License","BSD-2-Clause-pkgconf-disclaimer":"BSD 2-Clause pkgconf disclaimer variant","BSD-2-Clause-pos-unchanged":"BSD 2-Clause - position unchanged variant","BSD-2-Clause-Views":"BSD 2-Clause with views sentence","BSD-3-Clause":"BSD 3-Clause \\"New\\" or \\"Revised\\" License","BSD-3-Clause-acpica":"BSD 3-Clause acpica variant","BSD-3-Clause-Attribution":"BSD with attribution","BSD-3-Clause-Clear":"BSD 3-Clause Clear License","BSD-3-Clause-flex":"BSD 3-Clause Flex variant","BSD-3-Clause-HP":"Hewlett-Packard BSD variant license","BSD-3-Clause-LBNL":"Lawrence Berkeley National Labs BSD variant license","BSD-3-Clause-Modification":"BSD 3-Clause Modification","BSD-3-Clause-No-Military-License":"BSD 3-Clause No Military License","BSD-3-Clause-No-Nuclear-License":"BSD 3-Clause No Nuclear License","BSD-3-Clause-No-Nuclear-License-2014":"BSD 3-Clause No Nuclear License 2014","BSD-3-Clause-No-Nuclear-Warranty":"BSD 3-Clause No Nuclear Warranty","BSD-3-Clause-Open-MPI":"BSD 3-Clause Open MPI variant","BSD-3-Clause-OpenWebUI":"BSD 3-Clause - OpenWebUI variant","BSD-3-Clause-Sun":"BSD 3-Clause Sun Microsystems","BSD-3-Clause-Tso":"BSD 3-Clause Tso variant","BSD-4-Clause":"BSD 4-Clause \\"Original\\" or \\"Old\\" License","BSD-4-Clause-Shortened":"BSD 4 Clause Shortened","BSD-4-Clause-UC":"BSD-4-Clause (University of California-Specific)","BSD-4.3RENO":"BSD 4.3 RENO License","BSD-4.3TAHOE":"BSD 4.3 TAHOE License","BSD-Advertising-Acknowledgement":"BSD Advertising Acknowledgement License","BSD-ask-to-endorse":"BSD - ask to endorse","BSD-Attribution-HPND-disclaimer":"BSD with Attribution and HPND disclaimer","BSD-Inferno-Nettverk":"BSD-Inferno-Nettverk","BSD-Mark-Modifications":"BSD Mark Modifications License","BSD-Protection":"BSD Protection License","BSD-Source-alt-GPL":"BSD Source Code Attribution - GPL alternative","BSD-Source-beginning-file":"BSD Source Code Attribution - beginning of file variant","BSD-Source-Code":"BSD Source Code Attribution","BSD-Source-Code-no-disclaimer":"BSD Source Code Attribution - no disclaimer","BSD-Systemics":"Systemics BSD variant license","BSD-Systemics-W3Works":"Systemics W3Works BSD variant license","BSL-1.0":"Boost Software License 1.0","Buddy":"Buddy License","Bugroff":"Bugroff License","BUSL-1.1":"Business Source License 1.1","bzip2-1.0.5":"bzip2 and libbzip2 License v1.0.5","bzip2-1.0.6":"bzip2 and libbzip2 License v1.0.6","C-UDA-1.0":"Computational Use of Data Agreement v1.0","CAL-1.0":"Cryptographic Autonomy License 1.0","CAL-1.0-Combined-Work-Exception":"Cryptographic Autonomy License 1.0 (Combined Work Exception)","Caldera":"Caldera License","Caldera-no-preamble":"Caldera License (without preamble)","CAPEC-tou":"Common Attack    Pattern Enumeration and Classification License","Catharon":"Catharon License","CATOSL-1.1":"Computer Associates Trusted Open Source License 1.1","CC-BY-1.0":"Creative Commons Attribution 1.0 Generic","CC-BY-2.0":"Creative Commons Attribution 2.0 Generic","CC-BY-2.5":"Creative Commons Attribution 2.5 Generic","CC-BY-2.5-AU":"Creative Commons Attribution 2.5 Australia","CC-BY-3.0":"Creative Commons Attribution 3.0 Unported","CC-BY-3.0-AT":"Creative Commons Attribution 3.0 Austria","CC-BY-3.0-AU":"Creative Commons Attribution 3.0 Australia","CC-BY-3.0-DE":"Creative Commons Attribution 3.0 Germany","CC-BY-3.0-IGO":"Creative Commons Attribution 3.0 IGO","CC-BY-3.0-NL":"Creative Commons Attribution 3.0 Netherlands","CC-BY-3.0-US":"Creative Commons Attribution 3.0 United States","CC-BY-4.0":"Creative Commons Attribution 4.0 International","CC-BY-NC-1.0":"Creative Commons Attribution Non Commercial 1.0 Generic","CC-BY-NC-2.0":"Creative Commons Attribution Non Commercial 2.0 Generic","CC-BY-NC-2.5":"Creative Commons Attribution Non Commercial 2.5 Generic","CC-BY-NC-3.0":"Creative Commons Attribution Non Commercial 3.0 Unported","CC-BY-NC-3.0-DE":"Creative Commons Attribution Non Commercial 3.0 Germany","CC-BY-NC-3.0-IGO":"Creative Commons Attribution Non Commercial 3.0 IGO","CC-BY-NC-4.0":"Creative Commons Attribution Non Commercial 4.0 International","CC-BY-NC-ND-1.0":"Creative Commons Attribution Non Commercial No Derivatives 1.0 Generic","CC-BY-NC-ND-2.0":"Creative Commons Attribution Non Commercial No Derivatives 2.0 Generic","CC-BY-NC-ND-2.5":"Creative Commons Attribution Non Commercial No Derivatives 2.5 Generic","CC-BY-NC-ND-3.0":"Creative Commons Attribution Non Commercial No Derivatives 3.0 Unported","CC-BY-NC-ND-3.0-DE":"Creative Commons Attribution Non Commercial No Derivatives 3.0 Germany","CC-BY-NC-ND-3.0-IGO":"Creative Commons Attribution Non Commercial No Derivatives 3.0 IGO","CC-BY-NC-ND-4.0":"Creative Commons Attribution Non Commercial No Derivatives 4.0 International","CC-BY-NC-SA-1.0":"Creative Commons Attribution Non Commercial Share Alike 1.0 Generic","CC-BY-NC-SA-2.0":"Creative Commons Attribution Non Commercial Share Alike 2.0 Generic","CC-BY-NC-SA-2.0-DE":"Creative Commons Attribution Non Commercial Share Alike 2.0 Germany","CC-BY-NC-SA-2.0-FR":"Creative Commons Attribution-NonCommercial-ShareAlike 2.0 France","CC-BY-NC-SA-2.0-UK":"Creative Commons Attribution Non Commercial Share Alike 2.0 England and Wales","CC-BY-NC-SA-2.5":"Creative Commons Attribution Non Commercial Share Alike 2.5 Generic","CC-BY-NC-SA-3.0":"Creative Commons Attribution Non Commercial Share Alike 3.0 Unported","CC-BY-NC-SA-3.0-DE":"Creative Commons Attribution Non Commercial Share Alike 3.0 Germany","CC-BY-NC-SA-3.0-IGO":"Creative Commons Attribution Non Commercial Share Alike 3.0 IGO","CC-BY-NC-SA-4.0":"Creative Commons Attribution Non Commercial Share Alike 4.0 International","CC-BY-ND-1.0":"Creative Commons Attribution No Derivatives 1.0 Generic","CC-BY-ND-2.0":"Creative Commons Attribution No Derivatives 2.0 Generic","CC-BY-ND-2.5":"Creative Commons Attribution No Derivatives 2.5 Generic","CC-BY-ND-3.0":"Creative Commons Attribution No Derivatives 3.0 Unported","CC-BY-ND-3.0-DE":"Creative Commons Attribution No Derivatives 3.0 Germany","CC-BY-ND-4.0":"Creative Commons Attribution No Derivatives 4.0 International","CC-BY-SA-1.0":"Creative Commons Attribution Share Alike 1.0 Generic","CC-BY-SA-2.0":"Creative Commons Attribution Share Alike 2.0 Generic","CC-BY-SA-2.0-UK":"Creative Commons Attribution Share Alike 2.0 England and Wales","CC-BY-SA-2.1-JP":"Creative Commons Attribution Share Alike 2.1 Japan","CC-BY-SA-2.5":"Creative Commons Attribution Share Alike 2.5 Generic","CC-BY-SA-3.0":"Creative Commons Attribution Share Alike 3.0 Unported","CC-BY-SA-3.0-AT":"Creative Commons Attribution Share Alike 3.0 Austria","CC-BY-SA-3.0-DE":"Creative Commons Attribution Share Alike 3.0 Germany","CC-BY-SA-3.0-IGO":"Creative Commons Attribution-ShareAlike 3.0 IGO","CC-BY-SA-4.0":"Creative Commons Attribution Share Alike 4.0 International","CC-PDDC":"Creative Commons Public Domain Dedication and Certification","CC-PDM-1.0":"Creative    Commons Public Domain Mark 1.0 Universal","CC-SA-1.0":"Creative Commons Share Alike 1.0 Generic","CC0-1.0":"Creative Commons Zero v1.0 Universal","CDDL-1.0":"Common Development and Distribution License 1.0","CDDL-1.1":"Common Development and Distribution License 1.1","CDL-1.0":"Common Documentation License 1.0","CDLA-Permissive-1.0":"Community Data License Agreement Permissive 1.0","CDLA-Permissive-2.0":"Community Data License Agreement Permissive 2.0","CDLA-Sharing-1.0":"Community Data License Agreement Sharing 1.0","CECILL-1.0":"CeCILL Free Software License Agreement v1.0","CECILL-1.1":"CeCILL Free Software License Agreement v1.1","CECILL-2.0":"CeCILL Free Software License Agreement v2.0","CECILL-2.1":"CeCILL Free Software License Agreement v2.1","CECILL-B":"CeCILL-B Free Software License Agreement","CECILL-C":"CeCILL-C Free Software License Agreement","CERN-OHL-1.1":"CERN Open Hardware Licence v1.1","CERN-OHL-1.2":"CERN Open Hardware Licence v1.2","CERN-OHL-P-2.0":"CERN Open Hardware Licence Version 2 - Permissive","CERN-OHL-S-2.0":"CERN Open Hardware Licence Version 2 - Strongly Reciprocal","CERN-OHL-W-2.0":"CERN Open Hardware Licence Version 2 - Weakly Reciprocal","CFITSIO":"CFITSIO License","check-cvs":"check-cvs License","checkmk":"Checkmk License","ClArtistic":"Clarified Artistic License","Clips":"Clips License","CMU-Mach":"CMU Mach License","CMU-Mach-nodoc":"CMU    Mach - no notices-in-documentation variant","CNRI-Jython":"CNRI Jython License","CNRI-Python":"CNRI Python License","CNRI-Python-GPL-Compatible":"CNRI Python Open Source GPL Compatible License Agreement","COIL-1.0":"Copyfree Open Innovation License","Community-Spec-1.0":"Community Specification License 1.0","Condor-1.1":"Condor Public License v1.1","copyleft-next-0.3.0":"copyleft-next 0.3.0","copyleft-next-0.3.1":"copyleft-next 0.3.1","Cornell-Lossless-JPEG":"Cornell Lossless JPEG License","CPAL-1.0":"Common Public Attribution License 1.0","CPL-1.0":"Common Public License 1.0","CPOL-1.02":"Code Project Open License 1.02","Cronyx":"Cronyx License","Crossword":"Crossword License","CryptoSwift":"CryptoSwift License","CrystalStacker":"CrystalStacker License","CUA-OPL-1.0":"CUA Office Public License v1.0","Cube":"Cube License","curl":"curl License","cve-tou":"Common Vulnerability Enumeration ToU License","D-FSL-1.0":"Deutsche Freie Software Lizenz","DEC-3-Clause":"DEC 3-Clause License","diffmark":"diffmark license","DL-DE-BY-2.0":"Data licence Germany – attribution – version 2.0","DL-DE-ZERO-2.0":"Data licence Germany – zero – version 2.0","DOC":"DOC License","DocBook-DTD":"DocBook DTD License","DocBook-Schema":"DocBook Schema License","DocBook-Stylesheet":"DocBook Stylesheet License","DocBook-XML":"DocBook XML License","Dotseqn":"Dotseqn License","DRL-1.0":"Detection Rule License 1.0","DRL-1.1":"Detection Rule License 1.1","DSDP":"DSDP License","dtoa":"David M. Gay dtoa License","dvipdfm":"dvipdfm License","ECL-1.0":"Educational Community License v1.0","ECL-2.0":"Educational Community License v2.0","eCos-2.0":"eCos license version 2.0","EFL-1.0":"Eiffel Forum License v1.0","EFL-2.0":"Eiffel Forum License v2.0","eGenix":"eGenix.com Public License 1.1.0","Elastic-2.0":"Elastic License 2.0","Entessa":"Entessa Public License v1.0","EPICS":"EPICS Open License","EPL-1.0":"Eclipse Public License 1.0","EPL-2.0":"Eclipse Public License 2.0","ErlPL-1.1":"Erlang Public License v1.1","ESA-PL-permissive-2.4":"European Space Agency Public License – v2.4 – Permissive (Type 3)","ESA-PL-strong-copyleft-2.4":"European Space Agency Public License (ESA-PL) - V2.4 - Strong Copyleft (Type 1)","ESA-PL-weak-copyleft-2.4":"European Space Agency Public License – v2.4 – Weak Copyleft (Type 2)","etalab-2.0":"Etalab Open License 2.0","EUDatagrid":"EU DataGrid Software License","EUPL-1.0":"European Union Public License 1.0","EUPL-1.1":"European Union Public License 1.1","EUPL-1.2":"European Union Public License 1.2","Eurosym":"Eurosym License","Fair":"Fair License","FBM":"Fuzzy Bitmap License","FDK-AAC":"Fraunhofer FDK AAC Codec Library","FDK-MPEG-H":"Fraunhofer FDK MPEG-H Software","Ferguson-Twofish":"Ferguson Twofish License","Frameworx-1.0":"Frameworx Open License 1.0","FreeBSD-DOC":"FreeBSD Documentation License","FreeImage":"FreeImage Public License v1.0","FSFAP":"FSF All Permissive License","FSFAP-no-warranty-disclaimer":"FSF All Permissive License (without Warranty)","FSFUL":"FSF Unlimited License","FSFULLR":"FSF Unlimited License (with License Retention)","FSFULLRSD":"FSF Unlimited License (with License Retention and Short Disclaimer)","FSFULLRWD":"FSF Unlimited License (With License Retention and Warranty Disclaimer)","FSL-1.1-ALv2":"Functional Source License, Version 1.1, ALv2 Future License","FSL-1.1-MIT":"Functional Source License, Version 1.1, MIT Future License","FTL":"Freetype Project License","Furuseth":"Furuseth License","fwlw":"fwlw License","Game-Programming-Gems":"Game Programming Gems License","GCR-docs":"Gnome GCR Documentation License","GD":"GD License","generic-xts":"Generic XTS License","GFDL-1.1":"GNU Free Documentation License v1.1","GFDL-1.1-invariants-only":"GNU Free Documentation License v1.1 only - invariants","GFDL-1.1-invariants-or-later":"GNU Free Documentation License v1.1 or later - invariants","GFDL-1.1-no-invariants-only":"GNU Free Documentation License v1.1 only - no invariants","GFDL-1.1-no-invariants-or-later":"GNU Free Documentation License v1.1 or later - no invariants","GFDL-1.1-only":"GNU Free Documentation License v1.1 only","GFDL-1.1-or-later":"GNU Free Documentation License v1.1 or later","GFDL-1.2":"GNU Free Documentation License v1.2","GFDL-1.2-invariants-only":"GNU Free Documentation License v1.2 only - invariants","GFDL-1.2-invariants-or-later":"GNU Free Documentation License v1.2 or later - invariants","GFDL-1.2-no-invariants-only":"GNU Free Documentation License v1.2 only - no invariants","GFDL-1.2-no-invariants-or-later":"GNU Free Documentation License v1.2 or later - no invariants","GFDL-1.2-only":"GNU Free Documentation License v1.2 only","GFDL-1.2-or-later":"GNU Free Documentation License v1.2 or later","GFDL-1.3":"GNU Free Documentation License v1.3","GFDL-1.3-invariants-only":"GNU Free Documentation License v1.3 only - invariants","GFDL-1.3-invariants-or-later":"GNU Free Documentation License v1.3 or later - invariants","GFDL-1.3-no-invariants-only":"GNU Free Documentation License v1.3 only - no invariants","GFDL-1.3-no-invariants-or-later":"GNU Free Documentation License v1.3 or later - no invariants","GFDL-1.3-only":"GNU Free Documentation License v1.3 only","GFDL-1.3-or-later":"GNU Free Documentation License v1.3 or later","Giftware":"Giftware License","GL2PS":"GL2PS License","Glide":"3dfx Glide License","Glulxe":"Glulxe License","GLWTPL":"Good Luck With That Public License","gnuplot":"gnuplot License","GPL-1.0":"GNU General Public License v1.0 only","GPL-1.0+":"GNU General Public License v1.0 or later","GPL-1.0-only":"GNU General Public License v1.0 only","GPL-1.0-or-later":"GNU General Public License v1.0 or later","GPL-2.0":"GNU General Public License v2.0 only","GPL-2.0+":"GNU General Public License v2.0 or later","GPL-2.0-only":"GNU General Public License v2.0 only","GPL-2.0-or-later":"GNU General Public License v2.0 or later","GPL-2.0-with-autoconf-exception":"GNU General Public License v2.0 w/Autoconf exception","GPL-2.0-with-bison-exception":"GNU General Public License v2.0 w/Bison exception","GPL-2.0-with-classpath-exception":"GNU General Public License v2.0 w/Classpath exception","GPL-2.0-with-font-exception":"GNU General Public License v2.0 w/Font exception","GPL-2.0-with-GCC-exception":"GNU General Public License v2.0 w/GCC Runtime Library exception","GPL-3.0":"GNU General Public License v3.0 only","GPL-3.0+":"GNU General Public License v3.0 or later","GPL-3.0-only":"GNU General Public License v3.0 only","GPL-3.0-or-later":"GNU General Public License v3.0 or later","GPL-3.0-with-autoconf-exception":"GNU General Public License v3.0 w/Autoconf exception","GPL-3.0-with-GCC-exception":"GNU General Public License v3.0 w/GCC Runtime Library exception","Graphics-Gems":"Graphics Gems License","gSOAP-1.3b":"gSOAP Public License v1.3b","gtkbook":"gtkbook License","Gutmann":"Gutmann License","HaskellReport":"Haskell Language Report License","HDF5":"HDF5 License","hdparm":"hdparm License","HIDAPI":"HIDAPI License","Hippocratic-2.1":"Hippocratic License 2.1","Hippocratic-3.0-core":"Hippocratic License 3.0","HP-1986":"Hewlett-Packard 1986 License","HP-1989":"Hewlett-Packard 1989 License","HPND":"Historical Permission Notice and Disclaimer","HPND-DEC":"Historical Permission Notice and Disclaimer - DEC variant","HPND-doc":"Historical Permission Notice and Disclaimer - documentation variant","HPND-doc-sell":"Historical Permission Notice and Disclaimer - documentation sell variant","HPND-export-US":"HPND with US Government export control warning","HPND-export-US-acknowledgement":"HPND with US Government export control warning and acknowledgment","HPND-export-US-modify":"HPND with US Government export control warning and modification rqmt","HPND-export2-US":"HPND with US Government export control and 2 disclaimers","HPND-Fenneberg-Livingston":"Historical Permission Notice and Disclaimer - Fenneberg-Livingston variant","HPND-INRIA-IMAG":"Historical Permission Notice and Disclaimer    - INRIA-IMAG variant","HPND-Intel":"Historical Permission Notice and Disclaimer - Intel variant","HPND-Kevlin-Henney":"Historical Permission Notice and Disclaimer - Kevlin Henney variant","HPND-Markus-Kuhn":"Historical Permission Notice and Disclaimer - Markus Kuhn variant","HPND-merchantability-variant":"Historical Permission Notice and Disclaimer - merchantability variant","HPND-MIT-disclaimer":"Historical Permission Notice and Disclaimer with MIT disclaimer","HPND-Netrek":"Historical Permission Notice and Disclaimer - Netrek variant","HPND-Pbmplus":"Historical Permission Notice and Disclaimer - Pbmplus variant","HPND-sell-MIT-disclaimer-xserver":"Historical Permission Notice and Disclaimer - sell xserver variant with MIT disclaimer","HPND-sell-regexpr":"Historical Permission Notice and Disclaimer - sell regexpr variant","HPND-sell-variant":"Historical Permission Notice and Disclaimer - sell variant","HPND-sell-variant-critical-systems":"HPND - sell variant with safety critical systems clause","HPND-sell-variant-MIT-disclaimer":"HPND sell variant with MIT disclaimer","HPND-sell-variant-MIT-disclaimer-rev":"HPND sell variant with MIT disclaimer - reverse","HPND-SMC":"Historical Permission Notice and Disclaimer - SMC variant","HPND-UC":"Historical Permission Notice and Disclaimer - University of California variant","HPND-UC-export-US":"Historical Permission Notice and Disclaimer - University of California, US export warning","HTMLTIDY":"HTML Tidy License","hyphen-bulgarian":"hyphen-bulgarian License","IBM-pibs":"IBM PowerPC Initialization and Boot Software","ICU":"ICU License","IEC-Code-Components-EULA":"IEC    Code Components End-user licence agreement","IJG":"Independent JPEG Group License","IJG-short":"Independent JPEG Group License - short","ImageMagick":"ImageMagick License","iMatix":"iMatix Standard Function Library Agreement","Imlib2":"Imlib2 License","Info-ZIP":"Info-ZIP License","Informatica":"Informatica License","Inner-Net-2.0":"Inner Net License v2.0","InnoSetup":"Inno Setup License","Intel":"Intel Open Source License","Intel-ACPI":"Intel ACPI Software License Agreement","Interbase-1.0":"Interbase Public License v1.0","IPA":"IPA Font License","IPL-1.0":"IBM Public License v1.0","ISC":"ISC License","ISC-Veillard":"ISC Veillard variant","ISO-permission":"ISO permission notice","Jam":"Jam License","JasPer-2.0":"JasPer License","jove":"Jove License","JPL-image":"JPL Image Use Policy","JPNIC":"Japan Network Information Center License","JSON":"JSON License","Kastrup":"Kastrup License","Kazlib":"Kazlib License","Knuth-CTAN":"Knuth CTAN License","LAL-1.2":"Licence Art Libre 1.2","LAL-1.3":"Licence Art Libre 1.3","Latex2e":"Latex2e License","Latex2e-translated-notice":"Latex2e with translated notice permission","Leptonica":"Leptonica License","LGPL-2.0":"GNU Library General Public License v2 only","LGPL-2.0+":"GNU Library General Public License v2 or later","LGPL-2.0-only":"GNU Library General Public License v2 only","LGPL-2.0-or-later":"GNU Library General Public License v2 or later","LGPL-2.1":"GNU Lesser General Public License v2.1 only","LGPL-2.1+":"GNU Lesser General Public License v2.1 or later","LGPL-2.1-only":"GNU Lesser General Public License v2.1 only","LGPL-2.1-or-later":"GNU Lesser General Public License v2.1 or later","LGPL-3.0":"GNU Lesser General Public License v3.0 only","LGPL-3.0+":"GNU Lesser General Public License v3.0 or later","LGPL-3.0-only":"GNU Lesser General Public License v3.0 only","LGPL-3.0-or-later":"GNU Lesser General Public License v3.0 or later","LGPLLR":"Lesser General Public License For Linguistic Resources","Libpng":"libpng License","libpng-1.6.35":"PNG Reference Library License v1 (for libpng 0.5 through 1.6.35)","libpng-2.0":"PNG Reference Library version 2","libselinux-1.0":"libselinux public domain notice","libtiff":"libtiff License","libutil-David-Nugent":"libutil David Nugent License","LiLiQ-P-1.1":"Licence Libre du Québec – Permissive version 1.1","LiLiQ-R-1.1":"Licence Libre du Québec – Réciprocité version 1.1","LiLiQ-Rplus-1.1":"Licence Libre du Québec – Réciprocité forte version 1.1","Linux-man-pages-1-para":"Linux man-pages - 1 paragraph","Linux-man-pages-copyleft":"Linux man-pages Copyleft","Linux-man-pages-copyleft-2-para":"Linux man-pages Copyleft - 2 paragraphs","Linux-man-pages-copyleft-var":"Linux man-pages Copyleft Variant","Linux-OpenIB":"Linux Kernel Variant of OpenIB.org license","LOOP":"Common Lisp LOOP License","LPD-document":"LPD Documentation License","LPL-1.0":"Lucent Public License Version 1.0","LPL-1.02":"Lucent Public License v1.02","LPPL-1.0":"LaTeX Project Public License v1.0","LPPL-1.1":"LaTeX Project Public License v1.1","LPPL-1.2":"LaTeX Project Public License v1.2","LPPL-1.3a":"LaTeX Project Public License v1.3a","LPPL-1.3c":"LaTeX Project Public License v1.3c","lsof":"lsof License","Lucida-Bitmap-Fonts":"Lucida Bitmap Fonts License","LZMA-SDK-9.11-to-9.20":"LZMA SDK License (versions 9.11 to 9.20)","LZMA-SDK-9.22":"LZMA SDK License (versions 9.22 and beyond)","Mackerras-3-Clause":"Mackerras 3-Clause License","Mackerras-3-Clause-acknowledgment":"Mackerras 3-Clause - acknowledgment variant","magaz":"magaz License","mailprio":"mailprio License","MakeIndex":"MakeIndex License","man2html":"man2html License","Martin-Birgmeier":"Martin Birgmeier License","McPhee-slideshow":"McPhee Slideshow License","metamail":"metamail License","Minpack":"Minpack License","MIPS":"MIPS License","MirOS":"The MirOS Licence","MIT":"MIT License","MIT-0":"MIT No Attribution","MIT-advertising":"Enlightenment License (e16)","MIT-Click":"MIT Click License","MIT-CMU":"CMU License","MIT-enna":"enna License","MIT-feh":"feh License","MIT-Festival":"MIT Festival Variant","MIT-Khronos-old":"MIT Khronos - old variant","MIT-Modern-Variant":"MIT License Modern Variant","MIT-open-group":"MIT Open Group variant","MIT-STK":"MIT-STK License","MIT-testregex":"MIT testregex Variant","MIT-Wu":"MIT Tom Wu Variant","MITNFA":"MIT +no-false-attribs license","MMIXware":"MMIXware License","MMPL-1.0.1":"Minecraft Mod Public License v1.0.1","Motosoto":"Motosoto License","MPEG-SSG":"MPEG Software Simulation","mpi-permissive":"mpi Permissive License","mpich2":"mpich2 License","MPL-1.0":"Mozilla Public License 1.0","MPL-1.1":"Mozilla Public License 1.1","MPL-2.0":"Mozilla Public License 2.0","MPL-2.0-no-copyleft-exception":"Mozilla Public License 2.0 (no copyleft exception)","mplus":"mplus Font License","MS-LPL":"Microsoft Limited Public License","MS-PL":"Microsoft Public License","MS-RL":"Microsoft Reciprocal License","MTLL":"Matrix Template Library License","MulanPSL-1.0":"Mulan Permissive Software License, Version 1","MulanPSL-2.0":"Mulan Permissive Software License, Version 2","Multics":"Multics License","Mup":"Mup License","MVT-1.1":"MVT License 1.1","NAIST-2003":"Nara Institute of Science and Technology License (2003)","NASA-1.3":"NASA Open Source Agreement 1.3","Naumen":"Naumen Public License","NBPL-1.0":"Net Boolean Public License v1","NCBI-PD":"NCBI Public Domain Notice","NCGL-UK-2.0":"Non-Commercial Government Licence","NCL":"NCL Source Code License","NCSA":"University of Illinois/NCSA Open Source License","Net-SNMP":"Net-SNMP License","NetCDF":"NetCDF license","Newsletr":"Newsletr License","NGPL":"Nethack General Public License","ngrep":"ngrep License","NICTA-1.0":"NICTA Public Software License, Version 1.0","NIST-PD":"NIST Public Domain Notice","NIST-PD-fallback":"NIST Public Domain Notice with license fallback","NIST-PD-TNT":"NIST    Public Domain Notice TNT variant","NIST-Software":"NIST Software License","NLOD-1.0":"Norwegian Licence for Open Government Data (NLOD) 1.0","NLOD-2.0":"Norwegian Licence for Open Government Data (NLOD) 2.0","NLPL":"No Limit Public License","Nokia":"Nokia Open Source License","NOSL":"Netizen Open Source License","Noweb":"Noweb License","NPL-1.0":"Netscape Public License v1.0","NPL-1.1":"Netscape Public License v1.1","NPOSL-3.0":"Non-Profit Open Software License 3.0","NRL":"NRL License","NTIA-PD":"NTIA Public Domain Notice","NTP":"NTP License","NTP-0":"NTP No Attribution","Nunit":"Nunit License","O-UDA-1.0":"Open Use of Data Agreement v1.0","OAR":"OAR License","OCCT-PL":"Open CASCADE Technology Public License","OCLC-2.0":"OCLC Research Public License 2.0","ODbL-1.0":"Open Data Commons Open Database License v1.0","ODC-By-1.0":"Open Data Commons Attribution License v1.0","OFFIS":"OFFIS License","OFL-1.0":"SIL Open Font License 1.0","OFL-1.0-no-RFN":"SIL Open Font License 1.0 with no Reserved Font Name","OFL-1.0-RFN":"SIL Open Font License 1.0 with Reserved Font Name","OFL-1.1":"SIL Open Font License 1.1","OFL-1.1-no-RFN":"SIL Open Font License 1.1 with no Reserved Font Name","OFL-1.1-RFN":"SIL Open Font License 1.1 with Reserved Font Name","OGC-1.0":"OGC Software License, Version 1.0","OGDL-Taiwan-1.0":"Taiwan Open Government Data License, version 1.0","OGL-Canada-2.0":"Open Government Licence - Canada","OGL-UK-1.0":"Open Government Licence v1.0","OGL-UK-2.0":"Open Government Licence v2.0","OGL-UK-3.0":"Open Government Licence v3.0","OGTSL":"Open Group Test Suite License","OLDAP-1.1":"Open LDAP Public License v1.1","OLDAP-1.2":"Open LDAP Public License v1.2","OLDAP-1.3":"Open LDAP Public License v1.3","OLDAP-1.4":"Open LDAP Public License v1.4","OLDAP-2.0":"Open LDAP Public License v2.0 (or possibly 2.0A and 2.0B)","OLDAP-2.0.1":"Open LDAP Public License v2.0.1","OLDAP-2.1":"Open LDAP Public License v2.1","OLDAP-2.2":"Open LDAP Public License v2.2","OLDAP-2.2.1":"Open LDAP Public License v2.2.1","OLDAP-2.2.2":"Open LDAP Public License 2.2.2","OLDAP-2.3":"Open LDAP Public License v2.3","OLDAP-2.4":"Open LDAP Public License v2.4","OLDAP-2.5":"Open LDAP Public License v2.5","OLDAP-2.6":"Open LDAP Public License v2.6","OLDAP-2.7":"Open LDAP Public License v2.7","OLDAP-2.8":"Open LDAP Public License v2.8","OLFL-1.3":"Open Logistics Foundation License Version 1.3","OML":"Open Market License","OpenMDW-1.0":"OpenMDW License Agreement v1.0","OpenPBS-2.3":"OpenPBS v2.3 Software License","OpenSSL":"OpenSSL License","OpenSSL-standalone":"OpenSSL License - standalone","OpenVision":"OpenVision License","OPL-1.0":"Open Public License v1.0","OPL-UK-3.0":"United    Kingdom Open Parliament Licence v3.0","OPUBL-1.0":"Open Publication License v1.0","OSC-1.0":"OSC License 1.0","OSET-PL-2.1":"OSET Public License version 2.1","OSL-1.0":"Open Software License 1.0","OSL-1.1":"Open Software License 1.1","OSL-2.0":"Open Software License 2.0","OSL-2.1":"Open Software License 2.1","OSL-3.0":"Open Software License 3.0","OSSP":"OSSP License","PADL":"PADL License","ParaType-Free-Font-1.3":"ParaType Free Font Licensing Agreement v1.3","Parity-6.0.0":"The Parity Public License 6.0.0","Parity-7.0.0":"The Parity Public License 7.0.0","PDDL-1.0":"Open Data Commons Public Domain Dedication & License 1.0","PHP-3.0":"PHP License v3.0","PHP-3.01":"PHP License v3.01","Pixar":"Pixar License","pkgconf":"pkgconf License","Plexus":"Plexus Classworlds License","pnmstitch":"pnmstitch License","PolyForm-Noncommercial-1.0.0":"PolyForm Noncommercial License 1.0.0","PolyForm-Small-Business-1.0.0":"PolyForm Small Business License 1.0.0","PostgreSQL":"PostgreSQL License","PPL":"Peer Production License","PSF-2.0":"Python Software Foundation License 2.0","psfrag":"psfrag License","psutils":"psutils License","Python-2.0":"Python License 2.0","Python-2.0.1":"Python License 2.0.1","python-ldap":"Python ldap License","Qhull":"Qhull License","QPL-1.0":"Q Public License 1.0","QPL-1.0-INRIA-2004":"Q Public License 1.0 - INRIA 2004 variant","radvd":"radvd License","Rdisc":"Rdisc License","RHeCos-1.1":"Red Hat eCos Public License v1.1","RPL-1.1":"Reciprocal Public License 1.1","RPL-1.5":"Reciprocal Public License 1.5","RPSL-1.0":"RealNetworks Public Source License v1.0","RSA-MD":"RSA Message-Digest License","RSCPL":"Ricoh Source Code Public License","Ruby":"Ruby License","Ruby-pty":"Ruby pty extension license","SAX-PD":"Sax Public Domain Notice","SAX-PD-2.0":"Sax Public Domain Notice 2.0","Saxpath":"Saxpath License","SCEA":"SCEA Shared Source License","SchemeReport":"Scheme Language Report License","Sendmail":"Sendmail License","Sendmail-8.23":"Sendmail License 8.23","Sendmail-Open-Source-1.1":"Sendmail Open Source License v1.1","SGI-B-1.0":"SGI Free Software License B v1.0","SGI-B-1.1":"SGI Free Software License B v1.1","SGI-B-2.0":"SGI Free Software License B v2.0","SGI-OpenGL":"SGI OpenGL License","SGMLUG-PM":"SGMLUG Parser Materials License","SGP4":"SGP4 Permission Notice","SHL-0.5":"Solderpad Hardware License v0.5","SHL-0.51":"Solderpad Hardware License, Version 0.51","SimPL-2.0":"Simple Public License 2.0","SISSL":"Sun Industry Standards Source License v1.1","SISSL-1.2":"Sun Industry Standards Source License v1.2","SL":"SL License","Sleepycat":"Sleepycat License","SMAIL-GPL":"SMAIL General Public License","SMLNJ":"Standard ML of New Jersey License","SMPPL":"Secure Messaging Protocol Public License","SNIA":"SNIA Public License 1.1","snprintf":"snprintf License","SOFA":"SOFA Software License","softSurfer":"softSurfer License","Soundex":"Soundex License","Spencer-86":"Spencer License 86","Spencer-94":"Spencer License 94","Spencer-99":"Spencer License 99","SPL-1.0":"Sun Public License v1.0","ssh-keyscan":"ssh-keyscan License","SSH-OpenSSH":"SSH OpenSSH license","SSH-short":"SSH short notice","SSLeay-standalone":"SSLeay License - standalone","SSPL-1.0":"Server Side Public License, v 1","StandardML-NJ":"Standard ML of New Jersey License","SugarCRM-1.1.3":"SugarCRM Public License v1.1.3","SUL-1.0":"Sustainable Use License v1.0","Sun-PPP":"Sun PPP License","Sun-PPP-2000":"Sun PPP License (2000)","SunPro":"SunPro License","SWL":"Scheme Widget Library (SWL) Software License Agreement","swrule":"swrule License","Symlinks":"Symlinks License","TAPR-OHL-1.0":"TAPR Open Hardware License v1.0","TCL":"TCL/TK License","TCP-wrappers":"TCP Wrappers License","TekHVC":"TekHVC License","TermReadKey":"TermReadKey License","TGPPL-1.0":"Transitive Grace Period Public Licence 1.0","ThirdEye":"ThirdEye License","threeparttable":"threeparttable License","TMate":"TMate Open Source License","TORQUE-1.1":"TORQUE v2.5+ Software License v1.1","TOSL":"Trusster Open Source License","TPDL":"Time::ParseDate License","TPL-1.0":"THOR Public License 1.0","TrustedQSL":"TrustedQSL License","TTWL":"Text-Tabs+Wrap License","TTYP0":"TTYP0 License","TU-Berlin-1.0":"Technische Universitaet Berlin License 1.0","TU-Berlin-2.0":"Technische Universitaet Berlin License 2.0","Ubuntu-font-1.0":"Ubuntu Font Licence v1.0","UCAR":"UCAR License","UCL-1.0":"Upstream Compatibility License v1.0","ulem":"ulem License","UMich-Merit":"Michigan/Merit Networks License","Unicode-3.0":"Unicode License v3","Unicode-DFS-2015":"Unicode License Agreement - Data Files and Software (2015)","Unicode-DFS-2016":"Unicode License Agreement - Data Files and Software (2016)","Unicode-TOU":"Unicode Terms of Use","UnixCrypt":"UnixCrypt License","Unlicense":"The Unlicense","Unlicense-libtelnet":"Unlicense - libtelnet variant","Unlicense-libwhirlpool":"Unlicense - libwhirlpool variant","UnRAR":"UnRAR License","UPL-1.0":"Universal Permissive License v1.0","URT-RLE":"Utah Raster Toolkit Run Length Encoded License","Vim":"Vim License","Vixie-Cron":"Vixie Cron License","VOSTROM":"VOSTROM Public License for Open Source","VSL-1.0":"Vovida Software License v1.0","W3C":"W3C Software Notice and License (2002-12-31)","W3C-19980720":"W3C Software Notice and License (1998-07-20)","W3C-20150513":"W3C Software Notice and Document License (2015-05-13)","w3m":"w3m License","Watcom-1.0":"Sybase Open Watcom Public License 1.0","Widget-Workshop":"Widget Workshop License","WordNet":"WordNet License","Wsuipa":"Wsuipa License","WTFNMFPL":"Do What The F*ck You Want To But It\'s Not My Fault Public License","WTFPL":"Do What The F*ck You Want To Public License","wwl":"WWL License","wxWindows":"wxWindows Library License","X11":"X11 License","X11-distribute-modifications-variant":"X11 License Distribution Modification Variant","X11-no-permit-persons":"X11 no permit persons clause","X11-swapped":"X11 swapped final paragraphs","Xdebug-1.03":"Xdebug License v 1.03","Xerox":"Xerox License","Xfig":"Xfig License","XFree86-1.1":"XFree86 License 1.1","xinetd":"xinetd License","xkeyboard-config-Zinoviev":"xkeyboard-config Zinoviev License","xlock":"xlock License","Xnet":"X.Net License","xpp":"XPP License","XSkat":"XSkat License","xzoom":"xzoom License","YPL-1.0":"Yahoo! Public License v1.0","YPL-1.1":"Yahoo! Public License v1.1","Zed":"Zed License","Zeeff":"Zeeff License","Zend-2.0":"Zend License v2.0","Zimbra-1.3":"Zimbra Public License v1.3","Zimbra-1.4":"Zimbra Public License v1.4","Zlib":"zlib License","zlib-acknowledgement":"zlib/libpng License with Acknowledgement","ZPL-1.1":"Zope Public License 1.1","ZPL-2.0":"Zope Public License 2.0","ZPL-2.1":"Zope Public License 2.1","389-exception":"389 Directory Server Exception","Asterisk-exception":"Asterisk exception","Asterisk-linking-protocols-exception":"Asterisk linking protocols exception","Autoconf-exception-2.0":"Autoconf exception 2.0","Autoconf-exception-3.0":"Autoconf exception 3.0","Autoconf-exception-generic":"Autoconf generic exception","Autoconf-exception-generic-3.0":"Autoconf generic exception for GPL-3.0","Autoconf-exception-macro":"Autoconf macro exception","Bison-exception-1.24":"Bison exception 1.24","Bison-exception-2.2":"Bison exception 2.2","Bootloader-exception":"Bootloader Distribution Exception","CGAL-linking-exception":"CGAL Linking Exception","Classpath-exception-2.0":"Classpath exception 2.0","Classpath-exception-2.0-short":"Classpath exception 2.0 - short","CLISP-exception-2.0":"CLISP exception 2.0","cryptsetup-OpenSSL-exception":"cryptsetup OpenSSL exception","Digia-Qt-LGPL-exception-1.1":"Digia Qt LGPL Exception version 1.1","DigiRule-FOSS-exception":"DigiRule FOSS License Exception","eCos-exception-2.0":"eCos exception 2.0","erlang-otp-linking-exception":"Erlang/OTP Linking Exception","Fawkes-Runtime-exception":"Fawkes Runtime Exception","FLTK-exception":"FLTK exception","fmt-exception":"fmt exception","Font-exception-2.0":"Font exception 2.0","freertos-exception-2.0":"FreeRTOS Exception 2.0","GCC-exception-2.0":"GCC Runtime Library exception 2.0","GCC-exception-2.0-note":"GCC    Runtime Library exception 2.0 - note variant","GCC-exception-3.1":"GCC Runtime Library exception 3.1","Gmsh-exception":"Gmsh exception","GNAT-exception":"GNAT exception","GNOME-examples-exception":"GNOME examples exception","GNU-compiler-exception":"GNU Compiler Exception","gnu-javamail-exception":"GNU JavaMail exception","Google-Patent-WebM":"Google Additional IP Rights Grant (Patents) - WebM","GPL-3.0-389-ds-base-exception":"GPL-3.0 389 DS Base Exception","GPL-3.0-interface-exception":"GPL-3.0 Interface Exception","GPL-3.0-linking-exception":"GPL-3.0 Linking Exception","GPL-3.0-linking-source-exception":"GPL-3.0 Linking Exception (with Corresponding Source)","GPL-CC-1.0":"GPL Cooperation Commitment 1.0","GStreamer-exception-2005":"GStreamer Exception (2005)","GStreamer-exception-2008":"GStreamer Exception (2008)","harbour-exception":"harbour exception","i2p-gpl-java-exception":"i2p GPL+Java Exception","Independent-modules-exception":"Independent Module Linking exception","KiCad-libraries-exception":"KiCad Libraries Exception","kvirc-openssl-exception":"kvirc OpenSSL Exception","LGPL-3.0-linking-exception":"LGPL-3.0 Linking Exception","libpri-OpenH323-exception":"libpri OpenH323 exception","Libtool-exception":"Libtool Exception","Linux-syscall-note":"Linux Syscall Note","LLGPL":"LLGPL Preamble","LLVM-exception":"LLVM Exception","LZMA-exception":"LZMA exception","mif-exception":"Macros and Inline Functions Exception","mxml-exception":"mxml Exception","Nokia-Qt-exception-1.1":"Nokia Qt LGPL exception 1.1","OCaml-LGPL-linking-exception":"OCaml LGPL Linking Exception","OCCT-exception-1.0":"Open CASCADE Exception 1.0","OpenJDK-assembly-exception-1.0":"OpenJDK Assembly exception 1.0","openvpn-openssl-exception":"OpenVPN OpenSSL Exception","PCRE2-exception":"PCRE2 exception","polyparse-exception":"Polyparse Exception","PS-or-PDF-font-exception-20170817":"PS/PDF font exception (2017-08-17)","QPL-1.0-INRIA-2004-exception":"INRIA QPL 1.0 2004 variant exception","Qt-GPL-exception-1.0":"Qt GPL exception 1.0","Qt-LGPL-exception-1.1":"Qt LGPL exception 1.1","Qwt-exception-1.0":"Qwt exception 1.0","romic-exception":"Romic Exception","RRDtool-FLOSS-exception-2.0":"RRDtool FLOSS exception 2.0","rsync-linking-exception":"rsync Linking Exception","SANE-exception":"SANE Exception","SHL-2.0":"Solderpad Hardware License v2.0","SHL-2.1":"Solderpad Hardware License v2.1","Simple-Library-Usage-exception":"Simple Library Usage Exception","Spelling-Provider-LGPL-exception":"Spelling Provider LGPL exception","sqlitestudio-OpenSSL-exception":"sqlitestudio OpenSSL exception","stunnel-exception":"stunnel Exception","SWI-exception":"SWI exception","Swift-exception":"Swift Exception","Texinfo-exception":"Texinfo exception","u-boot-exception-2.0":"U-Boot exception 2.0","UBDL-exception":"Unmodified Binary Distribution exception","Universal-FOSS-exception-1.0":"Universal FOSS Exception, Version 1.0","vsftpd-openssl-exception":"vsftpd OpenSSL exception","WxWindows-exception-3.1":"WxWindows Library Exception 3.1","x11vnc-openssl-exception":"x11vnc OpenSSL Exception"}}');

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __nccwpck_require__(57975);
// EXTERNAL MODULE: ./src/exec.ts + 1 modules
var exec = __nccwpck_require__(14981);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(77598);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(76760);
// EXTERNAL MODULE: ./src/http.ts + 2 modules
var http = __nccwpck_require__(39109);
// EXTERNAL MODULE: ./src/config/platform.ts
var config_platform = __nccwpck_require__(15063);
// EXTERNAL MODULE: ./src/errors.ts
var src_errors = __nccwpck_require__(83916);
;// CONCATENATED MODULE: ./src/image/docker.ts
// The Docker daemon: load each built image, give it a reference unique to its system, and
// smoke-test it in a throwaway container that cannot outlive its timeout.






function loadCommand(image, nix) {
    switch (image.kind) {
        case 'archive':
        case 'archive-gz':
            return { load: { cmd: 'docker', args: ['load', '--input', image.storePath] } };
        case 'stream':
            // The stream script writes the archive to stdout: piped straight into the daemon, never to disk.
            return { producer: { cmd: image.storePath, args: [] }, load: { cmd: 'docker', args: ['load'] } };
        case 'nix2container':
            // The image.json only describes the layers; nix2container's own app builds them from the
            // store paths and copies them into the daemon (skopeo), so nothing is written to disk.
            if (!nix || !image.installable)
                throw new Error(`${image.storePath} is a nix2container image: loading it needs Nix and its installable.`);
            return { load: { cmd: nix.path, args: ['run', `${image.installable}.copyToDockerDaemon`], env: nix.env } };
    }
}
/**
 * What `docker load` says went wrong although it exited 0: on the containerd image store it imports
 * the archive, prints "Loaded image", then fails to unpack a layer whose bytes are not its diff_id
 * ("Error unpacking image …: wrong diff id calculated on extraction") and still exits 0.
 */
function loadErrors(stdout) {
    return stdout
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => /^Error\b/.test(l));
}
/** The references `docker load` reports, in order: "Loaded image: x:y" or "Loaded image ID: sha256:…". */
function parseLoadOutput(stdout) {
    const refs = [];
    for (const line of stdout.split('\n')) {
        const m = /^Loaded image(?: ID)?: (\S+)\s*$/.exec(line.trim());
        if (m)
            refs.push(m[1]);
    }
    return refs;
}
/** `registry:5000/name:tag` → [`registry:5000/name`, `tag`]; no tag means `latest`. */
function splitReference(reference) {
    const at = reference.lastIndexOf(':');
    return at > reference.lastIndexOf('/') ? [reference.slice(0, at), reference.slice(at + 1)] : [reference, 'latest'];
}
/** name:tag → name:tag-<arch>; a bare id gets a name derived from the container. */
function uniqueReference(loadedAs, fallbackName, system) {
    const arch = (0,config_platform/* ociArch */.As)(system);
    if (loadedAs.startsWith('sha256:'))
        return `${fallbackName}:${arch}`;
    const [name, tag] = splitReference(loadedAs);
    return `${name}:${tag}-${arch}`;
}
// Inspecting and tagging sit between a load and its smoke test, and starting the docker CLI for each
// costs far more than the same request over the daemon's unix socket. Only the CLI's own endpoint is
// used (its current context, or DOCKER_HOST), and only when it is a unix socket; any other endpoint,
// or a socket that does not answer, goes through the CLI.
/** The socket path of a `unix://` Docker endpoint; undefined for tcp://, ssh://, npipe:// and the rest. */
function unixSocketOf(endpoint) {
    return endpoint?.startsWith('unix://') ? endpoint.slice('unix://'.length) || undefined : undefined;
}
const sockets = new Map();
/** The unix socket the docker CLI talks to, asked once per DOCKER_HOST/DOCKER_CONTEXT (probeHost asks first). */
function dockerSocket(env = process.env) {
    const key = `${env.DOCKER_HOST ?? ''}\n${env.DOCKER_CONTEXT ?? ''}`;
    let socket = sockets.get(key);
    if (!socket) {
        socket = (0,exec/* run */.eF)({ cmd: 'docker', args: ['context', 'inspect', '--format', '{{.Endpoints.docker.Host}}'], env }, { echo: false, check: false })
            .then((r) => (r.code === 0 ? unixSocketOf(r.stdout.trim()) : undefined))
            .catch(() => undefined);
        sockets.set(key, socket);
    }
    return socket;
}
/** References and ids as the API takes them in a path (what `docker load` and our tags produce). */
const API_SAFE = /^[\w.:/@-]+$/;
/**
 * One request to the daemon's API, or undefined when it cannot be made (no unix socket, or nobody
 * answers on it): the caller then runs the CLI. An answer the daemon gives, even an error, is final.
 */
async function api(method, path, what, ok) {
    const socket = await dockerSocket();
    if (!socket)
        return undefined;
    const res = await (0,http/* httpRequest */.a)(`http://docker${path}`, { method, socketPath: socket, idleTimeoutMs: 120_000 }).catch(() => undefined);
    if (!res || res.status === ok)
        return res;
    throw new Error(`${what} failed (Docker API ${res.status}): ${daemonMessage(await res.text())}`);
}
/** What the daemon said in an error answer: its JSON `message`, or the text as it is. */
function daemonMessage(text) {
    try {
        return JSON.parse(text).message ?? text.trim();
    }
    catch {
        return text.trim();
    }
}
async function inspect(ref) {
    const res = API_SAFE.test(ref) ? await api('GET', `/images/${ref}/json`, `docker image inspect ${ref}`, 200) : undefined;
    if (res)
        return res.json();
    const { stdout } = await (0,exec/* run */.eF)({ cmd: 'docker', args: ['image', 'inspect', '--format', '{{json .}}', ref] }, { echo: false });
    return JSON.parse(stdout);
}
/**
 * The reference a nix2container image is copied to the daemon under: its imageName and imageTag
 * (skopeo says nothing like `docker load`'s "Loaded image:").
 */
async function nix2containerReference(nix, installable) {
    const apply = 'i: { name = i.imageName or null; tag = i.imageTag or null; app = i ? copyToDockerDaemon; }';
    const { stdout } = await (0,exec/* run */.eF)({ cmd: nix.path, args: ['eval', '--json', installable, '--apply', apply], env: nix.env }, { echo: false });
    const { name, tag, app } = JSON.parse(stdout);
    if (!name || !tag || !app) {
        throw new Error(`${installable} builds a JSON file (a nix2container image.json) but has no ${[!name && 'imageName', !tag && 'imageTag', !app && 'copyToDockerDaemon'].filter(Boolean).join(', ')}: ` +
            'make it with nix2container.buildImage (which provides them), or use a dockerTools image.');
    }
    return `${name}:${tag}`;
}
function loadFailure(image, text, cause) {
    const what = `Loading ${image.container} ${image.platform} (${image.storePath}) into Docker failed`;
    if (/no space left on device/i.test(text)) {
        return new Error(`${what}: the daemon's disk is full (no space left on device). Free space on the runner (docker system prune, or remove unused tools) or use a larger runner.\n${text.slice(-1000)}`);
    }
    // A damaged or truncated archive: nothing of it may be pushed.
    if (/invalid tar header|unexpected EOF|gzip: invalid|checksum|corrupt|crc|wrong diff id/i.test(text)) {
        return new Error(`${what}: the daemon could not read the archive, which is damaged or cut short; nothing was pushed. Repair it (nix store repair ${image.storePath}) or rebuild it (nix build --rebuild).\n${text.slice(-1000)}`);
    }
    return new Error(`${what}: ${text}`, { cause });
}
/** Loads one image: a stream's script piped into `docker load`, a file read by the daemon itself. */
async function load(image, fallbackName, nix) {
    const { producer, load } = loadCommand(image, nix);
    // Asked before the copy, so a JSON file that is no nix2container image fails with a clear message.
    const named = image.kind === 'nix2container' ? await nix2containerReference(nix, image.installable) : undefined;
    const loading = producer ? (0,exec/* pipe */.Fs)(producer, load) : (0,exec/* run */.eF)(load);
    const { stdout } = await loading.catch((e) => {
        throw loadFailure(image, (0,src_errors/* messageOf */.b)(e), e);
    });
    const errors = loadErrors(stdout);
    if (errors.length)
        throw loadFailure(image, errors.join('\n'));
    // Inspected right after the copy: another system's image of the same container takes the name:tag next.
    const loadedAs = named ?? parseLoadOutput(stdout)[0];
    if (!loadedAs)
        throw new Error(`docker load gave no image reference for ${image.storePath}:\n${stdout}`);
    const info = await inspect(loadedAs);
    const expected = (0,config_platform/* ociArch */.As)(image.system);
    if (info.Os !== 'linux' || info.Architecture !== expected) {
        throw new Error(`${image.installable} built an image for ${info.Os}/${info.Architecture}, not linux/${expected}: check the image's architecture in the flake.`);
    }
    return {
        ...image,
        loadedAs,
        reference: uniqueReference(loadedAs, fallbackName, image.system),
        imageId: info.Id,
        imageSize: info.Size,
        layers: info.RootFS?.Layers ?? [],
        entrypoint: info.Config?.Entrypoint ?? info.Config?.Cmd ?? [],
    };
}
/** Gives a loaded image its reference unique to its system (the load left it the shared name:tag). */
async function tagLoaded(image) {
    const { imageId, reference } = image;
    const [repo, tag] = splitReference(reference);
    const query = new URLSearchParams({ repo, tag });
    const res = API_SAFE.test(imageId) ? await api('POST', `/images/${imageId}/tag?${query}`, `docker tag ${imageId} ${reference}`, 201) : undefined;
    if (res)
        return res.discard();
    await (0,exec/* run */.eF)({ cmd: 'docker', args: ['tag', imageId, reference] }, { echo: false });
}
/** The tool an image runs: its entrypoint's program name. */
function entrypointTool(entrypoint) {
    return entrypoint[0] ? external_node_path_.posix.basename(entrypoint[0]) : undefined;
}
function smokeTestArgs(image, name, tool, testArgs) {
    const args = ['run', '--rm', '--pull', 'never', '--network', 'none', '--platform', image.platform, '--name', name];
    // A named tool that is not the entrypoint is run explicitly, so the test proves it is in the image.
    if (tool && entrypointTool(image.entrypoint) !== tool)
        args.push('--entrypoint', tool);
    return [...args, image.imageId, ...testArgs];
}
async function smokeTest(image, options) {
    const started = Date.now();
    const name = `nca-test-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`;
    const args = smokeTestArgs(image, name, options.tool, options.args);
    // Not echoed live: tests run side by side, so each one's output is printed whole afterwards.
    const result = await (0,exec/* run */.eF)({ cmd: 'docker', args }, { check: false, echo: false, timeoutMs: options.timeoutSec * 1000 });
    const output = (result.stdout + result.stderr).trim();
    if (result.timedOut) {
        // Killing the client leaves the container running: remove it so nothing outlives the test.
        await (0,exec/* run */.eF)({ cmd: 'docker', args: ['rm', '--force', name] }, { echo: false, check: false });
    }
    const passed = result.code === 0 && !result.timedOut;
    return {
        image,
        loaded: image,
        status: passed ? 'passed' : 'failed',
        command: ['docker', ...args],
        output,
        reason: passed
            ? undefined
            : result.timedOut
                ? `timed out after ${options.timeoutSec}s (input test-timeout); the container was removed`
                : `exited with code ${result.code}`,
        durationMs: Date.now() - started,
    };
}
/** undefined when the daemon answers; otherwise what is wrong, in words for an error message. */
async function dockerProblem() {
    // Found out now, side by side with the version check, for the loads that follow (it never rejects).
    void dockerSocket();
    const r = await (0,exec/* run */.eF)({ cmd: 'docker', args: ['version', '--format', '{{.Server.Version}}'] }, { echo: false, check: false }).catch(() => undefined);
    if (!r)
        return 'docker is not installed on this runner';
    if (r.code !== 0)
        return `the Docker daemon is not reachable (${r.stderr.trim().split('\n').pop()})`;
    return undefined;
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(51455);
;// CONCATENATED MODULE: ./src/root.ts
// Root on the runner: GitHub's runners run jobs as `runner` with passwordless sudo. One place asks
// whether we are root or may become it, and runs a command as root.

function isRoot() {
    return process.getuid?.() === 0;
}
let sudo;
/** Passwordless sudo (never a prompt: -n), asked once per run. */
function canSudo() {
    sudo ??= (async () => {
        if (!(await (0,exec/* which */.K7)('sudo')))
            return false;
        const r = await (0,exec/* run */.eF)({ cmd: 'sudo', args: ['-n', 'true'] }, { echo: false, check: false }).catch(() => undefined);
        return r?.code === 0;
    })();
    return sudo;
}
/** Root itself, or passwordless sudo. */
async function canBeRoot() {
    return isRoot() || (await canSudo());
}
/** Runs a command as root: directly when we are root, else through passwordless sudo. */
async function runAsRoot(cmd, args, options = {}) {
    if (isRoot())
        await (0,exec/* run */.eF)({ cmd, args }, options);
    else
        await (0,exec/* run */.eF)({ cmd: 'sudo', args: ['-n', cmd, ...args] }, options);
}

// EXTERNAL MODULE: ./src/config/ssh-keys.ts
var ssh_keys = __nccwpck_require__(32005);
// EXTERNAL MODULE: ./src/config/machine-line.ts
var machine_line = __nccwpck_require__(60006);
;// CONCATENATED MODULE: ./src/nix/nix.ts
// The Nix at hand: where it is, which version, and the environment every nix command of a run gets.

/** Where installers put nix when it is not on PATH yet (multi-user, then single-user). */
const KNOWN_LOCATIONS = ['/nix/var/nix/profiles/default/bin', `${process.env.HOME ?? '/root'}/.nix-profile/bin`];
async function findNix() {
    return (await (0,exec/* which */.K7)('nix')) ?? (await (0,exec/* which */.K7)('nix', KNOWN_LOCATIONS.join(':')));
}
/** `nix (Nix) 2.26.3` → 2.26.3; `nix (Determinate Nix 3.6.2) 2.29.0` → 2.29.0 (the Nix it is made from). */
function parseNixVersion(output) {
    const line = output.trim().split('\n')[0];
    return /(\d+\.\d+(?:\.\d+)?\S*)\s*$/.exec(line)?.[1] ?? line;
}
/** Whether a version (as parseNixVersion gives it) is at least major.minor. */
function nixAtLeast(version, major, minor) {
    const [a, b] = version.split('.').map(Number);
    return a > major || (a === major && b >= minor);
}
/** Lix, a fork of Nix 2.18, numbers its releases from 2.90 on: a version there is Lix's, with Lix's commands. */
function isLix(version) {
    const [a, b] = version.split('.').map(Number);
    return a === 2 && b >= 90;
}
/** Nix 2.20 renamed `show-config` to `config show` (the old name warns there and may go). */
function configShowCommand(version) {
    return nixAtLeast(version, 2, 20) ? ['config', 'show'] : ['show-config'];
}
const versions = new Map();
/**
 * The version of the nix at `path`, asked once per run: probeHost asks while it probes the rest of
 * the runner, and setting Nix up later reads the same answer instead of starting nix again.
 */
function nixVersion(path) {
    let version = versions.get(path);
    if (!version) {
        version = (0,exec/* run */.eF)({ cmd: path, args: ['--version'] }, { echo: false }).then(({ stdout }) => parseNixVersion(stdout));
        versions.set(path, version);
    }
    return version;
}
async function useNix(path, config, extraEnv = {}) {
    const env = { ...process.env, ...extraEnv, NIX_CONFIG: config };
    return { path, version: await nixVersion(path), env };
}

// EXTERNAL MODULE: ./src/retry.ts
var retry = __nccwpck_require__(49809);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(48161);
;// CONCATENATED MODULE: ./src/files.ts
// Whether a path is there (or readable) for this user, without throwing; and where a run's own
// temporary files go.


/** The runner's temporary folder (emptied after every job), or the system's outside a runner. */
function runnerTemp(env = process.env) {
    return env.RUNNER_TEMP || (0,external_node_os_.tmpdir)();
}
function exists(path) {
    return (0,promises_.access)(path).then(() => true, () => false);
}
function readable(path) {
    return (0,promises_.access)(path, promises_.constants.R_OK).then(() => true, () => false);
}

;// CONCATENATED MODULE: ./src/builders/remote.ts
// Remote builders: Nix machine lines (the `builders` setting and /etc/nix/machines), the builders
// this runner already has (nix-darwin's nix-rosetta-builder among them), the files a builder given
// by inputs needs (its ssh key, an ssh config for a port), and a bounded wait for a builder that
// may still be booting. Parsing and formatting are pure; only the last section touches the world.









const MACHINES_FILE = '/etc/nix/machines';
const DIR_PREFIX = 'nca-builder-';
async function readMachinesFile(path) {
    return (0,promises_.readFile)(path, 'utf8').catch(() => '');
}
/** The `builders` setting as this user's Nix sees it (nix.conf, NIX_CONFIG), or undefined without Nix. */
async function readBuildersSetting(nixPath) {
    if (!nixPath)
        return undefined;
    const command = configShowCommand(await nixVersion(nixPath).catch(() => ''));
    const r = await (0,exec/* run */.eF)({ cmd: nixPath, args: ['--extra-experimental-features', 'nix-command', ...command, '--json'] }, { echo: false, check: false, timeoutMs: 30_000 }).catch(() => undefined);
    if (r?.code !== 0)
        return undefined;
    try {
        const value = JSON.parse(r.stdout).builders?.value;
        return typeof value === 'string' ? value : undefined;
    }
    catch {
        return undefined;
    }
}
/** The machine lines of a `builders` value, '@file' references read as Nix reads them. */
async function resolveMachines(value, depth = 0) {
    const { lines, files } = (0,machine_line/* splitMachines */.jl)(value);
    const out = [];
    for (const text of lines) {
        try {
            out.push({ line: (0,machine_line/* parseMachineLine */.hF)(text), from: "Nix's builders setting" });
        }
        catch {
            // Nix would reject it too; it is not ours to report
        }
    }
    for (const file of files) {
        if (depth > 3)
            break;
        for (const m of await resolveMachines(await readMachinesFile(file), depth + 1))
            out.push({ ...m, from: m.from === "Nix's builders setting" ? file : m.from });
    }
    return out;
}
/** The builders this machine already has, from Nix's own setting, else from /etc/nix/machines. */
async function detectBuilders(nixPath) {
    const setting = (await readBuildersSetting(nixPath)) ?? `@${MACHINES_FILE}`;
    const machines = await resolveMachines(setting);
    return (0,machine_line/* mergeBuilders */.RN)(machines.map((m) => (0,machine_line/* toBuilder */.NZ)(m.line, m.from)).filter((b) => b !== undefined));
}
function deadlineAfter(seconds) {
    const end = Date.now() + seconds * 1000;
    return () => end - Date.now();
}
/** A host key from ssh-keyscan, retried until the deadline: an on-demand builder may be booting. */
async function scanHostKey(t, remaining) {
    const keyscan = await (0,exec/* which */.K7)('ssh-keyscan');
    if (!keyscan)
        throw new Error(`Input 'builder-host-key' is empty and ssh-keyscan is not installed: give the builder's public host key (ssh-ed25519 AAAA…) in builder-host-key.`);
    let last = 'no host key offered';
    try {
        return await (0,retry/* retry */.L5)(async () => {
            const r = await (0,exec/* run */.eF)({ cmd: keyscan, args: ['-T', '10', ...(t.port ? ['-p', String(t.port)] : []), t.host] }, { echo: false, check: false, timeoutMs: 20_000 });
            const key = (0,ssh_keys/* pickScannedKey */.$U)(r.stdout);
            if (key)
                return key;
            last =
                r.stderr
                    .trim()
                    .split('\n')
                    .filter((l) => !l.startsWith('#'))
                    .join(' ') || 'no host key offered';
            throw new Error(last);
        }, { delayMs: (0,retry/* untilDeadline */.Hm)(remaining, 2000) });
    }
    catch (e) {
        throw new Error(`ssh-keyscan could not read a host key from ${t.host}${t.port ? ` port ${t.port}` : ''} (${last}): check that the builder is reachable, or give its key in builder-host-key.`, { cause: e });
    }
}
/**
 * Writes what the builders given by inputs need into a fresh 0700 directory: the private key (0600)
 * and, for a builder on a port, an ssh config. `onDir` is told the directory before the key is
 * written, so the post step removes it even when this fails half-way.
 */
async function prepareBuilders(inputs, nixPath, ui, onDir, 
/** Nix builds through its daemon, which connects to builders as root and never sees NIX_SSHOPTS. */
daemon = false) {
    const dir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(runnerTemp(), DIR_PREFIX));
    onDir(dir);
    // NIX_SSHOPTS is split on spaces, so the config's path must have none.
    if (/\s/.test(dir))
        throw new Error(`The temporary directory ${dir} contains a space, which NIX_SSHOPTS cannot carry: set RUNNER_TEMP to a path without spaces.`);
    await (0,promises_.chmod)(dir, 0o700);
    let keyFile;
    if (inputs.builderSshKey) {
        keyFile = (0,external_node_path_.join)(dir, 'ssh-key');
        await (0,promises_.writeFile)(keyFile, inputs.builderSshKey, { mode: 0o600, flag: 'wx' });
        await (0,promises_.chmod)(keyFile, 0o600); // whatever the umask
    }
    const remaining = deadlineAfter(inputs.builderTimeoutSec);
    const routes = [];
    const lines = [];
    for (const given of inputs.builders) {
        const target = (0,machine_line/* parseSshUri */.am)(given.uri);
        let publicHostKey = given.publicHostKey ?? inputs.builderHostKey;
        if (!publicHostKey) {
            publicHostKey = await scanHostKey(target, remaining);
            ui.warning(`Input 'builder-host-key' is empty: trusting the host key ssh-keyscan read from ${given.uri} (${(0,ssh_keys/* hostKeyFingerprint */.E_)(publicHostKey)}). ` +
                `Anyone between this runner and the builder could have answered instead; pin the key with builder-host-key.`);
        }
        const line = { ...given, label: given.uri, sshKey: given.sshKey ?? keyFile, publicHostKey };
        if (target.port !== undefined) {
            const alias = (0,machine_line/* sshAlias */.BD)(target);
            routes.push({ alias, host: target.host, port: target.port });
            line.uri = (0,machine_line/* formatSshUri */.Gr)({ scheme: target.scheme, user: target.user, host: alias });
        }
        lines.push(line);
    }
    const env = {};
    if (routes.length > 0) {
        const config = (0,external_node_path_.join)(dir, 'ssh_config');
        await (0,promises_.writeFile)(config, (0,machine_line/* sshConfigText */.WA)(routes), { mode: 0o600 });
        env.NIX_SSHOPTS = [process.env.NIX_SSHOPTS, `-F ${config}`].filter(Boolean).join(' ');
        for (const l of lines.filter((l) => l.label !== l.uri))
            ui.info(`builder ${l.label} is ${l.uri} in nix.conf: its port is in ${config} (NIX_SSHOPTS -F)`);
        if (daemon) {
            const ports = routes.map((r) => `${r.host}:${r.port}`).join(', ');
            if (!(await canBeRoot())) {
                throw new Error(`Nix builds through its daemon here, which connects to builders as root and does not see NIX_SSHOPTS, and this user cannot write root's ssh config (no root, no passwordless sudo): ` +
                    `put the port of ${ports} in root's ssh config (Host … Port …), or let the builder listen on port 22. Nothing was built.`);
            }
            const file = (0,machine_line/* rootSshConfigFile */.bP)(dir);
            await runAsRoot('tee', [file], { input: (0,machine_line/* rootSshConfigText */.uu)(routes), echo: false });
            ui.info(`Nix builds through its daemon (as root), which does not see NIX_SSHOPTS: the port of ${ports} is also in ${file}, removed in the post step.`);
        }
    }
    return { dir, lines, setting: (0,machine_line/* buildersValue */.OV)(lines, await readBuildersSetting(nixPath)), env };
}
/** Removes a directory prepareBuilders made, and nothing else: the path comes back from saved state. */
async function removeBuilderDir(dir) {
    if (!basename(dir).startsWith(DIR_PREFIX))
        throw new Error(`refusing to remove ${dir}: it is not a directory this action created`);
    const info = await stat(dir).catch(() => undefined);
    if (!info)
        return false;
    if (!info.isDirectory())
        throw new Error(`refusing to remove ${dir}: it is not a directory`);
    await rm(dir, { recursive: true, force: true });
    return true;
}
/**
 * Waits until a builder answers `nix store ping`, at most `timeoutSec`: an on-demand builder (the
 * nix-rosetta-builder VM with onDemand) boots on the first connection, and a build started while it
 * boots fails. A machine whose key only root can read (nix-darwin's builders are root's) is pinged
 * through sudo, as the nix daemon would connect as root.
 */
async function warmBuilder(nix, builder, line, timeoutSec, ui) {
    const remaining = deadlineAfter(timeoutSec);
    const started = Date.now();
    const name = `${builder.uri}${builder.from ? ` (${builder.from})` : ''}`;
    let sudo = !isRoot() && !(line.sshKey === undefined || (await readable(line.sshKey))) && (await canSudo());
    let last = 'no answer';
    let attempts = 0;
    const ours = builder.from === machine_line/* FROM_INPUT */.Yw;
    ui.info(`waiting for builder ${name} to answer (at most ${timeoutSec} s)`);
    // 'unchecked': only root could reach it, and this user cannot become root (the daemon can).
    const ping = async () => {
        attempts++;
        const cmd = sudo ? { cmd: 'sudo', args: ['-n', nix.path, ...(0,machine_line/* pingArgs */.iO)(line)] } : { cmd: nix.path, args: (0,machine_line/* pingArgs */.iO)(line), env: nix.env };
        try {
            await (0,exec/* run */.eF)(cmd, { echo: false, timeoutMs: Math.max(1000, Math.min(remaining(), 30_000)) });
            return 'answered';
        }
        catch (e) {
            if (!(e instanceof exec/* CommandError */.Qd))
                throw e;
            const stderr = e.result.timedOut ? 'no answer' : e.result.stderr;
            last = e.message.replace(/\r/g, '').split('\n').slice(1).join(' ').trim() || stderr.trim() || 'no answer';
            const kind = (0,machine_line/* classifyPingFailure */.vE)(stderr);
            if (kind === 'unreadable-key' || (kind === 'auth' && !ours)) {
                if (!sudo && !isRoot() && (await canSudo())) {
                    sudo = true;
                    return ping();
                }
                if (!ours && !sudo)
                    return 'unchecked';
            }
            if (kind === 'host-key') {
                throw new BuilderRefused(ours
                    ? `Remote builder ${name}: its host key does not match (${last}). Give the right key in input 'builder-host-key' (or field 8 of its line in input 'builders').`
                    : `Remote builder ${name}: its host key does not match (${last}). Fix the host key in its machine line or in root's known_hosts.`);
            }
            if (kind === 'auth' || kind === 'unreadable-key') {
                throw new BuilderRefused(ours
                    ? `Remote builder ${name} refused the ssh key (${last}): authorize the public half of input 'builder-ssh-key' for its user, or name the right key file in field 3 of its line in input 'builders'.`
                    : `Remote builder ${name} refused root's ssh key (${last}): check the key in its machine line and root's ssh config for that host.`);
            }
            throw e;
        }
    };
    let outcome;
    try {
        outcome = await (0,retry/* retry */.L5)(ping, { delayMs: (0,retry/* untilDeadline */.Hm)(remaining, 2000), retryable: (e) => !(e instanceof BuilderRefused) });
    }
    catch (e) {
        if (e instanceof BuilderRefused)
            throw e;
        throw new Error(`Remote builder ${name} did not answer within ${timeoutSec} s (input 'builder-timeout', ${attempts} attempts): ${last}. ` +
            `Check that it is running and reachable from this runner; an on-demand builder may need a longer builder-timeout.`, { cause: e });
    }
    if (outcome === 'unchecked') {
        ui.notice(`Could not check builder ${name} as this user (its ssh key is root's, and sudo is not available): the nix daemon connects to it as root when building.`);
        return;
    }
    ui.info(`builder ${name} answered after ${((Date.now() - started) / 1000).toFixed(1)} s${attempts > 1 ? ` (${attempts} attempts)` : ''}${sudo ? ' (as root)' : ''}`);
}
/** A builder that answered and refused us: waiting longer will not help. */
class BuilderRefused extends Error {
}
/** Every builder the plan sends work to, as Nix will reach it, warmed one after the other. */
async function warmBuilders(nix, planned, prepared, timeoutSec, ui) {
    for (const builder of planned.builders) {
        const line = prepared?.lines.find((l) => l.label === builder.uri) ?? builder.line;
        if (!line || !(0,machine_line/* parseSshUri */.am)(line.uri))
            continue; // not an ssh machine: nothing to wake
        await warmBuilder(nix, builder, line, timeoutSec, ui);
    }
}

;// CONCATENATED MODULE: ./src/nix/emulation.ts
// QEMU user emulation through the kernel's binfmt_misc: lets an x86_64 runner build and run
// aarch64 images (and the reverse), many times slower than a native runner.




const BINFMT = '/proc/sys/fs/binfmt_misc';
// ELF header patterns from QEMU's qemu-binfmt-conf.sh, written with the \x escapes the kernel parses.
const HANDLERS = {
    'aarch64-linux': {
        qemu: 'qemu-aarch64',
        magic: '\\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\xb7\\x00',
        mask: '\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff',
    },
    'x86_64-linux': {
        qemu: 'qemu-x86_64',
        magic: '\\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x3e\\x00',
        mask: '\\xff\\xff\\xff\\xff\\xff\\xfe\\xfe\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff',
    },
};
/**
 * The binfmt registration line. F (fix-binary) makes the kernel open the interpreter now, so it
 * also works inside Nix's build sandbox and in containers, where its path does not exist.
 */
function registerLine(system, interpreter) {
    const h = HANDLERS[system];
    return `:${h.qemu}:M::${h.magic}:${h.mask}:${interpreter}:F`;
}
/** Foreign systems whose QEMU handler is registered and enabled. */
async function registeredSystems(dir = BINFMT) {
    let names;
    try {
        names = await (0,promises_.readdir)(dir);
    }
    catch {
        return [];
    }
    const found = [];
    for (const [system, h] of Object.entries(HANDLERS)) {
        for (const name of names.filter((n) => n.startsWith(h.qemu))) {
            const text = await (0,promises_.readFile)((0,external_node_path_.join)(dir, name), 'utf8').catch(() => '');
            if (/^enabled$/m.test(text)) {
                found.push(system);
                break;
            }
        }
    }
    return found;
}
async function qemuInterpreter(system) {
    const name = `${HANDLERS[system].qemu}-static`;
    return (await (0,exec/* which */.K7)(name)) ?? (await (0,exec/* which */.K7)(name, '/usr/bin:/usr/local/bin'));
}
async function canSetUp() {
    return process.platform === 'linux' && (await canBeRoot());
}
/** Registers QEMU handlers for the given systems, installing qemu-user-static when it is missing. */
async function setUpEmulation(systems, log, dir = BINFMT) {
    const missing = await registeredSystems(dir).then((r) => systems.filter((s) => !r.includes(s)));
    if (missing.length === 0) {
        log(`QEMU handlers already registered for ${systems.join(', ')}`);
        return;
    }
    try {
        await (0,promises_.access)((0,external_node_path_.join)(dir, 'register'));
    }
    catch {
        await runAsRoot('mount', ['-t', 'binfmt_misc', 'binfmt_misc', dir]);
    }
    for (const system of missing) {
        let interpreter = await qemuInterpreter(system);
        if (!interpreter && (await (0,exec/* which */.K7)('apt-get'))) {
            log('qemu-user-static is missing: installing it with apt-get');
            await runAsRoot('apt-get', ['install', '-y', '--no-install-recommends', 'qemu-user-static']);
            interpreter = await qemuInterpreter(system);
        }
        if (!interpreter) {
            throw new Error(`QEMU for ${system} (${HANDLERS[system].qemu}-static) is not installed and could not be installed: install qemu-user-static, or set emulate: false and build ${system} on a native runner.`);
        }
        // Installing the package may have registered the handler already.
        if ((await registeredSystems(dir)).includes(system))
            continue;
        const line = registerLine(system, interpreter);
        if (isRoot())
            await (0,promises_.writeFile)((0,external_node_path_.join)(dir, 'register'), line);
        else
            await runAsRoot('tee', [(0,external_node_path_.join)(dir, 'register')], { input: line });
        log(`registered ${interpreter} for ${system} (binfmt_misc, fix-binary)`);
    }
    const still = (await registeredSystems(dir)).filter((s) => systems.includes(s));
    if (still.length !== systems.length) {
        throw new Error(`QEMU handlers could not be registered for ${systems.filter((s) => !still.includes(s)).join(', ')}: check that binfmt_misc is available on this runner.`);
    }
}

;// CONCATENATED MODULE: ./src/pipeline/host.ts
// The facts about this runner that the plan depends on, gathered once.





/**
 * `given` are the builders from the action's inputs; they come before the ones this machine already
 * has (Nix's builders setting, /etc/nix/machines), so the plan names them when both build a system.
 */
async function probeHost(system, given = []) {
    const [binfmt, canEmulate, problem, detected] = await Promise.all([
        registeredSystems(),
        canSetUp(),
        dockerProblem(),
        findNix().then((nix) => {
            // Started here, alongside the other probes; read when Nix is set up (its failure is reported there).
            if (nix)
                nixVersion(nix).catch(() => undefined);
            return detectBuilders(nix);
        }),
    ]);
    return { system, binfmt, canEmulate, builders: (0,machine_line/* mergeBuilders */.RN)(given, detected), docker: !problem, dockerProblem: problem };
}

// EXTERNAL MODULE: ./src/config/settings.ts + 3 modules
var config_settings = __nccwpck_require__(39393);
// EXTERNAL MODULE: ./src/model.ts
var model = __nccwpck_require__(10182);
;// CONCATENATED MODULE: ./src/nix/config.ts
// The nix.conf lines a run needs, from its plan: extra platforms for QEMU, builders, the caches, and
// the user's extra-conf last.

/**
 * The systems this run builds here under QEMU: Nix must accept them as extra platforms. A derivation's
 * own system counts, so a cross-compiled image (an x86_64-linux derivation for aarch64-linux) needs none.
 */
function emulatedBuilds(plan) {
    return plan.emulate.filter((s) => plan.entries.some((e) => (0,model/* builtAs */.Jx)(e) === s && e.build === 'emulated'));
}
function extraPlatformsLine(plan) {
    const emulated = emulatedBuilds(plan);
    return emulated.length > 0 ? `extra-platforms = ${emulated.join(' ')}` : undefined;
}
/**
 * What evaluating the flake before planning needs: flakes, and the user's extra-conf (a token to
 * fetch a private input, say); nothing the plan decides yet.
 */
function evalConfig(extraConf, existing = '') {
    return [existing.trim(), FLAKES, extraConf.trim()].filter(Boolean).join('\n');
}
const FLAKES = 'extra-experimental-features = nix-command flakes';
/** The nix.conf lines this run needs, appended to whatever NIX_CONFIG the runner already has. */
function nixConfig(plan, extraConf, existing = '', builders, cacheLines = []) {
    const lines = [existing.trim(), FLAKES];
    const platforms = extraPlatformsLine(plan);
    if (platforms)
        lines.push(platforms);
    // `builders` is one string, not a list: the caller passes the whole value (ours, then what Nix had).
    if (builders)
        lines.push(`builders = ${builders}`);
    // Builders fetch what they can from their own caches instead of waiting for this runner's upload.
    if (plan.entries.some((e) => e.build === 'remote'))
        lines.push('builders-use-substitutes = true');
    // extra-substituters / extra-trusted-public-keys from the caches; before extra-conf so the user has the last word.
    lines.push(...cacheLines);
    lines.push(extraConf.trim());
    return lines.filter(Boolean).join('\n');
}

;// CONCATENATED MODULE: ./src/pipeline/plan.ts
// How each container × system is built and run on this host: a pure function of the settings, the
// host's facts and the derivations evaluated for the installables input, so every combination can
// be table-tested and the plan shown before any work.




class PlanError extends Error {
    constructor(message) {
        super(message);
        this.name = 'PlanError';
    }
}
const NATIVE_RUNNER = {
    'x86_64-linux': 'ubuntu-24.04',
    'aarch64-linux': 'ubuntu-24.04-arm',
};
/**
 * The reusable workflow's build matrix: one job per system, each on a runner of that system so it
 * builds natively; or, with `oneJob` (the installables input maps the systems to images
 * cross-compiled on one runner), one job for every system, on the first system's runner. `runners`
 * replaces the default label of a system (overrides for systems no job runs on are ignored). The
 * workflow's plan job prints this through the CLI's `matrix` command.
 */
function runnerMatrix(systems, runners = {}, oneJob = false) {
    const job = (system, all) => ({
        system,
        architectures: all.join(','),
        platform: all.map(config_platform/* ociPlatform */.Dr).join(','),
        arch: all.map(config_platform/* ociArch */.As).join('-'),
        runner: runners[system] ?? NATIVE_RUNNER[system],
    });
    if (oneJob && systems.length > 0)
        return { include: [job(systems[0], systems)] };
    return { include: systems.map((system) => job(system, [system])) };
}
/** QEMU can build or run this foreign system here: a handler is registered, or we may register one. */
function qemuPossible(system, host) {
    return (0,config_platform/* isLinux */.j9)(host.system) && (host.canEmulate || host.binfmt.includes(system));
}
/**
 * How the derivation of an image for `system` is built, by the derivation's own system (the image's,
 * unless the installables input names a cross-compiled one): on the runner when it is the runner's
 * system (cross when the image is for another) > remote (a builder that lists it) > emulated (QEMU)
 * > none, which fails before any work. emulate: true puts QEMU ahead of builders; false rules it out.
 * A darwin runner has no native Linux system and no QEMU: only builders build there.
 */
function chooseBuild(system, drvSystem, host, emulate) {
    if (drvSystem === host.system)
        return { build: drvSystem === system ? 'native' : 'cross' };
    const foreign = config_platform/* LINUX_SYSTEMS */.K.find((s) => s === drvSystem);
    if (!foreign) {
        throw new PlanError(`Cannot build the ${system} image on this ${host.system} runner: its derivation is for ${drvSystem}, which only a ${drvSystem} machine builds. Map ${system} to a derivation of ${host.system} (pkgsCross) or of ${system} with the input installables.`);
    }
    const remote = host.builders.find((b) => b.systems.includes(foreign));
    const qemu = qemuPossible(foreign, host);
    if (emulate === 'true' && qemu)
        return { build: 'emulated' };
    if (remote)
        return { build: 'remote', builder: remote.uri };
    if (emulate !== 'false' && qemu)
        return { build: 'emulated' };
    throw new PlanError(noWayToBuild(foreign, host, emulate));
}
function noWayToBuild(system, host, emulate) {
    const linux = (0,config_platform/* isLinux */.j9)(host.system);
    const ways = [
        `run this job on a ${system} runner (runs-on: ${NATIVE_RUNNER[system]}), or use the reusable workflow, which spreads systems over native runners`,
    ];
    ways.push(linux
        ? `give a Linux builder for ${system} with the inputs builders and builder-ssh-key`
        : `give a Linux builder for ${system} with the inputs builders and builder-ssh-key, or run on a self-hosted Apple Silicon Mac with nix-darwin's nix-rosetta-builder (GitHub-hosted macOS runners cannot start its VM)`);
    if (linux) {
        ways.push(emulate === 'false'
            ? `set emulate: auto to build it under QEMU user emulation (slow)`
            : `install QEMU user emulation (apt-get install qemu-user-static) and run with root or sudo`);
        ways.push(`cross-compile it on this runner: map ${system} to a ${host.system} derivation (nixpkgs' pkgsCross) with the input installables`);
    }
    const builders = host.builders.length
        ? `the builders found (${host.builders.map((b) => `${b.uri}: ${b.systems.join(', ')}`).join('; ')}) do not list ${system}`
        : 'no remote builder';
    const why = linux
        ? emulate === 'false'
            ? ', and emulate is false'
            : ', and QEMU cannot be set up'
        : ' (macOS runners need a Linux builder for Linux images)';
    return `Cannot build ${system} on this ${host.system} runner: no native support, ${builders}${why}. Ways out:\n${ways.map((w) => `  - ${w}`).join('\n')}`;
}
const BUILT_ELSEWHERE = {
    native: 'built here',
    cross: 'cross-compiled here',
    remote: 'built on a remote builder',
    emulated: 'built elsewhere',
};
function chooseRun(system, build, host, willEmulate, emulate) {
    if (!host.docker)
        return { run: 'none', runNote: `no docker CLI on this runner${(0,config_platform/* isLinux */.j9)(host.system) ? '' : ' (Colima or Docker Desktop would run it)'}` };
    // Docker Desktop and Colima run Linux containers in their own VM, for both architectures.
    if (!(0,config_platform/* isLinux */.j9)(host.system))
        return { run: 'docker-vm' };
    if (system === host.system)
        return { run: 'native' };
    if (willEmulate || host.binfmt.includes(system))
        return { run: 'emulated' };
    const why = emulate === 'false' ? 'emulate is false' : 'QEMU cannot be set up (no root or sudo)';
    return {
        run: 'none',
        runNote: `${BUILT_ELSEWHERE[build]}; this ${host.system} runner has no QEMU handler for ${system} and ${why}`,
    };
}
/**
 * `derivations` are the installables evaluated before planning (those the installables input
 * names): each is built as its derivation's system says. The others are built as their system.
 */
function makePlan(settings, host, derivations = new Map()) {
    if (!host.docker && settings.test && (0,config_platform/* isLinux */.j9)(host.system)) {
        throw new PlanError(`${host.dockerProblem ?? 'Docker is not available on this runner'}: the images cannot be loaded and smoke-tested. Start the Docker daemon (or install Docker), or set test: false to build and publish without running them.`);
    }
    const built = settings.containers.flatMap((container) => settings.systems.map((system) => {
        const target = (0,config_settings/* imageInstallable */.vP)(settings.flake, container, system);
        const drv = derivations.get(target);
        const drvSystem = drv?.system ?? system;
        return {
            container: container.name,
            system,
            platform: (0,config_platform/* ociPlatform */.Dr)(system),
            installable: target,
            ...(drv ? { drvPath: drv.drvPath } : {}),
            ...(drvSystem !== system ? { buildSystem: drvSystem } : {}),
            ...chooseBuild(system, drvSystem, host, settings.emulate),
        };
    }));
    const foreign = (s) => (0,config_platform/* isLinux */.j9)(host.system) && s !== host.system;
    // QEMU only where a foreign derivation is built under it, or a foreign image is smoke-tested: a
    // cross-compiled or remote-built image needs it to run, not to build.
    const emulate = config_platform/* LINUX_SYSTEMS */.K.filter((s) => foreign(s) &&
        (built.some((e) => e.build === 'emulated' && (0,model/* builtAs */.Jx)(e) === s) ||
            (settings.test && settings.emulate !== 'false' && (host.canEmulate || host.binfmt.includes(s)) && built.some((e) => e.system === s))));
    const entries = built.map((e) => ({ ...e, ...chooseRun(e.system, e.build, host, emulate.includes(e.system), settings.emulate) }));
    const warnings = [];
    for (const s of emulatedBuilds({ entries, emulate })) {
        warnings.push(`${s} is built under QEMU emulation on this ${host.system} runner: expect it to be many times slower than on a native ${NATIVE_RUNNER[s]} runner.`);
    }
    if (settings.emulate === 'true') {
        const remote = new Map(entries.filter((e) => e.build === 'remote').map((e) => [(0,model/* builtAs */.Jx)(e), e.builder]));
        for (const [s, builder] of remote) {
            warnings.push(`emulate is true, but ${(0,config_platform/* isLinux */.j9)(host.system) ? 'QEMU cannot be set up on this runner (no root or sudo)' : 'macOS runners have no QEMU user emulation'}: ${s} is built on ${builder} instead.`);
        }
    }
    const notices = [];
    const unrun = entries.filter((e) => e.run === 'none');
    for (const note of settings.test ? new Set(unrun.map((e) => e.runNote)) : []) {
        const platforms = [...new Set(unrun.filter((e) => e.runNote === note).map((e) => e.platform))];
        notices.push(`Smoke tests are skipped for ${platforms.join(', ')}: ${note}.`);
    }
    const used = new Set(entries.map((e) => e.builder));
    return { entries, emulate, builders: host.builders.filter((b) => used.has(b.uri)), warnings, notices };
}
/** Load order: foreign images first, so the plain tag ends up on the native image. */
function loadOrder(items, host) {
    const native = (0,config_platform/* nativeLinuxSystem */.p_)(host);
    return [...items.filter((i) => i.system !== native), ...items.filter((i) => i.system === native)];
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(73024);
;// CONCATENATED MODULE: ./src/nix/install.ts
// Installing Nix on a runner that has none: a pinned install script, checked against its SHA-256
// before it runs (it pins the release tarballs' hashes in turn), kept in the runner's tool cache.






const TOOL = 'nix-install-script';
async function sha256(file) {
    return (0,external_node_crypto_.createHash)('sha256')
        .update(await (0,promises_.readFile)(file))
        .digest('hex');
}
/** The install script, from the tool cache or downloaded, only ever returned once its hash matches. */
async function fetchInstaller(installer, log) {
    // The tool cache wants a semver; the checksum is what identifies an installer.
    const version = `0.0.0-h${installer.sha256.slice(0, 16)}`;
    // Loaded only here: most runners have Nix, and the tool cache is a large module to start with.
    const tc = await Promise.all(/* import() */[__nccwpck_require__.e(507), __nccwpck_require__.e(805)]).then(__nccwpck_require__.bind(__nccwpck_require__, 59805));
    let dir = tc.find(TOOL, version);
    if (dir) {
        log(`nix installer ${installer.sha256.slice(0, 12)} found in the tool cache`);
    }
    else {
        log(`downloading the nix installer from ${installer.url}`);
        const file = await tc.downloadTool(installer.url);
        const actual = await sha256(file);
        if (actual !== installer.sha256) {
            throw new Error(`The nix installer from ${installer.url} has SHA-256 ${actual}, not the pinned ${installer.sha256}: it was not run. If you changed nix-installer-url, set nix-installer-sha256 to match.`);
        }
        dir = await tc.cacheFile(file, 'install', TOOL, version);
    }
    const script = (0,external_node_path_.join)(dir, 'install');
    // The cache is a directory on the runner: check again what is about to run.
    if ((await sha256(script)) !== installer.sha256)
        throw new Error(`The cached nix installer ${script} does not match the pinned SHA-256; remove it and re-run.`);
    return script;
}
/**
 * What the CI installers (install-nix-action, nix-installer-action) put in nix.conf and the official
 * installer does not: flakes on, and the job's user trusted, so that the daemon accepts the run's
 * extra-platforms, substituters and builders.
 */
function installerConf(user) {
    return `experimental-features = nix-command flakes\ntrusted-users = root ${user}\n`;
}
/** Runs the verified installer: multi-user where systemd runs (GitHub's runners), else single-user. */
async function installNix(installer, log) {
    const script = await fetchInstaller(installer, log);
    const mode = process.platform === 'darwin' || (await exists('/run/systemd/system')) ? '--daemon' : '--no-daemon';
    const dir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(runnerTemp(), 'nca-nix-conf-'));
    try {
        const conf = (0,external_node_path_.join)(dir, 'nix.conf');
        await (0,promises_.writeFile)(conf, installerConf((0,external_node_os_.userInfo)().username));
        log(`installing Nix (${mode.slice(2)}) with flakes on and ${(0,external_node_os_.userInfo)().username} a trusted user, as the CI installers set it up`);
        await (0,exec/* run */.eF)({
            cmd: 'sh',
            args: [script, mode, '--yes', '--no-channel-add', '--nix-extra-conf-file', conf],
            env: { ...process.env, NIX_INSTALLER_NO_CHANNEL_ADD: '1' },
        });
    }
    finally {
        await (0,promises_.rm)(dir, { recursive: true, force: true });
    }
}

// EXTERNAL MODULE: ./src/image/kind.ts
var image_kind = __nccwpck_require__(98243);
;// CONCATENATED MODULE: ./src/nix/path-info.ts
// `nix path-info --json`: one reader for every caller, for every shape Nix prints. Nix 2.8 to 2.18
// (and Lix) print an array of objects, each with its `path` (a path the store lacks: `"valid": false`);
// Nix 2.19 and later an object keyed by path (a path the store lacks: null), which is also
// `--json-format 1` from Nix 2.33 on. Formats 2 and 3 wrap that object as
// `{"version", "storeDir", "info"}`, keyed by base names, with base names as references and deriver;
// format 3 differs from 2 only in its signatures, which nothing here reads.


/** A store path from either JSON form: absolute, or a base name in `storeDir`. */
function absolute(path, storeDir) {
    return path.startsWith('/') ? path : `${storeDir}/${path}`;
}
function storeDirOf(path) {
    return path.startsWith('/') ? path.slice(0, path.lastIndexOf('/')) : '/nix/store';
}
const number = (v) => (typeof v === 'number' ? v : undefined);
/**
 * A hash as text. Development versions of Nix before 2.33 printed format 2's hashes as objects
 * (`{"algorithm", "format", "hash"}`); Nix 2.33 went back to SRI strings before its release, so
 * readers of a PathInfo only ever see text.
 */
function hashText(v) {
    if (typeof v === 'string')
        return v;
    if (!v || typeof v !== 'object')
        return undefined;
    const { algorithm, format, hash } = v;
    if (typeof algorithm !== 'string' || typeof hash !== 'string')
        return undefined;
    if (hash.startsWith(`${algorithm}-`) || hash.startsWith(`${algorithm}:`))
        return hash;
    return format === 'base64' ? `${algorithm}-${hash}` : `${algorithm}:${hash}`;
}
/** The answer's entries, keyed by path or base name, and the store directory it names (formats 2 and 3). */
function entriesOf(data) {
    if (Array.isArray(data))
        return { entries: data.map((o) => [String(o.path), o]) };
    const o = data;
    // A keyed answer cannot have these keys: its keys are store paths.
    if (typeof o.version === 'number' && o.info && typeof o.info === 'object') {
        return { entries: Object.entries(o.info), storeDir: typeof o.storeDir === 'string' ? o.storeDir : undefined };
    }
    return { entries: Object.entries(o) };
}
function parsePathInfo(json, storeDir = '/nix/store') {
    const answer = entriesOf(JSON.parse(json));
    return answer.entries.map(([key, o]) => {
        const dir = answer.storeDir ?? (typeof o?.storeDir === 'string' ? o.storeDir : key.startsWith('/') ? storeDirOf(key) : storeDir);
        const path = absolute(key, dir);
        if (!o || o.valid === false)
            return { path, valid: false, references: [] };
        const refs = Array.isArray(o.references) ? o.references.map((r) => absolute(r, dir)) : [];
        return {
            path,
            valid: true,
            narHash: hashText(o.narHash),
            narSize: number(o.narSize),
            downloadSize: number(o.downloadSize),
            references: [...new Set(refs)].sort(),
            deriver: typeof o.deriver === 'string' ? absolute(o.deriver, dir) : undefined,
        };
    });
}
/**
 * `nix path-info` in JSON, in a form this Nix prints without complaint: Nix 2.33 added
 * --json-format and warns without it (a later release is to refuse); earlier versions and Lix refuse
 * the flag. Format 2 rather than the newest: every Nix with the flag has it, and format 3 changes
 * only the signatures.
 */
function pathInfoArgs(version) {
    return nixAtLeast(version, 2, 33) && !isLix(version) ? ['path-info', '--json', '--json-format', '2'] : ['path-info', '--json'];
}
/**
 * Runs `nix path-info` in JSON with `args` and reads its answer. `storeDir` resolves base names in
 * an answer that does not name its store directory; by default that of the first absolute path
 * among the arguments.
 */
async function queryPathInfo(nix, args, options = {}) {
    const { stdout } = await (0,exec/* run */.eF)({ cmd: nix.path, args: [...pathInfoArgs(nix.version), ...args], env: nix.env }, { echo: false, timeoutMs: options.timeoutMs });
    return parsePathInfo(stdout, options.storeDir ?? storeDirOf(args.find((a) => a.startsWith('/')) ?? ''));
}

;// CONCATENATED MODULE: ./src/nix/installables.ts
// Flake installables as Nix resolves them, and one `nix eval` per flake for what a run must know of
// several at once (their derivations, before planning; their packages' meta, for the SBOMs), instead
// of one Nix process each. `<flake>#.` is the flake's outputs themselves (a fragment that starts with
// a dot is an absolute attribute path, Nix 2.16 and later), so any attribute of it can be reached.


/** A Nix string literal: JSON's escapes are Nix's, but for `${`. */
function nixString(text) {
    return JSON.stringify(text).replace(/\$\{/g, '\\${');
}
/** `<flake>#<fragment>` → its parts (a flake reference holds no #). */
function splitInstallable(installable) {
    const hash = installable.indexOf('#');
    return hash < 0 ? { flake: installable, fragment: '' } : { flake: installable.slice(0, hash), fragment: installable.slice(hash + 1) };
}
/** An attribute path as Nix splits one: on dots, but not inside "quotes". */
function parseAttrPath(path) {
    const names = [];
    let current = '';
    for (let i = 0; i < path.length; i++) {
        if (path[i] === '.') {
            names.push(current);
            current = '';
        }
        else if (path[i] === '"') {
            const end = path.indexOf('"', i + 1);
            if (end < 0)
                throw new Error(`the attribute path ${path} has an unclosed quote`);
            current += path.slice(i + 1, end);
            i = end;
        }
        else {
            current += path[i];
        }
    }
    return path === '' ? [] : [...names, current];
}
/**
 * The attribute paths Nix tries for a fragment, in its order: `nix build` and `nix eval` look under
 * packages.<system> and legacyPackages.<system> first, then at the path as written; a leading dot
 * means the path as written only.
 */
function attrPathCandidates(fragment, system) {
    if (fragment.startsWith('.'))
        return [parseAttrPath(fragment.slice(1))];
    const path = parseAttrPath(fragment);
    return [['packages', system, ...path], ['legacyPackages', system, ...path], path];
}
const nixList = (items) => `[ ${items.join(' ')} ]`;
/**
 * The function `--apply` gets for `<flake>#.`: `fn` applied to the value each installable names (the
 * first of its candidate paths that exists), in order, or null where none does.
 */
function selectExpression(candidates, fn) {
    const paths = nixList(candidates.map((c) => nixList(c.map((path) => nixList(path.map(nixString))))));
    return [
        'outputs: let',
        "  at = path: builtins.foldl' (v: n: if builtins.isAttrs v && builtins.hasAttr n v then builtins.getAttr n v else null) outputs path;",
        "  first = builtins.foldl' (found: path: if found != null then found else at path) null;",
        `  fn = ${fn};`,
        `in map (paths: let v = first paths; in if v == null then null else fn v) ${paths}`,
    ].join('\n');
}
/**
 * `fn` of every installable's value, in the order given: one `nix eval` per flake they name (one, in
 * a usual run), null where the flake has no such attribute. `system` is the one Nix resolves a
 * fragment with (its `system` setting: this machine's).
 */
async function evaluateEach(nix, installables, fn, system = (0,config_platform/* detectHost */.k3)()) {
    const parts = installables.map(splitInstallable);
    const flakes = [...new Set(parts.map((p) => p.flake))];
    const answers = await Promise.all(flakes.map(async (flake) => {
        const mine = parts.filter((p) => p.flake === flake);
        const expression = selectExpression(mine.map((p) => attrPathCandidates(p.fragment, system)), fn);
        // --impure as the build evaluates (with the manifest apps), so a derivation is the one it builds.
        const args = ['eval', ...(nix.impure ? ['--impure'] : []), '--json', `${flake}#.`, '--apply', expression];
        const { stdout } = await (0,exec/* run */.eF)({ cmd: nix.path, args, env: nix.env }, { echo: false });
        return JSON.parse(stdout);
    }));
    const next = flakes.map(() => 0);
    return parts.map((p) => {
        const f = flakes.indexOf(p.flake);
        return answers[f][next[f]++];
    });
}
/** Installables that name no derivation (the flake has no such attribute, or it is no derivation). */
class InstallableError extends Error {
    constructor(message) {
        super(message);
        this.name = 'InstallableError';
    }
}
const DERIVATION = 'd: if (d.type or null) == "derivation" then { drvPath = d.drvPath; system = d.system; } else { notDerivation = true; }';
/**
 * Each installable's derivation and its system, from one evaluation per flake (instantiating the
 * derivations, as the build would first). Fails naming every installable that names no derivation.
 */
async function evaluateDerivations(nix, installables, system = (0,config_platform/* detectHost */.k3)()) {
    const unique = [...new Set(installables)];
    const answers = await evaluateEach(nix, unique, DERIVATION, system);
    const problems = [];
    const found = new Map();
    unique.forEach((installable, i) => {
        const answer = answers[i];
        if (answer === null) {
            const tried = attrPathCandidates(splitInstallable(installable).fragment, system).map((p) => p.join('.'));
            problems.push(`${installable}: the flake has no such attribute (Nix looks for ${tried.join(', ')})`);
        }
        else if ('notDerivation' in answer) {
            problems.push(`${installable} is not a derivation: it must build an image (dockerTools or nix2container)`);
        }
        else {
            found.set(installable, answer);
        }
    });
    if (problems.length > 0)
        throw new InstallableError(problems.join('\n'));
    return found;
}

;// CONCATENATED MODULE: ./src/image/build.ts
// The one nix build of a run: every installable in one invocation, what Nix did read from its log,
// and the images matched back to the plan, or a failure that names each system that did not build.







/**
 * With `outLink`, each result is linked there (outLink, outLink-1, …) and so is a garbage collector
 * root while the link lives: a daemon that collects on its own when the disk fills (Determinate
 * Nixd's managed GC) cannot delete an image between its build and its push.
 */
function buildArgs(installables, impure = false, outLink) {
    // --keep-going: one system's failure must not hide whether the others build.
    const link = outLink ? ['--out-link', outLink] : ['--no-link'];
    return ['build', ...(impure ? ['--impure'] : []), '--json', ...link, '--print-build-logs', '--keep-going', ...installables];
}
function emptyActivity() {
    return { built: [], fetched: [], warnings: [] };
}
/**
 * One line of `nix build`'s stderr (Nix 2.8 to 2.2x alike):
 *   building '/nix/store/…drv'...                     building '/nix/store/…drv' on 'ssh-ng://…'...
 *   copying path '/nix/store/…' from 'https://…'...
 * With --print-build-logs a builder's own output is prefixed with "<name>> ", so it cannot pass for these.
 */
function noteBuildLine(activity, line) {
    const built = /^building '(\/[^']+\.drv)'/.exec(line);
    if (built) {
        if (!activity.built.includes(built[1]))
            activity.built.push(built[1]);
        return;
    }
    const fetched = /^copying path '(\/[^']+)' from '[^']+'/.exec(line);
    if (fetched) {
        if (!activity.fetched.includes(fetched[1]))
            activity.fetched.push(fetched[1]);
        return;
    }
    if (/^warning: .*(substituter|trusted)/i.test(line))
        activity.warnings.push(line.replace(/^warning: /, ''));
}
function parseBuildLog(stderr, activity = emptyActivity()) {
    for (const line of stderr.split('\n'))
        noteBuildLine(activity, line);
    return activity;
}
/**
 * One `nix build` for every installable: Nix schedules them in parallel and shares the work.
 * `activity` is filled as the build runs, so a failed build still tells what it built. `alsoBuild`
 * (the manifest apps) are built in the same invocation; their results are known by their derivations.
 * The results are linked under `rootsDir` (see buildArgs) when one is given.
 */
async function buildAll(nix, entries, activity = emptyActivity(), alsoBuild = [], rootsDir) {
    const installables = [...entries.map((e) => e.installable), ...alsoBuild.map((a) => a.installable)];
    const others = new Set(alsoBuild.flatMap((a) => a.drvs));
    let stdout;
    try {
        ;
        ({ stdout } = await (0,exec/* run */.eF)({ cmd: nix.path, args: buildArgs(installables, nix.impure, rootsDir && (0,external_node_path_.join)(rootsDir, 'result')), env: nix.env }, { onStderrLine: (line) => noteBuildLine(activity, line) }));
    }
    catch (e) {
        if (e instanceof exec/* CommandError */.Qd)
            throw await explainBuildFailure(nix, entries, e);
        throw e;
    }
    const results = JSON.parse(stdout);
    return {
        images: await builtImages(nix, entries, results.filter((r) => !others.has(r.drvPath))),
        otherOutputs: results.filter((r) => others.has(r.drvPath)).flatMap((r) => Object.values(r.outputs)),
    };
}
async function builtImages(nix, entries, results) {
    const drvOf = await derivationsOf(nix, entries, results);
    return Promise.all(entries.map(async (entry) => {
        const result = results.find((r) => r.drvPath === drvOf.get(entry.installable));
        if (!result)
            throw new Error(`nix build reported no result for ${entry.installable}`);
        const storePath = result.outputs.out;
        const [kind, info] = await Promise.all([(0,image_kind/* detectKind */.i_)(storePath), (0,promises_.stat)(storePath)]);
        return { ...entry, storePath, drvPath: result.drvPath, kind, size: info.size };
    }));
}
/**
 * Which result is which entry's, as far as is sure without Nix: by the derivation evaluated for
 * planning, else by the derivation's system where one result alone can be it (one container per
 * system, as usual). Not by position: Nix reports results in the order of the installables, but a
 * derivation once per installable that names it, and one built for two of them more than once.
 * Entries left out need an evaluation.
 */
function pairResults(entries, results) {
    const pairs = new Map();
    for (const e of entries)
        if (e.drvPath && results.some((r) => r.drvPath === e.drvPath))
            pairs.set(e.installable, e.drvPath);
    const taken = new Set(pairs.values());
    const waiting = entries.filter((e) => !pairs.has(e.installable));
    for (const e of waiting) {
        const candidates = new Set(results.filter((r) => !taken.has(r.drvPath) && r.system === (0,model/* builtAs */.Jx)(e)).map((r) => r.drvPath));
        const rivals = new Set(waiting.filter((w) => (0,model/* builtAs */.Jx)(w) === (0,model/* builtAs */.Jx)(e)).map((w) => w.installable));
        if (candidates.size === 1 && rivals.size === 1)
            pairs.set(e.installable, [...candidates][0]);
    }
    return pairs;
}
/**
 * installable → derivation: pairResults, reading the results' systems from their .drv files only
 * when some entry was not evaluated before, and for what is still unknown one nix eval.
 */
async function derivationsOf(nix, entries, results) {
    let pairs = pairResults(entries, results);
    if (pairs.size < entries.length) {
        pairs = pairResults(entries, await Promise.all(results.map(async (r) => ({ drvPath: r.drvPath, system: await derivationSystem(r.drvPath) }))));
    }
    const unknown = entries.filter((e) => !pairs.has(e.installable)).map((e) => e.installable);
    if (unknown.length > 0) {
        for (const [installable, drv] of await evaluateDerivations(nix, unknown))
            pairs.set(installable, drv.drvPath);
    }
    return pairs;
}
/** The `system` a derivation file declares (read from the .drv itself, no Nix call). */
async function derivationSystem(drvPath) {
    return /\("system","([^"]+)"\)/.exec(await (0,promises_.readFile)(drvPath, 'utf8'))?.[1];
}
/**
 * The derivations a .drv file names as inputs (its second list: `Derive([outputs],[("/nix/store/….drv",
 * ["out"]),…],…)`), read from the file itself. Strings are skipped whole, so no value can pass for one.
 */
function parseDerivationInputs(aterm) {
    if (!aterm.startsWith('Derive(['))
        throw new Error('not a derivation (expected Derive([...)');
    const inputs = [];
    let depth = 0;
    let list = 0;
    for (let i = 'Derive('.length; i < aterm.length; i++) {
        const c = aterm[i];
        if (c === '"') {
            let end = i + 1;
            while (end < aterm.length && aterm[end] !== '"')
                end += aterm[end] === '\\' ? 2 : 1;
            // The first string of each tuple in the second top-level list is an input derivation.
            if (list === 2 && depth === 2 && aterm[i - 1] === '(')
                inputs.push(aterm.slice(i + 1, end));
            i = end;
        }
        else if (c === '[' || c === '(') {
            if (depth === 0 && c === '[')
                list++;
            depth++;
        }
        else if (c === ']' || c === ')') {
            depth--;
            if (depth < 0 || (depth === 0 && list === 2))
                break;
        }
    }
    return inputs;
}
/** The `out` path a .drv file declares (its first output), read from the file itself. */
function derivationOutput(aterm) {
    return /^Derive\(\[\("out","([^"]+)"/.exec(aterm)?.[1];
}
/**
 * dockerTools' conf JSON an image is made from (`<name>-conf.json`), found among the derivations it
 * is built from, reading .drv files directly: an input of a stream script, an input of the stream a
 * .tar.gz is piped from. Its output path, or undefined when none or several (a base image's too) are
 * within those two levels, or a .drv cannot be read here.
 */
async function confOfDerivation(drvPath) {
    let level = [drvPath];
    try {
        for (let depth = 0; depth < 2 && level.length > 0; depth++) {
            const inputs = [...new Set((await Promise.all(level.map(async (drv) => parseDerivationInputs(await (0,promises_.readFile)(drv, 'utf8'))))).flat())];
            const confs = inputs.filter((d) => d.endsWith('-conf.json.drv'));
            if (confs.length > 1)
                return undefined;
            if (confs.length === 1)
                return derivationOutput(await (0,promises_.readFile)(confs[0], 'utf8'));
            level = inputs;
        }
    }
    catch {
        return undefined;
    }
    return undefined;
}
/**
 * Which of `wanted` are in the derivation closure of `roots`, reading .drv files directly (no Nix
 * process); the walk stops once all are found, so a manifest app that names its images directly
 * costs one file read. undefined when a .drv cannot be read here (a store in another place).
 */
async function findInDerivationClosure(roots, wanted) {
    const found = new Set();
    const seen = new Set(roots);
    let level = [...roots];
    while (level.length > 0 && found.size < wanted.length) {
        for (const drv of level)
            if (wanted.includes(drv))
                found.add(drv);
        let inputs;
        try {
            inputs = await Promise.all(level.map(async (drv) => parseDerivationInputs(await (0,promises_.readFile)(drv, 'utf8'))));
        }
        catch {
            return undefined;
        }
        level = inputs.flat().filter((d) => !seen.has(d) && seen.add(d));
    }
    return found;
}
/** Some installables failed to build: the others are still reported. */
class BuildError extends Error {
    built;
    failed;
    constructor(message, built, failed) {
        super(message);
        this.built = built;
        this.failed = failed;
        this.name = 'BuildError';
    }
}
/** After a failed `nix build --keep-going`: which installables did build (failure path only). */
async function partialResults(nix, entries, error) {
    const checks = await Promise.all(entries.map(async (e) => {
        try {
            const [drv] = await queryPathInfo(nix, ['--derivation', e.installable]);
            // A path that was never built is reported as not valid (or Nix refuses to answer at all).
            const [out] = await queryPathInfo(nix, [e.installable]);
            return drv?.valid && out?.valid ? { drvPath: drv.path, outputs: { out: out.path } } : undefined;
        }
        catch {
            return undefined;
        }
    }));
    const okEntries = entries.filter((_, i) => checks[i]);
    const failed = entries.filter((_, i) => !checks[i]);
    const built = okEntries.length
        ? await builtImages(nix, okEntries, checks.filter((c) => !!c))
        : [];
    const names = (list) => list.map((e) => `${e.container} ${e.system}`).join(', ');
    const tail = error.result.stderr.trim().split('\n').slice(-15).join('\n');
    return new BuildError(`nix build failed for ${names(failed) || 'some installables'}${built.length ? ` (built: ${names(okEntries)})` : ''}; nothing was pushed.\n${tail}`, built, failed);
}
const MISSING_ATTR = /does not provide attribute '([^']+)'/;
/** Turn Nix's evaluation errors into ones that name the input and list what the flake has. */
async function explainBuildFailure(nix, entries, error) {
    const stderr = error.result.stderr;
    const missing = MISSING_ATTR.exec(stderr);
    if (missing) {
        // Nix lists every attribute path it tried; the one an entry asked for is among them.
        const tried = [
            ...stderr
                .slice(missing.index)
                .split('\n')[0]
                .matchAll(/'([^']+)'/g),
        ].map((m) => m[1]);
        const entry = entries.find((e) => tried.includes(`packages.${e.system}.${e.container}`)) ?? entries.find((e) => missing[1].includes(e.container));
        if (entry) {
            const flake = entry.installable.slice(0, entry.installable.indexOf('#'));
            const available = await listPackages(nix, flake, entry.system);
            const has = available === undefined
                ? `it has no packages for ${entry.system}`
                : available.length
                    ? `its packages for ${entry.system} are: ${available.join(', ')}`
                    : `its packages.${entry.system} is empty`;
            return new Error(`Input 'container': the flake ${flake} has no packages.${entry.system}.${entry.container}; ${has}.`);
        }
    }
    if (/path '.*' does not exist|is not a flake|does not contain a 'flake.nix'|getting status of .*: No such file/.test(stderr)) {
        const flake = entries[0].installable.slice(0, entries[0].installable.indexOf('#'));
        const why = stderr
            .trim()
            .split('\n')
            .filter((l) => l.includes('error'))
            .join(' ');
        return new Error(`Input 'flake': ${flake} does not exist or is not a flake (${why}); use a path to a directory with a flake.nix tracked by git, or a flake reference.`);
    }
    if (/builder for .* failed|build of .* failed|cannot build|failed with exit code/.test(stderr))
        return partialResults(nix, entries, error);
    return error;
}
async function listPackages(nix, flake, system) {
    const result = await (0,exec/* run */.eF)({
        cmd: nix.path,
        args: ['eval', '--json', `${flake}#packages`, '--apply', `p: if p ? "${system}" then builtins.attrNames p."${system}" else null`],
        env: nix.env,
    }, { echo: false, check: false });
    if (result.code !== 0)
        return undefined;
    return JSON.parse(result.stdout) ?? undefined;
}

// EXTERNAL MODULE: ./src/image/archive.ts
var archive = __nccwpck_require__(18031);
;// CONCATENATED MODULE: ./src/nix/meta.ts

// The walk follows the attributes that carry what ends up at run time, never build tools
// (nativeBuildInputs) or the stdenv itself, so it stays within the images' own closures. A
// dockerTools image keeps its `contents` only as an argument: it is read back through the
// image's `override` (makeOverridable), which only evaluates, and only where that override
// takes `contents` and `passthru`.
const WALK = `
  let
    isDrv = v: builtins.isAttrs v && (v.type or null) == "derivation";
    asList = v: if builtins.isList v then builtins.concatMap asList v else if isDrv v then [ v ] else [ ];
    str = v: if builtins.isString v then v else null;
    follow = [ "buildInputs" "propagatedBuildInputs" "depsHostHost" "depsHostHostPropagated" "depsTargetTarget" "depsTargetTargetPropagated" "paths" "contents" "copyToRoot" "deps" "layers" ];
    libcOf = d: let cc = d.stdenv.cc or null; in if builtins.isAttrs cc then asList (cc.libc or null) ++ asList ((cc.cc or { }).lib or null) else [ ];
    contentsOf = i:
      let
        s = i.stream or i;
        o = s.override or null;
        args = if builtins.isAttrs o then o.__functionArgs or { } else { };
      in
      if (s.isExe or false) && args ? passthru && args ? contents
      then asList ((o (old: { passthru = (old.passthru or { }) // { __ncaArgs = old; }; })).__ncaArgs.contents or [ ])
      else [ ];
    keyOf = d: let r = builtins.tryEval d.outPath; in if r.success then r.value else null;
    item = depth: d: { key = keyOf d; inherit depth d; };
    known = builtins.filter (x: x.key != null);
    closure = roots: builtins.genericClosure {
      startSet = known (map (item 0) roots);
      operator = x: if x.depth >= 16 then [ ] else known (map (item (x.depth + 1)) (builtins.concatMap (a: asList (x.d.\${a} or null)) follow ++ libcOf x.d));
    };
    licenseOf = l:
      if builtins.isAttrs l then { id = str (l.spdxId or null); name = str (l.fullName or (l.shortName or null)); }
      else if builtins.isString l then { id = null; name = l; }
      else null;
    first = v: if builtins.isList v then (if v == [ ] then null else builtins.head v) else v;
    describe = d:
      let
        m = d.meta or { };
        ids = m.identifiers or { };
        l = m.license or [ ];
      in {
        outputs = map (o: (d.\${o} or d).outPath) (d.outputs or [ "out" ]);
        name = str (d.name or null);
        pname = str (d.pname or null);
        version = str (d.version or null);
        description = str (m.description or null);
        homepage = str (first (m.homepage or null));
        licenses = builtins.filter (x: x != null && (x.id != null || x.name != null)) (map licenseOf (if builtins.isList l then l else [ l ]));
        cpe = str (ids.cpe or null);
        purl = str (ids.purl or (first (ids.purls or null)));
      };
    describeImage = i:
      let s = i.stream or i;
      in {
        conf = if isDrv (s.conf or null) then s.conf.outPath else null;
        packages = map (x: describe x.d) (closure ([ i ] ++ contentsOf i));
      };
  in
  describeImage`;
/** The walk, as a function of one image (evaluateEach applies it to each). */
const DESCRIBE_IMAGE = WALK.trim();
const optional = (v) => (typeof v === 'string' && v !== '' ? v : undefined);
/** The evaluation's answer, with empty fields dropped; an image it did not find has no packages (pure). */
function parseMeta(data) {
    return data.map((image) => ({
        conf: optional(image?.conf),
        packages: (image?.packages ?? []).map((p) => ({
            outputs: p.outputs ?? [],
            name: optional(p.name),
            pname: optional(p.pname),
            version: optional(p.version),
            description: optional(p.description),
            homepage: optional(p.homepage),
            licenses: (p.licenses ?? []).map((l) => ({ id: optional(l.id), name: optional(l.name) })),
            cpe: optional(p.cpe),
            purl: optional(p.purl),
        })),
    }));
}
/** One evaluation for every image (of each flake they come from, nix/installables.ts). */
async function evaluateMeta(nix, installables) {
    return parseMeta(await evaluateEach(nix, installables, DESCRIBE_IMAGE));
}
/** Each store path's package, by output path. */
function packagesByPath(packages) {
    const byPath = new Map();
    for (const p of packages)
        for (const o of p.outputs)
            if (!byPath.has(o))
                byPath.set(o, p);
    return byPath;
}

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __nccwpck_require__(38522);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __nccwpck_require__(57075);
;// CONCATENATED MODULE: ./src/image/contents.ts
// What an image holds, as Nix describes it: the store paths of its layers, read from the recipe the
// image was made from (dockerTools' conf JSON, nix2container's image.json), never from the layers'
// bytes. Only an image with no recipe in the local store is read (listFiles, through zlib and tar-stream).




const STORE_ENTRY = /^(?:\.?\/)*nix\/store\/([0-9a-df-np-sv-z]{32}-[^/]+)/;
/** The top-level store path an archive entry belongs to, or undefined: `nix/store/<h>-bash/bin/x` → `/nix/store/<h>-bash`. */
function storePathOfEntry(name) {
    const m = STORE_ENTRY.exec(name);
    return m ? `/nix/store/${m[1]}` : undefined;
}
/**
 * dockerTools' conf JSON (what stream_layered_image.py reads): one list of store paths per layer,
 * then the customisation layer (contents' symlinks and extraCommands' files, none of them a store
 * path of its own). A `from_image`'s layers come first and are not described.
 */
function confContents(json, where) {
    const conf = JSON.parse(json);
    if (!Array.isArray(conf.store_layers))
        throw new Error(`${where} has no store_layers: it is not a dockerTools conf JSON.`);
    const storePaths = new Set();
    for (const layer of conf.store_layers)
        for (const p of layer)
            storePaths.add(p);
    return {
        storePaths: [...storePaths].sort(),
        layers: conf.store_layers.length + 1,
        undescribedLayers: conf.from_image ? 1 : 0,
        source: `dockerTools conf ${where}`,
    };
}
/** The store paths a nix2container image.json puts in its layers. */
function nix2containerContents(json, where = 'the image.json') {
    const image = JSON.parse(json);
    const layers = image.layers ?? [];
    const storePaths = new Set();
    for (const layer of layers) {
        for (const p of layer.paths ?? []) {
            const path = p.path ? storePathOfEntry(p.path) : undefined;
            if (path)
                storePaths.add(path);
        }
    }
    return {
        storePaths: [...storePaths].sort(),
        layers: layers.length,
        undescribedLayers: layers.filter((l) => !l.paths?.length).length,
        source: `nix2container ${where}`,
    };
}
/** The store paths and other files of one layer's tar, plain or gzip. */
async function scanLayer(body, gzip, storePaths) {
    let otherFiles = 0;
    const input = gzip ? (0,external_node_stream_.pipeline)(external_node_stream_.Readable.from(body), (0,external_node_zlib_.createGunzip)(), () => undefined) : body;
    for await (const entry of (0,archive/* tarEntries */.O_)(input)) {
        const path = storePathOfEntry(entry.name);
        if (path)
            storePaths.add(path);
        else if (entry.type !== 'directory')
            otherFiles++;
    }
    return otherFiles;
}
/** Reads the archive's layers for the store paths they hold: for an image whose recipe is not here. */
async function scanContents(image) {
    const storePaths = new Set();
    let otherFiles = 0;
    let layers = 0;
    await (0,archive/* withArchive */.xc)((0,archive/* openArchive */.p_)(image), `${image.installable} (${image.storePath})`, (stream) => (0,archive/* listFiles */.CS)(stream, {
        onLayer: async (body, gzip) => {
            layers++;
            otherFiles += await scanLayer(body, gzip, storePaths);
        },
    }));
    return {
        storePaths: [...storePaths].sort(),
        otherFiles,
        layers,
        undescribedLayers: 0,
        source: 'the layers of the image archive (no recipe in the local store)',
    };
}
/**
 * What the image holds: from its recipe when `recipe` names one in the local store (a dockerTools
 * conf, or the nix2container image.json the build output is), else from its layers.
 */
async function imageContents(image, recipe) {
    if (image.kind === 'nix2container')
        return nix2containerContents(await (0,promises_.readFile)(image.storePath, 'utf8'), image.storePath);
    if (recipe)
        return confContents(await (0,promises_.readFile)(recipe, 'utf8'), recipe);
    return scanContents(image);
}

// EXTERNAL MODULE: ./node_modules/@cyclonedx/cyclonedx-library/dist.node/spdx.js
var spdx = __nccwpck_require__(61290);
// EXTERNAL MODULE: ./node_modules/packageurl-js/index.js
var packageurl_js = __nccwpck_require__(87091);
;// CONCATENATED MODULE: ./src/image/store-names.ts
// Store paths as SBOM components name them, pure: <hash>-<pname>-<version>[-output], purls, and
// Nix's hashes (base-32, hex or SRI) as CycloneDX wants them.
/** Outputs nixpkgs appends to a store name; `out` never appears there. */
const OUTPUTS = new Set(['bin', 'dev', 'lib', 'man', 'doc', 'info', 'devdoc', 'static', 'debug', 'sbin', 'modules', 'examples', 'python']);
const STORE_BASENAME = /^[0-9a-df-np-sv-z]{32}-(.+)$/;
/** `/nix/store/<hash>-bash-interactive-5.2p37` → `bash-interactive-5.2p37`. */
function storeNameOf(path) {
    const base = path.slice(path.lastIndexOf('/') + 1);
    return STORE_BASENAME.exec(base)?.[1] ?? base;
}
/**
 * Name and version the way Nix's builtins.parseDrvName splits them: the name runs up to the first
 * dash that is not followed by a letter. A known output suffix is split off the version.
 */
function parseStoreName(storeName) {
    for (let i = 0; i < storeName.length - 1; i++) {
        if (storeName[i] === '-' && !/[A-Za-z]/.test(storeName[i + 1])) {
            const name = storeName.slice(0, i);
            let version = storeName.slice(i + 1);
            const dash = version.lastIndexOf('-');
            if (dash > 0 && OUTPUTS.has(version.slice(dash + 1))) {
                const output = version.slice(dash + 1);
                version = version.slice(0, dash);
                return { name, version, output };
            }
            return { name, version };
        }
    }
    return { name: storeName };
}
/** A package URL: pkg:nix/<name>@<version>, percent-encoded as the purl spec asks. */
function nixPurl(parsed) {
    const enc = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    return `pkg:nix/${enc(parsed.name)}${parsed.version ? `@${enc(parsed.version)}` : ''}${parsed.output ? `?output=${enc(parsed.output)}` : ''}`;
}
const NIX32 = '0123456789abcdfghijklmnpqrsvwxyz';
const HASH_BYTES = { md5: 16, sha1: 20, sha256: 32, sha512: 64 };
const CDX_ALG = { md5: 'MD5', sha1: 'SHA-1', sha256: 'SHA-256', sha512: 'SHA-512' };
/** Nix's own base-32 (as in store paths and `sha256:…` hashes) to bytes. */
function decodeNix32(text, bytes) {
    const out = Buffer.alloc(bytes);
    for (let n = 0; n < text.length; n++) {
        const digit = NIX32.indexOf(text[text.length - n - 1]);
        if (digit === -1)
            throw new Error(`${JSON.stringify(text)} is not Nix base-32`);
        const b = n * 5;
        const i = b >> 3;
        const j = b & 7;
        out[i] |= (digit << j) & 0xff;
        if (i < bytes - 1)
            out[i + 1] |= digit >> (8 - j);
    }
    return out;
}
/**
 * A NAR hash as PathInfo gives it (SRI `sha256-<base64>` in Nix 2.4 and later, `sha256:<base-32>`
 * before, or `sha256:<hex>`) as a CycloneDX hash: hex content.
 */
function nixHashToHex(hash) {
    if (typeof hash !== 'string')
        return undefined;
    const m = /^(md5|sha1|sha256|sha512)[-:](.+)$/.exec(hash);
    if (!m)
        return undefined;
    const [, algorithm, value] = m;
    const bytes = HASH_BYTES[algorithm];
    let raw;
    if (value.length === bytes * 2 && /^[0-9a-f]+$/i.test(value))
        raw = Buffer.from(value, 'hex');
    else if (value.length === Math.ceil((bytes * 8) / 5) && [...value].every((c) => NIX32.includes(c)))
        raw = decodeNix32(value, bytes);
    else
        raw = Buffer.from(value, 'base64');
    if (raw.length !== bytes)
        return undefined;
    return { alg: CDX_ALG[algorithm], content: raw.toString('hex') };
}

;// CONCATENATED MODULE: ./package.json
const package_namespaceObject = /*#__PURE__*/JSON.parse('{"UU":"nix-container-action","rE":"1.0.0"}');
;// CONCATENATED MODULE: ./src/tool.ts
// The action's own name and version, as its SBOMs and user agent report them: from package.json.

const tool_TOOL = { name: package_namespaceObject.UU, version: package_namespaceObject.rE };

;// CONCATENATED MODULE: ./src/image/sbom.ts
// A CycloneDX SBOM for every built image, from what Nix knows of it: the store paths its recipe
// puts in its layers (image/contents.ts), their runtime closure and NAR hashes (`nix path-info
// --recursive`), and what the flake's evaluation says of each package (nix/meta.ts: licences,
// description, homepage, CPE, purl). Once pushed, the image component names the platform manifest
// by digest, as syft's and Docker's SBOMs do.









const SPEC_VERSION = '1.6';
function comparePaths(a, b) {
    return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
// ---- the closure -------------------------------------------------------------------------------
const BATCH = 500;
/**
 * Path info for store paths and everything they reference, for every image of a run at once. Paths
 * the local store does not have (an image built on a remote builder brings back only the image file)
 * are returned as invalid: they still become components, without hash or references.
 */
async function storeInfo(nix, paths) {
    const byPath = new Map();
    for (let i = 0; i < paths.length; i += BATCH) {
        const batch = paths.slice(i, i + BATCH);
        // One query when every path is in the store, as after a local build; Nix refuses a recursive
        // query of a path it lacks, so only then are the paths asked for one level first.
        const whole = await queryPathInfo(nix, ['--recursive', ...batch]).catch(() => undefined);
        if (whole) {
            for (const info of whole)
                byPath.set(info.path, info);
            continue;
        }
        const direct = await queryPathInfo(nix, batch);
        for (const info of direct)
            byPath.set(info.path, info);
        const valid = direct.filter((d) => d.valid).map((d) => d.path);
        if (valid.length === 0)
            continue;
        for (const info of await queryPathInfo(nix, ['--recursive', ...valid]))
            byPath.set(info.path, info);
    }
    return byPath;
}
/** The closure of `roots` within what the store said (pure): each path once, sorted. */
function closureWithin(infos, roots) {
    const seen = new Map();
    const queue = [...roots];
    for (let path = queue.pop(); path !== undefined; path = queue.pop()) {
        const info = infos.get(path);
        if (!info || seen.has(path))
            continue;
        seen.set(path, info);
        queue.push(...info.references);
    }
    return [...seen.values()].sort(comparePaths);
}
/** An RFC 4122 (version 5 layout) UUID from content, so the same image always gets the same SBOM. */
function contentUuid(text) {
    const h = (0,external_node_crypto_.createHash)('sha256').update(text).digest();
    h[6] = (h[6] & 0x0f) | 0x50;
    h[8] = (h[8] & 0x3f) | 0x80;
    const hex = h.subarray(0, 16).toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
/** Store paths nothing else in the closure refers to: the packages the image was asked to hold. */
function topLevel(closure) {
    const referenced = new Set(closure.flatMap((c) => c.references.filter((r) => r !== c.path)));
    return closure.filter((c) => !referenced.has(c.path));
}
/** nixpkgs' licences as CycloneDX takes them: an SPDX id it knows, else the licence's name. */
function licensesOf(meta) {
    return meta.licenses.flatMap((l) => {
        if (l.id && (0,spdx/* isSupportedSpdxId */.JD)(l.id))
            return [{ license: { id: l.id } }];
        const name = l.name ?? l.id;
        return name ? [{ license: { name } }] : [];
    });
}
/** A purl from meta, only when it parses as one. */
function validPurl(purl) {
    if (!purl)
        return undefined;
    try {
        return packageurl_js.PackageURL.fromString(purl).toString();
    }
    catch {
        return undefined;
    }
}
function isUrl(text) {
    try {
        return ['http:', 'https:', 'ftp:'].includes(new URL(text).protocol);
    }
    catch {
        return false;
    }
}
function componentOf(info, inImage, meta) {
    const parsed = parseStoreName(storeNameOf(info.path));
    const hash = nixHashToHex(info.narHash);
    const properties = [{ name: 'nix:store_path', value: info.path }];
    if (info.narSize !== undefined)
        properties.push({ name: 'nix:nar_size', value: String(info.narSize) });
    if (info.deriver)
        properties.push({ name: 'nix:deriver', value: info.deriver });
    if (parsed.output)
        properties.push({ name: 'nix:output', value: parsed.output });
    // Honest about what the SBOM could not see: a path the image lacks, or the store lacks.
    if (!inImage)
        properties.push({ name: 'nix:in_image', value: 'false' });
    if (!info.valid)
        properties.push({ name: 'nix:in_local_store', value: 'false' });
    if (!meta)
        properties.push({ name: 'nix:meta', value: 'false' });
    const name = meta?.pname ?? parsed.name;
    const version = meta?.pname ? meta.version : parsed.version;
    const licenses = meta ? licensesOf(meta) : [];
    return {
        type: 'library',
        'bom-ref': info.path,
        name,
        ...(version ? { version } : {}),
        ...(meta?.description ? { description: meta.description } : {}),
        ...(licenses.length ? { licenses } : {}),
        purl: validPurl(meta?.purl) ?? nixPurl({ ...parsed, name, version }),
        ...(meta?.cpe ? { cpe: meta.cpe } : {}),
        ...(meta?.homepage && isUrl(meta.homepage) ? { externalReferences: [{ type: 'website', url: meta.homepage }] } : {}),
        ...(hash ? { hashes: [hash] } : {}),
        properties,
    };
}
/** The document with its serial number derived from the rest of it. */
function withSerial(body) {
    const rest = { ...body };
    delete rest.serialNumber;
    return { ...rest, serialNumber: `urn:uuid:${contentUuid(JSON.stringify(rest))}` };
}
function buildSbom(subject, contents, closure, packages = new Map()) {
    const inImage = new Set(contents.storePaths);
    const infos = new Map(closure.map((c) => [c.path, c]));
    // Paths the image holds that path-info did not answer for are still components.
    for (const p of contents.storePaths)
        if (!infos.has(p))
            infos.set(p, { path: p, valid: false, references: [] });
    const all = [...infos.values()].sort(comparePaths);
    const components = all.map((c) => componentOf(c, inImage.has(c.path), packages.get(c.path)));
    const roots = topLevel(all).map((c) => c.path);
    const imageRef = subject.storePath;
    const properties = [
        { name: 'nix-container-action:closure_source', value: contents.source },
        { name: 'nix-container-action:layers', value: String(contents.layers) },
        { name: 'nix-container-action:components_with_meta', value: String(components.filter((c) => !c.properties?.some((p) => p.name === 'nix:meta')).length) },
    ];
    if (contents.otherFiles !== undefined)
        properties.push({ name: 'nix-container-action:files_outside_store', value: String(contents.otherFiles) });
    if (contents.undescribedLayers > 0)
        properties.push({ name: 'nix-container-action:undescribed_layers', value: String(contents.undescribedLayers) });
    return withSerial({
        $schema: `http://cyclonedx.org/schema/bom-${SPEC_VERSION}.schema.json`,
        bomFormat: 'CycloneDX',
        specVersion: SPEC_VERSION,
        version: 1,
        metadata: {
            // No timestamp: the same image gives the same SBOM, byte for byte.
            tools: { components: [{ type: 'application', 'bom-ref': `tool:${tool_TOOL.name}`, name: tool_TOOL.name, version: tool_TOOL.version }] },
            component: {
                type: 'container',
                'bom-ref': imageRef,
                name: subject.container,
                description: `${subject.installable} (${subject.platform})`,
                properties: [
                    { name: 'nix:store_path', value: subject.storePath },
                    { name: 'nix:system', value: subject.system },
                    { name: 'nix-container-action:platform', value: subject.platform },
                    { name: 'nix-container-action:kind', value: subject.kind },
                ],
            },
            properties,
        },
        components,
        dependencies: [
            { ref: imageRef, dependsOn: roots },
            ...all.map((c) => ({ ref: c.path, dependsOn: c.references.filter((r) => r !== c.path && infos.has(r)) })),
        ],
    });
}
/** `linux/arm64/v8` → the purl's `arch` qualifier, `arm64`. */
function archOf(platform) {
    return platform.split('/')[1] ?? platform;
}
/**
 * The SBOM of an image once pushed: its component names the platform manifest by digest, as a
 * `pkg:oci` purl (the repository in `repository_url`), so a scanner ties it to what was pushed.
 */
function bindToPush(bom, pushed, platform) {
    const repository = pushed.name.slice(pushed.name.lastIndexOf('/') + 1);
    const purl = new packageurl_js.PackageURL('oci', undefined, repository, pushed.digest, { arch: archOf(platform), repository_url: pushed.name }, undefined).toString();
    const others = (bom.metadata.component.properties ?? []).filter((p) => p.name !== 'nix-container-action:pushed');
    const component = {
        ...bom.metadata.component,
        version: pushed.digest,
        purl,
        properties: [...others, { name: 'nix-container-action:pushed', value: `${pushed.name}@${pushed.digest}` }],
    };
    return withSerial({ ...bom, metadata: { ...bom.metadata, component } });
}
/** Key of an image in the sboms output: `<container>/<system>`. */
function sbom_sbomKey(image) {
    return `${image.container}/${image.system}`;
}
function sbomFileName(image) {
    return `${image.container}-${image.system}.cdx.json`;
}
function sbomDirectory(env = process.env) {
    return (0,external_node_path_.join)(runnerTemp(env), 'nix-container-action', 'sbom');
}
const hasProperty = (c, name) => c.properties?.some((p) => p.name === name) ?? false;
function summarize(subject, bom, file, contents) {
    const byRef = new Map(bom.components.map((c) => [c['bom-ref'], c]));
    const roots = bom.dependencies.find((d) => d.ref === bom.metadata.component['bom-ref'])?.dependsOn ?? [];
    return {
        container: subject.container,
        system: subject.system,
        platform: subject.platform,
        file,
        components: bom.components.length,
        described: bom.components.filter((c) => !hasProperty(c, 'nix:meta')).length,
        topLevel: roots.map((r) => byRef.get(r)).map((c) => (c ? `${c.name}${c.version ? ` ${c.version}` : ''}` : '?')),
        notInStore: bom.components.filter((c) => hasProperty(c, 'nix:in_local_store')).length,
        otherFiles: contents.otherFiles,
        source: contents.source,
    };
}
async function writeBom(file, bom) {
    await (0,promises_.writeFile)(file, `${JSON.stringify(bom, null, 2)}\n`);
}
/** One image's SBOM, written to `<dir>/<container>-<system>.cdx.json`; `infos` holds its closure. */
async function writeSbom(image, contents, infos, packages, dir) {
    const bom = buildSbom(image, contents, closureWithin(infos, contents.storePaths), packages);
    await (0,promises_.mkdir)(dir, { recursive: true });
    const file = (0,external_node_path_.join)(dir, sbomFileName(image));
    await writeBom(file, bom);
    return { result: summarize(image, bom, file, contents), bom };
}

;// CONCATENATED MODULE: ./src/image/describe.ts
// The SBOM stage: one evaluation of the flake for every image (nix/meta.ts), each image's store
// paths from its recipe (image/contents.ts), and one CycloneDX file per image; after a push, each
// file is bound to the platform manifest it describes.







const describe_exists = (path) => (0,promises_.access)(path).then(() => true, () => false);
/**
 * Where an image's dockerTools conf JSON is in the local store: where the evaluation says (the
 * image's passthru), among the derivations it was built from, or, for a stream script, among its
 * runtime references (the script reads it). Undefined when it is not here: an archive substituted
 * from a cache comes without it.
 */
async function findRecipe(nix, image, conf) {
    if (image.kind === 'nix2container')
        return undefined;
    if (conf && (await describe_exists(conf)))
        return conf;
    const fromDerivation = await confOfDerivation(image.drvPath);
    if (fromDerivation && (await describe_exists(fromDerivation)))
        return fromDerivation;
    if (image.kind !== 'stream')
        return undefined;
    const [info] = await queryPathInfo(nix, [image.storePath]);
    const found = info?.references.filter((r) => r.endsWith('-conf.json')) ?? [];
    return found.length === 1 ? found[0] : undefined;
}
/** What the evaluation knew, or nothing (with a warning) when it failed: the SBOM is still made from the store. */
async function evaluate(nix, images, log, warn) {
    const started = Date.now();
    try {
        const metas = await evaluateMeta(nix, images.map((i) => i.installable));
        const packages = new Set(metas.flatMap((m) => m.packages.flatMap((p) => p.outputs))).size;
        log(`one evaluation of the flake gave the meta of ${packages} store paths for ${images.length} image(s) in ${((Date.now() - started) / 1000).toFixed(2)} s`);
        return metas;
    }
    catch (e) {
        warn(`The SBOMs carry no licences, descriptions or homepages: evaluating the flake's packages for their meta failed (${(0,src_errors/* messageOf */.b)(e).split('\n').slice(-3).join(' ')}). Components are still named from their store paths.`);
        return images.map(() => ({ packages: [] }));
    }
}
/** One SBOM per image, in build order, and a line in the log for each. */
async function writeSboms(nix, images, dir, log, warn) {
    const metas = await evaluate(nix, images, log, warn);
    // In turn: an image with no recipe is read whole, and one read at a time leaves the loads a core.
    const contents = [];
    for (const [i, image] of images.entries())
        contents.push(await imageContents(image, await findRecipe(nix, image, metas[i]?.conf)));
    // One query of the store for every image's closure.
    const infos = await storeInfo(nix, [...new Set(contents.flatMap((c) => c.storePaths))].sort());
    const results = [];
    for (const [i, image] of images.entries()) {
        const packages = packagesByPath(metas[i]?.packages ?? []);
        const { result } = await writeSbom(image, contents[i], infos, packages, dir);
        results.push(result);
        const extra = [
            result.notInStore ? `${result.notInStore} not in the local store (no hash, no references)` : '',
            result.otherFiles ? `${result.otherFiles} file${result.otherFiles === 1 ? '' : 's'} outside /nix/store not described` : '',
        ].filter(Boolean);
        log(`${image.container} ${image.platform}: ${result.components} components, ${result.described} with meta from the flake; ` +
            `top level: ${result.topLevel.join(', ') || '(none)'}; store paths from ${result.source}${extra.length ? `; ${extra.join('; ')}` : ''} → ${result.file}`);
    }
    return results;
}
/** Rewrites each SBOM to name the platform manifest it describes, in the first destination that has it. */
async function bindSboms(sboms, pushed, log) {
    for (const sbom of sboms) {
        const destination = pushed.find((p) => p.container === sbom.container && p.platforms.some((x) => x.platform === sbom.platform));
        const digest = destination?.platforms.find((x) => x.platform === sbom.platform)?.digest;
        if (!destination || !digest)
            continue;
        const bom = JSON.parse(await (0,promises_.readFile)(sbom.file, 'utf8'));
        await writeBom(sbom.file, bindToPush(bom, { name: destination.name, digest }, sbom.platform));
        sbom.pushed = `${destination.name}@${digest}`;
        log(`${sbom.container} ${sbom.platform}: the SBOM names ${sbom.pushed}`);
    }
}

;// CONCATENATED MODULE: ./src/image/platform-check.ts
// What platform each built image says it is for, read from the image itself before anything is
// loaded or pushed, and checked against the system it was built as. An image cross-compiled on one
// system can say another's architecture: nix2container's arch defaults to the Go architecture of the
// package set that makes the image.json (amd64 for an x86_64 package set, cross-compiled or not),
// and dockerTools' architecture to that of the package set dockerTools comes from.





/** os/architecture/variant of a docker config, or of dockerTools' conf JSON (the same keys at its top). */
function platformOfConfig(json, source) {
    const config = JSON.parse(json);
    const text = (v) => (typeof v === 'string' && v !== '' ? v : undefined);
    return { os: text(config.os), architecture: text(config.architecture), variant: text(config.variant), source };
}
/** nix2container's image.json: `arch`, a Go architecture; its images are Linux ones. */
function platformOfNix2container(json, source) {
    const arch = JSON.parse(json).arch;
    return { os: 'linux', architecture: typeof arch === 'string' && arch !== '' ? arch : undefined, source };
}
/**
 * Read from as little as tells: a nix2container image.json, dockerTools' conf when it is in the local
 * store (the stream script writes the config from it), else the archive itself up to its config
 * (all of a .tar.gz the layers of which come first; a stream script run once more).
 */
async function readPlatform(image, recipe) {
    if (image.kind === 'nix2container')
        return platformOfNix2container(await (0,promises_.readFile)(image.storePath, 'utf8'), `its image.json ${image.storePath}`);
    if (recipe) {
        // The stream script writes os linux whatever its conf says.
        const conf = platformOfConfig(await (0,promises_.readFile)(recipe, 'utf8'), `its dockerTools conf ${recipe}`);
        return { ...conf, os: 'linux' };
    }
    const config = await (0,archive/* archiveConfig */.fO)(image);
    return platformOfConfig(config.json, `its config ${config.name}, read from the archive`);
}
function describePlatform(p) {
    return [p.os ?? '(no os)', p.architecture ?? '(no architecture)', ...(p.variant ? [p.variant] : [])].join('/');
}
/**
 * Why an image cannot be published as its system's, or undefined when it says that system's
 * platform. Only arm64 has a variant, v8, which may be left out.
 */
function platformProblem(image, platform) {
    const arch = (0,config_platform/* ociArch */.As)(image.system);
    const variantOk = platform.variant === undefined || (arch === 'arm64' && platform.variant === 'v8');
    if ((platform.os ?? 'linux') === 'linux' && platform.architecture === arch && variantOk)
        return undefined;
    const fix = image.kind === 'nix2container'
        ? `set arch = "${arch}" in its nix2container.buildImage (the default is the Go architecture of the package set that builds it)`
        : `build it with the dockerTools of a ${image.system} package set (pkgsCross) or set architecture = "${arch}"`;
    return `${image.container} ${image.system} (${image.installable}) says ${describePlatform(platform)} (${platform.source}), not ${(0,config_platform/* ociPlatform */.Dr)(image.system)}: ${fix}.`;
}
/**
 * Whether the archive itself must be read now: not for an image its own system's derivation made
 * (the package set's architecture is that system's) that is loaded next, whose platform the load
 * checks before any push. Its config comes last in the archive, so the read would inflate all of it
 * once more: seconds a gigabyte, on a fresh runner whose images came from a binary cache.
 */
function readArchiveNow(image) {
    return (0,model/* builtAs */.Jx)(image) !== image.system || image.run === 'none';
}
/**
 * Every image's platform, read side by side, checked before anything is loaded or pushed; fails
 * naming every image that says another platform than its system's.
 */
async function checkPlatforms(nix, images, log) {
    const platforms = await Promise.all(images.map(async (image) => {
        const recipe = await findRecipe(nix, image);
        return recipe || image.kind === 'nix2container' || readArchiveNow(image) ? readPlatform(image, recipe) : undefined;
    }));
    const problems = [];
    images.forEach((image, i) => {
        const platform = platforms[i];
        if (!platform) {
            log(`${image.container} ${image.system}: checked as it is loaded (its recipe is not in this store)`);
            return;
        }
        const problem = platformProblem(image, platform);
        if (problem)
            problems.push(problem);
        else
            log(`${image.container} ${image.system}: ${describePlatform(platform)}, read from ${platform.source}`);
    });
    if (problems.length > 0) {
        throw new Error(`An image is not for the system it was built as; nothing was loaded or pushed.\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    }
}

;// CONCATENATED MODULE: ./src/nix/daemon.ts
// A multi-user Nix builds through its daemon, which takes the restricted settings a run needs
// (extra-platforms for QEMU, the caches' substituters and keys, builders) from a client only when it
// trusts that user. GitHub's runners run jobs as `runner`, which Nix's own installer does not trust:
// the daemon then ignores those settings and a foreign system's build fails late with Nix's raw
// "a 'aarch64-linux' with features {} is required". So before anything is built, the run either gets
// what it needs into the daemon's own nix.conf (root, or passwordless sudo as on GitHub's runners),
// or fails saying what to change.







/** `nix store info` from Nix 2.19 on (its old name `store ping` warns there). */
function storeInfoCommand(version) {
    return nixAtLeast(version, 2, 19) ? ['store', 'info', '--json'] : ['store', 'ping', '--json'];
}
/**
 * `nix store info --json` (`store ping` before Nix 2.19), from every Nix that has it (2.14 on). The
 * daemon's `url` is `daemon` or `unix://<socket>`, with the store's parameters after `?` since Nix
 * 2.31. `trusted` is missing before Nix 2.15, an integer up to 2.32 (and Determinate Nix before
 * 3.15), a boolean since; anything else says nothing about trust.
 */
function parseStoreInfo(json) {
    const info = JSON.parse(json);
    const url = typeof info.url === 'string' ? info.url.replace(/\?.*$/, '') : '';
    const trusted = typeof info.trusted === 'boolean' ? info.trusted : typeof info.trusted === 'number' ? info.trusted !== 0 : undefined;
    return { daemon: url === 'daemon' || url.startsWith('unix://'), trusted };
}
async function storeFacts(nixPath, version, env = process.env) {
    const r = await (0,exec/* run */.eF)({ cmd: nixPath, args: ['--extra-experimental-features', 'nix-command', ...storeInfoCommand(version)], env }, { echo: false, check: false, timeoutMs: 30_000 });
    if (r.code !== 0)
        return { daemon: false };
    try {
        return parseStoreInfo(r.stdout);
    }
    catch {
        return { daemon: false };
    }
}
/** The daemon's nix.conf: where NIX_CONF_DIR points (as the daemon reads it), else /etc/nix. */
function daemonConfFile(env = process.env) {
    return (0,external_node_path_.join)(env.NIX_CONF_DIR || '/etc/nix', 'nix.conf');
}
/**
 * Where the action's lines go: nix.conf itself, or the file it includes as nix.custom.conf.
 * Determinate Nix writes and rewrites /etc/nix/nix.conf itself (an upgrade would drop lines added
 * there) and includes nix.custom.conf for the machine's own settings.
 */
function settingsFile(confFile, confText) {
    for (const line of confText.split('\n')) {
        const m = /^\s*!?include\s+(\S+)\s*$/.exec(line);
        if (m && (0,external_node_path_.basename)(m[1]) === 'nix.custom.conf')
            return (0,external_node_path_.isAbsolute)(m[1]) ? m[1] : (0,external_node_path_.join)((0,external_node_path_.dirname)(confFile), m[1]);
    }
    return confFile;
}
/** How the daemon is restarted where the installer set it up: systemd on Linux, launchd on macOS under Nix's or Determinate's label. */
function restartCommand(platform, determinate) {
    if (platform === 'darwin')
        return { cmd: 'launchctl', args: ['kickstart', '-k', `system/${determinate ? 'systems.determinate.nix-daemon' : 'org.nixos.nix-daemon'}`] };
    return { cmd: 'systemctl', args: ['restart', 'nix-daemon.service'] };
}
/** The lines of `wanted` the file does not have yet (compared without spaces around '='). */
function missingLines(current, wanted) {
    const norm = (l) => l.trim().replace(/\s*=\s*/, ' = ');
    const have = new Set(current.split('\n').map(norm));
    return wanted.filter((l) => !have.has(norm(l)));
}
/** Restarts the nix daemon, returning the command it took; throws with what the command said. */
async function restartDaemon(determinate) {
    const { cmd, args } = restartCommand(process.platform, determinate);
    const path = await (0,exec/* which */.K7)(cmd);
    if (!path)
        throw new Error(`there is no ${cmd} on this machine`);
    try {
        await runAsRoot(path, args);
    }
    catch (e) {
        throw new Error((0,src_errors/* lastLines */.w)((0,src_errors/* messageOf */.b)(e), 3), { cause: e });
    }
    return [cmd, ...args].join(' ');
}
async function waitForDaemon(nixPath, version) {
    for (let i = 0; i < 40; i++) {
        if ((await storeFacts(nixPath, version)).daemon)
            return;
        await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error('nix-daemon did not answer within 10 s of its restart');
}
/** What a run needs from the daemon: extra platforms to emulate, the caches to substitute from, input builders. */
function daemonNeeds(platformsLine, emulated, cacheLines, builders) {
    return {
        lines: [
            ...(platformsLine ? [{ line: platformsLine, why: `to build ${emulated.join(', ')} under QEMU` }] : []),
            ...cacheLines.map((line) => ({ line, why: 'to substitute from the caches' })),
        ],
        trustOnly: [
            ...(builders.input ? [{ setting: 'builders', why: 'to build on the machines of input builders' }] : []),
            ...(builders.clientConfig ? [{ setting: 'builders', why: 'to build on the machines NIX_CONFIG names' }] : []),
        ],
    };
}
/** A builders line in the client's own NIX_CONFIG: only a trusted user's daemon takes it. */
function buildersInClientConfig(nixConfig) {
    return /^\s*(extra-)?builders\s*=\s*\S/m.test(nixConfig ?? '');
}
/**
 * Makes sure an untrusted user's daemon has what the run needs, before anything is built: appends
 * the missing lines to its nix.conf and restarts it (as root or with passwordless sudo), saying so;
 * otherwise fails naming trusted-users.
 */
async function ensureDaemonHas(nixPath, version, facts, needs, log) {
    if (!facts.daemon || facts.trusted !== false || (needs.lines.length === 0 && needs.trustOnly.length === 0))
        return;
    const user = (0,external_node_os_.userInfo)().username;
    const conf = daemonConfFile();
    const fix = `Add \`trusted-users = root ${user}\` to ${conf} and restart nix-daemon, or install Nix with cachix/install-nix-action or DeterminateSystems/nix-installer-action, which trust the runner's user.`;
    const ignored = [...needs.lines.map((n) => `${n.line.split('=')[0].trim()} (${n.why})`), ...needs.trustOnly.map((n) => `${n.setting} (${n.why})`)];
    const refuse = (why) => new Error(`Nix's daemon does not trust user '${user}', so it ignores settings this run needs: ${[...new Set(ignored)].join(', ')}; ${why}. Nothing was built. ${fix}`);
    if (needs.trustOnly.length > 0)
        throw refuse("the action does not write builders into the daemon's configuration");
    if (!(await canBeRoot()))
        throw refuse("this user is not root and has no passwordless sudo to add them to the daemon's nix.conf");
    const confText = await (0,promises_.readFile)(conf, 'utf8').catch(() => '');
    const file = settingsFile(conf, confText);
    const current = file === conf ? confText : await (0,promises_.readFile)(file, 'utf8').catch(() => '');
    const missing = missingLines(current, needs.lines.map((n) => n.line));
    if (missing.length === 0)
        return;
    const text = `\n# Added by nix-container-action: settings the daemon ignores from the untrusted user ${user}.\n${missing.join('\n')}\n`;
    await runAsRoot('tee', ['-a', file], { input: text, echo: false });
    let how;
    try {
        how = await restartDaemon(file !== conf);
    }
    catch (e) {
        throw new Error(`Nix's daemon does not trust user '${user}', so the action added ${missing.join('; ')} to ${file}, but could not restart nix-daemon to read them (${(0,src_errors/* messageOf */.b)(e)}). ` +
            `The daemon reads its configuration only when it starts: restart it the way this machine runs it, then run again. ` +
            `Or add \`trusted-users = root ${user}\` to ${conf} and restart it once: the action then passes these settings itself. Nothing was built.`, { cause: e });
    }
    await waitForDaemon(nixPath, version);
    log(`Nix's daemon does not trust user '${user}': added ${missing.join('; ')} to ${file} and restarted it (${how}).`);
}

// EXTERNAL MODULE: ./src/config/tags.ts
var tags = __nccwpck_require__(1189);
;// CONCATENATED MODULE: ./src/publish/flocken-script.ts
// What a flocken manifest app will do, read from the script mkDockerManifest generated, before it
// runs: every registry, repository and tag it pushes, and the credentials it logs in with. flocken
// decides these at evaluation (from the flake and the environment), so the built script is the only
// place that knows them; guessing them from the action's inputs would read back the wrong place.
// flocken's script, as src/docker-manifest/default.nix writes it (v2.x):
//   <podman> manifest push \ --all \ --format oci \ "<name>" \ "docker://<registry>/<repo>:<tag>"
//   <crane> tag \ "<registry>/<repo>:<first tag>" \ "<tag>"
//   <podman> login \ --username "<user>" \ --password "<password>" \ "<registry>"
const CONTINUED = String.raw `\s*\\\s*`;
const PUSH = new RegExp(String.raw `/bin/podman manifest push${CONTINUED}--all${CONTINUED}--format \S+${CONTINUED}"[^"]*"${CONTINUED}"docker://([^"]+)"`, 'g');
const TAG = new RegExp(String.raw `/bin/crane tag${CONTINUED}"([^"]+)"${CONTINUED}"([^"]+)"`, 'g');
const LOGIN = new RegExp(String.raw `/bin/podman login${CONTINUED}--username "([^"]*)"${CONTINUED}--password "([^"]*)"${CONTINUED}"([^"]+)"`, 'g');
/** registry/repo:tag → its parts; the tag is after the last ':' that follows the last '/'. */
function splitPushReference(ref) {
    const slash = ref.indexOf('/');
    const colon = ref.lastIndexOf(':');
    if (slash <= 0 || colon < ref.lastIndexOf('/'))
        return undefined;
    return { registry: ref.slice(0, slash), repository: ref.slice(slash + 1, colon), tag: ref.slice(colon + 1) };
}
/**
 * The destinations of a flocken script, in the order it pushes them; undefined when the text is not
 * a flocken script (a custom app), whose destinations cannot be known before it runs.
 */
function parseFlockenScript(text) {
    const destinations = [];
    for (const m of text.matchAll(PUSH)) {
        const ref = splitPushReference(m[1]);
        if (!ref)
            continue;
        destinations.push({ registry: ref.registry, repository: ref.repository, tags: [ref.tag] });
    }
    if (destinations.length === 0)
        return undefined;
    for (const m of text.matchAll(TAG)) {
        const source = splitPushReference(m[1]);
        const dest = source && destinations.find((d) => d.registry === source.registry && d.repository === source.repository && d.tags[0] === source.tag);
        if (dest && !dest.tags.includes(m[2]))
            dest.tags.push(m[2]);
    }
    for (const m of text.matchAll(LOGIN)) {
        for (const d of destinations.filter((d) => d.registry === m[3]))
            Object.assign(d, { username: m[1], password: m[2] });
    }
    return destinations;
}
const TAG_CHARS = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}/;
/**
 * The tags a script that is not flocken's names in full for registry/repository: the tags a Nix-built
 * app (the seed's mkMultiArchManifest, say) has written into it, such as its per-arch
 * `<version>-amd64`. A tag the script makes at run time (`$VERSION`) cannot be learned this way.
 */
function tagsNamedIn(script, registry, repository) {
    const prefix = `${registry}/${repository}:`;
    const tags = new Set();
    for (let at = script.indexOf(prefix); at >= 0; at = script.indexOf(prefix, at + prefix.length)) {
        // The reference starts here (after a quote, a space or docker://), not inside a longer name.
        const before = script.slice(Math.max(0, at - 2), at);
        if (before.length > 0 && before !== '//' && /[A-Za-z0-9_.\-/]$/.test(before))
            continue;
        const tag = TAG_CHARS.exec(script.slice(at + prefix.length))?.[0];
        if (tag)
            tags.add(tag);
    }
    return [...tags];
}
/**
 * A string from the script with its `$NAME` and `${NAME}` expanded from `env`, as bash expands it
 * when the script runs; undefined when a variable it names is unset or empty there.
 */
function expandVariables(value, env) {
    let missing = false;
    const expanded = value.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g, (_, braced, bare) => {
        const v = env[(braced ?? bare)];
        if (!v)
            missing = true;
        return v ?? '';
    });
    return missing || !expanded ? undefined : expanded;
}
/** What to tell a user whose flocken app did not evaluate: flocken's own words, and what fixes them. */
function explainFlockenError(stderr, manifest, ref) {
    const said = (text) => stderr.includes(text);
    if (said('At least one `tag` must be set')) {
        return (`flocken derived no tag for ${ref || 'this run'} from the manifest app ${manifest}. It tags a version (VERSION, which the action sets on a v1.2.3 tag, or the input version), ` +
            `the branch (its branch option, or GITHUB_REF_NAME in GitHub mode) and latest on the default branch. ` +
            `Set the action's version or tags input and use TAGS in the flake (tags = lib.splitString "," (builtins.getEnv "TAGS")), set flocken's branch, or run the publish only on tags and the default branch.`);
    }
    if (said('At least one `registry` must be set')) {
        return `The manifest app ${manifest} names no registry: flocken 2.5 and later need registries."<host>" = { repo = …; username = …; password = …; }, or github.enable = true for ghcr.io.`;
    }
    if (said('`github.actor` and `github.repo` must be set')) {
        return `The manifest app ${manifest} has github.enable but no actor or repository: the action sets GITHUB_ACTOR (input username) and GITHUB_REPOSITORY; outside GitHub, set github.actor and github.repo in the flake.`;
    }
    if (said('At least one `imageFile` or `imageStream` must be set')) {
        return `The manifest app ${manifest} has no images: set imageFiles (or imageStreams) to self.packages.<system>.<container> for each system.`;
    }
    if (/api\.github\.com|unable to download|fetchurl/i.test(stderr) && said('github')) {
        return `The manifest app ${manifest} uses flocken's GitHub mode, which reads the repository from GitHub's API while it evaluates: the runner must reach api.github.com (or set github.apiEndpoint).`;
    }
    return undefined;
}

// EXTERNAL MODULE: ./src/publish/publish.ts + 2 modules
var publish = __nccwpck_require__(68756);
;// CONCATENATED MODULE: ./src/publish/flocken.ts
// Publishing through the flake's manifest app (flocken's mkDockerManifest, or any app): evaluated and
// built as `nix run --impure` would, checked to push exactly the tested images, its destinations
// read from its script, then run.









/**
 * The environment a manifest app is evaluated, built and run with: what flocken's mkDockerManifest
 * reads with builtins.getEnv (VERSION, GITHUB_*), its run-time password ($GITHUB_TOKEN), and
 * REGISTRY/TAGS for flakes that want the action's choices. The same for every container, because
 * one nix build evaluates all the apps.
 */
function manifestEnv(settings, annotations = {}) {
    const version = settings.version ?? (0,tags/* versionFromRef */.YN)(settings.ref.ref);
    return {
        ...(version ? { VERSION: version } : {}),
        TAGS: settings.tags.join(','),
        // For flocken's `annotations` (a JSON object: builtins.fromJSON in the flake, see the README).
        ANNOTATIONS: JSON.stringify(annotations),
        REGISTRY: settings.registry,
        GITHUB_TOKEN: settings.password,
        GITHUB_ACTOR: settings.username,
        // flocken's GitHub mode pushes to $GITHUB_REPOSITORY as it is; registries take lowercase names only.
        GITHUB_REPOSITORY: settings.githubRepository.toLowerCase(),
        ...(0,tags/* cleanedRefEnv */.hr)(settings.ref),
    };
}
/** What a custom (non-flocken) app also gets when it runs: the container's own repository. */
function containerEnv(settings, container) {
    return { REPOSITORY: container.repository, IMAGE: `${settings.registry}/${container.repository}` };
}
/** The evaluation and build environment of the manifest apps: the run's, plus manifestEnv. */
function appNix(nix, settings, annotations) {
    return { ...nix, env: { ...nix.env, ...manifestEnv(settings, annotations) }, impure: true };
}
function manifestInstallable(flake, manifest) {
    return `${flake}#${manifest}`;
}
/**
 * The images a container's manifest app must push, as the flake names them: packages.<system>.<name>
 * of each system, or the attributes the installables input gives (another flake's, as a comment).
 */
function imageFiles(settings, container) {
    const systems = settings.systems.map((s) => `"${s}"`).join(' ');
    if (Object.keys(container.installables).length === 0)
        return `map (sys: inputs.self.packages.\${sys}.${container.name}) [ ${systems} ]`;
    const images = settings.systems.map((system) => {
        const { flake, fragment } = splitInstallable((0,config_settings/* imageInstallable */.vP)(settings.flake, container, system));
        return flake === settings.flake ? `inputs.self.${fragment.replace(/^\./, '')}` : `/* ${flake}#${fragment} */`;
    });
    return `[ ${images.join(' ')} ]`;
}
/** The Nix lines a flake without a manifest app needs, flocken's GitHub mode as its README shows it, for the error. */
function manifestSnippet(settings, container) {
    const lines = [
        `legacyPackages.\${system}.${container.manifest} = inputs.flocken.legacyPackages.\${system}.mkDockerManifest {`,
        `  imageFiles = ${imageFiles(settings, container)};`,
        `  version = builtins.getEnv "VERSION";`,
    ];
    if (settings.registry === 'ghcr.io') {
        lines.push(`  # pushes to ghcr.io/<owner>/<repo> as GITHUB_ACTOR with $GITHUB_TOKEN; tags the branch, latest on the default branch`, `  github.enable = true;`);
    }
    else {
        lines.push(`  branch = if builtins.getEnv "GITHUB_REF_TYPE" == "branch" then builtins.getEnv "GITHUB_REF_NAME" else "";`, `  registries."${settings.registry}" = {`, `    repo = "${container.repository}";`, `    username = "$GITHUB_ACTOR";`, `    password = "$GITHUB_TOKEN";`, `  };`);
    }
    lines.push(`};`);
    return lines.join('\n');
}
// The program nix run starts: an app's program, or a package's bin/<meta.mainProgram, pname or name>.
const APP_FIELDS = 'm: let app = (m.type or "") == "app"; in { derivation = (m.type or "") == "derivation"; ' +
    'drvs = builtins.attrNames (builtins.getContext (if app then m.program else m.drvPath)); ' +
    'program = if app then m.program else "${m}/bin/${m.meta.mainProgram or (m.pname or (builtins.parseDrvName m.name).name)}"; }';
/**
 * A manifest app and the derivations it depends on, evaluated as `nix run --impure` evaluates it
 * (`nix` from appNix), or a PublishError with the Nix to add when the flake has no such app, or with
 * flocken's own complaint explained. Run before building, so a missing app costs no build.
 */
async function manifestApp(nix, settings, container) {
    const installable = manifestInstallable(settings.flake, container.manifest);
    const result = await (0,exec/* run */.eF)({ cmd: nix.path, args: ['eval', '--impure', '--json', installable, '--apply', APP_FIELDS], env: nix.env }, { echo: false, check: false });
    if (result.code === 0)
        return { installable, env: nix.env ?? {}, ...JSON.parse(result.stdout) };
    if (/does not provide attribute/.test(result.stderr)) {
        throw new publish/* PublishError */.S1(`Input 'manifest-app': the flake ${settings.flake} has no manifest app ${container.manifest} (looked in apps, packages and legacyPackages).\n` +
            `Add one with flocken (input flocken.url = "github:mirkolenz/flocken/v2"), for example:\n\n${manifestSnippet(settings, container)}\n\n` +
            `or set publisher: builtin to let the action push the images itself.`);
    }
    const flocken = explainFlockenError(result.stderr, container.manifest, settings.ref.ref);
    if (flocken) {
        const said = result.stderr
            .split('\n')
            .filter((l) => /error|assert/i.test(l))
            .slice(-3)
            .join('\n');
        throw new publish/* PublishError */.S1(`${flocken}\nNothing was built or pushed. flocken said:\n${said}`);
    }
    throw new exec/* CommandError */.Qd({ cmd: nix.path, args: ['eval', '--impure', installable] }, result);
}
/** The images the app will push must be exactly the ones that were built and tested. */
async function checkManifestUsesBuiltImages(nix, manifestDrvs, images, manifest) {
    const wanted = images.map((i) => i.drvPath);
    let closure = await findInDerivationClosure(manifestDrvs, wanted);
    if (!closure) {
        const nixStore = (0,external_node_path_.join)(nix.path, '..', 'nix-store');
        const { stdout } = await (0,exec/* run */.eF)({ cmd: nixStore, args: ['--query', '--requisites', ...manifestDrvs], env: nix.env }, { echo: false });
        closure = new Set(stdout.split('\n').filter(Boolean));
    }
    const missing = images.filter((i) => !closure.has(i.drvPath));
    if (missing.length > 0) {
        const named = (list) => list.map((m) => `${m.container} ${m.system} (${m.installable})`).join(', ');
        throw new publish/* PublishError */.S1(`The manifest app ${manifest} does not push the images that were built and tested: ${named(missing)} ${missing.length === 1 ? 'is' : 'are'} not among its inputs; nothing was pushed. ` +
            `Point its imageFiles at the image of each system, as the action builds them: ${images.map((i) => i.installable).join(', ')}.`);
    }
}
/**
 * The whole environment a manifest app runs with. `login` is the action's for the registry input:
 * when it is one the runner had (no password input), it goes where the inputs' would, the
 * $GITHUB_ACTOR and $GITHUB_TOKEN that flocken's registries read at run time.
 */
function appRunEnv(app, settings, container, login) {
    const stored = login && login.password !== settings.password ? { GITHUB_ACTOR: login.username, GITHUB_TOKEN: login.password } : {};
    return { ...app.env, ...containerEnv(settings, container), ...stored };
}
/** The app's script, or '' when it cannot be read here or is too large to be a script. */
async function readScript(program) {
    try {
        const file = await (0,promises_.open)(program, 'r');
        try {
            const { size } = await file.stat();
            // flocken's script is a few kilobytes; a large file is some other program.
            return size <= 1024 * 1024 ? await file.readFile('utf8') : '';
        }
        finally {
            await file.close();
        }
    }
    catch {
        // Not readable here (e.g. a store elsewhere): treated as an app whose destinations are unknown.
        return '';
    }
}
/**
 * Every place the built app will push to, read from its script before it runs. A custom app's
 * destinations cannot be read: then the inputs say where to look, the tags its script names there
 * are checked too, and the log says so.
 */
async function appTargets(app, settings, container, log, loginFor = () => Promise.resolve({ username: settings.username, password: settings.password })) {
    const manifest = container.manifest;
    const script = await readScript(app.program);
    const destinations = parseFlockenScript(script);
    if (!destinations) {
        const fallback = (0,publish/* inputTarget */.AO)(settings, container, await loginFor(settings.registry));
        const alsoTagged = tagsNamedIn(script, fallback.registry, fallback.repository).filter((t) => !fallback.tags.includes(t));
        log(`${manifest} is not a flocken script (${app.program}), so where it pushes cannot be read before it runs: the action reads back ${fallback.registry}/${fallback.repository} with tags ${fallback.tags.join(', ')} (inputs registry, repository and tags)` +
            (alsoTagged.length ? `, and the tags its script names there: ${alsoTagged.join(', ')}.` : '.'));
        return { targets: [{ ...fallback, alsoTagged }], flocken: false };
    }
    const env = appRunEnv(app, settings, container, await loginFor(settings.registry));
    const targets = await Promise.all(destinations.map(async (d) => {
        const username = d.username === undefined ? undefined : expandVariables(d.username, env);
        const password = d.password === undefined ? undefined : expandVariables(d.password, env);
        (0,exec/* registerSecret */.cl)(password);
        return {
            registry: d.registry,
            repository: d.repository,
            tags: d.tags,
            // The app's own login for that registry; the action's when the script's names no set variable.
            credentials: username && password ? { username, password } : await loginFor(d.registry),
            source: `flocken's script ${app.program}`,
        };
    }));
    return { targets, flocken: true };
}
/** Starts the built app's program as `nix run --impure` would, with the environment it was evaluated with. */
async function runManifestApp(app, settings, container, targets, log, login) {
    const manifest = container.manifest;
    const once = async () => {
        try {
            await (0,exec/* run */.eF)({ cmd: app.program, args: [], env: appRunEnv(app, settings, container, login) });
        }
        catch (e) {
            // Refused part-way: a refused login, or a token that ran out mid-push if the registry still takes it.
            if ((0,publish/* verdictOf */.Vj)(e)?.kind === 'refused-login' && (await (0,publish/* loginsAccepted */.al)(targets)))
                throw new publish/* LoginLapsed */.R8(e);
            throw e;
        }
    };
    try {
        await (0,publish/* withRetries */.LH)(`The manifest app ${manifest}`, once, log);
    }
    catch (e) {
        throw (0,publish/* explainPushFailure */.sA)(e, targets, (0,publish/* loginOf */.DQ)(targets, settings), `The manifest app ${manifest} failed`);
    }
}

;// CONCATENATED MODULE: ./src/publish/annotations.ts
// OCI metadata on what is pushed. ghcr.io links a package to its repository by
// org.opencontainers.image.source and shows its description and licenses: without them a new
// package is an orphan. Every value comes from the commit (created is its commit time, not the
// clock), so a re-run of the same commit pushes the same digests.




const OCI = 'org.opencontainers.image';
/** The annotations the action writes by itself, from what is known of the source. */
function defaultAnnotations(facts) {
    const out = {};
    for (const [name, value] of Object.entries(facts))
        if (value)
            out[`${OCI}.${name}`] = value;
    return out;
}
/**
 * One container's annotations: the defaults (titled by the last part of its repository) on both
 * levels, then the input's lines on theirs (a line overrides a default).
 */
function annotationSet(facts, repository, user) {
    const defaults = defaultAnnotations({ ...facts, title: facts.title ?? repository.split('/').pop() });
    const set = { index: { ...defaults }, manifest: { ...defaults } };
    for (const a of user)
        for (const level of a.levels)
            set[level][a.key] = a.value;
    return set;
}
/** A commit time (seconds since the epoch, as `git show --format=%ct` prints it) as RFC 3339 UTC. */
function commitTime(seconds) {
    const n = Number(seconds.trim());
    return Number.isInteger(n) && n > 0 ? new Date(n * 1000).toISOString().replace(/\.000Z$/, 'Z') : undefined;
}
/** What GitHub's API says of the repository; undefined, with the reason logged, when it does not answer. */
async function repositoryFacts(apiUrl, repository, token, log) {
    const url = `${apiUrl.replace(/\/+$/, '')}/repos/${repository}`;
    try {
        const headers = { accept: 'application/vnd.github+json', 'user-agent': 'nix-container-action' };
        if (token)
            headers.authorization = `Bearer ${token}`;
        const res = await (0,http/* httpRequest */.a)(url, { headers, idleTimeoutMs: 10_000 });
        if (res.status !== 200) {
            await res.discard();
            throw new Error(`HTTP ${res.status}`);
        }
        const repo = await res.json();
        const spdx = repo.license?.spdx_id;
        return {
            source: repo.html_url,
            description: repo.description ?? undefined,
            licenses: spdx && spdx !== 'NOASSERTION' ? spdx : undefined,
            url: repo.homepage || undefined,
        };
    }
    catch (e) {
        log(`annotations: ${url} did not answer (${(0,src_errors/* messageOf */.b)(e)}), so description and licenses are left out; give them with the annotations input.`);
        return undefined;
    }
}
/** The directory of a flake given as a local path (`.`, `./sub`, `/abs`, `path:…`, `git+file://…`); undefined otherwise. */
function localFlakeDir(flake) {
    const path = flake
        .replace(/^path:/, '')
        .replace(/^git\+file:\/\//, '')
        .replace(/[?#].*$/, '');
    return /^[./]/.test(path) ? (0,external_node_path_.resolve)(path) : undefined;
}
/** The commit the flake directory has checked out and its time, or nothing outside a git checkout. */
async function gitFacts(dir) {
    if (!dir)
        return {};
    const r = await (0,exec/* run */.eF)({ cmd: 'git', args: ['-C', dir, 'show', '--no-patch', '--format=%H %ct', 'HEAD'] }, { echo: false, check: false }).catch(() => undefined);
    const [revision, seconds] = r?.code === 0 ? r.stdout.trim().split(' ') : [];
    return revision ? { revision, created: commitTime(seconds ?? '') } : {};
}
/** Everything the default annotations need; never fails (what cannot be found is left out). */
async function sourceFacts(ctx, log) {
    const [git, repo] = await Promise.all([
        gitFacts(ctx.flakeDir),
        ctx.repository ? repositoryFacts(ctx.apiUrl, ctx.repository, ctx.githubToken, log) : Promise.resolve(undefined),
    ]);
    return {
        source: repo?.source ?? (ctx.repository ? `${ctx.serverUrl.replace(/\/+$/, '')}/${ctx.repository}` : undefined),
        revision: git.revision ?? (ctx.sha || undefined),
        created: git.created,
        version: ctx.version,
        description: repo?.description,
        licenses: repo?.licenses,
        url: repo?.url,
    };
}

// EXTERNAL MODULE: ./src/publish/verify.ts
var verify = __nccwpck_require__(89458);
;// CONCATENATED MODULE: ./src/registry/credentials.ts
// The logins a runner already has for a registry, found where docker and podman keep them:
// docker/login-action and `docker login` write Docker's config.json (or hand the secret to a
// credential helper such as ECR's or GCR's), `podman login` writes its auth.json. The secret is
// read from the file or from the helper's stdout, never put on a command line.





/** Docker Hub's logins are kept under its old index URL; every other key is the registry's host, maybe with a scheme or path. */
function registryKey(key) {
    const host = key
        .replace(/^[a-z]+:\/\//, '')
        .replace(/\/.*$/, '')
        .toLowerCase();
    return host === 'index.docker.io' || host === 'registry-1.docker.io' ? 'docker.io' : host;
}
/** The files to look in, in docker's order, then podman's (which also reads Docker's config last). */
function authFiles(env = process.env, home = (0,external_node_os_.homedir)()) {
    const docker = (0,external_node_path_.join)(env.DOCKER_CONFIG || (0,external_node_path_.join)(home, '.docker'), 'config.json');
    const podman = env.REGISTRY_AUTH_FILE
        ? [env.REGISTRY_AUTH_FILE]
        : [...(env.XDG_RUNTIME_DIR ? [(0,external_node_path_.join)(env.XDG_RUNTIME_DIR, 'containers', 'auth.json')] : []), (0,external_node_path_.join)(home, '.config', 'containers', 'auth.json')];
    return [{ path: docker, docker: true }, ...podman.map((path) => ({ path, docker: false }))];
}
/** What one file says for a registry: a login, a credential helper to ask, or nothing. */
function lookUp(file, registry, docker) {
    const wanted = registryKey(registry);
    if (docker) {
        const helper = Object.entries(file.credHelpers ?? {}).find(([key]) => registryKey(key) === wanted)?.[1];
        if (helper)
            return { helper };
    }
    const entry = Object.entries(file.auths ?? {}).find(([key]) => registryKey(key) === wanted)?.[1];
    if (entry?.auth) {
        const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon > 0)
            return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
    }
    if (entry?.username && entry.password)
        return { username: entry.username, password: entry.password };
    if (docker && file.credsStore)
        return { helper: file.credsStore };
    return undefined;
}
/** The docker-credential-* protocol: `get`, the server on stdin, `{"Username","Secret"}` on stdout. */
function parseHelperAnswer(stdout) {
    const answer = JSON.parse(stdout);
    if (typeof answer.Username !== 'string' || typeof answer.Secret !== 'string' || !answer.Secret)
        return undefined;
    // An identity token (an OAuth refresh token) is not a password the registry's token service takes.
    if (answer.Username === '<token>')
        return undefined;
    return { username: answer.Username, password: answer.Secret };
}
async function askHelper(helper, registry, env) {
    const cmd = `docker-credential-${helper}`;
    const result = await (0,exec/* run */.eF)({ cmd, args: ['get'], env }, { input: registry, echo: false, check: false, timeoutMs: 30_000 }).catch((e) => {
        throw new Error(`the credential helper ${cmd} could not be run (${(0,src_errors/* messageOf */.b)(e)})`, { cause: e });
    });
    // Helpers say "credentials not found in native keychain" and exit 1 when they have none.
    if (result.code !== 0)
        return undefined;
    try {
        return parseHelperAnswer(result.stdout);
    }
    catch (e) {
        throw new Error(`the credential helper ${cmd} answered something that is not its JSON`, { cause: e });
    }
}
/** The runner's login for a registry, or undefined when no file and no helper has one. */
async function storedLogin(registry, env = process.env, home = (0,external_node_os_.homedir)()) {
    for (const { path, docker } of authFiles(env, home)) {
        let file;
        try {
            file = JSON.parse(await (0,promises_.readFile)(path, 'utf8'));
        }
        catch (e) {
            if (e.code === 'ENOENT')
                continue;
            throw new Error(`${path} could not be read as JSON (${(0,src_errors/* messageOf */.b)(e)})`, { cause: e });
        }
        const found = lookUp(file, registry, docker);
        if (!found)
            continue;
        if (!('helper' in found))
            return { ...found, from: path };
        // Docker Hub's logins are asked for by its old index URL, as docker itself asks.
        const server = registryKey(registry) === 'docker.io' ? 'https://index.docker.io/v1/' : registryKey(registry);
        const login = await askHelper(found.helper, server, env);
        if (login)
            return { ...login, from: `${path} (credential helper docker-credential-${found.helper})` };
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/publish/login.ts



/** Whether the password input is a login for this registry, not just the workflow token it defaults to. */
function inputsLogin(settings) {
    return !!settings.password && (settings.registry === 'ghcr.io' || settings.password !== settings.githubToken);
}
/** A stored login for a registry, its secret masked before anything can print it. */
async function storedLoginFor(registry, ui) {
    const login = await storedLogin(registry);
    if (login) {
        (0,exec/* registerSecret */.cl)(login.password);
        ui.mask?.(login.password);
    }
    return login;
}
/**
 * The login for the registry input, found before anything is built: a push that cannot log in
 * fails now, naming where it looked, not after the build and the tests.
 */
async function registryLogin(settings, ui) {
    if (inputsLogin(settings))
        return { username: settings.username, password: settings.password, from: publish/* FROM_INPUTS */.RT };
    const stored = await storedLoginFor(settings.registry, ui);
    if (stored) {
        ui.info(`${settings.registry}: logging in as ${stored.username}, the login found in ${stored.from}.`);
        return stored;
    }
    if (settings.password)
        return { username: settings.username, password: settings.password, from: 'input password (the workflow token)' };
    throw new publish/* PublishError */.S1(`Input 'password' is empty and this runner has no login for ${settings.registry} (looked in ${authFiles()
        .map((f) => f.path)
        .join(', ')}): pass username and password, or log in first (docker/login-action, docker login, podman login). Nothing was built or pushed.`);
}

;// CONCATENATED MODULE: ./src/publish/publisher.ts








/** Where the source annotations are read from: the flake's checkout, the commit, GitHub. */
function sourceContext(settings) {
    return {
        flakeDir: localFlakeDir(settings.flake),
        sha: settings.ref.sha,
        repository: settings.githubRepository,
        ...settings.github,
        githubToken: settings.githubToken,
        version: settings.version ?? (0,tags/* versionFromRef */.YN)(settings.ref.ref),
    };
}
/**
 * What flocken's `annotations` get (through $ANNOTATIONS): the same for every app, as one build
 * evaluates them all, so no per-container title (flocken's GitHub mode gives the repository's).
 */
function flockenAnnotations(facts, settings) {
    return annotationSet({ ...facts, title: '' }, '', settings.annotations).index;
}
/**
 * With flocken, every manifest app must exist before anything is built. A nix2container image needs
 * none (without one it is pushed by digest): asked only when the app is missing, so the usual run
 * pays nothing.
 */
async function findApps(settings, nix, evaluating) {
    const apps = new Map();
    if (!settings.push || settings.publisher !== 'flocken')
        return apps;
    // In turn: Nix processes started together on a store never used before race to initialise it.
    for (const c of settings.containers) {
        const app = await manifestApp(evaluating, settings, c).catch(async (e) => {
            if (e instanceof publish/* PublishError */.S1 && (await (0,image_kind/* isNix2container */.lE)(nix, (0,config_settings/* imageInstallable */.vP)(settings.flake, c, settings.systems[0]))))
                return undefined;
            throw e;
        });
        if (app)
            apps.set(c.name, app);
    }
    return apps;
}
async function openPublisher(settings, nix, facts, ui) {
    const evaluating = appNix(nix, settings, flockenAnnotations(facts, settings));
    const apps = await findApps(settings, nix, evaluating);
    const alsoBuild = [...apps.values()].filter((a) => a.derivation);
    const logins = new Map();
    // Before the build: a push that cannot log in fails now.
    if (settings.push)
        logins.set(settings.registry, Promise.resolve(await registryLogin(settings, ui)));
    // Another registry a manifest app pushes to, with no login of the app's own: the runner's for it
    // (looked up once per registry), else the inputs'.
    const loginFor = async (registry) => {
        if (!logins.has(registry))
            logins.set(registry, storedLoginFor(registry, ui));
        return (await logins.get(registry)) ?? { username: settings.username, password: settings.password };
    };
    return {
        buildNix: alsoBuild.length ? evaluating : nix,
        alsoBuild,
        publish: (images, ui, publication) => publishAll(settings, nix, apps, facts, images, ui, publication, loginFor),
    };
}
async function publishAll(settings, nix, apps, facts, records, ui, publication, loginFor) {
    for (const container of settings.containers) {
        const mine = records.filter((r) => r.built.container === container.name);
        const images = mine.map((r) => ({ ...r.built, layers: r.loaded?.layers }));
        const app = settings.publisher === 'flocken' ? apps.get(container.name) : undefined;
        const plan = app && (await appTargets(app, settings, container, (m) => ui.info(m), loginFor));
        // flocken takes archives and streams only: its nix2container images are pushed by digest. Any
        // other app (the seed's, with skopeo's nix: transport) pushes them itself.
        const nix2container = images.some((b) => b.kind === 'nix2container');
        let targets;
        let upload;
        if (app && plan && !(nix2container && plan.flocken)) {
            await checkManifestUsesBuiltImages(nix, app.drvs, images, container.manifest);
            targets = plan.targets;
            (0,publish/* checkTargets */.VJ)(targets, container.manifest);
            ui.info(`${container.manifest} pushes to ${(0,publish/* describeTargets */.Eg)(targets)} (read from ${targets[0].source}).`);
            await runManifestApp(app, settings, container, targets, (m) => ui.warning(m), await loginFor(settings.registry));
        }
        else {
            if (settings.publisher === 'flocken') {
                ui.info(app
                    ? `${container.name} is a nix2container image, which flocken's ${container.manifest} cannot push: the builtin publisher pushes it by digest.`
                    : `${container.name} is a nix2container image and the flake has no ${container.manifest}: the builtin publisher pushes it by digest.`);
            }
            targets = [(0,publish/* inputTarget */.AO)(settings, container, await loginFor(settings.registry))];
            const annotations = annotationSet(facts, container.repository, settings.annotations);
            const listed = Object.entries(annotations.index).map(([k, v]) => `${k}=${v}`);
            ui.info(`annotations: ${listed.join(', ') || '(none)'}`);
            const metadata = { annotations, labels: settings.labels, compression: settings.compression };
            upload = (await (0,publish/* pushBuiltin */.AL)(targets[0], mine, metadata, (m) => ui.info(m))).upload;
        }
        // Every destination is read back and checked; all reads go out at once.
        const published = await Promise.all(targets.map(async (t) => ({ ...(await (0,verify/* verifyPublished */.u)(t, container.name, images, (m) => ui.info(m))), upload })));
        for (const p of published) {
            publication.images.push(p);
            const also = p.alsoTagged?.length ? `; also tagged ${p.alsoTagged.map((a) => `${a.tag} (${a.is})`).join(', ')}` : '';
            ui.info(`${p.name}@${p.digest} (${p.platforms.join(', ')}) tagged ${p.tags.join(', ')}${also}`);
        }
    }
    return publication;
}

;// CONCATENATED MODULE: ./src/image/record.ts
function recordsOf(built) {
    return built.map((image) => ({ built: image }));
}

;// CONCATENATED MODULE: ./src/cache/report.ts
// What a run's caching reports: substituters, pushes, where each image came from.

function emptyCacheReport() {
    return { substituters: [], pushes: [] };
}
/** Where an image's output came from in this run, from what Nix reported (not guessed). */
function report_imageSource(image, activity, restored = []) {
    if (!activity)
        return undefined;
    if (activity.built.includes(image.drvPath))
        return 'built';
    if (activity.fetched.includes(image.storePath))
        return 'substituted';
    if (restored.includes(image.storePath))
        return 'restored';
    return 'in store';
}
const hash16 = (text) => (0,external_node_crypto_.createHash)('sha256').update(text).digest('hex').slice(0, 16);

;// CONCATENATED MODULE: ./src/cache/args.ts
// Cache settings to nix.conf lines, store URLs and argument arrays: pure, table-tested.

const unique = (list) => [...new Set(list)];
/** The NIX_CONFIG lines that make Nix substitute from the caches (extra-: the runner's own stay). */
function substituterLines(subs) {
    const urls = unique(subs.map((s) => s.url));
    const keys = unique(subs.flatMap((s) => s.publicKeys));
    return [urls.length ? `extra-substituters = ${urls.join(' ')}` : '', keys.length ? `extra-trusted-public-keys = ${keys.join(' ')}` : ''].filter(Boolean);
}
/** Adds store parameters (`?secret-key=…`) to a store URL, keeping those the user gave. */
function withStoreParams(url, params) {
    const query = Object.entries(params)
        .map(([k, v]) => `${k}=${v}`)
        .join('&');
    if (!query)
        return url;
    return `${url}${url.includes('?') ? '&' : '?'}${query}`;
}
/** A cache URL for logs and the summary: no query string (it may name key files). */
function args_displayUrl(url) {
    return url.replace(/\?.*$/, '');
}
/**
 * `nix copy` to a binary cache. With a secret key the cache store signs each path as it uploads it
 * (the `secret-key` store parameter): unlike `nix store sign` this needs no trusted-user rights on a
 * multi-user Nix and leaves the local store's signatures alone.
 */
function copyToArgs(url, roots, secretKeyFile) {
    return ['copy', '--to', secretKeyFile ? withStoreParams(url, { 'secret-key': secretKeyFile }) : url, ...roots];
}
/** Asks a store which paths it has; a negative answer must not be remembered, we ask again after pushing. */
function cacheQueryArgs(store, paths) {
    return ['--store', store, '--option', 'narinfo-cache-negative-ttl', '0', ...paths];
}
/** `cachix push` takes roots and pushes their closures; the credentials travel in the environment. */
function cachixPushArgs(name, roots) {
    return ['push', name, ...roots];
}
function cachixEnv(cachix) {
    return {
        ...(cachix.authToken ? { CACHIX_AUTH_TOKEN: cachix.authToken } : {}),
        ...(cachix.signingKey ? { CACHIX_SIGNING_KEY: cachix.signingKey } : {}),
    };
}
/**
 * The Actions cache key: a prefix from the runner's system and a hash of flake.lock, the containers
 * and systems, then a hash of the built image paths. Entries are immutable, so a changed image gets
 * a new key; the restore matches the newest entry by prefix.
 */
function actionsCacheKeys(input) {
    const prefix = `nix-container-action-${input.host}-${hash16(JSON.stringify([input.lock, input.containers, input.systems]))}`;
    return { prefix, key: input.roots ? `${prefix}-${hash16([...input.roots].sort().join('\n'))}` : undefined };
}
/** The store paths a binary cache directory holds, from its .narinfo files. */
function narinfoStorePath(text) {
    return /^StorePath: (\S+)$/m.exec(text)?.[1];
}
/** `<flake>#attr` → what `nix eval --raw` prints the output path of. */
function outPathInstallable(installable) {
    return `${installable}.outPath`;
}

;// CONCATENATED MODULE: ./src/pipeline/report.ts



function imagesOutput(report) {
    return report.built.map((b) => {
        const t = report.tests.find((t) => t.image.installable === b.installable);
        return {
            container: b.container,
            system: b.system,
            platform: b.platform,
            storePath: b.storePath,
            kind: b.kind,
            reference: t?.loaded?.reference,
            imageId: t?.loaded?.imageId,
            size: t?.loaded?.imageSize ?? b.size,
            test: t?.status ?? 'not run',
        };
    });
}
/** The metadata output: every container's destinations, platforms and images, by container. */
function metadataOutput(report) {
    const out = {};
    const images = imagesOutput(report);
    for (const container of [...new Set(report.built.map((b) => b.container))]) {
        const published = (report.publication?.images ?? []).filter((p) => p.container === container);
        const own = images.filter((i) => i.container === container);
        out[container] = {
            destinations: published.map(({ name, digest, tags }) => ({ name, digest, tags })),
            platforms: published[0]?.platforms ?? own.map((i) => i.platform).sort(),
            images: own.map(({ system, platform, imageId, reference, test }) => ({ system, platform, imageId, reference, test })),
        };
    }
    return out;
}
/**
 * Every output the action sets, from the report: none of the publishing ones when nothing was
 * pushed, so a later step can test `steps.<id>.outputs.digest != ''`. The first container (and its
 * native image) fills the single-valued outputs; `metadata` and `pushed` hold every container's.
 */
function actionOutputs(report, loaded) {
    const out = { images: JSON.stringify(imagesOutput(report)), metadata: JSON.stringify(metadataOutput(report)) };
    const first = report.built[0]?.container;
    const ofFirst = loaded.filter((l) => l.container === first);
    const native = ofFirst.find((l) => l.run === 'native') ?? ofFirst[0];
    if (native)
        Object.assign(out, { image: native.reference, imageid: native.imageId });
    const published = report.publication?.images ?? [];
    if (published.length > 0) {
        out.digest = published[0].digest;
        out.index = JSON.stringify(published[0].manifest);
        out.pushed = published.map((p) => `${p.name}@${p.digest}`).join('\n');
        out.tags = published.flatMap((p) => p.tags.map((t) => `${p.name}:${t}`)).join('\n');
    }
    if (report.sboms)
        out.sboms = JSON.stringify(sbomsOutput(report));
    return out;
}
/** The annotations the pushed index carries, as the registry returned it; their absence is worth a word. */
function annotationsLine(published) {
    const annotations = published.manifest?.annotations ?? {};
    const entries = Object.entries(annotations);
    if (entries.length === 0) {
        return `\`${published.name}\`'s index carries no OCI annotations: ghcr.io will not link the package to its repository (with flocken, use its GitHub mode or pass $ANNOTATIONS; see the README's quick start).`;
    }
    return `Index annotations: ${entries.map(([k, v]) => `\`${k.replace(/^org\.opencontainers\.image\./, '')}\` ${v}`).join(' · ')}`;
}
/** What the builtin publisher sent, and what it skipped because the registry already had it. */
function uploadLine(name, u) {
    return (`\`${name}\`: ${u.compression && u.compression !== 'none' ? `${u.compression} ` : ''}layers uploaded ${u.layersUploaded} (${formatBytes(u.layerBytesUploaded)}), ` +
        `already in the registry ${u.layersSkipped} (${formatBytes(u.layerBytesSkipped)} skipped); ` +
        `configs uploaded ${formatBytes(u.configBytesUploaded)}, skipped ${formatBytes(u.configBytesSkipped)}.`);
}
/** The sboms output: `<container>/<system>` → SBOM file. */
function sbomsOutput(report) {
    return Object.fromEntries((report.sboms ?? []).map((s) => [sbomKey(s), s.file]));
}
/** The SBOM section: how many store paths each image holds, and which packages were asked for. */
function sbomMarkdown(sboms) {
    const shown = 8;
    const rows = sboms.map((s) => [
        s.container,
        s.platform,
        String(s.components),
        String(s.described),
        s.topLevel.length ? s.topLevel.slice(0, shown).join(', ') + (s.topLevel.length > shown ? ` and ${s.topLevel.length - shown} more` : '') : '—',
        [
            s.notInStore ? `${s.notInStore} not in the local store` : '',
            s.otherFiles ? `${s.otherFiles} file${s.otherFiles === 1 ? '' : 's'} outside /nix/store` : '',
        ]
            .filter(Boolean)
            .join('; ') || '—',
        `\`${s.file}\`${s.pushed ? ` (names \`${s.pushed}\`)` : ''}`,
    ]);
    return ['### SBOM (CycloneDX)', table(['container', 'platform', 'components', 'with meta', 'top-level packages', 'not described', 'file'], rows)];
}
function formatBytes(n) {
    const units = ['B', 'KiB', 'MiB', 'GiB'];
    let v = n;
    let i = 0;
    while (v >= 1024 && i < units.length - 1) {
        v /= 1024;
        i++;
    }
    return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
}
function table(head, rows) {
    const line = (cells) => `| ${cells.map((c) => c.replace(/\|/g, '\\|').replace(/\n/g, ' ')).join(' | ')} |`;
    return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}
/**
 * How an image is built, in the plan's words: native, cross-compiled, remote or emulated, and the
 * derivation's own system where it is not the image's.
 */
function buildLabel(e) {
    if (e.build === 'cross')
        return `cross-compiled on ${e.buildSystem}`;
    const how = e.builder ? `${e.build} (${e.builder})` : e.build;
    return e.buildSystem ? `${how}, as ${e.buildSystem}` : how;
}
function planTable(plan) {
    return table(['container', 'system', 'platform', 'build', 'smoke test'], plan.entries.map((e) => [e.container, e.system, e.platform, buildLabel(e), e.run === 'none' ? `not run: ${e.runNote}` : e.run]));
}
const ICON = { passed: '✅ passed', failed: '❌ failed', skipped: '⏭️ skipped', 'not run': '—' };
function summaryMarkdown(report, error) {
    const parts = ['## nix-container-action'];
    if (error)
        parts.push(`> [!CAUTION]\n> ${error.split('\n').join('\n> ')}`);
    const facts = [report.host && `runner: \`${report.host}\``, report.nixVersion && `nix: ${report.nixVersion}`].filter(Boolean);
    if (facts.length)
        parts.push(facts.join(' · '));
    if (report.plan)
        parts.push('### Plan', planTable(report.plan));
    const images = imagesOutput(report);
    if (images.length) {
        parts.push('### Images', table(['container', 'platform', 'kind', 'reference', 'size', 'smoke test'], images.map((i) => [
            i.container,
            i.platform,
            i.kind,
            i.reference ? `\`${i.reference}\`` : '—',
            i.size === undefined ? '—' : formatBytes(i.size),
            ICON[i.test] ?? i.test,
        ])));
    }
    const failed = report.tests.filter((t) => t.status !== 'passed');
    for (const t of failed) {
        parts.push(`<details><summary>${t.image.container} ${t.image.platform}: ${t.status}${t.reason ? ` (${t.reason})` : ''}</summary>\n\n\`\`\`\n${t.output.slice(-4000)}\n\`\`\`\n</details>`);
    }
    if (report.publication) {
        const p = report.publication;
        parts.push('### Published', table(['container', 'image', 'digest', 'tags', 'platforms'], p.images.map((i) => [i.container, `\`${i.name}\``, `\`${i.digest}\``, i.tags.join(', '), i.platforms.join(', ')])));
        for (const i of p.images.filter((i) => i.alsoTagged)) {
            parts.push(`The manifest app also tagged in \`${i.name}\`: ${i.alsoTagged.map((a) => `${a.tag} (${a.is})`).join(', ')}.`);
        }
        for (const i of p.images.filter((i) => i.upload))
            parts.push(uploadLine(i.name, i.upload));
        parts.push(...p.images.slice(0, 1).map(annotationsLine));
    }
    else if (report.pushSkipped) {
        parts.push(`### Not published\n${report.pushSkipped}`);
    }
    if (report.sboms?.length)
        parts.push(...sbomMarkdown(report.sboms));
    if (report.attestations?.length) {
        parts.push('### Attestations', table(['statement', 'predicate type', 'subjects', 'attestation'], report.attestations.map((a) => [
            a.what,
            a.predicateType,
            a.subjects.map((s) => `\`${s.name}@sha256:${s.digest.sha256}\``).join('<br>'),
            a.attestationId ?? '—',
        ])));
    }
    if (report.cache)
        parts.push(...cacheMarkdown(report.cache, report.built));
    return parts.join('\n\n') + '\n';
}
const SOURCE = {
    built: '🔨 built',
    substituted: '✅ substituted',
    restored: '✅ restored (Actions cache)',
    'in store': '✅ already in the store',
};
/** The Cache section: what Nix built and fetched, per-image hits, and every push. */
function cacheMarkdown(cache, built) {
    const parts = ['### Cache'];
    if (cache.substituters.length)
        parts.push(`Substituters: ${cache.substituters.map((s) => `\`${displayUrl(s.url)}\` (${s.name})`).join(', ')}`);
    const activity = cache.activity;
    if (activity) {
        parts.push(`Nix's build log: **${activity.built.length} derivation(s) built**, **${activity.fetched.length} path(s) substituted** from caches.`);
        const rows = built.map((b) => [b.container, b.platform, SOURCE[imageSource(b, activity, cache.actions?.restored?.paths) ?? 'built']]);
        const hits = built.filter((b) => imageSource(b, activity, cache.actions?.restored?.paths) !== 'built').length;
        if (rows.length)
            parts.push(`Cache hits: ${hits} of ${built.length} image(s) were not built here (substituted, restored or already in the store).`, table(['container', 'platform', 'image'], rows));
    }
    const actions = cache.actions;
    if (actions) {
        const lines = [
            actions.restored && `restored \`${actions.restored.key}\` (${actions.restored.paths.length} store paths imported)`,
            actions.saved && `saved \`${actions.saved.key}\` (${actions.saved.paths} store paths, ${formatBytes(actions.saved.bytes ?? 0)})`,
            actions.note,
        ].filter(Boolean);
        if (lines.length)
            parts.push(`GitHub Actions cache: ${lines.join('; ')}`);
    }
    if (cache.pushes.length) {
        parts.push(table(['cache', 'what', 'closure paths', 'already there', 'new paths', 'bytes stored', 'time', 'result'], cache.pushes.map((p) => [
            p.cache,
            p.what,
            String(p.closure),
            p.present === undefined ? '?' : String(p.present),
            p.pushed === undefined ? '?' : String(p.pushed),
            p.bytes === undefined ? '?' : formatBytes(p.bytes),
            `${(p.durationMs / 1000).toFixed(1)} s`,
            p.error ? `⚠️ ${lastLine(p.error)}` : '✅',
        ])));
    }
    if (cache.builderImage) {
        const b = cache.builderImage;
        parts.push(`Builder image \`${b.path}\`: ${b.caches.map((c) => `${c.cache} ${c.error ? `⚠️ ${lastLine(c.error)}` : c.pushed ? 'pushed' : c.present ? 'has it' : 'lacks it'}`).join('; ') || 'no cache to check'}`);
    }
    return parts;
}
/** The line of an error that says what went wrong (a command's own message comes last). */
const lastLine = (text) => text.trim().split('\n').filter(Boolean).slice(-1)[0] ?? '';

// EXTERNAL MODULE: ./src/config/inputs.ts
var inputs = __nccwpck_require__(64389);
;// CONCATENATED MODULE: ./src/cache/session.ts
// A run's caches as targets to ask and push to: the closure of what was built, which paths each
// cache already has, and the push of what it lacks (Cachix with its CLI, a binary cache with
// nix copy), with the secret key in a 0600 file only while it is used.







/**
 * cachix from a pinned nixpkgs (the revision and hash cachix/cachix-action's own devenv.lock pins),
 * realised through the runner's substituters (cache.nixos.org), only when no cachix is on PATH.
 */
const CACHIX_INSTALLABLE = 'github:NixOS/nixpkgs/b6067cc0127d4db9c26c79e4de0513e58d0c40c9?narHash=sha256-NXrKzNMniu4Oam2kAFvqJ3GB2kAvlAFIriTAheaY8hw=#cachix';
/** Each push (one command) gets this long; a slow cache must not hold the job hostage. */
const PUSH_TIMEOUT_MS = 10 * 60_000;
const QUERY_TIMEOUT_MS = 2 * 60_000;
const INSTALL_TIMEOUT_MS = 10 * 60_000;
// --- what a run reports --------------------------------------------------------------------------
// --- pure: settings → config lines and argument arrays ---------------------------------------------
// --- processes -----------------------------------------------------------------------------------
/** The closure of some store paths in the local store, with their NAR sizes. */
async function closureOf(nix, roots) {
    return queryPathInfo(nix, ['--recursive', ...roots], { timeoutMs: QUERY_TIMEOUT_MS });
}
/** Which of these paths a cache has, with the sizes it reports. */
async function presentIn(nix, store, paths) {
    if (paths.length === 0)
        return new Map();
    const infos = await queryPathInfo(nix, cacheQueryArgs(store, paths), { timeoutMs: QUERY_TIMEOUT_MS, storeDir: storeDirOf(paths[0]) });
    return new Map(infos.filter((i) => i.valid).map((i) => [i.path, i]));
}
/** A secret key in a 0600 file for exactly as long as `fn` runs. */
async function withSecretKeyFile(secretKey, fn) {
    if (!secretKey)
        return fn(undefined);
    const dir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(runnerTemp(), 'nca-key-'));
    const file = (0,external_node_path_.join)(dir, 'secret-key');
    try {
        await (0,promises_.writeFile)(file, secretKey, { mode: 0o600 });
        await (0,promises_.chmod)(file, 0o600);
        return await fn(file);
    }
    finally {
        await (0,promises_.rm)(dir, { recursive: true, force: true });
    }
}
/** cachix on PATH, or built from the pinned nixpkgs. */
async function findOrInstallCachix(nix, ui) {
    const found = await (0,exec/* which */.K7)('cachix');
    if (found)
        return found;
    ui.info(`cachix is not installed: realising ${CACHIX_INSTALLABLE}`);
    const { stdout } = await (0,exec/* run */.eF)({ cmd: nix.path, args: ['build', '--json', '--no-link', CACHIX_INSTALLABLE], env: nix.env }, { timeoutMs: INSTALL_TIMEOUT_MS });
    const outputs = JSON.parse(stdout).flatMap((r) => Object.values(r.outputs));
    for (const out of outputs) {
        if (await exists((0,external_node_path_.join)(out, 'bin', 'cachix')))
            return (0,external_node_path_.join)(out, 'bin', 'cachix');
    }
    throw new Error(`${CACHIX_INSTALLABLE} has no bin/cachix in ${outputs.join(', ')}`);
}
function targetsFor(nix, settings, report, cachixBin) {
    const targets = [];
    const cachix = settings.cachix;
    if (cachix) {
        const store = report.substituters.find((s) => s.name === `cachix ${cachix.name}`)?.url ?? `https://${cachix.name}.cachix.org`;
        const command = (roots) => ({
            cmd: cachixBin,
            args: cachixPushArgs(cachix.name, roots),
            env: { ...nix.env, ...cachixEnv(cachix) },
        });
        targets.push({
            label: `cachix ${cachix.name}`,
            store,
            push: cachix.push && cachixBin ? (roots) => (0,exec/* run */.eF)(command(roots), { timeoutMs: PUSH_TIMEOUT_MS }) : undefined,
        });
    }
    const binary = settings.binaryCache;
    if (binary) {
        const push = (roots) => withSecretKeyFile(binary.secretKey, (file) => (0,exec/* run */.eF)({ cmd: nix.path, args: copyToArgs(binary.url, roots, file), env: nix.env }, { timeoutMs: PUSH_TIMEOUT_MS }));
        targets.push({ label: args_displayUrl(binary.url), store: binary.url, push: binary.push ? push : undefined });
    }
    return targets;
}
/**
 * Pushes the closure of `roots` to every cache that pushes, asking each before and after what it
 * holds, so the report says what was pushed and how many bytes the cache now stores for it.
 */
async function pushClosure(session, what, roots) {
    const { nix, ui } = session;
    const entries = [];
    const targets = session.targets.filter((t) => t.push);
    if (targets.length === 0 || roots.length === 0)
        return entries;
    let closure;
    try {
        closure = await closureOf(nix, roots);
    }
    catch (e) {
        ui.warning(`Could not read the closure of the ${what} to push it: ${(0,src_errors/* messageOf */.b)(e)}`);
        return entries;
    }
    for (const target of targets) {
        const started = Date.now();
        const entry = { cache: target.label, what, closure: closure.length, durationMs: 0 };
        try {
            const before = await presentIn(nix, target.store, closure.map((p) => p.path)).catch((e) => {
                ui.info(`${target.label}: could not ask what it holds (${(0,src_errors/* lastLines */.w)((0,src_errors/* messageOf */.b)(e), 2)}); pushing everything`);
                return undefined;
            });
            entry.present = before?.size;
            const missing = closure.filter((p) => !before?.has(p.path));
            if (before && missing.length === 0) {
                entry.pushed = 0;
                entry.bytes = 0;
                ui.info(`${target.label}: already holds all ${closure.length} paths of the ${what}`);
            }
            else {
                await target.push(roots);
                const after = await presentIn(nix, target.store, missing.map((p) => p.path)).catch(() => undefined);
                if (after) {
                    entry.pushed = after.size;
                    entry.bytes = [...after.values()].reduce((n, i) => n + (i.downloadSize ?? i.narSize ?? 0), 0);
                    if (after.size < missing.length)
                        ui.warning(`${target.label}: after the push it still lacks ${missing.length - after.size} of the ${missing.length} paths of the ${what} that were pushed.`);
                }
                ui.info(`${target.label}: pushed the ${what} (${entry.pushed ?? '?'} of ${closure.length} paths were new)`);
            }
        }
        catch (e) {
            entry.error = (0,src_errors/* lastLines */.w)((0,src_errors/* messageOf */.b)(e));
            ui.warning(`Pushing the ${what} to ${target.label} failed; the build itself is fine: ${entry.error}`);
        }
        entry.durationMs = Date.now() - started;
        entries.push(entry);
        session.report.pushes.push(entry);
    }
    return entries;
}
// --- the GitHub Actions cache --------------------------------------------------------------------
// --- the pipeline's hooks ------------------------------------------------------------------------
// --- a builder image (the seed's check-rosetta-cache / cache-rosetta-builder) ----------------------

;// CONCATENATED MODULE: ./src/cache/actions-cache.ts
// The GitHub Actions cache (@actions/cache, only ever called from here): the image closures as a
// nix copy export, saved after a build and imported into the store before the next.





const ACTIONS_CACHE_TIMEOUT_MS = 10 * 60_000;
/** The Actions cache holds 10 GB per repository; one run's images should not evict everything else. */
const ACTIONS_CACHE_MAX_BYTES = 4 * 1024 ** 3;
/** @actions/cache is most of the bundle: loaded only on runs that use the Actions cache. */
function loadActionsCache() {
    return Promise.all(/* import() */[__nccwpck_require__.e(507), __nccwpck_require__.e(878), __nccwpck_require__.e(863)]).then(__nccwpck_require__.bind(__nccwpck_require__, 91863));
}
/**
 * Whether the Actions cache service can be reached. @github/local-action replaces @actions/cache by
 * a stub without isFeatureAvailable; then the runner's variables decide.
 */
async function actionsCacheAvailable(env = process.env) {
    // Without the runner's variables there is no service: decided without loading the module.
    if (!env.ACTIONS_CACHE_URL && !env.ACTIONS_RESULTS_URL)
        return false;
    const isFeatureAvailable = (await loadActionsCache()).isFeatureAvailable;
    if (typeof isFeatureAvailable === 'function') {
        try {
            return isFeatureAvailable();
        }
        catch {
            return false;
        }
    }
    return Boolean(env.ACTIONS_CACHE_URL || env.ACTIONS_RESULTS_URL);
}
function withTimeout(promise, ms, what) {
    let timer;
    const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000}s`)), ms);
        timer.unref();
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
/** flake.lock of a local flake; a remote flake's reference stands in for it. */
async function flakeLockText(flake, cwd = process.cwd()) {
    const local = /^(?:path:)?(\.{1,2}(?:\/[^?#]*)?|\/[^?#]*)(?:\?.*)?$/.exec(flake);
    if (!local)
        return flake;
    return (0,promises_.readFile)((0,external_node_path_.join)((0,external_node_path_.resolve)(cwd, local[1]), 'flake.lock'), 'utf8').catch(() => '');
}
/**
 * The closures as a binary cache directory, uncompressed (the Actions cache compresses the whole
 * directory once with zstd, faster than Nix's xz per path).
 */
async function exportClosures(nix, roots, dir) {
    await (0,exec/* run */.eF)({ cmd: nix.path, args: ['copy', '--to', `file://${dir}?compression=none`, ...roots], env: nix.env }, { echo: false, timeoutMs: PUSH_TIMEOUT_MS });
    const narinfos = (await (0,promises_.readdir)(dir)).filter((f) => f.endsWith('.narinfo'));
    let bytes = 0;
    for (const f of await (0,promises_.readdir)((0,external_node_path_.join)(dir, 'nar')).catch(() => []))
        bytes += (await (0,promises_.stat)((0,external_node_path_.join)(dir, 'nar', f))).size;
    return { paths: narinfos.length, bytes };
}
/**
 * Imports every path of a directory written by exportClosures. Signatures are not checked: the
 * directory came from this repository's own Actions cache, written by an earlier run of this step.
 */
async function importClosures(nix, dir) {
    const paths = [];
    for (const f of (await (0,promises_.readdir)(dir)).filter((f) => f.endsWith('.narinfo'))) {
        const path = narinfoStorePath(await (0,promises_.readFile)((0,external_node_path_.join)(dir, f), 'utf8'));
        if (path)
            paths.push(path);
    }
    if (paths.length > 0) {
        await (0,exec/* run */.eF)({ cmd: nix.path, args: ['copy', '--from', `file://${dir}`, '--no-check-sigs', ...paths], env: nix.env }, { echo: false, timeoutMs: PUSH_TIMEOUT_MS });
    }
    return paths;
}
async function restoreActions(session, actions) {
    const report = (session.report.actions ??= {});
    const key = await withTimeout((await loadActionsCache()).restoreCache([actions.dir], actions.prefix, [`${actions.prefix}-`], {
        timeoutInMs: ACTIONS_CACHE_TIMEOUT_MS,
        segmentTimeoutInMs: ACTIONS_CACHE_TIMEOUT_MS,
    }), ACTIONS_CACHE_TIMEOUT_MS, 'restoring from the Actions cache');
    if (!key) {
        session.ui.info(`GitHub Actions cache: no entry for ${actions.prefix} yet`);
        return;
    }
    try {
        const paths = await importClosures(session.nix, actions.dir);
        report.restored = { key, paths };
        session.ui.info(`GitHub Actions cache: imported ${paths.length} store paths from ${key}`);
    }
    finally {
        await (0,promises_.rm)(actions.dir, { recursive: true, force: true });
    }
}
async function saveActions(session, actions, roots) {
    const report = (session.report.actions ??= {});
    const key = actionsCacheKeys({ ...actions.keyParts, roots }).key;
    // Entries are immutable: when the restored one already holds every image (whatever key the
    // service says it matched; local-action's stub answers with the prefix), saving again is waste.
    const restored = report.restored;
    if (restored && (key === restored.key || roots.every((r) => restored.paths.includes(r)))) {
        report.note = `unchanged since ${restored.key}: not saved again`;
        session.ui.info(`GitHub Actions cache: ${report.note}`);
        return;
    }
    await (0,promises_.rm)(actions.dir, { recursive: true, force: true });
    try {
        const exported = await exportClosures(session.nix, roots, actions.dir);
        if (exported.bytes > ACTIONS_CACHE_MAX_BYTES) {
            report.note = `the image closures are ${exported.bytes} bytes, more than the ${ACTIONS_CACHE_MAX_BYTES} this action puts in the Actions cache: not saved (configure cachix-name or binary-cache)`;
            session.ui.warning(`GitHub Actions cache: ${report.note}`);
            return;
        }
        const id = await withTimeout((await loadActionsCache()).saveCache([actions.dir], key), ACTIONS_CACHE_TIMEOUT_MS, 'saving to the Actions cache');
        // saveCache reports its own failures (e.g. a read-only token on a fork) and returns -1.
        if (id === -1)
            report.note = `${key} was not saved (see the log)`;
        else
            report.saved = { key, ...exported };
    }
    finally {
        await (0,promises_.rm)(actions.dir, { recursive: true, force: true });
    }
}

;// CONCATENATED MODULE: ./src/cache/builder-image.ts
// A builder VM image in the caches (the seed's check-rosetta-cache / cache-rosetta-builder).




async function builderImagePath(nix, image) {
    if ('path' in image)
        return image.path;
    const { stdout } = await (0,exec/* run */.eF)({ cmd: nix.path, args: ['eval', '--raw', outPathInstallable(image.installable)], env: nix.env }, { echo: false, timeoutMs: QUERY_TIMEOUT_MS });
    return stdout.trim();
}
/**
 * Whether each configured cache holds the builder image; with push, realises it (build or
 * substitute) and pushes it to those that lack it.
 */
async function checkBuilderImage(session, image, options) {
    const { nix, ui } = session;
    const check = { path: 'path' in image ? image.path : image.installable, caches: [] };
    session.report.builderImage = check;
    try {
        check.path = await builderImagePath(nix, image);
    }
    catch (e) {
        ui.warning(`cache-builder-image: could not evaluate ${check.path}: ${(0,src_errors/* lastLines */.w)((0,src_errors/* messageOf */.b)(e), 3)}`);
        return check;
    }
    for (const target of session.targets) {
        const entry = { cache: target.label };
        check.caches.push(entry);
        try {
            entry.present = (await presentIn(nix, target.store, [check.path])).has(check.path);
            ui.info(`${target.label}: ${entry.present ? 'has' : 'lacks'} the builder image ${check.path}`);
            if (entry.present || !options.push)
                continue;
            if (!target.push) {
                ui.info(`${target.label}: pushing is off, the builder image is not pushed`);
                continue;
            }
            // Built or substituted here first: a cache can only be given what this store holds.
            await (0,exec/* run */.eF)({ cmd: nix.path, args: ['build', '--no-link', 'installable' in image ? image.installable : check.path], env: nix.env }, { timeoutMs: INSTALL_TIMEOUT_MS });
            const [pushed] = await pushClosure({ ...session, targets: [target] }, 'builder image', [check.path]);
            entry.pushed = !pushed?.error;
            if (pushed?.error)
                entry.error = pushed.error;
        }
        catch (e) {
            entry.error = (0,src_errors/* lastLines */.w)((0,src_errors/* messageOf */.b)(e));
            ui.warning(`cache-builder-image on ${target.label}: ${entry.error}`);
        }
    }
    return check;
}

;// CONCATENATED MODULE: ./src/cache/hooks.ts
// Caching, so a re-run builds nothing: what the pipeline calls. Before the build the configured
// caches become substituters and the Actions cache is restored; after it exactly the built image
// closures are pushed. Pushing is best effort under a time limit: a failed push warns and never
// fails a good build, and nothing is left running afterwards.







/**
 * Opens the run's caching once Nix is set up: installs cachix when it will push, and builds the
 * list of caches to push to. Never throws: a cache that cannot be used warns.
 */
async function openCache(nix, settings, report, ui) {
    let cachixBin;
    if (settings.cachix?.push) {
        try {
            cachixBin = await findOrInstallCachix(nix, ui);
        }
        catch (e) {
            ui.warning(`cachix could not be installed, so nothing is pushed to Cachix: ${(0,src_errors/* messageOf */.b)(e)}`);
        }
    }
    return { nix, settings, report, ui, targets: targetsFor(nix, settings, report, cachixBin) };
}
/** Before the build: restore from the Actions cache. */
async function beforeBuild(session, runInfo) {
    const { settings, report, ui } = session;
    if (settings.actionsCache) {
        if (!(await actionsCacheAvailable())) {
            // Outside a runner (the CLI, local tests) there is no cache service: say so once, quietly.
            report.actions = { note: 'not available here (no ACTIONS_CACHE_URL / ACTIONS_RESULTS_URL): skipped' };
            ui.info(`GitHub Actions cache: ${report.actions.note}`);
        }
        else {
            const keyParts = { host: runInfo.host, systems: runInfo.systems, containers: runInfo.containers, lock: await flakeLockText(runInfo.flake) };
            // A fixed directory: the Actions cache versions entries by their paths, so save and restore must agree.
            const dir = (0,external_node_path_.join)(runnerTemp(), 'nix-container-action-store');
            session.actions = { dir, keyParts, prefix: actionsCacheKeys(keyParts).prefix };
            try {
                await restoreActions(session, session.actions);
            }
            catch (e) {
                ui.warning(`GitHub Actions cache: could not restore (${(0,src_errors/* messageOf */.b)(e)}); building without it.`);
            }
        }
    }
}
/** After the build, in its log group: what Nix built and fetched, and the substituters it ignored. */
function reportActivity(activity, ui) {
    ui.info(`Nix built ${activity.built.length} derivation(s) and substituted ${activity.fetched.length} path(s) from caches.`);
    for (const w of activity.warnings) {
        ui.warning(`Nix: ${w} — substituters given to a multi-user Nix only count for trusted users: add this user to trusted-users in nix.conf (the DeterminateSystems installer does for runner).`);
    }
}
/** After the build: push the image closures; with no other cache, save them to the Actions cache. */
async function afterBuild(session, built) {
    const roots = unique(built.map((b) => b.storePath));
    await pushClosure(session, 'images', roots);
    if (session.actions && roots.length > 0) {
        try {
            await saveActions(session, session.actions, roots);
        }
        catch (e) {
            session.ui.warning(`GitHub Actions cache: could not save (${(0,src_errors/* messageOf */.b)(e)}); the build itself is fine.`);
        }
    }
    if (session.settings.builderImage)
        await checkBuilderImage(session, session.settings.builderImage, { push: true });
}
/** After publishing: the manifest apps' closures (`roots`: their outputs, from the images' build). */
async function afterPublish(session, roots) {
    await pushClosure(session, 'manifest app', roots);
}

// EXTERNAL MODULE: ./src/config/cache-settings.ts
var cache_settings = __nccwpck_require__(10072);
;// CONCATENATED MODULE: ./src/cache/substituters.ts
// The caches a run substitutes from: Cachix's public keys from its API, a binary cache's key from
// its secret key, a file:// cache's folders.







const API_TIMEOUT_MS = 15_000;
/** Public key of a Nix secret key; the secret goes in on stdin. */
async function publicKeyOf(nixPath, secretKey) {
    const { stdout } = await (0,exec/* run */.eF)({ cmd: nixPath, args: ['--extra-experimental-features', 'nix-command', 'key', 'convert-secret-to-public'] }, { input: secretKey, echo: false });
    return stdout.trim();
}
/**
 * A Cachix cache's store URL and public keys from its API (`GET /api/v1/cache/<name>`, as
 * cachix use does). NCA_CACHIX_API points elsewhere (a self-hosted API; the tests' stand-in).
 */
async function lookUpCachix(name, token) {
    const api = (process.env.NCA_CACHIX_API ?? 'https://cachix.org/api/v1').replace(/\/$/, '');
    const res = await (0,http/* httpRequest */.a)(`${api}/cache/${name}`, { headers: token ? { authorization: `Bearer ${token}` } : {}, idleTimeoutMs: API_TIMEOUT_MS });
    if (res.status !== 200) {
        await res.discard();
        throw new Error(`${api}/cache/${name} answered ${res.status}${res.status === 404 || res.status === 401 ? ' (no such cache, or a private one and cachix-auth-token is missing or wrong)' : ''}`);
    }
    const info = (await res.json());
    const publicKeys = (info.publicSigningKeys ?? []).filter((k) => cache_settings/* NIX_PUBLIC_KEY */.o.test(k));
    if (publicKeys.length === 0)
        throw new Error(`${api}/cache/${name} lists no public signing key`);
    return { name: `cachix ${name}`, url: info.uri ?? `https://${name}.cachix.org`, publicKeys };
}
/**
 * A file:// cache gets its folders from whoever opens it first. A multi-user Nix's daemon (root)
 * opens it as a substituter, and folders it made would refuse this user's pushes: they are made here.
 */
async function prepareLocalCache(url) {
    if (!url.startsWith('file://'))
        return;
    const dir = decodeURIComponent(new URL(url).pathname);
    await Promise.all(['nar', 'log', 'realisations'].map((d) => (0,promises_.mkdir)((0,external_node_path_.join)(dir, d), { recursive: true })));
}
/**
 * The substituters for this run, before Nix is configured. A cache that cannot be set up warns and
 * is left out: the build still works, it only builds more.
 */
async function resolveSubstituters(cache, nixPath, ui) {
    const subs = [];
    for (const name of unique([...(cache.cachix ? [cache.cachix.name] : []), ...cache.extraPullNames])) {
        try {
            subs.push(await lookUpCachix(name, name === cache.cachix?.name ? cache.cachix.authToken : ''));
        }
        catch (e) {
            ui.warning(`Cachix cache ${name}: could not read its public key (${(0,src_errors/* messageOf */.b)(e)}); it is not used as a substituter, so what it holds is built instead.`);
        }
    }
    const binary = cache.binaryCache;
    if (binary) {
        await prepareLocalCache(binary.url);
        const keys = [...binary.publicKeys];
        if (keys.length === 0 && binary.secretKey) {
            try {
                keys.push(await publicKeyOf(nixPath, binary.secretKey));
            }
            catch (e) {
                ui.warning(`binary-cache-secret-key: nix could not derive its public key (${(0,src_errors/* lastLines */.w)((0,src_errors/* messageOf */.b)(e), 2)}); set binary-cache-public-key.`);
            }
        }
        if (keys.length === 0) {
            ui.warning(`binary-cache ${args_displayUrl(binary.url)} has no public key, so Nix will not trust what it holds (require-sigs) and substitutes nothing from it: set binary-cache-public-key, or binary-cache-secret-key to sign what is pushed.`);
        }
        subs.push({ name: 'binary-cache', url: binary.url, publicKeys: keys });
    }
    for (const s of subs)
        ui.info(`substituter ${args_displayUrl(s.url)} (${s.name}${s.publicKeys.length ? `, key ${s.publicKeys.join(' ')}` : ''})`);
    return subs;
}

;// CONCATENATED MODULE: ./src/pipeline/run.ts
// The story of a run, shared by the action and the CLI: plan, set up, build, load, test, publish.
// Each stage records what it did in the report, so a failed run still reports what it got done.






























class PipelineError extends Error {
    constructor(message) {
        super(message);
        this.name = 'PipelineError';
    }
}
/**
 * The images the installables input names, evaluated before planning (one nix eval per flake, and
 * none when the input is empty): how each is built follows its derivation's own system.
 */
async function mappedDerivations(settings, host, ui, options) {
    const mapped = settings.containers.flatMap((c) => settings.systems.flatMap((s) => c.installables[s] ?? []));
    if (mapped.length === 0)
        return new Map();
    const nix = await useNix(await nixAtHand(settings, ui, options), evalConfig(settings.extraConf, process.env.NIX_CONFIG));
    const started = Date.now();
    let found;
    try {
        found = await evaluateDerivations(nix, mapped, host.system);
    }
    catch (e) {
        if (e instanceof InstallableError)
            throw new inputs/* InputError */.dz('installables', e.message);
        throw new PipelineError(`Evaluating the images of the input installables failed: ${(0,src_errors/* messageOf */.b)(e)}`);
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(2);
    ui.info(`installables: ${[...found].map(([i, d]) => `${i} is a ${d.system} derivation`).join('; ')} (evaluated in ${seconds} s)`);
    return found;
}
async function plan(settings, host, ui, report, options) {
    report.host = host.system;
    const result = makePlan(settings, host, await mappedDerivations(settings, host, ui, options));
    report.plan = result;
    if (host.builders.length > 0)
        ui.info(`remote builders: ${(0,machine_line/* describeBuilders */.QZ)(host.builders)}`);
    ui.info(planTable(result));
    for (const w of result.warnings)
        ui.warning(w);
    for (const n of result.notices)
        ui.notice(n);
    return result;
}
/** The nix to run: the machine's, else (the action) one installed now. */
async function nixAtHand(settings, ui, options) {
    let path = await findNix();
    if (!path && options.installNix) {
        await installNix(settings.nixInstaller, (m) => ui.info(m));
        path = await findNix();
    }
    if (!path) {
        throw new PipelineError(`nix is not installed${options.installNix ? ', and the installer did not leave it in /nix/var/nix/profiles/default/bin' : ''}: install Nix first (https://nixos.org/download).`);
    }
    return path;
}
async function setUpNix(settings, planned, ui, report, options) {
    const path = await nixAtHand(settings, ui, options);
    const version = await nixVersion(path);
    const inputBuilders = planned.builders.some((b) => b.from === machine_line/* FROM_INPUT */.Yw);
    const cacheReport = (report.cache = emptyCacheReport());
    cacheReport.substituters = await resolveSubstituters(settings.cache, path, ui);
    const cacheLines = substituterLines(cacheReport.substituters);
    const remote = planned.entries.some((e) => e.build === 'remote');
    const needs = daemonNeeds(extraPlatformsLine(planned), emulatedBuilds(planned), cacheLines, {
        input: inputBuilders,
        clientConfig: remote && !inputBuilders && buildersInClientConfig(process.env.NIX_CONFIG),
    });
    // Asked only when it matters: whether Nix builds through a daemon, and whether it trusts this user.
    const store = needs.lines.length || needs.trustOnly.length ? await storeFacts(path, version) : { daemon: false };
    // Before anything is written or built: an untrusted user's daemon would ignore these settings.
    await ensureDaemonHas(path, version, store, needs, (m) => ui.info(m));
    let builders;
    if (inputBuilders) {
        builders = await prepareBuilders(settings, path, ui, options.onBuilderDir ?? ((dir) => process.once('exit', () => (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true }))), store.daemon);
        ui.info(`nix.conf for this run: builders = ${builders.setting}`);
    }
    const config = nixConfig(planned, settings.extraConf, process.env.NIX_CONFIG, builders?.setting, cacheLines);
    const nix = await useNix(path, config, builders?.env);
    report.nixVersion = nix.version;
    ui.info(`nix ${nix.version} at ${path}`);
    await warmBuilders(nix, planned, builders, settings.builderTimeoutSec, ui);
    if (planned.emulate.length > 0)
        await setUpEmulation(planned.emulate, (m) => ui.info(m));
    return nix;
}
/**
 * Loads in turn (an image of the same name:tag moves that tag, so each is inspected before the next
 * load). nix is needed for nix2container images, which are copied into the daemon by their own app.
 */
async function loadAll(records, host, ui, nix, onLoaded) {
    const loaded = [];
    const tagged = [];
    for (const { record } of loadOrder(records.map((record) => ({ system: record.built.system, record })), host)) {
        const image = record.built;
        if (image.run === 'none') {
            ui.info(`${image.container} ${image.platform}: not loaded (${image.runNote})`);
            continue;
        }
        const one = (record.loaded = await load(image, (0,config_settings/* imageBaseName */.on)(image.container), nix));
        loaded.push(one);
        onLoaded?.(one);
        // Tagged by id, so the tag needs nothing from the next load and runs while it does (a failure
        // is handled now and reported below, not left to crash the process as an unhandled rejection).
        const tag = tagLoaded(one);
        tag.catch(() => undefined);
        tagged.push(tag);
    }
    await Promise.all(tagged);
    return loaded;
}
/**
 * One image's smoke test, started at once. It never rejects (a test that cannot even start is a
 * failed test), so a test left running while a later load fails cannot crash the process.
 */
function startTest(settings, image) {
    if (!settings.test)
        return Promise.resolve({ image, loaded: image, status: 'skipped', output: '', reason: 'test is false', durationMs: 0 });
    const tool = settings.containers.find((c) => c.name === image.container)?.tool;
    return smokeTest(image, { tool, args: settings.testArgs, timeoutSec: settings.testTimeoutSec }).catch((e) => ({
        image,
        loaded: image,
        status: 'failed',
        output: (0,src_errors/* messageOf */.b)(e),
        reason: 'could not be run',
        durationMs: 0,
    }));
}
/** Logs every result and fails the run, before anything is pushed, when any test failed. */
function reportTests(results, report, ui) {
    for (const result of results) {
        report.tests.push(result);
        const image = result.loaded;
        const line = `${image.container} ${image.platform} (${image.reference}): ${result.status}${result.reason ? ` — ${result.reason}` : ''}`;
        const detail = result.command ? `[command]${result.command.join(' ')}\n${result.output}` : '';
        if (result.status === 'failed')
            ui.warning(`${line}\n${detail.slice(-2000)}`);
        else
            ui.info(`${detail}\n${line}`.trim());
    }
    for (const image of report.built.filter((b) => b.run === 'none')) {
        report.tests.push({ image, status: 'skipped', output: '', reason: image.runNote, durationMs: 0 });
    }
    const failed = report.tests.filter((t) => t.status === 'failed');
    if (failed.length > 0) {
        throw new PipelineError(`Smoke test failed for ${failed.map((t) => `${t.image.container} ${t.image.platform}`).join(', ')}; nothing was pushed.\n` +
            failed.map((t) => `${t.image.container} ${t.image.platform}: \`${t.command?.join(' ')}\` ${t.reason}:\n${t.output.slice(-2000)}`).join('\n'));
    }
    return report.tests;
}
/** Loads every image and starts each one's smoke test as soon as it is in the daemon, while the next one loads. */
async function loadAndStartTests(settings, records, host, ui, nix) {
    const tests = [];
    const loaded = await loadAll(records, host, ui, nix, (image) => {
        ui.info(`${image.container} ${image.platform}: loaded as ${image.reference}${settings.test ? '; smoke test started' : ''}`);
        tests.push(startTest(settings, image));
    });
    return { loaded, tests };
}
/** Why a run pushed nothing, for the summary. */
function notPushedReason(eventName) {
    if (eventName.startsWith('pull_request'))
        return 'Pull request: images were built and tested; nothing was pushed.';
    if (config_settings/* PUSH_EVENTS */.Rv.includes(eventName))
        return 'push is false: nothing was pushed.';
    return `On ${eventName ? `a ${eventName} event` : 'a run outside GitHub Actions'} push: auto publishes nothing (it publishes on ${config_settings/* PUSH_EVENTS */.Rv.join(', ')}): images were built and tested. Set push: true to publish.`;
}
/**
 * The SBOMs, started now and made while the images load and are tested; their messages wait for
 * their own log group, which the returned function writes when it is awaited.
 */
function startSboms(nix, built) {
    const lines = [];
    const made = writeSboms(nix, built, sbomDirectory(), (text) => lines.push({ warning: false, text }), (text) => lines.push({ warning: true, text }));
    made.catch(() => undefined);
    return async (ui) => {
        const results = await made;
        for (const line of lines)
            (line.warning ? ui.warning : ui.info)(line.text);
        return results;
    };
}
/** A whole run; every phase in its own log group. */
async function runPipeline(settings, host, ui, report, options) {
    const planned = await ui.group('Plan', () => plan(settings, host, ui, report, options));
    // What the annotations say of the source (git, GitHub's API): asked while Nix is set up.
    const factsLog = [];
    const facts = settings.push ? sourceFacts(sourceContext(settings), (m) => factsLog.push(m)) : Promise.resolve({});
    const nix = await ui.group('Set up Nix', () => setUpNix(settings, planned, ui, report, options));
    const cacheReport = report.cache ?? emptyCacheReport();
    // One after the other, not side by side: two Nix processes opening a store for the first time race
    // on creating its state directory (seen here on a fresh store).
    const publisher = await openPublisher(settings, nix, await facts, ui);
    const cache = await ui.group('Cache: set up and restore', async () => {
        const session = await openCache(nix, settings.cache, cacheReport, ui);
        await beforeBuild(session, { host: host.system, systems: settings.systems, containers: settings.containers.map((c) => c.name), flake: settings.flake });
        return session;
    });
    // What was built and substituted is read from the build's own log as it runs.
    const activity = (cacheReport.activity = emptyActivity());
    const { alsoBuild } = publisher;
    const what = `${planned.entries.length} image(s)${alsoBuild.length ? ` and ${alsoBuild.length} manifest app(s)` : ''}`;
    // The results' links live as long as the job's temporary folder: roots until the run is done.
    const roots = await (0,promises_.mkdtemp)((0,external_node_path_.join)(runnerTemp(), 'nca-build-'));
    const { images: built, otherOutputs: appOutputs } = await ui.group(`Build ${what} with one nix build`, async () => {
        try {
            return await buildAll(publisher.buildNix, planned.entries, activity, alsoBuild, roots);
        }
        catch (e) {
            if (e instanceof BuildError)
                report.built = e.built;
            throw e;
        }
        finally {
            reportActivity(activity, ui);
        }
    });
    report.built = built;
    // Before anything is loaded or pushed, to a cache too: an image that says another platform than its
    // system's (a cross-compiled one left with its build system's architecture) must go nowhere.
    await ui.group('Check the platform each image says it is for', () => checkPlatforms(nix, built, (m) => ui.info(m)));
    // Right after the build, before the tests: a built image is worth caching even if its test fails.
    await ui.group('Cache: push the image closures', () => afterBuild(cache, built));
    if (options.until === 'build')
        return { built, loaded: [] };
    const sboms = settings.sbom ? startSboms(nix, built) : undefined;
    const images = recordsOf(built);
    const { loaded, tests } = await ui.group('Load into Docker', () => loadAndStartTests(settings, images, host.system, ui, nix));
    await ui.group('Smoke test', async () => reportTests(await Promise.all(tests), report, ui));
    if (sboms)
        report.sboms = await ui.group('SBOM of each image, from Nix', () => sboms(ui));
    if (!settings.push) {
        report.pushSkipped = notPushedReason(settings.ref.eventName);
        if (settings.attest)
            ui.info('attest: nothing was pushed, so nothing is attested.');
        return { built, loaded };
    }
    const publication = await ui.group(`Publish to ${settings.registry}`, async () => {
        for (const line of factsLog)
            ui.info(line);
        return publisher.publish(images, ui, (report.publication = { images: [] }));
    });
    if (report.sboms) {
        const sbomsToBind = report.sboms;
        await ui.group('SBOMs: name the pushed images', () => bindSboms(sbomsToBind, publication.images.map((p) => ({ name: p.name, container: p.container, platforms: (0,verify/* platformDigests */.H)(p) })), (m) => ui.info(m)));
    }
    if (settings.attest) {
        // Loaded only when asked for: the attestation client (Sigstore) is most of the bundle.
        const { attestPublished } = await Promise.all(/* import() */[__nccwpck_require__.e(507), __nccwpck_require__.e(878), __nccwpck_require__.e(108), __nccwpck_require__.e(658)]).then(__nccwpck_require__.bind(__nccwpck_require__, 47658));
        report.attestations = await ui.group('Attest build provenance and SBOMs', () => attestPublished(publication.images, report.sboms, settings.githubToken, (m) => ui.info(m)));
    }
    if (appOutputs.length > 0)
        await ui.group('Cache: push the manifest app', () => afterPublish(cache, appOutputs));
    return { built, loaded, publication };
}

;// CONCATENATED MODULE: ./src/pipeline/ui.ts
/** The Actions log, through @actions/core (loaded by action/main.ts, not by this module: see there). */
function actionsUi(core) {
    return {
        group: (name, fn) => core.group(name, async () => {
            const started = Date.now();
            try {
                return await fn();
            }
            finally {
                core.info(`(${((Date.now() - started) / 1000).toFixed(2)}s)`);
            }
        }),
        info: (m) => core.info(m),
        notice: (m) => core.notice(m),
        warning: (m) => core.warning(m),
        mask: (secret) => core.setSecret(secret),
    };
}
function terminalUi(write = (l) => process.stderr.write(`${l}\n`)) {
    return {
        async group(name, fn) {
            write(`==> ${name}`);
            const started = Date.now();
            try {
                return await fn();
            }
            finally {
                write(`    (${((Date.now() - started) / 1000).toFixed(1)}s)`);
            }
        },
        info: (m) => write(m),
        notice: (m) => write(`note: ${m}`),
        warning: (m) => write(`warning: ${m}`),
    };
}

;// CONCATENATED MODULE: ./src/config/runners.ts
// The reusable workflow's runners input: which runner label builds which system.


/** A runner label: printable ASCII without spaces. */
const RUNNER_LABEL = /^[\x21-\x7e]{1,100}$/;
/**
 * The reusable workflow's runners input: JSON mapping systems (any spelling architectures accepts,
 * but not native) to a runner label or a list of labels, e.g. {"aarch64-linux": "my-arm-runner"}.
 */
function parseRunners(value) {
    const text = value.trim();
    if (!text)
        return {};
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch {
        throw new inputs/* InputError */.dz('runners', `${JSON.stringify(text)} is not JSON: give an object from system to runner label, e.g. {"aarch64-linux": "ubuntu-24.04-arm"}.`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new inputs/* InputError */.dz('runners', `must be a JSON object from system to runner label, e.g. {"aarch64-linux": "ubuntu-24.04-arm"}.`);
    }
    const runners = {};
    for (const [key, label] of Object.entries(parsed)) {
        const system = key.trim().toLowerCase() === 'native' ? undefined : (0,config_platform/* parseSystem */.V)(key, 'x86_64-linux');
        if (!system)
            throw new inputs/* InputError */.dz('runners', `${JSON.stringify(key)} is not a system; use ${config_platform/* ARCHITECTURE_FORMS */.QE.replace(' or native', '')}.`);
        if (system in runners)
            throw new inputs/* InputError */.dz('runners', `${JSON.stringify(key)} names ${system}, which is already given.`);
        const labels = Array.isArray(label) ? label : [label];
        if (labels.length === 0 || !labels.every((l) => typeof l === 'string' && RUNNER_LABEL.test(l))) {
            throw new inputs/* InputError */.dz('runners', `the runner for ${system} must be a label or a non-empty list of labels (printable ASCII without spaces, at most 100 characters), not ${JSON.stringify(label)}.`);
        }
        runners[system] = Array.isArray(label) ? labels : label;
    }
    return runners;
}

;// CONCATENATED MODULE: ./src/cli/commands.ts
// The CLI's commands and the seed's `just` recipe names for them: one table, from which the usage
// text, the argument checks and the name lookup all come. Pure (no I/O), so it is unit-tested.
const CACHE_OPTIONS = '(--cachix-name <name> | --binary-cache <url>)';
const COMMANDS = [
    {
        name: 'all',
        seed: 'container-all',
        args: '<container> <tool> [system]',
        summary: 'build one system (default: native), link result-<system>, load, smoke-test',
    },
    {
        name: 'multiarch',
        seed: 'container-all-multiarch',
        args: '<container> <tool>',
        summary: 'build every system (--architectures, default both), link result-<system> for each, load and smoke-test what this machine can run',
    },
    { name: 'build', seed: 'build-container', args: '<container> [system]', summary: 'build and link result-<system> (default: native)' },
    {
        name: 'build-multiarch',
        seed: 'build-multiarch',
        args: '<container>',
        summary: 'build every system (--architectures, default both) in one nix build, link result-<system> for each',
    },
    { name: 'load', seed: 'load-container', args: '[system]', summary: 'load result-<system> into Docker (default: native)' },
    { name: 'load-native', seed: 'load-native', args: '', summary: "load result-<native system> into Docker (after build-multiarch): 'load' without a system" },
    { name: 'test', seed: 'test-container', args: '<tool> [system]', summary: 'smoke-test the image loaded from result-<system> (default: native)' },
    { name: 'manifest', args: '<container>', summary: "run the flake's manifest app (nix run --impure .#<name>Manifest): build, test, publish" },
    { name: 'plan', args: '<container>', summary: 'print how each system would be built on this machine' },
    {
        name: 'matrix',
        args: '',
        options: '[--architectures <list>] [--runners <json>] [--installables <lines>]',
        summary: "print the reusable workflow's build matrix (JSON, one line)",
    },
    {
        name: 'check-cache',
        args: '<attr-or-path>',
        options: CACHE_OPTIONS,
        summary: 'does the cache (--cachix-name / --binary-cache) hold this store path or flake attribute? exit 0 when every cache has it, 1 when one lacks it',
    },
    { name: 'push-cache', args: '<attr-or-path>', options: CACHE_OPTIONS, summary: 'the same, and push it (build or substitute it first) where it is missing' },
    {
        name: 'check-rosetta-cache',
        seed: 'check-rosetta-cache',
        args: '',
        options: `${CACHE_OPTIONS} [--current-system <path>]`,
        summary: "check-cache on the nix-rosetta-builder VM image of --current-system (default /run/current-system); exit 0 with a warning when that system has no nix-rosetta-builder, as the seed's recipe does",
    },
    {
        name: 'cache-rosetta-builder',
        seed: 'cache-rosetta-builder',
        args: '',
        options: `${CACHE_OPTIONS} [--current-system <path>]`,
        summary: 'push-cache on that image; fails (exit 1) naming what is missing when the system has no nix-rosetta-builder (any machine but a nix-darwin Mac)',
    },
];
/** The command a word names: a CLI name or a seed recipe name. */
function findCommand(word) {
    return COMMANDS.find((c) => c.name === word || c.seed === word);
}
/** How many positional arguments a command takes: its <required> ones, and at most all of them. */
function arity(spec) {
    const words = spec.args.split(' ').filter(Boolean);
    return { min: words.filter((w) => w.startsWith('<')).length, max: words.length };
}
/** The usage line of a command, under the name the user typed. */
function usageOf(spec, typed = spec.name) {
    return ['usage: nix-container-action', typed, spec.args, spec.options].filter(Boolean).join(' ');
}
const COLUMN = 38;
const WIDTH = 100;
/** Words into lines of at most `width` characters (a longer word gets a line of its own). */
function wrap(text, width) {
    const lines = [];
    let line = '';
    for (const word of text.split(/\s+/).filter(Boolean)) {
        if (line && line.length + 1 + word.length > width) {
            lines.push(line);
            line = word;
        }
        else
            line = line ? `${line} ${word}` : word;
    }
    if (line)
        lines.push(line);
    return lines;
}
/** The commands section of --help: each CLI name with its arguments, the seed's name beside it. */
function commandsHelp() {
    const lines = ["Commands (on the right the seed's just recipe, a command too: same arguments, same order):"];
    for (const c of COMMANDS) {
        const left = `  ${c.name}${c.args ? ` ${c.args}` : ''}`;
        lines.push(c.seed ? `${left.padEnd(COLUMN)} just ${c.seed}` : left);
        for (const l of wrap(c.summary, WIDTH - 6))
            lines.push(`      ${l}`);
    }
    return lines.join('\n');
}
/** Bad usage: exit 2, like bad input. */
class UsageError extends Error {
}

;// CONCATENATED MODULE: ./src/cli/results.ts
// What the CLI leaves in the working directory between commands, as the seed's recipes do:
// result-<system> links to the built images (GC roots, like nix build's), and which image each
// system's link was loaded as, for `test`.






const resultLink = (system) => (0,external_node_path_.resolve)(`result-${system}`);
const STATE = () => (0,external_node_path_.resolve)('.nix-container-action', 'loaded.json');
/**
 * Links result-<system> to each built image: every command that builds (build, build-multiarch, all,
 * multiarch) ends here, so they all leave the same links.
 */
async function linkResults(built, ui) {
    for (const image of built) {
        const link = resultLink(image.system);
        await (0,promises_.unlink)(link).catch(() => undefined);
        // A GC root, like nix build's result link, so the image survives nix-collect-garbage.
        await (0,exec/* run */.eF)({ cmd: 'nix-store', args: ['--realise', image.storePath, '--add-root', link, '--indirect'] }, { echo: false });
        ui.info(`${link} -> ${image.storePath}`);
    }
}
/** The image a result-<system> link points at, as the loader takes it. */
async function fromResultLink(system, container) {
    const storePath = await (0,promises_.readlink)(resultLink(system)).catch(() => {
        throw new UsageError(`no ${resultLink(system)}: run 'nix-container-action build <container> ${system}' first (or build-multiarch <container>)`);
    });
    return {
        container,
        system,
        platform: (0,config_platform/* ociPlatform */.Dr)(system),
        installable: storePath,
        build: 'native',
        run: 'native',
        storePath,
        drvPath: '',
        kind: await (0,image_kind/* detectKind */.i_)(storePath),
        size: 0,
    };
}
/** The image each system was last loaded as (by load, load-native, all or multiarch). */
async function loadedImages() {
    return JSON.parse(await (0,promises_.readFile)(STATE(), 'utf8').catch(() => '{}'));
}
async function recordLoaded(images) {
    if (images.length === 0)
        return;
    const state = await loadedImages();
    for (const image of images)
        state[image.system] = image;
    await (0,promises_.mkdir)((0,external_node_path_.dirname)(STATE()), { recursive: true });
    await (0,promises_.writeFile)(STATE(), JSON.stringify(state));
}

;// CONCATENATED MODULE: ./src/cli/rosetta.ts
// The seed's check-rosetta-cache / cache-rosetta-builder find the nix-rosetta-builder VM image in
// the running nix-darwin system: the closure of /run/current-system holds the module's Lima config,
// <hash>-rosetta-builder.yaml, whose `images:` entry is `- location: <image store path>/nixos.qcow2`.





const CURRENT_SYSTEM = '/run/current-system';
/** The system has no nix-rosetta-builder (or is no nix-darwin system at all); `message` says which. */
class NoRosettaBuilder extends Error {
}
/** The first `location:` of the `images:` list of a Lima config, as pkgs.formats.yaml writes it. */
function imageLocation(yaml) {
    const lines = yaml.split('\n');
    const start = lines.findIndex((l) => /^images:\s*$/.test(l));
    if (start === -1)
        return undefined;
    for (const line of lines.slice(start + 1)) {
        // The list ends at the next top-level key.
        if (/^\S/.test(line) && !line.startsWith('-'))
            break;
        const m = /^[\s-]*location:\s*(["']?)([^"'\s]+)\1\s*$/.exec(line);
        if (m)
            return m[2];
    }
    return undefined;
}
/** /nix/store/<hash>-<name>/nixos.qcow2 → /nix/store/<hash>-<name>: the store path to check and push. */
function storePathOf(location, storeDir) {
    if (!location.startsWith(`${storeDir}/`))
        return undefined;
    const name = location.slice(storeDir.length + 1).split('/')[0];
    return name ? `${storeDir}/${name}` : undefined;
}
/**
 * The nix-rosetta-builder image of a nix-darwin system (a profile such as /run/current-system, or the
 * ./result of darwin-rebuild build). `nixPath` is the nix binary; nix-store beside it is asked.
 */
async function findRosettaImage(system, nixPath) {
    if (!(await exists(system))) {
        throw new NoRosettaBuilder(`${system} does not exist: this machine is not running a nix-darwin system, so it has no nix-rosetta-builder ` +
            '(a nix-darwin module for Apple Silicon Macs). Point --current-system at a nix-darwin system that enables it, or name the image: ' +
            'nix-container-action check-cache|push-cache <store-path-or-attr>.');
    }
    const query = await (0,exec/* run */.eF)({ cmd: (0,external_node_path_.join)((0,external_node_path_.dirname)(nixPath), 'nix-store'), args: ['--query', '--requisites', system] }, { echo: false, check: false });
    if (query.code !== 0)
        throw new Error(`could not read the closure of ${system}: ${(0,src_errors/* lastLines */.w)(query.stderr, 3)}`);
    const config = query.stdout.split('\n').find((p) => p.endsWith('-rosetta-builder.yaml'));
    if (!config) {
        throw new NoRosettaBuilder(`nix-rosetta-builder is not in ${system}: its closure has no rosetta-builder.yaml (the builder's Lima config). ` +
            'Is nix-rosetta-builder.enable = true in your nix-darwin configuration, and the system activated (darwin-rebuild switch)?');
    }
    const text = await (0,promises_.readFile)(config, 'utf8').catch((e) => {
        throw new Error(`could not read ${config}: ${(0,src_errors/* messageOf */.b)(e)}`);
    });
    const location = imageLocation(text);
    const path = location && storePathOf(location, (0,external_node_path_.dirname)(config));
    if (!path)
        throw new Error(`could not read the VM image's location from ${config} (expected "images:" then "- location: <store path>/nixos.qcow2")`);
    return { path, config };
}

;// CONCATENATED MODULE: ./src/cli/main.ts
// The project's CLI: the seed's `just` recipes, run by the same pipeline as the action, so what
// passes locally passes in CI. Options mirror the action's inputs (same names, same checks).























const USAGE = `Usage: nix-container-action <command> [arguments] [options]

${commandsHelp()}

Options (the action's inputs):
  --flake <ref>            flake to build from (default .)
  --architectures <list>   systems, e.g. x86_64-linux,aarch64-linux (default for multiarch, build-multiarch, plan: both)
  --installables <lines>   the image of a system when not packages.<system>.<container>: SYSTEM=INSTALLABLE
                           lines (CONTAINER/SYSTEM=INSTALLABLE for several), e.g. a cross-compiled one
  --test-args <args>       smoke-test arguments (default --help)
  --test-timeout <s>       smoke-test timeout in seconds (default 60)
  --no-test                build and load only
  --emulate <mode>         auto | true | false (default auto)
  --runners <json>         matrix only: {"<system>": "<runner label>"} overrides
  --extra-conf <lines>     extra nix.conf lines
  --cachix-name <name>     Cachix cache to substitute from and push to (token: $CACHIX_AUTH_TOKEN,
                           signing key: $CACHIX_SIGNING_KEY, never argv); the cache commands read
                           $CACHIX_CACHE_NAME (the seed's variable) when it is not given
  --extra-pull-names <l>   more Cachix caches to substitute from
  --binary-cache <url>     Nix binary cache (file://, https://, s3://); secret key: $NCA_BINARY_CACHE_SECRET_KEY
  --binary-cache-public-key <key>
  --cachix-push <p>, --binary-cache-push <p>   auto | true | false
  --registry <host>        registry for manifest (default ghcr.io)
  --repository <path>      repository for --publisher builtin (default <owner>/<repo> of the git remote)
  --manifest-app <attr>    manifest app attribute (default <name>Manifest)
  --publisher <p>          flocken | builtin (manifest only)
  --version <v>            version tag when HEAD is not a version tag
  --tags <list>            tags to push instead of those derived from git
  --username <user>        registry user (the password comes from $NCA_TOKEN or $GITHUB_TOKEN, never argv)
  --current-system <path>  check-rosetta-cache / cache-rosetta-builder: the nix-darwin system whose
                           nix-rosetta-builder image to use (default /run/current-system; e.g. the
                           ./result of darwin-rebuild build, before switching to it)
  --json                   print the result as JSON on stdout
  -h, --help               this help

Exit codes: 0 success, 1 a build, test or push failed, 2 bad usage or input.`;
const OPTIONS = {
    flake: { type: 'string' },
    architectures: { type: 'string' },
    installables: { type: 'string' },
    'test-args': { type: 'string' },
    'test-timeout': { type: 'string' },
    'no-test': { type: 'boolean' },
    emulate: { type: 'string' },
    runners: { type: 'string' },
    'extra-conf': { type: 'string' },
    'cachix-name': { type: 'string' },
    'extra-pull-names': { type: 'string' },
    'cachix-push': { type: 'string' },
    'binary-cache': { type: 'string' },
    'binary-cache-public-key': { type: 'string' },
    'binary-cache-push': { type: 'string' },
    registry: { type: 'string' },
    repository: { type: 'string' },
    'manifest-app': { type: 'string' },
    publisher: { type: 'string' },
    version: { type: 'string' },
    tags: { type: 'string' },
    username: { type: 'string' },
    'current-system': { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
};
const ui = terminalUi();
(0,exec/* setLogStream */.lH)(process.stderr);
async function git(args) {
    const r = await (0,exec/* run */.eF)({ cmd: 'git', args }, { echo: false, check: false }).catch(() => undefined);
    return r?.code === 0 ? r.stdout.trim() : '';
}
/** The same facts the action reads from GITHUB_*, taken from the local git checkout. */
async function localContext(host) {
    const [branch, tag, sha, remote] = await Promise.all([
        git(['symbolic-ref', '--quiet', '--short', 'HEAD']),
        git(['describe', '--tags', '--exact-match', 'HEAD']),
        git(['rev-parse', 'HEAD']),
        git(['config', '--get', 'remote.origin.url']),
    ]);
    const fromRemote = /[:/]([^/:]+)\/([^/]+?)(\.git)?$/.exec(remote);
    const repository = process.env.GITHUB_REPOSITORY ?? (fromRemote ? `${fromRemote[1]}/${fromRemote[2]}` : undefined);
    const owner = process.env.GITHUB_REPOSITORY_OWNER ?? repository?.split('/')[0] ?? '';
    return {
        host,
        actor: process.env.GITHUB_ACTOR ?? process.env.USER ?? '',
        repository,
        repositoryOwner: owner,
        ref: { eventName: 'workflow_dispatch', ref: tag ? `refs/tags/${tag}` : branch ? `refs/heads/${branch}` : '', sha, defaultBranch: 'main' },
    };
}
/** Secrets come from the environment, never from argv (where ps and shell history would see them). */
const SECRET_ENV = {
    'cachix-auth-token': 'CACHIX_AUTH_TOKEN',
    'cachix-signing-key': 'CACHIX_SIGNING_KEY',
    'binary-cache-secret-key': 'NCA_BINARY_CACHE_SECRET_KEY',
};
function cliInputs(values, extra) {
    return (name) => {
        if (name in extra)
            return extra[name] ?? '';
        if (name === 'test')
            return values['no-test'] ? 'false' : '';
        if (name === 'password')
            return process.env.NCA_TOKEN ?? process.env.GITHUB_TOKEN ?? '';
        const secretEnv = SECRET_ENV[name];
        if (secretEnv)
            return process.env[secretEnv] ?? '';
        const v = values[name];
        return typeof v === 'string' ? v : '';
    };
}
function settingsFrom(values, extra, ctx) {
    for (const env of Object.values(SECRET_ENV))
        (0,exec/* registerSecret */.cl)(process.env[env]);
    const settings = (0,config_settings/* parseSettings */.P$)(cliInputs(values, extra), ctx);
    (0,exec/* registerSecret */.cl)(settings.password);
    return settings;
}
/** The Cachix cache of the cache commands: --cachix-name, else $CACHIX_CACHE_NAME as the seed's recipes read it. */
function cachixName(values) {
    return typeof values['cachix-name'] === 'string' ? values['cachix-name'] : process.env.CACHIX_CACHE_NAME || undefined;
}
async function nixOrFail() {
    const path = await findNix();
    if (!path)
        throw new Error('nix is not installed: install Nix first (https://nixos.org/download).');
    return path;
}
/** check-cache / push-cache: Nix with the caches as substituters, no plan, no build of images. */
async function cacheCommand(values, target, ctx, push) {
    for (const env of Object.values(SECRET_ENV))
        (0,exec/* registerSecret */.cl)(process.env[env]);
    const name = cachixName(values);
    const read = cliInputs(values, { 'cache-builder-image': target, 'actions-cache': 'false', ...(name ? { 'cachix-name': name } : {}) });
    const cache = (0,cache_settings/* parseCacheSettings */.l)((name) => read(name) || inputs/* DEFAULTS */.zY[name] || '', ctx, values.flake === undefined ? '.' : String(values.flake));
    const path = await nixOrFail();
    const report = emptyCacheReport();
    report.substituters = await resolveSubstituters(cache, path, ui);
    const config = [process.env.NIX_CONFIG ?? '', 'extra-experimental-features = nix-command flakes', ...substituterLines(report.substituters)]
        .filter(Boolean)
        .join('\n');
    const session = await openCache(await useNix(path, config), cache, report, ui);
    const check = await checkBuilderImage(session, cache.builderImage, { push });
    for (const c of check.caches) {
        const state = c.error ? `error: ${c.error}` : c.pushed ? 'pushed' : c.present ? 'present' : 'missing';
        process.stdout.write(`${c.cache}\t${state}\t${check.path}\n`);
    }
    const ok = check.caches.length > 0 && check.caches.every((c) => c.present || c.pushed);
    return ok ? 0 : 1;
}
function printTable(report, json) {
    const rows = imagesOutput(report);
    if (json) {
        process.stdout.write(`${JSON.stringify({ images: rows, publication: report.publication ?? null }, null, 2)}\n`);
        return;
    }
    if (rows.length === 0)
        return;
    ui.info('');
    for (const r of rows)
        ui.info(`${r.container.padEnd(20)} ${r.platform.padEnd(12)} ${r.kind.padEnd(12)} ${(r.reference ?? '-').padEnd(32)} ${r.size === undefined ? '' : formatBytes(r.size).padEnd(10)} ${r.test}`);
    for (const p of report.publication?.images ?? [])
        ui.info(`published ${p.name}@${p.digest} tags ${p.tags.join(', ')}`);
}
/**
 * Runs a command that builds (and maybe loads and tests), then leaves what it got done for the next
 * command, also when a later stage failed: result-<system> for each image built, and the images
 * loaded (for test).
 */
async function leavingResults(report, json, fn) {
    let failure;
    await fn().catch((error) => {
        failure = { error };
    });
    try {
        const left = linkResults(report.built, ui).then(() => recordLoaded(report.tests.flatMap((t) => (t.loaded ? [t.loaded] : []))));
        // After a failure the failure is the message; a link that could not be made is only a warning then.
        if (failure)
            await left.catch((e) => ui.warning(`could not leave result-<system> links: ${(0,src_errors/* messageOf */.b)(e)}`));
        else
            await left;
    }
    finally {
        printTable(report, json);
    }
    if (failure)
        throw failure.error;
    return 0;
}
async function main(argv) {
    const { values, positionals } = (0,external_node_util_.parseArgs)({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    const [command, ...args] = positionals;
    if (values.help || !command) {
        process.stdout.write(`${USAGE}\n`);
        return command || values.help ? 0 : 2;
    }
    const spec = findCommand(command);
    if (!spec)
        throw new UsageError(`unknown command '${command}'; run nix-container-action --help`);
    const { min, max } = arity(spec);
    if (args.length < min || args.length > max)
        throw new UsageError(usageOf(spec, command));
    const host = (0,config_platform/* detectHost */.k3)();
    if (spec.name === 'matrix') {
        // Pure: no git, no probing. The reusable workflow's plan job writes this line to $GITHUB_OUTPUT.
        const systems = (0,config_settings/* parseSystems */.gi)(values.architectures ?? inputs/* DEFAULTS */.zY.architectures ?? '', host);
        // Installables map the systems to a set cross-compiled on one runner: one job builds them all.
        const oneJob = (values.installables ?? '').trim() !== '';
        process.stdout.write(`${JSON.stringify(runnerMatrix(systems, parseRunners(values.runners ?? ''), oneJob))}\n`);
        return 0;
    }
    const native = (0,config_platform/* nativeLinuxSystem */.p_)(host);
    /** A [system] argument: any spelling --architectures takes, one system. */
    const systemArg = (value) => {
        if (value === undefined)
            return native;
        const system = (0,config_platform/* parseSystem */.V)(value, host);
        if (!system)
            throw new UsageError(`${JSON.stringify(value)} is not a system: use ${config_platform/* ARCHITECTURE_FORMS */.QE}`);
        return system;
    };
    const ctx = await localContext(host);
    const report = { built: [], tests: [] };
    const json = values.json ?? false;
    switch (spec.name) {
        case 'all':
        case 'multiarch': {
            // all: one system (the argument, else --architectures, else native); multiarch: --architectures (default both).
            const architectures = spec.name === 'all' ? (args[2] === undefined ? (values.architectures ?? native) : systemArg(args[2])) : (values.architectures ?? '');
            const settings = settingsFrom(values, { container: args[0], tool: args[1], architectures, push: 'false' }, ctx);
            const facts = await probeHost(host);
            return leavingResults(report, json, () => runPipeline(settings, facts, ui, report, { installNix: false }));
        }
        case 'build':
        case 'build-multiarch': {
            const architectures = spec.name === 'build' ? (args[1] === undefined ? (values.architectures ?? native) : systemArg(args[1])) : (values.architectures ?? '');
            const settings = settingsFrom(values, { container: args[0], architectures, push: 'false' }, ctx);
            const facts = await probeHost(host);
            // The same pipeline as the action (caches included), up to the build.
            return leavingResults(report, json, () => runPipeline(settings, facts, ui, report, { installNix: false, until: 'build' }));
        }
        case 'load':
        case 'load-native': {
            const system = spec.name === 'load-native' ? native : systemArg(args[0]);
            const image = await fromResultLink(system, 'result');
            const loaded = await load(image, 'result');
            await tagLoaded(loaded);
            await recordLoaded([loaded]);
            ui.info(`loaded ${loaded.reference} (${loaded.imageId}) from result-${system}`);
            return 0;
        }
        case 'test': {
            const system = systemArg(args[1]);
            const loaded = (await loadedImages())[system];
            if (!loaded)
                throw new UsageError(`nothing loaded for ${system}: run 'nix-container-action load ${system}' first`);
            const settings = settingsFrom(values, { container: 'result', tool: args[0], architectures: system, push: 'false' }, ctx);
            const result = await smokeTest({ ...loaded, run: system === native ? 'native' : 'emulated' }, { tool: args[0], args: settings.testArgs, timeoutSec: settings.testTimeoutSec });
            ui.info(result.output);
            ui.info(`${loaded.reference}: ${result.status}${result.reason ? ` (${result.reason})` : ''}`);
            return result.status === 'failed' ? 1 : 0;
        }
        case 'manifest': {
            const settings = settingsFrom(values, { container: args[0], push: 'true' }, ctx);
            // The action's whole pipeline: build, load, test, SBOM, publish, with the caches.
            try {
                await runPipeline(settings, await probeHost(host), ui, report, { installNix: false });
            }
            finally {
                printTable(report, json);
            }
            return 0;
        }
        case 'check-cache':
        case 'push-cache':
            return cacheCommand(values, args[0], ctx, spec.name === 'push-cache');
        case 'check-rosetta-cache':
        case 'cache-rosetta-builder': {
            // The cache first: without one there is nothing to do on any machine.
            if (!cachixName(values) && values['binary-cache'] === undefined)
                throw new UsageError(`${command} needs a cache: --cachix-name <name> (or $CACHIX_CACHE_NAME) or --binary-cache <url>`);
            const push = spec.name === 'cache-rosetta-builder';
            let image;
            try {
                image = await findRosettaImage(values['current-system'] ?? CURRENT_SYSTEM, await nixOrFail());
            }
            catch (e) {
                // As the seed's check-rosetta-cache: a system without the builder has nothing to check.
                if (e instanceof NoRosettaBuilder && !push) {
                    ui.warning(`${e.message} Nothing to check.`);
                    return 0;
                }
                throw e;
            }
            ui.info(`nix-rosetta-builder VM image: ${image.path} (from ${image.config})`);
            const code = await cacheCommand(values, image.path, ctx, push);
            if (code !== 0 && !push)
                ui.info(`Push it with: nix-container-action cache-rosetta-builder (same options)`);
            return code;
        }
        case 'plan': {
            const settings = settingsFrom(values, { container: args[0], push: 'false' }, ctx);
            const planned = await plan(settings, await probeHost(host), { ...ui, info: () => undefined }, report, { installNix: false });
            if (json)
                process.stdout.write(`${JSON.stringify(planned, null, 2)}\n`);
            else
                process.stdout.write(`${planTable(planned)}\n${planned.warnings.map((w) => `warning: ${w}\n`).join('')}`);
            return 0;
        }
    }
}
main(process.argv.slice(2)).then((code) => process.exit(code), (e) => {
    const message = (0,src_errors/* messageOf */.b)(e);
    process.stderr.write(`error: ${message}\n`);
    const usage = e instanceof UsageError || e instanceof inputs/* InputError */.dz || e instanceof PlanError || e.code?.startsWith('ERR_PARSE_ARGS');
    process.exit(usage ? 2 : 1);
});

