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
  workspaceKey: z.string().check(z.trim(), z.minLength(1, 'validation.workspaceKeyRequired')),
});
export type BesmartSignInValues = z.infer<typeof besmartSignInSchema>;
