import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listImportFiles } from "./list-import-files";

let root: string;

async function put(relPath: string, text = "# 标题\n"): Promise<void> {
  const full = path.join(root, relPath);
  await mkdir(path.dirname(full), { recursive: true });
  await writeFile(full, text);
}

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "gongkai-import-"));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("listImportFiles", () => {
  it("lists every Markdown file below the folder, sorted by relative path", async () => {
    await put("行政法规/政府信息公开条例(2019-04-03).md");
    await put("DLC/山东地方法规/地方性法规/山东/济南市城市供水条例(2018-07-27).md");
    await put("宪法/宪法.md");
    await put("司法解释/B.MD");

    const files = await listImportFiles(root);

    expect(files.map((f) => f.relPath)).toEqual([
      "DLC/山东地方法规/地方性法规/山东/济南市城市供水条例(2018-07-27).md",
      "司法解释/B.MD",
      "宪法/宪法.md",
      "行政法规/政府信息公开条例(2019-04-03).md",
    ]);
    expect(files[0]?.path).toBe(
      path.join(root, "DLC/山东地方法规/地方性法规/山东/济南市城市供水条例(2018-07-27).md"),
    );
  });

  it("leaves out README files, other file types and hidden folders", async () => {
    await put("README.md");
    await put("行政法规/readme.md");
    await put("行政法规/说明.txt");
    await put(".git/notes.md");
    await put("行政法规/.草稿.md");
    await put("行政法规/条例.md");

    const files = await listImportFiles(root);

    expect(files.map((f) => f.relPath)).toEqual(["行政法规/条例.md"]);
  });

  it("follows a linked folder once and does not loop on a link back up the tree", async () => {
    await put("部门规章/公安部/规定.md");
    await symlink(root, path.join(root, "部门规章", "回到根目录"), "dir");
    await mkdir(path.join(root, "外部"), { recursive: true });
    await put("外部/另一份.md");
    await symlink(path.join(root, "外部"), path.join(root, "链接"), "dir");
    await symlink(path.join(root, "不存在"), path.join(root, "断开的链接.md"));

    const files = await listImportFiles(root);

    expect(files.map((f) => f.relPath)).toEqual(["外部/另一份.md", "部门规章/公安部/规定.md"]);
  });

  it("gives the same list on every run", async () => {
    for (const name of ["c", "a", "b"]) await put(`行政法规/${name}.md`);
    const first = await listImportFiles(root);
    const second = await listImportFiles(root);
    expect(second).toEqual(first);
    expect(first.map((f) => f.relPath)).toEqual(["行政法规/a.md", "行政法规/b.md", "行政法规/c.md"]);
  });

  it("lists nothing in an empty folder", async () => {
    expect(await listImportFiles(root)).toEqual([]);
  });
});
