export const PACKAGE_NAME = '@ccr-kit/mock-server';
