import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export interface Finding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function seriousViolations(page: Page, name: string): Promise<Finding[]> {
  const results = await new AxeBuilder({ page }).analyze();
  const found = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact ?? '', help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  if (found.length)
    console.log(`axe on ${name}:\n${found.map((f) => `  [${f.impact}] ${f.id}: ${f.help}\n    ${f.targets.join('\n    ')}`).join('\n')}`);
  return found;
}

/**
 * Visible controls smaller than 44×44 CSS px (WCAG 2.5.5). A visually hidden input (Mantine's
 * Switch) is measured by its label, which is what a finger actually hits.
 */
export async function smallTouchTargets(page: Page, name: string): Promise<string[]> {
  const small = await page.evaluate(() => {
    const selector =
      'button, a[href], input:not([type=hidden]), select, textarea, [role=button], [role=checkbox], [role=combobox], [role=menuitem], [role=tab]';
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      let box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      if (el.closest('[aria-hidden="true"]') || el.closest('[data-position="right"] input')) continue;
      // A tap on an input's label works the input: the label is the target.
      const label = el.closest('label') ?? (el.id ? document.querySelector<HTMLElement>(`label[for="${el.id}"]`) : null);
      if (box.width < 2 || box.height < 2 || style.opacity === '0') {
        if (!label) continue;
        box = label.getBoundingClientRect();
      }
      if (box.width === 0 && box.height === 0) continue; // not rendered (e.g. a closed drawer's content)
      // An input's visible box is its Mantine wrapper, which carries the height, else its label.
      const wrapper = el.tagName === 'INPUT' ? el.closest('.mantine-Input-wrapper') : null;
      const labelBox = el.tagName === 'INPUT' && label ? label.getBoundingClientRect() : null;
      const target = wrapper
        ? wrapper.getBoundingClientRect()
        : labelBox && labelBox.width * labelBox.height > box.width * box.height
          ? labelBox
          : box;
      if (target.height < 43.5 || target.width < 43.5) {
        const text = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40);
        out.push(`${el.tagName.toLowerCase()} "${text}" ${Math.round(target.width)}×${Math.round(target.height)}`);
      }
    }
    return out;
  });
  if (small.length) console.log(`small touch targets on ${name}:\n  ${small.join('\n  ')}`);
  return small;
}

/** Fails the test on serious or critical axe violations or small touch targets, once the page has settled. */
export async function expectAccessible(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  expect(await seriousViolations(page, name), `axe: ${name}`).toEqual([]);
  expect(await smallTouchTargets(page, name), `touch targets: ${name}`).toEqual([]);
}
