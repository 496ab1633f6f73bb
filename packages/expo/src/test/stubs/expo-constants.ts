// Stands in for expo-constants in tests (React Native is not installed here); tests replace it with vi.mock.
export {};
