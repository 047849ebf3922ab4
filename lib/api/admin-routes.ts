import { z } from "zod";
import { createAccount, listUsers, resetPassword, setAccountDisabled, updateAccount } from "@/lib/auth/accounts";
import { ZText } from "@/lib/report/report-schema";
import { userRoles } from "@/lib/store/schema";
import {
  addUnit,
  createUnitsFromList,
  listUnits,
  moveUnit,
  removeUnit,
  renameUnit,
  restoreUnit,
  updateUnitDeadline,
} from "@/lib/store/unit-store";
import { RequestError } from "./api-response";
import { route } from "./route";

const ZUnitId = (message: string) => z.string().uuid(message);

/** How the unit and account fields are named in messages. */
const labels = {
  name: "名称",
  list: "单位名单",
  parentId: "上级单位",
  deadline: "截止日期",
  archived: "归档",
  username: "用户名",
  password: "密码",
  role: "角色",
  unitId: "所属单位",
  disabled: "停用",
};

const ZUnitRequest = z.union([
  z
    .object({
      name: ZText(200),
      parentId: ZUnitId("上级单位编号不对").nullish(),
      deadline: ZText(5).optional(),
    })
    .strict(),
  z.object({ list: ZText(100_000), parentId: ZUnitId("上级单位编号不对").nullish() }).strict(),
]);

/** GET /api/units: every unit (administrators), or those the person may see. */
export const getUnits = route({ access: "signed-in" }, async ({ context: { root, scopes } }) => {
  const units = await listUnits(root.db);
  return Response.json({ units: scopes.read === null ? units : units.filter((unit) => scopes.read!.includes(unit.id)) });
});

/**
 * POST /api/units: one unit, or a pasted list (one a line, indentation or a parent column giving the
 * tree) added under `parentId`; units the list names that exist are answered in `matched`.
 */
export const postUnits = route(
  { access: "admin", body: ZUnitRequest, labels: { ...labels, name: "单位名称" } },
  async ({ context: { root, actor }, body }) => {
    if ("list" in body) {
      const { created, matched } = await createUnitsFromList(root.db, body.list, { parentId: body.parentId ?? null, by: actor });
      return Response.json({ units: created, matched }, { status: created.length > 0 ? 201 : 200 });
    }
    return Response.json({ units: [await addUnit(root.db, body, actor)] }, { status: 201 });
  },
);

const ZUnitChange = z
  .object({
    deadline: ZText(5).optional(),
    name: ZText(200).optional(),
    /** A new parent; null: a top unit. */
    parentId: ZUnitId("上级单位编号不对").nullable().optional(),
    /** false: bring an archived unit back (archiving is DELETE). */
    archived: z.literal(false).optional(),
  })
  .strict();

/** PATCH /api/units/[id]: the deadline (MM-DD), a new name, a new parent, or restoring an archived unit; each recorded. */
export const patchUnit = route(
  { access: "admin", params: { id: "unit" }, body: ZUnitChange, labels: { ...labels, name: "单位名称" } },
  async ({ context: { root, actor }, params: { id }, body: change }) => {
    if (change.archived === false) await restoreUnit(root.db, id, actor);
    if (change.name !== undefined) await renameUnit(root.db, id, change.name, actor);
    if (change.parentId !== undefined) await moveUnit(root.db, id, change.parentId, actor);
    if (change.deadline !== undefined) await updateUnitDeadline(root.db, id, change.deadline, actor);
    const unit = (await listUnits(root.db)).find((candidate) => candidate.id === id);
    if (!unit) throw new RequestError("找不到这个单位", 404);
    return Response.json({ unit });
  },
);

/**
 * DELETE /api/units/[id]: a unit with nothing is deleted; one with reports or accounts is archived
 * (its reports stay readable); `outcome` says which.
 */
export const deleteUnit = route(
  { access: "admin", params: { id: "unit" } },
  async ({ context: { root, actor }, params: { id } }) => Response.json(await removeUnit(root.db, id, actor)),
);

const ZRole = z.enum(userRoles, { message: "角色应为填报人（filler）、审核人（reviewer）或管理员（admin）" });

const ZNewUser = z
  .object({
    username: ZText(100),
    name: ZText(100),
    password: ZText(200),
    role: ZRole,
    unitId: ZUnitId("请选择所属单位"),
  })
  .strict();

const ZUserChange = z
  .object({
    role: ZRole.optional(),
    unitId: ZUnitId("单位编号不对").optional(),
    name: ZText(100).optional(),
    disabled: z.boolean().optional(),
  })
  .strict();

const userLabels = { ...labels, name: "姓名" };

export const getUsers = route({ access: "admin" }, async ({ context: { root } }) =>
  Response.json({ users: await listUsers(root.db) }),
);

export const postUser = route(
  { access: "admin", body: ZNewUser, labels: userLabels },
  async ({ context: { root, actor }, body }) =>
    Response.json({ user: await createAccount(root.db, body, actor) }, { status: 201 }),
);

/**
 * PATCH /api/users/[id]: role, unit, name, or disabled (which ends the person's sessions); never
 * one's own role, never leaving the office without an administrator; each change recorded.
 */
export const patchUser = route(
  { access: "admin", params: { id: "user" }, body: ZUserChange, labels: userLabels },
  async ({ context: { root, actor }, params: { id }, body: { disabled, ...changes } }) => {
    const user = await updateAccount(root.db, id, changes, actor);
    if (disabled !== undefined) await setAccountDisabled(root.db, id, disabled, actor);
    return Response.json({ user: disabled === undefined ? user : { ...user, disabled } });
  },
);

/** POST /api/users/[id]/password: the administrator sets a new password, to be changed at the next sign-in. */
export const resetUserPassword = route(
  { access: "admin", params: { id: "user" }, body: z.object({ password: ZText(200) }).strict(), labels: userLabels },
  async ({ context: { root, actor }, params: { id }, body: { password } }) => {
    await resetPassword(root.db, id, password, actor);
    return Response.json({ reset: true });
  },
);
