import { eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, expect, it } from "vitest";
import { api, seedOrg, tokenFor, Visitor } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";
import { users } from "../../platform/db/tables";
import { createMailer } from "../../platform/mailer";
import { loadWorkCalendar } from "../calendar";
import { handOverLiaison } from "../org";
import { reminderKind, sendDueReminders } from "./reminders";

describeDb("deadline reminders", () => {
  let t: TTestApp;
  let smtp: SMTPServer;
  let port = 0;
  const inbox: { to: string[]; body: string }[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    const { unitA } = await seedOrg(t.db);
    await t.db.update(users).set({ email: "head-a@example.gov.cn" }).where(eq(users.username, "a.head"));
    await handOverLiaison(t.db, { userId: null, name: "测试", ip: "", requestId: "" }, unitA.id, {
      name: "联络员甲",
      position: "",
      phone: "",
      mobile: "",
      email: "liaison-a@example.gov.cn",
      startedOn: "2025-01-02",
      handoverNote: "",
    });
    // A real SMTP server on loopback receives what the platform sends.
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, session, callback) {
        let body = "";
        stream.on("data", (d) => {
          body += d;
        });
        stream.on("end", () => {
          inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), body });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
    port = (smtp.server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
    await t?.close();
  });

  it("knows which reminder a due date calls for", async () => {
    const cal = await loadWorkCalendar(t.db);
    // Mon 2025-09-22: two working days later is Wed 09-24, five is Sun 09-28 (a worked Sunday).
    expect(reminderKind("2025-09-19", "2025-09-22", cal)).toBe("overdue");
    expect(reminderKind("2025-09-24", "2025-09-22", cal)).toBe("due_in_2");
    expect(reminderKind("2025-09-28", "2025-09-22", cal)).toBe("due_in_5");
    expect(reminderKind("2025-09-29", "2025-09-22", cal)).toBeNull();
  });

  it("e-mails the unit's head and liaison once per request, kind and due date", async () => {
    const token = await tokenFor(t, "a.head");
    // Received Mon 2025-09-01 → due Sun 2025-09-28; on 2025-09-22 that is within 5 working days.
    const r = await api(t, "POST", "/api/v1/requests", {
      token,
      json: {
        applicant: { kind: "natural_person", name: "郑十" },
        channel: "mail",
        receivedAt: "2025-09-01",
        description: "申请公开某项信息",
      },
    });
    const cal = await loadWorkCalendar(t.db);
    const mailer = createMailer(`smtp://127.0.0.1:${port}`, "gongkai@example.gov.cn");
    expect(await sendDueReminders(t.db, mailer, "2025-09-22", cal, "https://gk.example")).toEqual({
      sent: 1,
      unaddressed: 0,
    });
    expect(await sendDueReminders(t.db, mailer, "2025-09-23", cal)).toEqual({ sent: 0, unaddressed: 0 });
    // Closer to the deadline, and after it, one more each.
    expect((await sendDueReminders(t.db, mailer, "2025-09-25", cal)).sent).toBe(1);
    expect((await sendDueReminders(t.db, mailer, "2025-09-29", cal)).sent).toBe(1);
    expect(inbox).toHaveLength(3);
    expect(inbox[0]?.to).toEqual(["head-a@example.gov.cn", "liaison-a@example.gov.cn"]);
    expect(inbox[0]?.body).toContain(`/admin/requests/${r.data.id}`);
  });

  it("lists overdue requests on the unit head's dashboard, and not on another unit's", async () => {
    const a = await new Visitor(t).login("a.head");
    expect((await a.get("/admin")).text).toMatch(/已逾期（[1-9]\d* 项）/);
    const b = await new Visitor(t).login("b.head");
    expect((await b.get("/admin")).text).toContain("已逾期（0 项）");
  });
});
