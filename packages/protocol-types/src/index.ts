export const PACKAGE_NAME = '@ccr-kit/protocol-types';
