/** `npm run risk -- [portfolio.json] [--json]` — see lib/cli/run-risk-command.ts. */
import { readFileSync } from 'node:fs';
import { runRiskCommand } from '../lib/cli/run-risk-command';

// Red for danger only on a terminal, and not when NO_COLOR is set (https://no-color.org).
const colour = process.stdout.isTTY === true && !process.env.NO_COLOR;
const result = runRiskCommand(process.argv.slice(2), (file) => readFileSync(file, 'utf8'), {
  colour,
});
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
process.exitCode = result.exitCode;
