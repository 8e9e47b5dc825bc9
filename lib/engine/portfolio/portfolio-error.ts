/**
 * A portfolio file that cannot be used. `problems` lists every field that was wrong, each
 * naming where it is (account, position, field) and what was expected.
 */
export class PortfolioError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    const head =
      problems.length === 1
        ? 'The portfolio file has a problem'
        : `The portfolio file has ${problems.length} problems`;
    super(`${head}:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'PortfolioError';
    this.problems = problems;
  }
}
