import { portalViteConfig } from '../../packages/ui/vite-portal-config.ts';

export default portalViteConfig(5173);
