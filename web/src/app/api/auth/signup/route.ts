/** POST /api/auth/signup {email, password, name} → 201 {user}; 400 field errors; 409 e-mail taken. */
import { NextResponse } from "next/server";
import { signUp } from "@/features/auth/credentials.ts";
import { signUpSchema } from "@/features/auth/schemas.ts";
import { db } from "@/server/db.ts";
import { jsonBody, route } from "@/server/http.ts";

export const POST = route(async (req: Request) => {
  const input = await jsonBody(req, signUpSchema);
  const user = await signUp(db(), input);
  return NextResponse.json({ user: { id: user.id, email: user.email, name: user.name } }, { status: 201 });
});
