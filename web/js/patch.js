// The feed's evaluation.patch messages (RFC 6902 JSON Patch, as the server's JsonPatch.diff makes
// them: replace, add and remove on object members and existing array items). Applied copy-on-write:
// the result is a new document that shares every untouched subtree with the old one, so the page
// can tell the new evaluation from the one it rendered.

/** RFC 6901 tokens of a JSON Pointer ("" is the whole document). */
function tokens(pointer) {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`not a JSON Pointer: ${pointer}`);
  return pointer.slice(1).split('/').map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function copyOf(container) {
  return Array.isArray(container) ? container.slice() : { ...container };
}

function has(container, key) {
  if (Array.isArray(container)) return /^\d+$/.test(key) && Number(key) < container.length;
  return container !== null && typeof container === 'object' && Object.prototype.hasOwnProperty.call(container, key);
}

function applyOne(doc, operation) {
  const { op, path, value } = operation;
  const keys = tokens(path);
  if (keys.length === 0) {
    if (op !== 'replace') throw new Error(`only a replace may name the whole document (${op})`);
    return value;
  }
  const root = copyOf(doc);
  let parent = root;
  for (const key of keys.slice(0, -1)) {
    if (!has(parent, key) || parent[key] === null || typeof parent[key] !== 'object') {
      throw new Error(`no such location: ${path}`);
    }
    parent[key] = copyOf(parent[key]);
    parent = parent[key];
  }
  const last = keys[keys.length - 1];
  if (op === 'remove' || op === 'replace') {
    if (!has(parent, last)) throw new Error(`nothing to ${op} at ${path}`);
    if (op === 'remove') {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else {
      parent[last] = value;
    }
  } else if (op === 'add' && !Array.isArray(parent) && typeof parent === 'object') {
    parent[last] = value;
  } else {
    throw new Error(`unsupported operation ${op} at ${path}`);
  }
  return root;
}

/** The document after the patch; throws (leaving {@code doc} untouched) when an operation does not fit it. */
export function applyPatch(doc, patch) {
  if (!Array.isArray(patch)) throw new Error('a patch is an array of operations');
  return patch.reduce(applyOne, doc);
}
