/** Reads and writes of the `passkey` table. */
import type { FullAuthContext } from "../../context/full-context";
import type { Passkey } from "./types";

const MODEL = "passkey";

export function listPasskeysOf(context: FullAuthContext, userId: string) {
	return context.adapter.findMany<Passkey>({ model: MODEL, where: [{ field: "userId", value: userId }] });
}

export function findPasskey(context: FullAuthContext, id: string) {
	return context.adapter.findOne<Passkey>({ model: MODEL, where: [{ field: "id", value: id }] });
}

export function findByCredentialID(context: FullAuthContext, credentialID: string) {
	return context.adapter.findOne<Passkey>({ model: MODEL, where: [{ field: "credentialID", value: credentialID }] });
}

export function createPasskey(context: FullAuthContext, data: Omit<Passkey, "id">) {
	return context.adapter.create<Omit<Passkey, "id">, Passkey>({ model: MODEL, data });
}

export function updatePasskeyRow(context: FullAuthContext, id: string, update: Partial<Passkey>) {
	return context.adapter.update<Passkey>({ model: MODEL, where: [{ field: "id", value: id }], update });
}

export function deletePasskeyRow(context: FullAuthContext, id: string) {
	return context.adapter.delete({ model: MODEL, where: [{ field: "id", value: id }] });
}

/** The passkey `id` if it belongs to `userId`; another user's passkey is treated as absent. */
export async function findOwnPasskey(context: FullAuthContext, id: string, userId: string) {
	const passkey = await findPasskey(context, id);
	return passkey && passkey.userId === userId ? passkey : null;
}
