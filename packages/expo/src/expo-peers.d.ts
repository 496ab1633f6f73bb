// Fallback declarations for the optional Expo peers, used only when they are not installed
// (their own types win when they are). The code reads them through the interfaces of
// `expo-modules.ts`, never through these.
declare module "expo-web-browser";
declare module "expo-linking";
declare module "expo-constants";
