// Stands in for expo-web-browser in tests (React Native is not installed here); tests replace it with vi.mock.
export {};
