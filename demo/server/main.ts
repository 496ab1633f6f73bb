/** `pnpm start`: the demo at http://localhost:3000 (PORT to change it). */
import { fileURLToPath } from "node:url";
import { createDemo, developmentSecret } from "./app";

const root = fileURLToPath(new URL("..", import.meta.url));
const port = Number(process.env.PORT ?? 3000);
const baseURL = process.env.BETTER_AUTH_URL ?? `http://localhost:${port}`;

const demo = await createDemo({
	databaseFile: process.env.DEMO_DATABASE ?? `${root}data/demo.db`,
	secret: developmentSecret(`${root}data/.secret`),
	baseURL,
	staticDir: `${root}dist`,
});
demo.server.listen(port, () => {
	console.log(`\n  Better Auth demo: ${baseURL}\n  auth API:         ${baseURL}/api/auth/ok\n`);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
	process.on(signal, () => void demo.close().then(() => process.exit(0)));
}
