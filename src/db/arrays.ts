/**
 * A PostgreSQL array literal of texts, for `= any(${pgTextArray(xs)}::text[])`: both drivers take one
 * text parameter, where a JavaScript array is sent differently by each. Every element is quoted.
 */
export function pgTextArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`
}
