export const PACKAGE_NAME = '@ccr-kit/client';
