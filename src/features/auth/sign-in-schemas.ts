import { z } from 'zod';

export const sauresSignInSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'Enter your e-mail.')
    .pipe(z.email('Enter a valid e-mail address, like name@example.com.')),
  password: z.string().min(1, 'Enter your password.'),
});
export type SauresSignInValues = z.infer<typeof sauresSignInSchema>;

export const besmartSignInSchema = z.object({
  login: z.string().trim().min(1, 'Enter your login.'),
  password: z.string().min(1, 'Enter your password.'),
  workspaceKey: z.string().trim().min(1, 'Enter the workspace key (sent as X-Auth).'),
});
export type BesmartSignInValues = z.infer<typeof besmartSignInSchema>;
