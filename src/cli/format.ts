/**
 * How the command-line tool prints results: JSON (one document), JSON Lines (one list item per line) or a
 * readable table.
 *
 * @module
 */

/** The fields a table shows by default, in this order, when an item has them. */
export const PREFERRED_COLUMNS: readonly string[] = [
  "id",
  "iid",
  "name",
  "path_with_namespace",
  "full_path",
  "title",
  "username",
  "state",
  "status",
  "ref",
  "short_id",
  "created_at",
  "web_url",
];

const MAX_DEFAULT_COLUMNS = 6;
const MAX_CELL = 60;

/**
 * One value as JSON, indented (the `json` format).
 *
 * @example
 * ```ts
 * import { toJson } from "@gitlab-edge/client/cli";
 * console.log(toJson({ id: 1 })); // {\n  "id": 1\n}
 * ```
 */
export function toJson(value: unknown): string {
  return JSON.stringify(value === undefined ? null : value, null, 2) + "\n";
}

/**
 * One value as one line of JSON (the `jsonl` format).
 *
 * @example
 * ```ts
 * import { toJsonLine } from "@gitlab-edge/client/cli";
 * console.log(toJsonLine({ id: 1 })); // {"id":1}
 * ```
 */
export function toJsonLine(value: unknown): string {
  return JSON.stringify(value === undefined ? null : value) + "\n";
}

const isScalar = (v: unknown): boolean => v === null || ["string", "number", "boolean"].includes(typeof v);

/**
 * The columns a table of these items shows: the preferred fields they have, else their first scalars.
 *
 * @example
 * ```ts
 * import { defaultColumns } from "@gitlab-edge/client/cli";
 * console.log(defaultColumns([{ id: 1, name: "web", description: "…" }])); // [ "id", "name" ]
 * ```
 */
export function defaultColumns(items: readonly unknown[]): string[] {
  const keys: string[] = [];
  for (const item of items.slice(0, 20)) {
    if (item === null || typeof item !== "object") continue;
    for (const k of Object.keys(item)) if (!keys.includes(k)) keys.push(k);
  }
  const preferred = PREFERRED_COLUMNS.filter((k) => keys.includes(k)).slice(0, MAX_DEFAULT_COLUMNS);
  if (preferred.length >= 2) return preferred;
  const first = items.find((i) => i !== null && typeof i === "object") as Record<string, unknown> | undefined;
  const scalars = keys.filter((k) => first === undefined || isScalar(first[k]));
  return [...new Set([...preferred, ...scalars])].slice(0, MAX_DEFAULT_COLUMNS);
}

/** Reads `a.b.c` from a value. */
function at(value: unknown, path: string): unknown {
  let v = value;
  for (const part of path.split(".")) {
    if (v === null || typeof v !== "object" || !Object.prototype.hasOwnProperty.call(v, part)) {
      return undefined;
    }
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

/**
 * A value as one table cell: nested objects by their name, arrays joined, long text cut.
 *
 * @example
 * ```ts
 * import { cell } from "@gitlab-edge/client/cli";
 * console.log(cell({ id: 2, username: "alice" }), cell(["bug", "ui"])); // alice bug, ui
 * ```
 */
export function cell(value: unknown): string {
  let text: string;
  if (value === undefined || value === null) text = "";
  else if (typeof value === "string") text = value;
  else if (typeof value === "number" || typeof value === "boolean") text = String(value);
  else if (Array.isArray(value)) text = value.map((v) => cell(v)).join(", ");
  else {
    const o = value as Record<string, unknown>;
    const name = o.username ?? o.path_with_namespace ?? o.full_path ?? o.name ?? o.title ?? o.id;
    text = isScalar(name) && name !== null ? String(name) : JSON.stringify(value);
  }
  text = text.replace(/[\r\n\t]+/g, " ");
  return text.length > MAX_CELL ? text.slice(0, MAX_CELL - 1) + "…" : text;
}

/**
 * Items as a table with a header row, columns padded to their widest cell.
 *
 * @example
 * ```ts
 * import { toTable } from "@gitlab-edge/client/cli";
 * console.log(toTable([{ id: 1, name: "web" }, { id: 2, name: "api" }]));
 * // ID  NAME
 * // 1   web
 * // 2   api
 * ```
 */
export function toTable(items: readonly unknown[], columns?: readonly string[]): string {
  if (items.length === 0) return "(no items)\n";
  if (items.every((i) => !(i !== null && typeof i === "object"))) {
    return items.map((i) => cell(i)).join("\n") + "\n";
  }
  const cols = columns && columns.length > 0 ? [...columns] : defaultColumns(items);
  const rows = items.map((item) => cols.map((c) => cell(at(item, c))));
  const widths = cols.map((c, i) => Math.max(c.length, ...rows.map((r) => [...r[i]].length)));
  const line = (cells: string[]) =>
    cells.map((text, i) => (i === cells.length - 1 ? text : text + " ".repeat(widths[i] - [...text].length)))
      .join("  ").trimEnd();
  return [line(cols.map((c) => c.toUpperCase())), ...rows.map(line)].join("\n") + "\n";
}

/**
 * One object as a two-column table of its fields (or the chosen columns).
 *
 * @example
 * ```ts
 * import { toRecordTable } from "@gitlab-edge/client/cli";
 * console.log(toRecordTable({ id: 2, username: "alice" }));
 * // id        2
 * // username  alice
 * ```
 */
export function toRecordTable(value: unknown, columns?: readonly string[]): string {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return Array.isArray(value) ? toTable(value, columns) : cell(value) + "\n";
  }
  const keys = columns && columns.length > 0 ? [...columns] : Object.keys(value);
  const width = Math.max(...keys.map((k) => k.length));
  return keys.map((k) => `${k.padEnd(width)}  ${cell(at(value, k))}`.trimEnd()).join("\n") + "\n";
}
