// Stands in for expo-linking in tests (React Native is not installed here); tests replace it with vi.mock.
export {};
