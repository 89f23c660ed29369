import type { RouterOutputs } from '@lending/core/router';

export type Workspace = RouterOutputs['applications']['workspace'];
