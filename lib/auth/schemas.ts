import { z } from "zod";

/** The sign-in form: shared by the client form and the server. */
export const signInSchema = z.object({
  email: z.string().trim().min(1, "Enter your email address").max(254, "Enter a shorter email address").email("Enter an email address in the correct format, like name@example.org"),
  password: z.string().min(1, "Enter your password").max(200, "Enter a shorter password"),
});

export type SignInInput = z.infer<typeof signInSchema>;
