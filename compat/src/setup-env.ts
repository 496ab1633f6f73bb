// better-auth 1.7 relaxes its origin and callback checks when it believes it runs under a test
// runner (NODE_ENV=test or TEST set, as vitest does): compare its real behaviour instead.
process.env.NODE_ENV = "development";
delete process.env.TEST;
