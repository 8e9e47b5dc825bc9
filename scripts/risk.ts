/** `npm run risk -- [portfolio.json] [--json]` — see lib/cli/run-risk-command.ts. */
import { readFileSync } from 'node:fs';
import { runRiskCommand } from '../lib/cli/run-risk-command';

const result = runRiskCommand(process.argv.slice(2), (file) => readFileSync(file, 'utf8'));
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
process.exitCode = result.exitCode;
