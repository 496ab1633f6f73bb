/** `better-auth/client/plugins`: client plugins. */
export { type AdditionalFieldsSpec, inferAdditionalFields } from "./additional-fields";
export { customSessionClient } from "./custom-session";
export { genericOAuthClient } from "./generic-oauth";
export { lastLoginMethodClient } from "./last-login-method";
export { usernameClient } from "./username";
