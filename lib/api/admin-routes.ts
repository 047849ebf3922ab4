import { z } from "zod";
import { createAccount, listUsers, resetPassword, setAccountDisabled, updateAccount } from "@/lib/auth/accounts";
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
import { errorResponse, RequestError, readJsonBody } from "./api-response";
import { type RequestContext, requireAdmin, requireContext } from "./request-context";

type IdParams = { params: Promise<{ id: string }> };

async function bodyOf<T>(request: Request, schema: z.ZodType<T>, maxBytes = 100_000): Promise<T> {
  const parsed = schema.safeParse(await readJsonBody(request, maxBytes));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RequestError(issue ? `${issue.path.join(".") || "请求"}：${issue.message}` : "请求格式不对", 400);
  }
  return parsed.data;
}

async function adminContext(request: Request): Promise<RequestContext> {
  const context = await requireContext(request);
  requireAdmin(context);
  return context;
}

const ZUnitRequest = z.union([
  z
    .object({
      name: z.string().max(200),
      parentId: z.string().uuid("上级单位编号不对").nullish(),
      deadline: z.string().max(5).optional(),
    })
    .strict(),
  z.object({ list: z.string().max(100_000), parentId: z.string().uuid("上级单位编号不对").nullish() }).strict(),
]);

/** GET /api/units: every unit (administrators), or those the person may see. */
export async function getUnits(request: Request): Promise<Response> {
  try {
    const { root, scopes } = await requireContext(request);
    const units = await listUnits(root.db);
    return Response.json({ units: scopes.read === null ? units : units.filter((unit) => scopes.read!.includes(unit.id)) });
  } catch (error) {
    return errorResponse(error);
  }
}

/**
 * POST /api/units: one unit, or a pasted list (one a line, indentation or a parent column giving the
 * tree) added under `parentId`; units the list names that exist are answered in `matched`.
 */
export async function postUnits(request: Request): Promise<Response> {
  try {
    const { root, actor } = await adminContext(request);
    const body = await bodyOf(request, ZUnitRequest);
    if ("list" in body) {
      const { created, matched } = await createUnitsFromList(root.db, body.list, { parentId: body.parentId ?? null, by: actor });
      return Response.json({ units: created, matched }, { status: created.length > 0 ? 201 : 200 });
    }
    return Response.json({ units: [await addUnit(root.db, body, actor)] }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}

const ZUnitChange = z
  .object({
    deadline: z.string().max(5).optional(),
    name: z.string().max(200).optional(),
    /** A new parent; null: a top unit. */
    parentId: z.string().uuid("上级单位编号不对").nullable().optional(),
    /** false: bring an archived unit back (archiving is DELETE). */
    archived: z.literal(false).optional(),
  })
  .strict();

/** PATCH /api/units/[id]: the deadline (MM-DD), a new name, a new parent, or restoring an archived unit; each recorded. */
export async function patchUnit(request: Request, { params }: IdParams): Promise<Response> {
  try {
    const { root, actor } = await adminContext(request);
    const { id } = await params;
    const change = await bodyOf(request, ZUnitChange);
    if (change.archived === false) await restoreUnit(root.db, id, actor);
    if (change.name !== undefined) await renameUnit(root.db, id, change.name, actor);
    if (change.parentId !== undefined) await moveUnit(root.db, id, change.parentId, actor);
    if (change.deadline !== undefined) await updateUnitDeadline(root.db, id, change.deadline, actor);
    const unit = (await listUnits(root.db)).find((candidate) => candidate.id === id);
    if (!unit) throw new RequestError("找不到这个单位", 404);
    return Response.json({ unit });
  } catch (error) {
    return errorResponse(error);
  }
}

/**
 * DELETE /api/units/[id]: a unit with nothing is deleted; one with reports or accounts is archived
 * (its reports stay readable); `outcome` says which.
 */
export async function deleteUnit(request: Request, { params }: IdParams): Promise<Response> {
  try {
    const { root, actor } = await adminContext(request);
    return Response.json(await removeUnit(root.db, (await params).id, actor));
  } catch (error) {
    return errorResponse(error);
  }
}

const ZRole = z.enum(userRoles, { message: "角色应为填报人（filler）、审核人（reviewer）或管理员（admin）" });

const ZNewUser = z
  .object({
    username: z.string().max(100),
    name: z.string().max(100),
    password: z.string().max(200),
    role: ZRole,
    unitId: z.string().uuid("请选择所属单位"),
  })
  .strict();

const ZUserChange = z
  .object({
    role: ZRole.optional(),
    unitId: z.string().uuid("单位编号不对").optional(),
    name: z.string().max(100).optional(),
    disabled: z.boolean().optional(),
  })
  .strict();

export async function getUsers(request: Request): Promise<Response> {
  try {
    const { root } = await adminContext(request);
    return Response.json({ users: await listUsers(root.db) });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function postUser(request: Request): Promise<Response> {
  try {
    const { root, actor } = await adminContext(request);
    const body = await bodyOf(request, ZNewUser);
    return Response.json({ user: await createAccount(root.db, body, actor) }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}

/**
 * PATCH /api/users/[id]: role, unit, name, or disabled (which ends the person's sessions); never
 * one's own role, never leaving the office without an administrator; each change recorded.
 */
export async function patchUser(request: Request, { params }: IdParams): Promise<Response> {
  try {
    const { root, actor } = await adminContext(request);
    const { id } = await params;
    const { disabled, ...changes } = await bodyOf(request, ZUserChange);
    const user = await updateAccount(root.db, id, changes, actor);
    if (disabled !== undefined) await setAccountDisabled(root.db, id, disabled, actor);
    return Response.json({ user: disabled === undefined ? user : { ...user, disabled } });
  } catch (error) {
    return errorResponse(error);
  }
}

/** POST /api/users/[id]/password: the administrator sets a new password, to be changed at the next sign-in. */
export async function resetUserPassword(request: Request, { params }: IdParams): Promise<Response> {
  try {
    const { root, actor } = await adminContext(request);
    const { password } = await bodyOf(request, z.object({ password: z.string().max(200) }).strict());
    await resetPassword(root.db, (await params).id, password, actor);
    return Response.json({ reset: true });
  } catch (error) {
    return errorResponse(error);
  }
}
