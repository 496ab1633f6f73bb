/** `better-auth/client/plugins`: client plugins. */
export { type AdditionalFieldsSpec, inferAdditionalFields } from "./additional-fields";
export { genericOAuthClient } from "./generic-oauth";
