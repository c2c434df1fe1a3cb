// axe's serious and critical violations inside an element, by rule id (what the tab's views must pass).
import axe from 'axe-core';

export async function seriousViolations(element: Element): Promise<string[]> {
  const results = await axe.run(element, { resultTypes: ['violations'] });
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => violation.id);
}
