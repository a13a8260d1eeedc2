/**
 * zod schemas of every auth input. Field error messages are stable codes (`invalid_email`, `too_short`,
 * `required`, `taken`, `invalid_address`, …) that the UI translates (messages namespace `auth.fieldErrors`).
 */
import { getAddress, isAddress, isHex } from "viem";
import { payoutAddressProblem } from "@/lib/payout-address.ts";
import { z } from "zod";
import { ROLES } from "@/server/auth/roles.ts";

/** Minimum password length (characters). */
export const PASSWORD_MIN = 10;

export const emailSchema = z
  .string({ error: "required" })
  .trim()
  .toLowerCase()
  .min(1, "required")
  .max(254, "too_long")
  .pipe(z.email({ error: "invalid_email" }));

export const passwordSchema = z
  .string({ error: "required" })
  .min(1, "required")
  .min(PASSWORD_MIN, "too_short")
  .max(200, "too_long");

export const displayNameSchema = z.string({ error: "required" }).trim().min(1, "required").max(80, "too_long");

/** An EVM address in any case → EIP-55 checksummed. */
export const addressSchema = z
  .string({ error: "required" })
  .trim()
  .refine((v) => isAddress(v, { strict: false }), "invalid_address")
  .transform((v) => getAddress(v));

export const signUpSchema = z.object({ email: emailSchema, password: passwordSchema, name: displayNameSchema });
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string({ error: "required" }).min(1, "required").max(200, "too_long"),
});
export type SignInInput = z.infer<typeof signInSchema>;

/** A signed EIP-4361 message. */
export const siweProofSchema = z.object({
  message: z.string({ error: "required" }).min(1, "required").max(4_000, "too_long"),
  signature: z
    .string({ error: "required" })
    .refine((v) => isHex(v) && v.length >= 132, "invalid_signature")
    .transform((v) => v as `0x${string}`),
});
export type SiweProof = z.infer<typeof siweProofSchema>;

/** A wallet user adds email + password. */
export const addPasswordSchema = z.object({ email: emailSchema, password: passwordSchema });

/**
 * A signed-in user changes the password: the current one (checked server-side) and a new one that differs
 * from it. Field codes: `required`, `too_short`, `too_long`, `same_password`.
 */
export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "required" }).min(1, "required").max(200, "too_long"),
    newPassword: passwordSchema,
  })
  .refine((v) => v.newPassword !== v.currentPassword, { message: "same_password", path: ["newPassword"] });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

export const profileSchema = z.object({ name: displayNameSchema });

/** A payout address: checksummed, never the zero address or a platform contract (lib/payout-address.ts). */
export const payoutAddressValueSchema = addressSchema.superRefine((v, ctx) => {
  const problem = payoutAddressProblem(v);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

export const becomeProviderSchema = z.object({ payoutAddress: payoutAddressValueSchema });

export const payoutAddressSchema = z.object({ payoutAddress: payoutAddressValueSchema.nullable() });

/** Admin role change: roles to add and to remove (LEARNER can never be removed). */
export const roleChangeSchema = z
  .object({
    add: z.array(z.enum(ROLES)).max(5).default([]),
    remove: z
      .array(z.enum(ROLES).refine((r): boolean => r !== "LEARNER", "learner_permanent"))
      .max(5)
      .default([]),
  })
  .refine((v) => v.add.length + v.remove.length > 0, { message: "required", path: ["add"] })
  .refine((v) => !v.add.some((r) => v.remove.includes(r)), { message: "conflicting", path: ["remove"] });
export type RoleChange = z.infer<typeof roleChangeSchema>;

/** "Forgot password": the account's e-mail address. */
export const passwordResetRequestSchema = z.object({ email: emailSchema });

/** A reset link's token and the new password. */
export const passwordResetSchema = z.object({
  token: z.string({ error: "required" }).min(1, "required").max(100, "invalid_token"),
  password: passwordSchema,
});
