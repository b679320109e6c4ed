/** The recorder's name and version, written into every tape header. */
export const RECORDER_TOOL = { name: '@ccr-kit/recorder', version: '0.1.0' } as const;
