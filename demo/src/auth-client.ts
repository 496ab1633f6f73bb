import { createAuthClient } from "better-auth/react";

/** Same origin as the page, so the base URL is inferred. */
export const authClient = createAuthClient();
