export { memoryStorage } from "./memory";
