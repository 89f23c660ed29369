import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { CHROMIUM_PATH } from './browser.ts';
import { startStack } from './stack.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    lenderUrl: string;
    borrowerUrl: string;
  }
}

/** Builds the portals if needed, starts API (local mode, fresh data) + both previews; stops them after. */
export default async function setup(project: TestProject) {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`No Chromium at ${CHROMIUM_PATH}: apt-get install -y chromium (or set CHROMIUM_PATH).`);
  }
  const stack = await startStack();
  project.provide('apiUrl', stack.apiUrl);
  project.provide('lenderUrl', stack.lenderUrl);
  project.provide('borrowerUrl', stack.borrowerUrl);
  return async () => {
    await stack.stop();
  };
}
