import type { StressScenario } from '../../lib/engine';

/**
 * A stress scenario in a trader's words, from the engine's scenario data: "every coin −6σ at
 * once (counted at 35%)", "ETH alone +3σ", "the moves of 12 Mar 2020", "everything −3σ, option
 * vols ×0.75".
 */
export function stressScenarioWords(
  scenario: StressScenario,
  weight: number,
  scanSigmas: number,
): string {
  const counted = weight < 1 ? ` (counted at ${Math.round(weight * 100)}%)` : '';
  switch (scenario.kind) {
    case 'joint':
      return `every coin ${sigmas(scenario.scanFraction, scanSigmas)} at once${volWords(scenario.volFactor)}${counted}`;
    case 'extreme':
      return `every coin ${sigmas(scenario.scanFraction, scanSigmas)} at once${counted}`;
    case 'single-asset':
      return `${scenario.asset} alone ${sigmas(scenario.scanFraction, scanSigmas)}${counted}`;
    case 'historical':
      return `the moves of ${dayWords(scenario.date)}${
        scenario.proxied.length > 0
          ? ` (${scenario.proxied.join(', ')} moved like BTC that day)`
          : ''
      }${counted}`;
  }
}

/**
 * A scan fraction in σ, a scan range being `scanSigmas` horizon σ (the report's
 * `stress.marginScan.scanSigmas`): with 3, −1 → "−3σ", ⅓ → "+1σ", 0 → "±0σ".
 */
export function sigmas(scanFraction: number, scanSigmas: number): string {
  const count = Math.round(scanFraction * scanSigmas * 10) / 10;
  if (count === 0) return '±0σ';
  return `${count < 0 ? '−' : '+'}${Math.abs(count)}σ`;
}

function volWords(factor: number): string {
  return factor === 1 ? '' : `, option vols ×${factor}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2020-03-12" → "12 Mar 2020". */
export function dayWords(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  if (year === undefined || month === undefined || day === undefined) return date;
  return `${day} ${MONTHS[month - 1] ?? ''} ${year}`;
}
