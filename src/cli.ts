import { parseArgs } from "node:util";
import { Presets, SingleBar } from "cli-progress";
import { z } from "zod";
import { sendOutbox } from "./features/alerts";
import { loadWorkCalendar, todayInChina } from "./features/calendar";
import { importDocuments } from "./features/documents";
import { createUser, listUnits, resetPassword } from "./features/org";
import { sendDueReminders } from "./features/requests";
import { type TActor, verifyAuditChain } from "./platform/audit";
import { ROLES } from "./platform/auth/permissions";
import { loadConfig } from "./platform/config";
import { openDatabase, type TDatabase } from "./platform/db";
import { migrate } from "./platform/db/migrate";
import { AppError } from "./platform/errors";
import { createMailer } from "./platform/mailer";
import { parseOrThrow } from "./platform/validation";

const CLI_ACTOR: TActor = { userId: null, name: "命令行", ip: "", requestId: "cli" };

const USAGE = `用法：npm run gongkai -- <命令> [选项]

命令：
  user:create --username 用户名 --name 姓名 --password 密码 [--role 角色[@单位编号]]...
      创建工作人员账号。角色：${ROLES.join("、")}；单位角色须写 @单位编号，如 unit_editor@8。
  user:reset-password --username 用户名 --password 新密码
      重置密码；该用户下次登录须修改密码，其所有会话立即失效，全部访问令牌撤销。
  密码至少 10 个字符，且不能是常见密码、重复或连续的字符、键盘上相邻的键、日期或用户名、姓名。
  audit:verify
      校验操作日志的哈希链，报告第一条被篡改或断链的记录。
  reminders:send
      立即发送到期提醒邮件（需设置 GONGKAI_SMTP_URL；每件每种提醒只发一次）。
  alerts:send
      立即发送到期的订阅提醒、汇总、确认邮件和接口推送（邮件需设置 GONGKAI_SMTP_URL）。
  import <目录> [--unit 单位编号或名称]
      导入目录下的 Markdown 法规文本（格式见 docs/IMPORT.md），作为该单位发布的公开文件；
      默认单位为政府办公室。可重复运行：已导入的文件不会重复，文本有变化的会更新。
`;

type TOut = { log: (s: string) => void; error: (s: string) => void };

const ZRoleArg = z.string().regex(/^[a-z_]+(@\d+)?$/, "角色格式应为 角色 或 角色@单位编号");

/** Runs one CLI command against an open database; returns the process exit code. */
export async function runCli(argv: string[], database: TDatabase, out: TOut = console): Promise<number> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      username: { type: "string" },
      name: { type: "string" },
      password: { type: "string" },
      role: { type: "string", multiple: true },
      unit: { type: "string" },
    },
    strict: true,
    allowPositionals: true,
  });
  try {
    switch (command) {
      case "user:create": {
        const roles = (values.role ?? []).map((r) => {
          const [role, unit] = parseOrThrow(ZRoleArg, r).split("@");
          return { role, unitId: unit ? Number(unit) : null };
        });
        const user = await createUser(database.db, CLI_ACTOR, {
          ...parseOrThrow(
            z.object({
              username: z.string().min(2),
              displayName: z.string().min(1),
              password: z.string().min(10, "密码至少 10 个字符"),
              roles: z.array(z.object({ role: z.enum(ROLES), unitId: z.number().nullable() })),
            }),
            { username: values.username, displayName: values.name, password: values.password, roles },
          ),
        });
        out.log(`已创建用户 ${user.username}（编号 ${user.id}），首次登录须修改密码。`);
        return 0;
      }
      case "user:reset-password": {
        const input = parseOrThrow(
          z.object({ username: z.string().min(1), password: z.string().min(10, "密码至少 10 个字符") }),
          values,
        );
        await resetPassword(database.db, CLI_ACTOR, input.username, input.password);
        out.log(`已重置 ${input.username} 的密码。`);
        return 0;
      }
      case "audit:verify": {
        const r = await verifyAuditChain(database.db);
        if (r.firstBroken) {
          out.error(
            `操作日志校验失败：第 ${r.firstBroken.id} 号记录${r.firstBroken.reason}（此前 ${r.checked} 条完好）。`,
          );
          return 1;
        }
        out.log(`操作日志完好：共 ${r.checked} 条记录，哈希链连续。`);
        return 0;
      }
      case "reminders:send": {
        const config = loadConfig();
        const mailer = createMailer(config.smtpUrl, config.mailFrom);
        if (!mailer.isConfigured) {
          out.error("未设置 GONGKAI_SMTP_URL，不能发送邮件。");
          return 1;
        }
        const r = await sendDueReminders(
          database.db,
          mailer,
          todayInChina(),
          await loadWorkCalendar(database.db),
        );
        out.log(`已发送 ${r.sent} 封提醒邮件；${r.unaddressed} 件申请的单位没有可用的邮箱。`);
        return 0;
      }
      case "alerts:send": {
        const config = loadConfig();
        const mailer = createMailer(config.smtpUrl, config.mailFrom);
        const r = await sendOutbox(database.db, mailer, {
          baseUrl: config.publicUrl ?? `http://localhost:${config.port}`,
        });
        out.log(
          `已发送 ${r.sent} 项，退信 ${r.bounced} 项，稍后重试 ${r.retried} 项，放弃 ${r.failed} 项，取消 ${r.cancelled} 项。`,
        );
        return 0;
      }
      case "import": {
        const [dir] = positionals;
        if (!dir || positionals.length > 1) {
          out.error(USAGE);
          return 2;
        }
        return await runImport(database, dir, values.unit, out);
      }
      default:
        out.error(USAGE);
        return 2;
    }
  } catch (err) {
    if (err instanceof AppError) {
      const details = err.issues?.map((i) => `  ${i.path}: ${i.message}`).join("\n");
      out.error(details ? `${err.message}\n${details}` : err.message);
      return 1;
    }
    throw err;
  }
}

