// `npm start`: API + lender portal + borrower portal on the embedded default (PGlite in .data/,
// local identity provider, demo data). Ctrl-C stops all three.
import { spawn } from 'node:child_process';
import { bootstrap, root } from './bootstrap.mjs';

bootstrap();

const banner = `
  Lending OS is starting (embedded database in .data/, local sign-in, demo data):

    Lender portal    http://localhost:5173   (sign in as admin@demo-lending.test)
    Borrower portal  http://localhost:5174   (sign in as borrower1@demo-lending.test)
    API              http://127.0.0.1:3000   (GET /health, /trpc/*)
`;
console.log(banner);

const child = spawn(
  'pnpm',
  [
    'exec',
    'turbo',
    'run',
    'dev',
    '--filter=@lending/api',
    '--filter=@lending/lender',
    '--filter=@lending/borrower',
    '--output-logs=full',
    '--log-prefix=task',
  ],
  { cwd: root, stdio: 'inherit', detached: true },
);
const stop = () => {
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {}
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', (code) => process.exit(code ?? 0));
