import type { Dirent } from "node:fs";
import { readdir, realpath, stat } from "node:fs/promises";
import path from "node:path";

export type TImportFile = { path: string; relPath: string };

/** Every Markdown file under a folder except README.md, sorted by its path relative to that folder. */
export async function listImportFiles(root: string): Promise<TImportFile[]> {
  const absoluteRoot = path.resolve(root);
  const files: TImportFile[] = [];
  await collect(absoluteRoot, "", new Set(), files);
  return files.sort((a, b) => byCodeUnits(a.relPath, b.relPath));
}

// Code-unit order, not locale order, so the same tree lists the same way on every machine.
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

async function collect(dir: string, relDir: string, seen: Set<string>, files: TImportFile[]): Promise<void> {
  // A symlink pointing back up the tree would recurse for ever: each real folder is read once.
  const real = await realpath(dir);
  if (seen.has(real)) return;
  seen.add(real);
  // Sorted, so that when two links reach the same folder the same one is listed every time.
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => byCodeUnits(a.name, b.name));
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    // Relative paths always use "/" so that the stored identity does not depend on the platform.
    const rel = relDir ? `${relDir}/${entry.name}` : entry.name;
    const kind = await entryKind(full, entry);
    if (kind === "dir") await collect(full, rel, seen, files);
    else if (kind === "file" && isImportable(entry.name)) files.push({ path: full, relPath: rel });
  }
}

async function entryKind(full: string, entry: Dirent): Promise<"dir" | "file" | "other"> {
  if (!entry.isSymbolicLink()) return entry.isDirectory() ? "dir" : entry.isFile() ? "file" : "other";
  try {
    const target = await stat(full);
    return target.isDirectory() ? "dir" : target.isFile() ? "file" : "other";
  } catch {
    // A dangling link is not an error for an import: there is simply nothing to read.
    return "other";
  }
}

function isImportable(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.endsWith(".md") && lower !== "readme.md";
}
