import * as v from 'valibot';
import { PORTFOLIO_LIMITS } from '../portfolio-limits';
import { ScenarioMethod } from '../portfolio-types';
import { objectOf, pathTo, passed } from './cross-checks';
import { choiceField, numberField } from './field-schemas';
import { fileObject } from './file-object';

/**
 * The portfolio file's optional `model` section (DESIGN.md §4): how the Expected Shortfall is
 * simulated. Absent settings take the defaults of measure/model-settings.ts, reported back.
 * Horizon, scenarios and liquidation paths are capped by portfolio-limits.ts.
 */

const distributionFields = fileObject(
  {
    type: choiceField(['normal', 'student-t']),
    nu: v.optional(numberField({ min: 2, exclusiveMin: true, max: 1000 })),
  },
  { what: 'a distribution field', lastJoin: 'and' },
);

/** `normal`, or `student-t` with its degrees of freedom `nu`. */
export const distributionSchema = v.pipe(
  distributionFields,
  v.rawCheck(({ dataset, addIssue }) => {
    const distribution = objectOf<v.InferOutput<typeof distributionFields>>(dataset);
    if (!distribution) return;
    if (!passed(dataset, ['type']) || !passed(dataset, ['nu'])) return;
    if (distribution.type === 'student-t' && distribution.nu === undefined)
      addIssue({
        message:
          'a student-t distribution needs nu, its degrees of freedom (a number > 2 ≤ 1000, e.g. 4)',
        path: pathTo(distribution, ['nu']),
      });
    if (distribution.type === 'normal' && distribution.nu !== undefined)
      addIssue({
        message: 'only a student-t distribution takes nu; remove it or set type "student-t"',
        path: pathTo(distribution, ['nu']),
      });
  }),
);

export const modelSchema = fileObject(
  {
    method: v.optional(
      choiceField([
        ScenarioMethod.montecarlo,
        ScenarioMethod.historical,
        ScenarioMethod.parametric,
      ]),
    ),
    distribution: v.optional(distributionSchema),
    confidence: v.optional(numberField({ min: 0.5, exclusiveMin: true, max: 0.9999 })),
    horizonHours: v.optional(numberField({ min: 1, max: PORTFOLIO_LIMITS.horizonHours })),
    scenarios: v.optional(
      numberField({ min: 100, max: PORTFOLIO_LIMITS.scenarios, integer: true }),
    ),
    seed: v.optional(numberField({ min: 0, max: 0xffffffff, integer: true })),
    /** Paths for the liquidation probability simulation. */
    liquidationPaths: v.optional(
      numberField({ min: 100, max: PORTFOLIO_LIMITS.liquidationPaths, integer: true }),
    ),
  },
  { what: 'a model setting' },
);
