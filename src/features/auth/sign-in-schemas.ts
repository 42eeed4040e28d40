import * as z from 'zod/mini';

// Messages are i18n keys, translated where they are shown. zod/mini: these load with the sign-in page.
export const sauresSignInSchema = z.object({
  email: z.pipe(
    z.string().check(z.trim(), z.minLength(1, 'validation.emailRequired')),
    z.email('validation.emailInvalid'),
  ),
  password: z.string().check(z.minLength(1, 'validation.passwordRequired')),
});
export type SauresSignInValues = z.infer<typeof sauresSignInSchema>;

export const besmartSignInSchema = z.object({
  login: z.string().check(z.trim(), z.minLength(1, 'validation.loginRequired')),
  password: z.string().check(z.minLength(1, 'validation.passwordRequired')),
  /** Optional: only besmart v0.1.5 servers need it (as X-Auth); current ones ignore it. */
  workspaceKey: z.string().check(z.trim()),
});
export type BesmartSignInValues = z.infer<typeof besmartSignInSchema>;
