/** `better-auth/crypto` */
export { makeSignature, signValue, verifySignedValue } from "./hmac";
export { hashPassword, verifyPassword } from "./password";
export { type Alphabet, constantTimeEqual, generateRandomString } from "./random";
export { symmetricDecrypt, symmetricEncrypt } from "./symmetric";
