import { afterAll, beforeAll, expect, it } from "vitest";
import { api, seedOrg, tokenFor } from "../../../test/http";
import { createTestApp, describeDb, type TTestApp } from "../../../test/test-db";
import { readSetting, writeSetting } from "../../platform/db/settings";
import { actionsOf, findRequest } from "./requests.repository";

// jsonb columns are parsed once (jsonValue): Drizzle's own jsonb parsed strings again, so a
// name such as "-1" could come back as the number -1.
describeDb("jsonb columns read back what was written", () => {
  let t: TTestApp;
  let office: string;
  beforeAll(async () => {
    t = await createTestApp();
    await seedOrg(t.db);
    office = await tokenFor(t, "office");
  });
  afterAll(() => t?.close());

  it('keeps an applicant named "-1" and a string payload "123" as strings', async () => {
    const r = await api(t, "POST", "/api/v1/requests", {
      token: office,
      json: {
        applicant: { kind: "natural_person", name: "-1", contactPerson: "123" },
        channel: "mail",
        receivedAt: "2025-09-01",
        description: "申请公开某项目的环评批复文件",
      },
    });
    expect(r.status).toBe(201);
    const id = r.data.id as number;
    const noted = await api(t, "POST", `/api/v1/requests/${id}/actions`, {
      token: office,
      json: { type: "consultation_started", date: "2025-09-02", party: "123" },
    });
    expect(noted.status).toBe(200);

    const row = await findRequest(t.db, id);
    expect(row?.applicant.name).toBe("-1");
    expect(row?.applicant.contactPerson).toBe("123");
    const consulted = (await actionsOf(t.db, id)).find((a) => a.type === "consultation_started");
    expect(consulted?.payload.party).toBe("123");
    expect((await api(t, "GET", `/api/v1/requests/${id}`, { token: office })).data.applicant.name).toBe("-1");
  });

  it('keeps a setting that is the string "123" a string', async () => {
    await writeSetting(t.db, "test.string", "123");
    expect(await readSetting(t.db, "test.string")).toBe("123");
  });
});
