/** Type augmentation of next-auth: our session carries the user id and roles (roles are a display hint). */
import type { DefaultSession } from "next-auth";
import type { Role } from "@/server/auth/roles.ts";

declare module "next-auth" {
  interface Session {
    user: { id: string; roles: Role[] } & DefaultSession["user"];
  }
  interface User {
    roles?: Role[];
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    roles?: Role[];
    /** User.sessionVersion when the session was issued */
    sv?: number;
    /** sign-in time, seconds since epoch */
    authTime?: number;
  }
}
