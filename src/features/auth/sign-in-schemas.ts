import { z } from 'zod';

// Messages are i18n keys, translated where they are shown.
export const sauresSignInSchema = z.object({
  email: z.string().trim().min(1, 'validation.emailRequired').pipe(z.email('validation.emailInvalid')),
  password: z.string().min(1, 'validation.passwordRequired'),
});
export type SauresSignInValues = z.infer<typeof sauresSignInSchema>;

export const besmartSignInSchema = z.object({
  login: z.string().trim().min(1, 'validation.loginRequired'),
  password: z.string().min(1, 'validation.passwordRequired'),
  workspaceKey: z.string().trim().min(1, 'validation.workspaceKeyRequired'),
});
export type BesmartSignInValues = z.infer<typeof besmartSignInSchema>;
