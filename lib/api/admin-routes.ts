import { z } from "zod";
import { createAccount, listUsers, resetPassword, setAccountDisabled, updateAccount } from "@/lib/auth/accounts";
import { userRoles } from "@/lib/store/schema";
import { createUnit, createUnitsFromList, listUnits, updateUnitDeadline } from "@/lib/store/unit-store";
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
    const { root } = await adminContext(request);
    const body = await bodyOf(request, ZUnitRequest);
    if ("list" in body) {
      const { created, matched } = await createUnitsFromList(root.db, body.list, { parentId: body.parentId ?? null });
      return Response.json({ units: created, matched }, { status: created.length > 0 ? 201 : 200 });
    }
    return Response.json({ units: [await createUnit(root.db, body)] }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}

/** PATCH /api/units/[id]: the deadline (MM-DD). */
export async function patchUnit(request: Request, { params }: IdParams): Promise<Response> {
  try {
    const { root } = await adminContext(request);
    const { deadline } = await bodyOf(request, z.object({ deadline: z.string().max(5) }).strict());
    return Response.json({ unit: await updateUnitDeadline(root.db, (await params).id, deadline) });
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
    const { root } = await adminContext(request);
    const body = await bodyOf(request, ZNewUser);
    if (!(await listUnits(root.db)).some((unit) => unit.id === body.unitId)) throw new RequestError("所属单位不存在", 400);
    return Response.json({ user: await createAccount(root.db, body) }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}

/** PATCH /api/users/[id]: role, unit, name, or disabled (which ends the person's sessions). */
export async function patchUser(request: Request, { params }: IdParams): Promise<Response> {
  try {
    const { root, actor } = await adminContext(request);
    const { id } = await params;
    const { disabled, ...changes } = await bodyOf(request, ZUserChange);
    if (changes.unitId && !(await listUnits(root.db)).some((unit) => unit.id === changes.unitId))
      throw new RequestError("所属单位不存在", 400);
    if (id === actor.userId && changes.role && changes.role !== "admin") throw new RequestError("不能取消自己的管理员角色", 409);
    if (disabled !== undefined) await setAccountDisabled(root.db, id, disabled, actor.userId);
    return Response.json({ user: await updateAccount(root.db, id, changes) });
  } catch (error) {
    return errorResponse(error);
  }
}

/** POST /api/users/[id]/password: the administrator sets a new password. */
export async function resetUserPassword(request: Request, { params }: IdParams): Promise<Response> {
  try {
    const { root } = await adminContext(request);
    const { password } = await bodyOf(request, z.object({ password: z.string().max(200) }).strict());
    await resetPassword(root.db, (await params).id, password);
    return Response.json({ reset: true });
  } catch (error) {
    return errorResponse(error);
  }
}
