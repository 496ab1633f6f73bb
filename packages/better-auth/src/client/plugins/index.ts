/** `better-auth/client/plugins`: client plugins. */
export { type AdditionalFieldsSpec, inferAdditionalFields } from "./additional-fields";
export { anonymousClient } from "./anonymous";
export { customSessionClient } from "./custom-session";
export { genericOAuthClient } from "./generic-oauth";
export { lastLoginMethodClient } from "./last-login-method";
export { multiSessionClient } from "./multi-session";
export { usernameClient } from "./username";
