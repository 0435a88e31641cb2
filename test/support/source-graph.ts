import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'

/** One source file of the server: where it is, what it imports, and what it says. */
export interface SourceFile {
  /** Path from the repository root, with forward slashes. */
  path: string
  text: string
  /** Files of the repository it imports (resolved paths from the root); packages left out. */
  imports: string[]
}

const ROOT = resolve(import.meta.dirname, '../..')
const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? walk(path) : [path]
  })
}

function resolveImport(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null
  const base = resolve(dirname(from), spec)
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return relative(ROOT, candidate).split('\\').join('/')
    } catch {}
  }
  return null
}

/** Every non-test TypeScript file under `folder` (relative to the repository root). */
export function sourceFiles(folder: string): SourceFile[] {
  return walk(join(ROOT, folder))
    .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file) && !file.endsWith('.d.ts'))
    .map((file) => {
      const text = readFileSync(file, 'utf8')
      const imports = [...text.matchAll(IMPORT)]
        .map((m) => resolveImport(file, (m[1] ?? m[2]) as string))
        .filter((p): p is string => p !== null)
      return { path: relative(ROOT, file).split('\\').join('/'), text, imports }
    })
}

/** The module a file belongs to: `src/modules/<name>`'s name, or null outside the modules. */
export function moduleOf(path: string): string | null {
  return /^src\/modules\/([^/]+)\//.exec(path)?.[1] ?? null
}

/** Cycles of a directed graph, each as the list of its nodes (Tarjan's strongly connected components). */
export function cyclesOf(edges: Map<string, Set<string>>): string[][] {
  let index = 0
  const indexOf = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const found: string[][] = []
  const visit = (node: string) => {
    indexOf.set(node, index)
    low.set(node, index++)
    stack.push(node)
    onStack.add(node)
    for (const next of edges.get(node) ?? []) {
      if (!indexOf.has(next)) {
        visit(next)
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number))
      } else if (onStack.has(next))
        low.set(node, Math.min(low.get(node) as number, indexOf.get(next) as number))
    }
    if (low.get(node) === indexOf.get(node)) {
      const component: string[] = []
      let member: string
      do {
        member = stack.pop() as string
        onStack.delete(member)
        component.push(member)
      } while (member !== node)
      if (component.length > 1) found.push(component.sort())
    }
  }
  for (const node of edges.keys()) if (!indexOf.has(node)) visit(node)
  return found
}
