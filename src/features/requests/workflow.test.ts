import { describe, expect, it } from "vitest";
import type { TPrincipal, TRole } from "../../platform/auth/permissions";
import type { TClockState } from "./compute-due-date";
import type { TRequestRow } from "./requests.repository";
import type { TActionType } from "./requests.schemas";
import { assertMayTake, availableActions, WORKFLOW } from "./workflow";

const LEAD = 1;
const HELPER = 2;
const as = (role: TRole, unitId: number | null): TPrincipal => ({
  userId: 1,
  username: role,
  displayName: role,
  roles: [{ role, unitId }],
  mustChangePassword: false,
});
const request = (status: TClockState) => ({ unitId: LEAD, status }) as TRequestRow;
const STATES: TClockState[] = [
  "awaiting_confirmation",
  "running",
  "awaiting_correction",
  "paused",
  "concluded",
];

describe("the workflow table", () => {
  it("offers on the page exactly the actions the server lets the same person take", () => {
    for (const p of [
      as("office", null),
      as("unit_liaison", LEAD),
      as("unit_head", LEAD),
      as("unit_head", HELPER),
    ])
      for (const state of STATES) {
        const accepted = (Object.keys(WORKFLOW) as TActionType[]).filter((type) => {
          try {
            assertMayTake(p, request(state), type, state);
            return true;
          } catch {
            return false;
          }
        });
        expect(availableActions(p, request(state)), `${p.username} ${state}`).toEqual(accepted);
      }
  });

  it("gives a co-handling unit only its opinion, and the lead unit the reply, the clock and the extension", () => {
    expect(availableActions(as("unit_head", HELPER), request("running"))).toEqual(["opinion"]);
    const lead = availableActions(as("unit_head", LEAD), request("running"));
    expect(lead).toEqual(
      expect.arrayContaining(["reply", "request_correction", "consultation_started", "extend"]),
    );
    expect(lead).not.toContain("assign");
    expect(availableActions(as("unit_liaison", LEAD), request("running"))).not.toContain("extend");
    expect(availableActions(as("unit_head", LEAD), request("paused"))).toEqual(
      expect.arrayContaining(["fee_notice", "consultation_ended", "fee_paid"]),
    );
    expect(availableActions(as("office", null), request("concluded"))).toEqual([]);
  });
});