/** The import command: progress on the terminal, then the report of what could not be derived. */
async function runImport(
  database: TDatabase,
  dir: string,
  unitArg: string | undefined,
  out: TOut,
): Promise<number> {
  const units = await listUnits(database.db);
  const unit = unitArg
    ? units.find((u) => String(u.id) === unitArg || u.name === unitArg || u.aliases.includes(unitArg))
    : (units.find((u) => u.kind === "office") ?? units.find((u) => u.kind === "government"));
  if (!unit) {
    out.error(unitArg ? `找不到单位“${unitArg}”。` : "还没有政府办公室这个单位：请用 --unit 指定发布机构。");
    return 1;
  }
  const bar = process.stderr.isTTY
    ? new SingleBar(
        { format: "导入 [{bar}] {value}/{total} {file}", hideCursor: true },
        Presets.shades_classic,
      )
    : null;
  let lastTenth = 0;
  const started = Date.now();
  const report = await importDocuments(database.db, CLI_ACTOR, {
    root: dir,
    unitId: unit.id,
    onProgress: (done, total, relPath) => {
      if (bar) {
        if (done === 1) bar.start(total, 0, { file: "" });
        bar.update(done, { file: relPath.length > 40 ? `…${relPath.slice(-39)}` : relPath });
        if (done === total) bar.stop();
      } else if (Math.floor((done * 10) / total) > lastTenth) {
        lastTenth = Math.floor((done * 10) / total);
        out.log(`已处理 ${done}/${total}`);
      }
    },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  out.log(
    `共 ${report.files} 个文件，用时 ${seconds} 秒：新增 ${report.created}，更新 ${report.updated}，未变 ${report.unchanged}，跳过 ${report.skipped.length}，失败 ${report.failed.length}。发布机构：${unit.name}。`,
  );
  if (report.underived.length > 0) {
    out.log("未能识别的信息（文件数，示例）：");
    for (const u of report.underived) out.log(`  ${u.problem}：${u.count}（如 ${u.examples.join("；")}）`);
  }
  for (const f of report.skipped) out.log(`  跳过：${f.relPath}：${f.reason}`);
  for (const f of report.failed) out.error(`  失败：${f.relPath}：${f.reason}`);
  return report.failed.length > 0 ? 1 : 0;
}

// Entry point when run as `npm run gongkai -- …`.
if (import.meta.url === `file://${process.argv[1]}`) {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrate(database);
  let code = 2;
  try {
    code = await runCli(process.argv.slice(2), database);
  } catch (err) {
    console.error((err as Error).message);
  } finally {
    await database.close();
  }
  process.exit(code);
}
